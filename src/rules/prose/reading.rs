//! What a typed figure is about, and whether that reading is certain.
//!
//! A figure is read against the names its sentence holds before it (categories, funding
//! sources, projects, allocation lines) and the words between the last of them and the
//! figure (the gap). Every thing the sentence could mean is a referent; the figure is clean
//! when it equals any of them. The reading is *certain* only when exactly one thing is meant:
//! one name, or a closed list "A、B，共…" read as their sum, with nothing in the gap but
//! neutral words (安排, 规划资金, 共计, figures of another kind …). A gap that widens the scope
//! (谋划, 带动, 累计, 其中 …) leaves the figure alone; a list left open (等), 分别, a name that
//! is also the start of another kind's name (东西部协作 / 东西部协作资金), unknown words in
//! the gap, or no name at all make the reading unsure: a mismatch is then only a warning.

use std::ops::Range;

use super::scan::{Typed, What};
use words::{NEUTRAL, OTHER_SCOPE, WHOLE, WIDER};

mod words;

/// Something prose can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A category, by its index in `PlanFile::groups`.
    Group(usize),
    /// A funding source of the plan, by index.
    Source(usize),
    /// A project, by its index in `PlanFile::projects`.
    Project(usize),
    /// An allocation line, by index.
    Allocation(usize),
}

impl Named {
    fn kind(self) -> u8 {
        match self {
            Named::Group(_) => 0,
            Named::Source(_) => 1,
            Named::Project(_) => 2,
            Named::Allocation(_) => 3,
        }
    }
}

/// A name prose may use, with the things of other kinds whose names it begins or that begin
/// it: a sentence naming it may mean those as well.
#[derive(Debug, Clone)]
pub struct Name<'a> {
    pub text: &'a str,
    pub named: Named,
    pub akin: Vec<Named>,
}

/// Each name with its akin names filled in (only sources, categories and allocations are
/// compared across kinds: a project's name holds its category's words far too often).
pub fn names<'a>(list: Vec<(&'a str, Named)>) -> Vec<Name<'a>> {
    let crossing: Vec<(&str, Named)> = list
        .iter()
        .filter(|(_, n)| !matches!(n, Named::Project(_)))
        .copied()
        .collect();
    list.into_iter()
        .filter(|(t, _)| !t.is_empty())
        .map(|(text, named)| {
            let akin = crossing
                .iter()
                .filter(|(t, n)| {
                    n.kind() != named.kind() && (t.starts_with(text) || text.starts_with(t))
                })
                .map(|(_, n)| *n)
                .collect();
            Name { text, named, akin }
        })
        .collect()
}

/// Where a name stands in a text.
#[derive(Debug, Clone)]
pub struct Occ {
    pub at: Range<usize>,
    /// Index into the names.
    pub name: usize,
}

/// Every name in `text`, leftmost-longest, none overlapping.
pub fn occurrences(text: &str, names: &[Name]) -> Vec<Occ> {
    let mut all: Vec<Occ> = names
        .iter()
        .enumerate()
        .flat_map(|(i, n)| {
            text.match_indices(n.text).map(move |(p, _)| Occ {
                at: p..p + n.text.len(),
                name: i,
            })
        })
        .collect();
    all.sort_by_key(|o| (o.at.start, std::cmp::Reverse(o.at.end)));
    let mut out: Vec<Occ> = Vec::new();
    for o in all {
        if out.last().is_none_or(|l| o.at.start >= l.at.end) {
            out.push(o);
        }
    }
    out
}

/// What a figure may be compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Referent {
    /// The text's scope: the plan, or the category whose intro it is.
    Scope,
    One(Named),
    /// The sum of the things a list names.
    Sum(Vec<Named>),
    /// A project's 总投资.
    TotalInvestment(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub referents: Vec<Referent>,
    pub certain: bool,
}

fn same_kind(a: What, b: What) -> bool {
    matches!(
        (a, b),
        (What::Money(_), What::Money(_)) | (What::Share(_), What::Share(_))
    ) || a == b
}

