//! Shared fixtures for rule tests: the 峨边 plan and its roster, to be mutated per test.

use super::{Ctx, Finding, Hit, by_code, run};
use crate::fonts::FontEnv;
use crate::plan::{Figures, PlanFile, Roster, load_str};

pub struct Fixture {
    pub file: PlanFile,
    pub roster: Roster,
}

pub fn ebian() -> Fixture {
    let plan = load_str(
        "ebian-2023.toml",
        include_str!("../../plans/ebian-2023.toml"),
    )
    .expect("the 峨边 plan loads");
    let roster = toml::from_str(include_str!("../../plans/ebian-roster.toml")).expect("roster");
    Fixture {
        file: plan.value,
        roster,
    }
}

/// The 峨边 plan with a `[correction]` of the given 文号 and date (y, m, d).
pub fn with_correction(number: &str, (y, m, d): (i32, u32, u32)) -> PlanFile {
    let mut f = ebian().file;
    f.correction = Some(crate::plan::model::Correction {
        mode: Default::default(),
        notice_number: crate::plan::docno::DocNumber {
            text: number.to_string(),
            structured: false,
        },
        date: crate::plan::Date::ymd(y, m, d).expect("a real date"),
        original: None,
    });
    f
}

/// Hits of one rule on `file` (with the 峨边 roster).
pub fn hits(code: &str, file: &PlanFile) -> Vec<Hit> {
    let roster = ebian().roster;
    let figures = Figures::of(&file.plan);
    let rule = by_code(code).unwrap_or_else(|| panic!("no rule {code}"));
    let fonts = FontEnv::for_plan(Default::default(), &file.fonts);
    (rule.check)(&Ctx::new(file, &figures, Some(&roster), &fonts))
}

/// Paths (as text) where `code` fires.
pub fn paths(code: &str, file: &PlanFile) -> Vec<String> {
    hits(code, file)
        .iter()
        .map(|h| h.path.to_string())
        .collect()
}

pub fn run_all(file: &PlanFile, roster: Option<&Roster>) -> Vec<Finding> {
    let figures = Figures::of(&file.plan);
    let fonts = FontEnv::for_plan(Default::default(), &file.fonts);
    run(&Ctx::new(file, &figures, roster, &fonts))
}
