//! `gongwen issue`, `reissue`, `verify` and `diff`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{OutputFormat, exit};
use crate::archive::diff::{Change, diff};
use crate::archive::store::{Archive, fs_write};
use crate::archive::{Issued, issue, ledger, reissue, verify};
use crate::check::{CheckOptions, Checked};
use crate::diag::render_human;
use crate::plan::{PlanFile, load_file};
use crate::render::RenderOptions;

/// Default archive folder, relative to where gongwen runs.
const DEFAULT_ARCHIVE: &str = "archive";

#[derive(clap::Args, Debug)]
pub struct IssueArgs {
    /// 计划文件（.toml）
    pub plan: PathBuf,
    /// 存档文件夹
    #[arg(long, default_value = DEFAULT_ARCHIVE, value_name = "DIR")]
    pub archive: PathBuf,
    /// 输出 PDF/A-2b
    #[arg(long)]
    pub pdf_a: bool,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

#[derive(clap::Args, Debug)]
pub struct ReissueArgs {
    /// 改正后的计划文件（.toml），其中有 [correction] 表
    pub plan: PathBuf,
    /// 要更正的已印发版本，如 v1
    #[arg(long, value_name = "vN")]
    pub from: String,
    /// 存档文件夹
    #[arg(long, default_value = DEFAULT_ARCHIVE, value_name = "DIR")]
    pub archive: PathBuf,
    /// 输出 PDF/A-2b
    #[arg(long)]
    pub pdf_a: bool,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// 存档文件夹
    #[arg(long, default_value = DEFAULT_ARCHIVE, value_name = "DIR")]
    pub archive: PathBuf,
    /// 印发时记下的账本头（至少 8 位）：核对账本没有被截断或整个重算
    #[arg(long, value_name = "账本头")]
    pub head: Option<String>,
    /// 把账本中没有的版本（早于账本的存档，或账本丢失后）核对无误后登记到账本
    #[arg(long)]
    pub adopt: bool,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// 旧版本：计划文件，或存档中的版本文件夹（如 archive/峨边府办函〔2023〕7号/v1）
    pub old: PathBuf,
    /// 新版本：同上
    pub new: PathBuf,
    /// 输出格式
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// Checks a plan with the faces `fonts` gives; prints its findings; the exit code when it
/// cannot be issued.
fn checked(plan: &Path, fonts: &super::FontArgs) -> Result<Checked, u8> {
    let Some(fonts) = fonts.load() else {
        return Err(exit::USAGE_OR_IO);
    };
    let opts = CheckOptions {
        fonts,
        ..Default::default()
    };
    super::checked_or_exit(plan, &opts, "未印发", &mut super::term::stdout())
}

fn report(result: Result<Issued, crate::archive::Failure>, what: &str) -> u8 {
    let mut out = super::term::stdout();
    match result {
        Ok(i) => {
            let _ = writeln!(
                out,
                "已{what}：{}（{} v{}）",
                i.dir.display(),
                i.manifest.doc_number,
                i.manifest.version
            );
            for c in &i.manifest.changes {
                let _ = writeln!(out, "  更正：{c}");
            }
            let _ = writeln!(
                out,
                "账本已登记，账本头：{}（请记下：日后 gongwen verify 可据此核对存档没有被删改）",
                ledger::short(&i.ledger_head)
            );
            exit::OK
        }
        Err(e) => {
            let _ = writeln!(out, "错误：{e}");
            // Refusals (already issued, nothing changed) are about the plan: exit 1; the
            // archive's I/O and rendering: 2.
            e.exit_code()
        }
    }
}

pub(crate) fn run_issue(args: &IssueArgs) -> u8 {
    let c = match checked(&args.plan, &args.fonts) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let opts = RenderOptions {
        pdf_a: args.pdf_a,
        ..Default::default()
    };
    report(
        issue(&c, &opts, &Archive::new(&args.archive), &mut fs_write),
        "印发并存档",
    )
}

pub(crate) fn run_reissue(args: &ReissueArgs) -> u8 {
    let Some(from) = args.from.trim_start_matches(['v', 'V']).parse::<u32>().ok() else {
        errln!("错误：--from 应写成 v1、v2 这样的版本号");
        return exit::USAGE_OR_IO;
    };
    let c = match checked(&args.plan, &args.fonts) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let opts = RenderOptions {
        pdf_a: args.pdf_a,
        ..Default::default()
    };
    report(
        reissue(&c, &opts, &Archive::new(&args.archive), from, &mut fs_write),
        "更正并存档",
    )
}

pub(crate) fn run_verify(args: &VerifyArgs) -> u8 {
    let mut out = super::term::stdout();
    if !args.archive.is_dir() {
        let _ = writeln!(out, "错误：存档文件夹 {} 不存在", args.archive.display());
        return exit::USAGE_OR_IO;
    }
    let Some(fonts) = args.fonts.load() else {
        return exit::USAGE_OR_IO;
    };
    let archive = Archive::new(&args.archive);
    let (n, mut problems) = verify(&archive, &RenderOptions::default(), &fonts);
    if args.adopt {
        match adopt(&archive, &mut problems) {
            Ok(lines) => lines.iter().for_each(|l| {
                let _ = writeln!(out, "{l}");
            }),
            Err(e) => {
                let _ = writeln!(out, "错误：{e}");
                return exit::USAGE_OR_IO;
            }
        }
    }
    for p in &problems {
        let _ = writeln!(out, "{}：{}", p.version.display(), p.message);
    }
    let mut bad = problems.len();
    let head = ledger::head(&archive.root);
    if let Some(h) = &args.head {
        match ledger::find_head(&archive.root, h) {
            Ok(0) => {
                let _ = writeln!(out, "账本头与记下的 {h} 一致。");
            }
            Ok(later) => {
                let _ = writeln!(
                    out,
                    "记下的账本头 {h} 在账本中，其后又印发了 {later} 个版本。"
                );
            }
            Err(e) => {
                bad += 1;
                let _ = writeln!(out, "{}：{e}", args.archive.display());
            }
        }
    }
    if let Some(h) = &head {
        let _ = writeln!(
            out,
            "账本头：{}（与印发时记下的核对，或用 --head 核对）",
            ledger::short(h)
        );
    }
    if bad == 0 {
        let _ = writeln!(
            out,
            "核对了 {n} 个版本：文件完好，按存档重新生成的 PDF 与存档一致。"
        );
        exit::OK
    } else {
        let _ = writeln!(out, "核对了 {n} 个版本：发现 {bad} 个问题。");
        exit::PLAN_ERRORS
    }
}

/// Records in the ledger the versions it lacks whose files and re-rendered PDFs check out,
/// each said aloud; their "not in the ledger" problems are then settled.
fn adopt(
    archive: &Archive,
    problems: &mut Vec<crate::archive::Problem>,
) -> Result<Vec<String>, crate::archive::Failure> {
    let sound = |dir: &Path| problems.iter().all(|p| p.version != dir || p.unledgered);
    let mut candidates: Vec<PathBuf> = problems
        .iter()
        .filter(|p| p.unledgered)
        .map(|p| p.version.clone())
        .filter(|d| sound(d))
        .collect();
    candidates.dedup();
    let _held = archive.lock()?;
    let (adopted, head) = ledger::adopt(&archive.root, &candidates)?;
    problems.retain(|p| !(p.unledgered && adopted.contains(&p.version)));
    let mut lines: Vec<String> = adopted
        .iter()
        .map(|d| {
            format!(
                "已登记到账本（未经 gongwen 记录印发，经核对文件与重新生成的 PDF 一致）：{}",
                d.display()
            )
        })
        .collect();
    if !adopted.is_empty() {
        lines.push(format!("新的账本头：{}（请记下）", ledger::short(&head)));
    }
    Ok(lines)
}

/// A plan file, or the plan of an archived version folder.
fn load_side(path: &Path) -> Result<PlanFile, String> {
    load_file(&crate::archive::plan_path(path))
        .map(|l| l.value)
        .map_err(|e| match e {
            crate::plan::load::LoadError::Io(e) => e.to_string(),
            crate::plan::load::LoadError::Invalid(r) => render_human(&r),
        })
}

pub(crate) fn run_diff(args: &DiffArgs) -> u8 {
    let mut out = super::term::stdout();
    let (old, new) = match (load_side(&args.old), load_side(&args.new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(out, "错误：{e}");
            return exit::USAGE_OR_IO;
        }
    };
    let changes: Vec<Change> = diff(&old, &new);
    match args.format {
        OutputFormat::Json => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&changes).unwrap_or_default()
            );
        }
        OutputFormat::Human => {
            for c in &changes {
                let _ = writeln!(out, "[{}] {}", c.kind.label(), c.line());
            }
            let _ = writeln!(out, "共 {} 处不同。", changes.len());
        }
    }
    exit::OK
}
