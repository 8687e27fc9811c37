//! The faces an OFD embeds: each subset to the glyphs its pages use (as the PDF embeds them,
//! with Typst's own subsetter), then made a font any reader can load on its own — a `cmap`
//! (each character to its glyph) and the original `OS/2` table added, which the subsetter
//! leaves out (a browser refuses a font without them; readers that draw by character need the
//! `cmap`).

use crate::render::Failed;
use std::collections::BTreeMap;

use typst::text::Font;

/// A face the document uses, with what its pages need of it.
pub(super) struct Face {
    pub font: Font,
    /// Every glyph drawn (original ids).
    pub glyphs: Vec<u16>,
    /// Every character of the text, with the face's own glyph for it (what a reader that
    /// draws by character uses).
    pub chars: BTreeMap<char, u16>,
}

impl Face {
    pub(super) fn new(font: Font) -> Self {
        Self {
            font,
            glyphs: Vec::new(),
            chars: BTreeMap::new(),
        }
    }

    /// Notes a glyph drawn for `text`, and the face's own glyph for each of its characters.
    pub(super) fn note(&mut self, glyph: u16, text: &str, own: impl Fn(char) -> Option<u16>) {
        self.glyphs.push(glyph);
        for c in text.chars() {
            if let Some(g) = own(c) {
                self.chars.entry(c).or_insert(g);
            }
        }
    }

    /// The face's weight (400 regular, 700 bold), which a TextObject states for readers that
    /// pick a face by family and weight.
    pub(super) fn weight(&self) -> u16 {
        self.font.info().variant.weight.to_number()
    }

    /// "ttf" or "otf", as the file's extension.
    pub(super) fn extension(&self) -> &'static str {
        if self.font.data().starts_with(b"OTTO") {
            "otf"
        } else {
            "ttf"
        }
    }
}

/// The subset font file and the map from original glyph ids to its own.
pub(super) struct Subset {
    pub data: Vec<u8>,
    pub remapper: subsetter::GlyphRemapper,
}

/// The face subset to what is used, with a `cmap` and its `OS/2`.
pub(super) fn subset(face: &Face) -> Result<Subset, Failed> {
    use write_fonts::read::{FontRef, TableProvider};
    use write_fonts::tables::cmap::Cmap;
    use write_fonts::types::{GlyphId, Tag};

    let mut ids: Vec<u16> = face
        .glyphs
        .iter()
        .chain(face.chars.values())
        .copied()
        .collect();
    ids.push(0);
    ids.sort_unstable();
    ids.dedup();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&ids);
    let family = &face.font.info().family;
    let fail = |e: String| Failed::one(format!("OFD：字体 {family} 无法嵌入（{e}）"));
    let data = face.font.data();
    let sub = subsetter::subset(data, face.font.index(), &remapper)
        .map_err(|e| fail(format!("{e:?}")))?;
    let mappings = face.chars.iter().filter_map(|(c, g)| {
        remapper
            .get(*g)
            .map(|new| (*c, GlyphId::new(u32::from(new))))
    });
    let cmap = Cmap::from_mappings(mappings).map_err(|e| fail(format!("{e:?}")))?;
    let original = FontRef::from_index(data, face.font.index()).map_err(|e| fail(e.to_string()))?;
    let os2 = original
        .data_for_tag(Tag::new(b"OS/2"))
        .ok_or_else(|| fail("没有 OS/2 表".into()))?;
    let subset_ref = FontRef::new(&sub).map_err(|e| fail(e.to_string()))?;
    let mut builder = write_fonts::FontBuilder::new();
    builder
        .add_table(&cmap)
        .map_err(|e| fail(e.to_string()))?
        .add_raw(Tag::new(b"OS/2"), os2.as_bytes())
        .copy_missing_tables(subset_ref);
    Ok(Subset {
        data: builder.build(),
        remapper,
    })
}
