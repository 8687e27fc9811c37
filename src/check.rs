//! `check`: load a plan (and its roster), run every rule, and locate each finding.

use std::path::{Path, PathBuf};

use crate::diag::{Diag, FileReport, Severity};
use crate::files::Outside;
use crate::fonts::{FontEnv, FontSet};
use crate::plan::load::{LoadError, Parsed, load_path};
use crate::plan::{FieldPath, Figures, Loaded, Roster};
use crate::rules::{self, Ctx};

#[derive(Default, Clone)]
pub struct CheckOptions {
    /// A roster to use instead of the one the plan names.
    pub roster: Option<PathBuf>,
    /// The fonts available: the bundled ones, plus any loaded from `--font-dir`.
    pub fonts: FontSet,
    /// A folder to read the seals from under their archived names (`archive::seal_file`),
    /// instead of the files the plan names: an archived version's.
    pub seals_from: Option<PathBuf>,
}

/// A plan that loaded, with what the rules saw.
pub struct Checked {
    pub plan: Loaded,
    pub roster: Option<Roster>,
    /// Where the roster was read from, and its text as read (what an issued version archives).
    pub roster_path: Option<PathBuf>,
    pub roster_source: Option<String>,
    pub figures: Figures,
    /// The fonts it prints with (its `[fonts]` choice applied).
    pub fonts: FontEnv,
    /// Each signing office's seal (the leading one first): its PNG, read from the plan's
    /// folder, or none (no image: unsealed, or a seal stamped by hand).
    pub seals: Vec<Option<Vec<u8>>>,
}

/// The result of checking one plan file.
pub struct Outcome {
    /// The plan's report first, then the roster's if it had problems of its own.
    pub reports: Vec<FileReport>,
    /// How far the plan got.
    pub reached: Reached,
}

/// How far a plan got: one of three, never two at once.
pub enum Reached {
    /// The file could not be read at all (exit 2).
    Unreadable,
    /// Read, but not a plan (its syntax or its fields: the report says where).
    Invalid,
    /// Loaded and checked, with or without errors.
    Checked(Box<Checked>),
}

impl Outcome {
    pub(crate) fn stopped(report: FileReport, reached: Reached) -> Self {
        Outcome {
            reports: vec![report],
            reached,
        }
    }

    /// The plan as checked, if it loaded (even with errors).
    pub fn checked(&self) -> Option<&Checked> {
        match &self.reached {
            Reached::Checked(c) => Some(c),
            _ => None,
        }
    }

    pub fn into_checked(self) -> Option<Checked> {
        match self.reached {
            Reached::Checked(c) => Some(*c),
            _ => None,
        }
    }

    /// The plan could not be read at all (exit 2).
    pub fn unreadable(&self) -> bool {
        matches!(self.reached, Reached::Unreadable)
    }

    /// The one gate every face asks before printing, issuing or verifying: the checked plan
    /// when it loaded and has no errors (warnings do not stop it), else the outcome back for
    /// its reports.
    pub fn clean(self) -> Result<Checked, Outcome> {
        match self.reached {
            Reached::Checked(c) if self.errors() == 0 => Ok(*c),
            _ => Err(self),
        }
    }

    pub fn errors(&self) -> usize {
        self.reports.iter().map(FileReport::errors).sum()
    }

    pub fn warnings(&self) -> usize {
        self.reports.iter().map(FileReport::warnings).sum()
    }

    /// Errors other than the 待填写 placeholders of a new plan: a preview can show a plan that
    /// has only those (the placeholders visible); printing and issuing it cannot.
    pub fn errors_besides_placeholders(&self) -> usize {
        self.reports
            .iter()
            .flat_map(|r| &r.diags)
            .filter(|d| d.severity == Severity::Error && d.code != rules::todo::CODE)
            .count()
    }
}

/// Checks the plan at `path`.
pub fn check_path(path: &Path, opts: &CheckOptions) -> Outcome {
    match load_path(path) {
        Err(LoadError::Io(msg)) => Outcome::stopped(io_report(path, msg), Reached::Unreadable),
        Err(LoadError::Invalid(report)) => Outcome::stopped(report, Reached::Invalid),
        Ok(plan) => check_loaded(plan, opts),
    }
}

/// A file a plan names (its roster, its seal: `what`), as a path inside the plan's folder
/// (`files::confine`): a plan sent by someone else must not make gongwen read other files.
fn in_folder(dir: &Path, name: &str, what: &str) -> Result<PathBuf, String> {
    crate::files::confine(dir, name).map_err(|why| match why {
        Outside::Named => format!("{what}“{name}”不在计划文件所在的文件夹里"),
        Outside::Linked => format!("{what}“{name}”是一个链接，指向计划文件夹以外的文件"),
        Outside::NoFolder => format!("{what}“{name}”找不到：它所在的文件夹不存在"),
    })
}

