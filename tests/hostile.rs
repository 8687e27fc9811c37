//! The hostile corpus (tests/hostile/cases.toml): each case's exit code and findings, every
//! finding positioned, no panic; markup prints literally; huge inputs stay diagnostics.

mod common;
use common::*;

use gongwen::check::{CheckOptions, check_loaded, check_path};
use gongwen::plan::load_str;
use gongwen::render::{RenderOptions, render};
use gongwen_testing::inspect::pages;
use gongwen_testing::synth::plan_with_projects;

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    file: String,
    exit: i32,
    codes: Vec<String>,
    #[serde(default)]
    render: bool,
}

#[test]
fn every_case_gives_its_expected_outcome() {
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(root().join("tests/hostile/cases.toml")).unwrap())
            .unwrap();
    assert!(cases.case.len() >= 10);
    for c in &cases.case {
        let path = format!("tests/hostile/{}", c.file);
        let o = gongwen(&["check", "--format", "json", &path]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{}: {err}", c.file);
        assert_eq!(o.status.code(), Some(c.exit), "{}: {}", c.file, stdout(&o));
        let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
        let mut got: Vec<&str> = v.iter().map(|d| d["code"].as_str().unwrap()).collect();
        got.sort();
        got.dedup();
        assert_eq!(got, c.codes, "{}", c.file);
        for d in &v {
            assert!(
                d["line"].as_u64().unwrap() > 0,
                "{}: unpositioned {d}",
                c.file
            );
        }
        if c.render {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("x.pdf");
            let o = gongwen(&["render", &path, "-o", &s(&out)]);
            assert_eq!(o.status.code(), Some(0), "{}: {}", c.file, stdout(&o));
        } else if c.exit != 0 {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("x.pdf");
            let o = gongwen(&["render", &path, "-o", &s(&out)]);
            assert_eq!(o.status.code(), Some(c.exit), "{}", c.file);
            assert!(!out.exists(), "{}: no PDF for a plan with errors", c.file);
        }
    }
}

#[test]
fn markup_prints_as_the_characters_typed() {
    let outcome = check_path(
        &root().join("tests/hostile/markup.toml"),
        &CheckOptions::default(),
    );
    let checked = outcome.into_checked().unwrap();
    let r = render(&checked, &RenderOptions::default()).unwrap();
    let text: String = pages(&r.document).iter().map(|p| p.text()).collect();
    let markup = r#"#set page(width: 1cm) *粗* _斜_ $x^2$ @ref <lbl> ] [ \ "引号" `代码` #read("/etc/passwd")"#;
    let p = &checked.plan.value.plan.categories[1].projects[0];
    assert_eq!(p.name, markup);
    // Body text is justified and wrapped, so compare without the line breaks' effect:
    // the annex shows the content cell, the body its paragraph.
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let wanted: String = markup.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squeezed.matches(&wanted).count() >= 4,
        "the markup appears literally in title, body, heading, project"
    );
    assert!(!text.contains("root:"));
}

#[test]
fn a_one_megabyte_name_is_a_diagnostic() {
    let src = std::fs::read_to_string(root().join("tests/fixtures/base.toml"))
        .unwrap()
        .replace("roster = \"roster.toml\"\n", "")
        .replace(
            "name = \"城乡融合民生事业提升工程—干部人才交流培训项目\"",
            &format!("name = \"{}\"", "项".repeat(350_000)),
        );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.toml");
    std::fs::write(&p, src).unwrap();
    assert!(std::fs::metadata(&p).unwrap().len() > 1_000_000);
    let o = gongwen(&["check", "--format", "json", &s(&p)]);
    assert_eq!(o.status.code(), Some(1));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["code"], "text-too-long");
    assert!(v[0]["line"].as_u64().unwrap() > 1);
}

#[test]
fn ten_thousand_projects_check_clean() {
    let loaded = load_str("big.toml", &plan_with_projects(10_000)).unwrap();
    let outcome = check_loaded(loaded, &CheckOptions::default());
    assert_eq!(outcome.errors() + outcome.warnings(), 0);
    assert_eq!(
        outcome.into_checked().unwrap().figures.project_count,
        10_000
    );
}

/// A measurement more than a test (≈ 30 s in a debug build): `cargo test -- --ignored`.
#[test]
#[ignore = "slow: run with --ignored"]
fn ten_thousand_projects_render() {
    let loaded = load_str("big.toml", &plan_with_projects(10_000)).unwrap();
    let outcome = check_loaded(loaded, &CheckOptions::default());
    let r = render(&outcome.into_checked().unwrap(), &RenderOptions::default()).expect("renders");
    assert!(r.pages() > 500, "{} pages", r.pages());
    assert!(r.pdf.starts_with(b"%PDF-"));
}

