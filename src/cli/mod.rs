//! Command line: argument parsing and printing only; the work is done by the library.

/// `println!` and `eprintln!` through [`term::Safe`]: nothing from a file reaches the terminal
/// raw, whichever way a command prints.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::cli::term::stdout(), $($t)*);
    }};
}
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::cli::term::stderr(), $($t)*);
    }};
}

mod archive;
mod check;
mod fonts;
mod new;
mod render;
mod rules;
mod schema;
mod serve;
mod table;
pub(crate) mod term;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "gongwen",
    version,
    about = "把年度项目计划（TOML）生成为 GB/T 9704 格式的公文 PDF",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 生成公文 PDF：通知、实施方案、附件计划表和版记（先检查，有错误不生成）
    Render(render::Args),
    /// 检查计划文件：列出每个问题的位置、规则代码、说明和修改提示
    Check(check::Args),
    /// 新建计划：以上一年的计划为底稿（或用内置骨架），年份更新，待填写处标出
    New(new::Args),
    /// 单独生成附件计划表：PDF（横排）或 XLSX（Excel/WPS）
    Annex(table::AnnexArgs),
    /// 把各部门填回的 XLSX 计划表导入计划文件
    Import(table::ImportArgs),
    /// 印发并存档：生成 PDF，连同计划、数据和清单存入存档（同一文号不能再次印发）
    Issue(archive::IssueArgs),
    /// 更正已印发的文件：生成更正后的文件和更正通知，存为下一个版本
    Reissue(archive::ReissueArgs),
    /// 核对存档：重新计算哈希，并按存档的计划重新生成，确认与存档一致
    Verify(archive::VerifyArgs),
    /// 比较两个版本的计划（计划文件或存档版本文件夹），列出改动
    Diff(archive::DiffArgs),
    /// 输出计划格式的 JSON Schema（供编辑器补全和校验）
    Schema(schema::Args),
    /// 列出全部规则（代码、级别、说明）
    Rules(rules::Args),
    /// 在浏览器里编辑计划：本机网页，表单和源文件两种视图，实时预览，生成、导出、导入、印发、更正
    Serve(serve::Args),
    /// 列出能用的字体（随附字体和 --font-dir 中的字体）及各角色的字体顺序
    Fonts(fonts::Args),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// 供人阅读
    #[default]
    Human,
    /// JSON，供其他程序读取
    Json,
}

/// Exit codes: 0 clean, 1 the plan has errors, 2 usage or I/O.
pub mod exit {
    pub(crate) const OK: u8 = 0;
    pub(crate) const PLAN_ERRORS: u8 = 1;
    pub(crate) const USAGE_OR_IO: u8 = 2;
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints help/version to stdout with exit 0, usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE_OR_IO
            } else {
                exit::OK
            });
        }
    };
    let code = match cli.command {
        Command::Render(args) => render::run(&args),
        Command::Check(args) => check::run(&args),
        Command::New(args) => new::run(&args),
        Command::Annex(args) => table::run_annex(&args),
        Command::Import(args) => table::run_import(&args),
        Command::Issue(args) => archive::run_issue(&args),
        Command::Reissue(args) => archive::run_reissue(&args),
        Command::Verify(args) => archive::run_verify(&args),
        Command::Diff(args) => archive::run_diff(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Fonts(args) => fonts::run(&args),
        Command::Serve(args) => serve::run(&args),
    };
    ExitCode::from(code)
}

/// The bundled fonts plus those in `dirs`; on failure prints why and gives `None` (exit 2).
/// `--font-dir`, for every command that checks or renders a plan: a plan whose `[fonts]` names
/// an office's own face renders, issues, verifies and serves alike.
#[derive(clap::Args, Debug, Default)]
pub struct FontArgs {
    /// 另外加载这个文件夹中的字体（供 [fonts] 选用），可多次给出
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<std::path::PathBuf>,
}

impl FontArgs {
    /// The bundled faces and those of the folders; None (the error printed) when a folder
    /// cannot be read.
    fn load(&self) -> Option<crate::fonts::FontSet> {
        load_fonts(&self.font_dirs)
    }
}

fn load_fonts(dirs: &[std::path::PathBuf]) -> Option<crate::fonts::FontSet> {
    match crate::fonts::FontSet::with_dirs(dirs) {
        Ok(set) => Some(set),
        Err(e) => {
            errln!("错误：{e}");
            None
        }
    }
}

/// Checks a plan and writes its findings to `out`; gives the checked plan only when it has
/// no errors, else the exit code (`refused` says what was not done, e.g. "未生成 PDF").
fn checked_or_exit(
    plan: &std::path::Path,
    opts: &crate::check::CheckOptions,
    refused: &str,
    out: &mut impl std::io::Write,
) -> Result<crate::check::Checked, u8> {
    let outcome = crate::check::check_path(plan, opts);
    for r in &outcome.reports {
        let _ = write!(out, "{}", crate::diag::render_human(r));
    }
    if outcome.unreadable() {
        return Err(exit::USAGE_OR_IO);
    }
    let errors = outcome.errors();
    match outcome.clean() {
        Ok(c) => Ok(c),
        Err(_) => {
            let _ = writeln!(
                out,
                "{}：有 {errors} 个错误，{refused}。改正后再运行。",
                plan.display()
            );
            Err(exit::PLAN_ERRORS)
        }
    }
}
