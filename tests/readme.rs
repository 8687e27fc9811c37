//! README.md and the pages it sends a newcomer to stay true: the rules table
//! (docs/rules-index.md) lists exactly the registry's codes and lines; README gives the test
//! command CI runs; every page README links to exists.

use std::process::Command;

#[test]
fn the_rules_table_matches_the_registry() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules-index.md"))
            .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for r in &rules {
        let code = r["code"].as_str().unwrap();
        let row = format!(
            "| [`{code}`](rules.md#{code}) | {} | {} |",
            r["severity"].as_str().unwrap(),
            r["doc"].as_str().unwrap()
        );
        assert!(
            readme.contains(&row),
            "docs/rules-index.md lacks the row:\n{row}"
        );
    }
    // Rows of the table under "## Rules", up to the next section.
    let section = readme
        .split("\n## Rules\n")
        .nth(1)
        .expect("a Rules section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let rows = section.lines().filter(|l| l.starts_with("| [`")).count();
    assert_eq!(
        rows,
        rules.len(),
        "docs/rules-index.md has rule rows the registry does not"
    );
}

#[test]
fn readme_gives_the_test_command_ci_runs() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(readme.contains("cargo test"));
    assert!(ci.contains("cargo test"));
}

#[test]
fn every_page_readme_links_to_exists() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let mut missing = Vec::new();
    for part in readme.split("](").skip(1) {
        let target = part.split([')', '#']).next().unwrap_or("");
        if target.is_empty() || target.starts_with("http") {
            continue;
        }
        if !std::path::Path::new(root).join(target).exists() {
            missing.push(target.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "README.md links to missing pages: {missing:?}"
    );
}