#[test]
fn two_thousand_mutated_plans_never_panic() {
    use gongwen_testing::mutate::{Reached, Rng, exercise, mutate};
    let seed = std::fs::read(root().join("plans/ebian-2023.toml")).unwrap();
    let mut rng = Rng::new(2026);
    let loaded = (0..2_000)
        .filter(|_| exercise(&mutate(&seed, &mut rng)) != Reached::Refused)
        .count();
    // Some mutations keep the plan loadable, so the rules and the view ran too.
    assert!(loaded > 20, "{loaded}");
}

/// Every input the fuzzer found a fault with (fuzz/regressions/, named for its target), run
/// through that target's path again.
#[test]
fn fuzz_findings_stay_fixed() {
    use gongwen_testing::mutate::{Reached, exercise};
    let dir = root().join("fuzz/regressions");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    let plan = gongwen::plan::load::load_file(&root().join("plans/ebian-2023.toml"))
        .unwrap()
        .value;
    let (mut checks, mut imports) = (0, 0);
    for path in found {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read(&path).unwrap();
        if name.starts_with("check-") {
            checks += 1;
            // The 120-"+" title loads (with rule errors elsewhere), so its title was balanced.
            assert_ne!(exercise(&input), Reached::Refused, "{name}");
        } else if name.starts_with("import-") {
            imports += 1;
            let errors = gongwen::table::import::read(&input, &plan).unwrap_err();
            assert!(errors[0].contains("表格文件已损坏"), "{name}: {errors:?}");
        } else {
            panic!("{name}: regressions are named check-… or import-…");
        }
    }
    assert!(checks > 0 && imports > 0, "{checks} {imports}");
}

/// Random plans of random shape whose texts mix CJK, full-width punctuation and Typst markup
/// (synth::random_plan) pass `check`, so they must render, and print what was typed.
#[test]
fn random_valid_plans_render_what_was_typed() {
    use gongwen::plan::load::load_str;
    use gongwen_testing::synth::random_plan;
    for seed in 1..=12 {
        let loaded = load_str("random.toml", &random_plan(seed)).unwrap();
        let outcome = check_loaded(loaded, &CheckOptions::default());
        assert_eq!(outcome.errors(), 0, "seed {seed}: {:#?}", outcome.reports);
        let checked = outcome.into_checked().unwrap();
        let r = render(&checked, &RenderOptions::default()).expect("renders");
        let squeeze = |s: &str| without_page_numbers(&s.split_whitespace().collect::<String>());
        // The body is read in order; a paragraph that crosses a page has the page number
        // ("— 9 —") in between, taken out of both sides alike.
        let text = squeeze(
            &pages(&r.document)
                .iter()
                .map(|p| p.text())
                .collect::<String>(),
        );
        for c in &checked.plan.value.plan.categories {
            assert!(
                text.contains(&squeeze(&c.heading)),
                "seed {seed}: {}",
                c.heading
            );
            for p in &c.projects {
                assert!(text.contains(&squeeze(&p.name)), "seed {seed}: {}", p.name);
            }
        }
    }
}

