//! 待填写: what `new` left for the clerk.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::next_year::TODO;

/// The placeholders' rule: a new plan's 待填写, reported until filled.
pub const CODE: &str = "todo-fill";

pub(crate) const RULES: &[Rule] = &[Rule {
    code: CODE,
    severity: Error,
    doc: "“待填写”的内容（gongwen new 留下的文号序号、项目等）必须填好",
    check: todo,
}];

fn todo(ctx: &Ctx) -> Vec<Hit> {
    ctx.texts()
        .iter()
        .filter(|(_, t)| t.contains(TODO))
        .map(|(path, t)| {
            Hit::new(
                path.clone(),
                format!("待填写：{t}"),
                "把“待填写”换成实际内容；占位项目（名称以“待填写”开头）填好或删去，并核对下达资金",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn placeholders_are_listed_until_filled() {
        let mut f = ebian().file;
        assert!(paths("todo-fill", &f).is_empty());
        f.notice.doc_number.text = "峨边府办函〔2024〕待填写号".into();
        f.plan.categories[0].projects[0].leader = "待填写：责任领导".into();
        assert_eq!(
            paths("todo-fill", &f),
            ["notice.doc_number", "plan.categories[0].projects[0].leader"]
        );
    }
}
