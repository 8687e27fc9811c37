//! 联合行文 in the DOCX, as the PDF sets it (GB/T 9704 §7.2.4, §7.3.5): the offices' names
//! stacked in the 版头, "文件" right of them in a table without borders, centred on them;
//! the 署名 one under the other (unsealed), or each centred under its seal in a row, the last
//! over the date (sealed: the seals float over the names, one row of them).

use docx_rs::{
    AlignmentType, Paragraph, Table, TableBorders, TableCell, TableRow, VAlignType, WidthType,
};

use super::{Body, Child, numbered, width};
use crate::docx::seal::{SEAL_STEP_TWIPS, SEAL_TWIPS};
use crate::docx::styles;
use crate::docx::{BLOCK_W, CELL};
use crate::render::view::NoticeView;

/// Twips a 26 pt mark character takes, and a table cell's margin on each side.
const MARK_CHAR: usize = 520;
const CELL_MARGIN: usize = 108;

impl Body<'_> {
    /// The stacked marks, with "文件" in a cell of its own right of them.
    pub(super) fn joint_marks(&mut self, n: &NoticeView) -> Table {
        // Each cell as wide as its text, with the cell's margins (108 twips each side).
        let widest = n
            .joint_marks
            .iter()
            .map(|m| m.chars().count())
            .max()
            .unwrap_or(1)
            * MARK_CHAR
            + 2 * CELL_MARGIN;
        let names = TableCell::new()
            .width(widest, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .clear_all_border();
        let names = n.joint_marks.iter().fold(names, |cell, m| {
            cell.add_paragraph(numbered(
                self.text(styles::MARK, m).align(AlignmentType::Distribute),
            ))
        });
        let mut cells = vec![names];
        let mut grid = vec![widest];
        if let Some(word) = &n.mark_word {
            let w = MARK_CHAR * (word.chars().count() + 1) + 2 * CELL_MARGIN;
            grid.push(w);
            cells.push(
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .clear_all_border()
                    .add_paragraph(numbered(self.text(styles::MARK, word))),
            );
        }
        Table::new(vec![TableRow::new(cells)])
            .set_grid(grid.clone())
            .width(grid.iter().sum(), WidthType::Dxa)
            .layout(docx_rs::TableLayoutType::Fixed)
            .set_borders(TableBorders::with_empty())
            .align(docx_rs::TableAlignmentType::Center)
    }

    /// The 署名 of several offices and the date (§7.3.5.2 unsealed, §7.3.5.1 sealed).
    pub(super) fn joint_signature(&mut self, n: &NoticeView) {
        let names: Vec<&str> = std::iter::once(n.signer.as_str())
            .chain(n.joint.iter().map(|j| j.signer.as_str()))
            .collect();
        let dw = width(&n.date);
        let right = BLOCK_W as i32;
        if !n.sealed {
            // Each name ends where the longest does; the date as for the longest.
            let widest = names.iter().map(|s| width(s)).max().unwrap_or(0);
            let two = 2 * CELL;
            let (end, date_x) = if widest >= dw + two {
                (right - two, right - widest)
            } else {
                (right - two - dw, right - two - dw)
            };
            for (i, s) in names.iter().enumerate() {
                let p = self
                    .text(styles::FLUSH, s)
                    .indent(Some(end - width(s)), None, None, None);
                let p = if i == 0 { Self::lines_before(p, 1) } else { p };
                self.push(p.keep_next(true));
            }
            self.push(
                self.text(styles::FLUSH, &n.date)
                    .indent(Some(date_x), None, None, None),
            );
            return;
        }
        // Rows of names, each centred under its seal (tab stops at the seals' centres), as many
        // to a row as the block holds from the date leftwards, the last row holding the rest,
        // so that the last seal is over the date, four characters from the right; rows five
        // lines apart, as the PDF sets them.
        let centre = right - 4 * CELL - dw / 2;
        let step = SEAL_STEP_TWIPS;
        let per_row = ((centre - SEAL_TWIPS / 2) / step + 1).max(1) as usize;
        // The rows fill from the top; the last holds the rest.
        let mut at = 0;
        for (r, row_names) in names.chunks(per_row).enumerate() {
            let count = row_names.len() as i32;
            let mut row = Paragraph::new().style(styles::FLUSH);
            for (j, s) in row_names.iter().enumerate() {
                let c = centre - (count - 1 - j as i32) * step;
                row = row
                    .add_tab(
                        docx_rs::Tab::new()
                            .val(docx_rs::TabValueType::Center)
                            .pos(c.max(0) as usize),
                    )
                    .add_run(docx_rs::Run::new().add_tab().add_text(*s));
                let png = self.seals.get(at + j).and_then(Option::as_deref);
                row = crate::docx::seal::with_seal_at(row, c, png);
            }
            at += row_names.len();
            let blank = if r == 0 { 2 } else { 4 };
            self.push(Self::lines_before(row, blank).keep_next(true));
        }
        self.push(
            self.text(styles::SIGNATURE, &n.date)
                .indent(None, None, Some(4 * CELL), None),
        );
    }

    /// The marks' table in the children, where the mark's paragraph would stand.
    pub(super) fn push_table(&mut self, t: Table) {
        self.children.push(Child::Table(Box::new(t)));
    }
}
