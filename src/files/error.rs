//! The one I/O failure: which path, and why (a system error kept with what was being done,
//! or a refusal of gongwen's own). Worded in Chinese once, when shown.

use std::fmt;
use std::io::ErrorKind;
use std::path::PathBuf;

use super::reason;

/// A file that could not be read or written, and why.
#[derive(Debug)]
pub struct Error {
    pub path: PathBuf,
    pub why: Why,
}

/// Why a file was not read or written.
#[derive(Debug)]
pub enum Why {
    /// The system refused to read it (missing, no permission, …).
    Read(std::io::Error),
    /// A folder where a file should be.
    Folder,
    /// A device or pipe: never read (it would block, or never end).
    NotRegular,
    /// Larger than any such file is: `what` names what it should be.
    TooLarge { limit: u64, what: &'static str },
    /// The system would not say what is at an output path.
    Look(std::io::Error),
    /// An output path that is a link: not replaced by a file.
    OutputLink,
    /// An output path that is a folder, device or pipe.
    OutputNotFile,
    /// An output path that names a file this run reads.
    OutputIsInput,
    /// A file its owner made read-only: kept.
    ReadOnly,
    /// A file already there where a new one was to be written.
    Exists,
    /// No temporary file could be made in the folder `path`.
    CreateIn(std::io::Error),
    /// The system refused to write it.
    Write(std::io::Error),
    /// The folder `path` could not be made.
    MakeFolder(std::io::Error),
}

impl Error {
    pub(crate) fn new(path: impl Into<PathBuf>, why: Why) -> Self {
        Error {
            path: path.into(),
            why,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.why {
            Why::Read(e) => match e.kind() {
                ErrorKind::NotFound => write!(f, "{p}：找不到这个文件"),
                ErrorKind::PermissionDenied => write!(f, "{p}：没有读取权限"),
                _ => write!(f, "{p}：无法读取（{}）", reason(e)),
            },
            Why::Folder => write!(f, "{p}：这是一个文件夹，不是文件"),
            Why::NotRegular => write!(f, "{p}：不是普通文件（是设备或管道），不读取"),
            Why::TooLarge { limit, what } => {
                write!(f, "{p}：文件超过 {} MiB，不像是{what}", limit / 1024 / 1024)
            }
            Why::Look(e) => write!(f, "{p} 无法查看：{}", write_reason(e)),
            Why::OutputLink => write!(f, "{p} 是一个链接：不替换它，请把 -o 写成它指向的文件"),
            Why::OutputNotFile => write!(
                f,
                "{p} 不是普通文件（是文件夹、设备或管道），不覆盖：请换一个输出文件名"
            ),
            Why::OutputIsInput => write!(
                f,
                "{p} 是这次读入的文件，不能用输出覆盖它：请换一个输出文件名"
            ),
            Why::ReadOnly => write!(
                f,
                "{p} 是只读文件（有人把它设为只读），不覆盖：确需更新时先取消只读，或换一个文件名"
            ),
            Why::Exists => write!(f, "{p} 已存在，不覆盖"),
            Why::CreateIn(e) => write!(f, "无法在 {p} 中写文件：{}", write_reason(e)),
            Why::Write(e) => write!(f, "写入 {p} 失败：{}", write_reason(e)),
            Why::MakeFolder(e) => write!(f, "无法创建 {p}：{}", reason(e)),
        }
    }
}

impl std::error::Error for Error {}

/// Why a write failed: a missing folder or a refused write said as such.
fn write_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "文件夹不存在".into(),
        ErrorKind::PermissionDenied => "没有写入权限".into(),
        _ => reason(e),
    }
}
