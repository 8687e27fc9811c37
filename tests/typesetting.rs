//! Set like a typesetter, measured on the PDF itself (glyph positions read back): a turned
//! table is set from its head, at the block's left edge, on every page of every document; a
//! last table page of one or two rows is balanced with the page before it; a one-line 更正通知
//! is one page and its 版记's.

mod common;
use common::*;

use std::path::Path;

use gongwen::check::{CheckOptions, check_loaded, check_path};
use gongwen::plan::load_str;
use gongwen::render::{RenderOptions, render};
use gongwen_testing::printed::{self, PrintedPage};
use gongwen_testing::synth::{plan_with_long_projects, plan_with_projects};

const MM: f64 = 72.0 / 25.4;

fn pdf_of_path(path: &str) -> Vec<u8> {
    let outcome = check_path(Path::new(path), &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{path} has errors");
    render(&outcome.into_checked().unwrap(), &RenderOptions::default())
        .expect("renders")
        .pdf
}

fn pdf_of(name: &str, src: &str) -> Vec<u8> {
    let outcome = check_loaded(load_str(name, src).unwrap(), &CheckOptions::default());
    assert_eq!(
        outcome.errors(),
        0,
        "{name}: {:#?}",
        outcome.reports[0].diags
    );
    render(&outcome.into_checked().unwrap(), &RenderOptions::default())
        .expect("renders")
        .pdf
}

/// The pages carrying turned text (the annexed tables), with their numbers from 1.
fn turned_pages(pdf: &[u8]) -> Vec<(usize, PrintedPage)> {
    printed::read(pdf)
        .unwrap()
        .into_iter()
        .enumerate()
        .filter(|(_, p)| p.glyphs.iter().any(|g| !g.upright()))
        .map(|(i, p)| (i + 1, p))
        .collect()
}

/// Every document with a table: the two 峨边 notices, the example plans, and generated ones
/// of short and long tables.
fn documents() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = ["plans/ebian-2023.toml", "plans/ebian-letter-2023.toml"]
        .iter()
        .map(|p| (p.to_string(), pdf_of_path(p)))
        .collect();
    let mut examples: Vec<_> = std::fs::read_dir("plans/examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    examples.sort();
    for p in examples {
        let p = p.display().to_string();
        let pdf = pdf_of_path(&p);
        out.push((p, pdf));
    }
    for n in [1, 2, 12] {
        out.push((
            format!("{n} projects"),
            pdf_of("short.toml", &plan_with_projects(n)),
        ));
    }
    for n in [1, 7] {
        let src = plan_with_long_projects(n);
        out.push((format!("{n} long projects"), pdf_of("long.toml", &src)));
    }
    out
}

/// On every turned page the block is set from its head: the first turned glyph's ink starts
/// at the block's left edge (28 mm, within the first line's top), however few its rows.
#[test]
fn every_turned_block_starts_at_its_head() {
    let mut seen = 0;
    for (name, pdf) in documents() {
        for (n, page) in turned_pages(&pdf) {
            let left = page
                .glyphs
                .iter()
                .filter(|g| !g.upright())
                .filter_map(|g| g.ink.map(|(x0, _)| x0))
                .fold(f64::MAX, f64::min);
            assert!(
                (28.0 * MM..=30.0 * MM).contains(&left),
                "{name} p{n}: the turned block starts {:.1} mm from the page's left edge",
                left / MM
            );
            seen += 1;
        }
    }
    assert!(seen >= 12, "{seen} turned pages measured");
}

/// The serial numbers in the table's 序号 column (the turned page's lowest 9 pt text) on a
/// turned page: one per project row.
fn project_rows(page: &PrintedPage) -> usize {
    let cells: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| !g.upright() && (g.size - 9.0).abs() < 0.01)
        .collect();
    let foot = cells.iter().map(|g| g.baseline).fold(0.0, f64::max);
    let mut xs: Vec<i64> = cells
        .iter()
        .filter(|g| g.ch.is_ascii_digit() && g.baseline > foot - 10.0)
        .map(|g| g.x.round() as i64)
        .collect();
    xs.sort_unstable();
    xs.dedup();
    xs.len()
}

/// A last table page of one or two rows takes rows from the page before it until the two
/// are even (rows of one height, so the page's room never binds here). Before, 24 projects
/// left 13 and 2.
#[test]
fn a_last_table_page_of_one_or_two_rows_is_balanced() {
    let mut balanced = 0;
    for n in (12..=60).step_by(4) {
        let pdf = pdf_of("short.toml", &plan_with_projects(n));
        let pages = turned_pages(&pdf);
        if pages.len() < 2 {
            continue;
        }
        let (a, b) = (
            project_rows(&pages[pages.len() - 2].1),
            project_rows(&pages[pages.len() - 1].1),
        );
        assert!(
            b >= 3 || a <= b + 1,
            "{n} long projects: the last two table pages hold {a} and {b} rows"
        );
        balanced += 1;
    }
    assert!(
        balanced >= 8,
        "{balanced} documents of two or more table pages"
    );
}

