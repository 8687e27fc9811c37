//! Issue, reissue, verify and diff: nothing issued is ever lost or overwritten.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongwen::archive::store::{Archive, fs_write};
use gongwen::archive::{issue, reissue};
use gongwen::check::{CheckOptions, check_path};
use gongwen::render::RenderOptions;

use common::archive::{SERIES, verify_in, workspace};

/// A killed run's hidden folder (`.partial-vN-PID`, its process gone) is removed by the next
/// version written; nothing else in the series folder is touched.
#[test]
fn a_killed_runs_partial_version_is_cleaned_up() {
    let ws = workspace();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    let series = ws.path().join("archive").join(SERIES);
    let abandoned = series.join(".partial-v2-4000000");
    std::fs::create_dir(&abandoned).unwrap();
    std::fs::write(abandoned.join("document.pdf"), b"half").unwrap();
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!abandoned.exists());
    let mut left: Vec<String> = std::fs::read_dir(&series)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["v1", "v2"]);
}

/// Writes `name`: fixed.toml as a 新号重发 under `number`, correcting `original`.
fn new_number_correction(ws: &Path, name: &str, number: &str, original: &str) {
    let text = std::fs::read_to_string(ws.join("fixed.toml"))
        .unwrap()
        .replace(
            &format!("doc_number = \"{SERIES}\""),
            &format!("doc_number = \"{number}\""),
        )
        .replace(
            "[correction]\n",
            &format!("[correction]\nmode = \"新号重发\"\noriginal = \"{original}\"\n"),
        );
    std::fs::write(ws.join(name), text).unwrap();
}

