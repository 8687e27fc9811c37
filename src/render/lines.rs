//! Body text on the grid: paragraphs broken into lines here and handed to the templates
//! line by line (docs/layout.md, "The grid").
//!
//! GB/T 9704 sets the body on 28 cells a line, and Word on that grid gives every full-width
//! character, punctuation included, one whole cell, hanging a closing mark past the block
//! rather than starting a line with it. Typst's breaker shrinks marks to fit one more
//! character (typst/typst #7643) and cannot give a line-end mark a width that depends on
//! whether it still fits, so lines are broken here, where the grid is exact: a CJK
//! character or mark takes one cell, anything else its advance in the face Typst picks plus
//! the tracking. The templates box every mark to one cell and only justify each line, which
//! then spreads and never shrinks.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::fonts::{FontEnv, Role};

const MM: f64 = 72.0 / 25.4;
/// One cell, in pt: 156 mm / 28.
pub(crate) const CELL: f64 = 156.0 * MM / 28.0;
/// Cells a line.
pub(crate) const CELLS: f64 = 28.0;
/// 3号, the body size, in pt.
const SIZE: f64 = 16.0;
/// Room left at the end of a line holding anything but whole cells (in cells, ≈ 0.9 pt):
/// Typst shapes Latin text with kerning and ligatures, which plain advances do not see.
const SLACK: f64 = 0.06;
/// Typst adds the tracking to every glyph but the last of a shaped run, and a run ends where
/// Chinese meets Latin (or another alphabet's) letters, digits and symbols going with either
/// side: each such meeting costs the (negative) tracking back, in cells.
const RUN_END: f64 = (SIZE - CELL) / CELL;

/// Marks that may not begin a line: set in a one-cell box, glyph to the left.
pub fn closing_mark(c: char) -> bool {
    "，。、；：？！）》」』】〕〗〉”’".contains(c)
}

/// Marks that may not end a line: a one-cell box, glyph to the right.
pub fn opening_mark(c: char) -> bool {
    "（《「『【〔〖〈“‘".contains(c)
}

/// Every character the templates box to one cell ("·" centred; it never begins a line).
pub fn mark(c: char) -> bool {
    closing_mark(c) || opening_mark(c) || c == '·'
}

/// A closing mark whose ink lies in the left half of its cell in the bundled faces, so it
/// may hang past the block (not "？", whose ink is centred).
pub fn hangs(c: char) -> bool {
    closing_mark(c) && c != '？'
}

/// Chinese text: broken between any two characters (marks apart).
fn cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '—' | '…')
}

/// Whether a line may end between `a` and `b`.
pub fn may_break(a: char, b: char) -> bool {
    if b.is_whitespace() {
        return false;
    }
    if a.is_whitespace() {
        return true;
    }
    if closing_mark(b) || opening_mark(a) || b == '·' {
        return false;
    }
    // "——" and "……" are one mark of two cells; Latin words and numbers are not split.
    if a == b && matches!(a, '—' | '…') {
        return false;
    }
    !word(a) || !word(b)
}

/// Latin letters, digits and the like: not broken inside, shaped as runs of their own.
fn word(c: char) -> bool {
    !c.is_whitespace() && !cjk(c) && !mark(c)
}

/// A run of a line in one face.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Span {
    pub text: String,
    /// The heading level whose face it is set in (1 黑体, 2 楷体); 0 the body face.
    pub level: u8,
    /// A single mark set in a one-cell box (at a line's edge, beside another mark, or drawn
    /// narrower than a cell); other marks stay in the text, where nothing shrinks them.
    pub mark: bool,
    /// Where a boxed mark's glyph sits in its cell: "left" (closing marks), "right" (opening
    /// marks, so a narrow glyph hugs what follows) or "center" ("·").
    pub align: &'static str,
    /// A closing mark hanging past the block at the line's end: its box takes no room.
    pub hang: bool,
}

/// Where a mark's glyph sits in its one-cell box.
fn align_of(c: char) -> &'static str {
    if opening_mark(c) {
        "right"
    } else if c == '·' {
        "center"
    } else {
        "left"
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Line {
    pub spans: Vec<Span>,
    /// Spread to the block's width: every line but a paragraph's last.
    pub justify: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A paragraph: its text, for whoever reads the view, and its lines as set. Indents in
/// cells: `indent` the first line's, `hanging` every other line's.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Para {
    pub text: String,
    pub lines: Vec<Line>,
    pub indent: f64,
    pub hanging: f64,
}

/// Breaks paragraphs into lines, caching each character's width.
pub struct Fitter<'a> {
    fonts: &'a FontEnv,
    ems: HashMap<(u8, char), f64>,
}

impl<'a> Fitter<'a> {
    pub fn new(fonts: &'a FontEnv) -> Self {
        Self {
            fonts,
            ems: HashMap::new(),
        }
    }

    /// A character's advance in em, in the face of heading `level` (0 the body), cached.
    fn em(&mut self, level: u8, c: char) -> f64 {
        let fonts = self.fonts;
        *self.ems.entry((level, c)).or_insert_with(|| {
            let role = match level {
                1 => Role::Heading1,
                2 => Role::Heading2,
                _ => Role::Body,
            };
            // A character no face covers is refused by `font-coverage` before rendering.
            fonts.advance(role, c).unwrap_or(1.0)
        })
    }

