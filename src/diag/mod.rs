//! Findings about a file, located by byte span, and how they are shown.

mod human;
mod json;

use std::ops::Range;

use serde::Serialize;

pub(crate) use human::{render_human, shown};
pub use json::JsonDiag;
pub(crate) use json::to_json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// A warning the plan accepts with a written reason (`[[policy.accept]]`, `cross_year`):
    /// shown, with the reason, but neither a warning nor an error.
    Accepted,
    /// A rule's severity only: an error the plan may accept with a reason, for a figure that is
    /// almost always a slip but may be true (a 10 亿元 project). A finding of it is an error
    /// until accepted, so it blocks `render` and `issue` like one.
    Acceptable,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Accepted => "已接受的警告",
            Severity::Acceptable => "可接受的错误",
        }
    }

    /// Whether `[[policy.accept]]` may accept a finding of a rule of this severity.
    pub fn acceptable(self) -> bool {
        matches!(self, Severity::Warning | Severity::Acceptable)
    }

    /// What a finding of this severity is while the plan has not accepted it.
    pub fn unaccepted(self) -> Self {
        match self {
            Severity::Acceptable => Severity::Error,
            s => s,
        }
    }
}

/// One finding, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Diag {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub hint: String,
    /// Byte range in the file; `None` for findings about the file as a whole.
    pub span: Option<Range<usize>>,
    /// The field path (`plan.categories[0].projects[1].amount`) where known.
    pub path: Option<String>,
}

/// A file and the findings about it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub name: String,
    pub source: String,
    pub diags: Vec<Diag>,
}

impl FileReport {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diags.iter().filter(|d| d.severity == s).count()
    }

    /// Sorts findings by position, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.diags.sort_by(|a, b| {
            let ka = a.span.as_ref().map_or(0, |s| s.start);
            let kb = b.span.as_ref().map_or(0, |s| s.start);
            ka.cmp(&kb).then(a.code.cmp(b.code))
        });
    }
}

/// A Chinese reason for an I/O error, by its kind; the system's own (English) text only for
/// kinds a clerk does not meet.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
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

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
        let r = io_reason(&e);
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
            let r = io_reason(&Error::from(kind));
            assert!(
                r.contains(says) && r.chars().all(|c| !c.is_ascii_alphabetic()),
                "{r}"
            );
        }
    }

    #[test]
    fn columns_count_characters() {
        let src = "a = 1\n名 = \"峡边\"\n";
        let off = src.find("峡").unwrap();
        assert_eq!(line_col(src, off), (2, 6));
    }
}
