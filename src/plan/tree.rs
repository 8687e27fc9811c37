//! Where projects stand: directly under the plan (no categories), under a category, or under
//! a sub-category (大项 → 中项 → 项目). Every walk over the projects and categories goes
//! through here, so each shape reaches every rule, table, view and diff the same way.

use super::model::{Category, PlanFile, Scheme};
use super::numbering::category_number;
use super::path::FieldPath;
use super::project::Project;

/// Category levels a plan may have: 大项 and 中项.
pub(crate) const MAX_DEPTH: usize = 2;

/// A project with its place in the plan.
#[derive(Debug, Clone)]
pub struct ProjectAt<'a> {
    /// The categories it is under, outermost first (none in a flat plan).
    pub groups: Vec<&'a Category>,
    /// Index of each of those categories among its siblings.
    pub numbers: Vec<usize>,
    /// Its index among the projects of its category (or of the plan).
    pub index: usize,
    pub project: &'a Project,
}

impl ProjectAt<'_> {
    /// `plan.categories[0].categories[1].projects[2]`, `plan.projects[2]`.
    pub fn path(&self) -> FieldPath {
        let mut at = FieldPath::of("plan");
        for n in &self.numbers {
            at = at.key("categories").index(*n);
        }
        at.key("projects").index(self.index)
    }

    /// Whether its projects are of the 产业 kind: the nearest category that says so, else
    /// whether any of its categories' names says 产业.
    pub(crate) fn is_industry(&self) -> bool {
        self.groups
            .iter()
            .rev()
            .find_map(|g| g.industry)
            .unwrap_or_else(|| {
                self.groups
                    .iter()
                    .any(|g| super::hanzi::simplified(&g.name).contains("产业"))
            })
    }

    /// Where it stands, as the table numbers it: "（五）改善民生 第1项", "第3项".
    pub fn place(&self, nested: bool) -> String {
        let s: String = labels(&self.groups, &self.numbers, nested)
            .map(|l| l + " ")
            .collect();
        format!("{s}第{}项", self.index + 1)
    }

    /// The names of its categories, outermost first.
    pub(crate) fn group_names(&self) -> Vec<&str> {
        self.groups.iter().map(|g| g.name.as_str()).collect()
    }
}

/// Each category of a chain numbered as the table numbers it: "一、产业合作", "（一）种植业".
fn labels<'a>(
    chain: &'a [&'a Category],
    numbers: &'a [usize],
    nested: bool,
) -> impl Iterator<Item = String> + 'a {
    chain
        .iter()
        .zip(numbers)
        .enumerate()
        .map(move |(d, (g, n))| format!("{}{}", category_number(d + 1, n + 1, nested), g.name))
}

/// A category at any depth.
#[derive(Debug, Clone)]
pub struct GroupAt<'a> {
    pub path: FieldPath,
    /// 1 for a category, 2 for a sub-category.
    pub depth: usize,
    /// Index of it and of each category above it, outermost first.
    pub numbers: Vec<usize>,
    /// It and the categories above it, outermost first.
    pub chain: Vec<&'a Category>,
    pub category: &'a Category,
}

impl GroupAt<'_> {
    /// "（五）改善民生", or "一、产业帮扶（一）种植业" in a plan of two levels.
    pub fn label(&self, nested: bool) -> String {
        labels(&self.chain, &self.numbers, nested).collect()
    }

    /// Its name and those of the categories above it, outermost first.
    pub fn names(&self) -> Vec<&str> {
        self.chain.iter().map(|g| g.name.as_str()).collect()
    }
}

impl PlanFile {
    /// Every project, in document order.
    pub fn projects(&self) -> Vec<ProjectAt<'_>> {
        let mut out = Vec::new();
        for (i, p) in self.plan.projects.iter().enumerate() {
            out.push(ProjectAt {
                groups: Vec::new(),
                numbers: Vec::new(),
                index: i,
                project: p,
            });
        }
        for (i, c) in self.plan.categories.iter().enumerate() {
            walk_projects(c, &mut vec![c], &mut vec![i], &mut out);
        }
        out
    }

    /// Every category and sub-category, in document order (a category before its own).
    pub(crate) fn groups(&self) -> Vec<GroupAt<'_>> {
        let mut out = Vec::new();
        for (i, c) in self.plan.categories.iter().enumerate() {
            walk_groups(
                c,
                FieldPath::of("plan.categories").index(i),
                vec![i],
                vec![c],
                &mut out,
            );
        }
        out
    }
}

