//! The plan's fields, in two tables. A project's: each key with the name clerks know it by
//! (in messages, the form, the schema, the correction's change table and the 实施方案's
//! lines), its title as a column of the annexed table, and where the form edits it. The
//! notice's: each key with its name and its value as the document prints it, which a
//! correction's change table compares. Labels, columns, the schema's titles, the change table
//! and the form's lists are read from here, so they cannot drift apart.

use super::model::{Notice, Project, Seal};

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
    /// The field itself when it is plain text (a name, a place, a paragraph): what the prose
    /// rules read and a table's column sets.
    pub text: Option<Text>,
}

/// A plain text field of a project, to read and to set.
#[derive(Clone, Copy)]
pub struct Text {
    pub get: fn(&Project) -> &String,
    pub set: fn(&mut Project) -> &mut String,
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Text")
    }
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
        text: None,
    }
}

/// A plain text field: [`f`] with its way to the project's value.
macro_rules! text {
    ($key:literal, $field:ident, $label:literal, $column:expr, $form:expr) => {
        Field {
            text: Some(Text {
                get: |p| &p.$field,
                set: |p| &mut p.$field,
            }),
            ..f($key, $label, $column, $form)
        }
    };
}

/// Every field of a project, in the order the form shows them.
pub const PROJECT: &[Field] = &[
    text!("name", name, "项目名称", Some("项目名称"), Form::Grid),
    f("amount", "规划投资", Some("规划投资"), Form::Grid),
    text!(
        "location",
        location,
        "实施地点",
        Some("建设地点"),
        Form::Grid
    ),
    text!(
        "department",
        department,
        "责任单位",
        Some("责任单位"),
        Form::Grid
    ),
    f("deadline", "完成时限", Some("完成时限"), Form::Grid),
    text!(
        "implementer",
        implementer,
        "实施单位",
        Some("实施主体"),
        Form::Details
    ),
    text!(
        "leader",
        leader,
        "责任领导",
        Some("责任领导"),
        Form::Details
    ),
    text!(
        "content",
        content,
        "建设规模和内容",
        Some("项目建设规模和内容"),
        Form::Long
    ),
    text!("benefit", benefit, "效益", Some("效益"), Form::Long),
    text!(
        "linkage",
        linkage,
        "脱贫人口利益联结情况",
        Some("脱贫人口利益联结情况"),
        Form::Long
    ),
    text!(
        "ownership",
        ownership,
        "产权归属",
        Some("产权归属"),
        Form::Details
    ),
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

/// One field of the notice.
#[derive(Clone, Copy)]
pub struct NoticeField {
    pub key: &'static str,
    /// The name clerks know it by.
    pub label: &'static str,
    /// Its value as the document prints it, for the change table; none for the body, which
    /// is compared paragraph by paragraph.
    pub printed: Option<fn(&Notice) -> String>,
}

const fn n(key: &'static str, label: &'static str, printed: fn(&Notice) -> String) -> NoticeField {
    NoticeField {
        key,
        label,
        printed: Some(printed),
    }
}

fn opt(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

/// Every field of the notice, in the order of the change table.
pub const NOTICE: &[NoticeField] = &[
    n("format", "公文格式", |n| {
        format!("{}格式", n.format.label())
    }),
    n("issuer", "发文机关", |n| n.issuer.clone()),
    n("mark", "发文机关标志", |n| n.mark.clone()),
    n("mark_second_line", "发文机关标志第二行", |n| {
        opt(&n.mark_second_line)
    }),
    n("doc_number", "发文字号", |n| n.doc_number.text.clone()),
    n("title", "标题", |n| n.title.clone()),
    n("recipients", "主送机关", |n| n.recipients.join("、")),
    n("signer", "署名", |n| n.signer.clone()),
    n("date", "成文日期", |n| n.date.chinese()),
    n("issue_date", "印发日期", |n| n.issue_date.chinese()),
    n("printed_by", "印发机关", |n| n.printed_by.clone()),
    n("cc", "抄送", |n| n.cc.join("，")),
    n("disclosure", "信息公开选项", |n| {
        n.disclosure.label().to_string()
    }),
    n("copy_number", "份号", |n| opt(&n.copy_number)),
    n("secrecy", "密级", |n| {
        n.secrecy.map_or("", |s| s.label()).to_string()
    }),
    n("secrecy_term", "保密期限", |n| opt(&n.secrecy_term)),
    n("urgency", "紧急程度", |n| {
        n.urgency.map_or("", |u| u.label()).to_string()
    }),
    n("genre", "文种", |n| n.genre.label().to_string()),
    n("signed_off_by", "签发人", |n| n.signed_off_by.join("、")),
    n("closing", "结束语", |n| opt(&n.closing)),
    n("note", "附注", |n| opt(&n.note)),
    n("seal", "印章", seal_text),
    n("joint", "联合行文机关", joint_text),
    NoticeField {
        key: "body",
        label: "正文",
        printed: None,
    },
];

/// The field `key` of the notice.
pub fn notice(key: &str) -> Option<&'static NoticeField> {
    NOTICE.iter().find(|f| f.key == key)
}

/// The seal as the change table names it: its file, or that it is stamped by hand.
fn seal_text(n: &Notice) -> String {
    match &n.seal {
        Some(Seal::Image(name)) => name.clone(),
        Some(Seal::Stamped(true)) => "手工盖章".into(),
        _ => String::new(),
    }
}

/// The offices issuing with the leading one, each with its 署名 and seal when they differ.
fn joint_text(n: &Notice) -> String {
    n.signing()
        .iter()
        .skip(1)
        .map(|s| match s.seal {
            Some(seal) => format!("{}（{seal}）", s.signer),
            None => s.signer.to_string(),
        })
        .collect::<Vec<_>>()
        .join("、")
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

    /// Every field of the notice is in its table (so a correction compares it), and nothing
    /// else is.
    #[test]
    fn the_notice_table_is_the_notices_fields() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::plan::schema::schema_json()).unwrap();
        let mut model: Vec<&str> = schema["$defs"]["Notice"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut table: Vec<&str> = NOTICE.iter().map(|f| f.key).collect();
        model.sort_unstable();
        table.sort_unstable();
        assert_eq!(model, table);
    }
}
