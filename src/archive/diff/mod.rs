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
mod tests {
    use super::*;
    use crate::plan::Money;
    use rust_decimal::Decimal;

    fn ebian() -> PlanFile {
        crate::testing::fixture::ebian().file
    }

    #[test]
    fn extra_values_and_printed_settings_are_changes() {
        let old = ebian();
        let mut new = ebian();
        new.plan.categories[0].projects[0]
            .extra
            .insert("建设性质".into(), "新建".into());
        new.plan.summary.share_decimals = 1;
        let lines: Vec<String> = diff(&old, &new).iter().map(Change::line).collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("建设性质") && l.contains("新建")),
            "{lines:#?}"
        );
        assert!(lines.iter().any(|l| l.contains("概述句")), "{lines:#?}");
        // One decimal: the shares as printed change too.
        assert!(
            lines.iter().any(|l| l.contains("占比 7.69% → 7.7%")),
            "{lines:#?}"
        );
    }

    /// What a reissue changes in the notice's newer parts (文种, 签发人, 附注, 印章, 联合行文)
    /// reaches its change table, as every other field does.
    #[test]
    fn the_notices_every_field_is_compared() {
        use crate::plan::model::{CoIssuer, Genre, Seal};
        let old = ebian();
        let mut new = ebian();
        new.notice.genre = Genre::Opinion;
        new.notice.signed_off_by = vec!["王五".into()];
        new.notice.note = Some("联系人：张三".into());
        new.notice.seal = Some(Seal::Stamped(true));
        new.notice.joint = vec![CoIssuer {
            issuer: "峨边彝族自治县财政局".into(),
            mark: None,
            signer: None,
            seal: None,
        }];
        let lines: Vec<String> = diff(&old, &new).iter().map(Change::line).collect();
        for says in ["文种", "签发人", "附注", "印章", "联合行文机关"] {
            assert!(lines.iter().any(|l| l.contains(says)), "{says}: {lines:#?}");
        }
    }

    #[test]
    fn identical_plans_have_no_changes() {
        assert!(diff(&ebian(), &ebian()).is_empty());
    }

    #[test]
    fn a_project_moved_within_its_category_is_one_reordering() {
        let mut new = ebian();
        let moved = new.plan.categories[4].projects.remove(0);
        new.plan.categories[4].projects.push(moved);
        let lines: Vec<String> = diff(&ebian(), &new).iter().map(Change::line).collect();
        assert_eq!(lines, ["助残融爱建设项目：顺序 第1项 → 第5项"]);
    }

    #[test]
    fn the_seeds_1370_correction_reads_like_the_document() {
        let mut old = ebian();
        old.plan.categories[4].projects[0].amount = Money(Decimal::from(1370));
        let lines: Vec<String> = diff(&old, &ebian()).iter().map(Change::line).collect();
        assert_eq!(
            lines,
            [
                "（五）改善民生 第1项 助残融爱建设项目：规划投资 1370万元 → 90万元",
                "合计：规划投资 5180万元 → 3900万元",
                "（一）产业合作：占比 37.64% → 50%",
                "（二）劳务协作：占比 4.44% → 5.9%",
                "（三）人才交流：占比 5.79% → 7.69%",
                "（四）消费帮扶：占比 0.97% → 1.28%",
                "（五）改善民生：小计 2650万元 → 1370万元",
                "（五）改善民生：占比 51.16% → 35.13%",
            ]
        );
    }

    #[test]
    fn copied_names_pair_by_place_and_show_as_name_changes() {
        let mut old = ebian();
        let copied = "城乡融合民生事业奖流培训项目".to_string();
        old.plan.categories[2].projects[0].name = copied.clone();
        old.plan.categories[3].projects[0].name = copied;
        let d = diff(&old, &ebian());
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(
            d.iter()
                .all(|c| c.kind == Kind::Changed && c.field == "项目名称")
        );
        assert_eq!(d[0].place, "（三）人才交流 第1项 干部人才交流培训项目");
    }

    #[test]
    fn the_printed_marks_are_compared_too() {
        let old = ebian();
        let mut new = ebian();
        new.notice.urgency = Some(crate::plan::Urgency::Urgent);
        new.notice.secrecy = Some(crate::plan::Secrecy::Secret);
        let fields: Vec<(String, String)> = diff(&old, &new)
            .into_iter()
            .map(|c| (c.field, c.new))
            .collect();
        assert_eq!(
            fields,
            [
                ("密级".to_string(), "秘密".to_string()),
                ("紧急程度".into(), "加急".into())
            ]
        );
    }

    #[test]
    fn a_renamed_category_is_one_change_and_a_moved_project_one_move() {
        let old = ebian();
        let mut new = ebian();
        new.plan.categories[1].name = "劳务合作".into();
        let d = diff(&old, &new);
        let brief: Vec<(Kind, &str, &str, &str)> = d
            .iter()
            .map(|c| (c.kind, c.field.as_str(), c.old.as_str(), c.new.as_str()))
            .collect();
        assert_eq!(
            brief,
            [(Kind::Changed, "类别名称", "劳务协作", "劳务合作")],
            "{d:#?}"
        );
        // One project moved from the first category to the last: one move, not one per
        // project whose number shifted.
        let mut new = ebian();
        let p = new.plan.categories[4].projects.remove(0);
        new.plan.categories[0].projects.insert(0, p);
        let moves = diff(&old, &new)
            .into_iter()
            .filter(|c| c.kind == Kind::Moved)
            .count();
        assert_eq!(moves, 1);
    }

    #[test]
    fn added_removed_moved_and_notice_fields() {
        let old = ebian();
        let mut new = ebian();
        new.notice.title.push_str("（更正）");
        let moved = new.plan.categories[1].projects.remove(1);
        new.plan.categories[2].projects.push(moved);
        new.plan.categories[3].projects.clear();
        let d = diff(&old, &new);
        let kinds: Vec<(Kind, &str)> = d.iter().map(|c| (c.kind, c.field.as_str())).collect();
        assert!(kinds.contains(&(Kind::Changed, "标题")));
        assert!(
            d.iter()
                .any(|c| c.kind == Kind::Moved && c.new == "（三）人才交流 第2项"),
            "{d:#?}"
        );
        assert!(
            d.iter()
                .any(|c| c.kind == Kind::Removed && c.old.contains("越嘉有味"))
        );
        assert!(
            d.iter()
                .any(|c| c.kind == Kind::Derived && c.field == "个数" && c.new == "10")
        );
    }
}
