//! An archive that cannot be laundered (issue 25): one 文号 however it is spaced, one winner
//! when an issue and a reissue race for a number, an interrupted write completed, a forged
//! version never adopted as a side effect, and a recorded head that catches a truncated or
//! recomputed ledger.

mod common;
use common::archive::{SERIES, verify_in, workspace};
use common::*;

use std::path::Path;

fn issue(ws: &Path, plan: &str) -> (i32, String) {
    let o = gongwen_in(ws, &["issue", plan]);
    (o.status.code().unwrap(), stdout(&o))
}

/// v1.toml issued under another 文号 (`number`) as `name`.
fn numbered(ws: &Path, name: &str, number: &str) {
    let text = std::fs::read_to_string(ws.join("v1.toml"))
        .unwrap()
        .replace(
            &format!("doc_number = \"{SERIES}\""),
            &format!("doc_number = \"{number}\""),
        );
    std::fs::write(ws.join(name), text).unwrap();
}

#[test]
fn a_number_with_spaces_is_refused_and_never_a_second_v1() {
    let ws = workspace();
    assert_eq!(issue(ws.path(), "v1.toml").0, 0);
    for spaced in [
        " 峨边府办函〔2023〕7号",
        "峨边府办函〔2023〕7号\u{3000}",
        "峨边府办函〔2023〕\u{00A0}7号",
        "峨边府办函 〔2023〕7号",
    ] {
        numbered(ws.path(), "spaced.toml", spaced);
        let (code, out) = issue(ws.path(), "spaced.toml");
        assert_eq!(code, 1, "{spaced:?}: {out}");
        assert!(out.contains("wenhao-space"), "{out}");
    }
    let series: Vec<_> = std::fs::read_dir(ws.path().join("archive"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .collect();
    assert_eq!(series.len(), 1);
}

/// 9号 issued, and a reissue whose 更正通知 is 9号, at the same time: one wins, the other is
/// refused, every round.
#[test]
fn an_issue_and_a_reissue_racing_for_one_number_give_one_winner() {
    for _ in 0..4 {
        let ws = workspace();
        assert_eq!(issue(ws.path(), "v1.toml").0, 0);
        numbered(ws.path(), "nine.toml", "峨边府办函〔2023〕9号");
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| gongwen_in(ws.path(), &["issue", "nine.toml"]));
            let b = s.spawn(|| gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]));
            (a.join().unwrap(), b.join().unwrap())
        });
        let codes = [a.status.code(), b.status.code()];
        assert!(
            codes.contains(&Some(0)) && codes.contains(&Some(1)),
            "{codes:?}\n{}\n{}",
            stdout(&a),
            stdout(&b)
        );
        let (code, out) = verify_in(ws.path());
        assert_eq!(code, 0, "{out}");
    }
}

/// Killed after the ledger line, before the rename: the next run completes the write, and
/// `verify` finds everything in order.
#[test]
fn a_write_killed_between_ledger_and_rename_is_completed_next_time() {
    let ws = workspace();
    assert_eq!(issue(ws.path(), "v1.toml").0, 0);
    let series = ws.path().join("archive").join(SERIES);
    // As the killed run left it: the version still in its hidden folder of a dead process.
    std::fs::rename(series.join("v1"), series.join(".partial-v1-4000000-0")).unwrap();
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 0, "{out}");
    assert!(series.join("v1/document.pdf").exists());
    assert!(!series.join(".partial-v1-4000000-0").exists());
}

/// A version forged by hand, then the ledger deleted: the next ordinary issue does not adopt
/// it, and `verify` does not pass.
#[test]
fn a_forged_version_is_not_laundered_by_deleting_the_ledger() {
    let ws = workspace();
    assert_eq!(issue(ws.path(), "v1.toml").0, 0);
    let series = ws.path().join("archive").join(SERIES);
    let forged = series.join("v2");
    std::fs::create_dir(&forged).unwrap();
    for e in std::fs::read_dir(series.join("v1")).unwrap().flatten() {
        std::fs::copy(e.path(), forged.join(e.file_name())).unwrap();
    }
    std::fs::remove_file(ws.path().join("archive/账本.jsonl")).unwrap();
    numbered(ws.path(), "other.toml", "峨边府办函〔2023〕12号");
    let (code, out) = issue(ws.path(), "other.toml");
    assert_eq!(code, 2, "{out}");
    assert!(
        !ws.path().join("archive/账本.jsonl").exists()
            || std::fs::read_to_string(ws.path().join("archive/账本.jsonl"))
                .unwrap()
                .is_empty()
    );
    let (code, out) = verify_in(ws.path());
    assert_eq!(code, 1, "{out}");
}

/// The head written down at the last issue: cutting that version and its ledger line, or
/// recomputing the whole chain, no longer matches it.
#[test]
fn a_recorded_head_catches_a_truncated_ledger() {
    let ws = workspace();
    assert_eq!(issue(ws.path(), "v1.toml").0, 0);
    let o = gongwen_in(ws.path(), &["reissue", "fixed.toml", "--from", "v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let head = stdout(&o)
        .split("账本头：")
        .nth(1)
        .unwrap()
        .chars()
        .take(12)
        .collect::<String>();
    let o = gongwen_in(ws.path(), &["verify", "--head", &head]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!("账本头：{head}")),
        "{}",
        stdout(&o)
    );
    // Cut v2 and its line.
    let ledger = ws.path().join("archive/账本.jsonl");
    let text = std::fs::read_to_string(&ledger).unwrap();
    let first = text.lines().next().unwrap().to_string() + "\n";
    std::fs::write(&ledger, first).unwrap();
    let v2 = ws.path().join("archive").join(SERIES).join("v2");
    for e in std::fs::read_dir(&v2).unwrap().flatten() {
        let mut p = e.metadata().unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        p.set_readonly(false);
        std::fs::set_permissions(e.path(), p).unwrap();
    }
    std::fs::remove_dir_all(&v2).unwrap();
    let (code, _) = verify_in(ws.path());
    assert_eq!(code, 0, "without the head, a cut end looks whole");
    let o = gongwen_in(ws.path(), &["verify", "--head", &head]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("不在账本中"), "{}", stdout(&o));
}

/// The roster archived is the one the plan was checked with: changed on disk between the
/// check and the writing of the version, the change does not slip into the archive.
#[test]
fn the_roster_archived_is_the_one_checked() {
    use gongwen::archive::issue;
    use gongwen::archive::store::{Archive, fs_write};
    use gongwen::check::{CheckOptions, check_path};
    use gongwen::render::RenderOptions;
    let ws = workspace();
    let checked = check_path(&ws.path().join("v1.toml"), &CheckOptions::default())
        .into_checked()
        .unwrap();
    let roster = ws.path().join("ebian-roster.toml");
    let read = std::fs::read(&roster).unwrap();
    std::fs::write(&roster, b"places = [\"laundered\"]\n").unwrap();
    let archive = Archive::new(ws.path().join("archive"));
    issue(&checked, &RenderOptions::default(), &archive, &mut fs_write).unwrap();
    let kept = ws
        .path()
        .join("archive")
        .join(SERIES)
        .join("v1/roster.toml");
    assert_eq!(std::fs::read(kept).unwrap(), read);
}
