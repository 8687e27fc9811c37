//! One project and what it may carry besides its name and amount: 总投资, funding sources,
//! sub-items with amounts, a period, a 跨年度 reason.
//!
//! Only `name` and `amount` are the model's; which other fields a plan must fill is the
//! plan's policy (`[policy] required`). A field left out is not printed anywhere.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::{Date, DateForm};
use super::money::{Money, Unit};

/// One project.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    /// 规划投资（本年度计划投资）, 万元: what the plan's funding adds up from
    pub amount: Money,
    /// 总投资, 万元, when the project costs more than this year's amount
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_investment: Option<Money>,
    /// 资金来源: source and amount, adding up to `amount`
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// 建设规模和内容
    #[serde(default)]
    pub content: String,
    /// 子项: the project's parts with their own amounts, adding up to `amount`
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// 效益, as the body states it
    #[serde(default)]
    pub benefit: String,
    /// 实施地点 / 建设地点
    #[serde(default)]
    pub location: String,
    /// 责任领导
    #[serde(default)]
    pub leader: String,
    /// 责任单位
    #[serde(default)]
    pub department: String,
    /// 实施单位 / 实施主体
    #[serde(default)]
    pub implementer: String,
    /// 开工时间: with `deadline`, the project's period
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// 完成时限
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// 跨年度说明: why the project runs past the plan year (acknowledges that warning)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_year: Option<String>,
    /// 脱贫人口利益联结情况
    #[serde(default)]
    pub linkage: String,
    /// 产权归属
    #[serde(default)]
    pub ownership: String,
    /// Other values the county's table shows (建设性质 = "新建", 联农带农机制 = "…"), by name;
    /// a column `{ extra = "建设性质" }` prints them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// One line of an allocation plan (资金分配表): who receives how much, and for what.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// 乡镇（单位）: who receives the money
    pub recipient: String,
    /// 分配资金, 万元
    pub amount: Money,
    /// 用途
    #[serde(default)]
    pub purpose: String,
}

/// A funding source and its amount (东西部协作资金 800 万元).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// 资金来源名称, e.g. 东西部协作资金, 财政衔接资金, 自筹
    pub name: String,
    /// 金额, 万元
    pub amount: Money,
}

/// A sub-item of a project (子项), with its own amount.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    /// 金额, 万元
    pub amount: Money,
    /// 建设内容
    #[serde(default)]
    pub content: String,
}

/// A project field a plan's policy may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectField {
    TotalInvestment,
    Sources,
    Content,
    Benefit,
    Location,
    Leader,
    Department,
    Implementer,
    Start,
    Deadline,
    Linkage,
    Ownership,
}

impl ProjectField {
    /// The key in the plan ("leader").
    pub fn key(self) -> &'static str {
        match self {
            ProjectField::TotalInvestment => "total_investment",
            ProjectField::Sources => "sources",
            ProjectField::Content => "content",
            ProjectField::Benefit => "benefit",
            ProjectField::Location => "location",
            ProjectField::Leader => "leader",
            ProjectField::Department => "department",
            ProjectField::Implementer => "implementer",
            ProjectField::Start => "start",
            ProjectField::Deadline => "deadline",
            ProjectField::Linkage => "linkage",
            ProjectField::Ownership => "ownership",
        }
    }
}

impl Project {
    /// A placeholder left by `gongwen new` ("待填写：项目名称").
    pub(crate) fn is_placeholder(&self) -> bool {
        self.name.starts_with(crate::plan::next_year::TODO)
    }

    /// The 利益联结 text of the annex: `linkage`, or the body's `benefit` when not given.
    pub fn linkage_text(&self) -> &str {
        if self.linkage.trim().is_empty() {
            &self.benefit
        } else {
            &self.linkage
        }
    }

