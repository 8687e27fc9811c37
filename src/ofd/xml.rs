//! OFD's XML, as its readers read it: the `ofd:` prefix on every element, coordinates in mm
//! with at most four decimals, colours as integers, IDs unique in the whole document.

use super::Meta;
use super::fonts::{Face, Subset};
use super::walk::{Object, Path, Picture, Text};

const NS: &str = "http://www.ofdspec.org/2016";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

/// The document's IDs: the fonts take 1..=n, then pages, layers and objects in order.
pub(super) struct Ids(u32);

impl Ids {
    pub(super) fn new(fonts: usize) -> Self {
        Self(fonts as u32)
    }

    pub(super) fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }

    pub(super) fn max(&self) -> u32 {
        self.0
    }
}

/// A length in mm: four decimals at most, no trailing zeros, never "-0".
fn n(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rgb(c: [u8; 3]) -> String {
    format!("{} {} {}", c[0], c[1], c[2])
}

pub(super) fn ofd(meta: &Meta) -> String {
    use sha2::{Digest, Sha256};
    let (y, m, d) = meta.date;
    let id: String =
        Sha256::digest(format!("{}\n{}\n{y}-{m}-{d}", meta.title, meta.author).as_bytes())
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect();
    format!(
        "{HEAD}<ofd:OFD xmlns:ofd=\"{NS}\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>{id}</ofd:DocID><ofd:Title>{}</ofd:Title><ofd:Author>{}</ofd:Author><ofd:CreationDate>{y:04}-{m:02}-{d:02}</ofd:CreationDate><ofd:Creator>gongwen</ofd:Creator><ofd:CreatorVersion>{}</ofd:CreatorVersion></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        esc(&meta.title),
        esc(&meta.author),
        env!("CARGO_PKG_VERSION")
    )
}

pub(super) fn document(pages: &[u32], max: u32, size: (f64, f64)) -> String {
    let list: String = pages
        .iter()
        .enumerate()
        .map(|(i, id)| format!("<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>"))
        .collect();
    format!(
        "{HEAD}<ofd:Document xmlns:ofd=\"{NS}\"><ofd:CommonData><ofd:MaxUnitID>{max}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>{list}</ofd:Pages></ofd:Document>",
        n(size.0),
        n(size.1)
    )
}

/// The file name of face `i` under Res/ (fixed width: a reader finds files by substring).
pub(super) fn font_file(i: usize, face: &Face) -> String {
    format!("font_{:06}.{}", i + 1, face.extension())
}

pub(super) fn public_res(faces: &[Face]) -> String {
    let fonts: String = faces
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let family = esc(&f.font.info().family);
            let name = f.font.post_script_name().map_or(family.clone(), |n| esc(&n));
            let bold = if f.weight() >= 600 { " Bold=\"true\"" } else { "" };
            format!(
                "<ofd:Font ID=\"{}\" FontName=\"{name}\" FamilyName=\"{family}\"{bold}><ofd:FontFile>{}</ofd:FontFile></ofd:Font>",
                i + 1,
                font_file(i, f)
            )
        })
        .collect();
    format!(
        "{HEAD}<ofd:Res xmlns:ofd=\"{NS}\" BaseLoc=\"Res\"><ofd:Fonts>{fonts}</ofd:Fonts></ofd:Res>"
    )
}

/// The file name of image `i` under Res/.
pub(super) fn image_file(i: usize) -> String {
    format!("image_{:06}.png", i + 1)
}

/// The images, as MultiMedia resources: IDs after the fonts'.
pub(super) fn document_res(fonts: usize, images: usize) -> String {
    let media: String = (0..images)
        .map(|i| {
            format!(
                "<ofd:MultiMedia ID=\"{}\" Type=\"Image\" Format=\"PNG\"><ofd:MediaFile>{}</ofd:MediaFile></ofd:MultiMedia>",
                fonts + i + 1,
                image_file(i)
            )
        })
        .collect();
    let media = if media.is_empty() {
        media
    } else {
        format!("<ofd:MultiMedias>{media}</ofd:MultiMedias>")
    };
    format!("{HEAD}<ofd:Res xmlns:ofd=\"{NS}\" BaseLoc=\"Res\">{media}</ofd:Res>")
}

/// An image in its Boundary (the box of its corners), the unit square mapped by its CTM.
fn image(out: &mut String, id: u32, p: &Picture, fonts: usize) {
    let [a, b, c, d, e, f] = p.ts;
    let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
        .map(|(u, v)| (a * u + c * v + e, b * u + d * v + f));
    let bx = corners.iter().map(|c| c.0).fold(f64::MAX, f64::min);
    let by = corners.iter().map(|c| c.1).fold(f64::MAX, f64::min);
    let bw = corners.iter().map(|c| c.0).fold(f64::MIN, f64::max) - bx;
    let bh = corners.iter().map(|c| c.1).fold(f64::MIN, f64::max) - by;
    let ctm = [a, b, c, d, e - bx, f - by].map(n).join(" ");
    out.push_str(&format!(
        "<ofd:ImageObject ID=\"{id}\" Boundary=\"{} {} {} {}\" CTM=\"{ctm}\" ResourceID=\"{}\"/>",
        n(bx),
        n(by),
        n(bw),
        n(bh),
        fonts + p.image + 1
    ));
}

