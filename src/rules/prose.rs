//! Prose against figures: a count, amount or share typed in free text (titles, preambles,
//! the notice's body, sections, category intros) must be the one the plan computes.
//!
//! A figure is compared only with what its sentence names: the last category, funding source
//! or project named before it, or a word for the whole (共计, 合计 …); after 其中 and no new
//! name it is a part of something unnamed and left alone. A count with no name counts the
//! text's scope: the plan, or the category whose intro it is in.

mod scan;

use rust_decimal::Decimal;

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::figures::{CategoryFigures, shares_at};
use crate::plan::model::{Block, Section};
use crate::plan::money::fmt_decimal;
use crate::plan::tree::GroupAt;
use crate::plan::{FieldPath, PlanFile};
use scan::{Typed, What};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "prose-count",
        severity: Error,
        doc: "文字中写的项目个数、类别数（N个项目、N类）必须与计划算出的一致",
        check: counts,
    },
    Rule {
        code: "prose-amount",
        severity: Error,
        doc: "文字中写的金额（共计、合计、某类、某资金来源、某项目 N万元）必须与计划算出的一致",
        check: amounts,
    },
    Rule {
        code: "prose-share",
        severity: Error,
        doc: "文字中写的类别占比（占 N%）必须与计划算出的一致（按所写的小数位数）",
        check: shares,
    },
];

/// Words that name the whole of the text's scope.
const WHOLE: &[&str] = &[
    "共计",
    "合计",
    "总计",
    "共安排",
    "共下达",
    "下达资金",
    "资金总额",
    "总规模",
];

/// What a sentence names before a figure (`None`: nothing; a count then counts its scope).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Named {
    /// The text's scope (a word for the whole, or for counts nothing at all).
    Whole,
    /// A category, by its index in `PlanFile::groups`.
    Group(usize),
    /// A funding source of the plan, by index.
    Source(usize),
    /// A project, by its index in `PlanFile::projects`.
    Project(usize),
}

/// A text the rules read, with its scope: the plan, or a category (index in `groups`).
struct Prose<'a> {
    path: FieldPath,
    text: &'a str,
    scope: Option<usize>,
}

fn prose<'a>(file: &'a PlanFile, groups: &[GroupAt<'a>]) -> Vec<Prose<'a>> {
    let mut all: Vec<Prose<'a>> = Vec::new();
    let mut push = |path: FieldPath, text: &'a str, scope| all.push(Prose { path, text, scope });
    let n = &file.notice;
    push(FieldPath::of("notice.title"), &n.title, None);
    for (i, t) in n.body.iter().enumerate() {
        push(FieldPath::of("notice.body").index(i), t, None);
    }
    let s = &file.plan;
    if s.scheme {
        push(FieldPath::of("plan.title"), &s.title, None);
        for (i, t) in s.preamble.iter().enumerate() {
            push(FieldPath::of("plan.preamble").index(i), t, None);
        }
        for (i, sec) in s.sections.iter().enumerate() {
            section(FieldPath::of("plan.sections").index(i), sec, &mut push);
        }
    }
    for (g, at) in groups.iter().enumerate() {
        push(at.path.key("intro"), &at.category.intro, Some(g));
    }
    all
}

/// A section's paragraphs (a run-in's text), and its sub-sections'.
fn section<'a>(
    at: FieldPath,
    sec: &'a Section,
    push: &mut impl FnMut(FieldPath, &'a str, Option<usize>),
) {
    for (i, b) in sec.paragraphs.iter().enumerate() {
        match b {
            Block::Text(t) => push(at.key("paragraphs").index(i), t, None),
            Block::RunIn { text, .. } => {
                push(at.key("paragraphs").index(i).key("text"), text, None)
            }
        }
    }
    for (i, sub) in sec.sections.iter().enumerate() {
        section(at.key("sections").index(i), sub, push);
    }
}

/// The figures typed in the plan's prose, with what their sentences name. Nothing while
/// projects are still placeholders: their figures say nothing yet.
fn typed<'a>(ctx: &Ctx<'a>) -> Vec<(Prose<'a>, Typed<'a>, Option<Named>)> {
    // A figure after 其中 and no new name is a part of something unnamed: left alone.
    let file = ctx.file;
    if ctx.projects().iter().any(|p| p.project.is_placeholder()) {
        return vec![];
    }
    let groups = ctx.groups();
    let mut names: Vec<(&str, Named)> = WHOLE.iter().map(|w| (*w, Named::Whole)).collect();
    names.extend(
        groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.category.name.trim(), Named::Group(i))),
    );
    names.extend(
        file.plan
            .funding
            .sources()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.trim(), Named::Source(i))),
    );
    names.extend(
        ctx.projects()
            .iter()
            .enumerate()
            .map(|(i, p)| (p.project.name.trim(), Named::Project(i))),
    );
    names.retain(|(n, _)| !n.is_empty());
    let mut out = Vec::new();
    for p in prose(file, groups) {
        for t in scan::figures(p.text) {
            let (named, part) = named(t.before, &names);
            if part {
                continue;
            }
            out.push((
                Prose {
                    path: p.path.clone(),
                    text: p.text,
                    scope: p.scope,
                },
                t,
                named,
            ));
        }
    }
    out
}