/// Issues v1.toml, then reissues fixed.toml from v1; the folder of v2.
fn issued_and_corrected(ws: &Path) -> PathBuf {
    assert_eq!(gongwen_in(ws, &["issue", "v1.toml"]).status.code(), Some(0));
    let o = gongwen_in(ws, &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    ws.join("archive").join(SERIES).join("v2")
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn manifest(dir: &Path, v: u32) -> serde_json::Value {
    let p = dir
        .join("archive")
        .join(SERIES)
        .join(format!("v{v}/manifest.json"));
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

#[test]
fn issue_once_then_refuse_with_the_archive_untouched() {
    let ws = workspace();
    let o = gongwen_in(ws.path(), &["issue", "v1.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v1 = ws.path().join("archive").join(SERIES).join("v1");
    for f in [
        "document.pdf",
        "document.ofd",
        "plan.toml",
        "data.json",
        "roster.toml",
        "manifest.json",
    ] {
        assert!(v1.join(f).exists(), "{f}");
    }
    let m = manifest(ws.path(), 1);
    assert_eq!(m["version"], 1);
    assert_eq!(m["signed"], "2023-02-07");
    assert_eq!(m["files"].as_object().unwrap().len(), 5);

    let before = snapshot(&ws.path().join("archive"));
    let o = gongwen_in(ws.path(), &["issue", "v1.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("已经印发过"), "{}", stdout(&o));
    assert_eq!(
        snapshot(&ws.path().join("archive")),
        before,
        "archive unchanged"
    );
}

#[test]
fn reissue_archives_the_correction_linked_to_v1_and_verify_passes() {
    let ws = workspace();
    let v2 = issued_and_corrected(ws.path());
    assert!(v2.join("document.pdf").exists() && v2.join("correction.pdf").exists());
    assert!(v2.join("document.ofd").exists());
    let m = manifest(ws.path(), 2);
    assert_eq!(m["previous"], 1);
    assert_eq!(m["correction_number"], "峨边府办函〔2023〕9号");
    let changes: Vec<&str> = m["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(changes.len(), 3, "{changes:#?}");
    assert!(
        changes
            .contains(&"（二）劳务协作 第1项 “乐在浙里”劳务协作项目：规划投资 140万元 → 150万元")
    );
    assert_change_table_and_signature(&std::fs::read(v2.join("correction.pdf")).unwrap());

    let o = gongwen_in(ws.path(), &["verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("核对了 2 个版本"), "{}", stdout(&o));

    // Reissuing again from v1 (no longer the latest) or with nothing changed is refused.
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("最新版本是 v2"), "{}", stdout(&o));
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("没有改动"), "{}", stdout(&o));
}

#[test]
fn verify_names_a_file_with_one_flipped_byte() {
    let ws = workspace();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    let pdf = ws
        .path()
        .join("archive")
        .join(SERIES)
        .join("v1/document.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    let mut perm = std::fs::metadata(&pdf).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perm.set_readonly(false);
    std::fs::set_permissions(&pdf, perm).unwrap();
    std::fs::write(&pdf, bytes).unwrap();
    let o = gongwen_in(ws.path(), &["verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("v1：document.pdf 与登记的 sha256 不符"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_write_failing_midway_leaves_the_archive_as_it_was() {
    let ws = workspace();
    let archive = Archive::new(ws.path().join("archive"));
    let opts = RenderOptions::default();
    let check = CheckOptions::default();
    let v1 = check_path(&ws.path().join("v1.toml"), &check)
        .into_checked()
        .unwrap();
    issue(&v1, &opts, &archive, &mut fs_write).unwrap();
    let before = snapshot(&ws.path().join("archive"));

    let fixed = check_path(&ws.path().join("fixed.toml"), &check)
        .into_checked()
        .unwrap();
    let mut calls = 0;
    let mut failing = |p: &Path, b: &[u8]| {
        calls += 1;
        if calls == 3 {
            return Err(std::io::Error::other("disk full (simulated)"));
        }
        fs_write(p, b)
    };
    let err = reissue(&fixed, &opts, &archive, 1, &mut failing).unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");
    assert_eq!(err.exit_code(), 2, "a failing disk is no fault of the plan");
    assert_eq!(
        snapshot(&ws.path().join("archive")),
        before,
        "no half version, no temp folder"
    );
    assert_eq!(archive.versions(SERIES), [1]);

    // The same reissue goes through once the disk is fine.
    reissue(&fixed, &opts, &archive, 1, &mut fs_write).unwrap();
    assert_eq!(archive.versions(SERIES), [1, 2]);
}

#[test]
fn a_new_number_correction_is_filed_under_the_original() {
    let ws = workspace();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    new_number_correction(
        ws.path(),
        "renumbered.toml",
        "峨边府办函〔2023〕10号",
        SERIES,
    );
    let o = gongwen_in(ws.path(), &["reissue", "renumbered.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let m = manifest(ws.path(), 2);
    assert_eq!(m["doc_number"], "峨边府办函〔2023〕10号");
    assert_eq!(m["series"], SERIES);
    assert!(
        m["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().contains("发文字号"))
    );
}

/// A 文号 is issued once, by any route: the 更正通知's number (and a 新号重发's new one) cannot
/// be issued again with `issue`, nor used for another correction.
#[test]
fn a_number_used_by_a_correction_cannot_be_issued_again() {
    let ws = workspace();
    issued_and_corrected(ws.path());
    let again = std::fs::read_to_string(ws.path().join("v1.toml"))
        .unwrap()
        .replace(
            "doc_number = \"峨边府办函〔2023〕7号\"",
            "doc_number = \"峨边府办函〔2023〕9号\"",
        );
    std::fs::write(ws.path().join("again.toml"), again).unwrap();
    let o = gongwen_in(ws.path(), &["issue", "again.toml"]);
    assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o)
            .contains("峨边府办函〔2023〕9号 已经用过（峨边府办函〔2023〕7号 v2 的更正通知）"),
        "{}",
        stdout(&o)
    );
    assert!(!ws.path().join("archive/峨边府办函〔2023〕9号").exists());
}

/// `original = ".."` names no folder outside the archive: the version is filed inside it (or
/// refused), never beside it; and a 文号 too long for a file name is still filed.
#[test]
fn an_original_of_dot_dot_stays_inside_the_archive() {
    let ws = workspace();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    new_number_correction(ws.path(), "hostile.toml", "峨边府办函〔2023〕11号", "..");
    let _ = gongwen_in(ws.path(), &["reissue", "hostile.toml", "--from", "v1"]);
    let mut top: Vec<String> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(
        top,
        [
            "archive",
            "ebian-roster.toml",
            "fixed.toml",
            "hostile.toml",
            "v1.toml"
        ],
        "nothing written beside the archive"
    );
    // A 文号 of 100 characters is filed under a name a file system takes.
    let long = std::fs::read_to_string(ws.path().join("v1.toml"))
        .unwrap()
        .replace(
            "doc_number = \"峨边府办函〔2023〕7号\"",
            &format!("doc_number = \"{}〔2023〕7号\"", "峨".repeat(93)),
        );
    std::fs::write(ws.path().join("long.toml"), long).unwrap();
    let o = gongwen_in(ws.path(), &["issue", "long.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn diff_lists_exactly_the_changed_fields() {
    let ws = workspace();
    let o = gongwen_in(
        ws.path(),
        &["diff", "v1.toml", "fixed.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(String, String)> = v
        .iter()
        .map(|c| {
            (
                c["place"].as_str().unwrap().to_string(),
                c["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "（二）劳务协作 第1项 “乐在浙里”劳务协作项目".to_string(),
                "规划投资".to_string()
            ),
            (
                "（二）劳务协作 第2项 “蓝鹰工程”人才共育项目".to_string(),
                "规划投资".to_string()
            ),
            (
                "（四）消费帮扶 第1项 “越嘉有味”消费帮扶项目".to_string(),
                "项目名称".to_string()
            ),
        ]
    );
    let o = gongwen_in(ws.path(), &["diff", "v1.toml", "fixed.toml"]);
    assert!(
        stdout(&o).contains(
            "[修改] （二）劳务协作 第1项 “乐在浙里”劳务协作项目：规划投资 140万元 → 150万元"
        ),
        "{}",
        stdout(&o)
    );
}

/// The 更正通知's change table: its header on every page it spans, and the 署名 and date on
/// one page, right below the closing sentence.
fn assert_change_table_and_signature(pdf: &[u8]) {
    use gongwen_testing::printed::{self, grid};
    let pages = printed::read(pdf).unwrap();
    for (i, p) in pages.iter().enumerate() {
        let table: String = p
            .glyphs
            .iter()
            .filter(|g| (g.size - 14.0).abs() < 0.01 && g.ch != '—' && !g.ch.is_ascii_digit())
            .map(|g| g.ch)
            .filter(|c| !c.is_whitespace())
            .collect();
        if !table.is_empty() && !table.contains("印发") {
            assert!(
                table.starts_with("序号位置原内容更正为"),
                "p{}: {table}",
                i + 1
            );
        }
    }
    let lines = grid::body_lines(&pages, &grid::Grid::A4);
    let s = lines
        .iter()
        .position(|l| l.text() == "峨边彝族自治县人民政府办公室")
        .expect("署名");
    assert_eq!(lines[s + 1].text(), "2023年2月20日");
    assert_eq!(lines[s].page, lines[s + 1].page);
    assert!(
        lines[s - 1].text().ends_with("特此通知。"),
        "{}",
        lines[s - 1].text()
    );
    assert_eq!(lines[s - 1].page, lines[s].page);
}

/// A change table of many rows starts on page 1 under the opening sentence and breaks across
/// pages with its header repeated, no row split.
#[test]
fn a_long_change_table_breaks_across_pages_from_page_one() {
    use gongwen::fonts::FONTS;
    use gongwen::render::templates::Templates;
    use gongwen::render::{compile, export};
    let ws = workspace();
    let v2 = issued_and_corrected(ws.path());
    let mut data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(v2.join("correction.json")).unwrap()).unwrap();
    data["changes"] = (1..=16)
        .map(|i| {
            serde_json::json!({
                "place": format!("（二）劳务协作 第{i}项：规划投资"),
                "old": format!("{}万元", 100 + i),
                "new": format!("{}万元", 110 + i),
            })
        })
        .collect();
    let doc = compile(
        &Templates::embedded(),
        &FONTS,
        "correction.typ",
        serde_json::to_vec(&data).unwrap(),
    )
    .unwrap();
    let pdf = export(&doc, "test", false).unwrap();
    let pages = gongwen_testing::printed::read(&pdf).unwrap();
    let header_pages = pages
        .iter()
        .filter(|p| {
            let t: String = p.glyphs.iter().map(|g| g.ch).collect();
            t.contains("序号位置原内容更正为")
        })
        .count();
    let first: String = pages[0].glyphs.iter().map(|g| g.ch).collect();
    assert!(
        first.contains("序号位置原内容更正为"),
        "starts on page 1: {first}"
    );
    assert!(header_pages >= 2, "header repeated: {header_pages}");
    assert_change_table_and_signature(&pdf);
}

/// The ledger records each version with the hash of its files and of the line before:
/// a deleted, rewritten, planted or stray version, and an edited line, are each named.
#[test]
fn the_ledger_names_what_was_deleted_rewritten_or_planted() {
    let ws = workspace();
    let o = gongwen_in(ws.path(), &["issue", "v1.toml"]);
    assert!(stdout(&o).contains("账本头："), "{}", stdout(&o));
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v2 = ws.path().join("archive").join(SERIES).join("v2");
    let archive = ws.path().join("archive");
    let ledger = std::fs::read_to_string(archive.join("账本.jsonl")).unwrap();
    assert_eq!(ledger.lines().count(), 2, "{ledger}");
    assert_eq!(verify_in(ws.path()).0, 0, "{}", verify_in(ws.path()).1);

    // A planted file in v2.
    std::fs::write(v2.join("extra.txt"), b"x").unwrap();
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("v2：文件与印发时登记的不同"), "{out}");
    std::fs::remove_file(v2.join("extra.txt")).unwrap();

    // A stray version folder nobody issued (a copy of v2 as v3).
    let v3 = v2.with_file_name("v3");
    std::fs::create_dir(&v3).unwrap();
    for e in std::fs::read_dir(&v2).unwrap().flatten() {
        std::fs::copy(e.path(), v3.join(e.file_name())).unwrap();
    }
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("v3：账本中没有这个版本"), "{out}");
    std::fs::remove_dir_all(&v3).unwrap();

    // An edited ledger line.
    let edited = ledger.replacen("\"version\":1", "\"version\":3", 1);
    std::fs::write(archive.join("账本.jsonl"), &edited).unwrap();
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("账本第 1 行被改动"), "{out}");
    std::fs::write(archive.join("账本.jsonl"), &ledger).unwrap();

    // v2 deleted: the ledger still knows it was issued.
    std::fs::remove_dir_all(&v2).unwrap();
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("v2 已登记印发，但存档中没有了"), "{out}");
}

/// A version replaced whole by another, consistent in itself (plan, PDF, data and manifest
/// hashes all agree), is caught by the ledger's hash of its files.
#[test]
fn a_consistent_rewrite_of_a_version_is_caught() {
    let ws = workspace();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    // The same 文号 issued from the fixed plan (without its [correction]) in another archive.
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(
        ws.path().join("ebian-roster.toml"),
        other.path().join("ebian-roster.toml"),
    )
    .unwrap();
    let fixed = std::fs::read_to_string(ws.path().join("fixed.toml")).unwrap();
    let plain = &fixed[..fixed.find("\n[correction]").unwrap()];
    std::fs::write(other.path().join("p.toml"), plain).unwrap();
    assert_eq!(
        gongwen_in(other.path(), &["issue", "p.toml"]).status.code(),
        Some(0)
    );
    let ours = ws.path().join("archive").join(SERIES).join("v1");
    std::fs::remove_dir_all(&ours).unwrap();
    std::fs::create_dir(&ours).unwrap();
    for e in std::fs::read_dir(other.path().join("archive").join(SERIES).join("v1"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(e.path(), ours.join(e.file_name())).unwrap();
    }
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("v1：文件与印发时登记的不同"), "{out}");
}

/// An archive whose ledger is gone (or from before ledgers): `verify` says so, the next
/// reissue is refused rather than adopting what is there, and `verify --adopt` records the
/// versions openly, after which the reissue goes through and `verify` passes.
#[test]
fn an_archive_without_its_ledger_is_adopted_only_on_request() {
    let ws = workspace();
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    let ledger = ws.path().join("archive").join("账本.jsonl");
    std::fs::remove_file(&ledger).unwrap();
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("存档没有账本"), "{out}");
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("verify --adopt"), "{}", stdout(&o));
    let o = gongwen_in(ws.path(), &["verify", "--adopt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("已登记到账本（未经 gongwen 记录印发"),
        "{}",
        stdout(&o)
    );
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&ledger)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["version"].as_u64(), lines[0]["adopted"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(lines[1]["version"].as_u64(), Some(2));
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 0, "{out}");
}

/// Exit codes follow the kind of failure: a refusal is the plan's (1), an archive that cannot
/// be written is not (2).
#[test]
fn an_archive_that_cannot_be_written_exits_2_and_a_refusal_1() {
    let ws = workspace();
    std::fs::write(ws.path().join("not-a-folder"), b"").unwrap();
    let o = gongwen_in(
        ws.path(),
        &["issue", "v1.toml", "--archive", "not-a-folder"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("无法创建存档文件夹"), "{}", stdout(&o));
    assert_eq!(
        gongwen_in(ws.path(), &["issue", "v1.toml"]).status.code(),
        Some(0)
    );
    let again = gongwen_in(ws.path(), &["issue", "v1.toml"]);
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));
}
