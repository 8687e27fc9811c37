// Render robustness run: N random plans (synth::random_plan) that pass `check` must render,
// twice to the same bytes for every tenth. `cargo run --release --example render_random -- 1000 [SEED]`
use gongwen::check::{CheckOptions, check_loaded};
use gongwen::plan::load::load_str;
use gongwen::render::{RenderOptions, render};
use gongwen_testing::synth::random_plan;

fn main() {
    let arg = |i: usize, d: u64| {
        std::env::args()
            .nth(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let (n, seed) = (arg(1, 100), arg(2, 1));
    let opts = RenderOptions::default();
    let start = std::time::Instant::now();
    let (mut pages, mut refused) = (0usize, 0usize);
    for i in 0..n {
        let text = random_plan(seed.wrapping_mul(1_000_003).wrapping_add(i));
        let fail = |why: String| -> ! {
            std::fs::write("render-random-fail.toml", &text).unwrap();
            eprintln!("plan {i} (seed {seed}): {why}; written to render-random-fail.toml");
            std::process::exit(1)
        };
        let loaded = load_str("random.toml", &text).unwrap_or_else(|e| fail(format!("{e:?}")));
        let out = check_loaded(loaded, &CheckOptions::default());
        if out.errors() > 0 {
            refused += 1;
            continue;
        }
        let checked = out
            .into_checked()
            .unwrap_or_else(|| fail("no checked plan".into()));
        let r = render(&checked, &opts).unwrap_or_else(|e| fail(e.lines().join("; ")));
        pages += r.pages();
        if i % 10 == 0 && render(&checked, &opts).map(|again| again.pdf) != Ok(r.pdf) {
            fail("two renders differ".into());
        }
    }
    println!(
        "{n} random plans in {:.1}s: {} rendered ({pages} pages), {refused} refused by check",
        start.elapsed().as_secs_f64(),
        n - refused as u64
    );
}
