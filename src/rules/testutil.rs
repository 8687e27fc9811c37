//! Shared fixtures for rule tests: the 峨边 plan and its roster, to be mutated per test.

use super::{Ctx, Finding, Hit, by_code, run};
use crate::fonts::FontEnv;
use crate::plan::{Figures, PlanFile, Roster};
pub(crate) use crate::testing::fixture::{ebian, with_correction};

/// Hits of one rule on `file` (with the 峨边 roster).
pub(crate) fn hits(code: &str, file: &PlanFile) -> Vec<Hit> {
    let roster = ebian().roster;
    let figures = Figures::of(&file.plan);
    let rule = by_code(code).unwrap_or_else(|| panic!("no rule {code}"));
    let fonts = FontEnv::for_plan(Default::default(), &file.fonts);
    (rule.check)(&Ctx::new(file, &figures, Some(&roster), &fonts))
}

/// Paths (as text) where `code` fires.
pub(crate) fn paths(code: &str, file: &PlanFile) -> Vec<String> {
    hits(code, file)
        .iter()
        .map(|h| h.path.to_string())
        .collect()
}

pub(crate) fn run_all(file: &PlanFile, roster: Option<&Roster>) -> Vec<Finding> {
    let figures = Figures::of(&file.plan);
    let fonts = FontEnv::for_plan(Default::default(), &file.fonts);
    run(&Ctx::new(file, &figures, roster, &fonts))
}