    /// Whether the plan gives `field` for this project.
    pub fn has(&self, field: ProjectField) -> bool {
        let filled = |s: &str| !s.trim().is_empty();
        match field {
            ProjectField::TotalInvestment => self.total_investment.is_some(),
            ProjectField::Sources => !self.sources.is_empty(),
            ProjectField::Content => filled(&self.content),
            ProjectField::Benefit => filled(&self.benefit),
            ProjectField::Location => filled(&self.location),
            ProjectField::Leader => filled(&self.leader),
            ProjectField::Department => filled(&self.department),
            ProjectField::Implementer => filled(&self.implementer),
            ProjectField::Start => self.start.is_some(),
            ProjectField::Deadline => self.deadline.is_some(),
            ProjectField::Linkage => filled(&self.linkage),
            ProjectField::Ownership => filled(&self.ownership),
        }
    }

    /// The project's plain text fields by key, in the order of the field table.
    pub(crate) fn text_fields(&self) -> impl Iterator<Item = (&'static str, &String)> {
        super::fields::PROJECT
            .iter()
            .filter_map(|f| Some((f.key, (f.text?.get)(self))))
    }

    /// The sub-items in one cell of a table: "（1）村内道路210万元，硬化道路3.5公里；（2）…", or empty.
    pub(crate) fn items_text(&self, unit: Unit) -> String {
        self.items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let head = format!("（{}）{}{}{}", i + 1, it.name, it.amount, unit.label());
                if it.content.trim().is_empty() {
                    head
                } else {
                    format!("{head}，{}", it.content)
                }
            })
            .collect::<Vec<_>>()
            .join("；")
    }

    /// The 建设内容 cell of a table that lists sub-items in the cell: the content, then the items.
    pub(crate) fn content_with_items(&self, unit: Unit) -> String {
        match (self.content.trim().is_empty(), self.items.is_empty()) {
            (_, true) => self.content.clone(),
            (true, false) => self.items_text(unit),
            (false, false) => format!("{}；{}", self.content, self.items_text(unit)),
        }
    }

    /// What it puts in from `source`: its sources of that name, or its whole amount when it
    /// lists none and `source` is the plan's `sole` one; none otherwise.
    pub(crate) fn amount_from(&self, source: &str, sole: Option<&str>) -> Option<Decimal> {
        if self.sources.is_empty() {
            return (sole == Some(source)).then(|| self.amount.value());
        }
        let mut parts = self
            .sources
            .iter()
            .filter(|s| s.name.trim() == source)
            .peekable();
        parts.peek()?;
        Some(parts.map(|s| s.amount.value()).sum())
    }

    /// "东西部协作资金800万元、自筹20.75万元", or empty.
    pub(crate) fn sources_text(&self, unit: Unit) -> String {
        self.sources
            .iter()
            .map(|s| format!("{}{}{}", s.name, s.amount, unit.label()))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// "2023年3月1日—10月30日" ("2023年3月—10月" to the month), "2023年10月30日", or empty:
    /// the year is not repeated within one year.
    pub(crate) fn period_text(&self, form: DateForm) -> String {
        match (self.start, self.deadline) {
            (Some(s), Some(d)) if s.year() == d.year() => {
                format!("{}—{}", s.in_form(form), d.in_year(form))
            }
            (Some(s), Some(d)) => format!("{}—{}", s.in_form(form), d.in_form(form)),
            (Some(s), None) => format!("{}开工", s.in_form(form)),
            (None, Some(d)) => d.in_form(form),
            (None, None) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::ymd(y, m, day)
    }

    #[test]
    fn a_period_names_its_year_once() {
        let mut p = Project {
            start: d(2022, 1, 1),
            deadline: d(2022, 3, 31),
            ..Default::default()
        };
        assert_eq!(p.period_text(DateForm::Day), "2022年1月1日—3月31日");
        assert_eq!(p.period_text(DateForm::Month), "2022年1月—3月");
        p.deadline = d(2023, 6, 30);
        assert_eq!(p.period_text(DateForm::Day), "2022年1月1日—2023年6月30日");
        p.start = None;
        assert_eq!(p.period_text(DateForm::Day), "2023年6月30日");
        assert_eq!(p.period_text(DateForm::Month), "2023年6月");
    }
}
