//! Dates: 成文日期, 印发日期, 完成时限 and the plan year.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::{Acceptable, Error, Warning};
use crate::plan::FieldPath;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "date-issue-before-signed",
        severity: Error,
        doc: "印发日期不得早于成文日期",
        check: issue_before_signed,
    },
    Rule {
        code: "date-deadline-before-signed",
        // A 公示 or 报告 (genre) is not checked; an error until accepted all the same, for a
        // notice that rightly lists work already done.
        severity: Acceptable,
        doc: "项目完成时限不得早于成文日期（公示、报告不查：它们在项目完成之后发出）",
        check: deadline_before_signed,
    },
    Rule {
        code: "date-deadline-after-year",
        severity: Warning,
        doc: "项目完成时限超出方案年度（写明 cross_year 跨年度理由的项目除外）",
        check: deadline_after_year,
    },
    Rule {
        code: "date-start-after-deadline",
        severity: Error,
        doc: "项目开工时间不得晚于完成时限",
        check: start_after_deadline,
    },
    Rule {
        code: "date-start-before-signed",
        severity: Warning,
        doc: "方案中计划开工的项目，开工时间一般不早于成文日期（跨年度续建的项目除外）",
        check: start_before_signed,
    },
    Rule {
        code: "date-plan-year",
        severity: Warning,
        doc: "方案年度与成文日期的年份不同（公示、报告可在次年发出）",
        check: plan_year,
    },
    Rule {
        code: "date-correction-before-signed",
        severity: Error,
        doc: "更正通知的日期不得早于原文的成文日期",
        check: correction_before_signed,
    },
];

fn correction_before_signed(ctx: &Ctx) -> Vec<Hit> {
    let Some(c) = &ctx.file.correction else {
        return vec![];
    };
    let signed = ctx.file.notice.date;
    if c.date >= signed {
        return vec![];
    }
    vec![Hit::new(
        FieldPath::of("correction.date"),
        format!("更正通知的日期 {} 早于原文的成文日期 {signed}", c.date),
        "更正通知是在原文印发之后发出的，写更正通知签发的日期（notice.date 保持原文的成文日期）",
    )]
}

fn issue_before_signed(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    if n.issue_date >= n.date {
        return vec![];
    }
    vec![Hit::new(
        FieldPath::of("notice.issue_date"),
        format!("印发日期 {} 早于成文日期 {}", n.issue_date, n.date),
        "印发日期是文件印制的日期，不能早于领导签发的成文日期；请核对两个日期",
    )]
}

fn deadline_before_signed(ctx: &Ctx) -> Vec<Hit> {
    let signed = ctx.file.notice.date;
    // A 公示 or 报告 of completed work comes after its deadlines.
    if ctx.file.notice.genre.traits().after_the_work {
        return Vec::new();
    }
    ctx.projects()
        .iter()
        .filter_map(|pa| {
            Some((
                pa.path(),
                pa.project,
                pa.project.deadline.filter(|d| *d < signed)?,
            ))
        })
        .map(|(at, p, deadline)| {
            let hint = match deadline.with_year(ctx.file.plan.year) {
                Some(s) if s >= signed => {
                    format!("是否应为 {s}？方案年度是 {} 年", ctx.file.plan.year)
                }
                _ => "完成时限应在成文日期之后".to_string(),
            };
            Hit::new(
                at.key("deadline"),
                format!(
                    "“{}”的完成时限 {} 早于成文日期 {}",
                    p.name, deadline, signed
                ),
                hint,
            )
        })
        .collect()
}

fn deadline_after_year(ctx: &Ctx) -> Vec<Hit> {
    let year = ctx.file.plan.year;
    ctx.projects()
        .iter()
        // A project marked 跨年度 with its reason runs past the year on purpose.
        .filter(|pa| pa.project.cross_year.as_deref().is_none_or(|r| r.trim().is_empty()))
        .filter_map(|pa| Some((pa.path(), pa.project, pa.project.deadline.filter(|d| d.year() > year)?)))
        .map(|(at, p, deadline)| {
            Hit::new(
                at.key("deadline"),
                format!("“{}”的完成时限 {deadline} 超出了 {year} 年度", p.name),
                "跨年度项目请在该项目下写 cross_year = \"跨年度的理由\"；如是笔误，改为本年度内的日期",
            )
        })
        .collect()
}

fn start_after_deadline(ctx: &Ctx) -> Vec<Hit> {
    ctx.projects()
        .iter()
        .filter_map(|pa| match (pa.project.start, pa.project.deadline) {
            (Some(s), Some(d)) if s > d => Some(Hit::new(
                pa.path().key("start"),
                format!("“{}”的开工时间 {s} 晚于完成时限 {d}", pa.project.name),
                "开工时间（start）应在完成时限（deadline）之前；是否把两个日期写反了？",
            )),
            _ => None,
        })
        .collect()
}

/// A start before the 成文日期 announces as planned what had already begun: often last
/// year's date left in, sometimes a project truly begun early (a warning).
fn start_before_signed(ctx: &Ctx) -> Vec<Hit> {
    let (signed, year) = (ctx.file.notice.date, ctx.file.plan.year);
    ctx.projects()
        .iter()
        .filter(|pa| pa.project.cross_year.as_deref().is_none_or(|r| r.trim().is_empty()))
        .filter_map(|pa| Some((pa, pa.project.start.filter(|s| *s < signed)?)))
        .map(|(pa, start)| {
            let hint = match start.with_year(year) {
                Some(s) if s >= signed && start.year() != year => {
                    format!("是否应为 {s}？方案年度是 {year} 年")
                }
                _ => "核对开工时间；项目确已提前开工的，在 [[policy.accept]] 中接受并写明理由".into(),
            };
            Hit::new(
                pa.path().key("start"),
                format!(
                    "“{}”的开工时间 {start} 早于成文日期 {signed}，方案却把它作为计划实施的项目印发",
                    pa.project.name
                ),
                hint,
            )
        })
        .collect()
}

