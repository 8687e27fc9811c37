//! 联合行文 (GB/T 9704 §7.2.4, §7.3.5): every office named, and sealed alike.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "joint-issuer",
        severity: Error,
        doc: "联合行文的每个联署机关都写明发文机关名称，且不与主办机关或其他联署机关重复",
        check: issuers,
    },
    Rule {
        code: "joint-seal",
        severity: Error,
        doc: "联署机关的印章只在主办机关也加盖印章（seal）时印出：主办机关不盖章，联署机关也不写印章",
        check: seals,
    },
];

fn issuers(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let mut seen = vec![n.issuer.trim()];
    let mut hits = Vec::new();
    for (i, c) in n.joint.iter().enumerate() {
        let at = FieldPath::of("notice.joint").index(i).key("issuer");
        let name = c.issuer.trim();
        if name.is_empty() {
            hits.push(Hit::new(
                at,
                "联署机关的名称不能为空",
                "填写联署机关的全称，或删去这一个 [[notice.joint]]",
            ));
        } else if seen.contains(&name) {
            hits.push(Hit::new(
                at,
                format!("“{name}”在联合行文中出现了两次"),
                "每个机关只写一次：主办机关写在 issuer，联署机关依次写在 [[notice.joint]]",
            ));
        }
        seen.push(name);
    }
    hits
}

fn seals(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    if n.sealed() {
        return Vec::new();
    }
    n.joint
        .iter()
        .enumerate()
        .filter(|(_, c)| c.seal.is_some())
        .map(|(i, c)| {
            Hit::new(
                FieldPath::of("notice.joint").index(i).key("seal"),
                format!("主办机关没有加盖印章，“{}”的印章不会印出", c.issuer.trim()),
                "给主办机关也写上印章（seal = \"印章.png\"，手工盖章写 seal = true），或删去联署机关的 seal",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::plan::model::{CoIssuer, Seal};
    use crate::rules::testutil::{ebian, paths};

    fn co(issuer: &str, seal: Option<&str>) -> CoIssuer {
        CoIssuer {
            issuer: issuer.into(),
            mark: None,
            signer: None,
            seal: seal.map(Into::into),
        }
    }

    #[test]
    fn every_joint_office_is_named_once() {
        let mut f = ebian().file;
        f.notice.joint = vec![co("峨边彝族自治县财政局", None), co(" ", None)];
        assert_eq!(paths("joint-issuer", &f), ["notice.joint[1].issuer"]);
        f.notice.joint[1].issuer = f.notice.issuer.clone();
        assert_eq!(paths("joint-issuer", &f), ["notice.joint[1].issuer"]);
        f.notice.joint.pop();
        assert!(paths("joint-issuer", &f).is_empty());
    }

    #[test]
    fn a_joint_seal_needs_the_leading_offices() {
        let mut f = ebian().file;
        f.notice.joint = vec![co("峨边彝族自治县财政局", Some("财政局.png"))];
        assert_eq!(paths("joint-seal", &f), ["notice.joint[0].seal"]);
        f.notice.seal = Some(Seal::Stamped(true));
        assert!(paths("joint-seal", &f).is_empty());
    }
}