impl Scheme {
    /// The heading level of the section that holds the projects (1 for a top section), as
    /// the document numbers it; categories are one level below it.
    pub(crate) fn projects_level(&self) -> u8 {
        fn find(sections: &[super::model::Section], level: u8) -> Option<u8> {
            sections.iter().find_map(|s| {
                if s.projects {
                    Some(level)
                } else {
                    find(&s.sections, level + 1)
                }
            })
        }
        find(&self.sections, 1).unwrap_or(1)
    }

    /// Whether some category has sub-categories (three levels: 大项 → 中项 → 项目).
    pub(crate) fn nested(&self) -> bool {
        self.categories.iter().any(|c| !c.categories.is_empty())
    }
}

fn walk_projects<'a>(
    c: &'a Category,
    groups: &mut Vec<&'a Category>,
    numbers: &mut Vec<usize>,
    out: &mut Vec<ProjectAt<'a>>,
) {
    for (i, p) in c.projects.iter().enumerate() {
        out.push(ProjectAt {
            groups: groups.clone(),
            numbers: numbers.clone(),
            index: i,
            project: p,
        });
    }
    for (i, sub) in c.categories.iter().enumerate() {
        groups.push(sub);
        numbers.push(i);
        walk_projects(sub, groups, numbers, out);
        groups.pop();
        numbers.pop();
    }
}

fn walk_groups<'a>(
    c: &'a Category,
    at: FieldPath,
    numbers: Vec<usize>,
    chain: Vec<&'a Category>,
    out: &mut Vec<GroupAt<'a>>,
) {
    out.push(GroupAt {
        path: at.clone(),
        depth: numbers.len(),
        numbers: numbers.clone(),
        chain: chain.clone(),
        category: c,
    });
    for (i, sub) in c.categories.iter().enumerate() {
        let (mut n, mut ch) = (numbers.clone(), chain.clone());
        n.push(i);
        ch.push(sub);
        walk_groups(sub, at.key("categories").index(i), n, ch, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::fixture::ebian;

    #[test]
    fn the_ebian_plan_walks_as_before() {
        let f = ebian().file;
        let all = f.projects();
        assert_eq!(all.len(), 11);
        assert_eq!(all[2].path().to_string(), "plan.categories[1].projects[0]");
        assert_eq!(all[2].group_names(), ["劳务协作"]);
        assert_eq!(all[2].place(false), "（二）劳务协作 第1项");
        assert!(all[0].is_industry() && !all[2].is_industry());
        assert_eq!(f.groups().len(), 5);
    }

    #[test]
    fn sub_categories_and_flat_plans() {
        let mut f = ebian().file;
        let mut inner = f.plan.categories.remove(1);
        inner.name = "劳务输出".into();
        f.plan.categories[0].categories.push(inner);
        let all = f.projects();
        assert_eq!(all.len(), 11);
        assert_eq!(
            all[2].path().to_string(),
            "plan.categories[0].categories[0].projects[0]"
        );
        assert_eq!(all[2].group_names(), ["产业合作", "劳务输出"]);
        assert_eq!(all[2].place(true), "一、产业合作 （一）劳务输出 第1项");
        assert!(all[2].is_industry(), "under 产业合作");
        let groups = f.groups();
        assert_eq!(groups[1].depth, 2);
        assert_eq!(groups[1].numbers, [0, 0]);

        let mut flat = ebian().file;
        flat.plan.projects = flat
            .plan
            .categories
            .drain(..)
            .flat_map(|c| c.projects)
            .collect();
        let all = flat.projects();
        assert_eq!(all[10].path().to_string(), "plan.projects[10]");
        assert!(all[10].groups.is_empty());
        assert!(flat.groups().is_empty());
    }
}