/// The reading of `fig` in `text` (`None`: it is about something the plan does not hold).
/// `occs` are the names in `text`; `figs` every figure typed in it; `extra` more neutral
/// words (the programme's name, the summary's share words).
pub fn read(
    text: &str,
    fig: &Typed,
    figs: &[Typed],
    occs: &[Occ],
    names: &[Name],
    extra: &[&str],
) -> Option<Reading> {
    let start = fig.at.start - fig.before.len();
    let in_sentence: Vec<&Occ> = occs
        .iter()
        .filter(|o| o.at.start >= start && o.at.end <= fig.at.start)
        .collect();
    // A name before a figure of the same kind was that figure's.
    let spent = figs
        .iter()
        .filter(|f| f.at.start >= start && f.end <= fig.at.start && same_kind(f.what, fig.what))
        .map(|f| f.end)
        .max()
        .unwrap_or(start);
    let fresh: Vec<&Occ> = in_sentence
        .iter()
        .copied()
        .filter(|o| o.at.start >= spent)
        .collect();
    let neutral = |from: usize| neutral(text, from..fig.at.start, fig, figs, extra);
    // After the last name (or from the sentence's start), 其中 makes the figure a part of what
    // came before, and words of another scope take it out of the plan.
    let tail = &text[in_sentence.last().map_or(start, |o| o.at.end)..fig.at.start];
    if OTHER_SCOPE.iter().any(|w| tail.contains(w)) {
        return None;
    }
    let Some(last) = fresh.last() else {
        if OTHER_SCOPE
            .iter()
            .any(|w| text[spent..fig.at.start].contains(w))
        {
            return None;
        }
        if in_sentence.is_empty() {
            return whole(text, start, fig, neutral);
        }
        return Some(spent_names(&in_sentence, names));
    };
    let gap = &text[last.at.end..fig.at.start];
    let list = listed(text, &fresh, names);
    let open = gap.trim_start().starts_with('等');
    let each = gap.contains("分别");
    let plain = neutral(last.at.end) && !open && !each;
    let name = &names[last.name];
    let mut referents = Vec::new();
    let certain = if list.len() == 1 {
        referents.push(match (gap.contains("总投资"), name.named) {
            (false, n) => Referent::One(n),
            (true, Named::Project(i)) => Referent::TotalInvestment(i),
            (true, _) => return None,
        });
        if matches!(fig.what, What::Money(_)) {
            referents.extend(name.akin.iter().map(|n| Referent::One(*n)));
        }
        plain && referents.len() == 1
    } else if each {
        referents.extend(list.iter().map(|o| Referent::One(names[o.name].named)));
        false
    } else {
        referents.push(Referent::Sum(named(&list, names)));
        plain && is_whole(gap)
    };
    if open || !certain && list.len() > 1 {
        referents.push(Referent::Scope);
    }
    Some(Reading { referents, certain })
}

/// Names spent on earlier figures of the sentence, then this one: a total of them, or of the
/// scope, or one of them — unsure.
fn spent_names(in_sentence: &[&Occ], names: &[Name]) -> Reading {
    let mut referents = vec![Referent::Scope, Referent::Sum(named(in_sentence, names))];
    referents.extend(
        in_sentence
            .iter()
            .map(|o| Referent::One(names[o.name].named)),
    );
    Reading {
        referents,
        certain: false,
    }
}

/// A figure with no name before it in its sentence: the scope, when a word for the whole
/// says so (certain when nothing but neutral words follow that word and nothing wider comes
/// before it); a count with no such word counts the scope, unsure; an amount or a share
/// with neither is about something unnamed.
fn whole(
    text: &str,
    start: usize,
    fig: &Typed,
    neutral: impl Fn(usize) -> bool,
) -> Option<Reading> {
    let before = &text[start..fig.at.start];
    let at = whole_at(before).map(|p| start + p);
    let certain = match at {
        Some(p) => neutral(p) && !WIDER.iter().any(|w| text[start..p].contains(w)),
        None if matches!(fig.what, What::Projects | What::Categories) => false,
        None => return None,
    };
    Some(Reading {
        referents: vec![Referent::Scope],
        certain,
    })
}

/// Where the last word for the whole in `s` starts ("共" alone too, but not in 公共).
fn whole_at(s: &str) -> Option<usize> {
    let word = WHOLE.iter().filter_map(|w| s.rfind(w)).max();
    let gong = s
        .rmatch_indices('共')
        .map(|(p, _)| p)
        .find(|p| !s[..*p].ends_with('公'));
    word.max(gong)
}

fn is_whole(gap: &str) -> bool {
    whole_at(gap).is_some()
}

/// The names of a list ending with the last of `fresh` ("产业合作、消费帮扶"): names of one
/// kind joined by 、和及与 (a 项目 or 类 between them aside).
fn listed<'o>(text: &str, fresh: &[&'o Occ], names: &[Name]) -> Vec<&'o Occ> {
    let mut list = vec![*fresh.last().expect("not empty")];
    for pair in fresh.windows(2).rev() {
        let (a, b) = (pair[0], pair[1]);
        let between = strip_words(&text[a.at.end..b.at.start]);
        let joins = ["、", "和", "及", "与", "以及", "、以及"].contains(&between);
        if !joins || names[a.name].named.kind() != names[b.name].named.kind() {
            break;
        }
        list.push(a);
    }
    list.reverse();
    list
}

/// `s` without the 项目, 类 or 资金 that may close a listed name or open the next.
fn strip_words(mut s: &str) -> &str {
    const WORDS: [&str; 3] = ["项目", "类", "资金"];
    while let Some(w) = WORDS.iter().find(|w| s.starts_with(**w)) {
        s = &s[w.len()..];
    }
    while let Some(w) = WORDS.iter().find(|w| s.ends_with(**w)) {
        s = &s[..s.len() - w.len()];
    }
    s
}

fn named(occs: &[&Occ], names: &[Name]) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for o in occs {
        let n = names[o.name].named;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Whether `range` of `text` holds only neutral words, the `extra` ones, and figures of
/// another kind than `fig` with their units.
fn neutral(text: &str, range: Range<usize>, fig: &Typed, figs: &[Typed], extra: &[&str]) -> bool {
    let mut i = range.start;
    'next: while i < range.end {
        if let Some(f) = figs
            .iter()
            .find(|f| f.at.start == i && f.end <= range.end && !same_kind(f.what, fig.what))
        {
            i = f.end;
            continue;
        }
        let rest = &text[i..range.end];
        let longest = NEUTRAL
            .iter()
            .chain(extra)
            .filter(|w| !w.is_empty() && rest.starts_with(**w))
            .map(|w| w.len())
            .max();
        if let Some(n) = longest {
            i += n;
            continue 'next;
        }
        return false;
    }
    true
}

#[cfg(test)]
mod tests;
