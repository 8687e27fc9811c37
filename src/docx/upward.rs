//! A 上行文's 文号 line (GB/T 9704 §7.2.6): "签发人：" in the body face and the names in 楷体,
//! ending one character from the right; the 文号 one character in from the left on the line
//! of the last names; earlier lines of names above it, aligned under the first name.

use docx_rs::{AlignmentType, LineSpacing, Paragraph, Run, RunFonts, Tab, TabValueType};

use super::{BLOCK_W, CELL};

const LEAD: &str = "签发人：";

/// The paragraphs of the 文号 line, top to bottom: `number` is the 文号's own paragraph (its
/// style and rule set by the caller), `lines` the names two to a line; the first paragraph
/// stands `before` below the one above it, every next one a line of `spacing` below.
pub(super) fn number_lines(
    number: Paragraph,
    lines: &[String],
    kai: RunFonts,
    spacing: LineSpacing,
    before: u32,
) -> Vec<Paragraph> {
    let names = |t: &str| Run::new().add_text(t).fonts(kai.clone());
    // The names' column starts where the widest line of names leaves room for it.
    let width = |s: &str| -> i32 {
        s.chars()
            .map(|c| if c.is_ascii() { CELL / 2 } else { CELL })
            .sum()
    };
    let widest = lines.iter().map(|l| width(l)).max().unwrap_or(0);
    let right = BLOCK_W as i32 - CELL;
    let column = (right - widest).max(0);
    let lead = width(LEAD);
    let mut out: Vec<Paragraph> = lines[..lines.len().saturating_sub(1)]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let gap = if i == 0 { before } else { 0 };
            let p = Paragraph::new()
                .align(AlignmentType::Left)
                .line_spacing(spacing.clone().before(gap));
            let p = if i == 0 {
                p.add_run(Run::new().add_text(LEAD))
                    .indent(Some(column - lead), None, None, None)
            } else {
                p.indent(Some(column), None, None, None)
            };
            p.add_run(names(l))
        })
        .collect();
    let last = lines.last().map_or("", String::as_str);
    let lead_run = if lines.len() == 1 { LEAD } else { "" };
    // The 文号 one character in; a left tab to where the lead starts (or the names' column).
    // (Tab stops are measured from the margin, not the indent.)
    let stop = if lead_run.is_empty() {
        column
    } else {
        column - lead
    };
    let gap = if out.is_empty() { before } else { 0 };
    out.push(
        number
            .align(AlignmentType::Left)
            .line_spacing(spacing.before(gap))
            .indent(Some(CELL), None, None, None)
            .add_tab(Tab::new().val(TabValueType::Left).pos(stop.max(0) as usize))
            .add_run(Run::new().add_tab().add_text(lead_run))
            .add_run(names(last)),
    );
    out
}
