//! What reaches the terminal. Every line the commands print goes through [`Safe`], which
//! shows a control or bidirectional character as a visible one: text from a file (a cell, a
//! plan, a manifest) can then neither clear the screen, set the window title, ring the bell
//! nor reorder what is shown.

use std::io::{self, Write};

use crate::diag::shown;

/// A writer that passes text on with its control and bidi characters made visible.
pub(crate) struct Safe<W: Write>(pub W);

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Formatting hands over whole `str` pieces; bytes that are not UTF-8 show as U+FFFD.
        self.0
            .write_all(shown(&String::from_utf8_lossy(buf)).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

pub(crate) fn stdout() -> Safe<io::StdoutLock<'static>> {
    Safe(io::stdout().lock())
}

pub(crate) fn stderr() -> Safe<io::Stderr> {
    Safe(io::stderr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_as_visible_characters() {
        let mut out = Safe(Vec::new());
        writeln!(out, "单元格“\u{1b}]0;title\u{7}\u{1b}[2J\u{0}\u{202E}反”").unwrap();
        let text = String::from_utf8(out.0).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains('\u{202E}'));
        assert!(text.ends_with("反”\n"));
    }
}
