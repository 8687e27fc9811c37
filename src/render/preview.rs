//! The live preview (`gongwen serve`): one warm World kept between edits, pages as SVG.
//!
//! Typst memoises layout on what the World answers (comemo), so a World kept from one edit to
//! the next lays out again only what the new data touches. A page whose content did not change
//! has the same hash, and its SVG is taken from the last run instead of being written again;
//! the page sends the hashes it already shows and receives only the pages that changed.

use std::collections::HashMap;
use std::sync::Arc;

use typst_layout::Page;

use super::templates::Templates;
use super::world::GongwenWorld;
use super::{compile_in, data_json};
use crate::check::Checked;
use crate::fonts::FontSet;

/// One page of the preview: its content hash and its SVG.
#[derive(Clone)]
pub struct PreviewPage {
    pub hash: String,
    pub svg: Arc<str>,
}

pub struct Preview {
    templates: Templates,
    world: Option<(GongwenWorld, FontSet)>,
    /// The last run's pages by hash.
    svgs: HashMap<String, Arc<str>>,
}

impl Preview {
    pub fn new(templates: Templates) -> Self {
        Self {
            templates,
            world: None,
            svgs: HashMap::new(),
        }
    }

    /// The notice of a plan without errors, laid out page by page.
    pub fn pages(&mut self, checked: &Checked) -> Result<Vec<PreviewPage>, Vec<String>> {
        let data = data_json(checked);
        let fonts = &checked.fonts.set;
        let world = match &mut self.world {
            // The same fonts (the plan's [fonts] choice did not change the set): keep the World.
            Some((w, f)) if Arc::ptr_eq(&f.fonts, &fonts.fonts) => {
                w.set_data(data);
                w
            }
            slot => {
                let w = GongwenWorld::new(&self.templates, fonts, "main.typ", data);
                &mut slot.insert((w, fonts.clone())).0
            }
        };
        let doc = compile_in(world, &self.templates);
        // As Typst's own watch mode does: forget what was not used in the last runs.
        typst::comemo::evict(10);
        let doc = doc?;
        let mut svgs = HashMap::new();
        let pages = doc
            .pages()
            .iter()
            .map(|page| {
                let hash = page_hash(page);
                let svg = self
                    .svgs
                    .get(&hash)
                    .cloned()
                    .unwrap_or_else(|| typst_svg::svg(page, &Default::default()).into());
                svgs.insert(hash.clone(), svg.clone());
                PreviewPage { hash, svg }
            })
            .collect();
        self.svgs = svgs;
        Ok(pages)
    }
}

/// Every page of a document as SVG (a one-off preview, e.g. of a 更正通知).
pub(crate) fn svg_pages(doc: &typst_layout::PagedDocument) -> Vec<String> {
    doc.pages()
        .iter()
        .map(|p| typst_svg::svg(p, &Default::default()))
        .collect()
}

fn page_hash(page: &Page) -> String {
    format!("{:032x}", typst::utils::hash128(page))
}