/// Runs the rules on a loaded plan.
pub fn check_loaded(plan: Loaded, opts: &CheckOptions) -> Outcome {
    let _doing = crate::activity::doing(crate::activity::Doing::Check);
    let mut reports = Vec::new();
    let mut plan_diags = Vec::new();
    let (roster_path, loaded_roster) = roster_of(&plan, opts, &mut plan_diags);
    let (roster, roster_source) = match loaded_roster {
        Some(r) => (Some(r.value), Some(r.source)),
        None => (None, None),
    };
    let seals = seals_of(&plan, opts, &mut plan_diags);
    let figures = Figures::of(&plan.value.plan);
    let fonts = FontEnv::for_plan(opts.fonts.clone(), &plan.value.fonts);
    let findings = rules::run(&Ctx::new(&plan.value, &figures, roster.as_ref(), &fonts));
    let accepts = &plan.value.policy.accept;
    plan_diags.extend(findings.into_iter().map(|f| {
        // A warning the plan accepts stays in the report, with the plan's reason.
        let accepted = accepts
            .iter()
            .find(|a| f.severity.acceptable() && a.rule.trim() == f.code);
        let (severity, hint) = match accepted {
            Some(a) => (
                Severity::Accepted,
                format!("已在 [[policy.accept]] 中接受，理由：{}", a.reason.trim()),
            ),
            None => (f.severity.unaccepted(), f.hint),
        };
        Diag {
            code: f.code,
            severity,
            message: f.message,
            hint,
            span: plan.spans.locate(&f.path).map(|value| match &f.within {
                Some(part) => crate::plan::spans::inside(&plan.source, value, part.clone()),
                None => value,
            }),
            path: Some(f.path.to_string()),
        }
    }));
    let mut report = FileReport {
        name: plan.name.clone(),
        source: plan.source.clone(),
        diags: plan_diags,
    };
    report.sort();
    reports.insert(0, report);
    Outcome {
        reports,
        reached: Reached::Checked(Box::new(Checked {
            plan,
            roster_path: roster.as_ref().and(roster_path),
            roster,
            roster_source,
            figures,
            fonts,
            seals,
        })),
    }
}

/// The roster the plan uses, and where it was read from; a problem with it is a finding on
/// the plan's `roster` line.
fn roster_of(
    plan: &Loaded,
    opts: &CheckOptions,
    plan_diags: &mut Vec<Diag>,
) -> (Option<PathBuf>, Option<Parsed<Roster>>) {
    let roster_problem = |message: String, hint: &str| Diag {
        code: "roster-file",
        severity: Severity::Error,
        message,
        hint: hint.into(),
        span: plan.spans.locate(&FieldPath::of("roster")),
        path: Some("roster".into()),
    };
    // A roster given on the command line is the clerk's choice; one the plan names is confined
    // to the plan's folder: a plan sent by someone else must not make gongwen read other files.
    let roster_path = match (&opts.roster, &plan.value.roster) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(name)) => match in_folder(&plan.dir(), name, "名册") {
            Ok(p) => Some(p),
            Err(msg) => {
                plan_diags.push(roster_problem(
                    msg,
                    "名册文件放在计划文件所在的文件夹（或其子文件夹）里，roster 写它的文件名",
                ));
                None
            }
        },
        (None, None) => None,
    };
    let roster = roster_path
        .as_ref()
        .and_then(|p| match load_path::<Roster>(p) {
            Ok(r) => Some(r),
            Err(LoadError::Io(msg)) => {
                plan_diags.push(roster_problem(
                    format!("名册文件读不出来：{msg}"),
                    "roster 的路径相对于计划文件所在的文件夹；核对文件名，或删去 roster 这一行",
                ));
                None
            }
            // Where it is wrong, not what it holds: a file that is no roster is never echoed.
            Err(LoadError::Invalid(report)) => {
                let first = report.diags.first();
                let at = first
                    .and_then(|d| d.span.as_ref())
                    .map(|s| crate::diag::line_col(&report.source, s.start))
                    .map(|(l, c)| format!("第{l}行第{c}列"))
                    .unwrap_or_default();
                plan_diags.push(roster_problem(
                    format!(
                        "名册文件 {} 不是有效的名册：{at}有错（{}）",
                        p.display(),
                        first.map_or("", |d| d.code)
                    ),
                    "名册只写 places、units、leaders 三个名单；用编辑器打开名册改正该处（名册的内容不在这里显示）",
                ));
                None
            }
        });
    (roster_path, roster)
}

/// The largest seal image taken: a seal scanned at 600 dpi is well under it.
const SEAL_BYTES: u64 = 4 * 1024 * 1024;

/// Each signing office's seal's PNG, read from the plan's folder; a problem with one is an
/// error on the line that names it (a document must not be printed without the seal it asks
/// for).
fn seals_of(
    plan: &Loaded,
    opts: &CheckOptions,
    plan_diags: &mut Vec<Diag>,
) -> Vec<Option<Vec<u8>>> {
    let signing = plan.value.notice.signing();
    signing
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = s.seal?;
            let path = match &opts.seals_from {
                Some(dir) => Ok(dir.join(crate::archive::seal_file(i))),
                None => in_folder(&plan.dir(), name, "印章图片"),
            };
            let read = path.and_then(|p| {
                crate::files::read(&p, SEAL_BYTES, "一枚印章的图片").map_err(|e| e.to_string())
            });
            let message = match read {
                Ok(bytes) if bytes.starts_with(b"\x89PNG\r\n\x1a\n") => return Some(bytes),
                Ok(_) => format!("印章图片“{name}”不是 PNG 图片"),
                Err(msg) => format!("印章图片读不出来：{msg}"),
            };
            plan_diags.push(Diag {
                code: "seal-file",
                severity: Severity::Error,
                message,
                hint: "seal 写印章图片（PNG，透明底）的文件名，图片放在计划文件所在的文件夹里；手工盖章写 seal = true".into(),
                span: plan.spans.locate(&s.seal_at),
                path: Some(s.seal_at.to_string()),
            });
            None
        })
        .collect()
}

fn io_report(path: &Path, failure: crate::files::Error) -> FileReport {
    FileReport {
        name: path.display().to_string(),
        source: String::new(),
        diags: vec![Diag {
            code: "input-io",
            severity: Severity::Error,
            message: failure.to_string(),
            hint: "核对文件路径；计划文件是以 .toml 结尾的文本文件".into(),
            span: None,
            path: None,
        }],
    }
}
