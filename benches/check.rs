//! `check` of generated plans: load (TOML → typed plan with spans) plus every rule.
//! Run: `cargo bench --bench check`. Target: ≤ 50 ms at 1,000 projects, linear growth.

use gongwen::check::{CheckOptions, check_loaded};
use gongwen::plan::load_str;
use gongwen_testing::synth::plan_with_projects;

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

/// Each rule alone on the 1,000-project plan, to see which one a slower `check` comes from.
#[divan::bench(args = gongwen::rules::all().map(|r| r.code), sample_count = 20)]
fn rule_at_1000(bencher: divan::Bencher, code: &str) {
    use gongwen::fonts::FontEnv;
    use gongwen::plan::Figures;
    use gongwen::rules::{Ctx, by_code};
    let loaded = load_str("bench.toml", &plan_with_projects(1_000)).expect("valid plan");
    let file = loaded.value;
    let figures = Figures::of(&file.plan);
    let fonts = FontEnv::for_plan(Default::default(), &file.fonts);
    let rule = by_code(code).expect("a rule");
    bencher.bench(|| (rule.check)(&Ctx::new(&file, &figures, None, &fonts)));
}
