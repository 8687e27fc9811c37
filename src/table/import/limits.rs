//! Limits on a spreadsheet from another office, checked before it is parsed.

use std::io::Cursor;

use calamine::Xlsx;

/// Limits on a spreadsheet from another office, checked before it is parsed: a 9 KB file can
/// inflate to gigabytes, or hold one cell at XFD1048576 for which the parser would allocate
/// the whole grid. A plan of 10,000 projects takes about 10,100 rows, 12 columns and 5 MB.
pub(super) const MAX_INFLATED: u64 = 64 * 1024 * 1024;
pub(super) const MAX_ROWS: u32 = 200_000;
pub(super) const MAX_COLUMNS: u32 = 100;
/// Excel's own limit for the text of one cell, in characters.
pub(super) const MAX_CELL_CHARS: usize = 32_767;
/// The text of all cells together, counted as read (a shared string once per cell that uses
/// it: a 30 MB string used by 150,000 cells is 4.5 TB to the parser, not 30 MB).
pub(super) const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

pub(super) fn broken(e: impl std::fmt::Display) -> String {
    format!("表格文件已损坏，读不出来（{e}）：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
}

/// Inflates every part of the file, counting, and refuses it past [`MAX_INFLATED`] (the sizes
/// a zip declares may lie).
pub(super) fn check_inflated(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("不是可读的 XLSX 表格：{e}"))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(broken)?;
        let left = MAX_INFLATED.saturating_sub(total);
        total += std::io::copy(
            &mut std::io::Read::take(entry, left + 1),
            &mut std::io::sink(),
        )
        .map_err(broken)?;
        if total > MAX_INFLATED {
            return Err(format!(
                "表格文件解压后超过 {} MiB，不像是一张计划表：请只保留计划表这一张工作表后另存再导入",
                MAX_INFLATED / 1024 / 1024
            ));
        }
    }
    Ok(())
}

/// Refuses a sheet whose declared size or any cell lies beyond the limits, by streaming its
/// cells (nothing is allocated for the grid).
pub(super) fn check_extent(wb: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<(), String> {
    let too_far = |row: u32, col: u32| {
        (row >= MAX_ROWS || col >= MAX_COLUMNS).then(|| {
            format!(
                "工作表“{sheet}”用到了第 {} 行第 {} 列，超出一张计划表的范围（至多 {MAX_ROWS} 行、{MAX_COLUMNS} 列）：请删去表格以外的内容后另存再导入",
                row + 1,
                col + 1
            )
        })
    };
    let mut cells = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| format!("工作表“{sheet}”读不出来：{e}"))?;
    let declared = cells.dimensions().end;
    if let Some(e) = too_far(declared.0, declared.1) {
        return Err(e);
    }
    let mut text = 0usize;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| format!("工作表“{sheet}”读不出来：{e}"))?
    {
        let (row, col) = cell.get_position();
        if let Some(e) = too_far(row, col) {
            return Err(e);
        }
        let s = match cell.get_value() {
            calamine::DataRef::SharedString(s) => *s,
            calamine::DataRef::String(s) => s.as_str(),
            _ => "",
        };
        if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
            return Err(format!(
                "{}：一个单元格里有 {} 个字，超过 Excel 单元格的上限 {MAX_CELL_CHARS}：请删去这些文字后另存再导入",
                crate::table::xlsx::cell_ref(sheet, row, col as u16),
                s.chars().count()
            ));
        }
        text += s.len();
        if text > MAX_TEXT_BYTES {
            return Err(format!(
                "工作表“{sheet}”中的文字合计超过 {} MiB，不像是一张计划表：请只保留计划表的内容后另存再导入",
                MAX_TEXT_BYTES / 1024 / 1024
            ));
        }
    }
    Ok(())
}
