//! The annex table's title: the plan's year, county and programme.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::{Error, Warning};
use crate::plan::FieldPath;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "annex-title-year",
        severity: Error,
        doc: "附件计划表名称中的年份应是方案的年度（名称中写了方案年度的，其他年份不管）",
        check: annex_year,
    },
    Rule {
        code: "annex-title-place",
        severity: Warning,
        doc: "附件计划表名称开头的县（市、旗）名应与方案标题（或发文机关）中的一致",
        check: annex_place,
    },
    Rule {
        code: "annex-title-program",
        severity: Warning,
        doc: "附件计划表名称中的资金或项目类别（如“财政衔接资金”）应是本方案的，不是别的资金",
        check: annex_program,
    },
];

/// Four-digit years in `text` (2023 in "2023年"), with their bytes.
fn years(text: &str) -> Vec<(std::ops::Range<usize>, i32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 && text[i + 4..].starts_with('年') {
            out.push((i..i + 4, text[i..i + 4].parse().unwrap_or(0)));
        }
        i += run.max(1);
    }
    out
}

/// The county a title opens with: up to its first 县, 市 or 旗 ("峨边彝族自治县"), when that
/// reads as a county's name (2 to 12 characters, no digits, not 全县 or 本县). 区 is left out:
/// 园区, 片区 and 社区 open too many titles. A party body's 中共 is not part of the county
/// (中共峨边彝族自治县委…).
fn place(title: &str) -> Option<&str> {
    let title = ["中共", "中国共产党"]
        .iter()
        .find_map(|p| title.strip_prefix(p))
        .unwrap_or(title);
    let end = title.find(['县', '市', '旗'])?;
    let place = &title[..end + '县'.len_utf8()];
    let n = place.chars().count();
    let generic = ["全县", "本县", "全市", "本市", "全旗"].contains(&place);
    let plain = !place
        .chars()
        .any(|c| c.is_ascii_digit() || "项目工程园年计划表".contains(c));
    ((2..=12).contains(&n) && plain && !generic).then_some(place)
}

/// An annex title whose only years are not the plan's. When the plan's own title carries
/// that same year and not the plan year, the year field is the slip, and it is the one named.
fn annex_year(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let titled: Vec<i32> = years(&plan.title).into_iter().map(|(_, y)| y).collect();
    let mut out = Vec::new();
    for (at, annex) in plan.annex.each() {
        let t = &annex.title;
        let ys = years(t);
        if ys.iter().any(|(_, y)| *y == plan.year) {
            continue;
        }
        let Some((r, y)) = ys.into_iter().next() else {
            continue;
        };
        if titled.contains(&y) && !titled.contains(&plan.year) {
            out.push(Hit::new(
                FieldPath::of("plan.year"),
                format!(
                    "方案年度写的是 {}，方案标题和附件名称写的都是 {y} 年",
                    plan.year
                ),
                format!("核对后把 year 改为 {y}（附件名称和方案标题不用改）"),
            ));
            continue;
        }
        out.push(
            Hit::new(
                at.key("title"),
                format!("附件名称“{t}”写的是 {y} 年，方案是 {} 年的", plan.year),
                format!("改为“{}年”（多半是照去年的表改的）", plan.year),
            )
            .within(r),
        );
    }
    out
}

fn annex_place(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let ours = place(&plan.title).or_else(|| place(&ctx.file.notice.issuer));
    let mut out = Vec::new();
    for (at, annex) in plan.annex.each() {
        let t = &annex.title;
        if let (Some(ours), Some(theirs)) = (ours, place(t))
            && ours != theirs
            && !t.contains(ours)
        {
            let start = t.find(theirs).unwrap_or(0);
            out.push(
                Hit::new(
                    at.key("title"),
                    format!("附件名称“{t}”写的是“{theirs}”，方案是“{ours}”的"),
                    format!("核对后改为“{ours}”"),
                )
                .within(start..start + theirs.len()),
            );
        }
    }
    out
}

/// Funds and programmes a county's project tables are named after, each with the shorter
/// names of the same fund it holds (财政衔接资金 holds 衔接资金).
const PROGRAMMES: &[&str] = &[
    "东西部协作",
    "对口支援",
    "定点帮扶",
    "衔接推进乡村振兴补助资金",
    "财政衔接资金",
    "衔接资金",
    "以工代赈",
    "少数民族发展资金",
    "统筹整合",
    "涉农整合",
    "一事一议",
    "彩票公益金",
    "革命老区",
];

