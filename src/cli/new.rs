//! `gongwen new --from PLAN --year Y -o OUT` and `gongwen new --county NAME --year Y -o OUT`.

use std::io::Write;
use std::path::PathBuf;

use super::exit;
use crate::plan::genre::GENRES;
use crate::plan::load_file;
use crate::plan::model::Genre;
use crate::plan::next_year::next_year;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 以这份计划（通常是上一年的）为底稿
    #[arg(
        long,
        value_name = "PLAN",
        conflicts_with = "county",
        required_unless_present = "county"
    )]
    pub from: Option<PathBuf>,
    /// 没有底稿时，用内置骨架，写入这个县名（如 峨边彝族自治县）
    #[arg(long, value_name = "NAME")]
    pub county: Option<String>,
    /// 新计划的年度
    #[arg(long)]
    pub year: i32,
    /// 文种（只用于 --county）：通知、函、公告、公示、请示、报告、意见
    #[arg(long, value_name = "文种", default_value = "通知", value_parser = genre, conflicts_with = "from")]
    pub genre: Genre,
    /// 新计划文件（已存在则不覆盖）
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// 保留底稿中的项目（完成时限移到新年度），而不是清空为待填写
    #[arg(long)]
    pub keep_projects: bool,
}

/// A 文种 as the clerk types it.
fn genre(word: &str) -> Result<Genre, String> {
    let all: Vec<&str> = GENRES.iter().map(|t| t.genre.label()).collect();
    GENRES
        .iter()
        .map(|t| t.genre)
        .find(|g| g.label() == word.trim())
        .ok_or_else(|| format!("文种写作：{}", all.join("、")))
}

pub fn run(args: &Args) -> u8 {
    let mut out = super::term::stdout();
    if let Err(e) = crate::plan::next_year::plan_year(args.year) {
        let _ = writeln!(out, "错误：{e}");
        return exit::USAGE_OR_IO;
    }
    if args.output.exists() {
        let _ = writeln!(
            out,
            "错误：{} 已存在，不覆盖；换一个文件名",
            args.output.display()
        );
        return exit::USAGE_OR_IO;
    }
    let text = match (&args.from, &args.county) {
        (Some(from), _) => {
            let plan = match load_file(from) {
                Ok(p) => p,
                Err(crate::plan::load::LoadError::Io(m)) => {
                    let _ = writeln!(out, "错误：{m}");
                    return exit::USAGE_OR_IO;
                }
                Err(crate::plan::load::LoadError::Invalid(r)) => {
                    let _ = write!(out, "{}", crate::diag::render_human(&r));
                    return exit::PLAN_ERRORS;
                }
            };
            match next_year(
                &plan.source,
                plan.value.plan.year,
                args.year,
                args.keep_projects,
            ) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(out, "错误：{e}");
                    return exit::PLAN_ERRORS;
                }
            }
        }
        (None, Some(county)) => {
            match crate::plan::skeleton::skeleton(county, args.year, args.genre) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(out, "错误：{e}");
                    return exit::USAGE_OR_IO;
                }
            }
        }
        (None, None) => unreachable!("clap requires --from or --county"),
    };
    // Create, never replace: a plan already there is the clerk's.
    if let Err(e) = crate::files::write_new_atomic(&args.output, text.as_bytes()) {
        let _ = writeln!(out, "错误：{e}");
        return exit::USAGE_OR_IO;
    }
    let _ = writeln!(
        out,
        "已生成 {}。运行 gongwen check {} 查看还要填写的地方。",
        args.output.display(),
        args.output.display()
    );
    exit::OK
}
