//! The bundled fonts, embedded in the binary, and the face chain of each typographic role.
//!
//! Output never depends on the machine's fonts: the World serves only these. Before a plan
//! is rendered, every character of every field is checked against its role's chain, so a
//! character no bundled face has is an error naming the field, not a silent fallback.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// The font files, with the role that needs them.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "NotoSerifSC_700Bold.ttf",
        include_bytes!("../../fonts/NotoSerifSC_700Bold.ttf"),
    ),
    (
        "NotoSerifSC_400Regular.ttf",
        include_bytes!("../../fonts/NotoSerifSC_400Regular.ttf"),
    ),
    (
        "FandolFang-Regular.otf",
        include_bytes!("../../fonts/FandolFang-Regular.otf"),
    ),
    (
        "NotoSansSC_400Regular.ttf",
        include_bytes!("../../fonts/NotoSansSC_400Regular.ttf"),
    ),
    (
        "LXGWWenKai-Regular.ttf",
        include_bytes!("../../fonts/LXGWWenKai-Regular.ttf"),
    ),
    (
        "NotoSansYi-Regular.ttf",
        include_bytes!("../../fonts/NotoSansYi-Regular.ttf"),
    ),
];

/// Typographic roles of GB/T 9704 and their face chains, first choice first. Every chain
/// falls back to a Simplified-Chinese serif, never to a Japanese or sans face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Family names, as Typst sees them, in fallback order.
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

/// The parsed fonts and their book, loaded once per process.
pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: FontBook,
}

pub static FONTS: LazyLock<FontSet> = LazyLock::new(|| {
    let fonts: Vec<Font> = FILES
        .iter()
        .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    FontSet { fonts, book }
});

impl FontSet {
    /// Whether some face of `role`'s chain has a glyph for `c`.
    pub fn covers(&self, role: Role, c: char) -> bool {
        if c.is_whitespace() {
            return true;
        }
        role.chain().iter().any(|family| {
            self.fonts.iter().any(|f| {
                f.info().family.eq_ignore_ascii_case(family)
                    && f.info().coverage.contains(u32::from(c))
            })
        })
    }

    /// Families present, for the "only bundled fonts" check.
    pub fn families(&self) -> Vec<String> {
        let mut v: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chain_names_bundled_families() {
        let families = FONTS.families();
        for role in [
            Role::Title,
            Role::Body,
            Role::Heading1,
            Role::Heading2,
            Role::PageNumber,
            Role::Yi,
        ] {
            for f in role.chain() {
                assert!(
                    families.iter().any(|x| x == f),
                    "{f} not bundled: {families:?}"
                );
            }
        }
    }

    #[test]
    fn rare_name_characters_fall_back_to_serif() {
        // FandolFang lacks 堃; the body chain still covers it through Noto Serif SC.
        assert!(FONTS.covers(Role::Body, '堃'));
        assert!(FONTS.covers(Role::Body, '〔'));
        assert!(FONTS.covers(Role::Yi, '\u{A188}'));
        assert!(!FONTS.covers(Role::Body, '\u{1F600}'));
        assert!(!FONTS.covers(Role::Title, '\u{A188}'));
    }
}
