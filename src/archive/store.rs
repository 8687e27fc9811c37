//! The archive on disk: one folder per 发文字号, one sub-folder per version (v1, v2 …),
//! each written whole or not at all and never changed afterwards.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::Failure;
use super::manifest::{Manifest, sha256_hex};
use crate::files::reason;

/// How files reach the disk; tests swap in one that fails part-way.
pub type Writer<'a> = &'a mut dyn FnMut(&Path, &[u8]) -> io::Result<()>;

/// The default writer: write and flush to disk.
pub fn fs_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create_new(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The file whose lock one issue, reissue or verify holds at a time.
pub(crate) const LOCK_FILE: &str = ".gongwen.lock";

/// A 文号 as the archive tells 文号 apart: without any space, wide or narrow, that prints as
/// nothing (a copied " 峨边府办函〔2023〕9号" is the same 文号, not a new one).
pub(crate) fn same_number(doc_number: &str) -> String {
    doc_number.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The longest folder name written, in bytes (file systems take 255; a CJK character is 3).
const MAX_NAME_BYTES: usize = 180;

/// A folder name for a 文号: as written where every file system takes it, so an office sees
/// its 文号; otherwise one to one — a character no file system takes, "%" and a leading "."
/// are written "%XX", so "a/b" and "a_b" stay apart and ".." is no path out of the archive —
/// and a name too long for a file system keeps its head and a hash of the whole.
pub(crate) fn series_name(doc_number: &str) -> String {
    let mut name = String::new();
    for (i, c) in doc_number.chars().enumerate() {
        let unsafe_char = matches!(
            c,
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '%'
        ) || c.is_control()
            || (i == 0 && c == '.');
        if unsafe_char {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                name.push_str(&format!("%{b:02X}"));
            }
        } else {
            name.push(c);
        }
    }
    if name.is_empty() {
        name.push_str("%00");
    }
    if name.len() > MAX_NAME_BYTES {
        let hash = sha256_hex(doc_number.as_bytes());
        let mut head = MAX_NAME_BYTES - 13;
        while !name.is_char_boundary(head) {
            head -= 1;
        }
        name = format!("{}~{}", &name[..head], &hash[..12]);
    }
    name
}

#[derive(Debug, Clone)]
pub struct Archive {
    pub root: PathBuf,
}

impl Archive {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub(crate) fn series_dir(&self, doc_number: &str) -> PathBuf {
        self.root.join(series_name(&same_number(doc_number)))
    }

    /// Holds the archive for one issue, reissue or verify at a time, across processes and the
    /// web page's requests: the uniqueness checks and the write are one step under it. Also
    /// completes a write a killed run left between its ledger line and its rename.
    pub(crate) fn lock(&self) -> Result<std::fs::File, Failure> {
        std::fs::create_dir_all(&self.root).map_err(|e| {
            Failure::Io(format!(
                "无法创建存档文件夹 {}：{}",
                self.root.display(),
                reason(&e)
            ))
        })?;
        let path = self.root.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                Failure::Io(format!(
                    "存档 {} 无法加锁：{}",
                    self.root.display(),
                    reason(&e)
                ))
            })?;
        file.lock().map_err(|e| {
            Failure::Io(format!(
                "存档 {} 无法加锁：{}",
                self.root.display(),
                reason(&e)
            ))
        })?;
        super::ledger::recover(&self.root)?;
        Ok(file)
    }

    pub(crate) fn version_dir(&self, doc_number: &str, version: u32) -> PathBuf {
        self.series_dir(doc_number).join(format!("v{version}"))
    }

    /// The versions of a series, in order (complete versions only).
    pub fn versions(&self, doc_number: &str) -> Vec<u32> {
        versions_in(&self.series_dir(doc_number))
    }

    /// Every series folder of the archive, sorted.
    pub fn series(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&self.root)
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Every 文号 the archive has issued, by any route — a document's own, a 更正通知's, a
    /// 新号重发's — with where it was used ("峨边府办函〔2023〕7号 v2 的更正通知").
    pub(crate) fn issued_numbers(&self) -> BTreeMap<String, String> {
        let mut used = BTreeMap::new();
        let Ok(series) = std::fs::read_dir(&self.root) else {
            return used;
        };
        for s in series.flatten().filter(|e| e.path().is_dir()) {
            for v in versions_in(&s.path()) {
                let Ok(m) = read_manifest(&s.path().join(format!("v{v}"))) else {
                    continue;
                };
                let at = format!("{} v{v}", m.doc_number_series());
                if let Some(c) = &m.correction_number {
                    used.entry(same_number(c))
                        .or_insert(format!("{at} 的更正通知"));
                }
                used.entry(same_number(&m.doc_number)).or_insert(at);
            }
        }
        used
    }

    /// Writes version `version` of the series into a hidden folder; [`Prepared::commit`] then
    /// puts it in place with one rename. On any failure the hidden folder is removed and the
    /// archive is as it was; an existing version is never replaced.
    pub(crate) fn prepare_version(
        &self,
        manifest: &Manifest,
        files: &[(&str, &[u8])],
        write: Writer,
    ) -> Result<Prepared, Failure> {
        let series = self.series_dir(&manifest.doc_number_series());
        std::fs::create_dir_all(&series).map_err(|e| {
            Failure::Io(format!(
                "无法创建存档文件夹 {}：{}",
                series.display(),
                reason(&e)
            ))
        })?;
        let target = series.join(format!("v{}", manifest.version));
        if target.exists() {
            return Err(Failure::Io(format!(
                "{} 已存在，存档中的版本不能覆盖",
                target.display()
            )));
        }
        remove_abandoned(&series);
        // One folder per write, even within one process (the web page's requests run at
        // once): another write's folder is never touched; the rename decides who wins.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let partial = series.join(format!(
            ".partial-v{}-{}-{}",
            manifest.version,
            std::process::id(),
            WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::create_dir(&partial).map_err(|e| {
            Failure::Io(format!("无法写入存档 {}：{}", series.display(), reason(&e)))
        })?;
        let mut written = |name: &str, bytes: &[u8]| {
            write(&partial.join(name), bytes)
                .map_err(|e| Failure::Io(format!("写入 {name} 失败：{}", reason(&e))))
        };
        let result = files
            .iter()
            .try_for_each(|(name, bytes)| written(name, bytes))
            .and_then(|()| {
                let json =
                    serde_json::to_vec_pretty(manifest).map_err(|e| Failure::Io(e.to_string()))?;
                written("manifest.json", &json)
            });
        match result {
            Ok(()) => Ok(Prepared { partial, target }),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&partial);
                Err(e)
            }
        }
    }
}

