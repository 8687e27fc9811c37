//! Rendering: the checked plan → JSON view → Typst (sandboxed World, bundled fonts) → PDF.

mod contract;
mod failed;
pub mod lines;
pub mod output;
pub mod preview;
mod project_text;
pub mod templates;
pub mod title;
pub mod view;
pub mod world;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

pub use failed::Failed;

use crate::check::Checked;
use templates::Templates;
use world::GongwenWorld;

#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub templates: Templates,
    /// Write PDF/A-2b.
    pub pdf_a: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            templates: Templates::embedded(),
            pdf_a: false,
        }
    }
}

/// A rendered document.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub document: PagedDocument,
    /// The JSON the templates read.
    pub data: Vec<u8>,
}

impl Rendered {
    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }
}

/// The JSON view of a checked plan, as given to the templates.
pub fn data_json(checked: &Checked) -> Vec<u8> {
    let v = view::build(&checked.plan.value, &checked.figures, &checked.fonts);
    // Serialising plain strings, numbers and lists cannot fail.
    serde_json::to_vec_pretty(&v).unwrap_or_default()
}

/// Lays a document out from the template `main` ("main.typ" for the notice,
/// "correction.typ" for a 更正通知) and its data.
/// The most pages a document may have.
pub(crate) const MAX_PAGES: usize = 20_000;

pub fn compile(
    templates: &Templates,
    fonts: &crate::fonts::FontSet,
    main: &str,
    data: Vec<u8>,
) -> Result<PagedDocument, Failed> {
    compile_sealed(templates, fonts, main, data, &[])
}

/// As [`compile`], with the seals' images the plan names.
pub(crate) fn compile_sealed(
    templates: &Templates,
    fonts: &crate::fonts::FontSet,
    main: &str,
    data: Vec<u8>,
    seals: &[Option<Vec<u8>>],
) -> Result<PagedDocument, Failed> {
    let _doing = crate::activity::doing(crate::activity::Doing::Render);
    let mut world = GongwenWorld::new(templates, fonts, main, data);
    world.set_seals(seals);
    compile_in(&world, templates)
}

/// Lays out the document of a World made from `templates` (a warm one, for the preview).
pub(crate) fn compile_in(
    world: &GongwenWorld,
    templates: &Templates,
) -> Result<PagedDocument, Failed> {
    // What runs, for the memory ceiling's message: an office's templates are named as such;
    // the built-in ones keep what the caller said (a render, the web page's preview).
    let _doing = (!templates.is_embedded())
        .then(|| crate::activity::doing(crate::activity::Doing::RenderCustom));
    let result = typst::compile::<PagedDocument>(world);
    let mut problems: Vec<String> = Vec::new();
    for w in &result.warnings {
        // A font the World lacks would be replaced silently: for us it is an error.
        if w.message.contains("unknown font family") || w.severity == Severity::Error {
            problems.push(describe(world, templates, w));
        }
    }
    match result.output {
        // A template (the office's own, `--templates`) that breaks pages without end would
        // make a PDF of gigabytes: refused before export. 10,000 projects take ≈ 4,000 pages.
        Ok(doc) if doc.pages().len() > MAX_PAGES => Err(Failed::one(format!(
            "模板排出了 {} 页，超过上限 {MAX_PAGES} 页：检查模板中的分页和循环",
            doc.pages().len()
        ))),
        Ok(doc) if problems.is_empty() => Ok(doc),
        Ok(_) => Err(problems.into()),
        Err(errors) => {
            problems.extend(errors.iter().map(|e| describe(world, templates, e)));
            Err(problems.into())
        }
    }
}

/// Exports a laid-out document to PDF bytes. The identifier is derived from the 文号 so
/// the same plan gives the same bytes.
pub fn export(doc: &PagedDocument, ident: &str, pdf_a: bool) -> Result<Vec<u8>, Failed> {
    let standards = if pdf_a {
        PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| Failed::one(e.message().as_str()))?
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("gongwen {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        page_ranges: None,
        standards,
        // Tags (the structure tree) add ≈ 50 KB to the 峨边 notice, pushing it past the
        // 400 KB budget; 公文 are printed and archived as PDF/A-2b, which needs no tags.
        tagged: false,
        pretty: false,
    };
    typst_pdf::pdf(doc, &options).map_err(|errs| {
        Failed::from(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>(),
        )
    })
}

/// Renders a checked plan (which must have no errors) to PDF bytes.
pub fn render(checked: &Checked, opts: &RenderOptions) -> Result<Rendered, Failed> {
    let data = data_json(checked);
    let document = compile_sealed(
        &opts.templates,
        &checked.fonts.set,
        "main.typ",
        data.clone(),
        &checked.seals,
    )?;
    let pdf = export(
        &document,
        &checked.plan.value.notice.doc_number.text,
        opts.pdf_a,
    )?;
    Ok(Rendered {
        pdf,
        document,
        data,
    })
}

/// The project table alone, on landscape pages of `paper` ("a4" or "a3"), as PDF.
pub(crate) fn render_annex(
    checked: &Checked,
    opts: &RenderOptions,
    paper: &str,
) -> Result<Vec<u8>, Failed> {
    let doc = annex_document(checked, opts, paper)?;
    let ident = format!(
        "{} {}",
        checked.plan.value.notice.doc_number.text,
        checked.plan.value.plan.annex.first().title
    );
    export(&doc, &ident, opts.pdf_a)
}

/// The project table alone, laid out (for PDF and OFD alike).
pub(crate) fn annex_document(
    checked: &Checked,
    opts: &RenderOptions,
    paper: &str,
) -> Result<PagedDocument, Failed> {
    let mut v = view::build(&checked.plan.value, &checked.figures, &checked.fonts);
    v.paper = Some(if paper == "a3" { "a3" } else { "a4" });
    let data = serde_json::to_vec(&v).map_err(|e| Failed::one(e.to_string()))?;
    compile(&opts.templates, &checked.fonts.set, "annex-alone.typ", data)
}

/// "templates/notice.typ:12:5: message (hint: …)".
fn describe(world: &GongwenWorld, templates: &Templates, d: &SourceDiagnostic) -> String {
    let place = d
        .span
        .id()
        .and_then(|id| {
            let range = world.range(d.span)?;
            let source = typst::World::source(world, id).ok()?;
            let (line, col) = source.lines().byte_to_line_column(range.start)?;
            Some(format!(
                "{}/{}:{}:{}",
                templates.origin,
                world.name(id),
                line + 1,
                col + 1
            ))
        })
        .unwrap_or_else(|| templates.origin.clone());
    let mut s = format!("{place}: {}", d.message);
    for h in &d.hints {
        s.push_str(&format!("（提示：{}）", h.v));
    }
    s
}
