//! `new --from`: next year's plan from this year's, edited as TOML so comments and layout
//! stay: the year bumped where it stands for the plan year, the 文号 sequence and (unless
//! kept) the projects cleared to "待填写" placeholders that `check` lists until filled.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value, value};

/// What the clerk still has to fill in; `check` reports every text containing it.
pub(crate) const TODO: &str = "待填写";

/// A year a plan can be for: the one rule of every face (`new`, the web page's 新建).
pub(crate) fn plan_year(year: i32) -> Result<i32, String> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(format!("年度 {year} 不像是计划年度"))
    }
}

/// Next year's plan, as TOML text.
pub(crate) fn next_year(
    source: &str,
    from_year: i32,
    to_year: i32,
    keep_projects: bool,
) -> Result<String, String> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e| format!("计划文件无法读取：{e}"))?;
    // The fields a placeholder asks for: the plan's own [policy] required, no more.
    let extras = extra_columns(&doc);
    let required: Vec<String> = doc
        .get("policy")
        .and_then(|p| p.get("required"))
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let (old, new) = (from_year.to_string(), to_year.to_string());
    bump_strings(doc.as_table_mut(), &old, &new);
    let root = doc.as_table_mut();
    let notice = root
        .get_mut("notice")
        .and_then(Item::as_table_mut)
        .ok_or("计划中没有 [notice]")?;
    if let Some(dn) = notice.get_mut("doc_number") {
        *dn = match dn.as_str() {
            Some(text) => value(clear_sequence(text)),
            None => {
                // The structured form: keep the 代字, set the year, leave the sequence to fill.
                let code = dn
                    .get("code")
                    .and_then(Item::as_str)
                    .unwrap_or("")
                    .to_string();
                value(format!("{code}〔{new}〕{TODO}号"))
            }
        };
    }
    for key in ["date", "issue_date"] {
        bump_date(notice, key, from_year, to_year);
    }
    notice.remove("copy_number");
    let plan = root
        .get_mut("plan")
        .and_then(Item::as_table_mut)
        .ok_or("计划中没有 [plan]")?;
    plan.insert("year", value(i64::from(to_year)));
    let next = Next {
        from: from_year,
        to: to_year,
        keep: keep_projects,
        required,
        extras,
    };
    let has = |k: &str| {
        plan.get(k)
            .is_some_and(|i| i.as_array_of_tables().is_some())
    };
    if !(has("categories") || has("projects") || has("allocations")) {
        return Err(
            "计划中没有项目（[[plan.categories]]、[[plan.projects]] 或 [[plan.allocations]]）"
                .into(),
        );
    }
    let count = next.group(plan);
    // One 万元 a placeholder keeps the sums consistent; the placeholders themselves are
    // reported until replaced, so these figures never reach a printed page. Funding given
    // per source keeps its sources: their new amounts are the clerk's to write.
    if !keep_projects && plan.get("funding").is_some_and(|f| f.as_array().is_none()) {
        plan.insert("funding", value(count));
    }
    root.remove("correction");
    fresh_header(&mut doc, from_year, to_year);
    Ok(doc.to_string())
}

/// The comments at the top of the file describe last year's document (its 文号, how it was
/// made): they give way to one line saying what this file is. `#:` directives (the schema)
/// stay; comments further down, on the plan's parts, stay with them.
fn fresh_header(doc: &mut DocumentMut, from: i32, to: i32) {
    let header = |old: &str| {
        let directives: String = old
            .lines()
            .filter(|l| l.starts_with("#:"))
            .map(|l| format!("{l}\n"))
            .collect();
        format!("{directives}# {to} 年计划：以 {from} 年的计划为底稿新建，“{TODO}”处请填写。\n\n")
    };
    let prefix = |d: &toml_edit::Decor| {
        d.prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string()
    };
    let root = doc.as_table_mut();
    // TOML puts the root's own keys before any table, so the first of them opens the file.
    let first_key = root
        .iter()
        .find(|(_, item)| item.is_value())
        .map(|(k, _)| k.to_string());
    if let Some(mut key) = first_key.and_then(|k| root.key_mut(&k)) {
        let old = prefix(key.leaf_decor());
        key.leaf_decor_mut().set_prefix(header(&old));
        return;
    }
    let first_table = root
        .iter_mut()
        .filter_map(|(_, item)| match item {
            Item::Table(t) => Some(t),
            Item::ArrayOfTables(a) => a.iter_mut().next(),
            _ => None,
        })
        .min_by_key(|t| t.position());
    if let Some(t) = first_table {
        let old = prefix(t.decor());
        t.decor_mut().set_prefix(header(&old));
    }
}

/// How the projects of next year's plan are made from this year's.
struct Next {
    from: i32,
    to: i32,
    keep: bool,
    /// The project fields the plan's policy requires.
    required: Vec<String>,
    /// The names of the `{ extra = "…" }` columns of the plan's tables.
    extras: Vec<String>,
}

