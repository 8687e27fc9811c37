//! The annex table: landscape pages inside the notice (head to the left, header on every page,
//! no split rows, numbers in portrait places), `gongwen annex` to PDF and XLSX, and
//! `gongwen import` back, with cell-referenced errors on bad spreadsheets.

mod common;
use common::*;

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use gongwen::check::{CheckOptions, check_loaded, check_path};
use gongwen::plan::{PlanFile, load_str};
use gongwen::render::{RenderOptions, render};
use gongwen::table::{Table, import, xlsx};
use gongwen_testing::inspect::{PageView, pages};
use gongwen_testing::synth::plan_with_long_projects;

fn checked_from(name: &str, src: &str) -> gongwen::check::Checked {
    let outcome = check_loaded(load_str(name, src).unwrap(), &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{:#?}", outcome.reports[0].diags);
    outcome.into_checked().unwrap()
}

/// The pages of the notice that carry the table (they hold its header row).
fn annex_pages(pages: &[PageView]) -> Vec<(usize, &PageView)> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.runs.iter().any(|r| r.text == "项目建设规模和内容"))
        .map(|(i, p)| (i + 1, p))
        .collect()
}

fn check_annex_pages(pages: &[PageView]) -> usize {
    let annex = annex_pages(pages);
    assert!(!annex.is_empty());
    for (n, page) in &annex {
        // Portrait pages: the page number stays in its portrait place and keeps counting.
        assert!(page.width < page.height, "p{n} is portrait");
        let number = page
            .runs
            .iter()
            .find(|r| r.text == format!("— {n} —"))
            .expect("page number");
        assert!((number.dir.0 - 1.0).abs() < 1e-6, "page number upright");
        // The table is turned with its head toward the page's left edge on every page: the
        // binding edge of an odd page, the outer edge of an even one (GB/T 9704 §8).
        let head = page
            .runs
            .iter()
            .find(|r| r.text == "项目建设规模和内容")
            .unwrap();
        let table_runs: Vec<_> = page.runs.iter().filter(|r| r.size == 9.0).collect();
        assert!(
            table_runs
                .iter()
                .all(|r| r.dir.0.abs() < 1e-6 && (r.dir.1 + 1.0).abs() < 1e-6),
            "p{n} runs upwards"
        );
        assert!(head.x < page.width / 2.0, "p{n}: head toward the left edge");
        // Inside the portrait block.
        for r in &table_runs {
            assert!(
                r.x > 28.0 * 72.0 / 25.4 - 1.0 && r.x < 184.0 * 72.0 / 25.4 + 1.0,
                "p{n} x {}",
                r.x
            );
        }
    }
    annex.len()
}

/// No page of the table ends with a category row: it moves on with its projects.
fn assert_no_orphan_category(pages: &[PageView], file: &PlanFile) {
    let labels: Vec<String> = file
        .plan
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}{}", gongwen::plan::numbering::number(2, i + 1), c.name))
        .collect();
    let annex = annex_pages(pages);
    for (k, (n, page)) in annex.iter().enumerate() {
        if k + 1 == annex.len() {
            continue;
        }
        let runs: Vec<_> = page.runs.iter().filter(|r| r.size == 9.0).collect();
        // Rows run left to right on odd pages (turned −90°), right to left on even ones:
        // the last line of the page is the run furthest along, with any on the same line.
        let key = |x: f64| if n % 2 == 1 { x } else { -x };
        let end = runs.iter().map(|r| key(r.x)).fold(f64::MIN, f64::max);
        let last_line: Vec<&str> = runs
            .iter()
            .filter(|r| (key(r.x) - end).abs() < 1.0)
            .map(|r| r.text.as_str())
            .collect();
        assert!(
            !last_line.iter().any(|t| labels.iter().any(|l| l == t)),
            "p{n} ends with a category row: {last_line:?}"
        );
    }
}

