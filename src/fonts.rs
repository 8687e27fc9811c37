//! The bundled fonts, embedded in the binary, and the face chain of each typographic role.
//!
//! Output never depends on the machine's fonts: the World serves only these. Before a plan
//! is rendered, every character of every field is checked against its role's chain, so a
//! character no bundled face has is an error naming the field, not a silent fallback.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use crate::files::reason;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// The font files, with the role that needs them.
pub(crate) const FILES: &[(&str, &[u8])] = &[
    (
        "NotoSerifSC_700Bold.ttf",
        include_bytes!("../fonts/NotoSerifSC_700Bold.ttf"),
    ),
    (
        "NotoSerifSC_400Regular.ttf",
        include_bytes!("../fonts/NotoSerifSC_400Regular.ttf"),
    ),
    (
        "FandolFang-Regular.otf",
        include_bytes!("../fonts/FandolFang-Regular.otf"),
    ),
    (
        "NotoSansSC_400Regular.ttf",
        include_bytes!("../fonts/NotoSansSC_400Regular.ttf"),
    ),
    (
        "LXGWWenKai-Regular.ttf",
        include_bytes!("../fonts/LXGWWenKai-Regular.ttf"),
    ),
    (
        "NotoSansYi-Regular.ttf",
        include_bytes!("../fonts/NotoSansYi-Regular.ttf"),
    ),
];

/// Typographic roles of GB/T 9704 and their face chains, first choice first. Every chain
/// falls back to a Simplified-Chinese serif, never to a Japanese or sans face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 小标宋: 发文机关标志, 标题, 附件标题.
    Title,
    /// 仿宋: 正文 and most elements.
    Body,
    /// 黑体: level-1 headings, the "附件" label.
    Heading1,
    /// 楷体: level-2 headings.
    Heading2,
    /// 宋体: page numbers.
    PageNumber,
    /// A line of the mark in Yi script.
    Yi,
}

impl Role {
    pub(crate) const ALL: [Role; 6] = [
        Role::Title,
        Role::Body,
        Role::Heading1,
        Role::Heading2,
        Role::PageNumber,
        Role::Yi,
    ];

    /// The bundled family names, as Typst sees them, in fallback order.
    pub fn chain(self) -> &'static [&'static str] {
        match self {
            Role::Title => &["Noto Serif SC"],
            Role::Body => &["FandolFang R", "Noto Serif SC"],
            Role::Heading1 => &["Noto Sans SC", "Noto Serif SC"],
            Role::Heading2 => &["LXGW WenKai", "Noto Serif SC"],
            Role::PageNumber => &["Noto Serif SC"],
            Role::Yi => &["Noto Sans Yi", "FandolFang R"],
        }
    }

    /// The face a heading of `level` prints in (GB/T 9704: 一、 黑体, （一） 楷体, then the
    /// body's): the templates' levels and the font checks read this one mapping.
    pub(crate) fn of_level(level: u8) -> Role {
        match level {
            1 => Role::Heading1,
            2 => Role::Heading2,
            _ => Role::Body,
        }
    }

    /// The key of the role in a plan's `[fonts]` table.
    pub fn key(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Body => "body",
            Role::Heading1 => "heading1",
            Role::Heading2 => "heading2",
            Role::PageNumber => "page_number",
            Role::Yi => "yi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "标题字体（小标宋）",
            Role::Body => "正文字体（仿宋）",
            Role::Heading1 => "一级标题字体（黑体）",
            Role::Heading2 => "二级标题字体（楷体）",
            Role::PageNumber => "页码字体（宋体）",
            Role::Yi => "彝文字体",
        }
    }
}

/// Parsed fonts, their book, and a fast index of what each covers. Cheap to clone.
#[derive(Clone)]
pub struct FontSet {
    pub fonts: Arc<Vec<Font>>,
    pub book: Arc<FontBook>,
    /// Per font, what it covers (Typst's own coverage test scans linearly, too slow for
    /// checking every character of a large plan).
    coverage: Arc<Vec<Coverage>>,
}

