//! Issuing: a checked plan frozen as a version (its PDF, OFD, data and inputs), or a
//! corrected version archived with its 更正通知; each under the archive's lock, each written
//! whole or not at all, each recorded in the ledger before it is put in place.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::manifest::{Manifest, sha256_hex, sha256_of_parts};
use super::{
    Archive, Failure, Issued, PLAN_FILE, Writer, correction, diff, ledger, seal_file, store,
};
use crate::check::Checked;
use crate::fonts::FontSet;
use crate::plan::load_file;
use crate::plan::model::CorrectionMode;
use crate::render::templates::Templates;
use crate::render::{RenderOptions, compile, export, render};

pub(super) fn templates_hash(t: &Templates) -> String {
    sha256_of_parts(t.files.iter().map(|(n, s)| (n.as_str(), s.as_bytes())))
}

pub(super) fn fonts_hash(set: &FontSet) -> String {
    static BUNDLED: LazyLock<String> = LazyLock::new(|| hash_fonts(&crate::fonts::FONTS));
    if std::sync::Arc::ptr_eq(&set.fonts, &crate::fonts::FONTS.fonts) {
        return BUNDLED.clone();
    }
    hash_fonts(set)
}

fn hash_fonts(set: &FontSet) -> String {
    sha256_of_parts(
        set.fonts
            .iter()
            .map(|f| (f.info().family.as_str(), f.data().as_slice())),
    )
}

fn base_manifest(checked: &Checked, opts: &RenderOptions, version: u32) -> Manifest {
    let n = &checked.plan.value.notice;
    Manifest {
        doc_number: n.doc_number.text.clone(),
        series: None,
        version,
        previous: None,
        gongwen_version: env!("CARGO_PKG_VERSION").to_string(),
        templates_sha256: templates_hash(&opts.templates),
        fonts_sha256: fonts_hash(&checked.fonts.set),
        signed: n.date.0.to_string(),
        printed: n.issue_date.0.to_string(),
        pdf_a: opts.pdf_a,
        files: Default::default(),
        changes: Vec::new(),
        correction_number: None,
    }
}

/// The plan's own files as archived: its source and, if it has them, its roster and its seals,
/// as they were read and checked (not as they may be on disk by now).
fn plan_files(checked: &Checked) -> Vec<(Cow<'static, str>, Vec<u8>)> {
    let mut files = vec![(PLAN_FILE.into(), checked.plan.source.clone().into_bytes())];
    if let Some(source) = &checked.roster_source {
        files.push(("roster.toml".into(), source.clone().into_bytes()));
    }
    for (i, png) in checked.seals.iter().enumerate() {
        if let Some(png) = png {
            files.push((seal_file(i).into(), png.clone()));
        }
    }
    files
}

fn finish(
    archive: &Archive,
    mut manifest: Manifest,
    files: Vec<(Cow<'static, str>, Vec<u8>)>,
    write: Writer,
) -> Result<Issued, Failure> {
    manifest.files = files
        .iter()
        .map(|(n, b)| (n.to_string(), sha256_hex(b)))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_ref(), b.as_slice()))
        .collect();
    let prepared = archive.prepare_version(&manifest, &refs, write)?;
    // The ledger line first, then the rename: a run killed between them is completed by the
    // next one (`ledger::recover`), never left as a version no ledger knows.
    let recorded = ledger::folder_hash(&prepared.partial).and_then(|hash| {
        ledger::append(
            &archive.root,
            &prepared.target,
            &manifest.doc_number,
            manifest.version,
            &hash,
        )
    });
    let ledger_head = match recorded {
        Ok(h) => h,
        Err(e) => {
            prepared.abandon();
            return Err(e);
        }
    };
    let dir = prepared.commit().map_err(|e| {
        Failure::Io(format!(
            "已登记到账本，但没能放入存档（{e}）：下次运行 gongwen 时会自动补完"
        ))
    })?;
    Ok(Issued {
        dir,
        manifest,
        ledger_head,
    })
}

/// Whether a checked plan may be issued as a new document: not if its 文号 was issued before,
/// nor if it is a correction. Asked by `issue` under the archive's lock.
fn may_issue(checked: &Checked, archive: &Archive) -> Result<(), Failure> {
    let doc = &checked.plan.value.notice.doc_number.text;
    if let Some(&last) = archive.versions(doc).last() {
        return Err(Failure::Issued {
            doc: doc.clone(),
            last,
        });
    }
    if checked.plan.value.correction.is_some() {
        return Err(Failure::IsCorrection);
    }
    Ok(())
}

/// Issues a checked plan as v1 of its 文号. Refused if the 文号 was issued before.
pub fn issue(
    checked: &Checked,
    opts: &RenderOptions,
    archive: &Archive,
    write: Writer,
) -> Result<Issued, Failure> {
    let _held = archive.lock()?;
    may_issue(checked, archive)?;
    let doc = &checked.plan.value.notice.doc_number.text;
    if let Some(at) = archive.issued_numbers().get(&store::same_number(doc)) {
        return Err(Failure::Refused(format!(
            "{doc} 已经用过（{at}）：一个文号只能用一次，请换一个序号"
        )));
    }
    let rendered = render(checked, opts)?;
    let ofd = document_ofd(checked, &rendered)?;
    let mut files = vec![
        ("document.pdf".into(), rendered.pdf),
        ("document.ofd".into(), ofd),
        ("data.json".into(), rendered.data),
    ];
    files.extend(plan_files(checked));
    finish(archive, base_manifest(checked, opts, 1), files, write)
}

