//! Measuring printed pages: the block's figures (GB/T 9704) and lines of text read back
//! from a PDF, for the layout tests.
#![allow(dead_code)] // each test binary uses its own part

use std::path::Path;

use gongwen::check::{CheckOptions, check_path};
use gongwen::render::{RenderOptions, render};
use gongwen_testing::printed::{self, PrintedGlyph, PrintedPage};

use super::{root, s};

pub const MM: f64 = 72.0 / 25.4;
pub const LEFT: f64 = 28.0 * MM;
pub const RIGHT: f64 = (28.0 + 156.0) * MM;
pub const CELL: f64 = 156.0 / 28.0 * MM;
pub const PITCH: f64 = 225.0 / 22.0 * MM;

/// Lines of 3号 upright text: (glyphs left to right, text), top to bottom.
pub fn lines(p: &PrintedPage) -> Vec<(Vec<PrintedGlyph>, String)> {
    let mut out: Vec<(f64, Vec<PrintedGlyph>)> = Vec::new();
    for g in p
        .glyphs
        .iter()
        .filter(|g| g.upright() && (g.size - 16.0).abs() < 0.6)
    {
        match out.iter_mut().find(|(b, _)| (b - g.baseline).abs() < 1.0) {
            Some((_, l)) => l.push(g.clone()),
            None => out.push((g.baseline, vec![g.clone()])),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter()
        .map(|(_, mut l)| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            let t = l.iter().map(|g| g.ch).collect();
            (l, t)
        })
        .collect()
}

/// The line of `pages` whose text is `text` (or starts with it): its page and glyphs.
pub fn line<'a>(
    all: &'a [Vec<(Vec<PrintedGlyph>, String)>],
    text: &str,
) -> (usize, &'a [PrintedGlyph]) {
    all.iter()
        .enumerate()
        .find_map(|(i, p)| {
            p.iter()
                .find(|(_, t)| t.starts_with(text))
                .map(|(g, _)| (i, g.as_slice()))
        })
        .unwrap_or_else(|| panic!("no line {text:?}"))
}

pub fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 0.5, "{what}: {a:.2} pt, want {b:.2} pt");
}

/// Glyphs of about `size` pt, upright, as lines: (baseline, first x, last glyph's end, text).
pub fn lines_of(p: &PrintedPage, size: f64) -> Vec<(f64, f64, f64, String)> {
    let mut out: Vec<(f64, Vec<&PrintedGlyph>)> = Vec::new();
    for g in p
        .glyphs
        .iter()
        .filter(|g| g.upright() && (g.size - size).abs() < 0.6)
    {
        match out.iter_mut().find(|(b, _)| (b - g.baseline).abs() < 1.0) {
            Some((_, l)) => l.push(g),
            None => out.push((g.baseline, vec![g])),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter()
        .map(|(b, mut l)| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            let last = l[l.len() - 1];
            (
                b,
                l[0].x,
                last.x + last.advance,
                l.iter().map(|g| g.ch).collect(),
            )
        })
        .collect()
}

/// The path of the example plan `name` (plans/examples/NAME.toml).
pub fn example(name: &str) -> String {
    s(&root().join(format!("plans/examples/{name}.toml")))
}

/// The example plan `name` checked, rendered and read back from its PDF.
pub fn pages(name: &str) -> Vec<PrintedPage> {
    let outcome = check_path(Path::new(&example(name)), &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{name} has errors");
    let pdf = render(&outcome.into_checked().unwrap(), &RenderOptions::default())
        .expect("renders")
        .pdf;
    printed::read(&pdf).unwrap()
}

/// The joint example with three more offices, five in all, each sealed: its source.
pub fn five_offices() -> String {
    let mut s = std::fs::read_to_string(example("joint")).unwrap();
    for name in ["青山县农业农村局", "青山县水利局", "青山县交通运输局"] {
        s = s.replacen(
            "[plan]\n",
            &format!("[[notice.joint]]\nissuer = \"{name}\"\nseal = \"示例印章.png\"\n\n[plan]\n"),
            1,
        );
    }
    s.replace(
        "青山县财政局 青山县乡村振兴局关于",
        "青山县财政局等五部门关于",
    )
}

/// A plan of `source` in a folder of its own with the example seal beside it, checked,
/// rendered and read back from its PDF.
pub fn sealed_pages(source: &str) -> Vec<PrintedPage> {
    let dir = tempfile::tempdir().unwrap();
    let seal = "示例印章.png";
    std::fs::copy(
        root().join("plans/examples").join(seal),
        dir.path().join(seal),
    )
    .unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, source).unwrap();
    let outcome = check_path(&plan, &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{source}");
    let pdf = render(&outcome.into_checked().unwrap(), &RenderOptions::default())
        .expect("renders")
        .pdf;
    printed::read(&pdf).unwrap()
}
