//! The plan's TOML with what was imported written in, in place: a table that changes nothing
//! leaves the file as it was, byte for byte; otherwise only the values that changed are
//! rewritten. Categories, projects and allocation lines are found again by name, so their
//! comments (the 峨边 plan's 更正 notes), written subtotals and the lines the table does not
//! carry stay with them, wherever they move.

use std::collections::HashMap;

use rust_decimal::Decimal;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::{Imported, ImportedCategory};
use crate::plan::Date;
use crate::plan::edit::amount_item;
use crate::plan::model::{Allocation, Category, PlanFile, Project};

/// The plan's TOML with its categories, projects or allocation lines as imported; every other
/// line, comments included, kept.
pub fn rewrite(source: &str, plan: &PlanFile, imported: &Imported) -> Result<String, String> {
    if unchanged(plan, imported) {
        return Ok(source.to_string());
    }
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e| format!("计划文件无法改写：{e}"))?;
    let groups = plan.groups();
    let olds: Vec<&Category> = groups.iter().map(|g| g.category).collect();
    let models: HashMap<&str, &Project> = plan
        .projects()
        .into_iter()
        .map(|pa| (pa.project.name.as_str(), pa.project))
        .collect();
    let plan_table = doc
        .get_mut("plan")
        .and_then(Item::as_table_mut)
        .ok_or("计划文件中没有 [plan] 表")?;
    let mut pool = Pool::default();
    for key in ["projects", "categories", "allocations"] {
        if let Some(array) = plan_table
            .get_mut(key)
            .and_then(Item::as_array_of_tables_mut)
        {
            pool.take(array);
        }
    }
    if !imported.allocations.is_empty() {
        let mut lines = ArrayOfTables::new();
        for a in &imported.allocations {
            let old = plan
                .plan
                .allocations
                .iter()
                .find(|o| o.recipient == a.recipient);
            let t = pool.lines.remove(a.recipient.as_str()).unwrap_or_default();
            lines.push(updated(
                t,
                old.map(allocation_table).as_ref(),
                &allocation_table(a),
            ));
        }
        put(plan_table, "allocations", lines);
    } else if imported.categories.is_empty() {
        let projects = pool.projects_of(&imported.projects, &models);
        plan_table.remove("categories");
        put(plan_table, "projects", projects);
    } else {
        let mut array = ArrayOfTables::new();
        for c in &imported.categories {
            array.push(pool.category(c, &olds, &models));
        }
        plan_table.remove("projects");
        put(plan_table, "categories", array);
    }
    Ok(doc.to_string())
}

/// Whether the import would write what the plan already holds.
fn unchanged(plan: &PlanFile, imported: &Imported) -> bool {
    let s = &plan.plan;
    if !imported.allocations.is_empty() || !s.allocations.is_empty() {
        return s.allocations == imported.allocations;
    }
    same_projects(&s.projects, &imported.projects)
        && same_categories(&s.categories, &imported.categories)
}

/// Projects alike as the plan would write them.
fn same_projects(old: &[Project], new: &[Project]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(o, n)| project_table(o).to_string() == project_table(n).to_string())
}

fn same_categories(old: &[Category], new: &[ImportedCategory]) -> bool {
    old.len() == new.len()
        && old.iter().zip(new).all(|(o, n)| {
            o.name == n.name
                && same_projects(&o.projects, &n.projects)
                && same_categories(&o.categories, &n.categories)
        })
}

/// The tables of the plan as written, taken out of the document by name.
#[derive(Default)]
struct Pool {
    projects: HashMap<String, Table>,
    categories: HashMap<String, Table>,
    lines: HashMap<String, Table>,
}