fn plan_year(ctx: &Ctx) -> Vec<Hit> {
    let (year, signed) = (ctx.file.plan.year, ctx.file.notice.date.year());
    // A 公示 or 报告 of last year's work is written early the next year.
    let after = ctx.file.notice.genre.traits().after_the_work;
    if year == signed || (after && year + 1 == signed) {
        return vec![];
    }
    vec![Hit::new(
        FieldPath::of("plan.year"),
        format!("方案年度 {year} 与成文日期的年份 {signed} 不同"),
        "年度方案一般在当年印发；如沿用了去年的计划文件，请更新年度",
    )]
}

#[cfg(test)]
mod tests {
    use crate::plan::Date;
    use crate::rules::testutil::{ebian, hits, paths, with_correction};

    #[test]
    fn a_correction_dated_before_the_original_is_an_error() {
        assert!(hits("date-correction-before-signed", &ebian().file).is_empty());
        let f = with_correction("峨边府办函〔2023〕9号", (2023, 2, 20));
        assert!(hits("date-correction-before-signed", &f).is_empty());
        let f = with_correction("峨边府办函〔2023〕9号", (2023, 1, 2));
        assert_eq!(
            paths("date-correction-before-signed", &f),
            ["correction.date"]
        );
    }

    #[test]
    fn issue_date_before_signing_is_an_error() {
        let mut f = ebian().file;
        assert!(paths("date-issue-before-signed", &f).is_empty());
        f.notice.issue_date = Date::ymd(2023, 2, 6).unwrap();
        assert_eq!(paths("date-issue-before-signed", &f), ["notice.issue_date"]);
    }

    #[test]
    fn the_seeds_2022_deadline_is_caught() {
        let mut f = ebian().file;
        assert!(paths("date-deadline-before-signed", &f).is_empty());
        f.plan.categories[4].projects[0].deadline = Date::ymd(2022, 10, 30);
        assert_eq!(
            paths("date-deadline-before-signed", &f),
            ["plan.categories[4].projects[0].deadline"]
        );
        let h = hits("date-deadline-before-signed", &f);
        assert!(h[0].hint.contains("2023年10月30日"), "{}", h[0].hint);
    }

    #[test]
    fn deadline_after_the_year_is_a_warning() {
        let mut f = ebian().file;
        assert!(paths("date-deadline-after-year", &f).is_empty());
        f.plan.categories[0].projects[1].deadline = Date::ymd(2024, 3, 1);
        assert_eq!(
            paths("date-deadline-after-year", &f),
            ["plan.categories[0].projects[1].deadline"]
        );
        // 跨年度 with a reason: that project only is acknowledged.
        f.plan.categories[0].projects[1].cross_year = Some("续建工程，2024年一季度完工".into());
        f.plan.categories[1].projects[0].deadline = Date::ymd(2024, 3, 1);
        assert_eq!(
            paths("date-deadline-after-year", &f),
            ["plan.categories[1].projects[0].deadline"]
        );
    }

    #[test]
    fn a_start_after_the_deadline_is_an_error() {
        let mut f = ebian().file;
        f.plan.categories[0].projects[0].start = Date::ymd(2023, 3, 1);
        assert!(paths("date-start-after-deadline", &f).is_empty());
        f.plan.categories[0].projects[0].start = Date::ymd(2023, 11, 1);
        assert_eq!(
            paths("date-start-after-deadline", &f),
            ["plan.categories[0].projects[0].start"]
        );
    }

    #[test]
    fn a_start_before_signing_is_a_warning_with_the_plan_years_date() {
        let mut f = ebian().file;
        f.plan.categories[0].projects[0].start = Date::ymd(2023, 3, 1);
        assert!(paths("date-start-before-signed", &f).is_empty());
        f.plan.categories[0].projects[0].start = Date::ymd(2022, 3, 1);
        let h = hits("date-start-before-signed", &f);
        assert_eq!(
            h[0].path.to_string(),
            "plan.categories[0].projects[0].start"
        );
        assert!(h[0].hint.contains("2023年3月1日"), "{}", h[0].hint);
        // 跨年度 续建: begun before, on purpose.
        f.plan.categories[0].projects[0].cross_year = Some("2022年开工的续建项目".into());
        assert!(paths("date-start-before-signed", &f).is_empty());
    }

    #[test]
    fn plan_year_differs_from_signing_year() {
        let mut f = ebian().file;
        assert!(paths("date-plan-year", &f).is_empty());
        f.plan.year = 2024;
        assert_eq!(paths("date-plan-year", &f), ["plan.year"]);
    }

    #[test]
    fn a_report_of_last_years_work_comes_after_it() {
        let mut f = ebian().file;
        f.notice.genre = crate::plan::model::Genre::Report;
        f.plan.year = 2022;
        assert!(paths("date-plan-year", &f).is_empty());
        f.plan.categories[4].projects[0].deadline = Date::ymd(2022, 10, 30);
        assert!(paths("date-deadline-before-signed", &f).is_empty());
        f.plan.year = 2021;
        assert_eq!(paths("date-plan-year", &f), ["plan.year"]);
    }
}
