//! Structure: required fields filled, names unique, no empty category, one project section.

use std::collections::HashMap;

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::genre::Addressed;
use crate::plan::labels::field_label;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "field-required",
        severity: Error,
        doc: "必填项不能为空：通知各要素、项目名称，以及 [policy] required 列出的项目字段（如建设内容、地点、责任领导、完成时限）",
        check: required,
    },
    Rule {
        code: "project-duplicate",
        severity: Error,
        doc: "项目名称（资金分配的乡镇、单位）不得重复",
        check: duplicate,
    },
    Rule {
        code: "category-empty",
        severity: Error,
        doc: "每个项目类别至少有一个项目",
        check: empty_category,
    },
    Rule {
        code: "plan-structure",
        severity: Error,
        doc: "项目直接写在计划下，或归入类别，或归入大项下的中项：同一层不混用，类别最多两层",
        check: structure,
    },
    Rule {
        code: "plan-projects-section",
        severity: Error,
        doc: "实施方案中恰有一节写明 projects = true，用来放概述句和各类项目；不印发实施方案（scheme = false）时不写其标题和章节",
        check: projects_section,
    },
];

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The notice's fields its genre needs that are empty.
fn empty_in_notice(n: &crate::plan::model::Notice) -> Vec<FieldPath> {
    let mut empty: Vec<FieldPath> = Vec::new();
    let np = FieldPath::of("notice");
    // What the genre may go without (a 公示's 文号, a 公告's 主送) is not required of it.
    let genre = n.genre.traits();
    let number = genre.numbered.then_some(("doc_number", &n.doc_number.text));
    let named = [
        ("issuer", &n.issuer),
        ("mark", &n.mark),
        ("title", &n.title),
        ("signer", &n.signer),
        ("printed_by", &n.printed_by),
    ];
    for (k, v) in named.into_iter().chain(number) {
        if blank(v) {
            empty.push(np.key(k));
        }
    }
    let addressed = matches!(genre.addressed, Addressed::Required | Addressed::One);
    for (k, list, needed) in [
        ("recipients", &n.recipients, addressed),
        ("body", &n.body, true),
    ] {
        if needed && list.is_empty() {
            empty.push(np.key(k));
        }
        empty.extend(
            list.iter()
                .enumerate()
                .filter(|(_, v)| blank(v))
                .map(|(i, _)| np.key(k).index(i)),
        );
    }
    empty
}

fn required(ctx: &Ctx) -> Vec<Hit> {
    let f = ctx.file;
    let mut empty = empty_in_notice(&f.notice);
    let sp = FieldPath::of("plan");
    if f.plan.scheme && blank(&f.plan.title) {
        empty.push(sp.key("title"));
    }
    if blank(&f.plan.program) {
        empty.push(sp.key("program"));
    }
    for (at, a) in f.plan.annex.each() {
        if blank(&a.title) {
            empty.push(at.key("title"));
        }
    }
    for g in f.groups() {
        for (k, v) in [("name", &g.category.name), ("heading", &g.category.heading)] {
            if blank(v) {
                empty.push(g.path.key(k));
            }
        }
    }
    for (i, a) in f.plan.allocations.iter().enumerate() {
        if blank(&a.recipient) {
            empty.push(sp.key("allocations").index(i).key("recipient"));
        }
    }
    // Besides its name, what a project must give is the plan's policy, not the model's.
    for pa in ctx.projects() {
        let (at, p) = (pa.path(), pa.project);
        if blank(&p.name) {
            empty.push(at.key("name"));
        }
        for field in &f.policy.required {
            if !p.has(*field) {
                empty.push(at.key(field.key()));
            }
        }
    }
    empty
        .into_iter()
        .map(|path| {
            let key = match path.0.last() {
                Some(crate::plan::path::Seg::Key(k)) => k.clone(),
                _ => path.parent().map(|p| p.to_string()).unwrap_or_default(),
            };
            let label = field_label(&key).unwrap_or("此项");
            let in_project = path.parent().is_some_and(|p| {
                matches!(p.0.iter().rev().nth(1), Some(crate::plan::path::Seg::Key(k)) if k == "projects")
            });
            let hint = if in_project && f.policy.required.iter().any(|r| r.key() == key) {
                format!("本计划的 [policy] required 要求每个项目都写{label}（{key}）；如本地不要求，从该列表删去")
            } else {
                format!("填写{label}；不需要的可选项请整行删去，而不是留空")
            };
            Hit::new(path, format!("{label}不能为空"), hint)
        })
        .collect()
}