/// A version written whole into its hidden folder, not yet in place.
pub(crate) struct Prepared {
    pub(crate) partial: PathBuf,
    pub(crate) target: PathBuf,
}

impl Prepared {
    /// Puts the version in place (one rename) and marks its files read-only.
    pub(crate) fn commit(self) -> Result<PathBuf, Failure> {
        if self.target.exists() {
            let _ = std::fs::remove_dir_all(&self.partial);
            return Err(Failure::Io(format!(
                "{} 已存在，存档中的版本不能覆盖",
                self.target.display()
            )));
        }
        std::fs::rename(&self.partial, &self.target)
            .map_err(|e| Failure::Io(format!("无法完成存档：{}", reason(&e))))?;
        set_read_only(&self.target);
        Ok(self.target)
    }

    /// Gives the version up: its hidden folder is removed.
    pub(crate) fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.partial);
    }
}

impl Manifest {
    /// The series a version belongs to: the original 文号 it was first issued under.
    pub(crate) fn doc_number_series(&self) -> String {
        self.series
            .clone()
            .unwrap_or_else(|| self.doc_number.clone())
    }
}

/// Removes the hidden folders of runs that were killed while writing a version: a
/// `.partial-vN-PID-SEQ` whose process is gone (checked where the system shows its processes).
fn remove_abandoned(series: &Path) {
    let Ok(entries) = std::fs::read_dir(series) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(".partial-v")
            .and_then(|rest| rest.split('-').nth(1))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let procs = Path::new("/proc");
        if procs.join("self").exists() && !procs.join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Marks a version's files read-only, so an editor does not change them by accident.
pub(crate) fn set_read_only(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if let Ok(meta) = e.metadata() {
                let mut p = meta.permissions();
                p.set_readonly(true);
                let _ = std::fs::set_permissions(e.path(), p);
            }
        }
    }
}

/// The version numbers of a series folder, in order: its folders named as gongwen names
/// them (v1, v2 …). Issue, reissue, verify and the page all count versions by this.
pub(crate) fn versions_in(series: &Path) -> Vec<u32> {
    let mut v: Vec<u32> = std::fs::read_dir(series)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().is_dir())
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    let n: u32 = name.strip_prefix('v')?.parse().ok()?;
                    // Only the names gongwen writes: "v01" or "v+1" is no version.
                    (name == format!("v{n}")).then_some(n)
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort_unstable();
    v
}

/// An archived file's bytes (a regular file within the archive's limit).
pub(crate) fn archived(path: &Path) -> Result<Vec<u8>, crate::files::Error> {
    crate::files::read(path, crate::files::ARCHIVED_BYTES, "存档中的文件")
}

/// The manifest of a version folder.
pub(crate) fn read_manifest(version_dir: &Path) -> Result<Manifest, Failure> {
    let path = version_dir.join("manifest.json");
    let bytes = crate::files::read(&path, crate::files::ARCHIVED_BYTES, "一份清单")?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Failure::Io(format!("{} 不是有效的清单：{e}", path.display())))
}

/// Hashes of the files a manifest lists, compared with the files on disk: the names of the
/// files that are missing or whose bytes changed.
pub(crate) fn changed_files(version_dir: &Path, manifest: &Manifest) -> Vec<String> {
    manifest
        .files
        .iter()
        .filter(|(name, hash)| {
            archived(&version_dir.join(name)).map_or(true, |bytes| &sha256_hex(&bytes) != *hash)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

#[cfg(test)]
mod series_tests {
    use super::{series_name, versions_in};

    /// Only folders named as gongwen names them are versions, in number order: a stray file
    /// "v2" or a folder "v03" counts for no command (issue, reissue, verify, the page).
    #[test]
    fn a_version_is_a_folder_named_v_and_its_number() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["v1", "v10", "v03", "v+4", ".partial-v5-1-0", "x"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("v2"), b"").unwrap();
        assert_eq!(versions_in(dir.path()), [1, 10]);
    }

    #[test]
    fn folder_names_are_one_to_one_and_stay_inside() {
        assert_eq!(
            series_name("峨边府办函〔2023〕7号"),
            "峨边府办函〔2023〕7号"
        );
        assert_ne!(series_name("峨府/2023/7号"), series_name("峨府_2023_7号"));
        assert_eq!(series_name("峨府/2023/7号"), "峨府%2F2023%2F7号");
        assert_eq!(series_name(".."), "%2E.");
        assert_eq!(series_name("."), "%2E");
        assert_ne!(series_name("a%2Fb"), series_name("a/b"));
        let long = "峨".repeat(100);
        let name = series_name(&long);
        assert!(name.len() <= 180, "{}", name.len());
        assert_ne!(name, series_name(&"峨".repeat(101)));
    }
}
