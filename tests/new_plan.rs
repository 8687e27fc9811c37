//! `gongwen new`: next year's plan checks clean except for what the clerk must fill in.

mod common;
use common::*;

use std::path::Path;

fn codes(dir: &Path, plan: &str) -> Vec<String> {
    let o = gongwen_in(dir, &["check", "--format", "json", plan]);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    v.iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        dir.path().join("ebian-roster.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn next_year_from_last_year_leaves_only_todo_findings() {
    let ws = workspace();
    let from = root().join("plans/ebian-2023.toml").display().to_string();
    let o = gongwen_in(
        ws.path(),
        &[
            "new",
            "--from",
            &from,
            "--year",
            "2024",
            "-o",
            "ebian-2024.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let codes = codes(ws.path(), "ebian-2024.toml");
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c == "todo-fill"), "{codes:?}");
    let text = std::fs::read_to_string(ws.path().join("ebian-2024.toml")).unwrap();
    assert!(text.contains("title = \"峨边彝族自治县2024年东西部协作建设项目实施方案\""));
    assert!(text.contains("doc_number = \"峨边府办函〔2024〕待填写号\""));
    assert!(text.contains("date = 2024-02-07"));
    assert!(text.contains("year = 2024"));
    assert!(
        text.starts_with(
            "#:schema ./gongwen.schema.json\n# 2024 年计划：以 2023 年的计划为底稿新建"
        ),
        "the header says what the file is: {}",
        &text[..200]
    );
    assert!(
        !text.contains("〔2023〕7号"),
        "last year's 文号 is not copied"
    );
    assert!(
        text.contains("# 更正：原件标题中的空格"),
        "comments on the plan's parts kept"
    );
    assert!(!text.contains("宜坪粮果产业园区"), "projects cleared");
    assert!(
        text.contains("name = \"深化产业协作\"") || text.contains("heading = \"深化产业协作\""),
        "categories kept"
    );
}

#[test]
fn keep_projects_moves_deadlines_into_the_new_year() {
    let ws = workspace();
    let from = root().join("plans/ebian-2023.toml").display().to_string();
    let o = gongwen_in(
        ws.path(),
        &[
            "new",
            "--from",
            &from,
            "--year",
            "2024",
            "-o",
            "k.toml",
            "--keep-projects",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        codes(ws.path(), "k.toml"),
        ["todo-fill"],
        "only the 文号 sequence"
    );
    let text = std::fs::read_to_string(ws.path().join("k.toml")).unwrap();
    assert!(text.contains("宜坪粮果产业园区") && !text.contains("deadline = 2023"));
}

#[test]
fn a_skeleton_for_a_new_county_and_no_overwriting() {
    let ws = workspace();
    let o = gongwen_in(
        ws.path(),
        &[
            "new",
            "--county",
            "某某县",
            "--year",
            "2025",
            "-o",
            "s.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let codes = codes(ws.path(), "s.toml");
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c == "todo-fill"),
        "{codes:?}"
    );
    let before = std::fs::read(ws.path().join("s.toml")).unwrap();
    let o = gongwen_in(
        ws.path(),
        &[
            "new",
            "--county",
            "别的县",
            "--year",
            "2025",
            "-o",
            "s.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(ws.path().join("s.toml")).unwrap(), before);
}

/// Every shape of plan gives next year's: placeholders where its projects (or allocation
/// lines) were, asking for the fields its own policy requires and no others.
#[test]
fn next_year_keeps_each_shape_and_asks_only_what_the_policy_requires() {
    let ws = tempfile::tempdir().unwrap();
    for (name, asks, never) in [
        (
            "no-categories",
            &["实施地点", "责任单位"][..],
            &["责任领导", "完成时限"][..],
        ),
        ("three-levels", &[][..], &["责任领导"][..]),
        ("allocation", &["乡镇（单位）"][..], &["项目名称"][..]),
        ("sub-items", &[][..], &["子项"][..]),
    ] {
        let from = root().join(format!("plans/examples/{name}.toml"));
        let to = format!("{name}-2025.toml");
        let o = gongwen_in(
            ws.path(),
            &["new", "--from", &s(&from), "--year", "2025", "-o", &to],
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
        let got = codes(ws.path(), &to);
        assert!(!got.is_empty(), "{name}");
        assert!(got.iter().all(|c| c == "todo-fill"), "{name}: {got:?}");
        let text = std::fs::read_to_string(ws.path().join(&to)).unwrap();
        for a in asks {
            assert!(
                text.contains(&format!("待填写：{a}")),
                "{name}: asks for {a}"
            );
        }
        for n in never {
            assert!(
                !text.contains(&format!("待填写：{n}")),
                "{name}: asks for {n}"
            );
        }
    }
}
