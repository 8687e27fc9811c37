//! Field-level differences between two plans, addressed the way a clerk reads the document:
//! "（五）改善民生 第1项 助残融爱建设项目：规划投资 1370万元 → 90万元".

mod derived;
mod fields;
mod pairing;

use serde::Serialize;

use crate::plan::model::PlanFile;
use crate::plan::tree::ProjectAt;
use fields::{document_fields, project_fields};
use pairing::{Pairing, Renames, allocations, pair_projects, renames, reordered};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A field's value changed.
    Changed,
    /// A project (or paragraph) that is new.
    Added,
    /// A project (or paragraph) that is gone.
    Removed,
    /// A project that moved to another category or place.
    Moved,
    /// A computed figure that changes as a result (subtotal, share, count, total).
    Derived,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Changed => "修改",
            Kind::Added => "增加",
            Kind::Removed => "删除",
            Kind::Moved => "移动",
            Kind::Derived => "随之变化",
        }
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// Where, as the document shows it: "通知", "（五）改善民生 第1项 助残融爱建设项目".
    pub place: String,
    /// Which field: "规划投资", "标题"; empty for whole projects.
    pub field: String,
    pub old: String,
    pub new: String,
}

impl Change {
    /// One line of Chinese, e.g. "（五）改善民生 第1项 助残融爱建设项目：规划投资 1370万元 → 90万元".
    pub fn line(&self) -> String {
        let at = if self.field.is_empty() {
            self.place.clone()
        } else {
            format!("{}：{}", self.place, self.field)
        };
        match self.kind {
            Kind::Changed | Kind::Derived | Kind::Moved => {
                format!("{at} {} → {}", self.old, self.new)
            }
            Kind::Added => format!("{at} 增加：{}", self.new),
            Kind::Removed => format!("{at} 删除：{}", self.old),
        }
    }
}

/// The short name a clerk says: the part after the last dash ("助残融爱建设项目").
pub(crate) fn short_name(name: &str) -> &str {
    name.rsplit(['—', '－'])
        .next()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
}

fn project_place(file: &PlanFile, pa: &ProjectAt) -> String {
    format!(
        "{} {}",
        pa.place(file.plan.nested()),
        short_name(&pa.project.name)
    )
}

/// Every difference from `old` to `new`, document fields first, then projects, then the
/// figures that change as a result.
pub fn diff(old: &PlanFile, new: &PlanFile) -> Vec<Change> {
    let renamed = renames(old, new);
    let mut out = renamed.changes.clone();
    out.extend(document_changes(old, new, &renamed));
    let (olds, news) = (old.projects(), new.projects());
    let Pairing {
        pairs,
        removed,
        added,
    } = pair_projects(&olds, &news);
    for (i, j) in &pairs {
        out.extend(project_changes(
            (old, &olds[*i]),
            (new, &news[*j]),
            &renamed,
        ));
    }
    out.extend(order_changes(&olds, &news, &pairs, &renamed));
    // A project added or removed, as one line: "name（amount万元）".
    let listed = |pa: &ProjectAt| {
        let pr = pa.project;
        format!("{}（{}{}）", pr.name, pr.amount, new.plan.unit.label())
    };
    for i in removed {
        let place = project_place(old, &olds[i]);
        out.push(change(Kind::Removed, &place, "", &listed(&olds[i]), ""));
    }
    for j in added {
        out.push(change(
            Kind::Added,
            &project_place(new, &news[j]),
            "",
            "",
            &listed(&news[j]),
        ));
    }
    out.extend(allocations(old, new));
    out.extend(derived::derived(old, new));
    out
}

