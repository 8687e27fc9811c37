//! The page's requests: list and open plans, check and preview an edit, save. The archive's
//! and the table's actions are in [`super::actions`]. Each handler parses, calls the library
//! the CLI calls, and answers JSON.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::State;
use super::conn::Request;
use super::http::{Reply, json_body};
use super::wire::{
    Changes, Conflict, DiffRequest, LocateRequest, Located, Opened, PlanEntry, Plans, SaveRequest,
    Saved,
};
use super::{actions, update};
use crate::archive::manifest::sha256_hex;
use crate::check::{CheckOptions, Outcome, check_loaded};
use crate::plan::edit;
use crate::plan::load::{MAX_FILE_BYTES, load_str};

/// A plan's text, or a JSON request carrying one.
pub(crate) const BODY_LIMIT: usize = MAX_FILE_BYTES as usize + 1024 * 1024;

pub fn route(
    state: &State,
    method: &str,
    path: &str,
    query: &HashMap<String, String>,
    body: &mut Request,
) -> Reply {
    let q = |k: &str| query.get(k).map(String::as_str).unwrap_or("");
    match (method, path) {
        ("GET", "/api/plans") => Reply::json(&plans(state)),
        ("GET", "/api/schema") => Reply::with(
            200,
            "application/json; charset=utf-8",
            crate::plan::schema::schema_json().into_bytes(),
        ),
        ("GET", "/api/open") => or_reply(open(state, q("path"))),
        ("POST", "/api/update") => {
            or_reply(json_body(body, BODY_LIMIT).map(|r| update::update(state, r)))
        }
        ("POST", "/api/save") => or_reply(json_body(body, BODY_LIMIT).and_then(|r| save(state, r))),
        ("GET", "/api/page") => update::page(state, q("hash")),
        ("POST", "/api/locate") => or_reply(json_body(body, BODY_LIMIT).and_then(locate)),
        ("POST", "/api/diff") => or_reply(json_body(body, 2 * BODY_LIMIT).map(diff)),
        ("POST", p) => actions::post(state, p, query, body),
        ("GET", p) => actions::get(state, p, query),
        _ => Reply::error(405, "不支持这种请求"),
    }
}

pub(crate) fn or_reply(r: Result<Reply, Reply>) -> Reply {
    r.unwrap_or_else(|e| e)
}

/// A plan file inside the folder, by the name the page uses.
pub(crate) fn plan_file(state: &State, rel: &str) -> Result<PathBuf, Reply> {
    if !rel.ends_with(".toml") {
        return Err(Reply::error(400, format!("“{rel}”不是计划文件（.toml）")));
    }
    state.folder.resolve(rel).map_err(|e| Reply::error(403, e))
}

/// Whether the page may write `path`: never inside an archive (this folder's, or any other
/// whose version folders or ledger lie on the way), never over a read-only file.
pub(crate) fn writable(state: &State, path: &Path) -> Result<(), Reply> {
    let refused = || {
        Reply::error(
            403,
            "存档中的文件不能修改：已印发的版本只能用“更正”生成新版本",
        )
    };
    if path.starts_with(&state.archive.root) {
        return Err(refused());
    }
    let inside = path
        .ancestors()
        .skip(1)
        .take_while(|d| d.starts_with(&state.folder.root));
    for dir in inside {
        if dir.join("manifest.json").exists()
            || dir.join(crate::archive::ledger::LEDGER_FILE).exists()
        {
            return Err(refused());
        }
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(Reply::error(403, "这个文件是只读的，不能保存"));
    }
    Ok(())
}

/// The text of a plan file, with the hash the page sends back when saving.
pub(crate) fn read_plan(path: &Path) -> Result<(String, String), Reply> {
    let bytes =
        crate::plan::load::read_limited(path).map_err(|e| Reply::error(404, e.to_string()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Reply::error(400, "文件不是 UTF-8 编码的文本"))?;
    let hash = sha256_hex(text.as_bytes());
    Ok((text, hash))
}

/// Checks a plan's text as if it were the file at `path` (its roster is found beside it).
pub(crate) fn check_text(state: &State, path: &Path, source: &str) -> Outcome {
    let opts = CheckOptions {
        roster: None,
        fonts: state.fonts.clone(),
        ..Default::default()
    };
    match load_str(&path.display().to_string(), source) {
        Ok(plan) => check_loaded(plan, &opts),
        Err(report) => Outcome::stopped(report, crate::check::Reached::Invalid),
    }
}

/// The findings as the page shows them, each named by the file's name inside the folder.
pub fn findings(state: &State, outcome: &Outcome) -> Json {
    let list = crate::diag::to_json(&outcome.reports);
    let mut v = serde_json::to_value(&list).unwrap_or_default();
    for f in v.as_array_mut().into_iter().flatten() {
        let shown = f["file"]
            .as_str()
            .and_then(|p| state.folder.relative(Path::new(p)))
            .unwrap_or_default();
        f["file"] = Json::String(shown);
        // Beside the form: the field's names, not TOML; and whether 「接受」 is offered.
        for key in ["message", "hint"] {
            if let Some(text) = f[key].as_str() {
                f[key] = Json::String(super::words::for_form(text));
            }
        }
        let code = f["code"].as_str().unwrap_or("");
        f["acceptable"] =
            Json::Bool(crate::rules::by_code(code).is_some_and(|r| r.severity.acceptable()));
    }
    v
}

/// The folder's plans: every .toml (not in the archive, not hidden) that has a [notice].
fn plans(state: &State) -> Plans {
    let mut files = Vec::new();
    collect(&state.folder.root, 0, &mut files);
    files.sort();
    let list: Vec<PlanEntry> = files
        .iter()
        .filter_map(|p| {
            let (source, _) = read_plan(p).ok()?;
            if !source.contains("[notice]") {
                return None; // a roster, or another TOML file
            }
            let outcome = check_text(state, p, &source);
            let plan = outcome.checked().map(|c| &c.plan.value);
            let doc_number = plan
                .map(|p| p.notice.doc_number.text.clone())
                .unwrap_or_default();
            Some(PlanEntry {
                path: state.folder.relative(p)?,
                title: plan.map(|p| p.notice.title.clone()).unwrap_or_default(),
                issued: (!doc_number.is_empty())
                    .then(|| state.archive.versions(&doc_number).last().copied())
                    .flatten(),
                doc_number,
                year: plan.map(|p| p.plan.year),
                errors: outcome.errors(),
                warnings: outcome.warnings(),
            })
        })
        .collect();
    Plans {
        folder: state.folder.root.display().to_string(),
        plans: list,
    }
}

/// The most .toml files listed, and how deep.
const MAX_LISTED: usize = 500;
const MAX_DEPTH: usize = 3;

fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // Links are not followed: the folder's own files only.
        let Ok(kind) = e.file_type() else { continue };
        if out.len() >= MAX_LISTED || name.starts_with('.') {
            continue;
        }
        if kind.is_dir()
            && depth < MAX_DEPTH
            && !matches!(name.as_str(), "archive" | "node_modules" | "target")
        {
            collect(&e.path(), depth + 1, out);
        } else if kind.is_file() && name.ends_with(".toml") {
            out.push(e.path());
        }
    }
}

