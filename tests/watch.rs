//! `render --watch`: re-renders on save, keeps the last good PDF when the plan has errors.

mod common;
use common::*;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn re_renders_on_save_and_keeps_the_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        dir.path().join("ebian-roster.toml"),
    )
    .unwrap();
    let plan = dir.path().join("plan.toml");
    let pdf = dir.path().join("plan.pdf");
    let good = std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap();
    std::fs::write(&plan, &good).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["render", &s(&plan), "--watch", "--watch-limit", "3"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();

    wait_for("the first PDF", || pdf.exists());
    let first = std::fs::read(&pdf).unwrap();
    // A save that changes the document.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&plan, good.replace("请遵照执行。", "请认真遵照执行。")).unwrap();
    wait_for("the second PDF", || {
        std::fs::read(&pdf).is_ok_and(|b| b != first)
    });
    let second = std::fs::read(&pdf).unwrap();
    // A save with an error: reported, and the PDF stays as it was.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&plan, good.replace("funding = 3900", "funding = 3800")).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("sum-funding") && text.contains("保持不变"),
        "{text}"
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), second);
    assert_eq!(text.matches("已生成").count(), 2, "{text}");
}

/// The roster `--roster` names is the one watched (it used to be the plan's own, read again
/// from the plan): saving it renders again.
#[test]
fn the_roster_given_on_the_command_line_is_watched() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other-roster.toml");
    std::fs::copy(root().join("plans/ebian-roster.toml"), &other).unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::copy(root().join("plans/ebian-2023.toml"), &plan).unwrap();
    let pdf = dir.path().join("plan.pdf");
    let child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args([
            "render",
            &s(&plan),
            "--roster",
            &s(&other),
            "--watch",
            "--watch-limit",
            "2",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("the first PDF", || pdf.exists());
    std::thread::sleep(Duration::from_millis(1100));
    let mut roster = std::fs::read_to_string(&other).unwrap();
    roster.push_str("\n# 又核对了一遍\n");
    std::fs::write(&other, roster).unwrap();
    // Unwatched, the save would go unseen and the watcher wait for ever: stopped, and failed.
    let mut child = child;
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the save of --roster's file went unseen");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("已生成").count(), 2, "{text}");
}
