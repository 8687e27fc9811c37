//! The archive's ledger (`账本.jsonl` at its root): one line per version issued, appended and
//! never rewritten, each holding the hash of every file of its version and of the line
//! before it. A deleted version, a version folder no issue wrote, a version rewritten whole
//! (plan, PDF and manifest with matching hashes) or an edited line breaks the chain or a
//! hash, and `verify` names it. The head's short hash is printed at each issue, so an
//! office can write it down and later see that nothing was cut from the end.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::{sha256_hex, sha256_of_parts};
use crate::diag::io_reason;

pub(crate) const LEDGER_FILE: &str = "账本.jsonl";

/// One issued version, as the ledger records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    /// The version folder, relative to the archive ("峨边府办函〔2023〕7号/v1").
    pub dir: String,
    pub doc_number: String,
    pub version: u32,
    /// sha256 over every file of the folder, by name.
    pub files_sha256: String,
    /// The previous line's hash (empty for the first).
    pub prev: String,
    /// A version found in the archive when its ledger was started (issued by a gongwen
    /// before ledgers), recorded as it stood then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adopted: bool,
    /// sha256 of this line without its own hash.
    #[serde(default)]
    pub hash: String,
}

impl Entry {
    fn own_hash(&self) -> String {
        let bare = Entry {
            hash: String::new(),
            ..self.clone()
        };
        sha256_hex(serde_json::to_string(&bare).unwrap_or_default().as_bytes())
    }
}

/// sha256 over every file of a version folder (names sorted, each name and length-prefixed);
/// a folder holding anything but plain files has none.
pub(crate) fn folder_hash(dir: &Path) -> Result<String, String> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| io_reason(&e))?;
    for e in entries {
        let e = e.map_err(|e| io_reason(&e))?;
        let kind = e.file_type().map_err(|e| io_reason(&e))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if !kind.is_file() {
            return Err(format!("“{name}”不是普通文件"));
        }
        files.push((name, std::fs::read(e.path()).map_err(|e| io_reason(&e))?));
    }
    files.sort();
    Ok(sha256_of_parts(
        files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
    ))
}

/// The ledger's lines, or why it cannot be read.
pub fn read(root: &Path) -> Result<Vec<Entry>, String> {
    let path = root.join(LEDGER_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(format!(
                "账本 {} 读不出来：{}",
                path.display(),
                io_reason(&e)
            ));
        }
    };
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|_| format!("账本第 {} 行不是有效的登记", i + 1))
        })
        .collect()
}

/// Records a version just written: one line, appended under a lock, flushed to disk. Returns
/// the new head's hash.
pub(crate) fn append(
    root: &Path,
    dir: &Path,
    doc_number: &str,
    version: u32,
) -> Result<String, String> {
    let path = root.join(LEDGER_FILE);
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(&path)
        .map_err(|e| format!("账本 {} 无法写入：{}", path.display(), io_reason(&e)))?;
    file.lock()
        .map_err(|e| format!("账本无法加锁：{}", io_reason(&e)))?;
    let entries = read(root)?;
    let mut lines = String::new();
    let mut last = entries.last().cloned();
    let mut add =
        |dir: &Path, doc_number: &str, version: u32, adopted: bool| -> Result<(), String> {
            let rel = dir.strip_prefix(root).unwrap_or(dir);
            let mut entry = Entry {
                seq: last.as_ref().map_or(1, |e| e.seq + 1),
                dir: rel.to_string_lossy().into_owned(),
                doc_number: doc_number.to_string(),
                version,
                files_sha256: folder_hash(dir)?,
                prev: last.as_ref().map(|e| e.hash.clone()).unwrap_or_default(),
                adopted,
                hash: String::new(),
            };
            entry.hash = entry.own_hash();
            lines.push_str(&serde_json::to_string(&entry).map_err(|e| e.to_string())?);
            lines.push('\n');
            last = Some(entry);
            Ok(())
        };
    // A ledger started in an archive that has versions already: they are recorded first.
    if entries.is_empty() {
        for (older, manifest) in versions_before_ledgers(root, dir) {
            add(&older, &manifest.doc_number, manifest.version, true)?;
        }
    }
    add(dir, doc_number, version, false)?;
    file.write_all(lines.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("账本无法写入：{}", io_reason(&e)))?;
    Ok(last.map(|e| e.hash).unwrap_or_default())
}

/// The version folders of an archive other than `new`, with their manifests, in order.
fn versions_before_ledgers(root: &Path, new: &Path) -> Vec<(PathBuf, super::manifest::Manifest)> {
    let archive = super::store::Archive::new(root);
    let mut out = Vec::new();
    for series in archive.series() {
        for v in super::store::versions_in(&series) {
            let dir = series.join(format!("v{v}"));
            if dir != new
                && let Ok(m) = super::store::read_manifest(&dir)
            {
                out.push((dir, m));
            }
        }
    }
    out
}

/// What is wrong with the ledger and the versions it records: (where, what) for each fault.
/// `folders`: every version folder found in the archive.
pub fn audit(root: &Path, folders: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let entries = match read(root) {
        Ok(e) => e,
        Err(e) => return vec![(root.join(LEDGER_FILE), e)],
    };
    let mut prev = String::new();
    for (i, e) in entries.iter().enumerate() {
        if e.prev != prev || e.own_hash() != e.hash || e.seq != i as u64 + 1 {
            out.push((
                root.join(LEDGER_FILE),
                format!("账本第 {} 行被改动或删去了前面的行（哈希链断开）", i + 1),
            ));
        }
        prev = e.hash.clone();
        let dir = root.join(&e.dir);
        match folder_hash(&dir) {
            Err(_) if !dir.exists() => out.push((
                dir,
                format!(
                    "{} v{} 已登记印发，但存档中没有了（被删除）",
                    e.doc_number, e.version
                ),
            )),
            Err(why) => out.push((dir, format!("不是 gongwen 写下的版本文件夹：{why}"))),
            Ok(h) if h != e.files_sha256 => out.push((
                dir,
                "文件与印发时登记的不同（被改写、增删了文件）".to_string(),
            )),
            Ok(_) => {}
        }
    }
    for f in folders {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        let linked = std::fs::symlink_metadata(f).is_ok_and(|m| m.file_type().is_symlink());
        if linked {
            out.push((
                f.clone(),
                "版本文件夹是一个链接，不是存档中的文件夹".to_string(),
            ));
        } else if entries.is_empty() {
            out.push((
                f.clone(),
                "存档没有账本：账本被删除，或存档由早于账本的 gongwen 印发（下一次 issue 或 reissue 会先登记已有的版本）".to_string(),
            ));
        } else if !entries.iter().any(|e| e.dir == rel) {
            out.push((
                f.clone(),
                "账本中没有这个版本（不是 gongwen 印发的，或账本被截断）".to_string(),
            ));
        }
    }
    out
}

/// The head's short hash, for the clerk to write down.
pub fn short(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}