/// A face's coverage: a bit per code point of the Basic Multilingual Plane, where nearly
/// every character of a plan is, and sorted ranges beyond it.
struct Coverage {
    bmp: Box<[u64; 1024]>,
    astral: Vec<(u32, u32)>,
}

impl Coverage {
    fn of(font: &Font) -> Self {
        let ranges = ranges_of(font);
        let mut bmp = Box::new([0u64; 1024]);
        for &(start, end) in &ranges {
            for c in start..=end.min(0xFFFF) {
                bmp[c as usize / 64] |= 1 << (c % 64);
            }
        }
        let astral = ranges
            .into_iter()
            .filter(|&(_, end)| end > 0xFFFF)
            .collect();
        Coverage { bmp, astral }
    }

    fn has(&self, c: char) -> bool {
        let c = u32::from(c);
        if c <= 0xFFFF {
            self.bmp[c as usize / 64] & (1 << (c % 64)) != 0
        } else {
            in_ranges(&self.astral, c)
        }
    }
}

fn ranges_of(font: &Font) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for c in font.info().coverage.iter() {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => out.push((c, c)),
        }
    }
    out
}

fn in_ranges(ranges: &[(u32, u32)], c: u32) -> bool {
    let i = ranges.partition_point(|&(_, end)| end < c);
    ranges.get(i).is_some_and(|&(start, _)| start <= c)
}

/// The largest font file read from a font folder (CJK faces are 10–30 MB, collections more).
const MAX_FONT_BYTES: u64 = 256 * 1024 * 1024;

/// A font file's bytes: a regular file (a link to a device or a pipe would never end) of at
/// most [`MAX_FONT_BYTES`].
fn read_font(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("字体文件 {shown} 读不出来：{}", reason(&e)))?;
    if !meta.is_file() {
        return Err(format!(
            "字体文件 {shown} 不是普通文件（是文件夹、设备或管道）"
        ));
    }
    let mut data = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FONT_BYTES + 1).read_to_end(&mut data))
        .map_err(|e| format!("字体文件 {shown} 读不出来：{}", reason(&e)))?;
    if data.len() as u64 > MAX_FONT_BYTES {
        return Err(format!(
            "字体文件 {shown} 超过 {} MiB，不像是字体",
            MAX_FONT_BYTES / 1024 / 1024
        ));
    }
    Ok(data)
}

/// The bundled fonts, parsed once per process.
pub static FONTS: LazyLock<FontSet> = LazyLock::new(|| {
    let fonts: Vec<Font> = FILES
        .iter()
        .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
        .collect();
    FontSet::from_fonts(fonts)
});

impl Default for FontSet {
    fn default() -> Self {
        FONTS.clone()
    }
}

impl FontSet {
    fn from_fonts(fonts: Vec<Font>) -> Self {
        let book = FontBook::from_fonts(&fonts);
        let coverage = fonts.iter().map(Coverage::of).collect();
        FontSet {
            fonts: Arc::new(fonts),
            book: Arc::new(book),
            coverage: Arc::new(coverage),
        }
    }

    /// The bundled fonts plus every font file (.ttf .otf .ttc .otc) directly in `dirs`:
    /// an office's own licensed faces, chosen per role by the plan's `[fonts]` table.
    pub(crate) fn with_dirs(dirs: &[PathBuf]) -> Result<Self, String> {
        if dirs.is_empty() {
            return Ok(FONTS.clone());
        }
        let mut fonts: Vec<Font> = FONTS.fonts.to_vec();
        for dir in dirs {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| format!("字体文件夹 {} 读不出来：{}", dir.display(), reason(&e)))?;
            let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if !matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
                    continue;
                }
                let data = read_font(&path)?;
                fonts.extend(Font::iter(Bytes::new(data)));
            }
        }
        Ok(Self::from_fonts(fonts))
    }

    /// Whether a face named `family` is in the set.
    pub(crate) fn has_family(&self, family: &str) -> bool {
        self.fonts
            .iter()
            .any(|f| f.info().family.eq_ignore_ascii_case(family))
    }

    /// Indices of the faces of `chain`, in chain order.
    fn faces(&self, chain: &[String]) -> Vec<usize> {
        chain
            .iter()
            .flat_map(|family| {
                self.fonts
                    .iter()
                    .enumerate()
                    .filter(move |(_, f)| f.info().family.eq_ignore_ascii_case(family))
                    .map(|(i, _)| i)
            })
            .collect()
    }

    /// Family names present, in order, without repeats.
    pub fn families(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for f in self.fonts.iter() {
            if !v.contains(&f.info().family) {
                v.push(f.info().family.clone());
            }
        }
        v
    }
}

