//! `--font-dir` for every command that checks or renders: a plan whose `[fonts]` names an
//! office's own face (here GW Test Hei, from tests/fixtures/fonts) issues, verifies, exports and
//! imports its table and is served as it renders; without the folder each refuses it alike.

mod common;
use common::*;

#[test]
fn a_plan_with_an_office_face_issues_verifies_and_exports_with_its_folder() {
    let dir = ebian_folder();
    let plan = dir.path().join("plan.toml");
    let mut src = std::fs::read_to_string(&plan).unwrap();
    src.push_str("\n[fonts]\ntitle = [\"GW Test Hei\"]\n");
    std::fs::write(&plan, src).unwrap();
    let fonts = root().join("tests/fixtures/fonts");
    let fonts = s(&fonts);
    let run = |args: &[&str]| gongwen_in(dir.path(), args);

    // Without the folder: the face is unknown, an error in the plan (exit 1), nothing written.
    for args in [
        &["issue", "plan.toml"][..],
        &["annex", "plan.toml", "-o", "t.xlsx"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
        assert!(
            stdout(&o).contains("font-unknown"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
    assert!(!dir.path().join("archive").exists() && !dir.path().join("t.xlsx").exists());

    // With it: issued, its table exported, the archive verified (re-rendered in that face).
    let o = run(&["issue", "plan.toml", "--font-dir", &fonts]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["annex", "plan.toml", "-o", "t.pdf", "--font-dir", &fonts]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Its table back from a department: imported with the face, refused without it.
    let o = run(&["annex", "plan.toml", "-o", "t.xlsx", "--font-dir", &fonts]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["import", "t.xlsx", "--into", "plan.toml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = run(&[
        "import",
        "t.xlsx",
        "--into",
        "plan.toml",
        "--font-dir",
        &fonts,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["verify", "--font-dir", &fonts]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Verified without the face, the re-rendered PDF cannot be made as it was issued.
    let o = run(&["verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    // An unreadable folder is a usage error for every command alike.
    for cmd in ["issue", "verify", "serve"] {
        let mut args = vec![cmd];
        if cmd != "verify" {
            args.push(if cmd == "serve" { "." } else { "plan.toml" });
        }
        args.extend(["--font-dir", "no/such/folder"]);
        let o = gongwen_within(dir.path(), &args, 20).expect("ends");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
    }
}
