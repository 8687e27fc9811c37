//! `gongwen fonts [--font-dir DIR]`

use std::io::Write;
use std::path::PathBuf;

use super::exit;
use crate::fonts::{FontEnv, Role};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 另外加载这个文件夹中的字体，可多次给出
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
}

pub fn run(args: &Args) -> u8 {
    let Some(set) = super::load_fonts(&args.font_dirs) else {
        return exit::USAGE_OR_IO;
    };
    let mut out = super::term::stdout();
    let _ = writeln!(out, "能用的字体（在 [fonts] 中按这里的名字填写）：");
    for family in set.families() {
        let _ = writeln!(out, "  {family}");
    }
    let env = FontEnv::bundled();
    let _ = writeln!(out, "\n各角色默认的字体顺序：");
    for role in Role::ALL {
        let _ = writeln!(
            out,
            "  {:<12} {}  {}",
            role.key(),
            role.label(),
            env.chain(role).join(" → ")
        );
    }
    exit::OK
}
