//! The page's actions: 生成 PDF, 导出/导入计划表, 印发, 更正, 存档, 新建. Each calls the library
//! function the CLI calls; none decides a figure, a rule or a layout of its own.

use std::collections::HashMap;

use super::State;
use super::api::{BODY_LIMIT, check_text, findings, or_reply, plan_file, read_plan, writable};
use super::conn::Request;
use super::http::{Reply, json_body};
use super::wire::{
    ArchiveList, Correctable, Created, Imported, IssueRequest, IssuedVersion, Listed, NewRequest,
    Series, Text, Unclean, Version,
};
use crate::archive::store::{fs_write, read_manifest, versions_in};
use crate::archive::{Failure, PLAN_FILE};
use crate::check::Checked;
use crate::plan::load::load_str;
use crate::table::{Table, import, xlsx};

/// An uploaded spreadsheet (import measures its parts again before reading them).
const UPLOAD_LIMIT: usize = 16 * 1024 * 1024;

pub fn post(state: &State, path: &str, query: &HashMap<String, String>, b: &mut Request) -> Reply {
    match path {
        "/api/pdf" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| pdf(state, r))),
        "/api/xlsx" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| table(state, r))),
        "/api/docx" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| docx(state, r))),
        "/api/ofd" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| ofd(state, r))),
        "/api/import" => or_reply(import(state, query, b)),
        "/api/issue" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| issue(state, r))),
        "/api/changes" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| changes(state, r))),
        "/api/new" => or_reply(json_body(b, BODY_LIMIT).and_then(|r| new(state, r))),
        _ => Reply::error(404, "没有这个地址"),
    }
}

pub fn get(state: &State, path: &str, query: &HashMap<String, String>) -> Reply {
    match path {
        "/api/archive" => archive(state, query.contains_key("verify")),
        "/api/archive/file" => or_reply(archived_file(state, query.get("path").map_or("", |s| s))),
        _ => Reply::error(404, "没有这个地址"),
    }
}

/// The text checked, and only if it has no errors.
fn clean(state: &State, t: &Text, refused: &str) -> Result<Checked, Reply> {
    let path = plan_file(state, &t.path)?;
    check_text(state, &path, &t.source)
        .clean()
        .map_err(|outcome| {
            Reply::json(&Unclean {
                error: format!(
                    "计划有 {} 个错误，{refused}：先改正页面左侧列出的错误",
                    outcome.errors()
                ),
                findings: findings(state, &outcome),
            })
            .status(422)
        })
}

fn stem(c: &Checked) -> String {
    c.plan.value.notice.doc_number.text.clone()
}

fn pdf(state: &State, t: Text) -> Result<Reply, Reply> {
    let c = clean(state, &t, "未生成 PDF")?;
    let opts = state.render_options();
    let r = crate::render::render(&c, &opts).map_err(|p| Reply::error(500, p.to_string()))?;
    Ok(Reply::download(
        "application/pdf",
        &format!("{}.pdf", stem(&c)),
        r.pdf,
    ))
}

fn docx(state: &State, t: Text) -> Result<Reply, Reply> {
    let c = clean(state, &t, "未生成 Word 文档")?;
    let bytes = crate::docx::render(&c).map_err(|e| Reply::error(500, e.to_string()))?;
    Ok(Reply::download(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("{}.docx", stem(&c)),
        bytes,
    ))
}

fn ofd(state: &State, t: Text) -> Result<Reply, Reply> {
    let c = clean(state, &t, "未生成 OFD")?;
    let bytes = crate::ofd::render(&c, &state.render_options())
        .map_err(|p| Reply::error(500, p.to_string()))?;
    Ok(Reply::download(
        "application/ofd",
        &format!("{}.ofd", stem(&c)),
        bytes,
    ))
}

fn table(state: &State, t: Text) -> Result<Reply, Reply> {
    let c = clean(state, &t, "未导出计划表")?;
    let bytes = xlsx::write(&Table::of(&c.plan.value, &c.figures))
        .map_err(|e| Reply::error(500, e.to_string()))?;
    let name = format!("{}.xlsx", c.plan.value.plan.annex.first().title);
    Ok(Reply::download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &name,
        bytes,
    ))
}

