//! 信函格式 (GB/T 9704 §10.1) in the DOCX: the mark's top 30 mm from the paper's top — above
//! the block, so in a frame placed on the page — with a red double line (thick above thin)
//! 4 mm under it; another (thin above thick) 20 mm above the paper's bottom, also placed on
//! the page; both 170 mm long and centred. Page 1 has a footer of its own, empty: no number.
//! The 文号 stands flush right, 7/8 of a 3号 character under the first line.

use docx_rs::{
    BorderType, BuildXML, Footer, FrameProperty, LineSpacing, LineSpacingType, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, SectionProperty,
};

use super::parts::{RED, numbered};

/// Twips in a millimetre.
const MM: f64 = 1440.0 / 25.4;
/// The double lines: 170 mm, centred on the 210 mm paper.
const LINE_W: f64 = 170.0;
const LINE_X: f64 = (210.0 - LINE_W) / 2.0;
/// 1 mm + 0.8 mm + 0.35 mm, as the PDF draws it (`letter-rule-*` in gbt9704.typ).
const LINE_H: f64 = 2.15;
/// The double line's width in eighths of a point: Word divides a compound border's width
/// among its lines and gaps.
const LINE_SZ: usize = 48;
/// The relationship of the first page's footer (`finish` writes its part).
pub(super) const FIRST_FOOTER: &str = "rIdFooter4";

fn twips(mm: f64) -> i32 {
    (mm * MM).round() as i32
}

fn double(position: ParagraphBorderPosition, kind: BorderType, space: usize) -> ParagraphBorders {
    ParagraphBorders::with_empty().set(
        ParagraphBorder::new(position)
            .val(kind)
            .size(LINE_SZ)
            .space(space)
            .color(RED),
    )
}

fn framed(y: f64, h: Option<f64>) -> FrameProperty {
    FrameProperty {
        h_anchor: Some("page".into()),
        v_anchor: Some("page".into()),
        x: Some(twips(LINE_X)),
        y: Some(twips(y)),
        w: Some(twips(LINE_W) as u32),
        h: h.map(|h| twips(h) as u32),
        h_rule: h.map(|_| "exact".into()),
        wrap: Some("around".into()),
        ..Default::default()
    }
}

/// The mark's paragraph set on the page (with a second line in another script above it, as
/// a line of its own in the same paragraph), the first double line 4 mm under its text.
/// Lines of 28.8 pt, as the PDF sets the two (LibreOffice puts a baseline 4/5 down an exact
/// line: measured); the frame's top then puts the mark's glyphs' top at 30 mm.
pub(super) fn mark(p: Paragraph, second_line: bool) -> Paragraph {
    let top = if second_line { 26.83 } else { 29.93 };
    let mut p = p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(MARK_LINE),
    );
    p.property = p
        .property
        .frame_property(framed(top, None))
        .set_borders(double(
            ParagraphBorderPosition::Bottom,
            BorderType::ThickThinSmallGap,
            4,
        ));
    p
}

/// The title's extra space under the 文号 (twips): the PDF sets the 信函 title two blank
/// lines under the 文号's own line, which stands off the grid (measured on LibreOffice).
pub(super) const TITLE_EXTRA: i32 = 280;

/// The mark's lines (twips): the PDF's Yi line and mark stand 28.8 pt apart.
const MARK_LINE: i32 = 576;

/// The second double line on page 1, set on the page in a frame of its own (a footer's frame
/// is kept inside the footer's area by LibreOffice, which ends 25 mm above the paper's edge).
pub(super) fn lower_line() -> Paragraph {
    let mut p = Paragraph::new().add_run(Run::new()).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(20),
    );
    p.property = p
        .property
        .frame_property(framed(297.0 - 20.0 - LINE_H, Some(LINE_H)))
        .set_borders(double(
            ParagraphBorderPosition::Top,
            BorderType::ThinThickSmallGap,
            0,
        ));
    p
}

/// The space before the 文号 (from the block's top, 37 mm): under the first double line and
/// 7/8 of a 3号 character more, as the PDF sets it (measured on LibreOffice's rendering).
pub(super) const NUMBER_BEFORE: u32 = 80;

/// The first section's properties: page 1 takes the footer with the second double line.
pub(super) fn first_section(props: SectionProperty) -> SectionProperty {
    props.title_pg().first_footer(Footer::new(), FIRST_FOOTER)
}

/// The first page's footer: empty (no page number on page 1).
pub(super) fn first_footer() -> Vec<u8> {
    Footer::new()
        .add_paragraph(numbered(Paragraph::new()))
        .build()
}