/// The notice's and the plan's own fields that changed (a renamed category's under its new
/// name).
fn document_changes(old: &PlanFile, new: &PlanFile, renamed: &Renames) -> Vec<Change> {
    let mut out = Vec::new();
    let (mut a, b) = (document_fields(old), document_fields(new));
    for (place, _, _) in &mut a {
        if let Some((_, to)) = renamed.labels.iter().find(|(from, _)| from == place) {
            *place = to.clone();
        }
    }
    for (place, field, ov) in &a {
        match b.iter().find(|(p, f, _)| p == place && f == field) {
            Some((_, _, nv)) if nv != ov => out.push(change(Kind::Changed, place, field, ov, nv)),
            None if !ov.is_empty() => out.push(change(Kind::Removed, place, field, ov, "")),
            _ => {}
        }
    }
    for (place, field, nv) in &b {
        if !nv.is_empty() && !a.iter().any(|(p, f, _)| p == place && f == field) {
            out.push(change(Kind::Added, place, field, "", nv));
        }
    }
    out
}

/// An old project's categories under their new names (a renamed one counts as the same).
fn groups_now(renamed: &Renames, oa: &ProjectAt) -> Vec<String> {
    let names: Vec<String> = oa.group_names().into_iter().map(String::from).collect();
    renamed
        .names
        .iter()
        .find(|(from, _)| *from == names)
        .map_or(names.clone(), |(_, to)| to.clone())
}

/// What changed in one project kept from the old plan to the new: where it stands, and each
/// field by label (projects may carry different extra values).
fn project_changes(
    (old, oa): (&PlanFile, &ProjectAt),
    (new, na): (&PlanFile, &ProjectAt),
    renamed: &Renames,
) -> Vec<Change> {
    let mut out = Vec::new();
    let (o, n) = (oa.project, na.project);
    let place = project_place(new, na);
    let old_place = project_place(old, oa);
    // Moved: under another category (a renamed one counts as the same). A project whose
    // number changed because another left or joined its category has not moved.
    if groups_now(renamed, oa) != na.group_names() {
        let from = old_place
            .rsplit_once(' ')
            .map_or(old_place.as_str(), |(a, _)| a);
        let to = place.rsplit_once(' ').map_or(place.as_str(), |(a, _)| a);
        if from != to {
            out.push(change(Kind::Moved, short_name(&n.name), "位置", from, to));
        }
    }
    let (of, nf) = (
        project_fields(o, old.plan.unit),
        project_fields(n, new.plan.unit),
    );
    let value = |list: &[(String, String)], label: &str| {
        list.iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut labels: Vec<&String> = of.iter().map(|(l, _)| l).collect();
    labels.extend(
        nf.iter()
            .map(|(l, _)| l)
            .filter(|l| !of.iter().any(|(o, _)| o == *l)),
    );
    for label in labels {
        let (ov, nv) = (value(&of, label), value(&nf, label));
        if ov != nv {
            out.push(change(Kind::Changed, &place, label, &ov, &nv));
        }
    }
    out
}

/// Within a category, a project that changed its order among the others.
fn order_changes(
    olds: &[ProjectAt],
    news: &[ProjectAt],
    pairs: &[(usize, usize)],
    renamed: &Renames,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut kept: std::collections::BTreeMap<Vec<&str>, Vec<(usize, usize)>> = Default::default();
    for (i, j) in pairs {
        if groups_now(renamed, &olds[*i]) == news[*j].group_names() {
            kept.entry(news[*j].group_names())
                .or_default()
                .push((olds[*i].index, *j));
        }
    }
    for list in kept.into_values() {
        let by_index: Vec<(usize, usize)> =
            list.iter().map(|(o, j)| (*o, news[*j].index)).collect();
        for (o, n) in reordered(by_index) {
            let Some((_, j)) = list.iter().find(|(i, _)| *i == o) else {
                continue;
            };
            let name = short_name(&news[*j].project.name);
            out.push(change(
                Kind::Moved,
                name,
                "顺序",
                &format!("第{}项", o + 1),
                &format!("第{}项", n + 1),
            ));
        }
    }
    out
}

fn change(kind: Kind, place: &str, field: &str, old: &str, new: &str) -> Change {
    Change {
        kind,
        place: place.to_string(),
        field: field.to_string(),
        old: old.to_string(),
        new: new.to_string(),
    }
}

#[cfg(test)]
mod tests;
