//! Every document a county issues (issue 30): each genre's example plan checks clean and
//! renders, and its page 1 is measured on the PDF — the 签发人 beside a 文号 moved left, a
//! 结束语 after the body, no 主送 where the genre has none, the 附注 on the line after the date,
//! a 公示 without a 文号 keeping its line; `gongwen new --genre` writes each genre's skeleton.

mod common;
use common::*;

use std::path::Path;

use gongwen::check::{CheckOptions, check_path};
use gongwen::render::{RenderOptions, render};
use gongwen_testing::printed::{self, PrintedGlyph, PrintedPage};

const MM: f64 = 72.0 / 25.4;
const LEFT: f64 = 28.0 * MM;
const RIGHT: f64 = (28.0 + 156.0) * MM;
const CELL: f64 = 156.0 / 28.0 * MM;
const PITCH: f64 = 225.0 / 22.0 * MM;

const GENRES: [&str; 4] = ["announcement", "publicity", "request", "report"];

fn example(name: &str) -> String {
    s(&root().join(format!("plans/examples/{name}.toml")))
}

fn pages(name: &str) -> Vec<PrintedPage> {
    let outcome = check_path(Path::new(&example(name)), &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{name} has errors");
    let pdf = render(&outcome.checked.unwrap(), &RenderOptions::default())
        .expect("renders")
        .pdf;
    printed::read(&pdf).unwrap()
}

/// Lines of 3号 upright text: (glyphs left to right, text), top to bottom.
fn lines(p: &PrintedPage) -> Vec<(Vec<PrintedGlyph>, String)> {
    let mut out: Vec<(f64, Vec<PrintedGlyph>)> = Vec::new();
    for g in p
        .glyphs
        .iter()
        .filter(|g| g.upright() && (g.size - 16.0).abs() < 0.6)
    {
        match out.iter_mut().find(|(b, _)| (b - g.baseline).abs() < 1.0) {
            Some((_, l)) => l.push(g.clone()),
            None => out.push((g.baseline, vec![g.clone()])),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter()
        .map(|(_, mut l)| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            let t = l.iter().map(|g| g.ch).collect();
            (l, t)
        })
        .collect()
}

/// The line of `pages` whose text is `text` (or starts with it): its page and glyphs.
fn line<'a>(
    all: &'a [Vec<(Vec<PrintedGlyph>, String)>],
    text: &str,
) -> (usize, &'a [PrintedGlyph]) {
    all.iter()
        .enumerate()
        .find_map(|(i, p)| {
            p.iter()
                .find(|(_, t)| t.starts_with(text))
                .map(|(g, _)| (i, g.as_slice()))
        })
        .unwrap_or_else(|| panic!("no line {text:?}"))
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 0.5, "{what}: {a:.2} pt, want {b:.2} pt");
}

#[test]
fn every_genre_example_checks_clean_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    for name in GENRES {
        let o = gongwen(&["check", "--deny-warnings", &example(name)]);
        assert_eq!(o.status.code(), Some(0), "{name}:\n{}", stdout(&o));
        for ext in ["pdf", "docx", "ofd"] {
            let out = dir.path().join(format!("{name}.{ext}"));
            let o = gongwen(&["render", &example(name), "-o", &s(&out)]);
            assert_eq!(o.status.code(), Some(0), "{name}.{ext}:\n{}", stdout(&o));
        }
    }
}

