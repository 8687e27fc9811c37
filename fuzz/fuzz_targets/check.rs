#![no_main]
//! Any bytes as a plan file: loading, every rule and the JSON view must not panic.

use gongwen::check::{CheckOptions, check_loaded};
use gongwen::plan::PlanFile;
use gongwen::plan::load::parse_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = parse_bytes::<PlanFile>("fuzz.toml", data) {
        let out = check_loaded(plan, &CheckOptions::default());
        if let Some(c) = &out.checked {
            let _ = gongwen::render::data_json(c);
        }
    }
});
