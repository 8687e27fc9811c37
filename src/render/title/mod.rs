//! Breaking a 2号 title into lines by meaning (GB/T 9704 §7.3.1: 词意完整、排列对称、长短适宜,
//! 梯形或菱形).
//!
//! Titles are mostly an issuer's name, 关于, a verb (印发, 转发, 下达), another document's
//! name and 的 + the genre (通知, 意见…). A break may go at a joint between phrases — after the
//! issuer, before 关于, after the verb, around a year or a 《》 name, at punctuation — and
//! never inside a word of the plan's own names (the county, the programme, the projects, the
//! 文号) or a fixed word; only when no such split fits the line, at any joint that cuts no
//! word or number. Among the fewest lines, the split wins that is even, breaks at the stronger
//! joints, and makes a trapezoid or a diamond: never an hourglass (a middle line shorter than
//! the lines around it) nor a lone "的通知".

#[cfg(test)]
mod tests;
mod words;

use words::{BREAK_AFTER, BREAK_BEFORE, ISSUER_ENDS, PROTECTED};

/// The plan's own names a title is never broken inside: the county (the issuer's name up to
/// its 县, 市 or 区), the issuer, the programme, the 文号, the categories and projects.
pub(crate) fn names_of(file: &crate::plan::PlanFile) -> Vec<String> {
    let n = &file.notice;
    let county = n
        .issuer
        .char_indices()
        .find(|(_, c)| "县市区".contains(*c))
        .map(|(i, c)| n.issuer[..i + c.len_utf8()].to_string());
    let mut out: Vec<String> = [
        n.issuer.clone(),
        file.plan.program.clone(),
        n.doc_number.text.clone(),
    ]
    .into_iter()
    .chain(county)
    .collect();
    out.extend(file.groups().iter().map(|g| g.category.name.clone()));
    out.extend(file.projects().iter().map(|p| p.project.name.clone()));
    out.retain(|s| !s.is_empty());
    out
}

/// Width of a character in half-character units (CJK 2, ASCII 1).
fn char_units(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// Width of a text in half-character units.
fn units(chars: &[char]) -> usize {
    chars.iter().map(|&c| char_units(c)).sum()
}

/// Splits `title` into lines no wider than `max_chars` full-width characters, never inside
/// one of `names` (the plan's own: its county, programme, projects, 文号).
pub(crate) fn balance(title: &str, max_chars: usize, names: &[String]) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let max_units = max_chars * 2;
    if units(&chars) <= max_units || chars.len() < 2 {
        return vec![title.to_string()];
    }
    if let Some(best) = best_split(&chars, &joints(&chars, names, max_chars), max_units) {
        return cut(&chars, &best);
    }
    // A title that cannot be split anywhere allowed: break by width alone.
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for c in chars {
        let cw = char_units(c);
        if w + cw > max_units {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        line.push(c);
        w += cw;
    }
    lines.push(line);
    lines
}

/// How good a place to break a joint is, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Joint {
    /// Between the issuer and 关于.
    Issuer,
    /// Between phrases: after 关于 or its verb, around a year, a 《》 name or punctuation,
    /// before 的 and the genre.
    Phrase,
    /// Between two characters of no word.
    Plain,
}

impl Joint {
    /// What breaking here costs, against evenness (in squared half-characters).
    fn cost(self) -> u64 {
        match self {
            Joint::Issuer => 0,
            Joint::Phrase => 120,
            Joint::Plain => 3000,
        }
    }
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    chars.len() >= at + w.len() && chars[at..at + w.len()] == w[..]
}

fn ends_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let n = word.chars().count();
    at >= n && starts_with_at(chars, at - n, word)
}

