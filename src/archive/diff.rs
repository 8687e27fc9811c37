//! Field-level differences between two plans, addressed the way a clerk reads the document:
//! "（五）改善民生 第1项 助残融爱建设项目：规划投资 1370万元 → 90万元".

use serde::Serialize;

use crate::plan::Figures;
use crate::plan::date::DateForm;
use crate::plan::model::{Block, PlanFile, Project, Section};
use crate::plan::money::{Unit, fmt_decimal};
use crate::plan::numbering::number;
use crate::plan::tree::ProjectAt;

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
pub fn short_name(name: &str) -> &str {
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

/// A project's fields as the document prints them, with their labels.
fn project_fields(p: &Project, unit: Unit) -> Vec<(String, String)> {
    let u = unit.label();
    let items = p
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            format!(
                "{}{}{}{u}{}",
                number(4, i + 1),
                it.name,
                it.amount,
                it.content
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let fields = [
        ("项目名称", p.name.clone()),
        ("规划投资", format!("{}{u}", p.amount)),
        (
            "总投资",
            p.total_investment
                .map(|t| format!("{t}{u}"))
                .unwrap_or_default(),
        ),
        ("资金来源", p.sources_text(unit)),
        ("建设规模和内容", p.content.clone()),
        ("子项", items),
        ("效益", p.benefit.clone()),
        ("实施地点", p.location.clone()),
        ("责任领导", p.leader.clone()),
        ("责任单位", p.department.clone()),
        ("实施单位", p.implementer.clone()),
        ("实施期限", p.period_text(DateForm::Day)),
        ("跨年度说明", p.cross_year.clone().unwrap_or_default()),
        ("脱贫人口利益联结情况", p.linkage_text().to_string()),
        ("产权归属", p.ownership.clone()),
    ];
    fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        // The county's own values, by their names.
        .chain(p.extra.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect()
}

/// The notice's and the plan's own fields (projects aside), labelled.
fn document_fields(f: &PlanFile) -> Vec<(String, String, String)> {
    let n = &f.notice;
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut v: Vec<(String, String, String)> = [
        ("公文格式", format!("{}格式", n.format.label())),
        ("发文机关", n.issuer.clone()),
        ("发文机关标志", n.mark.clone()),
        ("发文机关标志第二行", opt(&n.mark_second_line)),
        ("发文字号", n.doc_number.text.clone()),
        ("标题", n.title.clone()),
        ("主送机关", n.recipients.join("、")),
        ("署名", n.signer.clone()),
        ("成文日期", n.date.chinese()),
        ("印发日期", n.issue_date.chinese()),
        ("印发机关", n.printed_by.clone()),
        ("抄送", n.cc.join("，")),
        ("信息公开选项", n.disclosure.label().to_string()),
        ("份号", opt(&n.copy_number)),
        ("密级", n.secrecy.map_or("", |s| s.label()).to_string()),
        ("保密期限", opt(&n.secrecy_term)),
        ("紧急程度", n.urgency.map_or("", |u| u.label()).to_string()),
    ]
    .into_iter()
    .map(|(k, val)| ("通知".to_string(), k.to_string(), val))
    .collect();
    for (i, b) in n.body.iter().enumerate() {
        v.push(("通知".into(), format!("正文第{}段", i + 1), b.clone()));
    }
    let s = &f.plan;
    for (k, val) in [
        ("标题", s.title.clone()),
        ("年度", s.year.to_string()),
        ("下达资金", s.funding.text(s.unit)),
        ("金额单位", s.unit.label().to_string()),
        ("协作项目名称", s.program.clone()),
        (
            "是否印发实施方案",
            if s.scheme { "是" } else { "否" }.to_string(),
        ),
        (
            "日期印法",
            match s.dates {
                DateForm::Day => "到日",
                DateForm::Month => "到月",
            }
            .to_string(),
        ),
        (
            "概述句",
            if s.summary.print {
                format!(
                    "印出，占比{}位小数，“{}”",
                    s.summary.share_decimals, s.summary.share_words
                )
            } else {
                "不印".to_string()
            },
        ),
    ] {
        v.push(("实施方案".into(), k.into(), val));
    }
    let annexes = s.annex.each();
    for (i, (_, a)) in annexes.iter().enumerate() {
        let place = if annexes.len() == 1 {
            "附件".to_string()
        } else {
            format!("附件{}", i + 1)
        };
        let cols = a
            .columns
            .as_ref()
            .map(|c| c.iter().map(|c| c.title()).collect::<Vec<_>>().join("、"))
            .unwrap_or_default();
        let items = match a.items {
            crate::plan::ItemsIn::Rows => "分行",
            crate::plan::ItemsIn::Cell => "格内",
        };
        for (k, val) in [
            ("名称", a.title.clone()),
            ("填报单位", a.filler.clone()),
            ("表格列", cols),
            ("子项", items.to_string()),
        ] {
            v.push((place.clone(), k.into(), val));
        }
    }
    for (i, p) in s.preamble.iter().enumerate() {
        v.push(("实施方案".into(), format!("前言第{}段", i + 1), p.clone()));
    }
    for (i, sec) in s.sections.iter().enumerate() {
        section_fields(sec, &number(1, i + 1), &mut v);
    }
    for g in f.groups() {
        let place = g.label(s.nested());
        v.push((place.clone(), "标题".into(), g.category.heading.clone()));
        v.push((place, "引言".into(), g.category.intro.clone()));
    }
    v
}

fn section_fields(sec: &Section, num: &str, out: &mut Vec<(String, String, String)>) {
    let place = format!("实施方案 {num}");
    out.push((place.clone(), "标题".into(), sec.heading.clone()));
    for (i, b) in sec.paragraphs.iter().enumerate() {
        let text = match b {
            Block::Text(t) => t.clone(),
            Block::RunIn { run_in, text } => format!("{run_in}{text}"),
        };
        out.push((place.clone(), format!("第{}段", i + 1), text));
    }
    for (i, sub) in sec.sections.iter().enumerate() {
        section_fields(sub, &format!("{num}{}", number(2, i + 1)), out);
    }
}

/// A project's place: its index in `PlanFile::projects()`.
type Place = usize;

/// An allocation plan's lines, paired by 乡镇（单位）.
fn allocations(old: &PlanFile, new: &PlanFile) -> Vec<Change> {
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
struct Pairing {
    pairs: Vec<(Place, Place)>,
    removed: Vec<Place>,
    added: Vec<Place>,
}

/// Pairs old and new projects: by name where a name is unique on both sides, then by
/// category name and position among what is left.
fn pair_projects(olds: &[ProjectAt], news: &[ProjectAt]) -> Pairing {
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

/// Categories renamed where they stand: at the same numbers on both sides, under names each
/// side lacks. A rename is one change, not a removal, an addition and a move of its projects.
#[derive(Default)]
struct Renames {
    /// Old label → new label, for the categories' own fields (a 大项's rename relabels its 中项).
    labels: Vec<(String, String)>,
    /// Old names → new names, to tell a project under a renamed category from a moved one.
    names: Vec<(Vec<String>, Vec<String>)>,
    changes: Vec<Change>,
}

fn renames(old: &PlanFile, new: &PlanFile) -> Renames {
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

/// Every difference from `old` to `new`, document fields first, then projects, then the
/// figures that change as a result.
pub fn diff(old: &PlanFile, new: &PlanFile) -> Vec<Change> {
    let renamed = renames(old, new);
    let mut out = renamed.changes.clone();
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

    let (olds, news) = (old.projects(), new.projects());
    let Pairing {
        pairs,
        removed,
        added,
    } = pair_projects(&olds, &news);
    for (i, j) in &pairs {
        let (oa, na) = (&olds[*i], &news[*j]);
        let (o, n) = (oa.project, na.project);
        let place = project_place(new, na);
        let old_place = project_place(old, oa);
        // Moved: under another category (a renamed one counts as the same). A project whose
        // number changed because another left or joined its category has not moved.
        let names_o: Vec<String> = oa.group_names().into_iter().map(String::from).collect();
        let names_o = renamed
            .names
            .iter()
            .find(|(from, _)| *from == names_o)
            .map_or(names_o.clone(), |(_, to)| to.clone());
        if names_o != na.group_names() {
            let from = old_place
                .rsplit_once(' ')
                .map_or(old_place.as_str(), |(a, _)| a);
            let to = place.rsplit_once(' ').map_or(place.as_str(), |(a, _)| a);
            if from != to {
                out.push(change(Kind::Moved, short_name(&n.name), "位置", from, to));
            }
        }
        // Compared by label: projects may carry different extra values.
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
    }
    for i in removed {
        let pr = olds[i].project;
        out.push(change(
            Kind::Removed,
            &project_place(old, &olds[i]),
            "",
            &format!("{}（{}{}）", pr.name, pr.amount, new.plan.unit.label()),
            "",
        ));
    }
    for j in added {
        let pr = news[j].project;
        out.push(change(
            Kind::Added,
            &project_place(new, &news[j]),
            "",
            "",
            &format!("{}（{}{}）", pr.name, pr.amount, new.plan.unit.label()),
        ));
    }
    out.extend(allocations(old, new));
    out.extend(derived(old, new));
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

/// Figures that follow from the changes: total, per category subtotal, share and count,
/// the counts of the summary sentence.
fn derived(old: &PlanFile, new: &PlanFile) -> Vec<Change> {
    let (fo, fnew) = (Figures::of(&old.plan), Figures::of(&new.plan));
    let u = new.plan.unit.label();
    let mut out = Vec::new();
    let mut push = |place: &str, field: &str, a: String, b: String| {
        if a != b {
            out.push(change(Kind::Derived, place, field, &a, &b));
        }
    };
    push(
        "合计",
        "规划投资",
        format!("{}{u}", fmt_decimal(fo.total)),
        format!("{}{u}", fmt_decimal(fnew.total)),
    );
    push(
        "项目",
        "类别数",
        fo.category_count().to_string(),
        fnew.category_count().to_string(),
    );
    push(
        "项目",
        "个数",
        fo.project_count.to_string(),
        fnew.project_count.to_string(),
    );
    // Shares as the summary sentence prints them (none when it is left out).
    let printed = |f: &Figures, plan: &crate::plan::Scheme| {
        let subtotals: Vec<_> = f.categories.iter().map(|c| c.subtotal).collect();
        let dp = u32::from(plan.summary.share_decimals.min(2));
        plan.summary
            .print
            .then(|| crate::plan::figures::shares_at(&subtotals, f.total, dp))
            .flatten()
            .unwrap_or_default()
    };
    let (so, sn) = (printed(&fo, &old.plan), printed(&fnew, &new.plan));
    // Every category and sub-category, paired by its names, labelled as the new table prints it.
    let nested = new.plan.nested();
    let old_groups = old.groups();
    for g in new.groups() {
        let Some(o) = old_groups.iter().find(|o| o.names() == g.names()) else {
            continue;
        };
        let (Some(a), Some(b)) = (fo.category(&o.numbers), fnew.category(&g.numbers)) else {
            continue;
        };
        let place = g.label(nested);
        push(
            &place,
            "小计",
            format!("{}{u}", fmt_decimal(a.subtotal)),
            format!("{}{u}", fmt_decimal(b.subtotal)),
        );
        if g.depth == 1 {
            let share = |s: &[rust_decimal::Decimal], i: usize| {
                s.get(i)
                    .map(|s| format!("{}%", fmt_decimal(*s)))
                    .unwrap_or_default()
            };
            push(
                &place,
                "占比",
                share(&so, o.numbers[0]),
                share(&sn, g.numbers[0]),
            );
        }
        push(&place, "项目个数", a.count.to_string(), b.count.to_string());
    }
    out
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

    #[test]
    fn identical_plans_have_no_changes() {
        assert!(diff(&ebian(), &ebian()).is_empty());
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
