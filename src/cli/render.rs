//! `gongwen render PLAN… [-o FILE.pdf]`

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit;
use crate::check::CheckOptions;
use crate::files::{check_output, write_atomic};
use crate::render::output::Kind;
use crate::render::templates::Templates;
use crate::render::{RenderOptions, render};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 计划文件（.toml），可以有多个
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// 输出文件：.pdf，或 .docx（Word/WPS 可编辑的文档）；只有一个计划时可用；默认与计划同名，扩展名 .pdf
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 输出 PDF/A-2b（长期存档格式）
    #[arg(long)]
    pub pdf_a: bool,
    /// 把 main.typ、模板和 data.json 写到这个文件夹，可用 typst compile 复现同一文档
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// 使用这个文件夹中的模板，而不是内置模板
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 使用这个名册文件，而不是计划中 roster 指定的
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    #[command(flatten)]
    pub fonts: super::FontArgs,
    /// 监视计划文件：每次保存后重新检查并生成；有错误时保留上一份好的 PDF（Ctrl-C 退出）
    #[arg(long)]
    pub watch: bool,
    /// 自定义模板（--templates）的运行时限，秒；超时则中止，不生成 PDF
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub template_timeout: u64,
    /// (for tests) stop watching after this many re-renders
    #[arg(long, hide = true)]
    pub watch_limit: Option<usize>,
}

pub fn run(args: &Args) -> u8 {
    // Not locked for the whole run: the template watchdog below writes to it.
    let mut err = super::term::stderr();
    if args.output.is_some() && args.plans.len() > 1 {
        let _ = writeln!(
            err,
            "错误：-o 只能用于一个计划文件；多个计划各自生成同名的 .pdf"
        );
        return exit::USAGE_OR_IO;
    }
    let templates = match &args.templates {
        Some(dir) => match Templates::from_dir(dir) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(err, "错误：{e}");
                return exit::USAGE_OR_IO;
            }
        },
        None => Templates::embedded(),
    };
    let opts = RenderOptions {
        templates,
        pdf_a: args.pdf_a,
    };
    let Some(fonts) = args.fonts.load() else {
        return exit::USAGE_OR_IO;
    };
    let check_opts = CheckOptions {
        roster: args.roster.clone(),
        fonts,
        ..Default::default()
    };
    if args.watch {
        return watch(args, &opts, &check_opts);
    }
    // An office's own templates are code: one that loops without end is stopped. Typst cannot
    // be interrupted, so the process ends; outputs are written atomically, none is left half.
    if args.templates.is_some() {
        let secs = args.template_timeout;
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            errln!(
                "错误：模板运行超过 {secs} 秒，已中止，未生成 PDF：检查模板中的循环（或用 --template-timeout 放宽时限）"
            );
            std::process::exit(i32::from(exit::USAGE_OR_IO));
        });
    }
    let results = render_all(args, &opts, &check_opts);
    let mut stdout = super::term::stdout();
    for r in &results {
        let _ = stdout.write_all(r.output.as_bytes());
    }
    if results.len() > 1 {
        let _ = writeln!(stdout, "\n{:<40} {:>4}  结果", "计划", "页数");
        for (plan, r) in args.plans.iter().zip(&results) {
            let pages = r.pages.map(|p| p.to_string()).unwrap_or_else(|| "-".into());
            let result = if r.code == exit::OK {
                "已生成"
            } else {
                "失败"
            };
            let _ = writeln!(stdout, "{:<40} {pages:>4}  {result}", plan.display());
        }
    }
    results.iter().map(|r| r.code).max().unwrap_or(exit::OK)
}

