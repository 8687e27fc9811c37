//! `gongwen fonts [--font-dir DIR]`

use std::io::Write;

use super::exit;
use crate::fonts::{FontEnv, Role};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

pub fn run(args: &Args) -> u8 {
    let Some(set) = args.fonts.load() else {
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