/// A one-line correction of the 峨边 notice: its change table starts on page 1 under
/// "现更正如下：", short values on one line ("杨秀英", not "杨秀/英"), and the 版记 stands at the
/// foot of page 2 under the closing and the 署名 — two pages, no blank one (before: four, the
/// table alone on page 2, page 3 blank, the 版记 alone on page 4).
#[test]
fn a_one_line_correction_is_a_page_and_its_colophon() {
    let ws = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap();
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        ws.path().join("ebian-roster.toml"),
    )
    .unwrap();
    let v1 = good.replacen("leader = \"杨秀英\"", "leader = \"欧其月布\"", 1);
    assert_ne!(v1, good);
    std::fs::write(ws.path().join("v1.toml"), v1).unwrap();
    let fixed =
        good + "\n[correction]\nnotice_number = \"峨边府办函〔2023〕9号\"\ndate = 2023-02-20\n";
    std::fs::write(ws.path().join("fixed.toml"), fixed).unwrap();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let pdf = ws
        .path()
        .join("archive/峨边府办函〔2023〕7号/v2/correction.pdf");
    let pages = printed::read(&std::fs::read(pdf).unwrap()).unwrap();
    assert_eq!(pages.len(), 2, "a page and the 版记's");
    let text = |p: &PrintedPage| p.glyphs.iter().map(|g| g.ch).collect::<String>();
    assert!(text(&pages[0]).contains("欧其月布"), "the table on page 1");
    let name: Vec<_> = pages[0]
        .glyphs
        .iter()
        .filter(|g| "杨秀英".contains(g.ch))
        .collect();
    assert_eq!(name.len(), 3);
    assert!(
        name.iter()
            .all(|g| (g.baseline - name[0].baseline).abs() < 0.5),
        "杨秀英 on one line"
    );
    let last = text(&pages[1]);
    for want in [
        "特此通知",
        "2023年2月20日",
        "信息公开选项",
        "2023年2月20日印发",
        "— 2 —",
    ] {
        assert!(last.contains(want), "page 2 lacks {want}: {last}");
    }
}

/// Every money column that adds up shows its sums: 总投资 beside 规划投资 (a single-year
/// project's 总投资 is its amount), in the PDF's table and, as formulas, in the XLSX.
#[test]
fn every_money_column_shows_its_sums() {
    use calamine::Reader;
    use gongwen::table::{Table, xlsx};
    let path = "plans/examples/total-investment.toml";
    let checked = check_path(Path::new(path), &CheckOptions::default())
        .into_checked()
        .unwrap();
    let table = Table::of(&checked.plan.value, &checked.figures);
    let col = table
        .columns
        .iter()
        .position(|c| c.title() == "总投资")
        .unwrap();
    let sums: Vec<String> = table
        .rows
        .iter()
        .map(|r| table.text(&r.cells[col]))
        .collect();
    assert_eq!(sums, ["7180", "6700", "6400", "300", "480", "480"]);
    let pdf = pdf_of_path(path);
    let text: String = turned_pages(&pdf)
        .iter()
        .flat_map(|(_, p)| p.glyphs.iter().map(|g| g.ch))
        .collect();
    assert!(
        text.contains("7180") && text.contains("6700"),
        "the PDF shows the sums"
    );
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx::write(&table).unwrap()))
            .unwrap();
    let formulas = wb.worksheet_formula("计划表").unwrap();
    let f = formulas.get_value((3, col as u32)).unwrap();
    let letter = xlsx::col_letter(col as u16);
    assert!(
        f.starts_with("SUM(") && f.contains(&letter),
        "合计 of 总投资: {f}"
    );
}

