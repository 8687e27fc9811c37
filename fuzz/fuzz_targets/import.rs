#![no_main]
//! Any bytes as the spreadsheet `gongwen import` reads: refused with messages, never a panic.

use gongwen::plan::PlanFile;
use gongwen::plan::load::load_str;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PLAN: LazyLock<PlanFile> = LazyLock::new(|| {
    let text = include_str!("../../plans/ebian-2023.toml");
    load_str("ebian-2023.toml", text).expect("the 峨边 plan loads").value
});

fuzz_target!(|data: &[u8]| {
    let _ = gongwen::table::import::read(data, &PLAN);
});
