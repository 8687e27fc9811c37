//! What a document is written as (its kind, by the output's extension) and how a package is
//! packed; the writing itself goes through `crate::files`.

use std::io::Write;
use std::path::Path;

/// What a file is written as, by its name's extension: an unknown one is refused, never a
/// PDF under another name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Xlsx,
    /// GB/T 33190 electronic document (e-government's format).
    Ofd,
}

impl Kind {
    pub fn of(path: &Path, allowed: &[Kind]) -> Result<Kind, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let kind = match ext.as_str() {
            "pdf" => Some(Kind::Pdf),
            "docx" => Some(Kind::Docx),
            "xlsx" => Some(Kind::Xlsx),
            "ofd" => Some(Kind::Ofd),
            _ => None,
        };
        match kind.filter(|k| allowed.contains(k)) {
            Some(k) => Ok(k),
            None => {
                let names: Vec<&str> = allowed.iter().map(|k| k.ext()).collect();
                Err(format!(
                    "{} 的扩展名不认识：输出文件应以 {} 结尾",
                    path.display(),
                    names.join("、")
                ))
            }
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Kind::Pdf => ".pdf",
            Kind::Docx => ".docx",
            Kind::Xlsx => ".xlsx",
            Kind::Ofd => ".ofd",
        }
    }
}

/// A package (DOCX, OFD) of `parts` as a zip, in the order given, each deflated, dated
/// 1980-01-01, mode 644: the same parts give the same bytes. `what` names it in an error.
pub(crate) fn zip_parts(parts: &[(String, Vec<u8>)], what: &str) -> Result<Vec<u8>, super::Failed> {
    use std::io::Cursor;
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), opts)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .map_err(|e| super::Failed::one(format!("{what} 无法打包：{e}")))?;
    }
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| super::Failed::one(format!("{what} 无法打包：{e}")))
}
