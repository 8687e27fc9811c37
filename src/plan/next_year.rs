//! `new --from`: next year's plan from this year's, edited as TOML so comments and layout
//! stay: the year bumped where it stands for the plan year, the 文号 sequence and (unless
//! kept) the projects cleared to "待填写" placeholders that `check` lists until filled.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value, value};

/// What the clerk still has to fill in; `check` reports every text containing it.
pub const TODO: &str = "待填写";

/// Next year's plan, as TOML text.
pub fn next_year(
    source: &str,
    from_year: i32,
    to_year: i32,
    keep_projects: bool,
) -> Result<String, String> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e| format!("计划文件无法读取：{e}"))?;
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
    let categories = plan
        .get_mut("categories")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or("计划中没有项目类别")?;
    let mut count = 0i64;
    for cat in categories.iter_mut() {
        cat.remove("subtotal");
        let projects = cat
            .entry("projects")
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        let Some(projects) = projects.as_array_of_tables_mut() else {
            continue;
        };
        if keep_projects {
            for p in projects.iter_mut() {
                bump_date(p, "deadline", from_year, to_year);
                count += 1;
            }
        } else {
            projects.clear();
            projects.push(placeholder(to_year));
            count += 1;
        }
    }
    if !keep_projects {
        // One 万元 a placeholder keeps the sums consistent; the placeholders themselves are
        // reported until replaced, so these figures never reach a printed page.
        plan.insert("funding", value(count));
    }
    root.remove("correction");
    Ok(doc.to_string())
}

fn placeholder(year: i32) -> Table {
    let mut t = Table::new();
    let todo = |what: &str| value(format!("{TODO}：{what}"));
    t.insert("name", todo("项目名称"));
    t.insert("amount", value(1i64));
    t.insert("content", todo("建设规模和内容"));
    t.insert("benefit", todo("效益"));
    t.insert("location", todo("实施地点"));
    t.insert("leader", todo("责任领导"));
    t.insert("department", todo("责任单位"));
    t.insert("implementer", todo("实施单位"));
    let deadline: toml_edit::Datetime = format!("{year}-10-30").parse().expect("a valid date");
    t.insert("deadline", value(deadline));
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