/// The plan file with an uploaded table read in: the new text and what changes, not written
/// (the page shows the changes; applying is saving the new text).
fn import(state: &State, query: &HashMap<String, String>, b: &mut Request) -> Result<Reply, Reply> {
    let rel = query.get("path").map_or("", |s| s);
    let path = plan_file(state, rel)?;
    let (source, hash) = read_plan(&path)?;
    if query.get("base") != Some(&hash) {
        return Err(Reply::error(
            409,
            "计划文件在别处被改动过：先保存或重新打开，再导入",
        ));
    }
    let bytes = b.body(UPLOAD_LIMIT)?;
    let plan = load_str(&path.display().to_string(), &source)
        .map_err(|_| Reply::error(422, "计划文件本身有错误，先改正再导入"))?;
    match import::apply(&plan, &bytes, &state.fonts) {
        Ok((new, imported)) => {
            let changes: Vec<String> = crate::archive::diff::diff(&plan.value, &new.value)
                .iter()
                .map(crate::archive::diff::Change::line)
                .collect();
            Ok(Reply::json(&Imported {
                source: new.source,
                summary: imported.summary().trim().to_string(),
                changes,
            }))
        }
        Err(import::Refused::Cells(errors)) => Err(list_error(
            format!("表格中有 {} 处无法读取，计划未改动", errors.len()),
            errors,
        )),
        Err(import::Refused::Rewrite(e)) => Err(Reply::error(422, e)),
        Err(import::Refused::Findings(reports)) => {
            let lines = reports
                .iter()
                .flat_map(|r| {
                    r.diags
                        .iter()
                        .map(|d| format!("{}（{}）", d.message, d.code))
                })
                .collect();
            Err(list_error("导入后的计划会有错误，计划未改动".into(), lines))
        }
    }
}

fn list_error(error: String, details: Vec<String>) -> Reply {
    Reply::json(&Listed { error, details }).status(422)
}

/// 印发 (or, with `from`, 更正): the saved file, into the folder's archive.
fn issue(state: &State, r: IssueRequest) -> Result<Reply, Reply> {
    let path = plan_file(state, &r.path)?;
    let (source, hash) = read_plan(&path)?;
    if hash != r.base {
        return Err(Reply::error(
            409,
            "计划文件在别处被改动过：请重新打开，核对后再印发",
        ));
    }
    let text = Text {
        path: r.path,
        source,
    };
    let c = clean(state, &text, "未印发")?;
    let opts = state.render_options();
    // One issue at a time (a double click, two tabs): the second then finds the first's version.
    let _one = state
        .issuing
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // An issued 文号 or a correction is refused by `issue` under the archive's lock, before
    // it renders; `refusal` words it for the page.
    let done = match r.from {
        None => crate::archive::issue(&c, &opts, &state.archive, &mut fs_write),
        Some(v) => crate::archive::reissue(&c, &opts, &state.archive, v, &mut fs_write),
    };
    match done {
        Ok(i) => Ok(Reply::json(&IssuedVersion {
            dir: state.folder.relative(&i.dir),
            ledger_head: crate::archive::ledger::short(&i.ledger_head).to_string(),
            doc_number: i.manifest.doc_number,
            version: i.manifest.version,
            changes: i.manifest.changes,
        })),
        Err(f) => Err(refusal(&f)),
    }
}

/// An archive's refusal in the page's words: its buttons, not the command line's advice.
fn refusal(f: &Failure) -> Reply {
    match f {
        Failure::Issued { doc, last } => Reply::error(
            409,
            format!(
                "{doc} 已经印发过（存档中已有 v{last}），已印发的版本不能覆盖：要更正，请改好计划后点「更正」"
            ),
        ),
        Failure::IsCorrection => Reply::error(
            409,
            "计划中有 [correction]（更正）表，这是更正版本：请点「更正」",
        ),
        Failure::Refused(_) => Reply::error(409, f.to_string()),
        Failure::Io(_) | Failure::Render(_) => Reply::error(500, f.to_string()),
    }
}

/// What a 更正 of this plan would list: the changes from its latest issued version.
fn changes(state: &State, t: Text) -> Result<Reply, Reply> {
    let path = plan_file(state, &t.path)?;
    // Checked once: its plan gives the changes, and (without errors) the 更正通知.
    let outcome = check_text(state, &path, &t.source);
    let errors = outcome.errors();
    let Some(checked) = outcome.into_checked() else {
        return Err(Reply::error(422, "计划文件有错误，先改正"));
    };
    let v = &checked.plan.value;
    let series = v
        .correction
        .as_ref()
        .and_then(|c| c.original.clone())
        .unwrap_or_else(|| v.notice.doc_number.text.clone());
    let Some(&last) = state.archive.versions(&series).last() else {
        return Ok(Reply::json(&Correctable {
            series,
            latest: None,
            has_correction: v.correction.is_some(),
            changes: Vec::new(),
            preview: None,
        }));
    };
    let old_path = state.archive.version_dir(&series, last).join(PLAN_FILE);
    let (old_source, _) = read_plan(&old_path)?;
    let old = load_str(&old_path.display().to_string(), &old_source)
        .map_err(|_| Reply::error(500, "存档中的计划读不出来"))?;
    let lines: Vec<String> = crate::archive::diff::diff(&old.value, v)
        .iter()
        .map(crate::archive::diff::Change::line)
        .collect();
    // The 更正通知 as it would be issued, once the plan has its [correction] and no errors.
    let preview = (v.correction.is_some() && errors == 0 && !lines.is_empty())
        .then(|| crate::archive::correction_data(&old.value, &checked).ok())
        .flatten()
        .and_then(|data| {
            crate::render::compile(&state.templates, &checked.fonts.set, "correction.typ", data)
                .ok()
        })
        .map(|doc| crate::render::preview::svg_pages(&doc));
    Ok(Reply::json(&Correctable {
        series,
        latest: Some(last),
        has_correction: v.correction.is_some(),
        changes: lines,
        preview,
    }))
}