fn duplicate(ctx: &Ctx) -> Vec<Hit> {
    let nested = ctx.file.plan.nested();
    let mut first: HashMap<&str, String> = HashMap::new();
    let mut out = Vec::new();
    for pa in ctx.projects() {
        let p = pa.project;
        let key = p.name.trim();
        if key.is_empty() || p.is_placeholder() {
            continue;
        }
        match first.get(key) {
            Some(there) => out.push(Hit::new(
                pa.path().key("name"),
                format!("项目名称“{key}”与{there}重名"),
                "复制上一行后忘了改名？每个项目写自己的名称",
            )),
            None => {
                first.insert(key, pa.place(nested));
            }
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, a) in ctx.file.plan.allocations.iter().enumerate() {
        let key = a.recipient.trim();
        if key.is_empty() {
            continue;
        }
        match seen.get(key) {
            Some(first) => out.push(Hit::new(
                FieldPath::of("plan.allocations").index(i).key("recipient"),
                format!("“{key}”与第 {} 行分配重复", first + 1),
                "同一乡镇（单位）的资金合并写成一行",
            )),
            None => {
                seen.insert(key, i);
            }
        }
    }
    out
}

fn empty_category(ctx: &Ctx) -> Vec<Hit> {
    ctx.file
        .groups()
        .into_iter()
        .filter(|g| g.category.projects.is_empty() && g.category.categories.is_empty())
        .map(|g| {
            Hit::new(
                g.path.key("name"),
                format!("项目类别“{}”下没有项目", g.category.name),
                "在该类下加 [[plan.categories.projects]]，或删去这个类别",
            )
        })
        .collect()
}

/// Projects stand under the plan, or under categories, or under their sub-categories: one
/// shape per level, at most two levels of categories.
fn structure(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let mut out = Vec::new();
    let has_projects = !plan.projects.is_empty() || !plan.categories.is_empty();
    if !plan.allocations.is_empty() && has_projects {
        out.push(Hit::new(
            FieldPath::of("plan.allocations"),
            "计划中既有资金分配（[[plan.allocations]]），又有项目",
            "资金分配表和项目计划分开写成两个计划文件",
        ));
    }
    if !plan.projects.is_empty() && !plan.categories.is_empty() {
        out.push(Hit::new(
            FieldPath::of("plan.projects"),
            "计划中既有不分类的项目（[[plan.projects]]），又有项目类别",
            "要么全部项目直接写在 [[plan.projects]] 下，要么都归入 [[plan.categories]]",
        ));
    }
    if plan.projects.is_empty() && plan.categories.is_empty() && plan.allocations.is_empty() {
        out.push(Hit::new(
            FieldPath::of("plan"),
            "计划中没有项目",
            "加 [[plan.projects]]（不分类），或 [[plan.categories]] 及其 [[plan.categories.projects]]",
        ));
    }
    for g in ctx.groups() {
        let c = g.category;
        if g.depth > crate::plan::tree::MAX_DEPTH {
            out.push(Hit::new(
                g.path.key("name"),
                format!(
                    "“{}”是第 {} 层类别，最多两层（大项、中项）",
                    c.name, g.depth
                ),
                "把它的项目并入上一层类别",
            ));
        } else if !c.projects.is_empty() && !c.categories.is_empty() {
            out.push(Hit::new(
                g.path.key("projects").index(0).key("name"),
                format!("类别“{}”下既有项目（如此项），又有子类别", c.name),
                "把直接写在该类下的项目归入一个子类别（[[plan.categories.categories]]）",
            ));
        }
    }
    out
}

fn projects_section(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    if !plan.scheme {
        // Without a 实施方案 nothing of its text is printed: none may be written.
        let mut out = Vec::new();
        for (key, written) in [
            ("sections", !plan.sections.is_empty()),
            ("preamble", !plan.preamble.is_empty()),
            ("title", !plan.title.trim().is_empty()),
        ] {
            if written {
                out.push(Hit::new(
                    FieldPath::of("plan").key(key),
                    format!(
                        "写了 scheme = false（不印发实施方案），这里的{}不会印出",
                        field_label(key).unwrap_or(key)
                    ),
                    "删去这一项，或去掉 scheme = false 以印发实施方案",
                ));
            }
        }
        return out;
    }
    fn marked(secs: &[crate::plan::Section], at: FieldPath, out: &mut Vec<FieldPath>) {
        for (i, s) in secs.iter().enumerate() {
            let p = at.index(i);
            if s.projects {
                out.push(p.key("projects"));
            }
            marked(&s.sections, p.key("sections"), out);
        }
    }
    let mut found = Vec::new();
    marked(
        &ctx.file.plan.sections,
        FieldPath::of("plan.sections"),
        &mut found,
    );
    match found.len() {
        1 => vec![],
        0 => vec![Hit::new(
            FieldPath::of("plan.sections"),
            "没有一节写明 projects = true，项目无处安放",
            "在“工作任务”一节加上 projects = true",
        )],
        _ => found
            .into_iter()
            .skip(1)
            .map(|p| {
                Hit::new(
                    p,
                    "不止一节写了 projects = true",
                    "只保留一节 projects = true",
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn empty_required_fields_are_named() {
        let mut f = ebian().file;
        assert!(paths("field-required", &f).is_empty());
        f.plan.categories[0].projects[0].leader = "  ".into();
        f.notice.recipients.clear();
        assert_eq!(
            paths("field-required", &f),
            ["notice.recipients", "plan.categories[0].projects[0].leader"]
        );
    }

    #[test]
    fn project_fields_are_required_by_the_plans_policy_only() {
        use crate::plan::ProjectField;
        let mut f = ebian().file;
        let p = &mut f.plan.categories[0].projects[0];
        p.leader.clear();
        p.deadline = None;
        assert_eq!(
            paths("field-required", &f),
            [
                "plan.categories[0].projects[0].leader",
                "plan.categories[0].projects[0].deadline"
            ]
        );
        f.policy.required.retain(|r| *r != ProjectField::Leader);
        assert_eq!(
            paths("field-required", &f),
            ["plan.categories[0].projects[0].deadline"]
        );
        f.policy.required.clear();
        assert!(paths("field-required", &f).is_empty());
        f.policy.required.push(ProjectField::TotalInvestment);
        assert_eq!(paths("field-required", &f).len(), 11);
    }

    #[test]
    fn the_seeds_copied_name_is_a_duplicate() {
        let mut f = ebian().file;
        assert!(paths("project-duplicate", &f).is_empty());
        // The first annex table copied one name onto three rows.
        let copied = "城乡融合民生事业奖流培训项目".to_string();
        f.plan.categories[2].projects[0].name = copied.clone();
        f.plan.categories[3].projects[0].name = copied.clone();
        f.plan.categories[4].projects[1].name = copied;
        assert_eq!(
            paths("project-duplicate", &f),
            [
                "plan.categories[3].projects[0].name",
                "plan.categories[4].projects[1].name"
            ]
        );
    }

    #[test]
    fn a_category_without_projects_is_refused() {
        let mut f = ebian().file;
        assert!(paths("category-empty", &f).is_empty());
        f.plan.categories[3].projects.clear();
        assert_eq!(paths("category-empty", &f), ["plan.categories[3].name"]);
    }

    #[test]
    fn exactly_one_section_holds_the_projects() {
        let mut f = ebian().file;
        assert!(paths("plan-projects-section", &f).is_empty());
        f.plan.sections[0].projects = true;
        assert_eq!(
            paths("plan-projects-section", &f),
            ["plan.sections[1].projects"]
        );
        f.plan.sections[0].projects = false;
        f.plan.sections[1].projects = false;
        assert_eq!(paths("plan-projects-section", &f), ["plan.sections"]);
    }
}