/// What `sentence` names last, and whether a 其中 follows it (the figure is then a part of
/// something the sentence does not name). A bare 共 right before the figure is the whole.
fn named(sentence: &str, names: &[(&str, Named)]) -> (Option<Named>, bool) {
    let mut best: Option<(usize, usize, Named)> = None;
    for (name, what) in names {
        if let Some(p) = sentence.rfind(name) {
            let end = p + name.len();
            if best.is_none_or(|(e, l, _)| end > e || end == e && name.len() > l) {
                best = Some((end, name.len(), *what));
            }
        }
    }
    let after = best.map_or(0, |(end, _, _)| end);
    let part = sentence[after..].contains("其中");
    let whole = sentence.ends_with('共') && !part;
    (
        best.map(|(_, _, w)| w).or(whole.then_some(Named::Whole)),
        part,
    )
}

fn group_figures<'f>(ctx: &'f Ctx, g: usize) -> Option<&'f CategoryFigures> {
    ctx.figures.category(&ctx.groups().get(g)?.numbers)
}

fn counts(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (p, t, named) in typed(ctx) {
        let scope = match (named, p.scope) {
            (Some(Named::Group(g)), _) => Some(g),
            (Some(Named::Whole) | None, scope) => scope,
            // Counts of a source's or a project's parts are not the plan's.
            (Some(_), _) => continue,
        };
        let (want, of) = match (t.what, scope) {
            (What::Projects, None) => (ctx.figures.project_count, "计划共有".to_string()),
            (What::Projects, Some(g)) => match group_figures(ctx, g) {
                Some(f) => (f.count, format!("“{}”有", ctx.groups()[g].category.name)),
                None => continue,
            },
            (What::Categories, None) => (ctx.figures.categories.len(), "计划共有".to_string()),
            (What::Categories, Some(g)) => match group_figures(ctx, g) {
                Some(f) if !f.children.is_empty() => (
                    f.children.len(),
                    format!("“{}”下有", ctx.groups()[g].category.name),
                ),
                _ => continue,
            },
            _ => continue,
        };
        if want == 0 || t.value == Decimal::from(want) {
            continue;
        }
        let unit = t.unit();
        out.push(
            Hit::new(
                p.path.clone(),
                format!("文字中写的“{}{unit}”与计划不符：{of} {want} {unit}", fmt_decimal(t.value)),
                format!(
                    "改为“{want}”；个数由项目算出，增删项目后这里不会跟着变，也可以删去这个数字（“工作任务”的概述句会写明）"
                ),
            )
            .within(t.at.clone()),
        );
    }
    out
}

fn amounts(ctx: &Ctx) -> Vec<Hit> {
    let unit = ctx.file.plan.unit;
    let projects = ctx.projects();
    let mut out = Vec::new();
    for (p, t, named) in typed(ctx) {
        let What::Money(per) = t.what else { continue };
        let (amount, what) = match (named, p.scope) {
            (Some(Named::Whole), None) => (ctx.figures.total, "各项目合计".to_string()),
            (Some(Named::Whole), Some(g)) | (Some(Named::Group(g)), _) => {
                match group_figures(ctx, g) {
                    Some(f) => (
                        f.subtotal,
                        format!("“{}”小计", ctx.groups()[g].category.name),
                    ),
                    None => continue,
                }
            }
            (Some(Named::Source(s)), _) => {
                let src = &ctx.file.plan.funding.sources()[s];
                (src.amount.value(), format!("“{}”下达", src.name))
            }
            (Some(Named::Project(i)), _) => {
                let pr = projects[i].project;
                (pr.amount.value(), format!("项目“{}”规划投资", pr.name))
            }
            (None, _) => continue,
        };
        let want = amount * unit.yuan() / Decimal::from(per);
        if t.value == want {
            continue;
        }
        let u = t.unit();
        out.push(
            Hit::new(
                p.path.clone(),
                format!(
                    "文字中写的“{}{u}”与计划不符：{what} {} {u}",
                    fmt_decimal(t.value),
                    fmt_decimal(want)
                ),
                format!(
                    "改为“{}”；金额由项目算出，数字不对时改项目的金额，不改这里",
                    fmt_decimal(want)
                ),
            )
            .within(t.at.clone()),
        );
    }
    out
}

