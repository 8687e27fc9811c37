//! The annexed tables in the DOCX: "附件" in 黑体, the title, 填报单位 and the unit, then the
//! table on landscape pages, its header row repeated on every page (`finish`), no row split.

use docx_rs::{
    AlignmentType, Paragraph, Run, SectionProperty, Table, TableCell, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

use super::{Body, Child, LAND_W, numbered};
use crate::docx::styles::{self, face};
use crate::render::view::{Align, AnnexView};
use crate::table::RowKind;

impl Body<'_> {
    /// An annexed table on landscape pages: "附件" in 黑体, the title, 填报单位 and the unit,
    /// then the table, its header row repeated on every page, no row split across pages.
    pub(in crate::docx) fn annex(&mut self, a: &AnnexView, before: SectionProperty) {
        let first = self.annexes == 0;
        self.annexes += 1;
        if first && !self.children.is_empty() {
            self.end_section(before);
        }
        let label = self
            .text(styles::FLUSH, &a.label)
            .fonts(face(&self.faces.hei))
            .page_break_before(!first);
        self.push(label);
        self.title(&a.title_lines, 1, 0);
        let unit = Paragraph::new()
            .style(styles::TABLE_NOTE)
            .add_run(Run::new().add_text(&a.filler))
            .add_run(Run::new().add_tab().add_text(&a.unit))
            .add_tab(
                docx_rs::Tab::new()
                    .val(docx_rs::TabValueType::Right)
                    .pos(LAND_W as usize),
            );
        self.push(unit);
        self.children.push(Child::Table(Box::new(self.table(a))));
    }

    fn table(&self, a: &AnnexView) -> Table {
        let total: u32 = a.columns.iter().map(|c| c.width).sum::<u32>().max(1);
        let widths: Vec<usize> = a
            .columns
            .iter()
            .map(|c| (u64::from(LAND_W) * u64::from(c.width) / u64::from(total)) as usize)
            .collect();
        let cell = |text: &str, width: usize, align: Align, bold: bool| {
            let mut run = Run::new().add_text(text);
            if bold {
                run = run.fonts(face(&self.faces.hei));
            }
            let align = match align {
                Align::Right => AlignmentType::Right,
                Align::Center => AlignmentType::Center,
                Align::Left => AlignmentType::Left,
            };
            TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(numbered(
                    Paragraph::new()
                        .style(styles::TABLE)
                        .align(align)
                        .add_run(run),
                ))
        };
        let head = TableRow::new(
            a.columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| cell(&c.title, *w, Align::Center, true))
                .collect(),
        )
        .cant_split();
        let mut rows = vec![head];
        for r in &a.rows {
            let bold = matches!(r.kind, RowKind::Total | RowKind::Category);
            rows.push(
                TableRow::new(
                    r.cells
                        .iter()
                        .zip(&a.columns)
                        .zip(&widths)
                        .map(|((t, c), w)| cell(t, *w, c.align, bold))
                        .collect(),
                )
                .cant_split(),
            );
        }
        Table::new(rows)
            .set_grid(widths)
            .layout(TableLayoutType::Fixed)
            .width(LAND_W as usize, WidthType::Dxa)
    }
}
