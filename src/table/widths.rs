//! Default column widths: each field's usual share, widened until its title wraps without a
//! lone character on its last line ("规划投/资", "序/号") and a column of values that are never
//! broken (dates, amounts, names) holds its longest on one line ("2024年3/月1日" before). The figures are the annex
//! template's (templates/annex.typ): the landscape block is 225 mm wide and a header cell
//! sets 9 pt characters between insets of 3 pt. (Lengths, not money: f64 is right here.)

use crate::plan::ColumnSpec;

const BLOCK_PT: f64 = 225.0 * 72.0 / 25.4;
const INSET_PT: f64 = 3.0;
const CHAR_PT: f64 = 9.0;

/// Full-width characters a column of relative width `w` (of `total`) holds on one line.
fn per_line(w: u32, total: u32) -> usize {
    let text = BLOCK_PT * f64::from(w) / f64::from(total) - 2.0 * INSET_PT;
    (text / CHAR_PT).floor().max(0.0) as usize
}

/// A title of `n` characters, `k` to a line, ends on a line of one character.
fn lone(n: usize, k: usize) -> bool {
    n > 1 && (k <= 1 || n % k == 1)
}

/// The widest value a column of whole values may be widened for (characters): past it, the
/// column's share would starve the text columns.
const MOST_WHOLE: f64 = 8.0;

/// A text's width in full-width characters (ASCII half).
pub(crate) fn chars_wide(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// The widths of `specs`: a width the plan gives is kept; the others start at their field's
/// usual width and grow, one at a time, until no title ends on a lone character and each
/// column's `whole` (its longest value that is never broken, in characters; 0 for a column
/// of running text) fits on a line.
pub(crate) fn settle(specs: &[ColumnSpec], whole: &[f64]) -> Vec<u32> {
    let mut w: Vec<u32> = specs
        .iter()
        .map(|s| s.width.unwrap_or(s.column.width()))
        .collect();
    // Each step widens one column by one; a title never needs more than its length.
    for _ in 0..specs.len() * 40 {
        let total: u32 = w.iter().sum();
        let crowded = (0..w.len()).find(|&i| {
            let fits = per_line(w[i], total) as f64
                >= whole.get(i).copied().unwrap_or(0.0).min(MOST_WHOLE);
            specs[i].width.is_none()
                && (lone(specs[i].title().chars().count(), per_line(w[i], total)) || !fits)
        });
        match crowded {
            Some(i) => w[i] += 1,
            None => break,
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Column, ColumnSpec};

    #[test]
    fn the_ebian_titles_wrap_without_a_lone_character() {
        let specs: Vec<ColumnSpec> = Column::DEFAULT
            .iter()
            .cloned()
            .map(ColumnSpec::of)
            .collect();
        let w = settle(&specs, &[]);
        // 序号, 规划投资 and 责任领导 printed as "序/号", "规划投/资", "责任领/导" at 3, 5, 5.
        assert_eq!(w, [4, 12, 16, 6, 6, 6, 6, 7, 16, 7]);
        let total: u32 = w.iter().sum();
        for (s, w) in specs.iter().zip(&w) {
            assert!(
                !lone(s.title().chars().count(), per_line(*w, total)),
                "{}",
                s.title()
            );
        }
    }

    #[test]
    fn a_width_the_plan_gives_is_kept() {
        let mut s = ColumnSpec::of(Column::Amount);
        s.title = Some("东西部协作资金".into());
        let free = settle(&[ColumnSpec::of(Column::Name), s.clone()], &[]);
        let total: u32 = free.iter().sum();
        assert!(!lone(7, per_line(free[1], total)), "{free:?}");
        s.width = Some(3);
        assert_eq!(
            settle(&[ColumnSpec::of(Column::Name), s], &[0.0, 20.0])[1],
            3
        );
    }
}
