//! The plan's TOML with what was imported written in.

use rust_decimal::Decimal;

use super::{Imported, ImportedCategory};
use crate::plan::Date;
use crate::plan::model::{Category, PlanFile, Project};

/// The plan's TOML with its categories and projects replaced by `cats`; every other line,
/// comments included, kept. Category headings and intros are kept by name.
pub fn rewrite(source: &str, plan: &PlanFile, imported: &Imported) -> Result<String, String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item};
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e| format!("计划文件无法改写：{e}"))?;
    let groups = plan.groups();
    let olds: Vec<&Category> = groups.iter().map(|g| g.category).collect();
    let plan_table = doc
        .get_mut("plan")
        .and_then(Item::as_table_mut)
        .ok_or("计划文件中没有 [plan] 表")?;
    if !imported.allocations.is_empty() {
        let mut lines = ArrayOfTables::new();
        for a in &imported.allocations {
            let mut t = toml_edit::Table::new();
            t.insert("recipient", toml_edit::value(a.recipient.clone()));
            t.insert("amount", amount_item(a.amount.value()));
            if !a.purpose.trim().is_empty() {
                t.insert("purpose", toml_edit::value(a.purpose.clone()));
            }
            lines.push(t);
        }
        plan_table.insert("allocations", Item::ArrayOfTables(lines));
    } else if imported.categories.is_empty() {
        let mut projects = ArrayOfTables::new();
        for p in &imported.projects {
            projects.push(project_table(p));
        }
        plan_table.remove("categories");
        plan_table.insert("projects", Item::ArrayOfTables(projects));
    } else {
        let mut array = ArrayOfTables::new();
        for c in &imported.categories {
            array.push(category_table(c, &olds));
        }
        plan_table.remove("projects");
        plan_table.insert("categories", Item::ArrayOfTables(array));
    }
    Ok(doc.to_string())
}

/// A category as a TOML table; heading, intro and 产业 flag kept from the plan's category of
/// the same name.
fn category_table(c: &ImportedCategory, olds: &[&Category]) -> toml_edit::Table {
    use toml_edit::{ArrayOfTables, Item, Table, value};
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
    if c.categories.is_empty() {
        let mut projects = ArrayOfTables::new();
        for p in &c.projects {
            projects.push(project_table(p));
        }
        t.insert("projects", Item::ArrayOfTables(projects));
    } else {
        let mut subs = ArrayOfTables::new();
        for sub in &c.categories {
            subs.push(category_table(sub, olds));
        }
        t.insert("categories", Item::ArrayOfTables(subs));
    }
    t
}

/// A project as a TOML table, in the order of the model; fields it does not give are left out.
fn project_table(p: &Project) -> toml_edit::Table {
    use toml_edit::{Array, InlineTable, Item as TomlItem, Table, Value, value};
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
        let mut items = toml_edit::ArrayOfTables::new();
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

/// An amount as a TOML integer when whole, else as a float whose text is the decimal's.
fn amount_item(d: Decimal) -> toml_edit::Item {
    let d = d.normalize();
    if d.scale() == 0
        && let Ok(i) = i64::try_from(d.mantissa())
    {
        return toml_edit::value(i);
    }
    toml_edit::value(d.to_string().parse::<f64>().unwrap_or(0.0))
}
