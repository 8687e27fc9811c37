use super::*;

#[test]
fn a_field_written_per_part_is_never_overwritten_by_one_value() {
    let src = "[plan]\nfunding = [{ name = \"甲\", amount = 1 }, { name = \"乙\", amount = 2 }]\n[notice]\ndoc_number = { code = \"峨府发\", year = 2023, seq = 7 }\n";
    for (path, value) in [
        (["plan", "funding"], Value::Money("3".into())),
        (
            ["notice", "doc_number"],
            Value::Text("峨府发〔2023〕7号".into()),
        ),
        (["plan", "funding"], Value::List(vec!["3".into()])),
    ] {
        let edit = Edit::Set {
            path: path.iter().map(|k| Key::Name(k.to_string())).collect(),
            value,
        };
        let e = apply(src, &[edit]).unwrap_err();
        assert!(e.contains("分项写的"), "{e}");
    }
}

const PLAN: &str = "# 头注\n[notice]\ntitle = \"旧标题\" # 标题注\n\n[plan]\nyear = 2023\n\n[[plan.categories]]\nname = \"甲\"\n\n[[plan.categories.projects]]\n# 项目一的注\nname = \"一\"\namount = 10\n\n[[plan.categories.projects]]\nname = \"二\"\namount = 20\n\n[[plan.categories]]\nname = \"乙\"\n";

fn k(s: &str) -> Key {
    Key::Name(s.into())
}

fn projects() -> Vec<Key> {
    vec![k("plan"), k("categories"), Key::Index(0), k("projects")]
}

#[test]
fn a_set_value_keeps_its_comments_and_every_other_line() {
    let edit = Edit::Set {
        path: vec![k("notice"), k("title")],
        value: Value::Text("新标题".into()),
    };
    let out = apply(PLAN, &[edit]).unwrap();
    assert_eq!(out, PLAN.replace("旧标题", "新标题"));
}

#[test]
fn amounts_are_taken_exactly_or_refused() {
    let mut path = projects();
    path.extend([Key::Index(1), k("amount")]);
    let set = |v: &str| {
        apply(
            PLAN,
            &[Edit::Set {
                path: path.clone(),
                value: Value::Money(v.into()),
            }],
        )
    };
    assert!(set("12.35").unwrap().contains("amount = 12.35\n"));
    assert!(set("1000").unwrap().contains("amount = 1000\n"));
    assert!(set("１，０００万元").unwrap().contains("amount = 1000\n"));
    assert!(set("1,00").unwrap_err().contains("逗号"));
    assert!(set("十").is_err());
}

#[test]
fn dates_lists_and_absent_values() {
    let date = |s: &str| Edit::Set {
        path: vec![k("notice"), k("date")],
        value: Value::Date(s.into()),
    };
    assert!(
        apply(PLAN, &[date("2023-02-07")])
            .unwrap()
            .contains("date = 2023-02-07")
    );
    assert!(
        apply(PLAN, &[date("2023年2月7日")])
            .unwrap()
            .contains("date = 2023-02-07")
    );
    assert!(
        apply(PLAN, &[date("2023-2-30")])
            .unwrap_err()
            .contains("没有2月30日")
    );
    let list = Edit::Set {
        path: vec![k("notice"), k("recipients")],
        value: Value::List(vec!["各乡镇".into(), "县级各部门".into()]),
    };
    assert!(
        apply(PLAN, &[list])
            .unwrap()
            .contains("recipients = [\"各乡镇\", \"县级各部门\"]")
    );
    let gone = Edit::Set {
        path: vec![k("notice"), k("title")],
        value: Value::Absent,
    };
    assert!(!apply(PLAN, &[gone]).unwrap().contains("旧标题"));
}