/// Every project row lies on one page: the first line of its name cell and the last line
/// of its 利益联结 cell are on the same page.
fn assert_rows_whole(pages: &[PageView], file: &PlanFile) {
    let annex = annex_pages(pages);
    let pages_where = |min: usize, test: &dyn Fn(&str) -> bool| -> Vec<usize> {
        annex
            .iter()
            .filter(|(_, p)| {
                p.runs
                    .iter()
                    .any(|r| r.size == 9.0 && r.text.chars().count() >= min && test(&r.text))
            })
            .map(|(n, _)| *n)
            .collect()
    };
    for p in file.projects().into_iter().map(|pa| pa.project) {
        let first = pages_where(2, &|t| p.name.starts_with(t));
        // A cell's last line may be a single character.
        let last = pages_where(1, &|t| p.linkage_text().ends_with(t));
        assert!(
            !first.is_empty() && !last.is_empty(),
            "{} not found",
            p.name
        );
        assert!(
            first.iter().any(|x| last.contains(x)),
            "row of {} split: {first:?} vs {last:?}",
            p.name
        );
    }
}

#[test]
fn the_ebian_annex_follows_the_landscape_rules() {
    let outcome = check_path(
        &root().join("plans/ebian-2023.toml"),
        &CheckOptions::default(),
    );
    let checked = outcome.into_checked().unwrap();
    let r = render(&checked, &RenderOptions::default()).unwrap();
    let pages = pages(&r.document);
    let n = check_annex_pages(&pages);
    assert!(n >= 2, "the seed's table spans pages");
    assert_rows_whole(&pages, &checked.plan.value);
    assert_no_orphan_category(&pages, &checked.plan.value);
    let text: String = annex_pages(&pages).iter().map(|(_, p)| p.text()).collect();
    assert!(text.contains("合计") && text.contains("3900") && text.contains("（五）改善民生"));
    assert_turned_left_on_the_pdf(&r.pdf, &annex_pages(&pages));
}

/// On the PDF itself: on every annex page, odd and even, the table's 9 pt text runs up the
/// page (turned −90°), so its head faces the page's left edge.
fn assert_turned_left_on_the_pdf(pdf: &[u8], annex: &[(usize, &PageView)]) {
    let printed = gongwen_testing::printed::read(pdf).unwrap();
    let parities: std::collections::BTreeSet<usize> = annex.iter().map(|(n, _)| n % 2).collect();
    assert_eq!(parities.len(), 2, "odd and even annex pages");
    for (n, _) in annex {
        let table: Vec<_> = printed[n - 1]
            .glyphs
            .iter()
            .filter(|g| (g.size - 9.0).abs() < 0.01)
            .collect();
        assert!(table.len() > 50, "p{n}");
        assert!(
            table
                .iter()
                .all(|g| g.dir.0.abs() < 1e-6 && (g.dir.1 + 1.0).abs() < 1e-6),
            "p{n}: every glyph runs upwards"
        );
        // The header row ("序号" …) stands at the left.
        let head: Vec<f64> = table.iter().filter(|g| g.ch == '序').map(|g| g.x).collect();
        assert!(!head.is_empty(), "p{n}: the header repeats");
        assert!(
            head.iter().all(|x| *x < printed[n - 1].width / 2.0),
            "p{n}: head toward the left edge"
        );
    }
}

#[test]
fn two_hundred_long_projects_fit_with_no_split_rows() {
    let checked = checked_from("synth.toml", &plan_with_long_projects(200));
    let r = render(&checked, &RenderOptions::default()).unwrap();
    let pages = pages(&r.document);
    let n = check_annex_pages(&pages);
    assert!(n > 20, "{n} annex pages");
    assert_rows_whole(&pages, &checked.plan.value);
    assert_no_orphan_category(&pages, &checked.plan.value);
    let table = Table::of(&checked.plan.value, &checked.figures);
    // 10.25 万元 each: the whole table shows two decimals.
    assert_eq!(table.text(&table.rows[0].cells[4]), "2050.00");
}