/// Every place a break may go (character indices), with how good it is.
fn joints(chars: &[char], names: &[String], max_chars: usize) -> Vec<(usize, Joint)> {
    // A name longer than a line must break somewhere: only the shorter ones are kept whole.
    let words = PROTECTED.iter().copied().chain(["年度"]).chain(
        names
            .iter()
            .map(String::as_str)
            .filter(|n| (2..max_chars).contains(&n.chars().count())),
    );
    let mut inside = vec![false; chars.len() + 1];
    for w in words {
        let n = w.chars().count();
        for at in 0..chars.len() {
            if starts_with_at(chars, at, w) {
                inside[at + 1..at + n].iter_mut().for_each(|x| *x = true);
            }
        }
    }
    (1..chars.len())
        .filter(|&at| {
            let (a, b) = (chars[at - 1], chars[at]);
            let number = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
            let year = b == '年' && a.is_ascii_digit();
            let marks = "，。、；：？！）》”’〕".contains(b) || "（《“‘〔".contains(a);
            !(number || year || marks || inside[at])
        })
        .map(|at| {
            let issuer = starts_with_at(chars, at, "关于")
                && ISSUER_ENDS.iter().any(|w| ends_with_at(chars, at, w));
            let phrase = BREAK_AFTER.iter().any(|w| ends_with_at(chars, at, w))
                || BREAK_BEFORE.iter().any(|w| starts_with_at(chars, at, w));
            let kind = if issuer {
                Joint::Issuer
            } else if phrase {
                Joint::Phrase
            } else {
                Joint::Plain
            };
            (at, kind)
        })
        .collect()
}

/// The best split into the fewest lines (up to two more when none fits), using only `joints`.
fn best_split(chars: &[char], joints: &[(usize, Joint)], max_units: usize) -> Option<Vec<usize>> {
    let total = units(chars);
    let min_lines = total.div_ceil(max_units);
    let mut prefix = vec![0; chars.len() + 1];
    for (i, &c) in chars.iter().enumerate() {
        prefix[i + 1] = prefix[i] + char_units(c);
    }
    let width = |from: usize, to: usize| prefix[to] - prefix[from];
    // Fewest lines first, unless one more line lets the breaks fall between phrases: each
    // line past the fewest costs what a break inside a phrase does, less a little.
    let mut best: Option<(u64, Vec<usize>)> = None;
    // (Two more lines only when nothing fits in fewer.)
    for lines in min_lines..=min_lines + 2 {
        if lines == min_lines + 2 && best.is_some() {
            break;
        }
        let extra = (lines - min_lines) as u64 * EXTRA_LINE;
        if best.as_ref().is_some_and(|(c, _)| *c <= extra) {
            break;
        }
        let found = if lines <= MAX_SEARCHED_LINES && joints.len() <= MAX_SEARCHED_JOINTS {
            searched(chars.len(), joints, &width, max_units, total, lines)
        } else {
            // Too many to search: phrase joints if they do, else any (by evenness alone).
            [Joint::Phrase, Joint::Plain]
                .into_iter()
                .find_map(|weakest| {
                    let stops: Vec<usize> = joints
                        .iter()
                        .filter(|j| j.1 <= weakest)
                        .map(|j| j.0)
                        .chain([chars.len()])
                        .collect();
                    let cuts = even_split(&stops, &width, max_units, total, lines)?;
                    let kinds: Vec<Joint> = cuts
                        .iter()
                        .filter_map(|c| joints.iter().find(|j| j.0 == *c).map(|j| j.1))
                        .collect();
                    Some((split_cost(chars.len(), &cuts, &kinds, &width, total), cuts))
                })
        };
        if let Some((cost, cuts)) = found
            && best.as_ref().is_none_or(|(c, _)| cost + extra < *c)
        {
            best = Some((cost + extra, cuts));
        }
    }
    best.map(|(_, cuts)| cuts)
}

/// What a line more than the fewest costs (less than a break inside a phrase).
const EXTRA_LINE: u64 = 1500;

/// Titles of more lines, or of more joints, than this are split by evenness alone (a search
/// over combinations of 150 joints would not end).
const MAX_SEARCHED_LINES: usize = 4;
const MAX_SEARCHED_JOINTS: usize = 80;

/// Every split into exactly `lines` lines: the one of least cost — unevenness, the joints'
/// costs, and the shape's (an hourglass, or a last line of three characters or fewer).
fn searched(
    len: usize,
    joints: &[(usize, Joint)],
    width: &dyn Fn(usize, usize) -> usize,
    max_units: usize,
    total: usize,
    lines: usize,
) -> Option<(u64, Vec<usize>)> {
    let mut best: Option<(u64, Vec<usize>)> = None;
    let mut go = |ks: &[usize]| {
        let cuts: Vec<usize> = ks.iter().map(|&k| joints[k].0).collect();
        let kinds: Vec<Joint> = ks.iter().map(|&k| joints[k].1).collect();
        let last = cuts.last().copied().unwrap_or(0);
        if width(last, len) > max_units {
            return;
        }
        let cost = split_cost(len, &cuts, &kinds, width, total);
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, cuts));
        }
    };
    let walk = Walk {
        joints,
        width,
        max_units,
    };
    walk.each(0, 0, lines - 1, &mut Vec::with_capacity(lines), &mut go);
    best
}

