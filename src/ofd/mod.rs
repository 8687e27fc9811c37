//! The notice as an electronic 公文 in OFD (GB/T 33190-2016), from the same laid-out pages the
//! PDF is written from: each of Typst's text runs a TextObject (its characters, their
//! advances, and the glyphs Typst chose as a CGTransform), each rule and table line a
//! PathObject, a seal's PNG an ImageObject, the faces embedded as subsets that load on their
//! own. No second layout, no
//! conversion of the PDF.
//!
//! The package: `OFD.xml` (DocInfo: title, author = the issuer, creation date = the 成文日期,
//! a DocID from those), `Doc_0/Document.xml` (the page tree, A4), `PublicRes.xml` (the fonts),
//! `DocumentRes.xml` (the images), one `Pages/Page_N/Content.xml` per page, the fonts and
//! images under `Res/`. Every
//! element carries the `ofd:` prefix and the numbering readers expect (pages from 0, resource
//! files of fixed width). The same plan gives the same bytes.
//! Left out: signatures (an office signs with its own certificate, in its own system),
//! annotations, templates and outlines.

mod fonts;
mod walk;
mod xml;

use crate::render::Failed;
use chrono::Datelike;
use typst_layout::PagedDocument;

use crate::check::Checked;
use crate::render::RenderOptions;

/// What OFD.xml says of the document.
pub struct Meta {
    pub title: String,
    pub author: String,
    /// The 成文日期: the creation date, so the bytes do not depend on the day of writing.
    pub date: (i32, u32, u32),
}

impl Meta {
    pub fn of(checked: &Checked) -> Self {
        let n = &checked.plan.value.notice;
        let d = n.date.0;
        Self {
            title: n.title.clone(),
            author: n.issuer.clone(),
            date: (d.year(), d.month(), d.day()),
        }
    }
}

/// The notice (which must have no errors) as OFD: laid out once, as for the PDF.
pub fn render(checked: &Checked, opts: &RenderOptions) -> Result<Vec<u8>, Failed> {
    let data = crate::render::data_json(checked);
    let doc = crate::render::compile_sealed(
        &opts.templates,
        &checked.fonts.set,
        "main.typ",
        data,
        &checked.seals,
    )?;
    export(&doc, &Meta::of(checked))
}

/// A laid-out document as OFD bytes.
pub fn export(doc: &PagedDocument, meta: &Meta) -> Result<Vec<u8>, Failed> {
    let mut w = walk::Walk::new();
    for page in doc.pages() {
        w.page(&page.frame);
    }
    let subsets = w
        .faces
        .iter()
        .map(fonts::subset)
        .collect::<Result<Vec<_>, _>>()?;
    // Fonts, then images, take the first IDs.
    let mut ids = xml::Ids::new(w.faces.len() + w.images.len());
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut page_ids = Vec::new();
    let size = doc
        .pages()
        .first()
        .map(|p| (walk::mm(p.frame.width()), walk::mm(p.frame.height())))
        .unwrap_or((210.0, 297.0));
    for (n, objects) in w.pages.iter().enumerate() {
        let page_id = ids.next();
        page_ids.push(page_id);
        let content = xml::page(objects, &w.faces, &subsets, &mut ids, size);
        parts.push((
            format!("Doc_0/Pages/Page_{n}/Content.xml"),
            content.into_bytes(),
        ));
    }
    let mut files = vec![
        ("OFD.xml".to_string(), xml::ofd(meta).into_bytes()),
        (
            "Doc_0/Document.xml".to_string(),
            xml::document(&page_ids, ids.max(), size).into_bytes(),
        ),
        (
            "Doc_0/PublicRes.xml".to_string(),
            xml::public_res(&w.faces).into_bytes(),
        ),
        (
            "Doc_0/DocumentRes.xml".to_string(),
            xml::document_res(w.faces.len(), w.images.len()).into_bytes(),
        ),
    ];
    files.extend(parts);
    for (i, (face, subset)) in w.faces.iter().zip(subsets).enumerate() {
        files.push((
            format!("Doc_0/Res/{}", xml::font_file(i, face)),
            subset.data,
        ));
    }
    for (i, png) in w.images.into_iter().enumerate() {
        files.push((format!("Doc_0/Res/{}", xml::image_file(i)), png));
    }
    crate::render::output::zip_parts(&files, "OFD")
}
