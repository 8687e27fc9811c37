//! Helpers shared by the end-to-end tests: run the binary, read what it printed.
#![allow(dead_code)]

pub mod archive;
pub mod measure;
pub mod office;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `gongwen ARGS` in `dir`.
pub fn gongwen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run gongwen")
}

/// Runs `gongwen ARGS` in `dir`, killed after `secs` seconds: for inputs that used to hang
/// (a pipe named as a file). Returns None if it had to be killed.
pub fn gongwen_within(dir: &Path, args: &[&str], secs: u64) -> Option<Output> {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gongwen");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Some(child.wait_with_output().expect("output"))
}

/// Runs `gongwen ARGS` in the crate's root.
pub fn gongwen(args: &[&str]) -> Output {
    gongwen_in(&root(), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A path as an argument.
pub fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Writes a sheet like the export, then lets `edit` spoil it.
pub fn spoiled(edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("计划表").unwrap();
    let header = [
        "序号",
        "项目名称",
        "项目建设规模和内容",
        "建设地点",
        "规划投资",
        "责任领导",
        "责任单位",
        "实施主体",
        "脱贫人口利益联结情况",
        "产权归属",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 1, "合计").unwrap();
    ws.write_string(4, 1, "（一）产业合作").unwrap();
    let row = [
        "1",
        "宜坪粮果产业园区—提升改造“1+3”粮经复合产业环线建设项目",
        "种植",
        "宜坪乡",
        "1000",
        "欧其月布",
        "县农业农村局",
        "宜坪乡人民政府",
        "分红",
        "村集体",
    ];
    for (c, v) in row.iter().enumerate() {
        if c == 4 {
            ws.write_number(5, 4, 1000.0).unwrap();
        } else {
            ws.write_string(5, c as u16, *v).unwrap();
        }
    }
    edit(ws);
    wb.save_to_buffer().unwrap()
}

/// A folder holding the 峨边 plan as plan.toml, and its roster.
pub fn ebian_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("plans/ebian-2023.toml"),
        dir.path().join("plan.toml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        dir.path().join("ebian-roster.toml"),
    )
    .unwrap();
    dir
}

pub fn import_errors(bytes: &[u8]) -> String {
    let dir = ebian_folder();
    std::fs::write(dir.path().join("t.xlsx"), bytes).unwrap();
    let before = std::fs::read(dir.path().join("plan.toml")).unwrap();
    let o = gongwen_in(dir.path(), &["import", "t.xlsx", "--into", "plan.toml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(
        std::fs::read(dir.path().join("plan.toml")).unwrap(),
        before,
        "plan untouched"
    );
    // Both streams: a panic's text would be on stderr.
    stdout(&o) + &String::from_utf8_lossy(&o.stderr)
}
