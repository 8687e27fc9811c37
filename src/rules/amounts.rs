//! Amounts: positive, and no finer than 0.0001 万元 (one yuan).

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::money::fmt_decimal;
use crate::plan::{FieldPath, Funding};
use rust_decimal::Decimal;

pub const RULES: &[Rule] = &[
    Rule {
        code: "amount-positive",
        severity: Error,
        doc: "金额（规划投资、总投资、资金来源、子项、下达资金）必须大于零",
        check: positive,
    },
    Rule {
        code: "amount-scale",
        severity: Error,
        doc: "金额以万元计最多四位小数（精确到元），以元计（unit = \"元\"）最多两位（精确到分）",
        check: scale,
    },
];

/// Every amount of the plan that `keep` picks, with its path (built only for those).
fn amounts(ctx: &Ctx, keep: impl Fn(Decimal) -> bool) -> Vec<(FieldPath, Decimal)> {
    let mut out = Vec::new();
    let mut add = |v: Decimal, path: &dyn Fn() -> FieldPath| {
        if keep(v) {
            out.push((path(), v));
        }
    };
    let plan = &ctx.file.plan;
    let fp = || FieldPath::of("plan.funding");
    match &plan.funding {
        Funding::Total(m) => add(m.value(), &fp),
        Funding::Sources(s) => {
            for (i, s) in s.iter().enumerate() {
                add(s.amount.value(), &|| fp().index(i).key("amount"));
            }
        }
    }
    for g in ctx.file.groups() {
        if let Some(s) = g.category.subtotal {
            add(s.value(), &|| g.path.key("subtotal"));
        }
    }
    for pa in ctx.projects() {
        let p = pa.project;
        add(p.amount.value(), &|| pa.path().key("amount"));
        if let Some(t) = p.total_investment {
            add(t.value(), &|| pa.path().key("total_investment"));
        }
        for (k, s) in p.sources.iter().enumerate() {
            add(s.amount.value(), &|| {
                pa.path().key("sources").index(k).key("amount")
            });
        }
        for (k, s) in p.items.iter().enumerate() {
            add(s.amount.value(), &|| {
                pa.path().key("items").index(k).key("amount")
            });
        }
    }
    for (i, a) in plan.allocations.iter().enumerate() {
        add(a.amount.value(), &|| {
            FieldPath::of("plan.allocations").index(i).key("amount")
        });
    }
    out
}

fn positive(ctx: &Ctx) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    amounts(ctx, |v| v <= Decimal::ZERO)
        .into_iter()
        .map(|(path, v)| {
            Hit::new(
                path,
                format!("金额 {} {u}不大于零", fmt_decimal(v)),
                format!("金额以{u}计，填正数；不安排资金的项目请从计划中删去"),
            )
        })
        .collect()
}

fn scale(ctx: &Ctx) -> Vec<Hit> {
    let unit = ctx.file.plan.unit;
    let (u, max) = (unit.label(), unit.max_scale());
    amounts(ctx, |v| v.normalize().scale() > max)
        .into_iter()
        .map(|(path, v)| {
            Hit::new(
                path,
                format!("金额 {} {u}超过{}", fmt_decimal(v), unit.precision()),
                format!(
                    "以{u}计最多{}，如 {}",
                    unit.precision(),
                    fmt_decimal(v.round_dp(max))
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::plan::Money;
    use crate::rules::testutil::{ebian, paths};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn zero_and_negative_amounts_are_refused() {
        let mut f = ebian().file;
        assert!(paths("amount-positive", &f).is_empty());
        f.plan.categories[1].projects[0].amount = Money(Decimal::ZERO);
        f.plan.funding = crate::plan::Funding::Total(Money(Decimal::from(-1)));
        assert_eq!(
            paths("amount-positive", &f),
            ["plan.funding", "plan.categories[1].projects[0].amount"]
        );
    }

    #[test]
    fn five_decimals_are_refused_four_are_fine() {
        let mut f = ebian().file;
        f.plan.categories[1].projects[0].amount = Money(Decimal::from_str("150.1234").unwrap());
        assert!(paths("amount-scale", &f).is_empty());
        f.plan.categories[1].projects[0].amount = Money(Decimal::from_str("150.12345").unwrap());
        assert_eq!(
            paths("amount-scale", &f),
            ["plan.categories[1].projects[0].amount"]
        );
        // Trailing zeros are not extra precision.
        f.plan.categories[1].projects[0].amount = Money(Decimal::from_str("150.100000").unwrap());
        assert!(paths("amount-scale", &f).is_empty());
    }

    #[test]
    fn a_plan_in_yuan_is_exact_to_the_fen_and_says_so() {
        let mut f = ebian().file;
        f.plan.unit = crate::plan::money::Unit::Yuan;
        f.plan.categories[1].projects[0].amount = Money(Decimal::from_str("150.12").unwrap());
        assert!(paths("amount-scale", &f).is_empty());
        f.plan.categories[1].projects[0].amount = Money(Decimal::from_str("150.123").unwrap());
        let h = crate::rules::testutil::hits("amount-scale", &f);
        assert_eq!(h.len(), 1);
        assert!(
            h[0].message.contains("150.123 元超过两位小数（精确到分）"),
            "{}",
            h[0].message
        );
        let h = crate::rules::testutil::hits("sum-funding", &f);
        assert!(
            h[0].message.contains("元，与下达资金 3900 元不符"),
            "{}",
            h[0].message
        );
    }
}