#[test]
fn annex_alone_as_pdf_on_landscape_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("table.pdf");
    let o = gongwen_in(&root(), &["annex", "plans/ebian-2023.toml", "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let o = gongwen_in(
        &root(),
        &[
            "annex",
            "plans/ebian-2023.toml",
            "-o",
            &s(&dir.path().join("a3.pdf")),
            "--paper",
            "a3",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = gongwen_in(
        &root(),
        &[
            "annex",
            "tests/fixtures/seed/amount-1370.toml",
            "-o",
            &s(&dir.path().join("bad.pdf")),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("bad.pdf").exists());
}

fn ebian_xlsx() -> (PlanFile, Vec<u8>) {
    let checked = checked_from(
        "plans/ebian-2023.toml",
        &std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap(),
    );
    let bytes = xlsx::write(&Table::of(&checked.plan.value, &checked.figures)).unwrap();
    (checked.plan.value, bytes)
}

#[test]
fn the_xlsx_has_values_formulas_and_the_layout() {
    let (_, bytes) = ebian_xlsx();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("计划表").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String(
            "峨边彝族自治县2023年东西部协作资金项目计划表".into()
        ))
    );
    assert_eq!(
        range.get_value((2, 1)),
        Some(&Data::String("项目名称".into()))
    );
    assert_eq!(range.get_value((3, 1)), Some(&Data::String("合计".into())));
    assert_eq!(
        range.get_value((3, 4)).and_then(|d| d.as_f64()),
        Some(3900.0)
    );
    assert_eq!(
        range.get_value((4, 4)).and_then(|d| d.as_f64()),
        Some(1950.0)
    );
    assert_eq!(
        range.get_value((5, 4)).and_then(|d| d.as_f64()),
        Some(1000.0)
    );
    let formulas = wb.worksheet_formula("计划表").unwrap();
    let total = formulas.get_value((3, 4)).unwrap();
    assert!(total.contains("SUM(") && total.contains("E5"), "{total}");
    assert_eq!(formulas.get_value((4, 4)).unwrap(), "SUM(E6:E7)");
    let merged = wb.merge_cells_by_sheet_name("计划表").unwrap();
    assert_eq!(merged.len(), 1);
}

#[test]
fn export_then_import_gives_the_same_projects() {
    for src in [
        std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap(),
        plan_with_long_projects(200),
    ] {
        let checked = checked_from("plans/x.toml", &src);
        let plan = &checked.plan.value;
        let bytes = xlsx::write(&Table::of(plan, &checked.figures)).unwrap();
        let cats = import::read(&bytes, plan).unwrap();
        let rewritten = import::rewrite(&src, plan, &cats).unwrap();
        let back = load_str("plans/x.toml", &rewritten).unwrap().value;
        assert_eq!(back.plan.categories.len(), plan.plan.categories.len());
        for (a, b) in plan.plan.categories.iter().zip(&back.plan.categories) {
            assert_eq!(a.name, b.name);
            assert_eq!(a.heading, b.heading);
            assert_eq!(format!("{:?}", a.projects), format!("{:?}", b.projects));
        }
        // The rest of the file, comments included, is kept.
        for line in src.lines().filter(|l| l.starts_with('#')).take(5) {
            assert!(rewritten.contains(line), "lost: {line}");
        }
    }
}

#[test]
fn bad_spreadsheets_are_reported_by_cell_and_change_nothing() {
    let out = import_errors(&spoiled(|ws| {
        ws.write_string(5, 4, "一千").unwrap();
    }));
    assert!(out.contains("计划表!E6：规划投资“一千”不是数字"), "{out}");

    let out = import_errors(&spoiled(|ws| {
        ws.write_string(2, 4, "金额").unwrap();
    }));
    assert!(out.contains("找不到表头行"), "{out}");

    let out = import_errors(&spoiled(|ws| {
        ws.write_string(6, 0, "2").unwrap();
        ws.merge_range(5, 6, 6, 6, "县农业农村局", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.write_string(6, 1, "宜坪茶叶加工项目").unwrap();
        ws.write_number(6, 4, 10.0).unwrap();
    }));
    assert!(out.contains("计划表!G7：这是合并单元格"), "{out}");

    let out = import_errors(&spoiled(|ws| {
        ws.write_string(6, 1, "（二）劳务协作").unwrap();
    }));
    assert!(out.contains("计划表!B7：类别“劳务协作”下没有项目"), "{out}");
}

/// Amounts are taken exactly or refused by cell: nothing rounded, no row dropped (a new row
/// of 1e30, NaN or inf used to vanish; 999.99996 became 1000 and 100.12345 became 100.1234).
#[test]
fn amounts_that_cannot_be_taken_exactly_are_refused_by_cell() {
    for (amount, says) in [
        (1e30, "超出范围"),
        (f64::NAN, "不是"),
        (f64::INFINITY, "不是"),
        (999.99996, "999.99996 超过四位小数"),
        (100.12345, "100.12345 超过四位小数"),
    ] {
        let out = import_errors(&spoiled(|ws| {
            ws.write_number(5, 4, amount).unwrap();
        }));
        assert!(out.contains("计划表!E6：规划投资"), "{amount}: {out}");
        assert!(out.contains(says), "{amount}: {out}");
    }
}

/// A small file that claims a huge sheet or inflates to a huge one is refused before it is
/// parsed: one cell at XFD1048576 used to make the parser allocate 550 GB and abort.
#[test]
fn huge_sheets_and_zip_bombs_are_refused_before_parsing() {
    for (row, col) in [(1_048_575, 16_383), (1_048_575, 0), (5, 200)] {
        let out = import_errors(&spoiled(|ws| {
            ws.write_string(row, col, "x").unwrap();
        }));
        assert!(out.contains("超出一张计划表的范围"), "{row},{col}: {out}");
    }
    // A valid sheet plus a part of 100 MB of zeros (about 100 KB compressed).
    let sheet = spoiled(|_| {});
    let mut zip = zip::ZipArchive::new(Cursor::new(sheet)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        out.raw_copy_file(zip.by_index_raw(i).unwrap()).unwrap();
    }
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    out.start_file("xl/media/zeros.bin", opts).unwrap();
    let block = vec![0u8; 1 << 20];
    for _ in 0..100 {
        std::io::Write::write_all(&mut out, &block).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let out = import_errors(&bomb);
    assert!(out.contains("解压后超过 64 MiB"), "{out}");
}

/// A formula cell saved without its result (a program that does not calculate wrote it) is
/// said to be one, not reported as empty.
#[test]
fn a_formula_without_its_result_is_named_as_such() {
    let sheet = spoiled(|ws| {
        ws.write_formula(5, 4, "=SUM(E10:E11)").unwrap();
    });
    // rust_xlsxwriter stores 0 as the result; take it out, as such programs do.
    let mut zip = zip::ZipArchive::new(Cursor::new(sheet)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut text).unwrap();
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(text).unwrap();
            assert!(xml.contains("<f>SUM(E10:E11)</f><v>0</v>"), "{xml}");
            text = xml
                .replace("<f>SUM(E10:E11)</f><v>0</v>", "<f>SUM(E10:E11)</f>")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &text).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let out = import_errors(&bytes);
    assert!(
        out.contains("计划表!E6：规划投资是公式，但文件里没有保存它的计算结果"),
        "{out}"
    );
}

/// A spreadsheet whose parser panics (a fuzzer find: a cell reference that overflows) or that
/// is no spreadsheet at all is refused with a message; nothing of Rust's panic text shows.
#[test]
fn a_broken_spreadsheet_is_refused_without_a_panic() {
    let crash =
        std::fs::read(root().join("fuzz/regressions/import-crash-cell-ref-overflow.xlsx")).unwrap();
    for bytes in [crash, b"PK\x03\x04 not really a zip".to_vec()] {
        let out = import_errors(&bytes);
        assert!(!out.contains("panicked"), "{out}");
        assert!(out.contains("xlsx") || out.contains("XLSX"), "{out}");
    }
}

#[test]
fn a_good_import_through_the_cli_rewrites_the_plan() {
    let dir = ebian_folder();
    let o = gongwen_in(dir.path(), &["annex", "plan.toml", "-o", "t.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = gongwen_in(dir.path(), &["import", "t.xlsx", "--into", "plan.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("5 类 11 个项目"), "{}", stdout(&o));
    let o = gongwen_in(dir.path(), &["check", "plan.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// The 峨边 plan as loaded, and a table exported from it after `edit`.
fn ebian_edited(edit: impl FnOnce(&mut PlanFile)) -> (gongwen::plan::Loaded, Vec<u8>) {
    let src = std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap();
    let loaded = load_str("plans/ebian-2023.toml", &src).unwrap();
    let mut plan = loaded.value.clone();
    edit(&mut plan);
    let figures = gongwen::plan::Figures::of(&plan.plan);
    let bytes = xlsx::write(&Table::of(&plan, &figures)).unwrap();
    (loaded, bytes)
}

/// Lines of `b` that `a` lacks, and the other way round.
fn changed_lines<'a>(a: &'a str, b: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let only = |x: &'a str, y: &'a str| x.lines().filter(|l| !y.lines().any(|m| m == *l)).collect();
    (only(a, b), only(b, a))
}

#[test]
fn importing_the_exported_table_leaves_every_plan_byte_identical() {
    let mut plans = vec!["plans/ebian-2023.toml".to_string()];
    for e in std::fs::read_dir(root().join("plans/examples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            plans.push(format!(
                "plans/examples/{}",
                p.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    for path in plans {
        let src = std::fs::read_to_string(root().join(&path)).unwrap();
        let loaded = load_str(&path, &src).unwrap();
        let checked = checked_from(&path, &src);
        let bytes = xlsx::write(&Table::of(&checked.plan.value, &checked.figures)).unwrap();
        let (new, _) = import::apply(&loaded, &bytes, &Default::default())
            .unwrap_or_else(|e| panic!("{path}: {e:?}"));
        let new = new.source;
        assert!(new == src, "{path}: {:?}", changed_lines(&src, &new));
    }
}

#[test]
fn an_edited_table_changes_only_the_edited_values() {
    let (loaded, bytes) = ebian_edited(|f| {
        // 10 万元 from one 改善民生 project to another (the total stays 3900), and a content.
        let c = &mut f.plan.categories[4];
        c.projects[0].amount =
            gongwen::plan::Money(c.projects[0].amount.value() + rust_decimal::Decimal::TEN);
        c.projects[1].amount =
            gongwen::plan::Money(c.projects[1].amount.value() - rust_decimal::Decimal::TEN);
        f.plan.categories[1].projects[0]
            .content
            .push_str("（含技能培训）");
    });
    let new = import::apply(&loaded, &bytes, &Default::default())
        .unwrap()
        .0
        .source;
    // Line for line, only the three edited values differ; every 更正 note stays.
    assert_eq!(new.lines().count(), loaded.source.lines().count());
    let differ: Vec<(&str, &str)> = loaded
        .source
        .lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differ.len(), 3, "{differ:#?}");
    assert!(
        differ.iter().any(|(_, b)| *b == "amount = 100"),
        "{differ:?}"
    );
    assert!(
        differ.iter().any(|(_, b)| b.contains("（含技能培训）")),
        "{differ:?}"
    );
    assert_eq!(
        new.matches("# 更正").count(),
        loaded.source.matches("# 更正").count()
    );
}

#[test]
fn a_project_moved_to_another_category_keeps_its_notes() {
    // The 助残融爱 project, with its two 更正 notes, moved from 改善民生 to 消费帮扶.
    let (loaded, bytes) = ebian_edited(|f| {
        let p = f.plan.categories[4].projects.remove(0);
        f.plan.categories[3].projects.push(p);
    });
    let (new, _) = import::apply(&loaded, &bytes, &Default::default()).unwrap();
    assert_eq!(
        new.source.matches("# 更正").count(),
        loaded.source.matches("# 更正").count()
    );
    // The plan as the import parsed it.
    let back = new.value;
    assert!(
        back.plan.categories[3].projects[1]
            .name
            .contains("助残融爱")
    );
    assert_eq!(back.plan.categories[4].projects.len(), 4);
    let note = new.source.find("此行规划投资误作 1370").unwrap();
    let moved = new.source.find("助残融爱建设项目").unwrap();
    let next_category = new.source[note..]
        .find("[[plan.categories]]")
        .map(|i| note + i);
    assert!(
        note < moved && next_category.is_some_and(|c| moved < c),
        "the note travels with its project"
    );
}
