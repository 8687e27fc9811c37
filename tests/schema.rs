//! The JSON Schema: current, non-vacuous, and every plan in plans/ carries and meets it.

mod common;
use common::*;

use gongwen::plan::schema::{schema_json, toml_to_json};

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid schema")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(root().join("plans/gongwen.schema.json")).unwrap();
    assert_eq!(
        committed,
        schema_json(),
        "run: gongwen schema > plans/gongwen.schema.json"
    );
    let o = gongwen(&["schema"]);
    assert_eq!(stdout(&o), committed);
}

#[test]
fn every_plan_carries_the_directive_and_validates() {
    let v = validator();
    let mut n = 0;
    let entries = std::fs::read_dir(root().join("plans"))
        .unwrap()
        .chain(std::fs::read_dir(root().join("plans/examples")).unwrap())
        .flatten();
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".toml") || name.contains("roster") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let directive = if e.path().parent().unwrap().ends_with("examples") {
            "#:schema ../gongwen.schema.json"
        } else {
            "#:schema ./gongwen.schema.json"
        };
        assert!(
            text.starts_with(directive),
            "{name} lacks the #:schema line"
        );
        let doc: toml::Value = toml::from_str(&text).unwrap();
        let json = toml_to_json(&doc);
        let errors: Vec<String> = v
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        n += 1;
    }
    assert!(n >= 9);
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let v = validator();
    let text = std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap();
    for (from, to) in [
        ("leader = \"刘锋\"", "leadr = \"刘锋\""),
        ("format = \"文件\"", "format = \"文建\""),
        ("year = 2023", "year = \"2023年\""),
    ] {
        let doc: toml::Value = toml::from_str(&text.replace(from, to)).unwrap();
        assert!(!v.is_valid(&toml_to_json(&doc)), "schema accepts {to}");
    }
}

#[test]
fn fields_carry_their_chinese_names_for_the_editor() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let project = &schema["$defs"]["Project"]["properties"];
    assert_eq!(project["leader"]["title"], "责任领导");
    assert_eq!(project["deadline"]["title"], "完成时限");
    let d = project["amount"]["description"].as_str().unwrap();
    assert!(d.starts_with("规划投资"), "{d}");
    assert_eq!(
        schema["properties"]["notice"]["title"], "通知",
        "top-level tables are named too"
    );
}