#[test]
fn a_request_names_its_signer_beside_its_number_and_ends_as_a_request() {
    let all: Vec<_> = pages("request").iter().map(lines).collect();
    let (_, number) = line(&all, "青乡振〔2024〕5号");
    // §7.2.6: the 文号 one character in from the left, on the line of the 签发人, whose name
    // ends one character from the right.
    let signer_line = all[0]
        .iter()
        .find(|(_, t)| t.contains("签发人：李明"))
        .expect("签发人 on page 1");
    close(number[0].x, LEFT + CELL, "文号's left");
    close(
        signer_line.0[0].baseline,
        number[0].baseline,
        "签发人's baseline",
    );
    let last = signer_line.0.last().unwrap();
    close(last.x + CELL, RIGHT - CELL, "签发人's right end");
    // The 结束语 as a paragraph of its own, two characters in, before the 署名.
    let (page, closing) = line(&all, "妥否，请批示。");
    close(closing[0].x, LEFT + 2.0 * CELL, "结束语's indent");
    let (signed_page, _) = line(&all, "青山县乡村振兴局");
    assert_eq!(page, signed_page, "结束语 and 署名 on one page");
    // §7.3.6: the 附注 on the line after the date, two characters in, in parentheses.
    let (_, date) = line(&all, "2024年2月26日");
    let (note_page, note) = line(&all, "（联系人：王芳，电话：0833-5123456）");
    assert_eq!(note_page, page);
    close(
        note[0].baseline,
        date[0].baseline + PITCH,
        "附注's baseline",
    );
    close(note[0].x, LEFT + 2.0 * CELL, "附注's indent");
}

#[test]
fn an_announcement_has_no_recipients_and_ends_with_its_closing() {
    let all: Vec<_> = pages("announcement").iter().map(lines).collect();
    // Centred 文号 (a downward document has no 签发人).
    let (_, number) = line(&all, "青府告〔2024〕1号");
    let last = number.last().unwrap();
    close(
        (number[0].x + last.x + last.advance) / 2.0,
        (LEFT + RIGHT) / 2.0,
        "文号's centre",
    );
    // No 主送: the body's first line, two characters in, is the first line after the title.
    let (page, first) = line(&all, "根据巩固拓展");
    assert_eq!(page, 0);
    close(first[0].x, LEFT + 2.0 * CELL, "body's indent");
    assert!(
        !all[0]
            .iter()
            .any(|(_, t)| t.ends_with('：') && !t.contains("电话")),
        "a line ending in a colon (主送?) on page 1"
    );
    let (_, closing) = line(&all, "特此公告。");
    close(closing[0].x, LEFT + 2.0 * CELL, "结束语's indent");
    assert_eq!(
        all.iter()
            .flatten()
            .filter(|(_, t)| t.contains("特此公告"))
            .count(),
        1,
        "特此公告 once"
    );
}

#[test]
fn a_publicity_without_a_number_keeps_the_numbers_line() {
    let publicity = pages("publicity");
    let announcement = pages("announcement");
    let all: Vec<_> = publicity.iter().map(lines).collect();
    assert!(
        !all[0].iter().any(|(_, t)| t.contains('〔')),
        "a 文号 on the 公示's page 1"
    );
    line(&all, "特此公示。");
    // The title (2号) starts where it does under a 文号.
    let title_top = |p: &PrintedPage| {
        p.glyphs
            .iter()
            .filter(|g| (g.size - 22.0).abs() < 0.6)
            .map(|g| g.baseline)
            .fold(f64::INFINITY, f64::min)
    };
    close(
        title_top(&publicity[0]),
        title_top(&announcement[0]),
        "title's first baseline",
    );
}

