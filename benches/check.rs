//! `check` of generated plans: load (TOML → typed plan with spans) plus every rule.
//! Run: `cargo bench --bench check`. Target: ≤ 50 ms at 1,000 projects, linear growth.

use gongwen::check::{CheckOptions, check_loaded};
use gongwen::plan::{load_str, synth::plan_with_projects};

fn main() {
    divan::main();
}

#[divan::bench(args = [10, 1_000, 10_000], sample_count = 20)]
fn check(bencher: divan::Bencher, n: usize) {
    let src = plan_with_projects(n);
    bencher.bench(|| {
        let loaded = load_str("bench.toml", &src).expect("valid plan");
        let outcome = check_loaded(loaded, &CheckOptions::default());
        assert_eq!(outcome.errors(), 0);
        outcome
    });
}
