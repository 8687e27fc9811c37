//! The document's paragraph styles: each part of a 公文 is a style (a clerk's new paragraph
//! takes the right face and grid), and the headings are Word's own heading styles.

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style, StyleType,
};

use super::{CELL, Faces, PITCH};

pub(super) const BODY: &str = "GwBody";
pub(super) const FLUSH: &str = "GwFlush";
pub(super) const TITLE: &str = "GwTitle";
pub(super) const MARK: &str = "GwMark";
pub(super) const SIGNATURE: &str = "GwSignature";
pub(super) const TABLE: &str = "GwTable";
pub(super) const TABLE_NOTE: &str = "GwTableNote";
pub(super) const COLOPHON: &str = "GwColophon";
pub(super) const PAGE_NUMBER: &str = "GwPageNumber";
const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];

/// The style of a heading of `level` (1 一、 黑体, 2 （一） 楷体, 3 1. and 4 （1） the body face).
pub(super) fn heading(level: u8) -> &'static str {
    HEADINGS[usize::from(level.clamp(1, 4)) - 1]
}

/// A face for every script of a run (digits and Latin in the same face as the Chinese).
pub(super) fn face(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .hint("eastAsia")
}

/// Lines of the grid: exactly one pitch (the styles carry the grid for programs that size
/// its cell otherwise).
fn grid_lines() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(PITCH)
        .before(0)
        .after(0)
}

/// 3号 text on the grid: 16 pt condensed by 0.25 pt, 28 to a line.
fn on_grid(id: &str, name: &str, face_name: &str) -> Style {
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .q_format(true)
        .fonts(face(face_name))
        .size(32)
        .snap_to_grid(false)
        .line_spacing(grid_lines())
        .align(AlignmentType::Both);
    s.run_property = s.run_property.character_spacing(-5);
    s
}

pub(super) fn all(f: &Faces) -> Vec<Style> {
    let first_line = |s: Style| {
        s.indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(2 * CELL)),
            None,
            None,
        )
    };
    let mut out = vec![
        first_line(on_grid(BODY, "公文正文", &f.body)).next(BODY),
        on_grid(FLUSH, "公文顶格", &f.body).align(AlignmentType::Left),
        on_grid(SIGNATURE, "署名和日期", &f.body).align(AlignmentType::Right),
        Style::new(TITLE, StyleType::Paragraph)
            .name("公文标题")
            .based_on("Normal")
            .next(BODY)
            .q_format(true)
            .fonts(face(&f.title))
            .size(44)
            .snap_to_grid(false)
            .line_spacing(grid_lines())
            .align(AlignmentType::Center),
        Style::new(MARK, StyleType::Paragraph)
            .name("发文机关标志")
            .based_on("Normal")
            .fonts(face(&f.title))
            .size(52)
            .bold()
            .color(super::parts::RED)
            .snap_to_grid(false)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(624),
            )
            .align(AlignmentType::Center),
        Style::new(TABLE, StyleType::Paragraph)
            .name("表格文字")
            .based_on("Normal")
            .fonts(face(&f.body))
            .size(18)
            .snap_to_grid(false)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            ),
        Style::new(TABLE_NOTE, StyleType::Paragraph)
            .name("表格说明")
            .based_on("Normal")
            .fonts(face(&f.body))
            .size(28)
            .snap_to_grid(false),
        Style::new(COLOPHON, StyleType::Paragraph)
            .name("版记")
            .based_on("Normal")
            .fonts(face(&f.body))
            .size(28)
            .snap_to_grid(false)
            .line_spacing(grid_lines())
            .indent(Some(280), None, Some(280), None),
        Style::new(PAGE_NUMBER, StyleType::Paragraph)
            .name("页码")
            .based_on("Normal")
            .fonts(face(&f.song))
            .size(28)
            .snap_to_grid(false)
            .indent(Some(280), None, Some(280), None),
    ];
    for (i, (id, face_name)) in HEADINGS
        .iter()
        .zip([&f.hei, &f.kai, &f.body, &f.body])
        .enumerate()
    {
        out.push(
            first_line(on_grid(id, &format!("heading {}", i + 1), face_name))
                .outline_lvl(i)
                .next(BODY),
        );
    }
    out
}
