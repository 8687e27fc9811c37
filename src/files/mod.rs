//! One door for files. Everything gongwen reads from or writes to a clerk's folders passes
//! here: a file is read only when it is a regular one and no larger than what it should be;
//! it is written only atomically (`write`), never over a link, a read-only file or an input;
//! a file a plan names is confined to the plan's folder; an I/O failure is worded once, in
//! Chinese, by the direction it failed in.

mod error;
mod write;

use std::path::{Component, Path, PathBuf};

pub use error::{Error, Why};
pub(crate) use write::{check_output, write_atomic, write_new_atomic};

/// The largest file an archive holds (a PDF of thousands of pages is well under it): a file
/// past it, or one that is no regular file, was put there by someone else.
pub(crate) const ARCHIVED_BYTES: u64 = 1 << 30;

/// A regular file's bytes, refused past `limit` bytes (a folder, pipe or device is refused):
/// `what` names what such a file should be, for the message.
pub(crate) fn read(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let fail = |why| Error::new(path, why);
    let meta = std::fs::metadata(path).map_err(|e| fail(Why::Read(e)))?;
    if meta.is_dir() {
        return Err(fail(Why::Folder));
    }
    // A pipe would block forever and a device read without end: only regular files.
    if !meta.is_file() {
        return Err(fail(Why::NotRegular));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(Why::Read(e)))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Why::Read(e)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(Why::TooLarge { limit, what }));
    }
    Ok(bytes)
}

/// Why a name a plan (or the page) gives is not taken as a file inside a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outside {
    /// Absolute, empty, or climbing out with "..".
    Named,
    /// Inside by its name, but a link that leads outside.
    Linked,
    /// Neither the file nor its folder is there.
    NoFolder,
}

/// The file `rel` names inside `root`: relative, no "..", and still inside once links are
/// resolved (the real path is returned). A file that does not exist yet must have its folder
/// inside.
pub(crate) fn confine(root: &Path, rel: &str) -> Result<PathBuf, Outside> {
    let path = Path::new(rel);
    let plain = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    // A backslash is a separator on Windows and a name character elsewhere: refused on both.
    if rel.is_empty() || path.is_absolute() || !plain || rel.contains('\\') {
        return Err(Outside::Named);
    }
    let base = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let base = base.canonicalize().map_err(|_| Outside::Named)?;
    let full = base.join(path);
    let real = match full.canonicalize() {
        Ok(real) => real,
        // Not there yet: its folder, resolved, must be inside.
        Err(_) => {
            let parent = full.parent().ok_or(Outside::Named)?;
            let name = full.file_name().ok_or(Outside::Named)?;
            parent
                .canonicalize()
                .map_err(|_| Outside::NoFolder)?
                .join(name)
        }
    };
    if real.starts_with(&base) {
        Ok(real)
    } else {
        Err(Outside::Linked)
    }
}

/// A Chinese reason for an I/O error, by its kind; the system's own (English) text only for
/// kinds a clerk does not meet.
pub(crate) fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "找不到".into(),
        PermissionDenied => "没有权限".into(),
        AlreadyExists => "已经存在".into(),
        IsADirectory => "这是一个文件夹，不是文件".into(),
        NotADirectory => "路径中有一段不是文件夹".into(),
        DirectoryNotEmpty => "文件夹不是空的".into(),
        ReadOnlyFilesystem => "磁盘或文件夹是只读的".into(),
        StorageFull => "磁盘已满".into(),
        FileTooLarge => "文件太大".into(),
        InvalidFilename => "文件名不合法或太长".into(),
        ResourceBusy => "文件正被别的程序占用".into(),
        CrossesDevices => "不能跨磁盘移动".into(),
        Interrupted | TimedOut => "读写被中断，请重试".into(),
        InvalidData | UnexpectedEof => "文件内容不完整或已损坏".into(),
        QuotaExceeded => "磁盘配额已用完".into(),
        TooManyLinks => "链接过多".into(),
        ExecutableFileBusy => "文件正被运行，不能改写".into(),
        NotSeekable => "不是普通文件（是管道或设备）".into(),
        WriteZero => "磁盘写不进去".into(),
        BrokenPipe => "输出被关闭".into(),
        OutOfMemory => "内存不足".into(),
        Unsupported => "系统不支持这种操作".into(),
        WouldBlock => "文件暂时不能读写，请重试".into(),
        _ if is_link_loop(e) => "链接指向自身（链接成环），找不到真正的文件".into(),
        // The system's own words are English: only its number is shown. An error made by a
        // library (no system code) keeps its own words.
        _ => match e.raw_os_error() {
            Some(n) => format!("系统错误（错误码 {n}）"),
            None => format!("读写失败（{e}）"),
        },
    }
}

/// Whether the error is ELOOP: too many links followed (a link pointing back at itself).
fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(any(target_os = "macos", target_os = "freebsd"))]
    const ELOOP: i32 = 62;
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "freebsd")))]
    const ELOOP: i32 = -1;
    e.raw_os_error() == Some(ELOOP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_loop_reads_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::os::unix::fs::symlink(&a, &a).unwrap();
        let e = std::fs::read(&a).unwrap_err();
        let r = reason(&e);
        assert!(r.contains("链接成环"), "{r}");
        assert!(!r.chars().any(|c| c.is_ascii_alphabetic()), "{r}");
    }

    #[test]
    fn io_errors_read_in_chinese() {
        use std::io::{Error, ErrorKind};
        for (kind, says) in [
            (ErrorKind::AlreadyExists, "已经存在"),
            (ErrorKind::NotADirectory, "不是文件夹"),
            (ErrorKind::StorageFull, "磁盘已满"),
            (ErrorKind::InvalidFilename, "太长"),
        ] {
            let r = reason(&Error::from(kind));
            assert!(
                r.contains(says) && r.chars().all(|c| !c.is_ascii_alphabetic()),
                "{r}"
            );
        }
    }

    #[test]
    fn a_name_is_confined_to_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.png"), b"x").unwrap();
        let root = dir.path();
        assert!(confine(root, "sub/a.png").is_ok());
        assert!(
            confine(root, "new.png").is_ok(),
            "a file not there yet, its folder inside"
        );
        assert_eq!(confine(root, "none/a.png"), Err(Outside::NoFolder));
        for name in ["", "../a.png", "/etc/passwd", "sub\\a.png", "sub/../../a"] {
            assert_eq!(confine(root, name), Err(Outside::Named), "{name}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc", dir.path().join("out")).unwrap();
            assert_eq!(confine(root, "out/passwd"), Err(Outside::Linked));
        }
    }

    #[test]
    fn only_a_regular_file_within_its_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2048]).unwrap();
        assert!(read(&big, 4096, "一张表").is_ok());
        let e = read(&big, 1024, "一张表").unwrap_err();
        assert!(matches!(e.why, Why::TooLarge { limit: 1024, .. }), "{e:?}");
        assert!(e.to_string().contains("不像是一张表"), "{e}");
        let e = read(dir.path(), 1024, "一张表").unwrap_err();
        assert!(matches!(e.why, Why::Folder), "{e:?}");
        assert!(e.to_string().contains("文件夹"), "{e}");
        let e = read(&dir.path().join("none"), 1024, "一张表").unwrap_err();
        assert!(e.to_string().ends_with("none：找不到这个文件"), "{e}");
    }
}
