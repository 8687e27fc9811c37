//! `[[policy.accept]]`: a plan may accept a warning (or an acceptable error), never an
//! error, and always says why.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;

pub(crate) const RULES: &[Rule] = &[Rule {
    code: "policy-accept",
    severity: Error,
    doc: "[[policy.accept]] 只能接受警告类规则，写明规则代码和理由",
    check: accept,
}];

fn accept(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (i, a) in ctx.file.policy.accept.iter().enumerate() {
        let at = FieldPath::of("policy.accept").index(i);
        match super::by_code(a.rule.trim()) {
            None => {
                let codes = super::all()
                    .filter(|r| r.severity.acceptable())
                    .map(|r| r.code);
                let hint = match crate::textsim::closest(&a.rule, codes) {
                    Some(c) => format!("是不是“{c}”？规则代码见 gongwen rules"),
                    None => "规则代码见 gongwen rules（只能接受“警告”类规则）".into(),
                };
                out.push(Hit::new(
                    at.key("rule"),
                    format!("没有代码为“{}”的规则", a.rule),
                    hint,
                ));
            }
            Some(r) if !r.severity.acceptable() => out.push(Hit::new(
                at.key("rule"),
                format!("“{}”是错误类规则，不能接受", r.code),
                "错误必须改正；只有警告可以写明理由后接受",
            )),
            Some(_) => {}
        }
        if a.reason.trim().is_empty() {
            out.push(Hit::new(
                at.key("reason"),
                "接受警告没有写理由",
                "在 reason 中写明为什么这条警告可以接受（会随文件存档）",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::plan::model::Accept;
    use crate::rules::testutil::{ebian, paths};

    fn accept(rule: &str, reason: &str) -> Accept {
        Accept {
            rule: rule.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn only_warnings_with_a_reason_can_be_accepted() {
        let mut f = ebian().file;
        f.policy.accept = vec![accept("date-plan-year", "上年末印发下年度计划")];
        assert!(paths("policy-accept", &f).is_empty());
        f.policy.accept = vec![
            accept("date-plan-yaer", "笔误"),
            accept("sum-funding", "想跳过"),
            accept("date-plan-year", " "),
        ];
        assert_eq!(
            paths("policy-accept", &f),
            [
                "policy.accept[0].rule",
                "policy.accept[1].rule",
                "policy.accept[2].reason"
            ]
        );
    }
}
