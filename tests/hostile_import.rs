//! Spreadsheets and files built to hurt (issue 25): a plan behind a link, a shared-strings
//! bomb, what a reviewer cannot see (hidden sheets, rows, columns, values under a merge),
//! terminal escapes in cells, a flood of findings, read-only files. Each is refused, named,
//! or bounded — and the plan is left as it was.

mod common;
use common::*;

use std::io::{Cursor, Read, Write};

/// `bytes` (an XLSX file) with each part whose name starts with `prefix` passed through `f`.
fn edit_part(bytes: &[u8], prefix: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        if name.starts_with(prefix) {
            text = f(String::from_utf8(text).unwrap()).into_bytes();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A sheet whose shared strings hold `text` (as index 0 of an extra string table entry)
/// used by `cells` cells of column K.
fn shared_bomb(text: &str, cells: u32) -> Vec<u8> {
    let sheet = spoiled(|ws| {
        ws.write_string(8, 10, "占位").unwrap();
    });
    let with_string = edit_part(&sheet, "xl/sharedStrings.xml", |xml| {
        xml.replace("</sst>", &format!("<si><t>{text}</t></si></sst>"))
    });
    // The index of the new string: one past the others.
    let mut count = 0;
    {
        let mut zip = zip::ZipArchive::new(Cursor::new(&with_string)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        count += xml.matches("<si>").count() - 1;
    }
    edit_part(&with_string, "xl/worksheets/", |xml| {
        let rows: String = (0..cells)
            .map(|i| {
                format!(
                    "<row r=\"{r}\"><c r=\"K{r}\" t=\"s\"><v>{count}</v></c></row>",
                    r = 20 + i
                )
            })
            .collect();
        xml.replace("</sheetData>", &format!("{rows}</sheetData>"))
    })
}

#[test]
fn a_shared_string_bomb_is_refused_before_it_is_copied_into_every_cell() {
    // One string past Excel's cell limit.
    let bytes = shared_bomb(&"峨".repeat(40_000), 1);
    let out = import_errors(&bytes);
    assert!(out.contains("超过 Excel 单元格的上限"), "{out}");
    // A string within the limit, used by so many cells that the copies pass 64 MiB: the file
    // itself stays small.
    let bytes = shared_bomb(&"x".repeat(30_000), 2_500);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let out = import_errors(&bytes);
    assert!(out.contains("文字合计超过 64 MiB"), "{out}");
}

#[test]
fn what_the_reviewer_cannot_see_is_refused_by_cell_or_sheet() {
    // The project's row hidden, its amount changed.
    let out = import_errors(&spoiled(|ws| {
        ws.write_number(5, 4, 1050.0).unwrap();
        ws.set_row_hidden(5).unwrap();
    }));
    assert!(out.contains("计划表!E6：在隐藏的第 6 行"), "{out}");
    // The amounts' column hidden.
    let out = import_errors(&spoiled(|ws| {
        ws.set_column_hidden(4).unwrap();
    }));
    assert!(out.contains("计划表!E6：在隐藏的列中"), "{out}");
    // 900 shows in the merged E6:E7; E7 under it still holds 1050.
    let sheet = spoiled(|ws| {
        ws.write_number(5, 4, 900.0).unwrap();
        ws.write_number(6, 4, 1050.0).unwrap();
    });
    let merged = edit_part(&sheet, "xl/worksheets/", |xml| {
        xml.replace(
            "</sheetData>",
            "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"E6:E7\"/></mergeCells>",
        )
    });
    let out = import_errors(&merged);
    assert!(
        out.contains("计划表!E7：被合并单元格盖住（看到的是 E6 的内容），却还有内容“1050”"),
        "{out}"
    );
    // A hidden (and a very hidden) sheet named 计划表 beside the visible one.
    for very in [false, true] {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let shown = wb.add_worksheet();
        shown.set_name("Sheet1").unwrap();
        shown.write_string(0, 0, "看得见的表").unwrap();
        let hidden = wb.add_worksheet();
        hidden.set_name("计划表").unwrap();
        hidden.write_string(0, 0, "项目名称").unwrap();
        if very {
            hidden.set_very_hidden(true);
        } else {
            hidden.set_hidden(true);
        }
        let out = import_errors(&wb.save_to_buffer().unwrap());
        assert!(out.contains("工作表“计划表”是隐藏的"), "{out}");
    }
}

#[test]
fn cell_text_reaches_the_terminal_escaped() {
    let out = import_errors(&spoiled(|ws| {
        ws.write_string(5, 4, "\u{1b}]0;pwned\u{7}\u{1b}[2J一千\u{202E}")
            .unwrap();
    }));
    assert!(out.contains("计划表!E6"), "{out}");
    assert!(
        !out.chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202E}'),
        "{out:?}"
    );
}

#[test]
fn a_hundred_thousand_bad_rows_print_a_bounded_list() {
    let out = import_errors(&spoiled(|ws| {
        for r in 6..100_006 {
            ws.write_string(r, 0, "2").unwrap();
            ws.write_string(r, 1, format!("第{r}号项目")).unwrap();
            ws.write_string(r, 4, "一千").unwrap();
        }
    }));
    let lines = out.lines().count();
    assert!(lines <= 60, "{lines} lines");
    assert!(out.contains("另有"), "{out}");
}

/// The plan and the roster, copied into a fresh folder.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["ebian-2023.toml", "ebian-roster.toml"] {
        std::fs::copy(root().join("plans").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[cfg(unix)]
#[test]
fn a_plan_behind_a_link_is_updated_where_it_lies_and_the_link_kept() {
    let dir = folder();
    let d = dir.path();
    std::os::unix::fs::symlink("ebian-2023.toml", d.join("link.toml")).unwrap();
    let o = gongwen_in(d, &["annex", "link.toml", "-o", "t.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The table changed: two amounts moved, the total unchanged.
    let plan = std::fs::read_to_string(d.join("ebian-2023.toml")).unwrap();
    let changed = plan
        .replacen("amount = 1000\n", "amount = 1001\n", 1)
        .replacen("amount = 950\n", "amount = 949\n", 1);
    std::fs::write(d.join("changed.toml"), &changed).unwrap();
    let o = gongwen_in(d, &["annex", "changed.toml", "-o", "t.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = gongwen_in(d, &["import", "t.xlsx", "--into", "link.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        std::fs::symlink_metadata(d.join("link.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let now = std::fs::read_to_string(d.join("ebian-2023.toml")).unwrap();
    assert!(
        now.contains("amount = 1001\n") && now.contains("amount = 949\n"),
        "{now}"
    );
}

#[cfg(unix)]
#[test]
fn read_only_plans_and_pdfs_are_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder();
    let d = dir.path();
    let o = gongwen_in(d, &["annex", "ebian-2023.toml", "-o", "t.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let plan = d.join("ebian-2023.toml");
    let changed = std::fs::read_to_string(&plan)
        .unwrap()
        .replacen("amount = 1000\n", "amount = 1001\n", 1)
        .replacen("amount = 950\n", "amount = 949\n", 1);
    std::fs::write(d.join("changed.toml"), changed).unwrap();
    gongwen_in(d, &["annex", "changed.toml", "-o", "t.xlsx"]);
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let o = gongwen_in(d, &["import", "t.xlsx", "--into", "ebian-2023.toml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("只读"), "{}", stdout(&o));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let pdf = d.join("issued.pdf");
    std::fs::write(&pdf, b"issued").unwrap();
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = gongwen_in(d, &["render", "changed.toml", "-o", "issued.pdf"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(std::fs::read(&pdf).unwrap(), b"issued");
}
