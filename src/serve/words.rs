//! Findings as the form words them: where a hint written for the source names TOML
//! (`linkage = "……"`, `[policy] required`, `[[policy.accept]]`), the form says the field's
//! Chinese name and its own way to accept a warning. The meaning is the rule's; only the words
//! for where to act change.

use crate::plan::labels::field_label;

/// Phrases of the source's world and the form's words for them, longest first.
const PHRASES: &[(&str, &str)] = &[
    (
        "在 [[policy.accept]] 中接受并写明理由",
        "点「接受」并写明理由",
    ),
    (
        "（在 [[policy.accept]] 中写明理由）",
        "（点「接受」并写明理由）",
    ),
    ("[[policy.accept]]", "“接受的警告”"),
    ("[policy] required", "政策要求中的“必填的项目字段”"),
    ("[policy] min_share", "政策要求中的“最低占比”"),
    ("[policy]", "政策要求"),
    ("在 [notice] 中写", "在通知中填写"),
    ("[notice]", "通知"),
    (
        "对照 docs/plan-format.md 中的计划格式检查此处",
        "在源文件中核对这里的写法",
    ),
    ("规则代码见 gongwen rules", "规则代码见「帮助」中的规则说明"),
    ("之和等于 amount", "之和等于该项目的规划投资"),
];

/// `text` in the form's words.
pub(crate) fn for_form(text: &str) -> String {
    let mut s = text.to_string();
    for (from, to) in PHRASES {
        s = s.replace(from, to);
    }
    without_keys(&assignments(&s))
}

/// `linkage = "……"` → “脱贫人口利益联结情况”. A key the labels do not know stays as written.
fn assignments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find(" = ") {
        let before = &rest[..at];
        let key_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let key = &before[key_start..];
        let after = &rest[at + 3..];
        match (field_label(key), value_len(after)) {
            (Some(label), Some(len)) if !key.is_empty() => {
                // The space that set the key off from Chinese text goes with it.
                out.push_str(before[..key_start].trim_end_matches(' '));
                out.push_str(&format!("“{label}”"));
                rest = &after[len..];
            }
            _ => {
                out.push_str(&rest[..at + 3]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// How long the TOML value at the start of `s` is: a quoted string, an array, an inline table,
/// or a bare word.
fn value_len(s: &str) -> Option<usize> {
    let close = match s.chars().next()? {
        '"' => '"',
        '[' => ']',
        '{' => '}',
        _ => {
            let end = s
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
                .unwrap_or(s.len());
            return (end > 0).then_some(end);
        }
    };
    s[1..].find(close).map(|i| i + 2)
}

/// "（leader）" after a field's Chinese name: the key, which the form does not show.
fn without_keys(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('（') {
        let inner = &rest[open + '（'.len_utf8()..];
        match inner.find('）') {
            Some(close)
                if close > 0
                    && inner[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push_str(&rest[..open]);
                rest = &inner[close + '）'.len_utf8()..];
            }
            _ => {
                out.push_str(&rest[..open + '（'.len_utf8()]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::for_form;

    #[test]
    fn hints_name_fields_not_keys() {
        for (cli, form) in [
            (
                "加 linkage = \"……\"：写明带动多少脱贫户",
                "加“脱贫人口利益联结情况”：写明带动多少脱贫户",
            ),
            (
                "跨年度项目请在该项目下写 cross_year = \"跨年度的理由\"；如是笔误，改为本年度内的日期",
                "跨年度项目请在该项目下写“跨年度说明”；如是笔误，改为本年度内的日期",
            ),
            (
                "本计划的 [policy] required 要求每个项目都写责任领导（leader）；如本地不要求，从该列表删去",
                "本计划的 政策要求中的“必填的项目字段” 要求每个项目都写责任领导；如本地不要求，从该列表删去",
            ),
            (
                "核对开工时间；项目确已提前开工的，在 [[policy.accept]] 中接受并写明理由",
                "核对开工时间；项目确已提前开工的，点「接受」并写明理由",
            ),
            (
                "在该项目下写 sources = [{ name = \"来源\", amount = 金额 }, …]，各来源之和等于 amount",
                "在该项目下写“资金来源”，各来源之和等于该项目的规划投资",
            ),
            (
                "把文种（genre）改为报告，或改标题",
                "把文种改为报告，或改标题",
            ),
            ("金额以万元计，填正数", "金额以万元计，填正数"),
            (
                "写作“2023年2月7日”（不写 2023年02月07日）",
                "写作“2023年2月7日”（不写 2023年02月07日）",
            ),
        ] {
            assert_eq!(for_form(cli), form);
        }
    }
}
