//! The notice as an editable Word/WPS document (DOCX), built from the same view the PDF is:
//! every figure and text as the PDF prints it, laid out by Word's own engine on the same
//! 22 × 28 grid, so that what a clerk types in Word stays on it.
//!
//! The page: A4, the GB/T 9704 margins, a line grid of 22 lines (linePitch 579 twips), and
//! the 28 characters carried by the styles: every paragraph (Normal included) sets 3号 text
//! condensed by 0.25 pt (15.75 pt a character, 28 of them in the 156 mm block) at an exact line
//! spacing of 579, so Word and LibreOffice set the same 22 × 28 page and a clerk's typing stays
//! on it. Headings, title and the rest are styles, so a clerk's new paragraph takes the
//! right one. docx-rs writes the package; `finish` adds what it cannot write (repeated table
//! headers, the Normal style's face, settings, the font table) and packs it reproducibly.

mod finish;
mod letter;
mod order;
mod parts;
mod seal;
mod styles;
mod upward;

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, Footer, PageMargin, PageOrientationType, PageSize,
    Paragraph, Run, SectionProperty,
};

use crate::plan::model::FontChoice;
use crate::render::view::View;

/// The faces the document names, by role: the office's own (the plan's `[fonts]` first, else
/// the names offices have), never the bundled ones, which Word would not find.
#[derive(Debug, Clone)]
pub struct Faces {
    pub title: String,
    pub body: String,
    pub hei: String,
    pub kai: String,
    pub song: String,
}

impl Faces {
    pub fn of(choice: &FontChoice) -> Self {
        let first = |list: &[String], default: &str| {
            list.first()
                .map_or_else(|| default.to_string(), |s| s.trim().to_string())
        };
        Faces {
            title: first(&choice.title, "方正小标宋简体"),
            body: first(&choice.body, "仿宋_GB2312"),
            hei: first(&choice.heading1, "黑体"),
            kai: first(&choice.heading2, "楷体_GB2312"),
            song: first(&choice.page_number, "宋体"),
        }
    }
}

// ── The page, in twips (1/20 pt) ──────────────────────────────────────
pub(crate) const PAPER_W: u32 = 11906;
pub(crate) const PAPER_H: u32 = 16838;
/// Top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: the 156 × 225 mm block.
const MARGIN: PageMargin = PageMargin {
    top: 2098,
    left: 1587,
    bottom: 1984,
    right: 1474,
    header: 851,
    // The page number 7 mm below the block, as the PDF prints it (measured on LibreOffice).
    footer: 1426,
    gutter: 0,
};
/// One line of the grid: 225 mm / 22.
pub(crate) const PITCH: i32 = 579;
/// One character cell of 3号 text (16 pt = 320 twips).
pub(crate) const CELL: i32 = 320;
/// The block's width (156 mm) and height (225 mm).
pub(crate) const BLOCK_W: u32 = 8845;
pub(crate) const BLOCK_H: u32 = 12756;

/// The line grid (22 lines of 579 twips). Not `linesAndChars`: LibreOffice 7.4 then sets
/// every line off its start and one character short (27, for every charSpace from −842 to
/// −2000, measured); the styles carry the 28 characters instead, in Word and LibreOffice alike.
fn grid() -> DocGrid {
    DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(PITCH as usize)
}

/// A portrait section: the GB/T 9704 page, its grid and the odd and even page numbers.
fn portrait() -> SectionProperty {
    SectionProperty::new()
        .page_size(PageSize::new().size(PAPER_W, PAPER_H))
        .page_margin(MARGIN)
        .doc_grid(grid())
        .footer(Footer::new(), "rIdFooter1")
        .even_footer(Footer::new(), "rIdFooter2")
}

/// A landscape section for the annexed tables: the paper turned, the block 225 × 156 mm
/// (the margins turned with it: the page numbers then run along the long edge, as Word sets
/// them; the PDF keeps them where the portrait pages have them).
fn landscape() -> SectionProperty {
    SectionProperty::new()
        .page_size(
            PageSize::new()
                .size(PAPER_H, PAPER_W)
                .orient(PageOrientationType::Landscape),
        )
        .page_margin(PageMargin {
            top: MARGIN.left,
            bottom: MARGIN.right,
            left: MARGIN.bottom,
            right: MARGIN.top,
            ..MARGIN
        })
        .footer(Footer::new(), "rIdFooter1")
        .even_footer(Footer::new(), "rIdFooter2")
}

