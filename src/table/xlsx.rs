//! The project table as an XLSX workbook for Excel and WPS: the same rows as the PDF annex,
//! subtotals and 合计 as SUM formulas (so edits in the spreadsheet stay consistent), one
//! number format, merged title, widths, frozen and print-repeated header, landscape A4.
//!
//! Spreadsheets hold numbers as binary floats: an amount crosses into the workbook as the
//! nearest f64 to its decimal text and comes back through its shortest decimal text, which
//! is exact for amounts of at most 15 significant digits (up to 10^9 万元 at 4 decimals).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, XlsxError};

use super::{Cell, RowKind, Table};
use crate::plan::model::Column;

/// The sheet's name, which `import` looks for first.
pub const SHEET: &str = "计划表";
/// Rows above the header: title, then 填报单位 and unit.
pub const HEADER_ROW: u32 = 2;

/// "A", …, "Z", "AA" …
pub fn col_letter(mut col: u16) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s
}

/// "计划表!E7" style reference (0-based row and column).
pub fn cell_ref(sheet: &str, row: u32, col: u16) -> String {
    format!("{sheet}!{}{}", col_letter(col), row + 1)
}

fn to_f64(d: rust_decimal::Decimal) -> f64 {
    // The nearest binary float to the decimal's own text.
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// Writes the table as an XLSX file's bytes.
pub fn write(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let n = table.columns.len() as u16;
    let last = n.saturating_sub(1);
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
    };
    let number = if table.scale == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(table.scale as usize))
    };
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let plain = Format::new();
    let right = Format::new().set_align(FormatAlign::Right);
    let header = border(Format::new().set_bold().set_align(FormatAlign::Center));
    let text = border(Format::new());
    let centred = border(Format::new().set_align(FormatAlign::Center));
    let bold = border(Format::new().set_bold());
    let amount = border(
        Format::new()
            .set_num_format(&number)
            .set_align(FormatAlign::Right),
    );
    let amount_bold = border(
        Format::new()
            .set_num_format(&number)
            .set_align(FormatAlign::Right)
            .set_bold(),
    );

    ws.merge_range(0, 0, 0, last, &table.title, &title)?;
    if !table.filler.is_empty() {
        ws.write_string_with_format(1, 0, format!("填报单位（盖章）：{}", table.filler), &plain)?;
    }
    ws.write_string_with_format(1, last, format!("单位：{}", table.unit), &right)?;
    for (c, col) in table.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, col.title(), &header)?;
        ws.set_column_width(c as u16, f64::from(table.widths[c]) * 2.2)?;
    }
    let amount_col = table
        .columns
        .iter()
        .position(|c| c.column == Column::Amount)
        .map(|c| c as u16);

    let first = HEADER_ROW + 1;
    for (i, row) in table.rows.iter().enumerate() {
        let r = first + i as u32;
        for (c, cell) in row.cells.iter().enumerate() {
            let c = c as u16;
            let is_amount = Some(c) == amount_col;
            // A source column's 合计 and 小计 are sums too (a project's share is its own).
            let is_source = matches!(table.columns[c as usize].column, Column::Source(_));
            match (row.kind, cell) {
                // A row with parts is their sum, so edits in the sheet stay consistent.
                (kind, Cell::Amount(d))
                    if (is_amount || (is_source && kind != RowKind::Project))
                        && !table.parts(i).is_empty() =>
                {
                    let col = col_letter(c);
                    let rows: Vec<u32> = table
                        .parts(i)
                        .iter()
                        .map(|j| first + *j as u32 + 1)
                        .collect();
                    let contiguous = rows.windows(2).all(|w| w[1] == w[0] + 1);
                    let sum = match (rows.first(), rows.last()) {
                        (Some(a), Some(b)) if contiguous => format!("=SUM({col}{a}:{col}{b})"),
                        _ => {
                            let cells: Vec<String> =
                                rows.iter().map(|r| format!("{col}{r}")).collect();
                            format!("=SUM({})", cells.join(","))
                        }
                    };
                    let f = Formula::new(sum).set_result(table.amount(*d));
                    let format = if kind == RowKind::Project {
                        &amount
                    } else {
                        &amount_bold
                    };
                    ws.write_formula_with_format(r, c, f, format)?;
                }
                (_, Cell::Amount(d)) => {
                    ws.write_number_with_format(r, c, to_f64(*d), &amount)?;
                }
                (_, Cell::Number(k)) => {
                    ws.write_number_with_format(r, c, *k as f64, &centred)?;
                }
                (RowKind::Project | RowKind::Item, Cell::Text(t)) => {
                    ws.write_string_with_format(r, c, t, &text)?;
                }
                (_, Cell::Text(t)) => {
                    ws.write_string_with_format(r, c, t, &bold)?;
                }
                (_, Cell::Empty) => {
                    ws.write_blank(r, c, &text)?;
                }
            }
        }
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(4), "E");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(cell_ref("计划表", 6, 4), "计划表!E7");
    }
}
