//! `gongwen rules`

use std::io::Write;

use super::{OutputFormat, exit};
use crate::rules::{LOADER_CODES, all};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 输出格式
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: &Args) -> u8 {
    let mut out = std::io::stdout().lock();
    let rows: Vec<(&str, &str, &str)> = all()
        .map(|r| (r.code, r.severity.label(), r.doc))
        .chain(LOADER_CODES.iter().map(|(c, d)| (*c, "错误", *d)))
        .collect();
    match args.format {
        OutputFormat::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(c, s, d)| serde_json::json!({"code": c, "severity": s, "doc": d}))
                .collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            );
        }
        OutputFormat::Human => {
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (code, sev, doc) in rows {
                let _ = writeln!(out, "{code:width$}  {sev}  {doc}");
            }
        }
    }
    exit::OK
}
