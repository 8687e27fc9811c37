//! Parts of the money: 总投资 covers this year's amount; a project's sources and sub-items add
//! up to its amount; per-source funding adds up source by source.

use rust_decimal::Decimal;

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::money::fmt_decimal;
use crate::plan::{FieldPath, Funding, Project};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "amount-total-investment",
        severity: Error,
        doc: "项目总投资不得小于本年度的规划投资",
        check: total_investment,
    },
    Rule {
        code: "sum-sources",
        severity: Error,
        doc: "项目各资金来源之和必须等于其规划投资",
        check: sources,
    },
    Rule {
        code: "sum-items",
        severity: Error,
        doc: "项目各子项金额之和必须等于其规划投资",
        check: items,
    },
    Rule {
        code: "sum-funding-source",
        severity: Error,
        doc: "按来源下达资金时，各项目该来源的资金之和必须等于该来源的下达资金",
        check: funding_source,
    },
    Rule {
        code: "source-unknown",
        severity: Error,
        doc: "按来源下达资金时，项目的资金来源必须是下达资金中列出的来源",
        check: unknown_source,
    },
    Rule {
        code: "source-missing",
        severity: Error,
        doc: "下达资金有两个以上来源时，每个项目都要写明资金来源（资金分配表只能有一个来源）",
        check: missing_source,
    },
];

/// "1000 万元" (or "元", in the plan's unit).
fn wan(d: Decimal, u: &str) -> String {
    format!("{} {u}", fmt_decimal(d))
}

/// "多出 5 万元" / "还差 5 万元".
fn gap(sum: Decimal, want: Decimal, u: &str) -> String {
    if sum > want {
        format!("多出 {}", wan(sum - want, u))
    } else {
        format!("还差 {}", wan(want - sum, u))
    }
}

fn total_investment(ctx: &Ctx) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    ctx.projects()
        .iter()
        .filter_map(|pa| {
            let p = pa.project;
            let total = p.total_investment?.value();
            (total < p.amount.value()).then(|| {
                Hit::new(
                    pa.path().key("total_investment"),
                    format!(
                        "“{}”的总投资 {} 小于本年度规划投资 {}",
                        p.name,
                        wan(total, u),
                        wan(p.amount.value(), u)
                    ),
                    "总投资是项目全部投资，应不小于本年度安排的 amount；是否把两个数写反了？",
                )
            })
        })
        .collect()
}

/// A project whose `parts` (sources or sub-items) do not add up to its amount.
fn parts_sum(ctx: &Ctx, key: &str, what: &str, parts: fn(&Project) -> Vec<Decimal>) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    ctx.projects()
        .iter()
        .filter_map(|pa| {
            let p = pa.project;
            let parts = parts(p);
            let sum: Decimal = parts.iter().sum();
            (!parts.is_empty() && sum != p.amount.value()).then(|| {
                Hit::new(
                    pa.path().key(key),
                    format!(
                        "“{}”的{what}合计 {}，与规划投资 {}不符（{}）",
                        p.name,
                        wan(sum, u),
                        wan(p.amount.value(), u),
                        gap(sum, p.amount.value(), u)
                    ),
                    format!("逐项核对{what}的 amount；它们之和应等于项目的 amount"),
                )
            })
        })
        .collect()
}

fn sources(ctx: &Ctx) -> Vec<Hit> {
    parts_sum(ctx, "sources", "各资金来源", |p| {
        p.sources.iter().map(|s| s.amount.value()).collect()
    })
}

fn items(ctx: &Ctx) -> Vec<Hit> {
    // Sub-items are tables of their own: the finding points at the amount they must make.
    parts_sum(ctx, "amount", "各子项", |p| {
        p.items.iter().map(|s| s.amount.value()).collect()
    })
}

