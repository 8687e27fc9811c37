//! Verifying: every archived file hashed again, every version rendered again from its
//! archived inputs and compared, and the ledger's chain checked.

use std::path::{Path, PathBuf};

use super::issue::{fonts_hash, render_correction, templates_hash};
use super::manifest::Manifest;
use super::store::{changed_files, read_manifest};
use super::{Archive, PLAN_FILE, ledger, store};
use crate::check::{CheckOptions, check_path};
use crate::fonts::FontSet;
use crate::render::{RenderOptions, render};

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
        // The versions as issue and reissue count them (in their order: v2 before v10).
        let dirs: Vec<PathBuf> = store::versions_in(&series)
            .into_iter()
            .map(|v| series.join(format!("v{v}")))
            .collect();
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
                crate::ofd::export(&r.document, &crate::ofd::Meta::of(&c))
                    .map_err(|p| p.to_string()),
            ),
            Err(p) => (Err(p.to_string()), Err(p.to_string())),
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
            data.map_err(|e| e.to_string()).and_then(|d| {
                render_correction(&opts.templates, fonts, d, &ident, opts.pdf_a)
                    .map_err(|p| p.to_string())
            }),
        ));
    }
    out
}
