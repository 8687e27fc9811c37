//! Each typed figure against what its reading may mean: clean when it equals any of them;
//! otherwise an error when the reading is certain, a warning when it is not.

use rust_decimal::Decimal;

use super::reading::{Named, Reading, Referent};
use super::scan::{Typed, What};
use super::{Kind, Prose, typed};
use crate::plan::figures::{CategoryFigures, shares_at};
use crate::plan::money::fmt_decimal;
use crate::rules::{Ctx, Hit};

/// What a referent computes to for a figure, and how the message names it.
struct Expected {
    value: Decimal,
    of: String,
}

/// The hits of one kind of figure: the certain mismatches, or the unsure ones.
pub(super) fn hits(ctx: &Ctx, kind: Kind, certain: bool) -> Vec<Hit> {
    let mut out = Vec::new();
    for (p, t, r) in typed(ctx) {
        if !kind.takes(t.what) || r.certain != certain {
            continue;
        }
        let expected: Vec<Expected> = r
            .referents
            .iter()
            .filter_map(|x| expected(ctx, &p, &t, x))
            .collect();
        let Some(first) = expected.first() else {
            continue;
        };
        if expected.iter().any(|e| agrees(ctx, &t, e.value)) {
            continue;
        }
        // A certain reading has exactly one referent.
        out.push(hit(&p, &t, first, &r));
    }
    out
}

/// Whether the typed figure is `want`: exactly, or — in a larger unit than the plan's
/// (0.39亿元 in a 万元 plan) — rounded to the decimals typed.
fn agrees(ctx: &Ctx, t: &Typed, want: Decimal) -> bool {
    if t.value == want {
        return true;
    }
    let larger =
        matches!(t.what, What::Money(per) if Decimal::from(per) > ctx.file.plan.unit.yuan());
    larger && want.round_dp(t.value.scale()) == t.value
}

fn hit(p: &Prose, t: &Typed, e: &Expected, r: &Reading) -> Hit {
    let typed = &p.text[t.at.clone()];
    let want = fmt_decimal(e.value);
    let u = t.unit();
    let (message, hint) = match (t.what, r.certain) {
        (What::Share(_), true) => (
            format!(
                "文字中写的{}占比 {typed}% 与计划不符：按项目算出的是 {want}%",
                e.of
            ),
            format!("改为“{want}”；占比由各类资金算出，也可以删去这个数字（概述句会写明）"),
        ),
        (What::Money(_), true) => (
            format!("文字中写的“{typed}{u}”与计划不符：{} {want} {u}", e.of),
            format!("改为“{want}”；金额由项目算出，数字不对时改项目的金额，不改这里"),
        ),
        (_, true) => (
            format!("文字中写的“{typed}{u}”与计划不符：{} {want} {u}", e.of),
            format!(
                "改为“{want}”；个数由项目算出，增删项目后这里不会跟着变，也可以删去这个数字（“工作任务”的概述句会写明）"
            ),
        ),
        (_, false) => (
            format!(
                "文字中写的“{typed}{u}”与计划算出的都对不上（这句话所指不能完全确定）：{} {want} {u}",
                e.of
            ),
            format!(
                "如果指的是{}，改为“{want}”；如果说的是计划以外的范围（全县、其他资金），可以改写得更明确，或在 [[policy.accept]] 中接受并写明理由",
                e.of
            ),
        ),
    };
    Hit::new(p.path.clone(), message, hint).within(t.at.clone())
}

fn group<'f>(ctx: &'f Ctx, g: usize) -> Option<(&'f CategoryFigures, &'f str)> {
    let at = ctx.groups().get(g)?;
    Some((
        ctx.figures.category(&at.numbers)?,
        at.category.name.as_str(),
    ))
}

