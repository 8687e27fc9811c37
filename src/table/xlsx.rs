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
pub(crate) const SHEET: &str = "计划表";
/// Rows above the header: title, then 填报单位 and unit.
pub(crate) const HEADER_ROW: u32 = 2;

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
pub(crate) fn cell_ref(sheet: &str, row: u32, col: u16) -> String {
    format!("{sheet}!{}{}", col_letter(col), row + 1)
}

fn to_f64(d: rust_decimal::Decimal) -> f64 {
    // The nearest binary float to the decimal's own text.
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// The sheet's cell formats, one per kind of cell.
struct Styles {
    title: Format,
    plain: Format,
    right: Format,
    header: Format,
    text: Format,
    centred: Format,
    bold: Format,
    amount: Format,
    amount_bold: Format,
}

impl Styles {
    /// Amounts show `scale` decimals, as in the PDF.
    fn new(scale: u32) -> Self {
        let border = |f: Format| {
            f.set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
        };
        let number = if scale == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(scale as usize))
        };
        let amount = Format::new()
            .set_num_format(&number)
            .set_align(FormatAlign::Right);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            plain: Format::new(),
            right: Format::new().set_align(FormatAlign::Right),
            header: border(Format::new().set_bold().set_align(FormatAlign::Center)),
            text: border(Format::new()),
            centred: border(Format::new().set_align(FormatAlign::Center)),
            bold: border(Format::new().set_bold()),
            amount_bold: border(amount.clone().set_bold()),
            amount: border(amount),
        }
    }
}

/// `=SUM(E5:E9)` over contiguous sheet rows (1-based), else `=SUM(E5,E8,…)`.
fn sum_formula(col: &str, rows: &[u32]) -> String {
    let contiguous = rows.windows(2).all(|w| w[1] == w[0] + 1);
    match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if contiguous => format!("=SUM({col}{a}:{col}{b})"),
        _ => {
            let cells: Vec<String> = rows.iter().map(|r| format!("{col}{r}")).collect();
            format!("=SUM({})", cells.join(","))
        }
    }
}

/// Writes the table as an XLSX file's bytes.
pub fn write(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let last = (table.columns.len() as u16).saturating_sub(1);
    let st = Styles::new(table.scale);

    ws.merge_range(0, 0, 0, last, &table.title, &st.title)?;
    if !table.filler.is_empty() {
        let filler = format!("填报单位（盖章）：{}", table.filler);
        ws.write_string_with_format(1, 0, filler, &st.plain)?;
    }
    ws.write_string_with_format(1, last, format!("单位：{}", table.unit), &st.right)?;
    for (c, col) in table.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, col.title(), &st.header)?;
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
            // Every money column's 合计 and 小计 are sums too (a project's value is its own).
            let is_source = table.columns[c as usize].column.adds_up();
            match (row.kind, cell) {
                // A row with parts is their sum, so edits in the sheet stay consistent.
                (kind, Cell::Amount(d))
                    if (is_amount || (is_source && kind != RowKind::Project))
                        && !table.parts(i).is_empty() =>
                {
                    let rows: Vec<u32> = table
                        .parts(i)
                        .iter()
                        .map(|j| first + *j as u32 + 1)
                        .collect();
                    let f = Formula::new(sum_formula(&col_letter(c), &rows))
                        .set_result(table.amount(*d));
                    let format = if kind == RowKind::Project {
                        &st.amount
                    } else {
                        &st.amount_bold
                    };
                    ws.write_formula_with_format(r, c, f, format)?;
                }
                (_, Cell::Amount(d)) => {
                    ws.write_number_with_format(r, c, to_f64(*d), &st.amount)?;
                }
                (_, Cell::Number(k)) => {
                    ws.write_number_with_format(r, c, *k as f64, &st.centred)?;
                }
                (RowKind::Project | RowKind::Item, Cell::Text(t)) => {
                    ws.write_string_with_format(r, c, t, &st.text)?;
                }
                (_, Cell::Text(t)) => {
                    ws.write_string_with_format(r, c, t, &st.bold)?;
                }
                (_, Cell::Empty) => {
                    ws.write_blank(r, c, &st.text)?;
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

    #[test]
    fn sums_name_a_range_when_the_rows_touch_and_each_cell_when_not() {
        assert_eq!(sum_formula("E", &[5, 6, 7]), "=SUM(E5:E7)");
        assert_eq!(sum_formula("E", &[5]), "=SUM(E5:E5)");
        assert_eq!(sum_formula("F", &[4, 9, 12]), "=SUM(F4,F9,F12)");
    }
}
