//! Amounts: positive, and no finer than 0.0001 万元 (one yuan).

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::{Acceptable, Error};
use crate::plan::money::Unit;
use crate::plan::money::fmt_decimal;
use crate::plan::{FieldPath, Funding};
use rust_decimal::Decimal;

pub(crate) const RULES: &[Rule] = &[
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
    Rule {
        code: "amount-implausible",
        severity: Acceptable,
        doc: "金额超出县级计划的常见范围（超过 10 亿元，或是其他项目的 5000 倍以上或以下），多半是元和万元弄混了",
        check: implausible,
    },
];

/// No single project's figure of a county's annual plan reaches 10 亿元, nor its whole
/// funding 100 亿元; a project 5,000 times the median of the others (or a 5,000th of it) is a
/// figure typed in the other unit.
const CEILING_YUAN: i64 = 1_000_000_000;
const TOTAL_CEILING_YUAN: i64 = 10_000_000_000;
const RATIO: i64 = 5_000;

/// Every amount of the plan that `keep` picks, with its path (built only for those).
/// `keep` is also told whether the amount is a total (the funding, a source's, a subtotal).
fn amounts(ctx: &Ctx, keep: impl Fn(Decimal, bool) -> bool) -> Vec<(FieldPath, Decimal)> {
    let mut out = Vec::new();
    let mut add = |v: Decimal, total: bool, path: &dyn Fn() -> FieldPath| {
        if keep(v, total) {
            out.push((path(), v));
        }
    };
    let plan = &ctx.file.plan;
    let fp = || FieldPath::of("plan.funding");
    match &plan.funding {
        Funding::Total(m) => add(m.value(), true, &fp),
        Funding::Sources(s) => {
            for (i, s) in s.iter().enumerate() {
                add(s.amount.value(), true, &|| fp().index(i).key("amount"));
            }
        }
    }
    for g in ctx.groups() {
        if let Some(s) = g.category.subtotal {
            add(s.value(), true, &|| g.path.key("subtotal"));
        }
    }
    for pa in ctx.projects() {
        let p = pa.project;
        add(p.amount.value(), false, &|| pa.path().key("amount"));
        if let Some(t) = p.total_investment {
            add(t.value(), false, &|| pa.path().key("total_investment"));
        }
        for (k, s) in p.sources.iter().enumerate() {
            add(s.amount.value(), false, &|| {
                pa.path().key("sources").index(k).key("amount")
            });
        }
        for (k, s) in p.items.iter().enumerate() {
            add(s.amount.value(), false, &|| {
                pa.path().key("items").index(k).key("amount")
            });
        }
    }
    for (i, a) in plan.allocations.iter().enumerate() {
        add(a.amount.value(), false, &|| {
            FieldPath::of("plan.allocations").index(i).key("amount")
        });
    }
    out
}

fn implausible(ctx: &Ctx) -> Vec<Hit> {
    let unit = ctx.file.plan.unit;
    let per = unit.yuan();
    let ceiling = |total| {
        Decimal::from(if total {
            TOTAL_CEILING_YUAN
        } else {
            CEILING_YUAN
        }) / per
    };
    let ratio = Decimal::from(RATIO);
    // A project's or an allocation's own amount: what the others are measured against.
    let mut own: Vec<(FieldPath, Decimal)> = ctx
        .projects()
        .iter()
        .map(|p| (p.path().key("amount"), p.project.amount.value()))
        .collect();
    own.extend(ctx.file.plan.allocations.iter().enumerate().map(|(i, a)| {
        (
            FieldPath::of("plan.allocations").index(i).key("amount"),
            a.amount.value(),
        )
    }));
    own.retain(|(_, v)| *v > Decimal::ZERO);
    let mut sorted: Vec<Decimal> = own.iter().map(|(_, v)| *v).collect();
    sorted.sort_unstable();
    let median = (sorted.len() >= 3).then(|| sorted[sorted.len() / 2]);
    let u = unit.label();
    let large = amounts(ctx, |v, total| {
        v > ceiling(total) || !total && median.is_some_and(|m| v >= m * ratio)
    });
    let mut out: Vec<Hit> = large
        .into_iter()
        .map(|(path, v)| {
            let hint = match unit {
                Unit::Wan => format!(
                    "金额以万元计：{} 万元是 {} 亿元；如果这里写的是元，应写作 {}",
                    fmt_decimal(v),
                    fmt_decimal(v / per),
                    fmt_decimal(v / per)
                ),
                Unit::Yuan => "核对金额：一个县的年度计划中，单项金额不会这样大".to_string(),
            };
            Hit::new(
                path,
                format!("金额 {} {u}大得不合常理", fmt_decimal(v)),
                hint,
            )
        })
        .collect();
    // Too small: only a project's or an allocation's own amount (a sub-item may be small).
    let Some(m) = median else { return out };
    for (path, v) in own.into_iter().filter(|(_, v)| *v * ratio <= m) {
        let hint = match unit {
            Unit::Yuan => format!(
                "金额以元计：如果这里写的是万元，应写作 {}",
                fmt_decimal(v * Decimal::from(10_000))
            ),
            Unit::Wan => format!(
                "核对金额和单位：各项目金额的中位数是 {} 万元",
                fmt_decimal(m)
            ),
        };
        out.push(Hit::new(
            path,
            format!("金额 {} {u}比其他项目小得不合常理", fmt_decimal(v)),
            hint,
        ));
    }
    out
}

fn positive(ctx: &Ctx) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    amounts(ctx, |v, _| v <= Decimal::ZERO)
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
    amounts(ctx, |v, _| v.normalize().scale() > max)
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

    #[test]
    fn an_amount_typed_in_yuan_in_a_wan_plan_is_implausible() {
        let mut f = ebian().file;
        assert!(paths("amount-implausible", &f).is_empty());
        f.plan.categories[1].projects[0].amount = Money(Decimal::from(2_600_000));
        let h = crate::rules::testutil::hits("amount-implausible", &f);
        let found: Vec<String> = h.iter().map(|h| h.path.to_string()).collect();
        assert_eq!(found, ["plan.categories[1].projects[0].amount"]);
        assert!(h[0].hint.ends_with("应写作 260"), "{}", h[0].hint);
    }

    #[test]
    fn an_amount_typed_in_wan_in_a_yuan_plan_is_implausible() {
        let mut f = ebian().file;
        f.plan.unit = crate::plan::money::Unit::Yuan;
        for p in f
            .plan
            .categories
            .iter_mut()
            .flat_map(|c| c.projects.iter_mut())
        {
            p.amount = Money(p.amount.value() * Decimal::from(10_000));
        }
        assert!(paths("amount-implausible", &f).is_empty());
        f.plan.categories[1].projects[0].amount = Money(Decimal::from(150));
        let h = crate::rules::testutil::hits("amount-implausible", &f);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].hint, "金额以元计：如果这里写的是万元，应写作 1500000");
    }
}