fn shares(ctx: &Ctx) -> Vec<Hit> {
    let groups = ctx.groups();
    let subtotals: Vec<Decimal> = ctx.figures.categories.iter().map(|c| c.subtotal).collect();
    let mut out = Vec::new();
    for (p, t, named) in typed(ctx) {
        let What::Share(dp) = t.what else { continue };
        let g = match (named, p.scope) {
            (Some(Named::Group(g)), _) => g,
            (Some(Named::Whole), Some(g)) => g,
            _ => continue,
        };
        // Only top-level categories have shares of the whole.
        let [i] = groups[g].numbers[..] else { continue };
        let total = ctx.figures.total;
        let want = if dp <= 2 {
            shares_at(&subtotals, total, dp).map(|s| s[i])
        } else {
            (total > Decimal::ZERO)
                .then(|| (subtotals[i] * Decimal::from(100) / total).round_dp(dp))
        };
        let Some(want) = want else { continue };
        if t.value == want {
            continue;
        }
        let name = &groups[g].category.name;
        let want = format!("{want:.prec$}", prec = dp as usize);
        out.push(
            Hit::new(
                p.path.clone(),
                format!(
                    "文字中写的“{name}”占比 {}% 与计划不符：按项目算出的是 {want}%",
                    &p.text[t.at.clone()]
                ),
                format!("改为“{want}”；占比由各类资金算出，也可以删去这个数字（概述句会写明）"),
            )
            .within(t.at.clone()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, hits};

    /// (path, the figure the caret covers, hint) of each hit.
    fn found(
        code: &str,
        f: &crate::plan::PlanFile,
        text_of: impl Fn(&str) -> String,
    ) -> Vec<(String, String, String)> {
        hits(code, f)
            .into_iter()
            .map(|h| {
                let text = text_of(&h.path.to_string());
                let part = h.within.map(|r| text[r].to_string()).unwrap_or_default();
                (h.path.to_string(), part, h.hint)
            })
            .collect()
    }

    const SUMMARY: &str = "全年共安排项目5类11个，其中：产业合作项目2个，规划资金1950万元，占50%；劳务协作项目2个，规划资金230万元，占5.9%；改善民生项目5个，规划资金1370万元，占35.13%。";

    #[test]
    fn the_summary_typed_again_is_clean() {
        let mut f = ebian().file;
        f.plan.preamble.push(SUMMARY.into());
        f.notice
            .body
            .push("下达资金3900万元，合计0.39亿元，共计39000000元，共11个项目。".into());
        for code in ["prose-count", "prose-amount", "prose-share"] {
            assert!(hits(code, &f).is_empty(), "{code}: {:?}", hits(code, &f));
        }
    }

    #[test]
    fn counts_that_disagree_point_at_the_figure() {
        let mut f = ebian().file;
        f.plan
            .preamble
            .push("全年共安排项目5类12个，其中劳务协作项目3个。".into());
        f.plan.categories[0].intro = "本类安排3个项目，覆盖3个乡镇、2个园区。".into();
        let (pre, intro) = (
            f.plan.preamble[1].clone(),
            f.plan.categories[0].intro.clone(),
        );
        let hits = found("prose-count", &f, |p| {
            if p.contains("preamble") {
                pre.clone()
            } else {
                intro.clone()
            }
        });
        let brief: Vec<(&str, &str)> = hits
            .iter()
            .map(|(p, part, _)| (p.as_str(), part.as_str()))
            .collect();
        assert_eq!(
            brief,
            [
                ("plan.preamble[1]", "12"),
                ("plan.preamble[1]", "3"),
                ("plan.categories[0].intro", "3"),
            ]
        );
        assert!(hits[0].2.starts_with("改为“11”"), "{}", hits[0].2);
        assert!(hits[1].2.starts_with("改为“2”"), "{}", hits[1].2);
    }

    #[test]
    fn amounts_are_compared_with_what_the_sentence_names() {
        let mut f = ebian().file;
        f.notice.body.push(
            "共计4000万元，其中1000万元用于园区。产业合作安排1900万元。带动社会投资5000万元。"
                .into(),
        );
        let body = f.notice.body[1].clone();
        let hits = found("prose-amount", &f, |_| body.clone());
        let parts: Vec<&str> = hits.iter().map(|h| h.1.as_str()).collect();
        assert_eq!(parts, ["4000", "1900"]);
        assert!(hits[0].2.starts_with("改为“3900”"), "{}", hits[0].2);
        assert!(hits[1].2.starts_with("改为“1950”"), "{}", hits[1].2);
    }

    #[test]
    fn shares_are_compared_at_the_decimals_typed() {
        let mut f = ebian().file;
        f.plan
            .preamble
            .push("改善民生占35.14%，人才交流占7.7%，消费帮扶占1%。".into());
        let pre = f.plan.preamble[1].clone();
        let hits = found("prose-share", &f, |_| pre.clone());
        let brief: Vec<(&str, &str)> = hits.iter().map(|h| (h.1.as_str(), h.2.as_str())).collect();
        assert_eq!(brief.len(), 1, "{brief:?}");
        assert_eq!(brief[0].0, "35.14");
        assert!(brief[0].1.starts_with("改为“35.13”"), "{}", brief[0].1);
    }

    #[test]
    fn placeholder_projects_say_nothing_yet() {
        let mut f = ebian().file;
        f.plan.preamble.push("共安排12个项目。".into());
        f.plan.categories[0].projects[0].name = "待填写".into();
        assert!(hits("prose-count", &f).is_empty());
    }
}
