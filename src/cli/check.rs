//! `gongwen check PLAN…`

use std::io::Write;
use std::path::PathBuf;

use super::{OutputFormat, exit};
use crate::check::{CheckOptions, check_path};
use crate::diag::{FileReport, render_human, to_json};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 计划文件（.toml），可以有多个
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// 有警告也按失败处理（退出码 1）
    #[arg(long)]
    pub deny_warnings: bool,
    /// 使用这个名册文件，而不是计划中 roster 指定的
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

pub fn run(args: &Args) -> u8 {
    let Some(fonts) = args.fonts.load() else {
        return exit::USAGE_OR_IO;
    };
    let opts = CheckOptions {
        roster: args.roster.clone(),
        fonts,
        ..Default::default()
    };
    let mut reports: Vec<FileReport> = Vec::new();
    let (mut errors, mut warnings, mut io_failed) = (0, 0, false);
    for path in &args.plans {
        let outcome = check_path(path, &opts);
        errors += outcome.errors();
        warnings += outcome.warnings();
        io_failed |= outcome.unreadable();
        reports.extend(outcome.reports);
    }
    let mut out = super::term::stdout();
    match args.format {
        OutputFormat::Json => {
            let json =
                serde_json::to_string_pretty(&to_json(&reports)).unwrap_or_else(|_| "[]".into());
            let _ = writeln!(out, "{json}");
        }
        OutputFormat::Human => {
            for r in &reports {
                let _ = write!(out, "{}", render_human(r));
            }
            let accepted = reports
                .iter()
                .flat_map(|r| &r.diags)
                .filter(|d| d.severity == crate::diag::Severity::Accepted)
                .count();
            let _ = writeln!(
                out,
                "{}",
                summary(args.plans.len(), errors, warnings, accepted)
            );
        }
    }
    if io_failed {
        exit::USAGE_OR_IO
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        exit::PLAN_ERRORS
    } else {
        exit::OK
    }
}

fn summary(files: usize, errors: usize, warnings: usize, accepted: usize) -> String {
    let also = if accepted > 0 {
        format!("（另有 {accepted} 个警告已按计划写明的理由接受）")
    } else {
        String::new()
    };
    match (errors, warnings) {
        (0, 0) => format!("检查了 {files} 个计划文件：没有发现问题{also}。"),
        _ => format!("检查了 {files} 个计划文件：{errors} 个错误，{warnings} 个警告{also}。"),
    }
}
