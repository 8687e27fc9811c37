//! What was issued, kept: `issue` freezes a version, `reissue` archives a corrected one with
//! its 更正通知, `verify` proves the archive unchanged, `diff` says what changed.

pub mod correction;
pub mod diff;
pub mod ledger;
pub mod manifest;
pub mod store;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The plan's file name inside an archived version's folder.
pub(crate) const PLAN_FILE: &str = "plan.toml";

/// The plan a path names: the file itself, or an archived version folder's plan.
pub(crate) fn plan_path(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(PLAN_FILE)
    } else {
        path.to_path_buf()
    }
}

use crate::check::{CheckOptions, Checked, check_path};
use crate::fonts::FontSet;
use crate::plan::load_file;
use crate::plan::model::CorrectionMode;
use crate::render::templates::Templates;
use crate::render::{RenderOptions, compile, export, render};
use manifest::{Manifest, sha256_hex, sha256_of_parts};
use store::{Archive, Writer, changed_files, read_manifest};

/// What `issue` and `reissue` wrote.
#[derive(Debug)]
pub struct Issued {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The ledger's head after this version: its hash, for the clerk to write down.
    pub ledger_head: String,
}

/// Why an issue or a reissue archived nothing; the exit code follows from the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The 文号 was issued before (as v`last`): the way on is a correction, which each face
    /// offers in its own words.
    Issued { doc: String, last: u32 },
    /// A plan with a [correction] table issued as a new document: it is a correction.
    IsCorrection,
    /// Refused for what the plan asks: a 文号 used twice, nothing to correct.
    Refused(String),
    /// The archive or a file beside the plan cannot be read or written.
    Io(String),
    /// A document could not be rendered: the templates' or gongwen's fault, not the plan's.
    Render(String),
}

impl Failure {
    /// 1 for a refusal (the plan must change), 2 for everything else (README's exit codes).
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Issued { .. } | Failure::IsCorrection | Failure::Refused(_) => 1,
            Failure::Io(_) | Failure::Render(_) => 2,
        }
    }
}

/// A file of the archive (or beside the plan) that could not be read or written.
impl From<crate::files::Error> for Failure {
    fn from(e: crate::files::Error) -> Self {
        Failure::Io(e.to_string())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The command line's words; the web page words the first two its own way.
        match self {
            Failure::Issued { doc, last } => write!(
                f,
                "{doc} 已经印发过（存档中已有 v{last}）：已印发的版本不能覆盖。要更正，请在计划中写 [correction]，然后运行 gongwen reissue 计划文件 --from v{last}"
            ),
            Failure::IsCorrection => {
                f.write_str("计划中有 [correction]（更正）表，这是更正版本：请用 gongwen reissue")
            }
            Failure::Refused(m) | Failure::Io(m) => f.write_str(m),
            Failure::Render(m) => write!(
                f,
                "排版失败，未存档（这不是计划的问题，请告诉维护人员）：{m}"
            ),
        }
    }
}

fn templates_hash(t: &Templates) -> String {
    sha256_of_parts(t.files.iter().map(|(n, s)| (n.as_str(), s.as_bytes())))
}