/// The combinations of joints whose lines (all but the last) fit, each handed on.
struct Walk<'a> {
    joints: &'a [(usize, Joint)],
    width: &'a dyn Fn(usize, usize) -> usize,
    max_units: usize,
}

impl Walk<'_> {
    fn each(
        &self,
        from: usize,
        start: usize,
        left: usize,
        pick: &mut Vec<usize>,
        go: &mut dyn FnMut(&[usize]),
    ) {
        if left == 0 {
            go(pick);
            return;
        }
        for (k, &(at, _)) in self.joints.iter().enumerate().skip(from) {
            if (self.width)(start, at) > self.max_units {
                break;
            }
            pick.push(k);
            self.each(k + 1, at, left - 1, pick, go);
            pick.pop();
        }
    }
}

/// A split's cost: unevenness (squared, in half-characters), its joints' and its shape's.
fn split_cost(
    len: usize,
    cuts: &[usize],
    kinds: &[Joint],
    width: &dyn Fn(usize, usize) -> usize,
    total: usize,
) -> u64 {
    let lines = cuts.len() + 1;
    let bounds: Vec<usize> = [0]
        .into_iter()
        .chain(cuts.iter().copied())
        .chain([len])
        .collect();
    let widths: Vec<usize> = bounds.windows(2).map(|w| width(w[0], w[1])).collect();
    let uneven: u64 = widths
        .iter()
        .map(|&w| ((w * lines) as i64 - total as i64).unsigned_abs().pow(2))
        .sum();
    uneven + kinds.iter().map(|k| k.cost()).sum::<u64>() + shape_cost(&widths)
}

/// An hourglass (a middle line two characters or more shorter than both lines around it) or
/// a lone tail of three characters or fewer ("的通知") costs more than any unevenness.
fn shape_cost(widths: &[usize]) -> u64 {
    let hourglass = widths
        .windows(3)
        .any(|w| w[1] + 4 <= w[0] && w[1] + 4 <= w[2]);
    let tail = widths.len() > 1 && widths.last().is_some_and(|&w| w <= 6);
    u64::from(hourglass) * 100_000 + u64::from(tail) * 50_000
}

/// The split into exactly `lines` lines, each ending at one of `stops` (the last is the
/// title's end), that minimises the squared deviations from the mean width.
fn even_split(
    stops: &[usize],
    width: &dyn Fn(usize, usize) -> usize,
    max_units: usize,
    total: usize,
    lines: usize,
) -> Option<Vec<usize>> {
    let n = stops.len();
    let start = |i: usize| if i == 0 { 0 } else { stops[i - 1] };
    // rest[k][i]: least cost of setting the text from start(i) to the end in k lines.
    let mut rest = vec![vec![None::<u128>; n + 1]; lines + 1];
    rest[0][n] = Some(0);
    let cost = |from: usize, to: usize| {
        let w = (width(from, to) * lines) as u128;
        w.abs_diff(total as u128).pow(2)
    };
    for k in 1..=lines {
        for i in (0..n).rev() {
            rest[k][i] = (i..n)
                .take_while(|&j| width(start(i), stops[j]) <= max_units)
                .filter_map(|j| Some(rest[k - 1][j + 1]? + cost(start(i), stops[j])))
                .min();
        }
    }
    rest[lines][0]?;
    // Walk forward, taking the earliest break that keeps the least cost.
    let mut cuts = Vec::with_capacity(lines - 1);
    let mut i = 0;
    for k in (1..=lines).rev() {
        let want = rest[k][i]?;
        let j = (i..n).find(|&j| {
            width(start(i), stops[j]) <= max_units
                && rest[k - 1][j + 1].is_some_and(|r| r + cost(start(i), stops[j]) == want)
        })?;
        if k > 1 {
            cuts.push(stops[j]);
        }
        i = j + 1;
    }
    Some(cuts)
}

/// The lines between the breaks `at`; a space at a break (between two offices' names in a
/// joint title) is dropped, as a line never starts or ends with one.
fn cut(chars: &[char], at: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev = 0;
    for &c in at.iter().chain(std::iter::once(&chars.len())) {
        out.push(chars[prev..c].iter().collect::<String>().trim().to_string());
        prev = c;
    }
    out
}
