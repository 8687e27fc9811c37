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

    #[test]
    fn columns_count_characters() {
        let src = "a = 1\n名 = \"峡边\"\n";
        let off = src.find("峡").unwrap();
        assert_eq!(line_col(src, off), (2, 6));
    }
}
