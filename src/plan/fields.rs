//! A project's fields, in one table: each key with the name clerks know it by (in messages,
//! the form, the schema, the correction's change table and the 实施方案's lines), its title as
//! a column of the annexed table, and where the form edits it. Labels, columns, the schema's
//! titles and the form's lists are read from here, so they cannot drift apart.

/// Where the form edits a project's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A column of the project grid.
    Grid,
    /// Under the project's row, when opened («…»): one line.
    Details,
    /// Under the project's row, several lines.
    Long,
    /// Shown as it is, with its way to the source (sources, sub-items).
    Source,
}

/// One field of a project.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    /// The name clerks know it by.
    pub label: &'static str,
    /// Its title as a column of the annexed table (real tables say 建设地点 for 实施地点,
    /// 实施主体 for 实施单位), when it can be one.
    pub column: Option<&'static str>,
    pub form: Form,
}

const fn f(
    key: &'static str,
    label: &'static str,
    column: Option<&'static str>,
    form: Form,
) -> Field {
    Field {
        key,
        label,
        column,
        form,
    }
}

/// Every field of a project, in the order the form shows them.
pub const PROJECT: &[Field] = &[
    f("name", "项目名称", Some("项目名称"), Form::Grid),
    f("amount", "规划投资", Some("规划投资"), Form::Grid),
    f("location", "实施地点", Some("建设地点"), Form::Grid),
    f("department", "责任单位", Some("责任单位"), Form::Grid),
    f("deadline", "完成时限", Some("完成时限"), Form::Grid),
    f("implementer", "实施单位", Some("实施主体"), Form::Details),
    f("leader", "责任领导", Some("责任领导"), Form::Details),
    f(
        "content",
        "建设规模和内容",
        Some("项目建设规模和内容"),
        Form::Long,
    ),
    f("benefit", "效益", Some("效益"), Form::Long),
    f(
        "linkage",
        "脱贫人口利益联结情况",
        Some("脱贫人口利益联结情况"),
        Form::Long,
    ),
    f("ownership", "产权归属", Some("产权归属"), Form::Details),
    f("start", "开工时间", Some("开工时间"), Form::Details),
    f("total_investment", "总投资", Some("总投资"), Form::Details),
    f("cross_year", "跨年度说明", None, Form::Long),
    f("sources", "资金来源", Some("资金来源"), Form::Source),
    f("items", "子项", None, Form::Source),
];

/// The field `key` of a project.
pub fn project(key: &str) -> Option<&'static Field> {
    PROJECT.iter().find(|f| f.key == key)
}

/// The name clerks know a project's field `key` by ("location" → 实施地点).
pub fn label(key: &str) -> &'static str {
    project(key).map_or("", |f| f.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of the model is in the table, and nothing else is.
    #[test]
    fn the_table_is_the_projects_fields() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::plan::schema::schema_json()).unwrap();
        let props = schema["$defs"]["Project"]["properties"]
            .as_object()
            .unwrap();
        let mut model: Vec<&str> = props
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "extra")
            .collect();
        let mut table: Vec<&str> = PROJECT.iter().map(|f| f.key).collect();
        model.sort_unstable();
        table.sort_unstable();
        assert_eq!(model, table);
    }
}
