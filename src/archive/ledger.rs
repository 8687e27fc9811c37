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
use super::{Failure, Problem};
use crate::files::reason;

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
pub(crate) fn folder_hash(dir: &Path) -> Result<String, Failure> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::Io(reason(&e)))?;
    for e in entries {
        let e = e.map_err(|e| Failure::Io(reason(&e)))?;
        let kind = e.file_type().map_err(|e| Failure::Io(reason(&e)))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if !kind.is_file() {
            return Err(Failure::Io(format!("“{name}”不是普通文件")));
        }
        files.push((name, super::store::archived(&e.path())?));
    }
    files.sort();
    Ok(sha256_of_parts(
        files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
    ))
}

/// The ledger's lines, or why it cannot be read.
pub fn read(root: &Path) -> Result<Vec<Entry>, Failure> {
    let path = root.join(LEDGER_FILE);
    // No ledger yet: nothing issued.
    if std::fs::symlink_metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(Vec::new());
    }
    let bytes = crate::files::read(&path, crate::files::ARCHIVED_BYTES, "一本账本")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::Io(format!("账本 {} 不是 UTF-8 编码的文本", path.display())))?;
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|_| Failure::Io(format!("账本第 {} 行不是有效的登记", i + 1)))
        })
        .collect()
}

/// Records a version about to be put in place: one line for folder `dir` (where the version
/// will stand) holding `files_sha256` (the hash of its files, computed before the rename),
/// appended under a lock and flushed to disk. Returns the new head's hash.
///
/// The line is written before the version's rename: a run killed between the two leaves a
/// line and a hidden folder with that hash, which [`recover`] puts in place on the next run.
/// A ledger missing while the archive holds versions is refused, never silently restarted:
/// the versions it would adopt may be forged (`gongwen verify --adopt` adopts them openly).
pub(crate) fn append(
    root: &Path,
    dir: &Path,
    doc_number: &str,
    version: u32,
    files_sha256: &str,
) -> Result<String, Failure> {
    let (mut file, entries) = open_locked(root)?;
    if entries.is_empty() && !versions_before_ledgers(root, dir).is_empty() {
        return Err(Failure::Io(format!(
            "存档 {} 中已有版本，却没有账本（账本被删除，或存档由早于账本的 gongwen 印发）：为防止冒充的版本被一并登记，不印发。请先运行 gongwen verify --adopt --archive {} 核对并登记已有的版本",
            root.display(),
            root.display()
        )));
    }
    let entry = next(
        entries.last(),
        root,
        dir,
        doc_number,
        version,
        files_sha256,
        false,
    );
    write_lines(&mut file, std::slice::from_ref(&entry))?;
    Ok(entry.hash)
}

/// The ledger file, opened for appending and locked, with its lines.
fn open_locked(root: &Path) -> Result<(std::fs::File, Vec<Entry>), Failure> {
    let path = root.join(LEDGER_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(&path)
        .map_err(|e| Failure::Io(format!("账本 {} 无法写入：{}", path.display(), reason(&e))))?;
    file.lock()
        .map_err(|e| Failure::Io(format!("账本无法加锁：{}", reason(&e))))?;
    let entries = read(root)?;
    Ok((file, entries))
}

/// The line after `last` for version folder `dir`.
fn next(
    last: Option<&Entry>,
    root: &Path,
    dir: &Path,
    doc_number: &str,
    version: u32,
    files_sha256: &str,
    adopted: bool,
) -> Entry {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let mut entry = Entry {
        seq: last.map_or(1, |e| e.seq + 1),
        dir: rel.to_string_lossy().into_owned(),
        doc_number: doc_number.to_string(),
        version,
        files_sha256: files_sha256.to_string(),
        prev: last.map(|e| e.hash.clone()).unwrap_or_default(),
        adopted,
        hash: String::new(),
    };
    entry.hash = entry.own_hash();
    entry
}

fn write_lines(file: &mut std::fs::File, entries: &[Entry]) -> Result<(), Failure> {
    let mut lines = String::new();
    for e in entries {
        lines.push_str(&serde_json::to_string(e).map_err(|e| Failure::Io(e.to_string()))?);
        lines.push('\n');
    }
    file.write_all(lines.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::Io(format!("账本无法写入：{}", reason(&e))))
}

/// The version folders of an archive other than `new`, in order.
fn versions_before_ledgers(root: &Path, new: &Path) -> Vec<PathBuf> {
    let archive = super::store::Archive::new(root);
    let mut out = Vec::new();
    for series in archive.series() {
        for v in super::store::versions_in(&series) {
            let dir = series.join(format!("v{v}"));
            if dir != new {
                out.push(dir);
            }
        }
    }
    out
}

/// Puts in place every version the ledger records whose folder is missing while a hidden
/// folder of a killed run holds exactly its files: the write is completed, not lost.
pub(crate) fn recover(root: &Path) -> Result<(), Failure> {
    let Ok(entries) = read(root) else {
        return Ok(()); // verify names an unreadable ledger
    };
    for e in entries.iter().filter(|e| !root.join(&e.dir).exists()) {
        let target = root.join(&e.dir);
        let Some(series) = target.parent() else {
            continue;
        };
        let Ok(list) = std::fs::read_dir(series) else {
            continue;
        };
        let prefix = format!(".partial-v{}-", e.version);
        for p in list.flatten().map(|d| d.path()) {
            let named = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix));
            if named && folder_hash(&p).is_ok_and(|h| h == e.files_sha256) {
                std::fs::rename(&p, &target).map_err(|err| {
                    Failure::Io(format!(
                        "无法补完上次中断的存档 {}：{}",
                        target.display(),
                        reason(&err)
                    ))
                })?;
                super::store::set_read_only(&target);
                break;
            }
        }
    }
    Ok(())
}