/// "— n —" in 4号 宋体, one character in from the block's edge: right on odd pages, left on
/// even ones (GB/T 9704 §7.5).
fn page_number(faces: &Faces, odd: bool) -> Footer {
    use docx_rs::{FieldCharType, InstrPAGE, InstrText};
    let run = |r: Run| r.size(28).fonts(styles::face(&faces.song));
    let p = Paragraph::new()
        .style(styles::PAGE_NUMBER)
        .align(if odd {
            AlignmentType::Right
        } else {
            AlignmentType::Left
        })
        .add_run(run(Run::new().add_text("— ")))
        .add_run(run(Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false)))
        .add_run(run(Run::new().add_text(" —")));
    Footer::new().add_paragraph(parts::numbered(p))
}

/// A checked plan's notice as DOCX bytes.
pub fn render(checked: &crate::check::Checked) -> Result<Vec<u8>, crate::render::Failed> {
    let file = &checked.plan.value;
    let view = crate::render::view::build(file, &checked.figures, &checked.fonts);
    write(&view, &Faces::of(&file.fonts), &checked.seals)
}

/// A checked plan's annexed tables alone, on landscape pages (`annex -o table.docx`).
pub fn render_annex(checked: &crate::check::Checked) -> Result<Vec<u8>, crate::render::Failed> {
    let file = &checked.plan.value;
    let view = crate::render::view::build(file, &checked.figures, &checked.fonts);
    let faces = Faces::of(&file.fonts);
    parts::reset_ids();
    let mut doc = Docx::new();
    for s in styles::all(&faces) {
        doc = doc.add_style(s);
    }
    let mut body = parts::Body::new(&faces);
    for a in &view.annexes {
        body.annex(a, landscape());
    }
    for child in body.finish() {
        doc = match child {
            parts::Child::Paragraph(p) => doc.add_paragraph(*p),
            parts::Child::Table(t) => doc.add_table(*t),
        };
    }
    doc.document = doc.document.default_section_property(landscape());
    let doc = doc
        .footer(page_number(&faces, true))
        .even_footer(page_number(&faces, false));
    finish::finish(
        doc.build(),
        &faces,
        &vec![1; view.annexes.len()],
        false,
        None,
    )
}

/// The notice (and the 实施方案 and tables it issues) as DOCX bytes: the same bytes for the
/// same plan.
pub fn write(
    view: &View,
    faces: &Faces,
    seals: &[Option<Vec<u8>>],
) -> Result<Vec<u8>, crate::render::Failed> {
    parts::reset_ids();
    let mut doc = Docx::new();
    for s in styles::all(faces) {
        doc = doc.add_style(s);
    }
    let mut body = parts::Body::new(faces);
    body.seals = seals;
    body.notice(view);
    if let Some(s) = &view.scheme {
        body.scheme(s);
    }
    for a in &view.annexes {
        body.annex(a, portrait());
    }
    body.colophon(
        view,
        if view.annexes.is_empty() {
            portrait()
        } else {
            landscape()
        },
    );
    for child in body.finish() {
        doc = match child {
            parts::Child::Paragraph(p) => doc.add_paragraph(*p),
            parts::Child::Table(t) => doc.add_table(*t),
        };
    }
    // The last section, the 版记's: on an even page, without page numbers (`finish` gives it
    // footers of its own, empty).
    let mut last = portrait();
    last.section_type = Some(docx_rs::SectionType::EvenPage);
    doc.document = doc.document.default_section_property(last);
    let doc = doc
        .footer(page_number(faces, true))
        .even_footer(page_number(faces, false));
    let first_footer = (view.format == "letter").then(letter::first_footer);
    // The header rows of the document's tables, in order: a 联合行文's marks (none), then each
    // annex's one.
    let marks = !view.notice.joint_marks.is_empty() && view.format != "letter";
    let header_rows: Vec<usize> = std::iter::repeat_n(0, usize::from(marks))
        .chain(std::iter::repeat_n(1, view.annexes.len()))
        .collect();
    finish::finish(doc.build(), faces, &header_rows, true, first_footer)
}