/// "已完成 37/100" on a terminal, rewritten in place; nothing when output is redirected.
fn progress(done: usize, total: usize) {
    use std::io::IsTerminal;
    // Our own characters only (a carriage return among them): no text from a file.
    let err = std::io::stderr();
    if total < 2 || !err.is_terminal() {
        return;
    }
    let width = 30;
    let filled = done * width / total;
    let mut err = err.lock();
    let _ = write!(
        err,
        "\r[{}{}] 已完成 {done}/{total}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    );
    if done == total {
        let _ = writeln!(err);
    }
}

/// What rendering one plan printed and gave.
struct Outcome {
    code: u8,
    output: String,
    pages: Option<usize>,
    /// The roster the check read (the plan's, or --roster's), for `--watch` to watch.
    roster: Option<PathBuf>,
}

/// Renders every plan, in parallel across the machine's cores; results come back in the
/// plans' order.
fn render_all(args: &Args, opts: &RenderOptions, check_opts: &CheckOptions) -> Vec<Outcome> {
    let results = crate::batch::each(
        &args.plans,
        |plan| render_one(plan, args, opts, check_opts),
        progress,
    );
    results
        .into_iter()
        .zip(&args.plans)
        .map(|(r, plan)| {
            // One plan that trips an internal error must not take the batch with it.
            r.unwrap_or_else(|e| Outcome {
                code: exit::USAGE_OR_IO,
                output: format!(
                    "{}：内部错误，未生成 PDF（{e}）。这不是计划文件写错了：请把计划文件发给维护人员。\n",
                    plan.display()
                ),
                pages: None,
                roster: None,
            })
        })
        .collect()
}

fn render_one(
    plan: &Path,
    args: &Args,
    opts: &RenderOptions,
    check_opts: &CheckOptions,
) -> Outcome {
    let mut out: Vec<u8> = Vec::new();
    let mut pages = None;
    let mut roster = None;
    let code = render_into(
        plan,
        args,
        opts,
        check_opts,
        &mut out,
        (&mut pages, &mut roster),
    );
    Outcome {
        code,
        output: String::from_utf8_lossy(&out).into_owned(),
        pages,
        roster,
    }
}

fn render_into(
    plan: &Path,
    args: &Args,
    opts: &RenderOptions,
    check_opts: &CheckOptions,
    out: &mut Vec<u8>,
    (pages, roster): (&mut Option<usize>, &mut Option<PathBuf>),
) -> u8 {
    let checked = match super::checked_or_exit(plan, check_opts, "未生成 PDF", out) {
        Ok(c) => c,
        Err(code) => return code,
    };
    roster.clone_from(&checked.roster_path);
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| plan.with_extension("pdf"));
    let mut inputs = vec![plan];
    inputs.extend(checked.roster_path.as_deref());
    let kind = match Kind::of(&target, &[Kind::Pdf, Kind::Docx, Kind::Ofd]).and_then(|k| {
        check_output(&target, &inputs)
            .map(|()| k)
            .map_err(|e| e.to_string())
    }) {
        Ok(k) => k,
        Err(e) => {
            let _ = writeln!(out, "错误：{e}");
            return exit::USAGE_OR_IO;
        }
    };
    match kind {
        Kind::Docx => {
            let docx = crate::docx::render(&checked).map_err(|p| p.to_string());
            return write_other(docx, &target, out);
        }
        Kind::Ofd => {
            let ofd = crate::ofd::render(&checked, opts).map_err(|p| p.lines().join("；"));
            return write_other(ofd, &target, out);
        }
        _ => {}
    }
    if let Some(dir) = &args.emit_typst
        && let Err(e) = emit_typst(dir, &opts.templates, &crate::render::data_json(&checked))
    {
        let _ = writeln!(out, "错误：{e}");
        return exit::USAGE_OR_IO;
    }
    let rendered = match render(&checked, opts) {
        Ok(r) => r,
        Err(problems) => {
            let _ = writeln!(out, "{}：排版失败，未生成 PDF：", plan.display());
            for p in problems {
                let _ = writeln!(out, "  {p}");
            }
            return exit::USAGE_OR_IO;
        }
    };
    if let Err(e) = write_atomic(&target, &rendered.pdf) {
        let _ = writeln!(out, "错误：{e}");
        return exit::USAGE_OR_IO;
    }
    *pages = Some(rendered.pages());
    let _ = writeln!(
        out,
        "已生成 {}（{} 页，{} KB）",
        target.display(),
        rendered.pages(),
        rendered.pdf.len().div_ceil(1024)
    );
    exit::OK
}

