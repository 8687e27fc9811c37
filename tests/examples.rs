//! The plans under plans/examples/, one per shape a county's plan may take: each checks clean,
//! renders, says what it should in the document, survives an XLSX round trip, and a mistake
//! seeded into it is caught by its rule on its line.

mod common;

use common::{gongwen, root, s, stdout};
use gongwen::archive::diff::diff;
use gongwen::check::{CheckOptions, check_path};
use gongwen::plan::load_str;
use gongwen::table::{Table, import, xlsx};

const EXAMPLES: [&str; 7] = [
    "total-investment",
    "funding-sources",
    "sub-items",
    "no-categories",
    "three-levels",
    "allocation",
    "cross-year",
];

fn path(name: &str) -> std::path::PathBuf {
    root().join(format!("plans/examples/{name}.toml"))
}

fn source(name: &str) -> String {
    std::fs::read_to_string(path(name)).unwrap()
}

#[test]
fn every_example_checks_clean_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    for name in EXAMPLES {
        let o = gongwen(&["check", "--deny-warnings", &s(&path(name))]);
        assert_eq!(o.status.code(), Some(0), "{name}:\n{}", stdout(&o));
        let pdf = dir.path().join(format!("{name}.pdf"));
        let emit = dir.path().join(name);
        let o = gongwen(&[
            "render",
            &s(&path(name)),
            "-o",
            &s(&pdf),
            "--emit-typst",
            &s(&emit),
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}:\n{}", stdout(&o));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "{name}");
    }
}

