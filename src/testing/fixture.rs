//! The 峨边 plan and its roster as loaded values, for unit tests to mutate.

use crate::plan::{PlanFile, Roster, load_str};

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
pub(crate) fn with_correction(number: &str, (y, m, d): (i32, u32, u32)) -> PlanFile {
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
