//! Writing: atomically (a temporary file in the same folder, then a rename), so on any error
//! nothing is left half-written; never over a link, a read-only file, or a file this run reads.

use std::io::Write;
use std::path::Path;

use super::{Error, Why};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
/// On failure the temporary file is removed and `path` is untouched.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_with(path, bytes, false)
}

/// Like [`write_atomic`], but refuses to replace a file already at `path`.
pub(crate) fn write_new_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_with(path, bytes, true)
}

/// Refuses an output path that would destroy something: a file this run reads (the plan,
/// its roster), or anything that is not a regular file — a folder, a device or a pipe, which
/// a rename would replace with a file. A link is refused rather than replaced by a file.
pub(crate) fn check_output(path: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let fail = |why| Err(Error::new(path, why));
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        // Nothing there yet: a new file (its folder is checked when writing).
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return fail(Why::Look(e)),
    };
    if meta.file_type().is_symlink() {
        return fail(Why::OutputLink);
    }
    if !meta.is_file() {
        return fail(Why::OutputNotFile);
    }
    if inputs.iter().any(|i| same_file(i, path)) {
        return fail(Why::OutputIsInput);
    }
    Ok(())
}

/// Whether two paths name the same file (same device and inode, whatever the links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

fn write_with(path: &Path, bytes: &[u8], no_clobber: bool) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |why| Error::new(path, why);
    // A file its owner made read-only is kept, as an editor keeps it: the rename below would
    // replace it regardless of its mode (only the folder's permission counts for a rename).
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly()) {
        return Err(fail(Why::ReadOnly));
    }
    remove_stale_temporaries(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gongwen-").suffix(".tmp");
    // Created as any program creates a file (0666 less the umask), not tempfile's 0600, so
    // a colleague on a shared folder can open what gongwen wrote.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::new(dir, Why::CreateIn(e)))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| fail(Why::Write(e)))?;
    let persisted = if no_clobber {
        tmp.persist_noclobber(path)
    } else {
        tmp.persist(path)
    };
    persisted.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => fail(Why::Exists),
        _ => fail(Why::Write(e.error)),
    })?;
    Ok(())
}

/// Removes `.gongwen-*.tmp` files a killed run left in `dir` more than an hour ago (a run
/// still writing one is younger).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale = e
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        if name.starts_with(".gongwen-") && name.ends_with(".tmp") && stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// This process's umask, as the kernel reports it.
    fn umask() -> u32 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
        u32::from_str_radix(line["Umask:".len()..].trim(), 8).unwrap()
    }

    #[test]
    fn a_killed_runs_old_temporaries_are_removed_and_a_fresh_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".gongwen-abc.tmp");
        let fresh = dir.path().join(".gongwen-def.tmp");
        std::fs::write(&old, b"partial").unwrap();
        std::fs::write(&fresh, b"partial").unwrap();
        let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(day_ago)
            .unwrap();
        write_atomic(&dir.path().join("x.pdf"), b"x").unwrap();
        assert!(!old.exists() && fresh.exists());
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("issued.pdf");
        std::fs::write(&path, b"kept").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&path, b"new").unwrap_err();
        assert!(matches!(e.why, Why::ReadOnly), "{e:?}");
        assert!(e.to_string().contains("只读"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"kept");
    }

    #[test]
    fn written_files_follow_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        for (name, new) in [("a.pdf", false), ("b.pdf", true)] {
            let path = dir.path().join(name);
            write_with(&path, b"x", new).unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o666 & !umask(), "{name}: {mode:o}");
        }
    }
}
