//! Sums: the projects add up to what the plan declares.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::money::fmt_decimal;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "sum-funding",
        severity: Error,
        doc: "各项目规划投资之和必须等于下达资金",
        check: funding,
    },
    Rule {
        code: "sum-subtotal",
        severity: Error,
        doc: "写明的类别小计必须等于该类项目之和",
        check: subtotal,
    },
];

fn funding(ctx: &Ctx) -> Vec<Hit> {
    let declared = ctx.file.plan.funding.total();
    let total = ctx.figures.total;
    if declared == total {
        return vec![];
    }
    let diff = total - declared;
    let u = ctx.file.plan.unit.label();
    let how = if diff > rust_decimal::Decimal::ZERO {
        format!("多出 {} {u}", fmt_decimal(diff))
    } else {
        format!("还差 {} {u}", fmt_decimal(-diff))
    };
    vec![Hit::new(
        FieldPath::of("plan.funding"),
        format!(
            "各项目规划投资合计 {} {u}，与下达资金 {} {u}不符（{how}）",
            fmt_decimal(total),
            fmt_decimal(declared)
        ),
        "逐项核对各项目的 amount（规划投资）；小计和合计由项目自动算出，不要手填",
    )]
}

fn subtotal(ctx: &Ctx) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    ctx.file
        .groups()
        .into_iter()
        .filter_map(|g| {
            let c = g.category;
            let declared = c.subtotal?.value();
            let f = ctx.figures.category(&g.numbers)?;
            (declared != f.subtotal).then(|| {
                Hit::new(
                    g.path.key("subtotal"),
                    format!(
                        "“{}”写明小计 {} {u}，但其 {} 个项目合计 {} {u}",
                        c.name,
                        fmt_decimal(declared),
                        f.count,
                        fmt_decimal(f.subtotal)
                    ),
                    "小计由项目自动算出：删去 subtotal 这一行，或核对该类各项目的规划投资",
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::plan::Money;
    use crate::rules::testutil::{ebian, hits, paths};
    use rust_decimal::Decimal;

    #[test]
    fn the_seeds_1370_row_breaks_the_total() {
        let mut f = ebian().file;
        assert!(paths("sum-funding", &f).is_empty());
        // The first annex table printed the category subtotal in the 90万元 row.
        f.plan.categories[4].projects[0].amount = Money(Decimal::from(1370));
        let h = hits("sum-funding", &f);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].path.to_string(), "plan.funding");
        assert!(h[0].message.contains("5180"), "{}", h[0].message);
        assert!(h[0].message.contains("多出 1280 万元"), "{}", h[0].message);
    }

    #[test]
    fn a_declared_subtotal_is_checked() {
        let mut f = ebian().file;
        f.plan.categories[4].subtotal = Some(Money(Decimal::from(1370)));
        assert!(paths("sum-subtotal", &f).is_empty());
        f.plan.categories[4].subtotal = Some(Money(Decimal::from(1360)));
        assert_eq!(paths("sum-subtotal", &f), ["plan.categories[4].subtotal"]);
    }
}
