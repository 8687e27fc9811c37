//! `gongwen rules`

use std::io::Write;

use super::{OutputFormat, exit};
use crate::rules::explain::explain;
use crate::rules::{LOADER_CODES, all};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 输出格式
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// 显示一条规则的详细说明（检查什么、为什么、错误示例和改法），如 --explain wenhao-brackets
    #[arg(long, value_name = "规则代码")]
    pub explain: Option<String>,
}

pub fn run(args: &Args) -> u8 {
    let mut out = super::term::stdout();
    let rows: Vec<(&str, &str, &str)> = all()
        .map(|r| (r.code, r.severity.label(), r.doc))
        .chain(LOADER_CODES.iter().map(|(c, d)| (*c, "错误", *d)))
        .collect();
    if let Some(code) = &args.explain {
        let code = code.trim();
        let Some((c, sev, doc)) = rows.iter().find(|r| r.0 == code) else {
            let hint = crate::textsim::closest(code, rows.iter().map(|r| r.0))
                .map(|c| format!("是不是“{c}”？"))
                .unwrap_or_else(|| "gongwen rules 列出全部规则代码".into());
            errln!("没有代码为“{code}”的规则：{hint}");
            return exit::USAGE_OR_IO;
        };
        let text = explain(c).unwrap_or(doc);
        let _ = match args.format {
            OutputFormat::Json => writeln!(
                out,
                "{}",
                serde_json::json!({"code": c, "severity": sev, "doc": doc, "explain": text})
            ),
            OutputFormat::Human => writeln!(out, "{c}（{sev}）：{doc}\n\n{text}"),
        };
        return exit::OK;
    }
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
