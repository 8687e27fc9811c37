//! Machine output: a stable JSON array, one object per finding.

use serde::Serialize;

use super::{FileReport, Severity, line_col};

/// The JSON shape of a finding. Field names and order are part of the interface.
#[derive(Debug, Serialize)]
pub struct JsonDiag<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub hint: &'a str,
    pub path: Option<&'a str>,
}

pub(crate) fn to_json<'a>(reports: &'a [FileReport]) -> Vec<JsonDiag<'a>> {
    let mut out = Vec::new();
    for r in reports {
        for d in &r.diags {
            let (start, end) = d
                .span
                .as_ref()
                .map_or((0, 0), |s| (s.start, s.end.max(s.start)));
            let (line, column) = line_col(&r.source, start);
            let (end_line, end_column) = line_col(&r.source, end);
            out.push(JsonDiag {
                file: &r.name,
                line,
                column,
                end_line,
                end_column,
                code: d.code,
                severity: d.severity,
                message: &d.message,
                hint: &d.hint,
                path: d.path.as_deref(),
            });
        }
    }
    out
}