impl Next {
    /// Clears (or keeps, dates moved) the projects under `t` (the plan, a category or a
    /// sub-category) and returns how many there are now.
    fn group(&self, t: &mut Table) -> i64 {
        t.remove("subtotal");
        let mut count = 0;
        if let Some(subs) = t
            .get_mut("categories")
            .and_then(Item::as_array_of_tables_mut)
        {
            for sub in subs.iter_mut() {
                count += self.group(sub);
            }
            return count;
        }
        if let Some(lines) = t
            .get_mut("allocations")
            .and_then(Item::as_array_of_tables_mut)
        {
            if !self.keep {
                lines.clear();
                lines.push(allocation_placeholder());
            }
            return lines.len() as i64;
        }
        let is_plan = t.contains_key("year");
        if is_plan && !t.contains_key("projects") {
            return 0;
        }
        let projects = t
            .entry("projects")
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        let Some(projects) = projects.as_array_of_tables_mut() else {
            return 0;
        };
        if self.keep {
            for p in projects.iter_mut() {
                bump_date(p, "start", self.from, self.to);
                bump_date(p, "deadline", self.from, self.to);
            }
        } else {
            projects.clear();
            projects.push(self.placeholder());
        }
        projects.len() as i64
    }

    /// A project to fill in: its name, one 万元, and the fields the policy requires.
    fn placeholder(&self) -> Table {
        let mut t = Table::new();
        let todo = |what: &str| value(format!("{TODO}：{what}"));
        t.insert("name", todo("项目名称"));
        t.insert("amount", value(1i64));
        for key in &self.required {
            match key.as_str() {
                "deadline" | "start" => {
                    let d: toml_edit::Datetime =
                        format!("{}-10-30", self.to).parse().expect("a valid date");
                    t.insert(key, value(d));
                }
                "total_investment" => {
                    t.insert(key, value(1i64));
                }
                "sources" => {}
                k => {
                    let label = super::labels::field_label(k).unwrap_or(k);
                    t.insert(k, todo(label));
                }
            }
        }
        if !self.extras.is_empty() {
            let mut extra = toml_edit::InlineTable::new();
            for name in &self.extras {
                extra.insert(name, Value::from(format!("{TODO}：{name}")));
            }
            t.insert("extra", value(extra));
        }
        t
    }
}

/// The names of the extra columns (`{ extra = "建设性质" }`) of the plan's tables.
fn extra_columns(doc: &DocumentMut) -> Vec<String> {
    let Some(annex) = doc.get("plan").and_then(|p| p.get("annex")) else {
        return Vec::new();
    };
    let tables: Vec<&dyn toml_edit::TableLike> = match annex {
        Item::Table(t) => vec![t],
        Item::ArrayOfTables(a) => a.iter().map(|t| t as &dyn toml_edit::TableLike).collect(),
        Item::Value(Value::InlineTable(t)) => vec![t],
        _ => Vec::new(),
    };
    let mut names: Vec<String> = tables
        .into_iter()
        .filter_map(|t| t.get("columns").and_then(Item::as_array))
        .flat_map(|cols| cols.iter())
        .filter_map(|c| {
            c.as_inline_table()?
                .get("extra")?
                .as_str()
                .map(str::to_string)
        })
        .collect();
    names.dedup();
    names
}

/// An allocation line to fill in.
fn allocation_placeholder() -> Table {
    let mut t = Table::new();
    t.insert("recipient", value(format!("{TODO}：乡镇（单位）")));
    t.insert("amount", value(1i64));
    t
}

/// "峨边府办函〔2023〕7号" → "峨边府办函〔2024〕待填写号" (the year is bumped already).
fn clear_sequence(text: &str) -> String {
    match text.rfind(['〕', ']', '】', ')', '）']) {
        Some(i) => {
            let close = text[i..].chars().next().map_or(1, char::len_utf8);
            format!("{}{TODO}号", &text[..i + close])
        }
        None => format!("{text}（{TODO}）"),
    }
}

fn bump_date(t: &mut Table, key: &str, from: i32, to: i32) {
    let Some(d) = t
        .get(key)
        .and_then(|i| i.as_value())
        .and_then(Value::as_datetime)
    else {
        return;
    };
    let Some(mut date) = d.date else { return };
    if i32::from(date.year) == from {
        date.year = to as u16;
        // 29 February has no match in a common year.
        if date.month == 2 && date.day == 29 && chrono::NaiveDate::from_ymd_opt(to, 2, 29).is_none()
        {
            date.day = 28;
        }
        let mut nd = *d;
        nd.date = Some(date);
        t.insert(key, value(nd));
    }
}

/// "2023年" → "2024年" and "〔2023〕" → "〔2024〕" in every string of the document.
fn bump_strings(t: &mut Table, old: &str, new: &str) {
    for (_, item) in t.iter_mut() {
        bump_item(item, old, new);
    }
}

fn bump_item(item: &mut Item, old: &str, new: &str) {
    match item {
        Item::Value(v) => bump_value(v, old, new),
        Item::Table(t) => bump_strings(t, old, new),
        Item::ArrayOfTables(a) => {
            for t in a.iter_mut() {
                bump_strings(t, old, new);
            }
        }
        Item::None => {}
    }
}

fn bump_value(v: &mut Value, old: &str, new: &str) {
    match v {
        Value::String(s) => {
            let text = s.value();
            let bumped = text
                .replace(&format!("{old}年"), &format!("{new}年"))
                .replace(&format!("〔{old}〕"), &format!("〔{new}〕"));
            if bumped != *text {
                let decor = s.decor().clone();
                let mut f = toml_edit::Formatted::new(bumped);
                *f.decor_mut() = decor;
                *s = f;
            }
        }
        Value::Array(a) => {
            for v in a.iter_mut() {
                bump_value(v, old, new);
            }
        }
        Value::InlineTable(t) => {
            for (_, v) in t.iter_mut() {
                bump_value(v, old, new);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_cleared_year_kept() {
        assert_eq!(
            clear_sequence("峨边府办函〔2024〕7号"),
            "峨边府办函〔2024〕待填写号"
        );
    }
}