/// What the projects put in from `source`: their sources of that name, or, when the plan has
/// one source only, the whole amount of a project (or allocation line) that lists none.
fn share_of(ctx: &Ctx, source: &str) -> Decimal {
    let sole = ctx.file.plan.funding.sole_source();
    let projects: Decimal = ctx
        .projects()
        .iter()
        .filter_map(|pa| pa.project.amount_from(source.trim(), sole))
        .sum();
    // An allocation line has no sources: it counts toward the plan's only one.
    let allocations: Decimal = if sole.is_some() {
        ctx.file
            .plan
            .allocations
            .iter()
            .map(|a| a.amount.value())
            .sum()
    } else {
        Decimal::ZERO
    };
    projects + allocations
}

fn funding_source(ctx: &Ctx) -> Vec<Hit> {
    let u = ctx.file.plan.unit.label();
    let Funding::Sources(list) = &ctx.file.plan.funding else {
        return vec![];
    };
    list.iter()
        .enumerate()
        .filter_map(|(k, s)| {
            let sum = share_of(ctx, &s.name);
            let want = s.amount.value();
            (sum != want).then(|| {
                Hit::new(
                    FieldPath::of("plan.funding").index(k).key("amount"),
                    format!(
                        "资金来源“{}”下达 {}，各项目合计 {}（{}）",
                        s.name,
                        wan(want, u),
                        wan(sum, u),
                        gap(sum, want, u)
                    ),
                    format!("核对各项目 sources 中“{}”的金额", s.name),
                )
            })
        })
        .collect()
}

fn unknown_source(ctx: &Ctx) -> Vec<Hit> {
    let declared = ctx.file.plan.funding.sources();
    if declared.is_empty() {
        return vec![];
    }
    let names = || declared.iter().map(|s| s.name.trim());
    let mut out = Vec::new();
    for pa in ctx.projects() {
        let p = pa.project;
        for (k, s) in p.sources.iter().enumerate() {
            if names().any(|n| n == s.name.trim()) {
                continue;
            }
            let hint = match crate::textsim::closest(&s.name, names()) {
                Some(n) => format!("是不是“{n}”？资金来源要与 plan.funding 中的名称一字不差"),
                None => format!(
                    "plan.funding 列出的来源：{}",
                    names().collect::<Vec<_>>().join("、")
                ),
            };
            out.push(Hit::new(
                pa.path().key("sources").index(k).key("name"),
                format!("“{}”的资金来源“{}”不在下达资金的来源中", p.name, s.name),
                hint,
            ));
        }
    }
    out
}

