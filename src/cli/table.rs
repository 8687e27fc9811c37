//! `gongwen annex PLAN -o table.pdf|table.xlsx` and `gongwen import table.xlsx --into PLAN`.

use std::io::Write;
use std::path::PathBuf;

use super::exit;
use crate::check::CheckOptions;
use crate::diag::render_human;
use crate::files::{check_output, write_atomic};
use crate::plan::load_file;
use crate::render::output::Kind;
use crate::render::{RenderOptions, render_annex};
use crate::table::{Table, import, xlsx};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

#[derive(clap::Args, Debug)]
pub struct AnnexArgs {
    /// 计划文件（.toml）
    pub plan: PathBuf,
    /// 输出文件：.pdf（横排表格）、.xlsx（Excel/WPS 表格）或 .docx（Word/WPS 文档）
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// PDF 纸张
    #[arg(long, value_enum, default_value_t)]
    pub paper: Paper,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// 各部门填回的表格（.xlsx，格式同 gongwen annex 导出的）
    pub table: PathBuf,
    /// 要更新的计划文件：其中的类别和项目换成表格中的，其余内容（含注释）不变
    #[arg(long, value_name = "PLAN")]
    pub into: PathBuf,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

pub(crate) fn run_annex(args: &AnnexArgs) -> u8 {
    let mut out = super::term::stdout();
    let Some(fonts) = args.fonts.load() else {
        return exit::USAGE_OR_IO;
    };
    let opts = CheckOptions {
        fonts,
        ..Default::default()
    };
    let checked = match super::checked_or_exit(&args.plan, &opts, "未生成表格", &mut out) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut inputs = vec![args.plan.as_path()];
    inputs.extend(checked.roster_path.as_deref());
    let kind = match Kind::of(
        &args.output,
        &[Kind::Pdf, Kind::Xlsx, Kind::Docx, Kind::Ofd],
    )
    .and_then(|k| {
        check_output(&args.output, &inputs)
            .map(|()| k)
            .map_err(|e| e.to_string())
    }) {
        Ok(k) => k,
        Err(e) => {
            let _ = writeln!(out, "错误：{e}");
            return exit::USAGE_OR_IO;
        }
    };
    let paper = if args.paper == Paper::A3 { "a3" } else { "a4" };
    let bytes = match kind {
        Kind::Xlsx => xlsx::write(&Table::of(&checked.plan.value, &checked.figures))
            .map_err(|e| crate::render::Failed::one(e.to_string())),
        Kind::Docx => crate::docx::render_annex(&checked),
        Kind::Pdf => render_annex(&checked, &RenderOptions::default(), paper),
        Kind::Ofd => crate::render::annex_document(&checked, &RenderOptions::default(), paper)
            .and_then(|doc| {
                let mut meta = crate::ofd::Meta::of(&checked);
                meta.title = checked.plan.value.plan.annex.first().title.clone();
                crate::ofd::export(&doc, &meta)
            }),
    };
    match bytes {
        Ok(b) => match write_atomic(&args.output, &b) {
            Ok(()) => {
                let _ = writeln!(out, "已生成 {}", args.output.display());
                exit::OK
            }
            Err(e) => {
                let _ = writeln!(out, "错误：{e}");
                exit::USAGE_OR_IO
            }
        },
        Err(problems) => {
            for p in problems {
                let _ = writeln!(out, "错误：{p}");
            }
            exit::USAGE_OR_IO
        }
    }
}

/// The most problems of an import printed: a sheet of 100,000 bad rows must not print
/// 100,000 lines.
const SHOWN: usize = 30;

pub(crate) fn run_import(args: &ImportArgs) -> u8 {
    let mut out = super::term::stdout();
    let plan = match load_file(&args.into) {
        Ok(p) => p,
        Err(crate::plan::load::LoadError::Io(m)) => {
            let _ = writeln!(out, "错误：{m}");
            return exit::USAGE_OR_IO;
        }
        Err(crate::plan::load::LoadError::Invalid(r)) => {
            let _ = write!(out, "{}", render_human(&r));
            return exit::PLAN_ERRORS;
        }
    };
    let bytes = match crate::files::read(&args.table, import::MAX_FILE, "一张计划表") {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(out, "错误：{}", crate::diag::shown(&e.to_string()));
            return exit::USAGE_OR_IO;
        }
    };
    let Some(fonts) = args.fonts.load() else {
        return exit::USAGE_OR_IO;
    };
    let (new, cats) = match import::apply(&plan, &bytes, &fonts) {
        Ok(done) => done,
        Err(refused) => return refusal(&refused, &mut out),
    };
    if new.source == plan.source {
        let _ = writeln!(
            out,
            "表格与计划一致（{}），{} 未改动",
            cats.summary().trim(),
            args.into.display()
        );
        return exit::OK;
    }
    // A plan reached through a link is updated where it lies; the link stays a link.
    let target = match std::fs::symlink_metadata(&args.into) {
        Ok(m) if m.file_type().is_symlink() => {
            args.into.canonicalize().unwrap_or(args.into.clone())
        }
        _ => args.into.clone(),
    };
    match write_atomic(&target, new.source.as_bytes()) {
        Ok(()) => {
            let _ = writeln!(out, "已把{}导入 {}", cats.summary(), args.into.display());
            exit::OK
        }
        Err(e) => {
            let _ = writeln!(out, "错误：{e}");
            exit::USAGE_OR_IO
        }
    }
}

/// Why an import changed nothing, as the command line says it (exit 1: the table or the plan
/// must change).
fn refusal(refused: &import::Refused, out: &mut impl Write) -> u8 {
    match refused {
        import::Refused::Cells(errors) => {
            for e in errors.iter().take(SHOWN) {
                let _ = writeln!(out, "错误：{e}");
            }
            if errors.len() > SHOWN {
                let _ = writeln!(
                    out,
                    "……另有 {} 处同样的问题未列出：先改正上面这些，再导入一次",
                    errors.len() - SHOWN
                );
            }
            let _ = writeln!(
                out,
                "表格中有 {} 处无法读取，计划文件未改动。",
                errors.len()
            );
        }
        import::Refused::Rewrite(e) => {
            let _ = writeln!(out, "错误：{e}");
        }
        import::Refused::Findings(reports) => {
            let errors: usize = reports.iter().map(|r| r.errors()).sum();
            let _ = writeln!(
                out,
                "导入后的计划有 {errors} 个错误（行号指导入后的内容），计划文件未改动："
            );
            for r in reports {
                let _ = write!(out, "{}", render_human(r));
            }
        }
    }
    exit::PLAN_ERRORS
}
