//! Every document a county issues (issue 30): each genre's example plan checks clean and
//! renders, and its page 1 is measured on the PDF — the 签发人 beside a 文号 moved left, a
//! 结束语 after the body, no 主送 where the genre has none, the 附注 on the line after the date,
//! a 公示 without a 文号 keeping its line; `gongwen new --genre` writes each genre's skeleton.

mod common;
use common::measure::*;
use common::*;

use gongwen_testing::printed::PrintedPage;

const GENRES: [&str; 6] = [
    "announcement",
    "publicity",
    "request",
    "report",
    "opinion",
    "joint",
];

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

/// `gongwen new --county 青山县 --year 2024 --genre GENRE -o OUT`.
fn new(genre: &str, out: &std::path::Path) -> std::process::Output {
    let args = [
        "new",
        "--county",
        "青山县",
        "--year",
        "2024",
        "--genre",
        genre,
        "-o",
    ];
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.push(s(out));
    gongwen(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn new_writes_each_genres_skeleton_and_refuses_an_unknown_genre() {
    let dir = tempfile::tempdir().unwrap();
    for genre in ["公告", "公示", "请示", "报告", "意见", "函"] {
        let out = dir.path().join(format!("{genre}.toml"));
        let o = new(genre, &out);
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
    let o = new("公文", &dir.path().join("x.toml"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文种写作"));
}
