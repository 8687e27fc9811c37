//! Reading a TOML file into a typed value, with every failure a positioned diagnostic.
//!
//! Used for plans and rosters alike: bytes → UTF-8 → toml's spanned tree → span index →
//! serde. Nothing here panics on bad input; every refusal is a `Diag` with a code.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::labels::field_label;
use super::model::PlanFile;
use super::money;
use super::spans::SpanIndex;
use crate::diag::{Diag, FileReport, Severity};

/// Files larger than this are refused before parsing (a plan of 10,000 projects is ≈ 6 MB).
pub(crate) const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Nesting deeper than this is refused before parsing: no plan nests beyond a handful of
/// levels, and the parser recurses.
pub(crate) const MAX_NESTING: usize = 64;

/// A successfully parsed file.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub name: String,
    pub source: String,
    pub value: T,
    pub spans: SpanIndex,
}

/// A loaded plan and where it came from.
pub type Loaded = Parsed<PlanFile>;

impl Loaded {
    /// The folder relative paths in the plan (its roster) are resolved against.
    pub fn dir(&self) -> PathBuf {
        Path::new(&self.name)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }
}

/// Why a file could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read (missing, a directory, unreadable, too large): exit 2.
    Io(crate::files::Error),
    /// The file was read but is not a valid plan: exit 1.
    Invalid(FileReport),
}

/// Reads and parses a file.
pub(crate) fn load_path<T: DeserializeOwned>(path: &Path) -> Result<Parsed<T>, LoadError> {
    let name = path.display().to_string();
    let bytes = read_limited(path).map_err(LoadError::Io)?;
    parse_bytes(&name, &bytes).map_err(LoadError::Invalid)
}

/// Reads and parses a plan file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    load_path(path)
}

/// Parses a plan held in memory.
pub fn load_str(name: &str, source: &str) -> Result<Loaded, FileReport> {
    parse_bytes(name, source.as_bytes())
}

/// A regular file's bytes, refused past [`MAX_FILE_BYTES`] (a pipe or device is refused).
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, crate::files::Error> {
    crate::files::read(path, MAX_FILE_BYTES, "一份计划文件")
}

/// Parses bytes as a TOML document of type `T`.
pub fn parse_bytes<T: DeserializeOwned>(name: &str, bytes: &[u8]) -> Result<Parsed<T>, FileReport> {
    let fail = |source: String, diag: Diag| FileReport {
        name: name.to_string(),
        source,
        diags: vec![diag],
    };
    let source = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let at = e.valid_up_to();
            return Err(fail(
                String::from_utf8_lossy(bytes).into_owned(),
                diag(
                    "input-utf8",
                    "文件不是 UTF-8 编码的文本",
                    "用记事本或 WPS 另存为“UTF-8”编码；如果是 Excel 表格，请先导出为文本",
                    Some(at..at + 1),
                ),
            ));
        }
    };
    if let Some(at) = too_deep(&source) {
        return Err(fail(
            source,
            diag(
                "toml-nesting",
                &format!("嵌套层数超过 {MAX_NESTING} 层"),
                "计划文件不需要这么深的方括号或花括号嵌套，请检查是否多写了括号",
                Some(at..at + 1),
            ),
        ));
    }
    let table = match DeTable::parse(&source) {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let d = match super::typos::recognise(&source, at) {
                Some(t) => diag("toml-syntax", &t.message, &t.hint, Some(t.span)),
                None => diag(
                    "toml-syntax",
                    &format!("TOML 格式错误：{}", e.message().trim()),
                    "检查这一行：文字要用英文双引号括起来，键和值之间用“=”，方括号和引号要成对，同一个键不能写两次",
                    e.span(),
                ),
            };
            return Err(fail(source, d));
        }
    };
    let spans = SpanIndex::build(table.get_ref());
    let result = money::with_source(&source, || {
        T::deserialize(toml::de::Deserializer::from(table))
    });
    match result {
        Ok(value) => Ok(Parsed {
            name: name.to_string(),
            source,
            value,
            spans,
        }),
        Err(e) => {
            let d = serde_diag(e.message(), e.span());
            Err(fail(source, d))
        }
    }
}