/// The archive's versions, newest last in each series; with `verify`, each re-hashed and
/// re-rendered as `gongwen verify` does.
fn archive(state: &State, verify: bool) -> Reply {
    let problems = if verify {
        crate::archive::verify(&state.archive, &state.render_options(), &state.fonts).1
    } else {
        Vec::new()
    };
    let mut series = Vec::new();
    for dir in state.archive.series() {
        let mut versions = Vec::new();
        for n in versions_in(&dir) {
            let v = dir.join(format!("v{n}"));
            let Ok(m) = read_manifest(&v) else { continue };
            let found: Vec<String> = problems
                .iter()
                .filter(|p| p.version == v)
                .map(|p| p.message.clone())
                .collect();
            let files: Vec<String> = m
                .files
                .keys()
                .filter(|f| f.ends_with(".pdf"))
                .filter_map(|f| state.folder.relative(&v.join(f)))
                .collect();
            versions.push(Version {
                version: m.version,
                doc_number: m.doc_number,
                printed: m.printed,
                correction_number: m.correction_number,
                changes: m.changes,
                files,
                verified: verify.then_some(found.is_empty()),
                problems: found,
            });
        }
        series.push(Series {
            name: dir.file_name().map(|n| n.to_string_lossy().into_owned()),
            versions,
        });
    }
    // Problems not tied to one version (the ledger's), shown once.
    let general: Vec<String> = problems
        .iter()
        .filter(|p| !p.version.starts_with(&state.archive.root) || p.version == state.archive.root)
        .map(|p| p.message.clone())
        .collect();
    Reply::json(&ArchiveList {
        series,
        problems: general,
        verified: verify,
    })
}

/// A PDF from the archive, for download.
fn archived_file(state: &State, rel: &str) -> Result<Reply, Reply> {
    let path = state
        .folder
        .resolve(rel)
        .map_err(|e| Reply::error(403, e))?;
    if !path.starts_with(&state.archive.root)
        || path.extension().and_then(|e| e.to_str()) != Some("pdf")
    {
        return Err(Reply::error(403, "只能下载存档中的 PDF"));
    }
    let bytes =
        crate::archive::store::archived(&path).map_err(|e| Reply::error(404, e.to_string()))?;
    let name = rel.replace('/', "_");
    Ok(Reply::download("application/pdf", &name, bytes))
}

/// `gongwen new --from`: next year's plan beside this one, its projects to fill in.
fn new(state: &State, r: NewRequest) -> Result<Reply, Reply> {
    crate::plan::next_year::plan_year(r.year).map_err(|e| Reply::error(400, e))?;
    let from = plan_file(state, &r.from)?;
    let (source, _) = read_plan(&from)?;
    let plan = load_str(&r.from, &source).map_err(|_| Reply::error(422, "底稿有错误，先改正"))?;
    let text = crate::plan::next_year::next_year(&source, plan.value.plan.year, r.year, false)
        .map_err(|e| Reply::error(422, e))?;
    let name = from
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("plan.toml")
        .replace(&plan.value.plan.year.to_string(), &r.year.to_string());
    let name = if name == from.file_name().and_then(|n| n.to_str()).unwrap_or("") {
        format!("{}-{}.toml", name.trim_end_matches(".toml"), r.year)
    } else {
        name
    };
    let out = from.with_file_name(&name);
    writable(state, &out)?;
    // Create, never replace.
    crate::files::write_new_atomic(&out, text.as_bytes())
        .map_err(|e| Reply::error(409, e.to_string()))?;
    Ok(Reply::json(&Created {
        path: state.folder.relative(&out),
    }))
}