/// The notice in another format than PDF (DOCX for Word/WPS, OFD for e-government).
fn write_other(bytes: Result<Vec<u8>, String>, target: &Path, out: &mut Vec<u8>) -> u8 {
    match bytes.and_then(|b| {
        write_atomic(target, &b)
            .map(|()| b.len())
            .map_err(|e| e.to_string())
    }) {
        Ok(len) => {
            let _ = writeln!(
                out,
                "已生成 {}（{} KB）",
                target.display(),
                len.div_ceil(1024)
            );
            exit::OK
        }
        Err(e) => {
            let _ = writeln!(out, "错误：{e}");
            exit::USAGE_OR_IO
        }
    }
}

/// Writes what `typst compile` needs to reproduce the document.
fn emit_typst(dir: &Path, templates: &Templates, data: &[u8]) -> Result<(), crate::files::Error> {
    use crate::files::{Error, Why};
    std::fs::create_dir_all(dir).map_err(|e| Error::new(dir, Why::MakeFolder(e)))?;
    for (name, text) in &templates.files {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    write_atomic(&dir.join("data.json"), data)?;
    Ok(())
}

/// The plan's (and its roster's) modification times: what a save changes.
/// The files a render reads that a save can change: the plan and the roster its check read
/// (the one the plan names, inside its folder, or `--roster`'s) — known from the check, not
/// by reading the plan again; a plan that did not check keeps the roster watched before.
fn watched(plan: &Path, roster: Option<&PathBuf>) -> Vec<PathBuf> {
    [plan.to_path_buf()]
        .into_iter()
        .chain(roster.cloned())
        .collect()
}

/// The files' modification times: a stat each, nothing read.
fn stamp(files: &[PathBuf]) -> Vec<Option<std::time::SystemTime>> {
    files
        .iter()
        .map(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok())
        .collect()
}

/// `--watch`: render, then re-render on every save. The process, its fonts and Typst's
/// caches stay warm, so a re-render takes a fraction of a cold one. Saves are noticed by
/// polling the files' modification times, a stat each (no watcher service needed).
fn watch(args: &Args, opts: &RenderOptions, check_opts: &CheckOptions) -> u8 {
    let [plan] = args.plans.as_slice() else {
        errln!("错误：--watch 一次只监视一个计划文件");
        return exit::USAGE_OR_IO;
    };
    let mut roster = check_opts.roster.clone();
    let mut files = watched(plan, roster.as_ref());
    let mut last = stamp(&files);
    let mut renders = 0usize;
    loop {
        let started = std::time::Instant::now();
        let outcome = render_one(plan, args, opts, check_opts);
        // The plan names another roster now: watch that one from here on.
        if outcome.roster.is_some() && outcome.roster != roster {
            roster.clone_from(&outcome.roster);
            files = watched(plan, roster.as_ref());
            last = stamp(&files);
        }
        let mut out = super::term::stdout();
        let _ = out.write_all(outcome.output.as_bytes());
        if outcome.code != exit::OK {
            let _ = writeln!(out, "（上一份生成的 PDF 保持不变）");
        }
        let _ = writeln!(
            out,
            "用时 {} 毫秒。等待保存……",
            started.elapsed().as_millis()
        );
        let _ = out.flush();
        drop(out);
        renders += 1;
        if args.watch_limit.is_some_and(|n| renders >= n) {
            return outcome.code;
        }
        loop {
            std::thread::sleep(std::time::Duration::from_millis(200));
            let now = stamp(&files);
            if now != last {
                last = now;
                break;
            }
        }
    }
}
