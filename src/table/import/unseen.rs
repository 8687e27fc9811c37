//! What a reviewer of a spreadsheet cannot see: a hidden sheet, hidden rows and columns, a
//! value under a merged cell. None is imported silently: the import is refused, naming the
//! sheet or the cells, so the clerk unhides it and looks before importing.

use std::io::{Cursor, Read};

use calamine::{Data, Dimensions, Range, SheetVisible};
use quick_xml::events::Event;

use crate::table::xlsx::cell_ref;

/// The sheet to read: the table's own sheet (`preferred`) when it is visible, else the first
/// visible sheet. A hidden sheet of the table's name is refused: it would be taken instead of
/// the one the reviewer saw.
pub(super) fn sheet_to_read(meta: &[calamine::Sheet], preferred: &str) -> Result<String, String> {
    let visible = |s: &&calamine::Sheet| s.visible == SheetVisible::Visible;
    if let Some(s) = meta.iter().find(|s| s.name == preferred && !visible(s)) {
        return Err(format!(
            "工作表“{}”是隐藏的：隐藏的内容不导入。请在 Excel 或 WPS 中取消隐藏、核对后再导入",
            s.name
        ));
    }
    meta.iter()
        .filter(visible)
        .find(|s| s.name == preferred)
        .or_else(|| meta.iter().find(visible))
        .map(|s| s.name.clone())
        .ok_or_else(|| "表格中没有看得见的工作表".to_string())
}

/// The hidden rows and columns (0-based) of sheet `name`, from its XML.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Hidden {
    pub rows: Vec<u32>,
    pub columns: Vec<(u32, u32)>,
}

/// Reads the hidden rows and column ranges of the sheet called `name` in an XLSX file.
pub(super) fn hidden_lines(bytes: &[u8], name: &str) -> Result<Hidden, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(super::limits::broken)?;
    let mut part = |path: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(path).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let (Some(book), Some(rels)) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    else {
        return Ok(Hidden::default());
    };
    let id = tags(&book, "sheet")
        .into_iter()
        .find(|a| attr(a, "name").as_deref() == Some(name))
        .and_then(|a| attr(&a, "r:id"));
    let target = tags(&rels, "Relationship")
        .into_iter()
        .find(|a| attr(a, "Id") == id)
        .and_then(|a| attr(&a, "Target"));
    let Some(target) = target else {
        return Ok(Hidden::default());
    };
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let Some(sheet) = part(&path) else {
        return Ok(Hidden::default());
    };
    let hidden =
        |a: &Vec<(String, String)>| matches!(attr(a, "hidden").as_deref(), Some("1" | "true"));
    let number =
        |a: &Vec<(String, String)>, k: &str| attr(a, k).and_then(|v| v.parse::<u32>().ok());
    Ok(Hidden {
        rows: tags(&sheet, "row")
            .iter()
            .filter(|a| hidden(a))
            .filter_map(|a| number(a, "r").map(|r| r.saturating_sub(1)))
            .collect(),
        columns: tags(&sheet, "col")
            .iter()
            .filter(|a| hidden(a))
            .filter_map(|a| {
                Some((
                    number(a, "min")?.saturating_sub(1),
                    number(a, "max")?.saturating_sub(1),
                ))
            })
            .collect(),
    })
}

/// The attributes of every element called `local` (any prefix), in order.
fn tags(xml: &str, local: &str) -> Vec<Vec<(String, String)>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => {
                out.push(
                    e.attributes()
                        .flatten()
                        .map(|a| {
                            let key = a.key.as_ref().to_string();
                            let value = a.value.to_string();
                            (key, value)
                        })
                        .collect(),
                );
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn attr(attrs: &[(String, String)], key: &str) -> Option<String> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// Every cell with a value the reviewer does not see: in a hidden row or column, or under a
/// merged cell (not its top-left one). One message each, naming the cell.
pub(super) fn unseen_cells(
    sheet: &str,
    range: &Range<Data>,
    merged: &[Dimensions],
    hidden: &Hidden,
) -> Vec<String> {
    let mut out = Vec::new();
    for (r, c, value) in range.used_cells() {
        let (row, col) = (
            range.start().map_or(0, |s| s.0) + r as u32,
            range.start().map_or(0, |s| s.1) + c as u32,
        );
        if matches!(value, Data::Empty) {
            continue;
        }
        let at = cell_ref(sheet, row, col as u16);
        let shown = super::cells::text_of(value);
        if hidden.rows.contains(&row) {
            out.push(format!("{at}：在隐藏的第 {} 行，却有内容“{shown}”：隐藏的内容不导入，请取消隐藏、核对后再导入", row + 1));
        } else if hidden.columns.iter().any(|(a, b)| (*a..=*b).contains(&col)) {
            out.push(format!(
                "{at}：在隐藏的列中，却有内容“{shown}”：隐藏的内容不导入，请取消隐藏、核对后再导入"
            ));
        } else if let Some(m) = merged.iter().find(|m| {
            (m.start.0..=m.end.0).contains(&row)
                && (m.start.1..=m.end.1).contains(&col)
                && (row, col) != m.start
        }) {
            let top = cell_ref(sheet, m.start.0, m.start.1 as u16);
            out.push(format!(
                "{at}：被合并单元格盖住（看到的是 {} 的内容），却还有内容“{shown}”：请取消合并、核对后再导入",
                top.rsplit('!').next().unwrap_or(&top)
            ));
        }
    }
    out
}