impl Pool {
    /// Takes every table of `array` (and of the arrays inside it) into the pool.
    fn take(&mut self, array: &mut ArrayOfTables) {
        let tables: Vec<Table> = array.iter().cloned().collect();
        array.clear();
        for mut t in tables {
            let name =
                |t: &Table, key: &str| t.get(key).and_then(Item::as_str).unwrap_or("").to_string();
            for key in ["projects", "categories"] {
                if let Some(inner) = t.get_mut(key).and_then(Item::as_array_of_tables_mut) {
                    self.take(inner);
                }
            }
            if t.contains_key("recipient") {
                self.lines.entry(name(&t, "recipient")).or_insert(t);
            } else if t.contains_key("heading") {
                self.categories.entry(name(&t, "name")).or_insert(t);
            } else {
                self.projects.entry(name(&t, "name")).or_insert(t);
            }
        }
    }

    fn projects_of(
        &mut self,
        projects: &[Project],
        models: &HashMap<&str, &Project>,
    ) -> ArrayOfTables {
        let mut out = ArrayOfTables::new();
        for p in projects {
            let t = self.projects.remove(&p.name).unwrap_or_default();
            let was = models.get(p.name.as_str()).map(|m| project_table(m));
            out.push(updated(t, was.as_ref(), &project_table(p)));
        }
        out
    }

    /// A category's table: the plan's own (heading, intro, comments kept) or a new one, with
    /// its projects or sub-categories, and a written subtotal brought to the new sum.
    fn category(
        &mut self,
        c: &ImportedCategory,
        olds: &[&Category],
        models: &HashMap<&str, &Project>,
    ) -> Table {
        let mut t = match self.categories.remove(&c.name) {
            Some(t) => t,
            None => category_table(c, olds),
        };
        if t.contains_key("subtotal") {
            let sum = subtotal(c);
            let written = olds
                .iter()
                .find(|o| o.name == c.name)
                .and_then(|o| o.subtotal);
            if written.map(|m| m.value()) != Some(sum) {
                set(&mut t, "subtotal", amount_item(sum));
            }
        }
        if c.categories.is_empty() {
            let projects = self.projects_of(&c.projects, models);
            t.remove("categories");
            put(&mut t, "projects", projects);
        } else {
            let mut subs = ArrayOfTables::new();
            for sub in &c.categories {
                subs.push(self.category(sub, olds, models));
            }
            t.remove("projects");
            put(&mut t, "categories", subs);
        }
        t
    }
}

fn subtotal(c: &ImportedCategory) -> Decimal {
    c.projects.iter().map(|p| p.amount.value()).sum::<Decimal>()
        + c.categories.iter().map(subtotal).sum::<Decimal>()
}

/// `t` with the values that differ between `was` (what the plan held, as a fresh table) and
/// `now` written in; a value the plan held unchanged keeps its text.
fn updated(mut t: Table, was: Option<&Table>, now: &Table) -> Table {
    let text = |t: Option<&Table>, k: &str| t.and_then(|t| t.get(k)).map(|i| i.to_string());
    let mut keys: Vec<String> = now.iter().map(|(k, _)| k.to_string()).collect();
    // Then the keys only the plan's version had (a field the table now leaves empty).
    let gone: Vec<String> = was
        .into_iter()
        .flat_map(|w| w.iter().map(|(k, _)| k.to_string()))
        .filter(|k| !now.contains_key(k))
        .collect();
    keys.extend(gone);
    for k in keys {
        if was.is_some() && text(was, &k) == text(Some(now), &k) {
            continue;
        }
        match now.get(&k) {
            Some(item) => set(&mut t, &k, item.clone()),
            None => {
                t.remove(&k);
            }
        }
    }
    t
}

/// Sets `key`, keeping the spacing and comment around the value it replaces.
fn set(t: &mut Table, key: &str, item: Item) {
    match (t.get_mut(key), item) {
        (Some(Item::Value(old)), Item::Value(mut new)) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        (_, item) => {
            t.insert(key, item);
        }
    }
}

