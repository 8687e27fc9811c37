//! Edits from a form (the page of `gongwen serve`), written into the plan's TOML in place: the
//! value is replaced where it stands, with the comments and spacing around it; a table moved,
//! added or removed carries its own comments.
//!
//! Values arrive typed by the form (text, money, date, list) and are taken exactly or refused:
//! an amount is parsed as a decimal, never through a float the clerk did not write.

use chrono::Datelike;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// One step of a path: a key, or an index into an array (of tables).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Key {
    Index(usize),
    Name(String),
}

/// A value as the form gives it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Value {
    Text(String),
    /// An amount as typed ("1000", "12.5").
    Money(String),
    /// "2023-10-30".
    Date(String),
    List(Vec<String>),
    /// Removes the key (an optional field left empty).
    Absent,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    Set {
        path: Vec<Key>,
        value: Value,
    },
    /// A new table (a project) at `index` of the array of tables at `path`.
    Insert {
        path: Vec<Key>,
        index: usize,
        fields: Vec<(String, Value)>,
    },
    /// The table at `index` of the array of tables at `path`.
    Remove {
        path: Vec<Key>,
        index: usize,
    },
    /// The table at `from` of the array of tables at `path`, put at `to`.
    Move {
        path: Vec<Key>,
        from: usize,
        to: usize,
    },
}

/// No field of a plan lies deeper than this (plan.categories[i].categories[j].projects[k].items…).
pub(crate) const MAX_PATH: usize = 16;

/// The source with the edits applied, in order; an edit that cannot be made names why.
pub fn apply(source: &str, edits: &[Edit]) -> Result<String, String> {
    let path_of = |e: &Edit| match e {
        Edit::Set { path, .. }
        | Edit::Insert { path, .. }
        | Edit::Remove { path, .. }
        | Edit::Move { path, .. } => path.len(),
    };
    if edits.iter().any(|e| path_of(e) > MAX_PATH) {
        return Err("字段路径过长".into());
    }
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|_| "计划文件有语法错误，先在源文件中改正，再用表单编辑".to_string())?;
    for e in edits {
        let unit = unit(&doc);
        match e {
            Edit::Set { path, value } => set(&mut doc, path, value, &unit)?,
            Edit::Insert {
                path,
                index,
                fields,
            } => {
                let mut t = Table::new();
                for (k, v) in fields {
                    if let Some(item) = item(v, &unit)? {
                        t.insert(k, item);
                    }
                }
                let tables = tables_at(&mut doc, path)?;
                let at = (*index).min(tables.len());
                rebuild(tables, |v| v.insert(at, t));
            }
            Edit::Remove { path, index } => {
                let tables = tables_at(&mut doc, path)?;
                if *index >= tables.len() {
                    return Err(format!("第{}行不存在", index + 1));
                }
                tables.remove(*index);
            }
            Edit::Move { path, from, to } => {
                let tables = tables_at(&mut doc, path)?;
                let n = tables.len();
                if *from >= n || *to >= n {
                    return Err("要移动的行不存在".into());
                }
                rebuild(tables, |v| {
                    let t = v.remove(*from);
                    v.insert(*to, t);
                });
            }
        }
    }
    Ok(doc.to_string())
}

/// An amount as a TOML value: an integer when whole, else the decimal's own digits.
pub(crate) fn amount_item(d: Decimal) -> Item {
    let d = d.normalize();
    if d.scale() == 0
        && let Ok(i) = i64::try_from(d.mantissa())
    {
        return toml_edit::value(i);
    }
    // f64's shortest representation prints back the digits it was parsed from.
    toml_edit::value(d.to_string().parse::<f64>().unwrap_or(0.0))
}

/// The plan's unit of money ("万元" unless `[plan] unit` says otherwise).
fn unit(doc: &DocumentMut) -> String {
    doc.get("plan")
        .and_then(|p| p.get("unit"))
        .and_then(|u| u.as_str())
        .unwrap_or("万元")
        .to_string()
}

/// A form's value as TOML: amounts and dates as a clerk types them (`clerk`), taken exactly.
fn item(v: &Value, unit: &str) -> Result<Option<Item>, String> {
    Ok(Some(match v {
        Value::Text(s) => toml_edit::value(s.clone()),
        Value::Money(s) => amount_item(super::clerk::amount(s, unit)?),
        Value::Date(s) => {
            let d = super::clerk::date(s)?;
            let date = toml_edit::Date {
                year: d.year() as u16,
                month: d.month() as u8,
                day: d.day() as u8,
            };
            toml_edit::value(toml_edit::Datetime {
                date: Some(date),
                time: None,
                offset: None,
            })
        }
        Value::List(items) => toml_edit::value(items.iter().collect::<toml_edit::Array>()),
        Value::Absent => return Ok(None),
    }))
}

