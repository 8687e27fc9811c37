//! `check`: load a plan (and its roster), run every rule, and locate each finding.

use std::path::{Path, PathBuf};

use crate::diag::{Diag, FileReport, Severity};
use crate::plan::load::{LoadError, load_path};
use crate::plan::{FieldPath, Figures, Loaded, Roster};
use crate::render::fonts::{FontEnv, FontSet};
use crate::rules::{self, Ctx};

#[derive(Default, Clone)]
pub struct CheckOptions {
    /// A roster to use instead of the one the plan names.
    pub roster: Option<PathBuf>,
    /// The fonts available: the bundled ones, plus any loaded from `--font-dir`.
    pub fonts: FontSet,
}

/// A plan that loaded, with what the rules saw.
pub struct Checked {
    pub plan: Loaded,
    pub roster: Option<Roster>,
    /// Where the roster was read from.
    pub roster_path: Option<PathBuf>,
    pub figures: Figures,
    /// The fonts it prints with (its `[fonts]` choice applied).
    pub fonts: FontEnv,
}

/// The result of checking one plan file.
pub struct Outcome {
    /// The plan's report first, then the roster's if it had problems of its own.
    pub reports: Vec<FileReport>,
    /// Present when the plan loaded (even if rules found errors).
    pub checked: Option<Checked>,
    /// The plan could not be read at all (exit 2).
    pub io_failed: bool,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.reports.iter().map(FileReport::errors).sum()
    }

    pub fn warnings(&self) -> usize {
        self.reports.iter().map(FileReport::warnings).sum()
    }
}

/// Checks the plan at `path`.
pub fn check_path(path: &Path, opts: &CheckOptions) -> Outcome {
    match load_path(path) {
        Err(LoadError::Io(msg)) => Outcome {
            reports: vec![io_report(path, msg)],
            checked: None,
            io_failed: true,
        },
        Err(LoadError::Invalid(report)) => Outcome {
            reports: vec![report],
            checked: None,
            io_failed: false,
        },
        Ok(plan) => check_loaded(plan, opts),
    }
}

/// Runs the rules on a loaded plan.
pub fn check_loaded(plan: Loaded, opts: &CheckOptions) -> Outcome {
    let mut reports = Vec::new();
    let mut plan_diags = Vec::new();
    let roster_path = opts
        .roster
        .clone()
        .or_else(|| plan.value.roster.as_ref().map(|r| plan.dir().join(r)));
    let roster = roster_path
        .as_ref()
        .and_then(|p| match load_path::<Roster>(p) {
            Ok(r) => Some(r.value),
            Err(LoadError::Io(msg)) => {
                plan_diags.push(Diag {
                    code: "roster-file",
                    severity: Severity::Error,
                    message: format!("名册文件读不出来：{msg}"),
                    hint:
                        "roster 的路径相对于计划文件所在的文件夹；核对文件名，或删去 roster 这一行"
                            .into(),
                    span: plan.spans.locate(&FieldPath::of("roster")),
                    path: Some("roster".into()),
                });
                None
            }
            Err(LoadError::Invalid(report)) => {
                reports.push(report);
                None
            }
        });
    let figures = Figures::of(&plan.value.plan);
    let fonts = FontEnv::for_plan(opts.fonts.clone(), &plan.value.fonts);
    let findings = rules::run(&Ctx::new(&plan.value, &figures, roster.as_ref(), &fonts));
    plan_diags.extend(findings.into_iter().map(|f| Diag {
        code: f.code,
        severity: f.severity,
        message: f.message,
        hint: f.hint,
        span: plan.spans.locate(&f.path),
        path: Some(f.path.to_string()),
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
        checked: Some(Checked {
            plan,
            roster_path: roster.as_ref().and(roster_path),
            roster,
            figures,
            fonts,
        }),
        io_failed: false,
    }
}

fn io_report(path: &Path, msg: String) -> FileReport {
    FileReport {
        name: path.display().to_string(),
        source: String::new(),
        diags: vec![Diag {
            code: "input-io",
            severity: Severity::Error,
            message: msg,
            hint: "核对文件路径；计划文件是以 .toml 结尾的文本文件".into(),
            span: None,
            path: None,
        }],
    }
}
