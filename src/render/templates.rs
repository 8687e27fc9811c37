//! The Typst templates, embedded so an installed binary works anywhere; `--templates DIR`
//! reads them from a folder instead.

use crate::diag::io_reason;
use std::path::Path;

/// The templates, by file name. `main.typ` is the entry point.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("main.typ", include_str!("../../templates/main.typ")),
    ("gbt9704.typ", include_str!("../../templates/gbt9704.typ")),
    ("notice.typ", include_str!("../../templates/notice.typ")),
    ("scheme.typ", include_str!("../../templates/scheme.typ")),
    ("annex.typ", include_str!("../../templates/annex.typ")),
    (
        "annex-alone.typ",
        include_str!("../../templates/annex-alone.typ"),
    ),
    (
        "correction.typ",
        include_str!("../../templates/correction.typ"),
    ),
];

/// A set of template files.
#[derive(Debug, Clone)]
pub struct Templates {
    pub files: Vec<(String, String)>,
    /// Where they came from, for messages: "内置模板" or the folder.
    pub origin: String,
}

impl Templates {
    pub fn embedded() -> Self {
        Self {
            files: EMBEDDED
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            origin: "templates".into(),
        }
    }

    /// Reads every `.typ` file of `dir` (not its subfolders); `main.typ` must be among them.
    pub fn from_dir(dir: &Path) -> Result<Self, String> {
        let shown = dir.display();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("模板文件夹 {shown} 读不出来：{}", io_reason(&e)))?;
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "typ") && path.is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("模板 {} 读不出来：{}", path.display(), io_reason(&e)))?;
                files.push((name, text));
            }
        }
        files.sort();
        if !files.iter().any(|(n, _)| n == "main.typ") {
            return Err(format!("模板文件夹 {shown} 中没有 main.typ"));
        }
        Ok(Self {
            files,
            origin: dir.display().to_string(),
        })
    }
}