fn open(state: &State, rel: &str) -> Result<Reply, Reply> {
    let path = plan_file(state, rel)?;
    let (source, hash) = read_plan(&path)?;
    Ok(Reply::json(&Opened {
        path: rel.to_string(),
        source,
        hash,
    }))
}

/// Where a field stands in the text (1-based line and column), for the form's "在源文件中修改".
fn locate(r: LocateRequest) -> Result<Reply, Reply> {
    use crate::plan::FieldPath;
    let mut at = FieldPath::default();
    for k in &r.field {
        at = match k {
            edit::Key::Name(n) => at.key(n),
            edit::Key::Index(i) => at.index(*i),
        };
    }
    let loaded = load_str("plan.toml", &r.source)
        .map_err(|_| Reply::error(422, "计划有语法错误：在源文件中先改正"))?;
    let span = loaded
        .spans
        .locate(&at)
        .ok_or_else(|| Reply::error(404, "源文件中没有这一项"))?;
    let (line, column) = crate::diag::line_col(&r.source, span.start);
    Ok(Reply::json(&Located { line, column }))
}

/// What changed from one text of a plan to another, as the clerk reads it: field by field when
/// both are plans, else the lines that differ.
fn diff(r: DiffRequest) -> Reply {
    const MOST: usize = 40;
    let plan = |t: &str| load_str("plan.toml", t).ok().map(|l| l.value);
    let mut lines: Vec<String> = match (plan(&r.old), plan(&r.new)) {
        (Some(a), Some(b)) => crate::archive::diff::diff(&a, &b)
            .iter()
            .map(|c| c.line())
            .collect(),
        _ => {
            let (a, b): (Vec<&str>, Vec<&str>) = (r.old.lines().collect(), r.new.lines().collect());
            let gone = a
                .iter()
                .filter(|l| !b.contains(l))
                .map(|l| format!("删去：{l}"));
            let came = b
                .iter()
                .filter(|l| !a.contains(l))
                .map(|l| format!("加上：{l}"));
            gone.chain(came).collect()
        }
    };
    if lines.len() > MOST {
        let more = lines.len() - MOST;
        lines.truncate(MOST);
        lines.push(format!("……另有 {more} 处"));
    }
    Reply::json(&Changes { changes: lines })
}

/// Saves atomically, unless the file changed on disk since the page opened it: then the
/// file's text comes back (409) for the clerk to choose.
fn save(state: &State, r: SaveRequest) -> Result<Reply, Reply> {
    let path = plan_file(state, &r.path)?;
    writable(state, &path)?;
    // Compare and write as one step: of saves racing on one base, exactly one is written and
    // the others get the conflict (two clerks are never both told "saved").
    let _one = state
        .saving
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let disk = if path.exists() {
        Some(read_plan(&path)?)
    } else {
        None
    };
    if let Some((text, hash)) = &disk
        && r.base.as_deref() != Some(hash.as_str())
    {
        return Err(Reply::json(&Conflict {
            error: "文件在别处被改动过（或已被另一个窗口保存）：请选择保留哪一份".into(),
            disk: text.clone(),
            hash: hash.clone(),
        })
        .status(409));
    }
    // The editor's lines end in "\n": a file written with "\r\n" (Windows) keeps its endings.
    let text = match &disk {
        Some((old, _)) if old.contains("\r\n") && !r.source.contains("\r\n") => {
            r.source.replace('\n', "\r\n")
        }
        _ => r.source,
    };
    let hash = sha256_hex(text.as_bytes());
    if disk.as_ref().is_some_and(|(old, _)| *old == text) {
        return Ok(Reply::json(&Saved { hash, saved: false }));
    }
    crate::files::write_atomic(&path, text.as_bytes())
        .map_err(|e| Reply::error(500, e.to_string()))?;
    Ok(Reply::json(&Saved { hash, saved: true }))
}