/// The fonts of one render: the set, and each role's chain (the plan's `[fonts]` choice
/// first, then the bundled chain as fallback).
#[derive(Clone)]
pub struct FontEnv {
    pub set: FontSet,
    chains: BTreeMap<Role, Vec<String>>,
    /// Per role, the indices of its faces in `set`.
    faces: BTreeMap<Role, Vec<usize>>,
    /// Per role, the faces of its first family: the one the role is meant to print in.
    first: BTreeMap<Role, Vec<usize>>,
}

impl FontEnv {
    /// Bundled fonts only.
    pub fn bundled() -> Self {
        Self::new(FONTS.clone(), &BTreeMap::new())
    }

    /// `chosen`: role → families the office put first.
    pub fn new(set: FontSet, chosen: &BTreeMap<Role, Vec<String>>) -> Self {
        let chains = Role::ALL
            .iter()
            .map(|&r| {
                let mut chain: Vec<String> = chosen.get(&r).cloned().unwrap_or_default();
                for f in r.chain() {
                    if !chain.iter().any(|c| c == f) {
                        chain.push((*f).to_string());
                    }
                }
                (r, chain)
            })
            .collect::<BTreeMap<_, _>>();
        let faces = chains.iter().map(|(r, c)| (*r, set.faces(c))).collect();
        let first = chains
            .iter()
            .map(|(r, c)| (*r, set.faces(&c[..1])))
            .collect();
        Self {
            set,
            chains,
            faces,
            first,
        }
    }

    /// The fonts of a plan: `set` with the plan's `[fonts]` choice.
    pub fn for_plan(set: FontSet, choice: &crate::plan::FontChoice) -> Self {
        let chosen: BTreeMap<Role, Vec<String>> = choice
            .entries()
            .into_iter()
            .filter_map(|(key, families)| {
                let role = Role::ALL.into_iter().find(|r| r.key() == key)?;
                Some((role, families.to_vec()))
            })
            .collect();
        Self::new(set, &chosen)
    }

    pub fn chain(&self, role: Role) -> &[String] {
        self.chains
            .get(&role)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The advance of `c` in em, in the face Typst sets it in: the first of `role`'s chain
    /// that covers it.
    pub fn advance(&self, role: Role, c: char) -> Option<f64> {
        let faces = self.faces.get(&role)?;
        let &i = faces.iter().find(|&&i| self.set.coverage[i].has(c))?;
        let font = &self.set.fonts[i];
        let face = ttf_parser::Face::parse(font.data(), font.index()).ok()?;
        let advance = face.glyph_hor_advance(face.glyph_index(c)?)?;
        Some(f64::from(advance) / f64::from(face.units_per_em()))
    }

    /// Whether `c` prints in a fallback face of `role`: some face of its chain has it, but
    /// not its first family's.
    pub(crate) fn falls_back(&self, role: Role, c: char) -> bool {
        let in_first = self
            .first
            .get(&role)
            .is_some_and(|faces| faces.iter().any(|&i| self.set.coverage[i].has(c)));
        !c.is_whitespace() && !in_first && self.covers(role, c)
    }

    /// Whether some face of `role`'s chain has a glyph for `c`.
    pub fn covers(&self, role: Role, c: char) -> bool {
        if c.is_whitespace() {
            return true;
        }
        self.faces
            .get(&role)
            .is_some_and(|faces| faces.iter().any(|&i| self.set.coverage[i].has(c)))
    }
}

#[cfg(test)]
mod tests;
