//! Human output: `file:line:col`, code, message, the source line with a caret, and a hint.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use super::{FileReport, Severity};

/// Renders a report as plain text.
pub fn render_human(report: &FileReport) -> String {
    let file = SimpleFile::new(report.name.as_str(), report.source.as_str());
    let config = Config::default();
    let mut out = String::new();
    for d in &report.diags {
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
        };
        let mut diag = Diagnostic::new(severity)
            .with_code(d.code)
            .with_message(&d.message);
        let mut notes = Vec::new();
        match &d.span {
            Some(span) => {
                let span = clamp(span.clone(), report.source.len());
                diag = diag.with_labels(vec![
                    Label::primary((), span).with_message(d.severity.label()),
                ]);
            }
            None => notes.push(format!("文件：{}", report.name)),
        }
        if !d.hint.is_empty() {
            notes.push(format!("提示：{}", d.hint));
        }
        diag = diag.with_notes(notes);
        // Rendering only fails on a span outside the file, which `clamp` rules out; keep a
        // plain line rather than lose the finding.
        if term::emit_to_string(&mut out, &config, &file, &diag).is_err() {
            out.push_str(&format!(
                "{}[{}]: {}\n",
                d.severity.label(),
                d.code,
                d.message
            ));
        }
    }
    out
}

fn clamp(span: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    let start = span.start.min(len);
    start..span.end.clamp(start, len)
}
