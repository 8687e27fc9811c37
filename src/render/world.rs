//! The sandboxed Typst World: it serves the templates, the plan as `/data.json`, its seals'
//! images as `/seal.png`, `/seal-2.png` … (read by `check`), and the bundled fonts — no other
//! file, no package, no clock.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::templates::Templates;
use crate::fonts::FontSet;

/// The virtual path of the plan's JSON view.
pub(crate) const DATA_PATH: &str = "/data.json";
/// The name of signing office `i`'s seal's image (the leading office is 0): seal.png,
/// seal-2.png … — in the World, and as an issued version archives it.
pub(crate) fn seal_name(i: usize) -> String {
    if i == 0 {
        "seal.png".into()
    } else {
        format!("seal-{}.png", i + 1)
    }
}

/// The virtual path of signing office `i`'s seal's image.
pub(crate) fn seal_path(i: usize) -> String {
    format!("/{}", seal_name(i))
}

pub struct GongwenWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    data_id: FileId,
    data: Bytes,
    /// The seals' images by their paths.
    seals: HashMap<FileId, Bytes>,
}

pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl GongwenWorld {
    /// A World whose entry point is the template `main` (e.g. "main.typ").
    pub fn new(templates: &Templates, fonts: &FontSet, main: &str, data_json: Vec<u8>) -> Self {
        let sources: HashMap<FileId, Source> = templates
            .files
            .iter()
            .map(|(name, text)| {
                let id = file_id(&format!("/{name}"));
                (id, Source::new(id, text.clone()))
            })
            .collect();
        Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new((*fonts.book).clone()),
            fonts: fonts.fonts.to_vec(),
            main: file_id(&format!("/{main}")),
            sources,
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data_json),
            seals: HashMap::new(),
        }
    }

    /// Gives the World the plan's seals' images (one per signing office, none where it has
    /// no image).
    pub(crate) fn set_seals(&mut self, pngs: &[Option<Vec<u8>>]) {
        self.seals = pngs
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((file_id(&seal_path(i)), Bytes::new(p.clone()?))))
            .collect();
    }

    /// Gives the World a new plan: the templates and fonts stay, so Typst's caches stay warm.
    pub(crate) fn set_data(&mut self, data_json: Vec<u8>) {
        self.data = Bytes::new(data_json);
    }

    /// The template file name of a file id, for messages.
    pub fn name(&self, id: FileId) -> String {
        id.get().vpath().get_without_slash().to_string()
    }
}

impl World for GongwenWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some(png) = self.seals.get(&id) {
            return Ok(png.clone());
        }
        match self.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.clone())),
            None => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// No clock: the document's dates come from the plan, so output never depends on when
    /// it was rendered.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
