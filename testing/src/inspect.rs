//! What a laid-out document shows: text runs and rules with their page positions, read
//! from Typst's frames. Used by the layout tests to measure margins, baselines and rules.
//! (Positions are layout measurements in points, not money: f64 is right here.)

use typst::layout::{Frame, FrameItem, Transform};
use typst::visualize::{Geometry, Paint};
use typst_layout::PagedDocument;

/// Points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

#[derive(Debug, Clone)]
pub struct TextRun {
    /// Left edge, from the page's left edge (pt).
    pub x: f64,
    /// Baseline, from the page's top edge (pt).
    pub baseline: f64,
    /// Top of the glyphs' ink, from the page's top edge (pt).
    pub ink_top: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
    pub family: String,
    pub red: bool,
    /// Direction the text runs in on the page: (1, 0) upright, (0, -1) turned to run
    /// upwards (rotated −90°), (0, 1) downwards (rotated +90°).
    pub dir: (f64, f64),
}

#[derive(Debug, Clone)]
pub struct RuleLine {
    pub x: f64,
    pub y: f64,
    pub length: f64,
    pub thickness: f64,
    pub red: bool,
}

#[derive(Debug, Clone)]
pub struct PageView {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<TextRun>,
    pub rules: Vec<RuleLine>,
}

impl PageView {
    /// The page's text, runs joined in reading order (top to bottom, left to right).
    pub fn text(&self) -> String {
        let mut runs = self.runs.clone();
        // Baselines to 0.01 pt: a glyph set in a box (a mark on the grid) may differ from its
        // line's in the last bits.
        let line = |r: &TextRun| (r.baseline * 100.0).round();
        runs.sort_by(|a, b| line(a).total_cmp(&line(b)).then(a.x.total_cmp(&b.x)));
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Distinct baselines (rounded to 0.01 pt) of runs in `size`, top to bottom.
    pub fn baselines(&self, size: f64) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .runs
            .iter()
            .filter(|r| (r.size - size).abs() < 0.01)
            .map(|r| (r.baseline * 100.0).round() / 100.0)
            .collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    }
}

pub fn pages(doc: &PagedDocument) -> Vec<PageView> {
    doc.pages()
        .iter()
        .map(|p| {
            let mut view = PageView {
                width: p.frame.width().to_pt(),
                height: p.frame.height().to_pt(),
                runs: Vec::new(),
                rules: Vec::new(),
            };
            walk(&p.frame, Transform::identity(), &mut view);
            view
        })
        .collect()
}

fn is_red(paint: &Paint) -> bool {
    match paint {
        Paint::Solid(c) => {
            let rgb = c.to_rgb();
            rgb.red > 0.8 && rgb.green < 0.3 && rgb.blue < 0.3
        }
        _ => false,
    }
}

fn walk(frame: &Frame, ts: Transform, out: &mut PageView) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(g.transform);
                walk(&g.frame, inner, out);
            }
            FrameItem::Text(t) => {
                let p = pos.transform(ts);
                let font = &t.font;
                let upem = font.units_per_em();
                let ascent = t
                    .glyphs
                    .iter()
                    .filter_map(|g| font.ttf().glyph_bounding_box(ttf_parser::GlyphId(g.id)))
                    .map(|b| f64::from(b.y_max))
                    .fold(0.0, f64::max);
                out.runs.push(TextRun {
                    x: p.x.to_pt(),
                    baseline: p.y.to_pt(),
                    ink_top: p.y.to_pt() - ascent / upem * t.size.to_pt(),
                    width: t.width().to_pt(),
                    size: t.size.to_pt(),
                    text: t.text.to_string(),
                    family: t.font.font().info().family.clone(),
                    red: is_red(&t.fill),
                    dir: (ts.sx.get(), ts.ky.get()),
                });
            }
            FrameItem::Shape(shape, _) => {
                if let (Geometry::Line(to), Some(stroke)) = (&shape.geometry, &shape.stroke) {
                    let a = pos.transform(ts);
                    let b = (*pos + *to).transform(ts);
                    out.rules.push(RuleLine {
                        x: a.x.to_pt().min(b.x.to_pt()),
                        y: a.y.to_pt(),
                        length: (b.x - a.x).to_pt().abs().max((b.y - a.y).to_pt().abs()),
                        thickness: stroke.thickness.to_pt(),
                        red: is_red(&stroke.paint),
                    });
                }
            }
            _ => {}
        }
    }
}
