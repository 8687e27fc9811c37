//! `gongwen check` end to end: exit codes, positions, messages, hostile input.

mod common;
use common::*;

use std::path::Path;
use std::process::Output;

fn assert_no_panic(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
}

/// Findings as JSON values.
fn check_json(path: &str, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--format", "json", path];
    args.extend_from_slice(extra);
    let o = gongwen(&args);
    assert_no_panic(&o);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&o)));
    (o.status.code().unwrap(), v)
}

/// 1-based line of the first line containing `needle`.
fn line_of(path: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {path}")) as u64
        + 1
}

fn codes(v: &[serde_json::Value]) -> Vec<&str> {
    v.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn base_with_roster() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/base.toml")).unwrap()
}

/// The base fixture without its roster line, for copies written to a temporary folder.
fn base() -> String {
    base_with_roster().replace("roster = \"roster.toml\"\n", "")
}

#[test]
fn the_ebian_plan_checks_clean() {
    let o = gongwen(&["check", "plans/ebian-2023.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("没有发现问题"), "{}", stdout(&o));
    let (code, v) = check_json("plans/ebian-2023.toml", &["--deny-warnings"]);
    assert_eq!((code, v.len()), (0, 0), "{v:#?}");
}

#[test]
fn the_small_base_fixture_is_clean() {
    let (code, v) = check_json("tests/fixtures/base.toml", &["--deny-warnings"]);
    assert_eq!((code, v.len()), (0, 0), "{v:#?}");
}

/// Each of the seed's own errors, in its own fixture, is caught by the right rule on the
/// right line.
#[test]
fn the_seeds_errors_are_caught_where_they_are() {
    let cases: &[(&str, &str, &str, &str, i32)] = &[
        (
            "amount-1370.toml",
            "sum-funding",
            "funding = 1540",
            "error",
            1,
        ),
        (
            "deadline-2022.toml",
            "date-deadline-before-signed",
            "deadline = 2022-10-30",
            "error",
            1,
        ),
        (
            "xiabian.toml",
            "roster-unknown",
            "location = \"峡边",
            "warning",
            0,
        ),
        (
            "yiping-county.toml",
            "roster-unknown",
            "implementer = \"宜坪县",
            "warning",
            0,
        ),
        (
            "square-brackets.toml",
            "wenhao-brackets",
            "[2023]",
            "error",
            1,
        ),
        (
            "copied-names.toml",
            "project-duplicate",
            "学前学普",
            "error",
            1,
        ),
    ];
    for &(file, code, needle, severity, exit) in cases {
        let path = format!("tests/fixtures/seed/{file}");
        let (got_exit, v) = check_json(&path, &[]);
        assert_eq!(got_exit, exit, "{file}: {v:#?}");
        assert_eq!(codes(&v), [code], "{file}");
        let d = &v[0];
        assert_eq!(d["severity"], severity, "{file}");
        let expected_line = if file == "copied-names.toml" {
            // The second copy is the duplicate: the 学前学普 project's name line, two above
            // its content line.
            line_of(&path, "content = \"对标配置创建学前学普") - 2
        } else {
            line_of(&path, needle)
        };
        assert_eq!(d["line"], expected_line, "{file}: {d}");
        assert!(!d["message"].as_str().unwrap().is_empty());
        assert!(!d["hint"].as_str().unwrap().is_empty());
    }
}

#[test]
fn did_you_mean_for_the_seeds_misspellings() {
    let (_, v) = check_json("tests/fixtures/seed/xiabian.toml", &[]);
    assert!(
        v[0]["hint"].as_str().unwrap().contains("“峨边”"),
        "{}",
        v[0]
    );
    let (_, v) = check_json("tests/fixtures/seed/yiping-county.toml", &[]);
    assert!(
        v[0]["hint"].as_str().unwrap().contains("宜坪乡人民政府"),
        "{}",
        v[0]
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let (code, _) = check_json("tests/fixtures/seed/xiabian.toml", &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn human_output_has_position_caret_and_hint() {
    let path = "tests/fixtures/seed/deadline-2022.toml";
    let o = gongwen(&["check", path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = line_of(path, "deadline = 2022-10-30");
    assert!(out.contains(&format!("{path}:{line}:12")), "{out}");
    assert!(out.contains("error[date-deadline-before-signed]"), "{out}");
    assert!(out.contains("deadline = 2022-10-30"), "{out}");
    assert!(out.contains("^^^^^^^^^^"), "{out}");
    assert!(out.contains("提示：是否应为 2023年10月30日"), "{out}");
    assert!(out.contains("1 个错误，0 个警告"), "{out}");
}

#[test]
fn several_plans_in_one_run() {
    let o = gongwen(&[
        "check",
        "plans/ebian-2023.toml",
        "tests/fixtures/seed/amount-1370.toml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("检查了 2 个计划文件"));
}

#[test]
fn toml_syntax_errors_are_positioned() {
    let dir = tempfile::tempdir().unwrap();
    let src = base().replace("amount = 300\n", "amount = 300 万元\n");
    let p = write_temp(dir.path(), "syntax.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&v), ["toml-syntax"]);
    assert_eq!(v[0]["line"], line_of_text(&src, "amount = 300 万元"));
}

fn line_of_text(src: &str, needle: &str) -> u64 {
    src.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = base().replace("leader = \"刘锋\"", "leadr = \"刘锋\"");
    let p = write_temp(dir.path(), "unknown.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&v), ["toml-unknown-key"]);
    assert_eq!(v[0]["line"], line_of_text(&src, "leadr ="));
    assert_eq!(v[0]["column"], 1);
    assert!(
        v[0]["hint"].as_str().unwrap().contains("是不是“leader”"),
        "{}",
        v[0]
    );
}

#[test]
fn wrong_types_and_missing_keys_are_positioned() {
    let dir = tempfile::tempdir().unwrap();
    let src = base().replace("year = 2023", "year = \"2023年\"");
    let p = write_temp(dir.path(), "type.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["toml-type"]));
    assert_eq!(v[0]["line"], line_of_text(&src, "year = \"2023年\""));

    let src = base().replace("amount = 300\n", "");
    let p = write_temp(dir.path(), "missing.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["toml-missing-key"]));
    assert!(
        v[0]["message"].as_str().unwrap().contains("规划投资"),
        "{}",
        v[0]
    );
}

/// A project field is the plan's to require: without a policy a missing 责任领导 is simply not
/// printed; with `required = ["leader"]` it is an error on that project's line.
#[test]
fn a_field_the_policy_requires_is_reported_on_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let src = base().replace("leader = \"刘锋\"\n", "");
    let p = write_temp(dir.path(), "optional.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (0, vec![]));
    let src = src + "\n[policy]\nrequired = [\"leader\", \"deadline\"]\n";
    let p = write_temp(dir.path(), "required.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["field-required"]));
    assert!(
        v[0]["message"].as_str().unwrap().contains("责任领导"),
        "{}",
        v[0]
    );
    assert!(
        v[0]["hint"].as_str().unwrap().contains("required"),
        "{}",
        v[0]
    );
    assert_eq!(v[0]["path"], "plan.categories[1].projects[0].leader");
    let name_line = line_of_text(&src, "干部人才交流培训项目\"");
    let line = v[0]["line"].as_u64().unwrap();
    assert!((name_line - 1..=name_line + 8).contains(&line), "{}", v[0]);
}

#[test]
fn bad_amounts_are_diagnostics_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "nan",
        "inf",
        "-inf",
        "1e400",
        "99999999999999999999999",
        "\"一千\"",
        "true",
    ] {
        let src = base().replace("amount = 300\n", &format!("amount = {bad}\n"));
        let p = write_temp(dir.path(), "amount.toml", src.as_bytes());
        let (code, v) = check_json(&p, &[]);
        assert_eq!(code, 1, "{bad}: {v:#?}");
        assert_eq!(v.len(), 1, "{bad}: {v:#?}");
        assert_eq!(
            v[0]["line"],
            line_of_text(&src, &format!("amount = {bad}")),
            "{bad}"
        );
    }
}

#[test]
fn amounts_are_exact_decimals() {
    let dir = tempfile::tempdir().unwrap();
    // 0.1 + 0.2 style sums must be exact: 999.9 + 0.1 + … must still equal the funding.
    let src = base()
        .replace("amount = 1000\n", "amount = 999.9\n")
        .replace("amount = 90\n", "amount = 90.1\n");
    let p = write_temp(dir.path(), "exact.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, v.len()), (0, 0), "{v:#?}");
}

#[test]
fn invalid_dates_are_positioned() {
    let dir = tempfile::tempdir().unwrap();
    let src = base().replace("date = 2023-02-07", "date = 2023-02-30");
    let p = write_temp(dir.path(), "date.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1, "{v:#?}");
    assert_eq!(v[0]["line"], line_of_text(&src, "date = 2023-02-30"));
}

#[test]
fn hostile_bytes_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    // Invalid UTF-8 in the middle of a valid plan: position of the first bad byte.
    let mut bytes = base().into_bytes();
    let at = bytes.len() / 2;
    bytes.splice(at..at, [0xff, 0xfe]);
    let p = write_temp(dir.path(), "latin.toml", &bytes);
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["input-utf8"]));

    // Binary garbage, deterministic.
    let mut x: u32 = 12345;
    let garbage: Vec<u8> = (0..100_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let p = write_temp(dir.path(), "garbage.toml", &garbage);
    let (code, _) = check_json(&p, &[]);
    assert_eq!(code, 1);

    // Deep nesting.
    let p = write_temp(
        dir.path(),
        "deep.toml",
        format!("a = {}", "[".repeat(100_000)).as_bytes(),
    );
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["toml-nesting"]));

    // Deep inline tables too.
    let p = write_temp(
        dir.path(),
        "deep2.toml",
        format!("a = {}", "{b = ".repeat(50_000)).as_bytes(),
    );
    let (code, _) = check_json(&p, &[]);
    assert_eq!(code, 1);

    // A 10 MB file of one long line.
    let p = write_temp(dir.path(), "big.toml", &vec![b'a'; 10 * 1024 * 1024]);
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["toml-syntax"]));

    // Duplicate keys.
    let src = base().replace("year = 2023\n", "year = 2023\nyear = 2024\n");
    let p = write_temp(dir.path(), "dup.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["toml-syntax"]));
    assert_eq!(v[0]["line"], line_of_text(&src, "year = 2024"));
}

#[test]
fn files_too_large_directories_and_missing_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_temp(dir.path(), "huge.toml", &vec![b'#'; 33 * 1024 * 1024]);
    let o = gongwen(&["check", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("MiB"), "{}", stdout(&o));

    let o = gongwen(&["check", &dir.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("文件夹"), "{}", stdout(&o));

    let o = gongwen(&["check", "no/such/plan.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("找不到"), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(gongwen(&["check"]).status.code(), Some(2));
    assert_eq!(gongwen(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        gongwen(&["check", "--format", "xml", "a.toml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_missing_roster_is_reported_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_temp(dir.path(), "plan.toml", base_with_roster().as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!((code, codes(&v)), (1, vec!["roster-file"]));
    assert_eq!(v[0]["line"], 2);
    // --roster overrides the plan's own.
    let (code, v) = check_json(&p, &["--roster", "plans/ebian-roster.toml"]);
    assert_eq!((code, v.len()), (0, 0), "{v:#?}");
}

#[test]
fn json_shape_is_stable() {
    let (_, v) = check_json("tests/fixtures/seed/square-brackets.toml", &[]);
    let keys: Vec<&str> = v[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "severity",
        "message",
        "hint",
        "path",
    ];
    expected.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, expected);
    assert_eq!(v[0]["path"], "notice.doc_number");
}

#[test]
fn rules_lists_every_code() {
    let o = gongwen(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for code in [
        "wenhao-brackets",
        "wenhao-year",
        "wenhao-di",
        "wenhao-leading-zero",
        "wenhao-suffix",
        "date-issue-before-signed",
        "date-deadline-before-signed",
        "date-deadline-after-year",
        "date-plan-year",
        "sum-funding",
        "sum-subtotal",
        "amount-positive",
        "amount-scale",
        "field-required",
        "project-duplicate",
        "category-empty",
        "industry-linkage",
        "policy-min-share",
        "roster-unknown",
        "text-trailing-punct",
        "text-outdated-term",
        "toml-syntax",
        "toml-unknown-key",
    ] {
        assert!(out.contains(code), "{code} missing from:\n{out}");
    }
    let o = gongwen(&["rules", "--format", "json"]);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.len() >= 25);
}

#[test]
fn the_correction_notice_number_and_date_are_checked_on_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        base() + "\n[correction]\nnotice_number = \"峨边府办函[2023]09号\"\ndate = 2023-01-20\n";
    let p = write_temp(dir.path(), "corr.toml", src.as_bytes());
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    let mut got = codes(&v);
    got.sort();
    assert_eq!(
        got,
        [
            "date-correction-before-signed",
            "wenhao-brackets",
            "wenhao-leading-zero"
        ]
    );
    for d in &v {
        let needle = if d["code"] == "date-correction-before-signed" {
            "date = 2023-01-20"
        } else {
            "notice_number ="
        };
        assert_eq!(d["line"], line_of_text(&src, needle), "{d}");
    }
    let human = stdout(&gongwen(&["check", &p]));
    assert!(
        human.contains("更正通知的文号“峨边府办函[2023]09号”的年份括号不对"),
        "{human}"
    );
}

/// The commonest typing mistakes come out in Chinese, at the value, saying what to type.
#[test]
fn common_typing_mistakes_say_what_to_type_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/roster.toml"),
        dir.path().join("roster.toml"),
    )
    .unwrap();
    let base = std::fs::read_to_string(root().join("tests/fixtures/base.toml")).unwrap();
    for (from, to, says) in [
        (
            "date = 2023-02-07",
            "date = 2023-2-7",
            "日期写成 2023-02-07",
        ),
        (
            "funding = 1540",
            "funding = 1,540",
            "数字里不写逗号：funding = 1540",
        ),
    ] {
        std::fs::write(dir.path().join("p.toml"), base.replacen(from, to, 1)).unwrap();
        let o = gongwen_in(dir.path(), &["check", "--format", "json", "p.toml"]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let d = &v[0];
        assert_eq!(d["code"], "toml-syntax");
        assert!(d["hint"].as_str().unwrap().contains(says), "{d}");
        let line = base.lines().position(|l| l == from).unwrap() + 1;
        assert_eq!(d["line"], line as u64);
        assert_eq!(d["column"], (to.find('=').unwrap() + 3) as u64, "{d}");
    }
}

/// Each mistake no rule looked at before, seeded in its own copy of the base fixture
/// (`tests/fixtures/mistakes/CODE.toml`), is caught by its rule on its line, the caret on the
/// fault itself (the figure, the term, the number), not on the whole string.
#[test]
fn each_seeded_mistake_is_caught_with_the_caret_on_the_fault() {
    // (rule, a text on the finding's line, what the caret covers)
    let cases = [
        ("prose-count", "intro = \"本类安排3个", "3"),
        ("prose-amount", "共计1600万元", "1600"),
        ("prose-share", "占64.93%", "64.93"),
        ("heading-numbered", "heading = \"一、工作任务\"", "一、"),
        (
            "names-disagree",
            "signer = ",
            "\"峨边彝族自治县人民政府办工室\"",
        ),
        (
            "title-cited",
            "《峨边",
            "峨边彝族自治县2023年东西部协作项目实施方案",
        ),
        ("annex-title-year", "2022年", "2022"),
        ("text-traditional", "產業合作", "產業"),
        ("font-fallback", "王堃", "堃"),
        ("text-outdated-term", "贫困群众", "贫困群众"),
        ("amount-implausible", "amount = 900000", "900000"),
    ];
    for (code, needle, caret) in cases {
        let path = format!("tests/fixtures/mistakes/{code}.toml");
        let (_, v) = check_json(&path, &[]);
        assert!(codes(&v).iter().all(|c| *c == code), "{code}: {v:#?}");
        let line = line_of(&path, needle);
        let d = v
            .iter()
            .find(|d| d["line"] == line)
            .unwrap_or_else(|| panic!("{code}: nothing on line {line}: {v:#?}"));
        let text = std::fs::read_to_string(root().join(&path)).unwrap();
        let source_line = text.lines().nth(line as usize - 1).unwrap();
        let at = source_line[..source_line.find(caret).unwrap()]
            .chars()
            .count() as u64
            + 1;
        let end = at + caret.chars().count() as u64;
        assert_eq!(
            (&d["column"], &d["end_column"]),
            (&at.into(), &end.into()),
            "{code}: {d}"
        );
        assert!(!d["hint"].as_str().unwrap().is_empty(), "{code}");
    }
}

/// The new warnings are accepted with a written reason like any other; the new errors never.
#[test]
fn the_new_warnings_can_be_accepted_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = |code: &str| {
        std::fs::read_to_string(root().join(format!("tests/fixtures/mistakes/{code}.toml")))
            .unwrap()
            .replace("roster = \"roster.toml\"\n", "")
    };
    let accept = |code: &str| {
        format!("\n[[policy.accept]]\nrule = \"{code}\"\nreason = \"人名用字，按户籍登记\"\n")
    };
    let text = fixture("font-fallback") + &accept("font-fallback");
    let path = write_temp(dir.path(), "accepted.toml", text.as_bytes());
    let (exit, v) = check_json(&path, &["--deny-warnings"]);
    assert_eq!(exit, 0, "{v:#?}");
    assert_eq!(v[0]["severity"], "accepted");
    let text = fixture("prose-count") + &accept("prose-count");
    let path = write_temp(dir.path(), "error.toml", text.as_bytes());
    let (exit, v) = check_json(&path, &[]);
    assert_eq!(exit, 1);
    assert!(codes(&v).contains(&"policy-accept"), "{v:#?}");
}

#[test]
fn rules_explain_prints_one_rule_at_length() {
    let o = gongwen(&["rules", "--explain", "prose-count"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("prose-count（错误）："), "{text}");
    for part in ["**检查什么**", "**为什么**", "**错误示例**", "**改正**"] {
        assert!(text.contains(part), "{text}");
    }
    let o = gongwen(&["rules", "--explain", "toml-syntax", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["code"], "toml-syntax");
    assert!(v["explain"].as_str().unwrap().contains("**改正**"));
    let o = gongwen(&["rules", "--explain", "prose-cont"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("是不是“prose-count”"));
}
