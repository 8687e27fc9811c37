//! The annexed tables: their titles and columns. A column shows a built-in field under its
//! usual title or one of the plan's choosing, or a value the projects carry in `extra`
//! (建设性质, 联农带农机制 …); widths are the plan's, or follow from the titles.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An annexed table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Title of the table, also the name in the 附件说明.
    pub title: String,
    /// 填报单位
    #[serde(default)]
    pub filler: String,
    /// The table's columns, in order: built-in ones by their titles ("规划投资"), or tables
    /// `{ field = "amount", title = "分配资金" }`, `{ extra = "建设性质" }`; default: the
    /// 峨边 table's ten.
    #[serde(default)]
    pub columns: Option<Vec<ColumnSpec>>,
    /// Relative widths of the columns (same count); default: each column's usual width.
    #[serde(default)]
    pub widths: Option<Vec<u32>>,
    /// Where projects' sub-items go: "行" (indented rows under the project, the default) or
    /// "格内" (listed in the project's 建设内容 cell).
    #[serde(default)]
    pub items: ItemsIn,
}

/// Where an annexed table shows projects' sub-items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
pub enum ItemsIn {
    #[default]
    #[serde(rename = "行")]
    Rows,
    #[serde(rename = "格内")]
    Cell,
}

/// What a column of the project table shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Column {
    Seq,
    Name,
    Content,
    Location,
    Amount,
    Leader,
    Department,
    Implementer,
    Linkage,
    Ownership,
    Deadline,
    Benefit,
    TotalInvestment,
    Sources,
    Start,
    /// A value the projects carry in their `extra` table, by its name ("建设性质").
    Extra(String),
    /// The part of each project's amount from one funding source ("东西部协作资金"), with
    /// subtotals and 合计 like the amount's.
    Source(String),
}

impl Column {
    pub(crate) const ALL: [Column; 15] = [
        Column::Seq,
        Column::Name,
        Column::Content,
        Column::Location,
        Column::Amount,
        Column::Leader,
        Column::Department,
        Column::Implementer,
        Column::Linkage,
        Column::Ownership,
        Column::Deadline,
        Column::Benefit,
        Column::TotalInvestment,
        Column::Sources,
        Column::Start,
    ];

    /// The seed's table: the first ten of `ALL`.
    pub(crate) const DEFAULT: &'static [Column] = Column::ALL.split_at(10).0;

    /// Whether the column holds money that adds up over the table (its 合计 and 小计 are sums).
    pub fn adds_up(&self) -> bool {
        matches!(
            self,
            Column::Amount | Column::TotalInvestment | Column::Source(_)
        )
    }

    /// The column's usual title (an extra column's is its name).
    pub fn title(&self) -> &str {
        match self {
            Column::Seq => "序号",
            Column::Extra(name) | Column::Source(name) => name,
            // A field's column, as the field table titles it.
            field => super::fields::project(field.key())
                .and_then(|f| f.column)
                .unwrap_or_default(),
        }
    }

    /// The project field the column shows (its key in the plan).
    pub fn key(&self) -> &'static str {
        match self {
            Column::Seq => "",
            Column::Name => "name",
            Column::Content => "content",
            Column::Location => "location",
            Column::Amount => "amount",
            Column::Leader => "leader",
            Column::Department => "department",
            Column::Implementer => "implementer",
            Column::Linkage => "linkage",
            Column::Ownership => "ownership",
            Column::Deadline => "deadline",
            Column::Benefit => "benefit",
            Column::TotalInvestment => "total_investment",
            Column::Sources => "sources",
            Column::Start => "start",
            Column::Extra(_) => "extra",
            Column::Source(_) => "sources",
        }
    }

    /// Usual relative width.
    pub fn width(&self) -> u32 {
        match self {
            Column::Seq => 3,
            Column::Name => 12,
            Column::Content | Column::Linkage | Column::Benefit => 16,
            Column::Location | Column::Department => 6,
            Column::Amount | Column::Leader | Column::TotalInvestment => 5,
            Column::Implementer | Column::Ownership | Column::Deadline | Column::Start => 7,
            Column::Sources => 12,
            Column::Extra(_) | Column::Source(_) => 6,
        }
    }

    /// The built-in column with this title (spaces ignored).
    pub(crate) fn by_title(title: &str) -> Option<Column> {
        let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        Column::ALL.into_iter().find(|c| c.title() == t)
    }

    /// The built-in column of this project key ("amount").
    pub(crate) fn by_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// A column as the plan writes it: the field it shows, and optionally its title and width.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    pub column: Column,
    pub title: Option<String>,
    pub width: Option<u32>,
}

impl ColumnSpec {
    pub fn of(column: Column) -> Self {
        Self {
            column,
            title: None,
            width: None,
        }
    }

    /// The title the table prints.
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(self.column.title())
    }
}

impl Annex {
    /// The columns, the plan's or the default ten.
    pub(crate) fn specs(&self) -> Vec<ColumnSpec> {
        match &self.columns {
            Some(c) => c.clone(),
            None => Column::DEFAULT
                .iter()
                .cloned()
                .map(ColumnSpec::of)
                .collect(),
        }
    }

    /// The columns this table has in `plan`: an allocation plan has its own default.
    pub(crate) fn specs_in(&self, plan: &crate::plan::Scheme) -> Vec<ColumnSpec> {
        if plan.allocations.is_empty() {
            self.specs()
        } else {
            self.allocation_specs()
        }
    }