/// A fund named in an annex title that the plan names nowhere else (its programme, its
/// title, the notice's title, its funding sources), nor any fund of that family.
fn annex_program(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let mut own: Vec<&str> = vec![&plan.program, &plan.title, &ctx.file.notice.title];
    own.extend(plan.funding.sources().iter().map(|s| s.name.as_str()));
    let named = |p: &str| {
        PROGRAMMES
            .iter()
            .filter(|q| q.contains(p) || p.contains(**q))
            .any(|q| own.iter().any(|t| t.contains(q)))
    };
    let mut out = Vec::new();
    for (at, annex) in plan.annex.each() {
        let t = &annex.title;
        let found = PROGRAMMES
            .iter()
            .filter_map(|p| t.find(p).map(|i| (i, *p)))
            .max_by_key(|(_, p)| p.len());
        let Some((i, p)) = found.filter(|(_, p)| !named(p)) else {
            continue;
        };
        out.push(
            Hit::new(
                at.key("title"),
                format!("附件名称写的是“{p}”，本方案是“{}”的", plan.program),
                format!(
                    "核对附件名称：多半是照别的资金的计划表改的，把“{p}”改为“{}”",
                    plan.program
                ),
            )
            .within(i..i + p.len()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, hits, paths};

    #[test]
    fn titles_that_open_with_no_county_are_left_alone() {
        let mut f = ebian().file;
        for title in [
            "产业园区建设项目计划表",
            "全县2023年项目计划表",
            "柯桥区帮扶峨边2023年项目计划表",
            "2023年东西部协作资金项目计划表",
        ] {
            f.plan.annex.first_mut().title = title.into();
            assert!(paths("annex-title-year", &f).is_empty(), "{title}");
        }
    }

    #[test]
    fn the_annex_title_carries_the_plans_year_and_place() {
        let mut f = ebian().file;
        assert!(paths("annex-title-year", &f).is_empty());
        f.plan.annex.first_mut().title = "峨眉山市2022年东西部协作资金项目计划表".into();
        let mut h = hits("annex-title-year", &f);
        h.extend(hits("annex-title-place", &f));
        let parts: Vec<&str> = h
            .iter()
            .map(|h| &f.plan.annex.first().title[h.within.clone().unwrap()])
            .collect();
        assert_eq!(parts, ["2022", "峨眉山市"]);
        assert_eq!(h[0].hint, "改为“2023年”（多半是照去年的表改的）");
    }

    #[test]
    fn a_party_issuer_names_its_county_without_zhonggong() {
        let mut f = ebian().file;
        f.plan.title = "2023年东西部协作建设项目实施方案".into();
        f.notice.issuer = "中共峨边彝族自治县委东西部协作工作领导小组办公室".into();
        assert!(paths("annex-title-place", &f).is_empty());
        f.plan.annex.first_mut().title = "中共峨边县2023年东西部协作资金项目计划表".into();
        let h = hits("annex-title-place", &f);
        assert_eq!(h[0].hint, "核对后改为“峨边彝族自治县”");
    }

    #[test]
    fn other_years_beside_the_plan_year_and_a_wrong_year_field() {
        let mut f = ebian().file;
        f.plan.annex.first_mut().title =
            "峨边彝族自治县2023年东西部协作资金（含2022年结余资金）项目计划表".into();
        assert!(paths("annex-title-year", &f).is_empty());
        // The year field is the slip: the title and the annex agree on 2023.
        let mut f = ebian().file;
        f.plan.year = 2022;
        assert_eq!(paths("annex-title-year", &f), ["plan.year"]);
    }
    #[test]
    fn an_annex_title_naming_another_fund() {
        let mut f = ebian().file;
        assert!(paths("annex-title-program", &f).is_empty());
        f.plan.annex.first_mut().title = "峨边彝族自治县2023年市级财政衔接资金项目计划表".into();
        let h = hits("annex-title-program", &f);
        let title = &f.plan.annex.first().title;
        assert_eq!(&title[h[0].within.clone().unwrap()], "财政衔接资金");
        // A plan of 衔接资金 among its sources names that family.
        f.plan.program = "东西部协作和衔接资金".into();
        assert!(paths("annex-title-program", &f).is_empty());
    }
}