fn fonts_hash(set: &FontSet) -> String {
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

/// The archived name of signing office `i`'s seal (the leading one is 0): seal.png, seal-2.png
/// … as the render World names them.
pub(crate) fn seal_file(i: usize) -> Cow<'static, str> {
    match i {
        0 => "seal.png".into(),
        _ => format!("seal-{}.png", i + 1).into(),
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
            files.push((seal_file(i), png.clone()));
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
/// nor if it is a correction. (Asked again, under the archive's lock, by `issue`.)
pub fn may_issue(checked: &Checked, archive: &Archive) -> Result<(), Failure> {
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
    let rendered = render(checked, opts).map_err(|p| Failure::Render(p.join("\n")))?;
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
    crate::ofd::export(&rendered.document, &crate::ofd::Meta::of(checked)).map_err(Failure::Render)
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
    let versions = archive.versions(&series);
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
    let rendered = render(checked, opts).map_err(|p| Failure::Render(p.join("\n")))?;
    let corr_data = correction_data(&old.value, checked)?;
    let corr_pdf = render_correction(
        &opts.templates,
        &checked.fonts.set,
        corr_data.clone(),
        &corr.notice_number.text,
        opts.pdf_a,
    )
    .map_err(Failure::Render)?;
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

fn render_correction(
    templates: &Templates,
    fonts: &FontSet,
    data: Vec<u8>,
    ident: &str,
    pdf_a: bool,
) -> Result<Vec<u8>, String> {
    let doc = compile(templates, fonts, "correction.typ", data).map_err(|p| p.join("\n"))?;
    export(&doc, ident, pdf_a).map_err(|p| p.join("\n"))
}

fn list(v: &[u32]) -> String {
    v.iter()
        .map(|n| format!("v{n}"))
        .collect::<Vec<_>>()
        .join("、")
}

/// One thing `verify` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub version: PathBuf,
    pub message: String,
    /// Only missing from the ledger (an archive from before ledgers, or one whose ledger was
    /// lost): what `verify --adopt` may record, if nothing else is wrong with the version.
    pub unledgered: bool,
}

impl Problem {
    pub(crate) fn new(version: PathBuf, message: String) -> Self {
        Problem {
            version,
            message,
            unledgered: false,
        }
    }

    pub(crate) fn unledgered(version: PathBuf, message: &str) -> Self {
        Problem {
            version,
            message: message.into(),
            unledgered: true,
        }
    }
}

/// Re-hashes every archived file and re-renders every version from its archived plan.
/// Returns the versions checked and the problems found.
pub fn verify(archive: &Archive, opts: &RenderOptions, fonts: &FontSet) -> (usize, Vec<Problem>) {
    // Under the lock, after completing an interrupted write; an archive on read-only media
    // is verified as it stands.
    let _held = archive.lock().ok();
    let mut problems = Vec::new();
    let mut checked_versions = 0;
    // Every version folder, for the ledger to account for.
    let mut folders: Vec<PathBuf> = Vec::new();
    for series in archive.series() {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&series)
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| is_version_dir(p))
                    .collect()
            })
            .unwrap_or_default();
        dirs.sort();
        folders.extend(dirs.iter().cloned());
        for dir in dirs {
            checked_versions += 1;
            let mut say = |m: String| problems.push(Problem::new(dir.clone(), m));
            let manifest = match read_manifest(&dir) {
                Ok(m) => m,
                Err(e) => {
                    say(e.to_string());
                    continue;
                }
            };
            let changed = changed_files(&dir, &manifest);
            for name in &changed {
                say(format!("{name} 与登记的 sha256 不符（文件被改动或丢失）"));
            }
            if !changed.is_empty() {
                continue;
            }
            for (name, bytes) in rerender(&dir, &manifest, opts, fonts) {
                match bytes {
                    Ok(fresh) if store::archived(&dir.join(name)).is_ok_and(|old| old == fresh) => {
                    }
                    Ok(_) => say(format!(
                        "按存档的计划重新生成的 {name} 与存档不同{}",
                        if manifest.gongwen_version != env!("CARGO_PKG_VERSION") {
                            format!(
                                "（印发时用的是 gongwen {}，现在是 {}：是换了版本，不是文件被改动）",
                                manifest.gongwen_version,
                                env!("CARGO_PKG_VERSION")
                            )
                        } else if manifest.templates_sha256 != templates_hash(&opts.templates)
                            || manifest.fonts_sha256 != fonts_hash(fonts)
                        {
                            "（模板或字体已与印发时不同：是换了模板或字体，不是文件被改动）"
                                .to_string()
                        } else {
                            String::new()
                        }
                    )),
                    Err(e) => say(format!("无法按存档重新生成 {name}：{e}")),
                }
            }
        }
    }
    problems.extend(ledger::audit(&archive.root, &folders));
    (checked_versions, problems)
}

fn is_version_dir(p: &Path) -> bool {
    p.is_dir()
        && p.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix('v'))
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

/// The archived documents of a version, rendered again from its archived inputs.
fn rerender(
    dir: &Path,
    manifest: &Manifest,
    opts: &RenderOptions,
    fonts: &FontSet,
) -> Vec<(&'static str, Result<Vec<u8>, String>)> {
    let opts = RenderOptions {
        templates: opts.templates.clone(),
        pdf_a: manifest.pdf_a,
    };
    let roster = dir.join("roster.toml");
    let check_opts = CheckOptions {
        roster: roster.exists().then_some(roster),
        fonts: fonts.clone(),
        seals_from: Some(dir.to_path_buf()),
    };
    let (document, ofd) = match check_path(&dir.join(PLAN_FILE), &check_opts).clean() {
        Ok(c) => match render(&c, &opts) {
            Ok(r) => (
                Ok(r.pdf.clone()),
                crate::ofd::export(&r.document, &crate::ofd::Meta::of(&c)),
            ),
            Err(p) => (Err(p.join("\n")), Err(p.join("\n"))),
        },
        _ => {
            let e = "存档的计划现在检查不通过".to_string();
            (Err(e.clone()), Err(e))
        }
    };
    let mut out = vec![("document.pdf", document)];
    // Versions issued before OFD was written have none, and are whole without it.
    if manifest.files.contains_key("document.ofd") {
        out.push(("document.ofd", ofd));
    }
    if manifest.files.contains_key("correction.pdf") {
        let data = store::archived(&dir.join("correction.json"));
        let ident = manifest.correction_number.clone().unwrap_or_default();
        out.push((
            "correction.pdf",
            data.map_err(|e| e.to_string())
                .and_then(|d| render_correction(&opts.templates, fonts, d, &ident, opts.pdf_a)),
        ));
    }
    out
}