    /// The columns of an allocation plan's table, the plan's or 序号, 乡镇（单位）, 分配资金, 用途.
    pub(crate) fn allocation_specs(&self) -> Vec<ColumnSpec> {
        let titled = |column, title: &str, width| ColumnSpec {
            column,
            title: Some(title.to_string()),
            width: Some(width),
        };
        match &self.columns {
            Some(c) => c.clone(),
            None => vec![
                ColumnSpec::of(Column::Seq),
                titled(Column::Name, "乡镇（单位）", 12),
                titled(Column::Amount, "分配资金", 6),
                titled(Column::Content, "用途", 20),
            ],
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecTable {
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    extra: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    width: Option<u32>,
}

fn titles() -> String {
    Column::ALL
        .iter()
        .map(|c| c.title())
        .collect::<Vec<_>>()
        .join("、")
}

impl<'de> Deserialize<'de> for ColumnSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ColumnSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("列标题（如 \"规划投资\"），或 { field = \"amount\", title = \"分配资金\" }、{ extra = \"建设性质\" }")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ColumnSpec, E> {
                Column::by_title(s).map(ColumnSpec::of).ok_or_else(|| {
                    E::custom(format!(
                        "“{s}”不是内置的列。内置的列：{}；项目自带的其他内容写成 {{ extra = \"{s}\" }}",
                        titles()
                    ))
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ColumnSpec, A::Error> {
                let t = SpecTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let column = match (t.field, t.extra, t.source) {
                    (None, None, Some(s)) if !s.trim().is_empty() => {
                        Column::Source(s.trim().to_string())
                    }
                    (Some(f), None, None) => Column::by_key(&f)
                        .or_else(|| Column::by_title(&f))
                        .ok_or_else(|| {
                            de::Error::custom(format!(
                                "没有名为“{f}”的项目字段；可用：{}",
                                Column::ALL
                                    .iter()
                                    .map(|c| c.key())
                                    .filter(|k| !k.is_empty())
                                    .collect::<Vec<_>>()
                                    .join("、")
                            ))
                        })?,
                    (None, Some(e), None) if !e.trim().is_empty() => {
                        Column::Extra(e.trim().to_string())
                    }
                    _ => {
                        return Err(de::Error::custom(
                            "一列写 field（内置字段）、extra（项目 extra 表中的名称）或 source（资金来源名称），三者选一",
                        ));
                    }
                };
                if t.width == Some(0) {
                    return Err(de::Error::custom("列宽为零：相对宽度用正整数，如 3 或 12"));
                }
                Ok(ColumnSpec {
                    column,
                    title: t.title.filter(|s| !s.trim().is_empty()),
                    width: t.width,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for ColumnSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.title.is_none()
            && self.width.is_none()
            && !matches!(self.column, Column::Extra(_) | Column::Source(_))
        {
            return s.serialize_str(self.column.title());
        }
        let mut m = s.serialize_map(None)?;
        match &self.column {
            Column::Extra(name) => m.serialize_entry("extra", name)?,
            Column::Source(name) => m.serialize_entry("source", name)?,
            c => m.serialize_entry("field", c.key())?,
        }
        if let Some(t) = &self.title {
            m.serialize_entry("title", t)?;
        }
        if let Some(w) = self.width {
            m.serialize_entry("width", &w)?;
        }
        m.end()
    }
}

impl JsonSchema for ColumnSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ColumnSpec".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let titles: Vec<&str> = Column::ALL.iter().map(|c| c.title()).collect();
        let keys: Vec<&str> = Column::ALL
            .iter()
            .map(|c| c.key())
            .filter(|k| !k.is_empty())
            .collect();
        schemars::json_schema!({
            "description": "表格的一列：内置列的标题，或 { field = 字段, title = 标题, width = 宽度 }，或 { extra = 项目 extra 中的名称 }",
            "anyOf": [
                { "type": "string", "enum": titles },
                {
                    "type": "object",
                    "properties": {
                        "field": { "type": "string", "enum": keys },
                        "extra": { "type": "string" },
                        "source": { "type": "string" },
                        "title": { "type": "string" },
                        "width": { "type": "integer", "minimum": 1 }
                    },
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(toml_text: &str) -> Result<ColumnSpec, String> {
        #[derive(serde::Deserialize)]
        struct T {
            c: ColumnSpec,
        }
        toml::from_str::<T>(toml_text)
            .map(|t| t.c)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn columns_by_title_field_or_extra() {
        assert_eq!(
            spec("c = \"规划投资\"").unwrap(),
            ColumnSpec::of(Column::Amount)
        );
        let s = spec("c = { field = \"amount\", title = \"分配资金\", width = 6 }").unwrap();
        assert_eq!(
            (s.column.clone(), s.title(), s.width),
            (Column::Amount, "分配资金", Some(6))
        );
        let s = spec("c = { extra = \"建设性质\" }").unwrap();
        assert_eq!(s.column, Column::Extra("建设性质".into()));
        let s = spec("c = { source = \"自筹\" }").unwrap();
        assert_eq!(s.column, Column::Source("自筹".into()));
        assert!(spec("c = { extra = \"甲\", source = \"乙\" }").is_err());
        assert!(spec("c = \"建设性质\"").unwrap_err().contains("extra"));
        assert!(
            spec("c = { field = \"amout\" }")
                .unwrap_err()
                .contains("没有名为")
        );
    }
}
