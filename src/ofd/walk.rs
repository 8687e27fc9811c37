//! Typst's laid-out pages as OFD's objects: each text run a TextObject (its characters, their
//! advances, the glyphs Typst chose), each line, rectangle or curve a PathObject, a PNG (a
//! seal) an ImageObject over its MultiMedia resource. Positions are
//! Typst's own, in millimetres (OFD's unit; its origin is the page's top-left, y down, as a
//! Typst frame's): no second layout.
//! (Positions are measurements, not money: f64 is right here.)

use std::collections::HashMap;

use typst::layout::{Abs, Frame, FrameItem, Point, Size, Transform};
use typst::text::{Font, TextItem};
use typst::visualize::{CurveItem, Geometry, Paint, Shape};
use typst::visualize::{ExchangeFormat, Image, ImageKind, RasterFormat};

use super::fonts::Face;

pub(super) fn mm(a: Abs) -> f64 {
    a.to_mm()
}

/// A run of text: one TextObject.
pub(super) struct Text {
    pub face: usize,
    /// Font size, mm.
    pub size: f64,
    pub color: [u8; 3],
    /// The characters, and where each one stands along the baseline (mm, from the item's
    /// origin).
    pub chars: String,
    pub xs: Vec<f64>,
    /// The glyphs Typst chose: one per character, or one for a run's only cluster.
    pub glyphs: Vec<u16>,
    /// The run's space (origin on its baseline) to the page's (mm).
    pub ts: [f64; 6],
    /// The run's width (mm).
    pub width: f64,
}

/// A path: one PathObject; points on the page, mm.
pub(super) struct Path {
    pub ops: Vec<(char, Vec<(f64, f64)>)>,
    pub stroke: Option<([u8; 3], f64)>,
    pub fill: Option<[u8; 3]>,
}

/// An image: one ImageObject drawn from resource `image` (an index of `Walk::images`), in
/// the unit square mapped onto the page by `ts` (mm).
pub(super) struct Picture {
    pub image: usize,
    pub ts: [f64; 6],
}

pub(super) enum Object {
    Text(Text),
    Path(Path),
    Image(Picture),
}

/// Every page's objects, and the faces they use (in first use order).
pub(super) struct Walk {
    pub pages: Vec<Vec<Object>>,
    pub faces: Vec<Face>,
    index: HashMap<Font, usize>,
    /// The PNGs drawn, each once (a seal on every page it is stamped on is one resource).
    pub images: Vec<Vec<u8>>,
}

impl Walk {
    pub(super) fn new() -> Self {
        Self {
            pages: Vec::new(),
            faces: Vec::new(),
            index: HashMap::new(),
            images: Vec::new(),
        }
    }

    pub(super) fn page(&mut self, frame: &Frame) {
        let mut out = Vec::new();
        self.frame(frame, Transform::identity(), &mut out);
        self.pages.push(out);
    }

    /// A PNG as an ImageObject; another kind of image (none of ours) is left out.
    fn image(&mut self, image: &Image, size: Size, ts: Transform) -> Option<Object> {
        let ImageKind::Raster(r) = image.kind() else {
            return None;
        };
        if r.format() != RasterFormat::Exchange(ExchangeFormat::Png) {
            return None;
        }
        let bytes = r.data().as_slice();
        let at = match self.images.iter().position(|b| b == bytes) {
            Some(i) => i,
            None => {
                self.images.push(bytes.to_vec());
                self.images.len() - 1
            }
        };
        // The unit square onto the page: x' = sx·u·w + kx·v·h + tx, y' = ky·u·w + sy·v·h + ty.
        let (w, h) = (mm(size.x), mm(size.y));
        Some(Object::Image(Picture {
            image: at,
            ts: [
                ts.sx.get() * w,
                ts.ky.get() * w,
                ts.kx.get() * h,
                ts.sy.get() * h,
                mm(ts.tx),
                mm(ts.ty),
            ],
        }))
    }

