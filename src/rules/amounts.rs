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
        doc: "金额以万元计，最多四位小数（即精确到元）",
        check: scale,
    },
];

/// Every amount of the plan with its path.
fn amounts<'a>(ctx: &'a Ctx) -> impl Iterator<Item = (FieldPath, Decimal)> + 'a {
    let plan = &ctx.file.plan;
    let fp = FieldPath::of("plan.funding");
    let declared: Vec<(FieldPath, Decimal)> = match &plan.funding {
        Funding::Total(m) => vec![(fp, m.value())],
        Funding::Sources(s) => s
            .iter()
            .enumerate()
            .map(|(i, s)| (fp.index(i).key("amount"), s.amount.value()))
            .collect(),
    };
    let subtotals = ctx
        .file
        .groups()
        .into_iter()
        .filter_map(|g| Some((g.path.key("subtotal"), g.category.subtotal?.value())));
    let projects = ctx.file.projects().into_iter().flat_map(|pa| {
        let (at, p) = (pa.path(), pa.project);
        let total = p
            .total_investment
            .map(|t| (at.key("total_investment"), t.value()));
        let sources = p.sources.iter().enumerate().map({
            let at = at.clone();
            move |(k, s)| (at.key("sources").index(k).key("amount"), s.amount.value())
        });
        let items = p.items.iter().enumerate().map({
            let at = at.clone();
            move |(k, s)| (at.key("items").index(k).key("amount"), s.amount.value())
        });
        std::iter::once((at.key("amount"), p.amount.value()))
            .chain(total)
            .chain(sources)
            .chain(items)
    });
    let allocations = plan.allocations.iter().enumerate().map(|(i, a)| {
        (
            FieldPath::of("plan.allocations").index(i).key("amount"),
            a.amount.value(),
        )
    });
    declared
        .into_iter()
        .chain(subtotals)
        .chain(projects)
        .chain(allocations)
}

fn positive(ctx: &Ctx) -> Vec<Hit> {
    amounts(ctx)
        .filter(|(_, v)| *v <= Decimal::ZERO)
        .map(|(path, v)| {
            Hit::new(
                path,
                format!("金额 {} 万元不大于零", fmt_decimal(v)),
                "金额以万元计，填正数；不安排资金的项目请从计划中删去",
            )
        })
        .collect()
}

fn scale(ctx: &Ctx) -> Vec<Hit> {
    amounts(ctx)
        .filter(|(_, v)| v.normalize().scale() > 4)
        .map(|(path, v)| {
            Hit::new(
                path,
                format!("金额 {} 万元超过四位小数", fmt_decimal(v)),
                format!(
                    "以万元计最多四位小数（精确到元），如 {}",
                    fmt_decimal(v.round_dp(4))
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
}