pub(super) fn page(
    objects: &[Object],
    faces: &[Face],
    subsets: &[Subset],
    ids: &mut Ids,
    size: (f64, f64),
) -> String {
    let layer = ids.next();
    let mut body = String::new();
    for o in objects {
        let id = ids.next();
        match o {
            Object::Text(t) => text(&mut body, id, t, faces[t.face].weight(), &subsets[t.face]),
            Object::Path(p) => path(&mut body, id, p),
            Object::Image(p) => image(&mut body, id, p, faces.len()),
        }
    }
    format!(
        "{HEAD}<ofd:Page xmlns:ofd=\"{NS}\"><ofd:Area><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID=\"{layer}\">{body}</ofd:Layer></ofd:Content></ofd:Page>",
        n(size.0),
        n(size.1)
    )
}

/// A run: upright runs placed in page coordinates; turned ones (the annex) in their own, with
/// the run's transform as the object's CTM.
fn text(out: &mut String, id: u32, t: &Text, weight: u16, subset: &Subset) {
    let [sx, ky, kx, sy, tx, ty] = t.ts;
    let upright =
        (sx - 1.0).abs() < 1e-9 && (sy - 1.0).abs() < 1e-9 && kx.abs() < 1e-9 && ky.abs() < 1e-9;
    let (x0, x1) = (t.xs[0], t.xs[0] + t.width);
    let (top, bottom) = (-t.size, 0.3 * t.size);
    let corners = [(x0, top), (x1, top), (x0, bottom), (x1, bottom)]
        .map(|(x, y)| (sx * x + kx * y + tx, ky * x + sy * y + ty));
    let bx = corners.iter().map(|c| c.0).fold(f64::MAX, f64::min);
    let by = corners.iter().map(|c| c.1).fold(f64::MAX, f64::min);
    let bw = corners.iter().map(|c| c.0).fold(f64::MIN, f64::max) - bx;
    let bh = corners.iter().map(|c| c.1).fold(f64::MIN, f64::max) - by;
    let (x, y, ctm) = if upright {
        (tx + t.xs[0] - bx, ty - by, String::new())
    } else {
        let m = [sx, ky, kx, sy, tx - bx, ty - by].map(n).join(" ");
        (t.xs[0], 0.0, format!(" CTM=\"{m}\""))
    };
    let delta: Vec<String> = t.xs.windows(2).map(|w| n(w[1] - w[0])).collect();
    let glyphs: Vec<String> = t
        .glyphs
        .iter()
        .map(|g| subset.remapper.get(*g).unwrap_or(0).to_string())
        .collect();
    let codes = t.chars.chars().count();
    let weight = if weight == 400 {
        String::new()
    } else {
        format!(" Weight=\"{weight}\"")
    };
    out.push_str(&format!(
        "<ofd:TextObject ID=\"{id}\" Boundary=\"{} {} {} {}\" Font=\"{}\" Size=\"{}\"{weight}{ctm}><ofd:FillColor Value=\"{}\"/><ofd:CGTransform CodePosition=\"0\" CodeCount=\"{codes}\" GlyphCount=\"{}\"><ofd:Glyphs>{}</ofd:Glyphs></ofd:CGTransform><ofd:TextCode X=\"{}\" Y=\"{}\"{}>{}</ofd:TextCode></ofd:TextObject>",
        n(bx),
        n(by),
        n(bw.max(0.01)),
        n(bh.max(0.01)),
        t.face + 1,
        n(t.size),
        rgb(t.color),
        glyphs.len(),
        glyphs.join(" "),
        n(x),
        n(y),
        if delta.is_empty() { String::new() } else { format!(" DeltaX=\"{}\"", delta.join(" ")) },
        esc(&t.chars)
    ));
}

/// A path with its points relative to its Boundary, which covers it and half its stroke.
fn path(out: &mut String, id: u32, p: &Path) {
    let points: Vec<(f64, f64)> = p
        .ops
        .iter()
        .flat_map(|(_, pts)| pts.iter().copied())
        .collect();
    let Some(first) = points.first() else { return };
    let half = p.stroke.map_or(0.0, |(_, w)| w / 2.0).max(0.005);
    let (mut x0, mut y0, mut x1, mut y1) = (first.0, first.1, first.0, first.1);
    for (x, y) in &points {
        (x0, y0, x1, y1) = (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y));
    }
    let (bx, by) = (x0 - half, y0 - half);
    let data: Vec<String> = p
        .ops
        .iter()
        .map(|(op, pts)| {
            let mut s = op.to_string();
            for (x, y) in pts {
                s.push_str(&format!(" {} {}", n(x - bx), n(y - by)));
            }
            s
        })
        .collect();
    let mut attrs = format!(
        "ID=\"{id}\" Boundary=\"{} {} {} {}\"",
        n(bx),
        n(by),
        n(x1 - x0 + 2.0 * half),
        n(y1 - y0 + 2.0 * half)
    );
    let mut colours = String::new();
    match p.stroke {
        Some((c, w)) => {
            attrs.push_str(&format!(" LineWidth=\"{}\"", n(w)));
            colours.push_str(&format!("<ofd:StrokeColor Value=\"{}\"/>", rgb(c)));
        }
        None => attrs.push_str(" Stroke=\"false\""),
    }
    // A reader that only strokes takes the stroke's colour from FillColor.
    let fill = p.fill.or(p.stroke.map(|(c, _)| c));
    if p.fill.is_some() {
        attrs.push_str(" Fill=\"true\"");
    }
    if let Some(c) = fill {
        colours.push_str(&format!("<ofd:FillColor Value=\"{}\"/>", rgb(c)));
    }
    out.push_str(&format!(
        "<ofd:PathObject {attrs}>{colours}<ofd:AbbreviatedData>{}</ofd:AbbreviatedData></ofd:PathObject>",
        data.join(" ")
    ));
}
