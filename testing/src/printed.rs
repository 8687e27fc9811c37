//! What the printed page shows: every glyph of a PDF with its character, position, size
//! and ink, read back from the PDF bytes by a PDF interpreter (hayro, already in Typst's
//! dependency tree), not from Typst's frames. The grid audit in [`grid`] measures the
//! layout a clerk compares with Word on these glyphs.
//! (Positions are measurements in points, not money: f64 is right here.)

pub mod grid;

use hayro_interpret::font::Glyph;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, TransformExt, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect, Shape};

/// One glyph as printed. Coordinates in points from the page's top-left corner.
#[derive(Debug, Clone)]
pub struct PrintedGlyph {
    /// The character, from the font's ToUnicode map ('\u{FFFD}' when it has none).
    pub ch: char,
    /// The glyph's origin: left end of its baseline.
    pub x: f64,
    pub baseline: f64,
    /// Font size (the length of the glyph's em on the page).
    pub size: f64,
    /// Unit vector of the writing direction on the page: (1, 0) upright.
    pub dir: (f64, f64),
    /// The font's advance width for the glyph, in points.
    pub advance: f64,
    /// The ink's horizontal extent on the page, if the glyph has ink.
    pub ink: Option<(f64, f64)>,
}

impl PrintedGlyph {
    /// A full-width glyph: the font gives it (about) a whole em.
    pub(crate) fn full_width(&self) -> bool {
        self.advance >= 0.9 * self.size
    }

    pub fn upright(&self) -> bool {
        (self.dir.0 - 1.0).abs() < 1e-6 && self.dir.1.abs() < 1e-6
    }
}

#[derive(Debug, Clone)]
pub struct PrintedPage {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<PrintedGlyph>,
    /// Each image's box on the page: (left, top, right, bottom), points from the top-left.
    pub images: Vec<(f64, f64, f64, f64)>,
}

/// Reads every page's glyphs from PDF bytes.
pub fn read(pdf: &[u8]) -> Result<Vec<PrintedPage>, String> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| format!("PDF 无法读取：{e:?}"))?;
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::new();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let mut ctx = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, width, height),
            &cache,
            page.xref(),
            settings.clone(),
        );
        let mut device = Collect(Vec::new(), Vec::new());
        interpret_page(page, &mut ctx, &mut device);
        out.push(PrintedPage {
            width,
            height,
            glyphs: device.0,
            images: device.1,
        });
    }
    Ok(out)
}

/// Glyph space is 1000 units per em (hayro's convention for every font type).
const UNITS_PER_EM: f64 = 1000.0;

/// A device that keeps the glyphs and the images' boxes, and ignores everything else.
struct Collect(Vec<PrintedGlyph>, Vec<(f64, f64, f64, f64)>);

impl<'a> Device<'a> for Collect {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, image: Image<'a, '_>, transform: Affine) {
        // The transform takes the image's pixels to the page.
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let b = transform.transform_rect_bbox(Rect::new(0.0, 0.0, w, h));
        self.1.push((b.x0, b.y0, b.x1, b.y1));
    }
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let m = transform * glyph_transform;
        let origin = m * Point::ZERO;
        let em = m * Point::new(UNITS_PER_EM, 0.0) - origin;
        let size = em.hypot();
        if size <= 0.0 {
            return;
        }
        let ch = match glyph.as_unicode() {
            Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c,
            Some(hayro_interpret::hayro_cmap::BfString::String(s)) => {
                s.chars().next().unwrap_or('\u{FFFD}')
            }
            None => '\u{FFFD}',
        };
        let (advance, ink) = match glyph {
            Glyph::Outline(g) => {
                let advance = g
                    .advance_width()
                    .map_or(0.0, |a| f64::from(a) / UNITS_PER_EM);
                let path = m * g.outline();
                let ink = (!path.elements().is_empty()).then(|| {
                    let b = path.bounding_box();
                    (b.x0, b.x1)
                });
                (advance * size, ink)
            }
            Glyph::Type3(_) => (0.0, None),
        };
        self.0.push(PrintedGlyph {
            ch,
            x: origin.x,
            baseline: origin.y,
            size,
            dir: (em.x / size, em.y / size),
            advance,
            ink,
        });
    }
}