    fn frame(&mut self, frame: &Frame, ts: Transform, out: &mut Vec<Object>) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => self.frame(&g.frame, here.pre_concat(g.transform), out),
                FrameItem::Text(t) => self.text(t, here, out),
                FrameItem::Shape(s, _) => out.extend(path(s, here).map(Object::Path)),
                FrameItem::Image(image, size, _) => out.extend(self.image(image, *size, here)),
                _ => {}
            }
        }
    }

    fn face(&mut self, font: &Font) -> usize {
        if let Some(i) = self.index.get(font) {
            return *i;
        }
        self.faces.push(Face::new(font.clone()));
        self.index.insert(font.clone(), self.faces.len() - 1);
        self.faces.len() - 1
    }

    /// A text item as runs of one glyph per character (the rare glyph standing for several
    /// characters, or for none, starts a run of its own, its characters spread over its
    /// advance). Spaces at a run's ends are left out (a reader trims them and shifts the rest).
    fn text(&mut self, t: &TextItem, ts: Transform, out: &mut Vec<Object>) {
        let face = self.face(t.font.font());
        let size = mm(t.size);
        let color = solid(&t.fill);
        let mut cursor = 0.0;
        let mut run: Option<Text> = None;
        let flush = |run: &mut Option<Text>, out: &mut Vec<Object>| {
            if let Some(mut r) = run.take() {
                while r.chars.ends_with(char::is_whitespace) && r.glyphs.len() == r.xs.len() {
                    r.chars.pop();
                    r.xs.pop();
                    r.glyphs.pop();
                }
                if !r.chars.is_empty() {
                    r.width = r.xs.last().copied().unwrap_or(0.0) - r.xs[0] + size;
                    out.push(Object::Text(r));
                }
            }
        };
        for g in &t.glyphs {
            let x = cursor + g.x_offset.at(t.size).to_mm();
            cursor += g.x_advance.at(t.size).to_mm();
            let text = &t.text[g.range()];
            self.faces[face].note(g.id, text, |c| t.font.ttf().glyph_index(c).map(|g| g.0));
            let one = text.chars().count() == 1;
            if !one {
                flush(&mut run, out);
            }
            let r = run.get_or_insert_with(|| Text {
                face,
                size,
                color,
                chars: String::new(),
                xs: Vec::new(),
                glyphs: Vec::new(),
                ts: matrix(ts),
                width: 0.0,
            });
            if r.chars.is_empty() && text.chars().all(char::is_whitespace) {
                continue;
            }
            let n = text.chars().count().max(1);
            let advance = g.x_advance.at(t.size).to_mm();
            for (k, c) in text.chars().enumerate() {
                r.chars.push(c);
                r.xs.push(x + advance * k as f64 / n as f64);
            }
            r.glyphs.push(g.id);
            if !one {
                flush(&mut run, out);
            }
        }
        flush(&mut run, out);
    }
}

/// A transform as [sx ky kx sy tx ty] with the translation in mm.
fn matrix(ts: Transform) -> [f64; 6] {
    [
        ts.sx.get(),
        ts.ky.get(),
        ts.kx.get(),
        ts.sy.get(),
        mm(ts.tx),
        mm(ts.ty),
    ]
}

fn solid(paint: &Paint) -> [u8; 3] {
    match paint {
        Paint::Solid(c) => {
            let [r, g, b, _] = c.to_vec4_u8();
            [r, g, b]
        }
        _ => [0, 0, 0],
    }
}

/// A shape with its points on the page (the transform baked in: readers ignore a path's CTM).
fn path(shape: &Shape, ts: Transform) -> Option<Path> {
    let at = |p: Point| {
        let q = p.transform(ts);
        (mm(q.x), mm(q.y))
    };
    let ops: Vec<(char, Vec<(f64, f64)>)> = match &shape.geometry {
        Geometry::Line(to) => vec![('M', vec![at(Point::zero())]), ('L', vec![at(*to)])],
        Geometry::Rect(size) => {
            let corners = [
                Point::zero(),
                Point::with_x(size.x),
                Point::new(size.x, size.y),
                Point::with_y(size.y),
            ];
            let mut v = vec![('M', vec![at(corners[0])])];
            v.extend(corners[1..].iter().map(|c| ('L', vec![at(*c)])));
            v.push(('C', vec![]));
            v
        }
        Geometry::Curve(c) => {
            c.0.iter()
                .map(|item| match item {
                    CurveItem::Move(p) => ('M', vec![at(*p)]),
                    CurveItem::Line(p) => ('L', vec![at(*p)]),
                    CurveItem::Cubic(a, b, p) => ('B', vec![at(*a), at(*b), at(*p)]),
                    CurveItem::Close => ('C', vec![]),
                })
                .collect()
        }
    };
    // A stroke's width scales with the transform (its area factor's square root).
    let scale = (ts.sx.get() * ts.sy.get() - ts.kx.get() * ts.ky.get())
        .abs()
        .sqrt();
    let stroke = shape
        .stroke
        .as_ref()
        .map(|s| (solid(&s.paint), mm(s.thickness) * scale));
    let fill = shape.fill.as_ref().map(solid);
    (stroke.is_some() || fill.is_some()).then_some(Path { ops, stroke, fill })
}
