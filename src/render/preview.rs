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

pub struct Preview {
    templates: Templates,
    world: Option<(GongwenWorld, FontSet)>,
    /// The last run's pages by hash, laid out; each is turned into SVG only when asked for.
    pages: HashMap<String, Page>,
    /// SVG of pages asked for, kept while their page is in the last run.
    svgs: HashMap<String, Arc<str>>,
}

impl Preview {
    pub fn new(templates: Templates) -> Self {
        Self {
            templates,
            world: None,
            pages: HashMap::new(),
            svgs: HashMap::new(),
        }
    }

    /// The notice of a plan without errors, laid out: the hash of each page, in order. A page
    /// is turned into SVG by [`Preview::svg`] only when the page asks for it (a plan of 2,000
    /// projects has hundreds of pages; the clerk sees a few).
    pub fn pages(&mut self, checked: &Checked) -> Result<Vec<String>, super::Failed> {
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
        world.set_seals(&checked.seals);
        let _doing = crate::activity::doing(crate::activity::Doing::Preview);
        let doc = compile_in(world, &self.templates);
        // As Typst's own watch mode does: forget what was not used in the last runs.
        typst::comemo::evict(10);
        let doc = doc?;
        let pages: Vec<(String, Page)> = doc
            .pages()
            .iter()
            .map(|page| (page_hash(page), page.clone()))
            .collect();
        let hashes = pages.iter().map(|(h, _)| h.clone()).collect();
        self.svgs.retain(|h, _| pages.iter().any(|(p, _)| p == h));
        self.pages = pages.into_iter().collect();
        Ok(hashes)
    }

    /// The SVG of a page of the last run, by its hash.
    pub fn svg(&mut self, hash: &str) -> Option<Arc<str>> {
        if let Some(svg) = self.svgs.get(hash) {
            return Some(svg.clone());
        }
        let svg: Arc<str> = typst_svg::svg(self.pages.get(hash)?, &Default::default()).into();
        self.svgs.insert(hash.to_string(), svg.clone());
        Some(svg)
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