/// What each shape prints, read from the data the templates set.
#[test]
fn each_shape_prints_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let expected: [(&str, &[&str]); 7] = [
        (
            "total-investment",
            &[
                "总投资6400万元，其中2024年计划投资1500万元",
                "实施期限：2024年3月1日—9月30日",
                "\"总投资\"",
                "\"6400\"",
            ],
        ),
        (
            "funding-sources",
            &[
                "资金来源：东西部协作资金500万元、财政衔接资金512.5万元、自筹20.75万元",
                "资金2033.25万元",
                "\"财政衔接资金\"",
                "\"1212.50\"",
            ],
        ),
        (
            "sub-items",
            &[
                "（1）村内道路：210万元，硬化道路3.5公里。",
                "（4）公共照明：47万元。",
                "\"item\"",
            ],
        ),
        (
            "no-categories",
            &[
                "实施项目3个。",
                "（一）石门乡中药材种植基地项目。",
                "\"建设性质\"",
                "\"新建\"",
                "\"帮扶资金\"",
            ],
        ),
        (
            "three-levels",
            &[
                "实施项目2类4个",
                "1.发展种植业",
                "（1）青山县猕猴桃基地建设项目。",
                "\"一、产业帮扶\"",
                "\"（一）种植业\"",
            ],
        ),
        (
            "allocation",
            &[
                "附件：青山县2024年第一批衔接推进乡村振兴补助资金分配表",
                "\"乡镇（单位）\"",
                "\"分配资金\"",
                "\"560\"",
            ],
        ),
        (
            "cross-year",
            &["占57.1%", "占42.9%", "完成时限：2026年6月30日"],
        ),
    ];
    for (name, phrases) in expected {
        let emit = dir.path().join(name);
        let o = gongwen(&[
            "render",
            &s(&path(name)),
            "-o",
            &s(&dir.path().join(format!("{name}.pdf"))),
            "--emit-typst",
            &s(&emit),
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let data = std::fs::read_to_string(emit.join("data.json")).unwrap();
        for phrase in phrases {
            assert!(data.contains(phrase), "{name}: no {phrase}");
        }
        // A field a plan leaves out prints no label and no placeholder.
        assert!(
            !data.contains("待填写") && !data.contains("责任领导：\""),
            "{name}"
        );
    }
    // The allocation notice sends its table itself: no 实施方案, the note under the body.
    let data = std::fs::read_to_string(dir.path().join("allocation/data.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert!(v["scheme"].is_null());
    assert_eq!(v["notice"]["attachments"].as_array().unwrap().len(), 1);
}

/// Export the table, import it back: the same plan, whatever its shape.
#[test]
fn every_shape_survives_the_xlsx_round_trip() {
    for name in EXAMPLES {
        let src = source(name);
        let checked = check_path(&path(name), &CheckOptions::default())
            .into_checked()
            .unwrap();
        let plan = &checked.plan.value;
        let bytes = xlsx::write(&Table::of(plan, &checked.figures)).unwrap();
        let imported = import::read(&bytes, plan).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let rewritten = import::rewrite(&src, plan, &imported).unwrap();
        let back = load_str("x.toml", &rewritten).unwrap().value;
        assert_eq!(diff(plan, &back), [], "{name}");
        assert_eq!(
            format!(
                "{:?}",
                (
                    &plan.plan.projects,
                    &plan.plan.categories,
                    &plan.plan.allocations
                )
            ),
            format!(
                "{:?}",
                (
                    &back.plan.projects,
                    &back.plan.categories,
                    &back.plan.allocations
                )
            ),
            "{name}"
        );
    }
}

/// A mistake seeded into an example: the rule's code on the line of the change.
#[test]
fn a_seeded_mistake_is_caught_on_its_line() {
    let cases: [(&str, &str, &str, &str); 11] = [
        (
            "total-investment",
            "total_investment = 6400",
            "total_investment = 640",
            "amount-total-investment",
        ),
        (
            "total-investment",
            "start = 2024-04-01",
            "start = 2024-12-01",
            "date-start-after-deadline",
        ),
        (
            "funding-sources",
            "{ name = \"财政衔接资金\", amount = 512.5 },",
            "{ name = \"财政衔接资金\", amount = 502.5 },",
            "sum-sources",
        ),
        (
            "funding-sources",
            "  { name = \"财政衔接资金\", amount = 700 },",
            "  { name = \"财政资金\", amount = 700 },",
            "source-unknown",
        ),
        // Sub-items are tables of their own: the sum is reported on the amount they must make.
        ("sub-items", "amount = 450", "amount = 460", "sum-items"),
        (
            "funding-sources",
            "  { source = \"自筹\" },",
            "  { source = \"自筹资金\" },",
            "annex-columns",
        ),
        (
            "no-categories",
            "location = \"县城\"\n",
            "\n",
            "field-required",
        ),
        (
            "three-levels",
            "[[plan.categories.categories.projects]]\nname = \"石门乡卫生院设备购置项目\"",
            "[[plan.categories.projects]]\nname = \"挂在大项下的项目\"\namount = 1\n\n[[plan.categories.categories.projects]]\nname = \"石门乡卫生院设备购置项目\"",
            "plan-structure",
        ),
        (
            "allocation",
            "recipient = \"县农业农村局\"",
            "recipient = \"石门乡人民政府\"",
            "project-duplicate",
        ),
        (
            "cross-year",
            "cross_year = \"续建工程，主体2025年完成，管网2026年6月完工\"",
            "",
            "date-deadline-after-year",
        ),
        (
            "cross-year",
            "rule = \"date-plan-year\"",
            "rule = \"sum-funding\"",
            "policy-accept",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, from, to, code) in cases {
        let src = source(name);
        assert!(src.contains(from), "{name}: no {from}");
        let seeded = src.replacen(from, to, 1);
        let p = dir.path().join(format!("{name}.toml"));
        std::fs::write(&p, &seeded).unwrap();
        let o = gongwen(&["check", "--deny-warnings", "--format", "json", &s(&p)]);
        assert_eq!(o.status.code(), Some(1), "{name}/{code}");
        let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
        let hit = v
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{name}: no {code} in {v:#?}"));
        // The line of the change, or (for what was removed) the table it was removed from.
        let at = src[..src.find(from).unwrap()].matches('\n').count() as u64 + 1;
        let (line, end) = (
            hit["line"].as_u64().unwrap(),
            hit["end_line"].as_u64().unwrap(),
        );
        let last = at + to.matches('\n').count() as u64;
        assert!(
            (line <= last && at <= end) || (to.trim().is_empty() && line < at && at - line < 12),
            "{name}/{code}: lines {line}–{end}, change at {at}: {hit}"
        );
    }
}

/// The same plan with its sub-items listed in the 建设内容 cell and its dates to the month:
/// the table says so, and an XLSX round trip still gives the same plan; a sub-item changed in
/// the cell is refused (it is the plan's to change).
#[test]
fn items_in_the_cell_and_dates_to_the_month() {
    let src = source("sub-items")
        .replace("[plan.annex]\n", "[plan.annex]\nitems = \"格内\"\n")
        .replace("funding = 600\n", "funding = 600\ndates = \"月\"\n");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cell.toml");
    std::fs::write(&p, &src).unwrap();
    let checked = check_path(&p, &CheckOptions::default())
        .into_checked()
        .unwrap();
    let plan = &checked.plan.value;
    let table = Table::of(plan, &checked.figures);
    let texts: Vec<String> = table
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| table.text(c)))
        .collect();
    assert!(texts.contains(
        &"分四个子项实施；（1）村内道路210万元，硬化道路3.5公里；（2）安全饮水75万元，新建蓄水池2口；（3）人居环境118万元，改造农户厕所230户；（4）公共照明47万元".to_string()
    ), "{texts:#?}");
    assert_eq!(table.rows.len(), 1 + 1 + 2, "no rows of their own");
    let o = gongwen(&[
        "render",
        &s(&p),
        "-o",
        &s(&dir.path().join("c.pdf")),
        "--emit-typst",
        &s(&dir.path().join("t")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let data = std::fs::read_to_string(dir.path().join("t/data.json")).unwrap();
    assert!(
        data.contains("完成时限：2024年11月\""),
        "month form in the body"
    );

    let bytes = xlsx::write(&table).unwrap();
    let imported = import::read(&bytes, plan).unwrap();
    let back = load_str("x.toml", &import::rewrite(&src, plan, &imported).unwrap())
        .unwrap()
        .value;
    assert_eq!(diff(plan, &back), []);
    assert_eq!(
        format!("{:?}", plan.plan.categories),
        format!("{:?}", back.plan.categories)
    );

    // The table's item text edited: refused, by cell.
    let mut edited = table.clone();
    for r in &mut edited.rows {
        for c in &mut r.cells {
            if let gongwen::table::Cell::Text(t) = c {
                *t = t.replace("村内道路210万元", "村内道路250万元");
            }
        }
    }
    let e = import::read(&xlsx::write(&edited).unwrap(), plan).unwrap_err();
    assert!(
        e[0].starts_with("计划表!C6：") && e[0].contains("子项"),
        "{e:?}"
    );
}

/// A column per funding source adds up like the amount: in the table and, as formulas, in
/// the workbook; a project without the source leaves its cell empty.
#[test]
fn source_columns_add_up_with_formulas() {
    let checked = check_path(&path("funding-sources"), &CheckOptions::default())
        .into_checked()
        .unwrap();
    let table = Table::of(&checked.plan.value, &checked.figures);
    let col = |title: &str| {
        table
            .columns
            .iter()
            .position(|c| c.title() == title)
            .unwrap()
    };
    let (wx, cz, zc) = (col("东西部协作资金"), col("财政衔接资金"), col("自筹"));
    let total = &table.rows[0];
    assert_eq!(
        [wx, cz, zc].map(|c| table.text(&total.cells[c])),
        ["800.00", "1212.50", "20.75"]
    );
    // The 就业 project has no 自筹: an empty cell, not a zero.
    let last = table.rows.last().unwrap();
    assert_eq!(table.text(&last.cells[zc]), "");
    let bytes = xlsx::write(&table).unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let formulas = wb.worksheet_formula("计划表").unwrap();
    let letter = xlsx::col_letter(cz as u16);
    let f = formulas.get_value((3, cz as u32)).unwrap();
    assert!(f.starts_with("SUM(") && f.contains(&letter), "{f}");
}

/// Two tables annexed ([[plan.annex]] twice): each headed 附件1, 附件2 with its own columns,
/// the 附件说明 numbered, both in the XLSX export's first table only and in `annex -o x.pdf`.
#[test]
fn two_annexed_tables_are_numbered() {
    let src = source("total-investment").replace(
        "[plan.annex]\ntitle = \"青山县2024年东西部协作项目计划表\"",
        "[[plan.annex]]\ntitle = \"青山县2024年东西部协作项目计划表\"",
    ) + "\n[[plan.annex]]\ntitle = \"青山县2024年东西部协作项目绩效目标表\"\ncolumns = [\"序号\", \"项目名称\", \"规划投资\", \"效益\"]\n";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("two.toml");
    std::fs::write(&p, &src).unwrap();
    let o = gongwen(&["check", "--deny-warnings", &s(&p)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let emit = dir.path().join("t");
    let o = gongwen(&[
        "render",
        &s(&p),
        "-o",
        &s(&dir.path().join("two.pdf")),
        "--emit-typst",
        &s(&emit),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(emit.join("data.json")).unwrap()).unwrap();
    let annexes = v["annexes"].as_array().unwrap();
    assert_eq!(annexes.len(), 2);
    assert_eq!(
        (annexes[0]["label"].as_str(), annexes[1]["label"].as_str()),
        (Some("附件1"), Some("附件2"))
    );
    assert_eq!(annexes[1]["columns"].as_array().unwrap().len(), 4);
    let note: Vec<&str> = v["scheme"]["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        note,
        [
            "附件：1. 青山县2024年东西部协作项目计划表",
            "2. 青山县2024年东西部协作项目绩效目标表"
        ]
    );
    let o = gongwen(&["annex", &s(&p), "-o", &s(&dir.path().join("tables.pdf"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