/// The figure `x` computes to for `t`, and how to name it; `None` when it has none of
/// that kind (a source has no count; a project without 总投资 has none to compare).
fn expected(ctx: &Ctx, p: &Prose, t: &Typed, x: &Referent) -> Option<Expected> {
    let scope_group = |x: &Referent| match x {
        Referent::Scope => p.scope.map(Named::Group),
        Referent::One(n) => Some(*n),
        _ => None,
    };
    let (value, of) = match (t.what, x) {
        (What::Share(dp), _) => {
            let Some(Named::Group(g)) = scope_group(x) else {
                return None;
            };
            (share(ctx, g, dp)?, format!("“{}”的", group(ctx, g)?.1))
        }
        (What::Projects, Referent::Sum(list)) => {
            let mut sum = 0;
            for n in list {
                let Named::Group(g) = n else { return None };
                sum += group(ctx, *g)?.0.count;
            }
            (Decimal::from(sum), format!("所列{}类共有", list.len()))
        }
        (What::Projects, _) => match scope_group(x) {
            None if *x == Referent::Scope => (ctx.figures.project_count.into(), "计划共有".into()),
            Some(Named::Group(g)) => {
                let (f, name) = group(ctx, g)?;
                (f.count.into(), format!("“{name}”有"))
            }
            _ => return None,
        },
        (What::Categories, Referent::Sum(list)) => {
            if !list.iter().all(|n| matches!(n, Named::Group(_))) {
                return None;
            }
            (list.len().into(), "所列类别共有".into())
        }
        (What::Categories, _) => match scope_group(x) {
            None if *x == Referent::Scope => {
                (ctx.figures.categories.len().into(), "计划共有".into())
            }
            Some(Named::Group(g)) => {
                let (f, name) = group(ctx, g)?;
                if f.children.is_empty() {
                    return None;
                }
                (f.children.len().into(), format!("“{name}”下有"))
            }
            _ => return None,
        },
        (What::Money(per), _) => {
            let (amount, of) = money(ctx, p, x)?;
            (amount * ctx.file.plan.unit.yuan() / Decimal::from(per), of)
        }
    };
    (value > Decimal::ZERO).then_some(Expected { value, of })
}

/// A top-level category's share at `dp` decimals, as the summary computes it.
fn share(ctx: &Ctx, g: usize, dp: u32) -> Option<Decimal> {
    let [i] = ctx.groups().get(g)?.numbers[..] else {
        return None;
    };
    let subtotals: Vec<Decimal> = ctx.figures.categories.iter().map(|c| c.subtotal).collect();
    let total = ctx.figures.total;
    if dp <= 2 {
        shares_at(&subtotals, total, dp).map(|s| s[i])
    } else {
        (total > Decimal::ZERO).then(|| (subtotals[i] * Decimal::from(100) / total).round_dp(dp))
    }
}

/// The amount (in the plan's unit) a referent names, and how to name it.
fn money(ctx: &Ctx, p: &Prose, x: &Referent) -> Option<(Decimal, String)> {
    let plan = &ctx.file.plan;
    let one = |n: Named| -> Option<(Decimal, String)> {
        Some(match n {
            Named::Group(g) => {
                let (f, name) = group(ctx, g)?;
                (f.subtotal, format!("“{name}”小计"))
            }
            Named::Source(s) => {
                let src = plan.funding.sources().get(s)?;
                (src.amount.value(), format!("“{}”下达", src.name))
            }
            Named::Project(i) => {
                let pr = ctx.projects().get(i)?.project;
                (pr.amount.value(), format!("项目“{}”规划投资", pr.name))
            }
            Named::Allocation(a) => {
                let line = plan.allocations.get(a)?;
                (line.amount.value(), format!("“{}”分配资金", line.recipient))
            }
        })
    };
    match x {
        Referent::Scope => match p.scope {
            Some(g) => one(Named::Group(g)),
            None => Some((ctx.figures.total, "各项目合计".into())),
        },
        Referent::One(n) => one(*n),
        Referent::Sum(list) => {
            let mut sum = Decimal::ZERO;
            for n in list {
                sum += one(*n)?.0;
            }
            Some((sum, format!("所列{}项合计", list.len())))
        }
        Referent::TotalInvestment(i) => {
            let pr = ctx.projects().get(*i)?.project;
            Some((
                pr.total_investment?.value(),
                format!("项目“{}”总投资", pr.name),
            ))
        }
    }
}
