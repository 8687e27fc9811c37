//! The figures a change of projects changes in turn.

use super::{Change, Kind, change};
use crate::plan::Figures;
use crate::plan::model::PlanFile;
use crate::plan::money::fmt_decimal;

/// Figures that follow from the changes: total, per category subtotal, share and count,
/// the counts of the summary sentence.
pub(super) fn derived(old: &PlanFile, new: &PlanFile) -> Vec<Change> {
    let (fo, fnew) = (Figures::of(&old.plan), Figures::of(&new.plan));
    let u = new.plan.unit.label();
    let mut out = Vec::new();
    let mut push = |place: &str, field: &str, a: String, b: String| {
        if a != b {
            out.push(change(Kind::Derived, place, field, &a, &b));
        }
    };
    push(
        "合计",
        "规划投资",
        format!("{}{u}", fmt_decimal(fo.total)),
        format!("{}{u}", fmt_decimal(fnew.total)),
    );
    push(
        "项目",
        "类别数",
        fo.category_count().to_string(),
        fnew.category_count().to_string(),
    );
    push(
        "项目",
        "个数",
        fo.project_count.to_string(),
        fnew.project_count.to_string(),
    );
    // Shares as the summary sentence prints them (none when it is left out).
    let printed = |f: &Figures, plan: &crate::plan::Scheme| {
        let subtotals: Vec<_> = f.categories.iter().map(|c| c.subtotal).collect();
        let dp = u32::from(plan.summary.share_decimals.min(2));
        plan.summary
            .print
            .then(|| crate::plan::figures::shares_at(&subtotals, f.total, dp))
            .flatten()
            .unwrap_or_default()
    };
    let (so, sn) = (printed(&fo, &old.plan), printed(&fnew, &new.plan));
    // Every category and sub-category, paired by its names, labelled as the new table prints it.
    let nested = new.plan.nested();
    let old_groups = old.groups();
    for g in new.groups() {
        let Some(o) = old_groups.iter().find(|o| o.names() == g.names()) else {
            continue;
        };
        let (Some(a), Some(b)) = (fo.category(&o.numbers), fnew.category(&g.numbers)) else {
            continue;
        };
        let place = g.label(nested);
        push(
            &place,
            "小计",
            format!("{}{u}", fmt_decimal(a.subtotal)),
            format!("{}{u}", fmt_decimal(b.subtotal)),
        );
        if g.depth == 1 {
            let share = |s: &[rust_decimal::Decimal], i: usize| {
                s.get(i)
                    .map(|s| format!("{}%", fmt_decimal(*s)))
                    .unwrap_or_default()
            };
            push(
                &place,
                "占比",
                share(&so, o.numbers[0]),
                share(&sn, g.numbers[0]),
            );
        }
        push(&place, "项目个数", a.count.to_string(), b.count.to_string());
    }
    out
}
