//! In-process render of the 峨边 plan: check, JSON view, Typst layout and PDF export.
//! Run: `cargo bench --bench render`. The whole-process comparison with the Typst CLI is
//! `benches/compare.sh`.

use std::path::Path;

use gongwen::check::{CheckOptions, check_path};
use gongwen::render::{RenderOptions, render};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn render_ebian(bencher: divan::Bencher) {
    let opts = RenderOptions::default();
    let check = CheckOptions::default();
    bencher.bench(|| {
        let outcome = check_path(Path::new("plans/ebian-2023.toml"), &check);
        let checked = outcome.into_checked().expect("loads");
        render(&checked, &opts).expect("renders").pdf.len()
    });
}