#[test]
fn a_moved_row_takes_its_sub_tables_along() {
    let plan = "[plan]\nyear = 2023\n\n[[plan.projects]]\nname = \"一\"\n\n[plan.projects.extra]\nnote = \"一的备注\"\n\n[[plan.projects]]\nname = \"二\"\n\n[[plan.projects]]\nname = \"三\"\n\n[plan.projects.extra]\nnote = \"三的备注\"\n";
    let path = vec![k("plan"), k("projects")];
    let out = apply(
        plan,
        &[Edit::Move {
            path,
            from: 0,
            to: 2,
        }],
    )
    .unwrap();
    let v: toml::Value = toml::from_str(&out).unwrap();
    let rows = v["plan"]["projects"].as_array().unwrap();
    let names: Vec<_> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["二", "三", "一"], "{out}");
    assert!(rows[0].get("extra").is_none(), "{out}");
    assert_eq!(rows[1]["extra"]["note"].as_str(), Some("三的备注"), "{out}");
    assert_eq!(rows[2]["extra"]["note"].as_str(), Some("一的备注"), "{out}");
}

#[test]
fn a_path_deeper_than_any_plan_is_refused() {
    let deep = Edit::Set {
        path: vec![k("a"); 50_000],
        value: Value::Text("x".into()),
    };
    assert!(apply(PLAN, &[deep]).unwrap_err().contains("过长"));
}

#[test]
fn a_missing_table_is_made_with_its_header() {
    let set = |key: &str, value: Value| Edit::Set {
        path: vec![k("correction"), k(key)],
        value,
    };
    let out = apply(
        PLAN,
        &[
            set("notice_number", Value::Text("峨边府办函〔2023〕9号".into())),
            set("date", Value::Date("2023-02-20".into())),
        ],
    )
    .unwrap();
    assert!(out.starts_with(PLAN), "{out}");
    assert!(
        out.ends_with(
            "[correction]\nnotice_number = \"峨边府办函〔2023〕9号\"\ndate = 2023-02-20\n"
        ),
        "{out}"
    );
}

#[test]
fn rows_move_with_their_comments_and_stay_in_their_category() {
    let out = apply(
        PLAN,
        &[Edit::Move {
            path: projects(),
            from: 0,
            to: 1,
        }],
    )
    .unwrap();
    let (two, one, yi) = (
        out.find("\"二\"").unwrap(),
        out.find("\"一\"").unwrap(),
        out.find("\"乙\"").unwrap(),
    );
    assert!(two < one && one < yi, "{out}");
    assert!(out.find("# 项目一的注").unwrap() < one && out.find("# 项目一的注").unwrap() > two);
    assert!(out.starts_with("# 头注\n[notice]\ntitle = \"旧标题\" # 标题注\n"));
}

#[test]
fn rows_are_added_and_removed() {
    let add = Edit::Insert {
        path: projects(),
        index: 1,
        fields: vec![
            ("name".into(), Value::Text("新项目".into())),
            ("amount".into(), Value::Money("5".into())),
        ],
    };
    let out = apply(PLAN, &[add]).unwrap();
    let (one, new, two) = (
        out.find("\"一\"").unwrap(),
        out.find("新项目").unwrap(),
        out.find("\"二\"").unwrap(),
    );
    assert!(
        one < new && new < two && two < out.find("\"乙\"").unwrap(),
        "{out}"
    );
    let out = apply(
        PLAN,
        &[Edit::Remove {
            path: projects(),
            index: 0,
        }],
    )
    .unwrap();
    assert!(!out.contains("\"一\"") && !out.contains("项目一的注") && out.contains("\"二\""));
    assert!(
        apply(
            PLAN,
            &[Edit::Remove {
                path: projects(),
                index: 5
            }]
        )
        .is_err()
    );
}

#[test]
fn a_broken_file_or_a_wrong_path_is_refused_not_guessed() {
    assert!(apply("[notice\n", &[]).is_err());
    let wrong = Edit::Set {
        path: vec![k("notice"), k("title"), k("x")],
        value: Value::Text("x".into()),
    };
    assert!(apply(PLAN, &[wrong]).is_err());
}