fn set(doc: &mut DocumentMut, path: &[Key], value: &Value, unit: &str) -> Result<(), String> {
    let (last, parents) = path.split_last().ok_or("空的字段路径")?;
    let Key::Name(key) = last else {
        return Err("字段路径应以字段名结尾".into());
    };
    let table = table_at(doc.as_table_mut(), parents)?;
    match item(value, unit)? {
        None => {
            let scalar = |i: &Item| {
                i.as_value()
                    .is_some_and(|v| !v.is_array() && !v.is_inline_table())
            };
            if table.get(key).is_some_and(|old| !scalar(old)) {
                return Err(format!(
                    "“{key}”在计划中是分项写的，表单不能把它清空：请在源文件中修改"
                ));
            }
            table.remove(key);
        }
        Some(mut new) => match table.get_mut(key) {
            // A value of another shape (funding per source, a 文号 as a table) is never
            // overwritten by a form field that shows one figure or one line.
            Some(old) if !same_shape(old, &new) => {
                return Err(format!(
                    "“{key}”在计划中是分项写的，表单不能把它改成一项：请在源文件中修改"
                ));
            }
            // Keep the comment after the old value, and the spacing before it.
            Some(Item::Value(old)) => {
                if let Item::Value(v) = &mut new {
                    *v.decor_mut() = old.decor().clone();
                }
                *table.get_mut(key).expect("just found") = new;
            }
            _ => {
                table.insert(key, new);
            }
        },
    }
    Ok(())
}

/// Whether `new` may replace `old`: a scalar for a scalar, a list of lines for a list of lines.
fn same_shape(old: &Item, new: &Item) -> bool {
    use toml_edit::Value as V;
    let lines = |a: &toml_edit::Array| a.iter().all(|v| matches!(v, V::String(_)));
    match (old, new) {
        (Item::Value(V::Array(a)), Item::Value(V::Array(_))) => lines(a),
        (Item::Value(V::Array(_) | V::InlineTable(_)), _) => false,
        (Item::Value(_), Item::Value(V::Array(_) | V::InlineTable(_))) => false,
        (Item::Value(_), _) => true,
        _ => false,
    }
}

/// The table at `path` (keys and indices into arrays of tables), made if a key is missing.
fn table_at<'a>(mut t: &'a mut Table, path: &[Key]) -> Result<&'a mut Table, String> {
    let mut i = 0;
    while i < path.len() {
        let Key::Name(k) = &path[i] else {
            return Err("字段路径有误".into());
        };
        if !t.contains_key(k) {
            let mut new = Table::new();
            new.set_implicit(true);
            t.insert(k, Item::Table(new));
        }
        let item = t.get_mut(k).expect("present");
        t = match (item, path.get(i + 1)) {
            (Item::ArrayOfTables(a), Some(Key::Index(n))) => {
                i += 1;
                a.get_mut(*n).ok_or("要修改的行不存在")?
            }
            (Item::Table(inner), _) => inner,
            _ => return Err(format!("“{k}”不是可以用表单编辑的表：请在源文件中修改")),
        };
        i += 1;
    }
    Ok(t)
}

fn tables_at<'a>(doc: &'a mut DocumentMut, path: &[Key]) -> Result<&'a mut ArrayOfTables, String> {
    let (last, parents) = path.split_last().ok_or("空的字段路径")?;
    let Key::Name(key) = last else {
        return Err("字段路径应以字段名结尾".into());
    };
    let table = table_at(doc.as_table_mut(), parents)?;
    if !table.contains_key(key) {
        table.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    table
        .get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| format!("“{key}”不是一组表：请在源文件中修改"))
}

/// Rebuilds an array of tables after `change`; its tables then print in the array's order,
/// each with its own comments (a moved or new table has no place of its own in the file).
fn rebuild(tables: &mut ArrayOfTables, change: impl FnOnce(&mut Vec<Table>)) {
    let mut v: Vec<Table> = tables.iter().cloned().collect();
    change(&mut v);
    tables.clear();
    for mut t in v {
        unplace(&mut t);
        tables.push(t);
    }
}

/// Lets a table (and every table inside it) print where its array puts it, not at its old
/// place in the file: a sub-table keeping its place would print under another row.
pub(crate) fn unplace(t: &mut Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        match item {
            Item::Table(inner) => unplace(inner),
            Item::ArrayOfTables(inner) => inner.iter_mut().for_each(unplace),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
