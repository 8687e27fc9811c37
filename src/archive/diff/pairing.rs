//! Which old project, category or allocation line is which new one.

use super::{Change, Kind, change};
use crate::plan::model::PlanFile;
use crate::plan::tree::ProjectAt;

/// A project's place: its index in `PlanFile::projects()`.
pub(super) type Place = usize;

/// An allocation plan's lines, paired by 乡镇（单位）.
pub(super) fn allocations(old: &PlanFile, new: &PlanFile) -> Vec<Change> {
    let (a, b) = (&old.plan.allocations, &new.plan.allocations);
    let u = new.plan.unit.label();
    let line = |x: &crate::plan::Allocation| format!("{}（{}{u}）", x.recipient, x.amount);
    let mut out = Vec::new();
    for o in a {
        let place = format!("资金分配 {}", o.recipient);
        match b.iter().find(|n| n.recipient == o.recipient) {
            None => out.push(change(Kind::Removed, "资金分配", "", &line(o), "")),
            Some(n) => {
                for (label, ov, nv) in [
                    (
                        "分配资金",
                        format!("{}{u}", o.amount),
                        format!("{}{u}", n.amount),
                    ),
                    ("用途", o.purpose.clone(), n.purpose.clone()),
                ] {
                    if ov != nv {
                        out.push(change(Kind::Changed, &place, label, &ov, &nv));
                    }
                }
            }
        }
    }
    for n in b
        .iter()
        .filter(|n| !a.iter().any(|o| o.recipient == n.recipient))
    {
        out.push(change(Kind::Added, "资金分配", "", "", &line(n)));
    }
    out
}

/// Pairs of (old, new) places, then the old places left unpaired (removed) and the new ones
/// (added).
pub(super) struct Pairing {
    pub(super) pairs: Vec<(Place, Place)>,
    pub(super) removed: Vec<Place>,
    pub(super) added: Vec<Place>,
}

/// Pairs old and new projects: by name where a name is unique on both sides, then by
/// category name and position among what is left.
pub(super) fn pair_projects(olds: &[ProjectAt], news: &[ProjectAt]) -> Pairing {
    let count =
        |list: &[ProjectAt], name: &str| list.iter().filter(|p| p.project.name == name).count();
    let mut pairs = Vec::new();
    let mut old_done = vec![false; olds.len()];
    let mut new_done = vec![false; news.len()];
    for (i, o) in olds.iter().enumerate() {
        let name = &o.project.name;
        if count(olds, name) != 1 || count(news, name) != 1 {
            continue;
        }
        if let Some(j) = news.iter().position(|n| &n.project.name == name) {
            pairs.push((i, j));
            old_done[i] = true;
            new_done[j] = true;
        }
    }
    for (i, o) in olds.iter().enumerate() {
        if old_done[i] {
            continue;
        }
        let found = news.iter().enumerate().position(|(j, n)| {
            !new_done[j] && n.group_names() == o.group_names() && n.index == o.index
        });
        if let Some(j) = found {
            pairs.push((i, j));
            old_done[i] = true;
            new_done[j] = true;
        }
    }
    let removed = (0..olds.len()).filter(|i| !old_done[*i]).collect();
    let added = (0..news.len()).filter(|j| !new_done[*j]).collect();
    Pairing {
        pairs,
        removed,
        added,
    }
}

/// The pairs, in old order, that changed places among the others: those outside a longest
/// run of pairs whose new places keep increasing (so one project moved down is one move,
/// not every project it passed).
pub(super) fn reordered(mut pairs: Vec<(Place, Place)>) -> Vec<(Place, Place)> {
    pairs.sort_unstable();
    // Patience sorting: tails[k] is the index (in `pairs`) ending the best run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, (_, new)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < *new);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut kept = vec![false; pairs.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = before[i];
    }
    pairs
        .into_iter()
        .zip(kept)
        .filter(|(_, k)| !k)
        .map(|(p, _)| p)
        .collect()
}

/// Categories renamed where they stand: at the same numbers on both sides, under names each
/// side lacks. A rename is one change, not a removal, an addition and a move of its projects.
#[derive(Default)]
pub(super) struct Renames {
    /// Old label → new label, for the categories' own fields (a 大项's rename relabels its 中项).
    pub(super) labels: Vec<(String, String)>,
    /// Old names → new names, to tell a project under a renamed category from a moved one.
    pub(super) names: Vec<(Vec<String>, Vec<String>)>,
    pub(super) changes: Vec<Change>,
}

pub(super) fn renames(old: &PlanFile, new: &PlanFile) -> Renames {
    let (go, gn) = (old.groups(), new.groups());
    let (nested_o, nested_n) = (old.plan.nested(), new.plan.nested());
    let mut r = Renames::default();
    for o in &go {
        let Some(n) = gn.iter().find(|n| n.numbers == o.numbers) else {
            continue;
        };
        let (names_o, names_n) = (o.names(), n.names());
        let one_sided =
            !gn.iter().any(|g| g.names() == names_o) && !go.iter().any(|g| g.names() == names_n);
        if names_o == names_n || !one_sided {
            continue;
        }
        let to = n.label(nested_n);
        if o.category.name != n.category.name {
            r.changes.push(change(
                Kind::Changed,
                &to,
                "类别名称",
                &o.category.name,
                &n.category.name,
            ));
        }
        r.labels.push((o.label(nested_o), to));
        let owned = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
        r.names.push((owned(names_o), owned(names_n)));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::reordered;

    #[test]
    fn one_project_moved_down_is_one_move() {
        assert_eq!(reordered(vec![(0, 0), (1, 1), (2, 2)]), []);
        assert_eq!(reordered(vec![(0, 3), (1, 0), (2, 1), (3, 2)]), [(0, 3)]);
        assert_eq!(reordered(vec![(3, 0), (0, 1), (1, 2), (2, 3)]), [(3, 0)]);
    }
}