/// Records, openly, every version folder of the archive the ledger does not (an archive from
/// before ledgers, or one whose ledger was lost): `gongwen verify --adopt`. Returns the
/// folders adopted and the new head.
pub fn adopt(root: &Path, folders: &[PathBuf]) -> Result<(Vec<PathBuf>, String), Failure> {
    let (mut file, entries) = open_locked(root)?;
    let mut last = entries.last().cloned();
    let mut new = Vec::new();
    let mut adopted = Vec::new();
    for dir in folders {
        let rel = dir
            .strip_prefix(root)
            .unwrap_or(dir)
            .to_string_lossy()
            .into_owned();
        if entries.iter().any(|e| e.dir == rel) {
            continue;
        }
        let m = super::store::read_manifest(dir)?;
        let e = next(
            last.as_ref(),
            root,
            dir,
            &m.doc_number,
            m.version,
            &folder_hash(dir)?,
            true,
        );
        last = Some(e.clone());
        new.push(e);
        adopted.push(dir.clone());
    }
    write_lines(&mut file, &new)?;
    Ok((adopted, last.map(|e| e.hash).unwrap_or_default()))
}

/// What is wrong with the ledger and the versions it records: (where, what) for each fault.
/// `folders`: every version folder found in the archive.
pub fn audit(root: &Path, folders: &[PathBuf]) -> Vec<Problem> {
    let mut out = Vec::new();
    let entries = match read(root) {
        Ok(e) => e,
        Err(e) => return vec![Problem::new(root.join(LEDGER_FILE), e.to_string())],
    };
    let mut prev = String::new();
    for (i, e) in entries.iter().enumerate() {
        if e.prev != prev || e.own_hash() != e.hash || e.seq != i as u64 + 1 {
            out.push(Problem::new(
                root.join(LEDGER_FILE),
                format!("账本第 {} 行被改动或删去了前面的行（哈希链断开）", i + 1),
            ));
        }
        prev = e.hash.clone();
        let dir = root.join(&e.dir);
        match folder_hash(&dir) {
            Err(_) if !dir.exists() => out.push(Problem::new(
                dir,
                format!(
                    "{} v{} 已登记印发，但存档中没有了（被删除）",
                    e.doc_number, e.version
                ),
            )),
            Err(why) => out.push(Problem::new(
                dir,
                format!("不是 gongwen 写下的版本文件夹：{why}"),
            )),
            Ok(h) if h != e.files_sha256 => out.push(Problem::new(
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
            out.push(Problem::new(
                f.clone(),
                "版本文件夹是一个链接，不是存档中的文件夹".to_string(),
            ));
        } else if entries.is_empty() {
            out.push(Problem::unledgered(
                f.clone(),
                "存档没有账本：账本被删除，或存档由早于账本的 gongwen 印发（核对无误后用 gongwen verify --adopt 登记）",
            ));
        } else if !entries.iter().any(|e| e.dir == rel) {
            out.push(Problem::unledgered(
                f.clone(),
                "账本中没有这个版本（不是 gongwen 印发的，或账本被截断）",
            ));
        }
    }
    out
}

/// Where a head the office wrote down stands in the ledger: `Ok(later)` when it is a line
/// of the chain (`later` lines were added after it), else why not.
pub fn find_head(root: &Path, head: &str) -> Result<usize, Failure> {
    let head = head.trim().to_ascii_lowercase();
    if head.len() < 8 {
        return Err(Failure::Refused(
            "账本头至少写 8 位（gongwen 印发时打印 12 位）".into(),
        ));
    }
    let entries = read(root)?;
    match entries.iter().position(|e| e.hash.starts_with(&head)) {
        Some(i) => Ok(entries.len() - 1 - i),
        None => Err(Failure::Refused(format!(
            "记下的账本头 {head} 不在账本中：账本被截断（删去了最后的版本）或整个重算过"
        ))),
    }
}

/// The ledger's last line's hash, if it has lines.
pub fn head(root: &Path) -> Option<String> {
    read(root).ok()?.last().map(|e| e.hash.clone())
}

/// The head's short hash, for the clerk to write down.
pub fn short(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}