/// The text with every "—digits—" taken out.
fn without_page_numbers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '—' {
            let digits = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits > 0 && chars.get(i + 1 + digits) == Some(&'—') {
                i += digits + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

// ── Files that are not what they claim to be (issue: safe with any file) ──────────────

/// A folder holding the 峨边 plan (as plan.toml) and its roster, and a folder beside it.
fn office() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::create_dir(dir.path().join("outside")).unwrap();
    std::fs::copy(
        root().join("plans/ebian-2023.toml"),
        dir.path().join("plans/plan.toml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        dir.path().join("plans/ebian-roster.toml"),
    )
    .unwrap();
    dir
}

fn with_roster(dir: &std::path::Path, roster: &str) {
    let plan = dir.join("plans/plan.toml");
    let src = std::fs::read_to_string(&plan).unwrap();
    let src = src.replace(
        "roster = \"ebian-roster.toml\"",
        &format!("roster = {roster:?}"),
    );
    std::fs::write(plan, src).unwrap();
}

fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

/// `roster =` names only a file in the plan's folder, and the content of a file that is no
/// roster is never printed: `roster = "/proc/self/environ"` used to print the environment.
#[test]
fn a_roster_outside_the_plan_folder_is_refused_and_never_echoed() {
    let secret = "GONGWEN_TEST_SECRET_7f3a";
    let d = office();
    std::fs::write(
        d.path().join("outside/keys.toml"),
        format!("token = \"{secret}\"\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        d.path().join("outside/keys.toml"),
        d.path().join("plans/linked.toml"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("plans/broken.toml"),
        format!("places = [\n{secret} = 1\n"),
    )
    .unwrap();
    for roster in [
        "/proc/self/environ",
        "../outside/keys.toml",
        "linked.toml",
        "broken.toml",
    ] {
        with_roster(d.path(), roster);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(["check", "plans/plan.toml"])
            .current_dir(d.path())
            .env(secret, secret)
            .output()
            .unwrap();
        let all = stdout(&o) + &String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{roster}: {all}");
        assert!(all.contains("roster-file"), "{roster}: {all}");
        assert!(!all.contains(secret), "{roster}: leaked: {all}");
        std::fs::copy(
            root().join("plans/ebian-2023.toml"),
            d.path().join("plans/plan.toml"),
        )
        .unwrap();
    }
    // The one it names in its own folder is read as before.
    let o = gongwen_in(d.path(), &["check", "plans/plan.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// A pipe or a device named as a plan, a roster or a font is refused at once, not read
/// forever (a FIFO used to block; a font linked to /dev/zero read until memory ran out).
#[test]
fn pipes_and_devices_are_refused_without_hanging() {
    let d = office();
    mkfifo(&d.path().join("plans/pipe.toml"));
    let o = gongwen_within(d.path(), &["check", "plans/pipe.toml"], 20).expect("a plan pipe hangs");
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("不是普通文件"), "{}", stdout(&o));

    with_roster(d.path(), "pipe.toml");
    let o =
        gongwen_within(d.path(), &["check", "plans/plan.toml"], 20).expect("a roster pipe hangs");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("不是普通文件"), "{}", stdout(&o));

    std::fs::create_dir(d.path().join("fonts")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.path().join("fonts/zero.ttf")).unwrap();
    let o = gongwen_within(d.path(), &["fonts", "--font-dir", "fonts"], 20)
        .expect("a font device hangs");
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let all = stdout(&o) + &String::from_utf8_lossy(&o.stderr);
    assert!(all.contains("不是普通文件"), "{all}");
}

/// Output never replaces what the run reads, nor anything that is not a regular file, nor a
/// link: `render -o` onto the plan used to replace the plan with the PDF, exit 0.
#[test]
fn output_never_replaces_an_input_a_pipe_or_a_link() {
    let d = office();
    let plan = d.path().join("plans/plan.toml");
    let before = std::fs::read(&plan).unwrap();
    mkfifo(&d.path().join("out.pdf"));
    std::os::unix::fs::symlink(
        d.path().join("outside/target.pdf"),
        d.path().join("link.pdf"),
    )
    .unwrap();
    std::fs::write(d.path().join("outside/target.pdf"), b"kept").unwrap();
    // The plan under a name of an output kind (a hard link): the same file all the same.
    std::fs::hard_link(&plan, d.path().join("plans/same.pdf")).unwrap();
    std::fs::create_dir(d.path().join("folder.pdf")).unwrap();
    for (args, what) in [
        (
            vec!["render", "plans/plan.toml", "-o", "plans/plan.toml"],
            "扩展名不认识",
        ),
        (
            vec!["render", "plans/plan.toml", "-o", "plans/same.pdf"],
            "是这次读入的文件",
        ),
        (
            vec!["render", "plans/plan.toml", "-o", "plans/ebian-roster.toml"],
            "扩展名不认识",
        ),
        (
            vec!["annex", "plans/plan.toml", "-o", "plans/same.pdf"],
            "是这次读入的文件",
        ),
        (
            vec!["render", "plans/plan.toml", "-o", "out.pdf"],
            "不是普通文件",
        ),
        (
            vec!["render", "plans/plan.toml", "-o", "outside"],
            "扩展名不认识",
        ),
        (
            vec!["render", "plans/plan.toml", "-o", "folder.pdf"],
            "不是普通文件",
        ),
        (
            vec!["render", "plans/plan.toml", "-o", "link.pdf"],
            "是一个链接",
        ),
        (
            vec!["annex", "plans/plan.toml", "-o", "link.pdf"],
            "是一个链接",
        ),
    ] {
        let o = gongwen_within(d.path(), &args, 60).expect("no hang");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stdout(&o).contains(what), "{args:?}: {}", stdout(&o));
    }
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is untouched"
    );
    assert_eq!(
        std::fs::read(d.path().join("outside/target.pdf")).unwrap(),
        b"kept"
    );
    assert!(
        std::fs::symlink_metadata(d.path().join("link.pdf"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A plan named x.pdf rendered to its default output (x.pdf) is refused too.
    std::fs::copy(&plan, d.path().join("plans/x.pdf")).unwrap();
    let o = gongwen_in(d.path(), &["render", "plans/x.pdf"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(std::fs::read(d.path().join("plans/x.pdf")).unwrap(), before);
}
