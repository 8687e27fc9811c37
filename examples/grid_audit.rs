// Grid audit over random plans: renders N plans of `synth::random_plan` (their texts mix
// CJK, punctuation, digits and Latin) and measures every body line on the PDF itself
// (render::printed::grid). `cargo run --release --example grid_audit -- 1000 [SEED] [TEMPLATES]`
use gongwen::check::{CheckOptions, check_loaded};
use gongwen::plan::load::load_str;
use gongwen::render::templates::Templates;
use gongwen::render::{RenderOptions, render};
use gongwen_testing::printed::{self, grid};
use gongwen_testing::synth::random_plan;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut opts = RenderOptions::default();
    if let Some(dir) = args.get(3) {
        opts.templates = Templates::from_dir(dir.as_ref()).expect("templates");
    }
    let start = std::time::Instant::now();
    let (mut plans, mut lines, mut marks, mut squeezed, mut off_grid, mut overhang, mut kinsoku) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut examples = Vec::new();
    for i in 0..n {
        let text = random_plan(seed.wrapping_mul(1_000_003).wrapping_add(i));
        let loaded = load_str("random.toml", &text).expect("random plans load");
        let out = check_loaded(loaded, &CheckOptions::default());
        if out.errors() > 0 {
            continue;
        }
        let Some(checked) = out.into_checked() else {
            continue;
        };
        let r = render(&checked, &opts).expect("random plans render");
        let pages = printed::read(&r.pdf).expect("PDF reads back");
        let report = grid::audit(&pages, &grid::Grid::A4);
        plans += 1;
        lines += report.lines;
        marks += report.marks;
        squeezed += report.squeezed.len();
        off_grid += report.off_grid.len();
        overhang += report.overhang.len();
        kinsoku += report.kinsoku;
        for f in report
            .squeezed
            .iter()
            .chain(&report.off_grid)
            .chain(&report.overhang)
        {
            if examples.len() < 40 {
                examples.push(format!("plan {i}: {f}"));
            }
        }
    }
    println!(
        "{plans} plans, {lines} body lines, {marks} marks in {:.1}s: {squeezed} squeezed, \
         {off_grid} off-grid full lines, {overhang} overhanging marks, {kinsoku} kinsoku lines",
        start.elapsed().as_secs_f64()
    );
    for e in examples {
        println!("  {e}");
    }
}