/// Position of the first bracket nested deeper than `MAX_NESTING`, outside strings and comments.
fn too_deep(src: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut escaped = false;
    for (i, c) in src.char_indices() {
        if comment {
            comment = c != '\n';
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || c == '\n' {
                // Multi-line strings may make this scan approximate; it only needs to be
                // generous, since real plans are shallow.
                quote = None;
            }
            continue;
        }
        match c {
            '#' => comment = true,
            '"' | '\'' => quote = Some(c),
            '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn diag(
    code: &'static str,
    message: &str,
    hint: &str,
    span: Option<std::ops::Range<usize>>,
) -> Diag {
    Diag {
        code,
        severity: Severity::Error,
        message: message.to_string(),
        hint: hint.to_string(),
        span,
        path: None,
    }
}

/// Turns a serde error message into a Chinese diagnostic with a did-you-mean where possible.
fn serde_diag(message: &str, span: Option<std::ops::Range<usize>>) -> Diag {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (got, expected) = split_expected(rest);
        let mut hint = suggestion(&got, &expected);
        if !expected.is_empty() {
            hint.push_str(&format!("此处可用的键：{}", labelled(&expected)));
        }
        return diag("toml-unknown-key", &format!("未知的键“{got}”"), &hint, span);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (got, expected) = split_expected(rest);
        let mut hint = suggestion(&got, &expected);
        hint.push_str(&format!("可选的值：{}", expected.join("、")));
        return diag("toml-value", &format!("“{got}”不是可选的值"), &hint, span);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim_matches('`').to_string();
        let label = field_label(&key)
            .map(|l| format!("（{l}）"))
            .unwrap_or_default();
        return diag(
            "toml-missing-key",
            &format!("缺少必填项“{key}”{label}"),
            &format!("在这张表里加上一行 {key} = …"),
            span,
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return diag(
            "toml-type",
            &format!(
                "类型不对：这里写的是{}，应为{}",
                kind_zh(found),
                kind_zh(expected)
            ),
            "文字要加英文双引号，数字和日期不加引号，列表写成 [\"甲\", \"乙\"]",
            span,
        );
    }
    if message.starts_with("invalid value: ") || message.starts_with("invalid length ") {
        return diag(
            "toml-value",
            &format!("取值不对：{message}"),
            "对照 docs/plan-format.md 中的计划格式检查此处",
            span,
        );
    }
    // Our own deserialisers (money, dates, 文号) already speak Chinese.
    diag(
        "toml-value",
        message,
        "对照 docs/plan-format.md 中的计划格式检查此处",
        span,
    )
}

/// Splits "`got`, expected one of `a`, `b`" into ("got", ["a", "b"]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (got, tail) = rest.split_once(", expected").unwrap_or((rest, ""));
    let got = got.trim().trim_matches('`').to_string();
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    (got, expected)
}

/// "是不是“amount”？" for a near miss, or the key for a Chinese label typed as a key.
fn suggestion(got: &str, expected: &[String]) -> String {
    if let Some(k) = expected.iter().find(|k| field_label(k) == Some(got)) {
        return format!("“{got}”请写作 {k}。");
    }
    match crate::textsim::closest(got, expected.iter().map(String::as_str)) {
        Some(k) => format!("是不是“{k}”？"),
        None => String::new(),
    }
}

fn labelled(keys: &[String]) -> String {
    keys.iter()
        .map(|k| match field_label(k) {
            Some(l) => format!("{k}（{l}）"),
            None => k.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Serde's type words in Chinese.
fn kind_zh(s: &str) -> String {
    let s = s.trim();
    let table = [
        ("string", "文本"),
        ("a string", "文本"),
        ("integer", "整数"),
        ("i32", "整数"),
        ("i64", "整数"),
        ("u16", "整数"),
        ("u32", "整数"),
        ("floating point", "小数"),
        ("boolean", "true 或 false"),
        ("a boolean", "true 或 false"),
        ("sequence", "列表"),
        ("a sequence", "列表"),
        ("map", "表"),
        ("a map", "表"),
    ];
    for (en, zh) in table {
        if s == en {
            return zh.to_string();
        }
        if let Some(rest) = s.strip_prefix(en)
            && rest.starts_with(' ')
        {
            return format!("{zh} {}", rest.trim());
        }
    }
    if s.starts_with("struct ") {
        return "表".to_string();
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_found_outside_strings() {
        let deep = format!("a = {}", "[".repeat(MAX_NESTING + 1));
        assert!(too_deep(&deep).is_some());
        let quoted = format!("a = \"{}\"", "[".repeat(500));
        assert!(too_deep(&quoted).is_none());
    }

    #[test]
    fn unknown_key_suggests_the_near_one() {
        let d = serde_diag(
            "unknown field `amout`, expected one of `name`, `amount`",
            None,
        );
        assert_eq!(d.code, "toml-unknown-key");
        assert!(d.hint.contains("是不是“amount”"), "{}", d.hint);
    }

    #[test]
    fn chinese_label_as_key_is_mapped() {
        let d = serde_diag(
            "unknown field `责任领导`, expected one of `name`, `leader`",
            None,
        );
        assert!(d.hint.contains("请写作 leader"), "{}", d.hint);
    }
}