/// The lines of a turned page's text: glyphs of one line share their x; they run upwards.
fn turned_lines(page: &PrintedPage) -> Vec<String> {
    let mut lines: Vec<(f64, Vec<(f64, char)>)> = Vec::new();
    for g in page.glyphs.iter().filter(|g| !g.upright()) {
        match lines.iter_mut().find(|(x, _)| (x - g.x).abs() < 0.5) {
            Some((_, l)) => l.push((g.baseline, g.ch)),
            None => lines.push((g.x, vec![(g.baseline, g.ch)])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut l)| {
            l.sort_by(|a, b| b.0.total_cmp(&a.0));
            l.into_iter().map(|(_, c)| c).collect()
        })
        .collect()
}

/// A date, a figure with its unit, never split across a cell's lines: in the 峨边 table ("200亩",
/// "4000平方米", "40平方米" were split before), and in a table of thirteen columns whose date
/// columns are widened to hold "2024年10月31日" ("2024年3/月1日" before).
#[test]
fn dates_and_figures_with_units_stay_whole_in_a_cell() {
    let lines: Vec<String> = turned_pages(&pdf_of_path("plans/ebian-2023.toml"))
        .iter()
        .flat_map(|(_, p)| turned_lines(p))
        .collect();
    for whole in [
        "200亩",
        "700亩",
        "1.5公里",
        "3千米",
        "4000平方米",
        "40平方米",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(whole)),
            "{whole} split: {lines:#?}"
        );
    }
    let wide = std::fs::read_to_string("plans/examples/total-investment.toml").unwrap().replace(
        "columns = [\"序号\", \"项目名称\", \"建设地点\", \"总投资\", \"规划投资\", \"开工时间\", \"完成时限\", \"责任单位\"]",
        "columns = [\"序号\", \"项目名称\", \"项目建设规模和内容\", \"建设地点\", \"总投资\", \"规划投资\", \"开工时间\", \"完成时限\", \"责任领导\", \"责任单位\", \"实施主体\", \"脱贫人口利益联结情况\", \"产权归属\"]",
    );
    assert!(wide.contains("\"产权归属\"]"), "the columns were replaced");
    let lines: Vec<String> = turned_pages(&pdf_of("wide.toml", &wide))
        .iter()
        .flat_map(|(_, p)| turned_lines(p))
        .collect();
    for date in [
        "2024年3月1日",
        "2024年9月30日",
        "2024年10月31日",
        "2024年4月1日",
        "2024年11月30日",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(date)),
            "{date} split: {lines:#?}"
        );
    }
    assert!(lines.iter().any(|l| l.contains("12000平方米")));
}

/// A narrow table (a 资金分配 of four short columns) is not stretched over the block: on the
/// landscape page of `annex`, it takes less than four fifths of the block's 225 mm, centred,
/// its unit line ending at its right edge.
#[test]
fn a_narrow_table_is_not_stretched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.pdf");
    let o = gongwen(&["annex", "plans/examples/allocation.toml", "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let page = &printed::read(&std::fs::read(out).unwrap()).unwrap()[0];
    let table: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| (g.size - 9.0).abs() < 0.01)
        .collect();
    let left = table.iter().map(|g| g.x).fold(f64::MAX, f64::min);
    let right = table.iter().map(|g| g.x + g.advance).fold(0.0, f64::max);
    let (block_left, block_right) = (37.0 * MM, (37.0 + 225.0) * MM);
    assert!(
        right - left < 0.8 * 225.0 * MM,
        "{:.0} mm wide",
        (right - left) / MM
    );
    // Centred: room on both sides (the glyphs sit inside their cells, so not to the mm).
    let (l, r) = (left - block_left, block_right - right);
    assert!(
        l > 30.0 * MM && r > 30.0 * MM,
        "{:.0} mm left, {:.0} mm right",
        l / MM,
        r / MM
    );
    let unit = page
        .glyphs
        .iter()
        .filter(|g| g.ch == '元')
        .map(|g| g.x + g.advance)
        .fold(0.0, f64::max);
    assert!(
        unit < block_right - 20.0 * MM,
        "the unit line ends at the table, not the block"
    );
}

/// The 版记 of every document (the 峨边 notice, the 函, the examples, generated ones) stands on
/// its last page, an even one; a page holding it alone carries no number.
#[test]
fn every_colophon_is_on_an_even_last_page() {
    for (name, pdf) in documents() {
        let pages = printed::read(&pdf).unwrap();
        let text = |p: &PrintedPage| p.glyphs.iter().map(|g| g.ch).collect::<String>();
        let at: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| text(p).contains("信息公开选项"))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(at, [pages.len()], "{name}: the 版记 on the last page");
        assert_eq!(pages.len() % 2, 0, "{name}: an even last page");
        let last = text(pages.last().unwrap());
        let alone = pages
            .last()
            .unwrap()
            .glyphs
            .iter()
            .all(|g| g.baseline > 200.0 * MM || g.size < 15.0);
        let numbered = last.contains(&format!("—{}—", pages.len()))
            || last.contains(&format!("— {} —", pages.len()));
        assert_eq!(
            numbered, !alone,
            "{name}: numbered only when it shares its page"
        );
    }
}