/// The notice as OFD, from the same laid-out pages as its PDF.
fn document_ofd(checked: &Checked, rendered: &crate::render::Rendered) -> Result<Vec<u8>, Failure> {
    Ok(crate::ofd::export(
        &rendered.document,
        &crate::ofd::Meta::of(checked),
    )?)
}

/// Archives a corrected version of an issued document, with its 更正通知, as the version
/// after `from` (which must be the latest).
pub fn reissue(
    checked: &Checked,
    opts: &RenderOptions,
    archive: &Archive,
    from: u32,
    write: Writer,
) -> Result<Issued, Failure> {
    let new = &checked.plan.value;
    let corr = new.correction.as_ref().ok_or_else(|| {
        Failure::Refused(
            "计划中没有 [correction] 表：请写明更正通知的文号和日期，如\n[correction]\nnotice_number = \"峨边府办函〔2023〕9号\"\ndate = 2023-02-20".into(),
        )
    })?;
    let _held = archive.lock()?;
    let doc = &new.notice.doc_number.text;
    let series = corr.original.clone().unwrap_or_else(|| doc.clone());
    let last = corrects(archive, &series, from)?;
    match corr.mode {
        CorrectionMode::SameNumber if doc != &series => {
            return Err(Failure::Refused(format!(
                "同号更正时发文字号应仍为 {series}（计划中是 {doc}）；如要换新文号，写 mode = \"新号重发\" 和 original = \"{series}\""
            )));
        }
        CorrectionMode::NewNumber if doc == &series => {
            return Err(Failure::Refused(format!(
                "新号重发时计划的发文字号应换成新的文号（现在仍是 {series}）"
            )));
        }
        _ => {}
    }
    let from_dir = archive.version_dir(&series, from);
    let old = load_file(&from_dir.join(PLAN_FILE))
        .map_err(|_| Failure::Io(format!("{} 中的计划读不出来", from_dir.display())))?;
    let changes = diff::diff(&old.value, new);
    if changes.is_empty() {
        return Err(Failure::Refused(format!(
            "与 v{from} 相比没有改动，无需更正"
        )));
    }
    // The 更正通知's 文号, and a 新号重发's new one, are used once, whatever route used them.
    let used = archive.issued_numbers();
    let fresh = [
        Some(&corr.notice_number.text),
        (doc != &series).then_some(doc),
    ];
    if let Some((n, at)) = fresh
        .into_iter()
        .flatten()
        .find_map(|n| used.get(&store::same_number(n)).map(|at| (n, at)))
    {
        return Err(Failure::Refused(format!(
            "{n} 已经用过（{at}）：一个文号只能用一次，请换一个序号"
        )));
    }
    let rendered = render(checked, opts)?;
    let corr_data = correction_data(&old.value, checked)?;
    let corr_pdf = render_correction(
        &opts.templates,
        &checked.fonts.set,
        corr_data.clone(),
        &corr.notice_number.text,
        opts.pdf_a,
    )?;
    let mut manifest = base_manifest(checked, opts, last + 1);
    manifest.series = (doc != &series).then(|| series.clone());
    manifest.previous = Some(from);
    manifest.changes = changes.iter().map(diff::Change::line).collect();
    manifest.correction_number = Some(corr.notice_number.text.clone());
    let ofd = document_ofd(checked, &rendered)?;
    let mut files = vec![
        ("document.pdf".into(), rendered.pdf),
        ("document.ofd".into(), ofd),
        ("data.json".into(), rendered.data),
        ("correction.pdf".into(), corr_pdf),
        ("correction.json".into(), corr_data),
    ];
    files.extend(plan_files(checked));
    finish(archive, manifest, files, write)
}

/// The latest issued version of `series`, which a correction must start `from`.
fn corrects(archive: &Archive, series: &str, from: u32) -> Result<u32, Failure> {
    let versions = archive.versions(series);
    let Some(&last) = versions.last() else {
        return Err(Failure::Refused(format!(
            "存档 {} 中没有 {series} 的已印发版本",
            archive.root.display()
        )));
    };
    if !versions.contains(&from) {
        return Err(Failure::Refused(format!(
            "{series} 没有 v{from}；已有：{}",
            list(&versions)
        )));
    }
    if from != last {
        return Err(Failure::Refused(format!(
            "只能在最新版本上更正：{series} 的最新版本是 v{last}"
        )));
    }
    Ok(last)
}

/// The 更正通知's data (the JSON its template reads) for a corrected plan against the version
/// it corrects: what `reissue` archives and renders, and what the web page previews.
pub(crate) fn correction_data(
    old: &crate::plan::PlanFile,
    checked: &Checked,
) -> Result<Vec<u8>, Failure> {
    let new = &checked.plan.value;
    let corr = new
        .correction
        .as_ref()
        .ok_or_else(|| Failure::Refused("计划中没有 [correction]（更正）表".into()))?;
    let changes = diff::diff(old, new);
    let view = correction::build(old, new, corr, &changes, &checked.fonts);
    serde_json::to_vec_pretty(&view).map_err(|e| Failure::Render(e.to_string()))
}

pub(super) fn render_correction(
    templates: &Templates,
    fonts: &FontSet,
    data: Vec<u8>,
    ident: &str,
    pdf_a: bool,
) -> Result<Vec<u8>, crate::render::Failed> {
    let doc = compile(templates, fonts, "correction.typ", data)?;
    export(&doc, ident, pdf_a)
}

fn list(v: &[u32]) -> String {
    v.iter()
        .map(|n| format!("v{n}"))
        .collect::<Vec<_>>()
        .join("、")
}
