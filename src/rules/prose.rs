//! Prose against figures: a count, amount or share typed in free text (titles, preambles,
//! the notice's body, sections, category intros) must be the one the plan computes.
//!
//! Each figure is read against what its sentence names (`reading.rs`): it is clean when it
//! equals anything the sentence could mean. A mismatch is an error only when the reading is
//! certain — one category, source, project or allocation line, or the whole, named with
//! nothing but neutral words between the name and the figure, or a closed list read as its
//! sum; anything less certain is a warning (`…-unsure`), which a plan can accept with a
//! reason. A figure about something wider than the plan (谋划, 带动, 累计, 其中 …) is left alone.

mod compare;
mod reading;
mod scan;

use super::{Ctx, Rule};
use crate::diag::Severity::{Error, Warning};
use crate::plan::model::{Block, Section};
use crate::plan::tree::GroupAt;
use crate::plan::{FieldPath, PlanFile};
use reading::{Named, Reading};
use scan::{Typed, What};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "prose-count",
        severity: Error,
        doc: "文字中写的项目个数、类别数（N个项目、N类）必须与计划算出的一致（所指确定时）",
        check: |ctx| compare::hits(ctx, Kind::Count, true),
    },
    Rule {
        code: "prose-amount",
        severity: Error,
        doc: "文字中写的金额（共计、合计、某类、某资金来源、某项目 N万元）必须与计划算出的一致（所指确定时）",
        check: |ctx| compare::hits(ctx, Kind::Amount, true),
    },
    Rule {
        code: "prose-share",
        severity: Error,
        doc: "文字中写的类别占比（占 N%）必须与计划算出的一致（按所写的小数位数）",
        check: |ctx| compare::hits(ctx, Kind::Share, true),
    },
    Rule {
        code: "prose-count-unsure",
        severity: Warning,
        doc: "文字中的个数与计划算出的都不符，但这句话所指不能完全确定（如“等方面”“全县”）",
        check: |ctx| compare::hits(ctx, Kind::Count, false),
    },
    Rule {
        code: "prose-amount-unsure",
        severity: Warning,
        doc: "文字中的金额与计划算出的都不符，但这句话所指不能完全确定（如“分别”、几个名称、未知的词）",
        check: |ctx| compare::hits(ctx, Kind::Amount, false),
    },
    Rule {
        code: "prose-share-unsure",
        severity: Warning,
        doc: "文字中的占比与计划算出的不符，但这句话所指不能完全确定",
        check: |ctx| compare::hits(ctx, Kind::Share, false),
    },
];

/// Which figures a rule compares.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Count,
    Amount,
    Share,
}

impl Kind {
    fn takes(self, what: What) -> bool {
        match self {
            Kind::Count => matches!(what, What::Projects | What::Categories),
            Kind::Amount => matches!(what, What::Money(_)),
            Kind::Share => matches!(what, What::Share(_)),
        }
    }
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

/// The names prose may use: categories, funding sources, projects and allocation lines
/// (a line's recipient also without its 人民政府: "石门乡230万元").
fn names<'a>(ctx: &Ctx<'a>) -> Vec<reading::Name<'a>> {
    let plan = &ctx.file.plan;
    let mut list: Vec<(&str, Named)> = Vec::new();
    for (i, g) in ctx.groups().iter().enumerate() {
        list.push((g.category.name.trim(), Named::Group(i)));
    }
    for (i, s) in plan.funding.sources().iter().enumerate() {
        list.push((s.name.trim(), Named::Source(i)));
    }
    for (i, p) in ctx.projects().iter().enumerate() {
        list.push((p.project.name.trim(), Named::Project(i)));
    }
    for (i, a) in plan.allocations.iter().enumerate() {
        let full = a.recipient.trim();
        list.push((full, Named::Allocation(i)));
        let short = full.trim_end_matches("人民政府").trim_end_matches("政府");
        if short != full && short.chars().count() >= 2 {
            list.push((short, Named::Allocation(i)));
        }
    }
    reading::names(list)
}

/// Every figure typed in the plan's prose, with its text and its reading. Nothing while
/// projects are still placeholders: their figures say nothing yet.
fn typed<'a>(ctx: &Ctx<'a>) -> Vec<(Prose<'a>, Typed<'a>, Reading)> {
    if ctx.projects().iter().any(|p| p.project.is_placeholder()) {
        return vec![];
    }
    let names = names(ctx);
    let plan = &ctx.file.plan;
    let extra = [plan.program.trim(), plan.summary.share_words.trim()];
    let mut out = Vec::new();
    for p in prose(ctx.file, ctx.groups()) {
        let figs = scan::figures(p.text);
        if figs.is_empty() {
            continue;
        }
        let occs = reading::occurrences(p.text, &names);
        for t in &figs {
            if let Some(r) = reading::read(p.text, t, &figs, &occs, &names, &extra) {
                let prose = Prose {
                    path: p.path.clone(),
                    ..p
                };
                out.push((prose, t.clone(), r));
            }
        }
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