    /// A character's width in cells, in the face of heading `level` (0 the body).
    pub fn width(&mut self, level: u8, c: char) -> f64 {
        let em = self.em(level, c);
        if mark(c) || em == 1.0 {
            1.0
        } else {
            (em * SIZE + CELL - SIZE) / CELL
        }
    }

    /// A body paragraph of one run, indented two cells.
    pub fn body(&mut self, text: &str) -> Para {
        self.para(&[(text, 0)], 2.0, 0.0)
    }

    /// A paragraph of runs (text, heading level of its face).
    pub(crate) fn para(&mut self, runs: &[(&str, u8)], indent: f64, hanging: f64) -> Para {
        let chars: Vec<(char, u8)> = runs
            .iter()
            .flat_map(|(t, level)| t.chars().map(move |c| (c, *level)))
            .collect();
        let mut lines = Vec::new();
        let mut start = 0;
        loop {
            while start < chars.len() && chars[start].0.is_whitespace() {
                start += 1;
            }
            if start == chars.len() {
                break;
            }
            let room = CELLS - if lines.is_empty() { indent } else { hanging };
            let (end, hang) = self.line_end(&chars, start, room);
            let mut body = end - usize::from(hang);
            while body > start && chars[body - 1].0.is_whitespace() {
                body -= 1;
            }
            let line_chars = &chars[start..body];
            let boxed: Vec<bool> = (0..line_chars.len())
                .map(|i| self.needs_box(line_chars, i))
                .collect();
            lines.push(line(
                line_chars,
                &boxed,
                hang.then(|| chars[end - 1]),
                end < chars.len(),
            ));
            start = end;
        }
        Para {
            text: runs.iter().map(|(t, _)| *t).collect(),
            lines,
            indent,
            hanging,
        }
    }

    /// Whether the mark at `i` of a line must be set in a one-cell box. Inside a line that fits
    /// at its natural width Typst shrinks a full-width mark only at the line's start or end or
    /// next to another mark; elsewhere it keeps its cell as a plain glyph, which is lighter to
    /// lay out. A mark whose face draws it narrower than a cell (楷体's quotes) is boxed too.
    fn needs_box(&mut self, line: &[(char, u8)], i: usize) -> bool {
        let (c, level) = line[i];
        if !mark(c) {
            return false;
        }
        let edge = i == 0 || i + 1 == line.len();
        let beside_mark = |j: Option<usize>| j.and_then(|j| line.get(j)).is_some_and(|n| mark(n.0));
        edge || beside_mark(i.checked_sub(1))
            || beside_mark(Some(i + 1))
            || self.em(level, c) != 1.0
    }

    /// Where the line from `start` ends (exclusive), and whether its last character hangs.
    fn line_end(&mut self, chars: &[(char, u8)], start: usize, room: f64) -> (usize, bool) {
        let (mut x, mut cells_only, mut last_break) = (0.0, true, None);
        // The script of the current run: Some(true) letters, Some(false) Chinese.
        let mut script = None;
        for i in start..chars.len() {
            let (c, level) = chars[i];
            if i > start && may_break(chars[i - 1].0, c) {
                last_break = Some(i);
            }
            let mut w = self.width(level, c);
            let this = if mark(c) {
                None // a box: the run before it is closed by the template
            } else if cjk(c) {
                Some(false)
            } else if c.is_alphabetic() {
                Some(true)
            } else {
                script // digits and symbols join the run they stand in
            };
            if script.is_some() && this.is_some() && script != this {
                w += RUN_END;
            }
            script = this;
            cells_only &= w == 1.0;
            let limit = if cells_only {
                room + 1e-9
            } else {
                room - SLACK
            };
            if x + w <= limit {
                x += w;
                continue;
            }
            // It may hang if the line can end right after it (a space after it is dropped).
            let next_may_break = chars
                .get(i + 1)
                .is_none_or(|n| n.0.is_whitespace() || may_break(c, n.0));
            if hangs(c) && i > start && next_may_break {
                return (i + 1, true);
            }
            return match last_break {
                Some(j) => (j, false),
                // A word longer than the line: cut where it overflows.
                None => (i.max(start + 1), false),
            };
        }
        (chars.len(), false)
    }
}

/// A line from its characters: runs of one face, each boxed mark a span of its own, then the
/// hanging mark if any.
fn line(chars: &[(char, u8)], boxed: &[bool], hanging: Option<(char, u8)>, justify: bool) -> Line {
    let mut spans: Vec<Span> = Vec::new();
    for (&(c, level), &boxed) in chars.iter().zip(boxed) {
        match spans.last_mut() {
            Some(s) if s.level == level && !s.mark && !boxed => s.text.push(c),
            _ => spans.push(Span {
                text: c.to_string(),
                level,
                mark: boxed,
                align: align_of(c),
                hang: false,
            }),
        }
    }
    if let Some((c, level)) = hanging {
        spans.push(Span {
            text: c.to_string(),
            level,
            mark: true,
            align: align_of(c),
            hang: true,
        });
    }
    Line { spans, justify }
}

#[cfg(test)]
mod tests;
