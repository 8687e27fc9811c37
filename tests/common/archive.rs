//! The archive's shared fixtures: a folder with a plan to issue and its correction.

use std::path::Path;

use super::{gongwen_in, root, stdout};

pub const SERIES: &str = "峨边府办函〔2023〕7号";

/// A folder with v1.toml (the 峨边 plan with two mistakes `check` cannot see: amounts swapped
/// within 劳务协作 and a copied project name) and fixed.toml (the correct plan, with the
/// [correction] table), plus the roster.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(root().join("plans/ebian-2023.toml")).unwrap();
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        dir.path().join("ebian-roster.toml"),
    )
    .unwrap();
    let v1 = good
        .replace(
            "name = \"城乡融合民生事业提升工程—“越嘉有味”消费帮扶项目\"",
            "name = \"城乡融合民生事业奖流培训项目\"",
        )
        .replace(
            "“乐在浙里”劳务协作项目\"\namount = 150",
            "“乐在浙里”劳务协作项目\"\namount = 140",
        )
        .replace(
            "“蓝鹰工程”人才共育项目\"\namount = 80",
            "“蓝鹰工程”人才共育项目\"\namount = 90",
        );
    assert_ne!(v1, good);
    std::fs::write(dir.path().join("v1.toml"), v1).unwrap();
    let fixed =
        good + "\n[correction]\nnotice_number = \"峨边府办函〔2023〕9号\"\ndate = 2023-02-20\n";
    std::fs::write(dir.path().join("fixed.toml"), fixed).unwrap();
    dir
}

/// `verify`'s output and exit code.
pub fn verify_in(ws: &Path) -> (i32, String) {
    let o = gongwen_in(ws, &["verify"]);
    (o.status.code().unwrap(), stdout(&o))
}