#[test]
fn new_writes_each_genres_skeleton_and_refuses_an_unknown_genre() {
    let dir = tempfile::tempdir().unwrap();
    for genre in ["公告", "公示", "请示", "报告", "意见", "函"] {
        let out = dir.path().join(format!("{genre}.toml"));
        let o = gongwen(&[
            "new",
            "--county",
            "青山县",
            "--year",
            "2024",
            "--genre",
            genre,
            "-o",
            &s(&out),
        ]);
        assert_eq!(o.status.code(), Some(0), "{genre}: {}", stdout(&o));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(&format!("genre = \"{genre}\"")), "{text}");
        // Only what is still to fill in is reported.
        let o = gongwen(&["check", "--format", "json", &s(&out)]);
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let codes: Vec<&str> = report
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(
            codes.iter().all(|c| *c == "todo-fill"),
            "{genre}: {codes:?}"
        );
    }
    let o = gongwen(&[
        "new",
        "--county",
        "青山县",
        "--year",
        "2024",
        "--genre",
        "公文",
        "-o",
        &s(&dir.path().join("x.toml")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文种写作"));
}

#[test]
fn a_sealed_document_sets_its_date_four_in_and_its_seal_over_signer_and_date() {
    let printed = pages("announcement");
    let all: Vec<_> = printed.iter().map(lines).collect();
    let (page, date) = line(&all, "2024年3月18日");
    let (_, signer) = line(&all, "青山县人民政府");
    let end = |g: &[PrintedGlyph]| g.last().map_or(0.0, |l| l.x + l.advance);
    let centre = |g: &[PrintedGlyph]| (g[0].x + end(g)) / 2.0;
    // §7.3.5.1: the date four characters from the right, the 署名 centred over it, a line up.
    close(end(date), RIGHT - 4.0 * CELL, "date's right end");
    close(centre(signer), centre(date), "署名's centre");
    close(
        date[0].baseline,
        signer[0].baseline + PITCH,
        "date's baseline",
    );
    // The seal: 42 mm, centred on them, its top within a line of the text above; 署名 and
    // date sit below its centre.
    let [(x0, top, x1, bottom)] = printed[page].images[..] else {
        panic!("one image on the signed page: {:?}", printed[page].images)
    };
    close(x1 - x0, 42.0 * MM, "seal's width");
    close((x0 + x1) / 2.0, centre(date), "seal's centre");
    let above = all[page]
        .iter()
        .map(|(g, _)| g[0].baseline)
        .filter(|b| *b < top)
        .fold(f64::MIN, f64::max);
    assert!(
        top > above && top - above <= PITCH,
        "seal's top {top:.1}, text above {above:.1}"
    );
    let middle = (top + bottom) / 2.0;
    assert!(
        signer[0].baseline > middle && date[0].baseline < bottom,
        "署名 and date below the centre {middle:.1}"
    );
    // Printed for a seal stamped by hand: the same places, no image.
    let report = pages("report");
    let all: Vec<_> = report.iter().map(lines).collect();
    let (page, date) = line(&all, "2024年1月22日");
    let (_, signer) = line(&all, "青山县农业农村局");
    assert!(report[page].images.is_empty());
    close(end(date), RIGHT - 4.0 * CELL, "report's date's right end");
    close(centre(signer), centre(date), "report's 署名's centre");
}

#[test]
fn a_seal_that_cannot_be_read_is_an_error_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("公告.toml");
    let source = std::fs::read_to_string(example("announcement")).unwrap();
    for (seal, why) in [
        ("没有这个.png", "找不到"),
        ("../示例印章.png", "不在计划文件所在的文件夹里"),
        ("公告.toml", "不是 PNG"),
    ] {
        std::fs::write(&plan, source.replace("示例印章.png", seal)).unwrap();
        let o = gongwen(&["check", &s(&plan)]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{seal}: {out}");
        assert!(
            out.contains("seal-file") && out.contains(why),
            "{seal}: {out}"
        );
        let line = source
            .lines()
            .position(|l| l.starts_with("seal ="))
            .unwrap()
            + 1;
        assert!(out.contains(&format!("公告.toml:{line}:")), "{seal}: {out}");
    }
}

/// A sealed notice issued keeps the seal it was printed with: `verify` renders it again from
/// the archive alone, byte for byte, even after the office's file is gone.
#[test]
fn an_issued_sealed_notice_keeps_its_seal_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let from = root().join("plans/examples");
    for f in ["announcement.toml", "示例印章.png"] {
        std::fs::copy(from.join(f), ws.join(f)).unwrap();
    }
    let o = gongwen_in(ws, &["issue", "announcement.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    std::fs::remove_file(ws.join("示例印章.png")).unwrap();
    let kept: Vec<_> = walk(&ws.join("archive"))
        .into_iter()
        .filter(|p| p.ends_with("seal.png"))
        .collect();
    assert_eq!(kept.len(), 1, "the seal in the archive");
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        std::fs::read(from.join("示例印章.png")).unwrap()
    );
    let o = gongwen_in(ws, &["verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
