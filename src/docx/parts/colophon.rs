//! The end of the notice in the DOCX: the 信息公开 line and the 版记 on a page of their own.

use docx_rs::{
    LineSpacing, LineSpacingType, Paragraph, Run, SectionProperty, Table, TableCell,
    TableCellBorder, TableCellBorderPosition, TableCellBorders, TableLayoutType, TableRow,
    WidthType,
};

use super::{Body, Child, numbered};
use crate::docx::styles::{self, face};
use crate::docx::{BLOCK_W, PITCH};
use crate::render::view::{ColophonView, View};

/// The height of the paragraph that closes the document (twips).
const END: i32 = 20;

impl Body<'_> {
    /// The end: the 信息公开 line and the 版记 at the foot of an even page of its own (a
    /// blank page first when the content ends on an even page), with its rules: 0.35 mm
    /// first and last, 0.25 mm between (none in 信函格式).
    /// `last` ends the section before it (the tables' landscape one, or the portrait one);
    /// the 版记's own is the document's last, which starts on an even page.
    pub(in crate::docx) fn colophon(&mut self, view: &View, last: SectionProperty) {
        self.end_section(last);
        let c = &view.colophon;
        let rules = view.format == "file";
        let rows = self.colophon_rows(c, rules);
        // The 版记's page holds nothing else: a spacer sets the table's last line on the
        // block's last line (a floating table at the foot is placed at the top by
        // LibreOffice). Its height: the block less the table's lines and the closing mark.
        let cc_lines = c.cc.as_deref().map_or(0, |t| {
            let w: i32 = t
                .chars()
                .map(|ch| if ch.is_ascii() { 140 } else { 280 })
                .sum();
            (w + BLOCK_W as i32 - 561) / (BLOCK_W as i32 - 560)
        });
        let rows_high = (1 + i32::from(rules) + cc_lines) * PITCH;
        // (Less 404 twips: the PDF's 版记 ends with its rule at the block's last baseline.)
        let spacer = crate::docx::BLOCK_H as i32 - rows_high - 2 * END - 404;
        self.push(
            Paragraph::new().style(styles::FLUSH).line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(spacer.max(PITCH)),
            ),
        );
        let table = Table::without_borders(rows)
            .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0))
            .set_grid(vec![BLOCK_W as usize])
            .layout(TableLayoutType::Fixed)
            .width(BLOCK_W as usize, WidthType::Dxa);
        self.children.push(Child::Table(Box::new(table)));
        // The document ends with a paragraph (Word's rule): one of no height to speak of,
        // so it stays on the 版记's page.
        let end = Paragraph::new().style(styles::FLUSH).size(2).line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(END),
        );
        self.push(end);
    }

    /// The 版记's rows: the 信息公开 line, the 抄送 and the 印发 line, each with its rules
    /// (`rules`: 文件格式; 信函格式 has none).
    fn colophon_rows(&self, c: &ColophonView, rules: bool) -> Vec<TableRow> {
        let thick = 8; // eighths of a point: 0.35 mm
        let thin = 6; // 0.25 mm
        let border = |pos, size| {
            TableCellBorder::new(pos)
                .size(size)
                .color("000000")
                .border_type(docx_rs::BorderType::Single)
        };
        let cell = |p: Paragraph, top: Option<usize>, bottom: Option<usize>| {
            let mut b = TableCellBorders::with_empty();
            if let (true, Some(s)) = (rules, top) {
                b = b.set(border(TableCellBorderPosition::Top, s));
            }
            if let (true, Some(s)) = (rules, bottom) {
                b = b.set(border(TableCellBorderPosition::Bottom, s));
            }
            TableCell::new()
                .width(BLOCK_W as usize, WidthType::Dxa)
                .set_borders(b)
                .add_paragraph(numbered(p))
        };
        let mut rows = vec![TableRow::new(vec![cell(
            self.text(styles::FLUSH, &c.disclosure)
                .fonts(face(&self.faces.hei)),
            None,
            None,
        )])];
        let line = |text: &str| self.text(styles::COLOPHON, text);
        if let Some(cc) = &c.cc {
            rows.push(TableRow::new(vec![cell(line(cc), Some(thick), Some(thin))]));
        }
        let printed = Paragraph::new()
            .style(styles::COLOPHON)
            .add_run(Run::new().add_text(&c.printed_by))
            .add_run(Run::new().add_tab().add_text(&c.issue_date))
            .add_tab(
                docx_rs::Tab::new()
                    .val(docx_rs::TabValueType::Right)
                    .pos((BLOCK_W as i32 - 2 * 280) as usize),
            );
        // 信函格式: no 印发机关 and 印发日期 (GB/T 9704 §10.1), as in the PDF.
        let first_rule = if c.cc.is_some() { None } else { Some(thick) };
        if rules {
            rows.push(TableRow::new(vec![cell(printed, first_rule, Some(thick))]));
        }
        rows
    }
}