/// Writes `array` as `key` of `t`, in the key's place; its tables are printed in the array's
/// order (a table that moved would otherwise keep its old place in the file).
fn put(t: &mut Table, key: &str, mut array: ArrayOfTables) {
    array.iter_mut().for_each(crate::plan::edit::unplace);
    match t.get_mut(key) {
        Some(item) => *item = Item::ArrayOfTables(array),
        None => {
            t.insert(key, Item::ArrayOfTables(array));
        }
    }
}

fn allocation_table(a: &Allocation) -> Table {
    let mut t = Table::new();
    t.insert("recipient", toml_edit::value(a.recipient.clone()));
    t.insert("amount", amount_item(a.amount.value()));
    if !a.purpose.trim().is_empty() {
        t.insert("purpose", toml_edit::value(a.purpose.clone()));
    }
    t
}

/// A new category's table (its projects are put in by the pool): a category the plan had
/// under another name keeps nothing, one it had keeps heading, intro and 产业 flag.
fn category_table(c: &ImportedCategory, olds: &[&Category]) -> Table {
    use toml_edit::value;
    let old = olds.iter().find(|o| o.name == c.name);
    let mut t = Table::new();
    t.insert("name", value(c.name.clone()));
    t.insert(
        "heading",
        value(old.map_or(c.name.clone(), |o| o.heading.clone())),
    );
    if let Some(o) = old {
        if !o.intro.is_empty() {
            t.insert("intro", value(o.intro.clone()));
        }
        if let Some(i) = o.industry {
            t.insert("industry", value(i));
        }
    }
    t
}

/// A project as a TOML table, in the order of the model; fields it does not give are left out.
fn project_table(p: &Project) -> Table {
    use toml_edit::{Array, InlineTable, Item as TomlItem, Value, value};
    let text = |t: &mut Table, k: &str, v: &str| {
        if !v.trim().is_empty() {
            t.insert(k, value(v));
        }
    };
    let date = |t: &mut Table, k: &str, d: Option<Date>| {
        if let Some(d) = d
            && let Ok(dt) =
                d.0.format("%Y-%m-%d")
                    .to_string()
                    .parse::<toml_edit::Datetime>()
        {
            t.insert(k, value(dt));
        }
    };
    let mut t = Table::new();
    t.insert("name", value(p.name.clone()));
    t.insert("amount", amount_item(p.amount.value()));
    if let Some(total) = p.total_investment {
        t.insert("total_investment", amount_item(total.value()));
    }
    if !p.sources.is_empty() {
        let mut list = Array::new();
        for s in &p.sources {
            let mut it = InlineTable::new();
            it.insert("name", Value::from(s.name.clone()));
            if let Ok(v) = amount_item(s.amount.value()).into_value() {
                it.insert("amount", v);
            }
            list.push(it);
        }
        t.insert("sources", value(list));
    }
    text(&mut t, "content", &p.content);
    text(&mut t, "benefit", &p.benefit);
    text(&mut t, "location", &p.location);
    text(&mut t, "leader", &p.leader);
    text(&mut t, "department", &p.department);
    text(&mut t, "implementer", &p.implementer);
    date(&mut t, "start", p.start);
    date(&mut t, "deadline", p.deadline);
    if let Some(r) = &p.cross_year {
        t.insert("cross_year", value(r.clone()));
    }
    text(&mut t, "linkage", &p.linkage);
    text(&mut t, "ownership", &p.ownership);
    if !p.extra.is_empty() {
        let mut it = InlineTable::new();
        for (k, v) in &p.extra {
            it.insert(k, Value::from(v.clone()));
        }
        t.insert("extra", value(it));
    }
    if !p.items.is_empty() {
        let mut items = ArrayOfTables::new();
        for i in &p.items {
            let mut it = Table::new();
            it.insert("name", value(i.name.clone()));
            it.insert("amount", amount_item(i.amount.value()));
            text(&mut it, "content", &i.content);
            items.push(it);
        }
        t.insert("items", TomlItem::ArrayOfTables(items));
    }
    t
}
