//! Human output: `file:line:col`, code, message, the source line with a caret, and a hint.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use super::{FileReport, Severity};

/// What a terminal must not receive raw: control characters (but line breaks and tabs) and
/// the bidirectional controls that reorder what is shown. Each is replaced by a visible
/// character of the same UTF-8 length, so every span still points where it did.
pub(crate) fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if c.is_control() => {
                if c.len_utf8() == 1 {
                    '?'
                } else {
                    '¿'
                }
            }
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                '\u{FFFD}'
            }
            c => c,
        })
        .collect()
}

/// Renders a report as plain text.
pub(crate) fn render_human(report: &FileReport) -> String {
    let source = shown(&report.source);
    let file = SimpleFile::new(report.name.as_str(), source.as_str());
    let config = Config::default();
    let mut out = String::new();
    // The first findings of each code are shown; the rest are counted (a sheet of 100,000
    // rows must not print millions of lines; `--format json` lists every one).
    let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in &report.diags {
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if *n > PER_CODE {
            continue;
        }
        let severity = match d.severity {
            Severity::Error | Severity::Acceptable => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Accepted => CsSeverity::Note,
        };
        let mut diag = Diagnostic::new(severity)
            .with_code(d.code)
            .with_message(shown(&d.message));
        let mut notes = Vec::new();
        match &d.span {
            Some(span) => {
                let span = clamp(span.clone(), source.len());
                diag = diag.with_labels(vec![
                    Label::primary((), span).with_message(d.severity.label()),
                ]);
            }
            None => notes.push(format!("文件：{}", report.name)),
        }
        if !d.hint.is_empty() {
            notes.push(format!("提示：{}", shown(&d.hint)));
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
    for (code, n) in seen.into_iter().filter(|(_, n)| *n > PER_CODE) {
        out.push_str(&format!(
            "……{code} 另有 {} 条未列出（共 {n} 条；--format json 列出全部）\n",
            n - PER_CODE
        ));
    }
    out
}

/// How many findings of one code the human output shows.
const PER_CODE: usize = 20;

fn clamp(span: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    let start = span.start.min(len);
    start..span.end.clamp(start, len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diag;

    /// A flood of one rule's findings prints its first 20 and a count of the rest.
    #[test]
    fn findings_of_one_rule_are_capped_with_a_count() {
        let diag = |i: usize| Diag {
            code: "field-required",
            severity: Severity::Error,
            message: format!("第{i}个"),
            hint: String::new(),
            span: None,
            path: None,
        };
        let report = FileReport {
            name: "p.toml".into(),
            source: String::new(),
            diags: (0..5000).map(diag).collect(),
        };
        let out = render_human(&report);
        assert!(out.contains("第19个") && !out.contains("第20个"), "{out}");
        assert!(
            out.contains("field-required 另有 4980 条未列出（共 5000 条"),
            "{out}"
        );
        assert!(out.lines().count() < 200);
    }

    /// NUL and U+202E reach the terminal as visible characters, the caret still under the value.
    #[test]
    fn control_and_bidi_characters_are_never_printed_raw() {
        let source = "a = 1\nname = \"x\u{0}y\u{202E}z\"\n".to_string();
        let at = source.find('z').unwrap();
        let report = FileReport {
            name: "p.toml".into(),
            source,
            diags: vec![Diag {
                code: "text-invisible-char",
                severity: Severity::Error,
                message: "“x\u{0}y\u{202E}z”中有控制字符".into(),
                hint: String::new(),
                span: Some(at..at + 1),
                path: None,
            }],
        };
        let out = render_human(&report);
        assert!(
            !out.contains('\u{0}') && !out.contains('\u{202E}'),
            "{out:?}"
        );
        assert!(out.contains("x?y\u{FFFD}z"), "{out}");
        assert!(out.contains("p.toml:2:"), "{out}");
    }
}
