//! The Typst templates, embedded so an installed binary works anywhere; `--templates DIR`
//! reads them from a folder instead.

use crate::files::reason;
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

/// The largest template read from a folder (the built-in ones are under 20 KB each).
pub(crate) const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// The most templates read from a folder.
pub(crate) const MAX_TEMPLATES: usize = 64;

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

    /// Whether these are the templates built into gongwen.
    pub fn is_embedded(&self) -> bool {
        self.origin == "templates"
    }

    /// The office's own templates: every `.typ` file of `dir` (not its subfolders), each a
    /// regular file (no link) of at most [`MAX_TEMPLATE_BYTES`], at most [`MAX_TEMPLATES`] of
    /// them; `main.typ` must be among them. Nothing else in the folder is read.
    pub fn from_dir(dir: &Path) -> Result<Self, String> {
        let shown = dir.display();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("模板文件夹 {shown} 读不出来：{}", reason(&e)))?;
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "typ") {
                continue; // only templates are read: nothing else in the folder is touched
            }
            // The entry itself, not what a link points to: a template that is a link could
            // bring any file of the machine into the document.
            let kind = entry.file_type().map_err(|e| reason(&e))?;
            if !kind.is_file() {
                return Err(format!(
                    "模板 {} 不是普通文件（是链接、文件夹或设备）：模板文件夹里只放 .typ 文件本身",
                    path.display()
                ));
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
            if size > MAX_TEMPLATE_BYTES {
                return Err(format!(
                    "模板 {} 有 {size} 字节，超过上限 {MAX_TEMPLATE_BYTES} 字节",
                    path.display()
                ));
            }
            if files.len() == MAX_TEMPLATES {
                return Err(format!(
                    "模板文件夹 {shown} 中的 .typ 文件超过 {MAX_TEMPLATES} 个"
                ));
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = crate::files::read(&path, MAX_TEMPLATE_BYTES, "一个模板文件")
                .map_err(|e| e.to_string())?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("模板 {} 不是 UTF-8 编码的文本", path.display()))?;
            files.push((name, text));
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
