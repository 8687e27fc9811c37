//! Domain rules of 东西部协作 plans: 产业 projects and local policy on shares.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::{Error, Warning};
use crate::plan::FieldPath;
use crate::plan::money::fmt_decimal;
use rust_decimal::Decimal;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "industry-linkage",
        severity: Warning,
        doc: "产业类项目应写明脱贫人口利益联结情况和产权归属",
        check: industry_linkage,
    },
    Rule {
        code: "policy-min-share",
        severity: Error,
        doc: "类别资金占比不得低于 [policy] min_share 规定的下限",
        check: min_share,
    },
    Rule {
        code: "policy-unknown-category",
        severity: Error,
        doc: "[policy] 中提到的类别必须是计划中的类别",
        check: unknown_category,
    },
];

fn industry_linkage(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for pa in ctx.projects() {
        let p = pa.project;
        if !pa.is_industry() || p.is_placeholder() {
            continue;
        }
        let at = pa.path();
        if p.linkage_text().trim().is_empty() {
            out.push(Hit::new(
                at.key("linkage"),
                format!("产业类项目“{}”没有写脱贫人口利益联结情况", p.name),
                "加 linkage = \"……\"：写明带动多少脱贫户、怎样分红或就业增收",
            ));
        }
        if p.ownership.trim().is_empty() {
            out.push(Hit::new(
                at.key("ownership"),
                format!("产业类项目“{}”没有写产权归属", p.name),
                "加 ownership = \"……\"：如“某村集体和受益群众”",
            ));
        }
    }
    out
}

fn min_share(ctx: &Ctx) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    let plan = &ctx.file.plan;
    // Placeholder amounts say nothing about shares yet.
    if ctx
        .file
        .projects()
        .iter()
        .any(|pa| pa.project.is_placeholder())
    {
        return vec![];
    }
    ctx.file
        .policy
        .min_share
        .iter()
        .filter_map(|(name, min)| {
            let i = plan.categories.iter().position(|c| &c.name == name)?;
            let f = &ctx.figures.categories[i];
            let share = f.share?;
            // Exactly, not the printed share: 49.997 % shows as 50 % but is below a 50 % floor.
            let hundred = Decimal::from(100);
            (f.subtotal * hundred < min.value() * ctx.figures.total).then(|| {
                // The least amount that meets the floor, rounded up to the unit's last place.
                let need = (ctx.figures.total * min.value() / hundred).round_dp_with_strategy(
                    plan.unit.max_scale(),
                    rust_decimal::RoundingStrategy::AwayFromZero,
                );
                Hit::new(
                    FieldPath::of("policy.min_share").key(name),
                    format!(
                        "“{name}”资金 {} {u}，占 {}%，低于规定的 {}%",
                        fmt_decimal(f.subtotal),
                        fmt_decimal(share),
                        fmt_decimal(min.value())
                    ),
                    format!(
                        "至少需要 {} {u}；调整项目安排，或核对政策要求",
                        fmt_decimal(need)
                    ),
                )
            })
        })
        .collect()
}

fn unknown_category(ctx: &Ctx) -> Vec<Hit> {
    let names: Vec<&str> = ctx
        .file
        .plan
        .categories
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    ctx.file
        .policy
        .min_share
        .keys()
        .filter(|k| !names.contains(&k.as_str()))
        .map(|k| {
            let hint = match crate::textsim::closest(k, names.iter().copied()) {
                Some(n) => format!("是不是“{n}”？"),
                None => format!("计划中的类别：{}", names.join("、")),
            };
            Hit::new(
                FieldPath::of("policy.min_share").key(k),
                format!("政策要求中的类别“{k}”不在计划中"),
                hint,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::plan::Money;
    use crate::rules::testutil::{ebian, paths};
    use rust_decimal::Decimal;

    #[test]
    fn industry_projects_need_linkage_and_ownership() {
        let mut f = ebian().file;
        assert!(paths("industry-linkage", &f).is_empty());
        let p = &mut f.plan.categories[0].projects[1];
        p.benefit.clear();
        p.linkage.clear();
        p.ownership.clear();
        // A project outside the 产业 kind may leave them out.
        f.plan.categories[2].projects[0].ownership.clear();
        assert_eq!(
            paths("industry-linkage", &f),
            [
                "plan.categories[0].projects[1].linkage",
                "plan.categories[0].projects[1].ownership"
            ]
        );
    }

    #[test]
    fn a_share_below_the_policy_minimum_is_an_error() {
        let mut f = ebian().file;
        assert!(paths("policy-min-share", &f).is_empty()); // exactly 50%
        // Move 10万元 from 产业合作 to 改善民生: 1940/3900 = 49.74%.
        f.plan.categories[0].projects[0].amount = Money(Decimal::from(990));
        f.plan.categories[4].projects[0].amount = Money(Decimal::from(100));
        assert_eq!(paths("policy-min-share", &f), ["policy.min_share.产业合作"]);
    }

    #[test]
    fn a_share_that_only_rounds_up_to_the_minimum_is_below_it() {
        let mut f = ebian().file;
        // 1949.9 / 3899.9 = 49.9987 %, printed as 50 %: still below a 50 % floor.
        f.plan.categories[0].projects[0].amount = Money(Decimal::new(9999, 1));
        f.plan.funding = crate::plan::Funding::Total(Money(Decimal::new(38999, 1)));
        let h = crate::rules::testutil::hits("policy-min-share", &f);
        assert_eq!(h.len(), 1);
        assert!(h[0].message.contains("占 50%"), "{}", h[0].message);
        // The least amount that meets it, rounded up: 1949.95 万元.
        assert!(
            h[0].hint.starts_with("至少需要 1949.95 万元"),
            "{}",
            h[0].hint
        );
    }

    #[test]
    fn policy_must_name_a_real_category() {
        let mut f = ebian().file;
        assert!(paths("policy-unknown-category", &f).is_empty());
        f.policy
            .min_share
            .insert("产业协作".into(), Money(Decimal::from(50)));
        assert_eq!(
            paths("policy-unknown-category", &f),
            ["policy.min_share.产业协作"]
        );
    }
}