fn missing_source(ctx: &Ctx) -> Vec<Hit> {
    if ctx.file.plan.funding.sources().len() < 2 {
        return vec![];
    }
    if !ctx.file.plan.allocations.is_empty() {
        return vec![Hit::new(
            FieldPath::of("plan.funding"),
            "资金分配表的各行写不出资金来源，不能按几个来源下达",
            "写 funding = 合计金额（只有一个来源时也可以只列这一个来源）",
        )];
    }
    ctx.projects()
        .iter()
        .filter(|pa| pa.project.sources.is_empty())
        .map(|pa| {
            Hit::new(
                pa.path().key("amount"),
                format!("下达资金分几个来源，“{}”没有写资金来源", pa.project.name),
                "在该项目下写 sources = [{ name = \"来源\", amount = 金额 }, …]，各来源之和等于 amount",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::plan::{Funding, Item, Money, Source};
    use crate::rules::testutil::{ebian, hits, paths};
    use rust_decimal::Decimal;

    fn wan(n: i64) -> Money {
        Money(Decimal::from(n))
    }

    fn source(name: &str, n: i64) -> Source {
        Source {
            name: name.into(),
            amount: wan(n),
        }
    }

    #[test]
    fn total_investment_below_the_amount_is_an_error() {
        let mut f = ebian().file;
        f.plan.categories[0].projects[0].total_investment = Some(wan(6400));
        assert!(paths("amount-total-investment", &f).is_empty());
        f.plan.categories[0].projects[0].total_investment = Some(wan(640));
        assert_eq!(
            paths("amount-total-investment", &f),
            ["plan.categories[0].projects[0].total_investment"]
        );
    }

    #[test]
    fn sources_and_items_add_up_to_the_amount() {
        let mut f = ebian().file;
        let p = &mut f.plan.categories[0].projects[0]; // 1000 万元
        p.sources = vec![source("东西部协作资金", 800), source("自筹", 200)];
        p.items = vec![
            Item {
                name: "种植".into(),
                amount: wan(600),
                content: String::new(),
            },
            Item {
                name: "综合体".into(),
                amount: wan(400),
                content: String::new(),
            },
        ];
        assert!(paths("sum-sources", &f).is_empty());
        assert!(paths("sum-items", &f).is_empty());
        let p = &mut f.plan.categories[0].projects[0];
        p.sources[1].amount = wan(150);
        p.items[1].amount = wan(450);
        let h = hits("sum-sources", &f);
        assert_eq!(
            h[0].path.to_string(),
            "plan.categories[0].projects[0].sources"
        );
        assert!(h[0].message.contains("还差 50 万元"), "{}", h[0].message);
        let h = hits("sum-items", &f);
        assert_eq!(
            h[0].path.to_string(),
            "plan.categories[0].projects[0].amount"
        );
        assert!(h[0].message.contains("多出 50 万元"), "{}", h[0].message);
    }

    #[test]
    fn allocation_lines_count_toward_the_only_source() {
        let mut f = ebian().file;
        let projects: Vec<_> = f
            .plan
            .categories
            .drain(..)
            .flat_map(|c| c.projects)
            .collect();
        f.plan.allocations = projects
            .into_iter()
            .map(|p| crate::plan::Allocation {
                recipient: p.name,
                amount: p.amount,
                purpose: String::new(),
            })
            .collect();
        f.plan.funding = Funding::Sources(vec![source("东西部协作资金", 3900)]);
        assert!(paths("sum-funding-source", &f).is_empty());
        assert!(paths("source-missing", &f).is_empty());
        f.plan.funding = Funding::Sources(vec![
            source("东西部协作资金", 3000),
            source("财政衔接资金", 900),
        ]);
        assert_eq!(paths("source-missing", &f), ["plan.funding"]);
    }

    #[test]
    fn per_source_funding_adds_up_source_by_source() {
        let mut f = ebian().file;
        // One source: projects without sources count towards it whole.
        f.plan.funding = Funding::Sources(vec![source("东西部协作资金", 3900)]);
        assert!(paths("sum-funding-source", &f).is_empty());
        assert!(paths("source-missing", &f).is_empty());
        // Two sources: every project says which, and each source adds up.
        f.plan.funding = Funding::Sources(vec![
            source("东西部协作资金", 3000),
            source("财政衔接资金", 900),
        ]);
        assert_eq!(paths("source-missing", &f).len(), 11);
        for p in f
            .plan
            .categories
            .iter_mut()
            .flat_map(|c| c.projects.iter_mut())
        {
            p.sources = vec![source("东西部协作资金", 0)];
            p.sources[0].amount = p.amount;
        }
        f.plan.categories[0].projects[0].sources =
            vec![source("东西部协作资金", 100), source("财政衔接资金", 900)];
        assert!(paths("source-missing", &f).is_empty());
        assert!(
            paths("sum-funding-source", &f).is_empty(),
            "{:?}",
            hits("sum-funding-source", &f)
        );
        f.plan.categories[0].projects[0].sources[1].name = "财政衔接".into();
        let h = hits("sum-funding-source", &f);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].path.to_string(), "plan.funding[1].amount");
        assert!(h[0].message.contains("财政衔接资金"), "{}", h[0].message);
        let h = hits("source-unknown", &f);
        assert_eq!(
            h[0].path.to_string(),
            "plan.categories[0].projects[0].sources[1].name"
        );
        assert!(h[0].hint.contains("财政衔接资金"), "{}", h[0].hint);
    }
}
