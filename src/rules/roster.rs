//! Roster: places, units and leaders should be names the office knows.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Warning;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "roster-unknown",
        severity: Warning,
        doc: "地点、单位、责任领导应在名册中（附最接近的写法，如 峡边→峨边）",
        check: unknown,
    },
    Rule {
        code: "roster-prose",
        severity: Warning,
        doc: "文字中与名册中的地点、单位只差一个字的名称（如 县卫建局→县卫健局），多半是笔误",
        check: prose,
    },
];

/// County departments that differ from one another by one character (县财政局 / 县民政局):
/// names in their own right, never a slip of each other.
const COMMON_UNITS: &[&str] = &[
    "县财政局",
    "县民政局",
    "县审计局",
    "县发改局",
    "县水利局",
    "县交通局",
    "县林业局",
    "县公安局",
    "县司法局",
    "县商务局",
    "县统计局",
    "县人社局",
    "县应急局",
    "县医保局",
    "县税务局",
    "县气象局",
    "县科技局",
    "县经信局",
    "县文旅局",
    "县卫健局",
    "县住建局",
    "县教育局",
    "县民宗局",
    "县体育局",
    "县文广局",
    "县国资局",
    "县信访局",
    "县档案局",
    "县城管局",
    "县粮食局",
    "县畜牧局",
    "县农业局",
    "县环保局",
    "县规划局",
    "县国土局",
    "县能源局",
    "县工信局",
    "县投促局",
    "县残联",
    "县妇联",
    "县团委",
    "县科协",
    "县侨联",
    "县总工会",
];

/// The names a field lists: split on "、", notes in （…） dropped.
fn names(field: &str) -> Vec<String> {
    field
        .split(['、', '，', ','])
        .map(|n| {
            let mut s = String::new();
            let mut depth = 0;
            for ch in n.chars() {
                match ch {
                    '（' | '(' => depth += 1,
                    '）' | ')' => depth -= 1,
                    _ if depth == 0 => s.push(ch),
                    _ => {}
                }
            }
            s.trim().to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn unknown(ctx: &Ctx) -> Vec<Hit> {
    let Some(roster) = ctx.roster else {
        return vec![];
    };
    let mut out = Vec::new();
    for pa in ctx.projects() {
        let (at, p) = (pa.path(), pa.project);
        for (key, value, list, what) in [
            ("location", &p.location, &roster.places, "地点"),
            ("leader", &p.leader, &roster.leaders, "领导"),
            ("department", &p.department, &roster.units, "单位"),
            ("implementer", &p.implementer, &roster.units, "单位"),
        ] {
            if list.is_empty() {
                continue;
            }
            for name in names(value) {
                if list.contains(&name) || name.contains(crate::plan::next_year::TODO) {
                    continue;
                }
                let hint = match crate::textsim::closest(&name, list.iter().map(String::as_str)) {
                    Some(n) => format!("是不是“{n}”？如确是新{what}，请加入名册"),
                    None => format!("名册中没有这个{what}；核对写法，或把它加入名册"),
                };
                out.push(Hit::new(
                    at.key(key),
                    format!("“{}”中的{what}“{name}”不在名册中", p.name),
                    hint,
                ));
            }
        }
    }
    // An allocation goes to a 乡镇 (a place) or a 单位 (a unit).
    let known: Vec<&str> = roster
        .places
        .iter()
        .chain(&roster.units)
        .map(String::as_str)
        .collect();
    for (i, a) in ctx.file.plan.allocations.iter().enumerate() {
        let name = a.recipient.trim();
        if known.is_empty() || name.is_empty() || known.contains(&name) {
            continue;
        }
        let hint = match crate::textsim::closest(name, known.iter().copied()) {
            Some(n) => format!("是不是“{n}”？如确是新的乡镇或单位，请加入名册"),
            None => "名册中没有这个乡镇或单位；核对写法，或把它加入名册".to_string(),
        };
        out.push(Hit::new(
            crate::plan::FieldPath::of("plan.allocations")
                .index(i)
                .key("recipient"),
            format!("分配对象“{name}”不在名册中"),
            hint,
        ));
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}')
}

/// A place or unit of the roster written one character off in a text that is not one of the
/// fields `roster-unknown` reads: same length, same last character (村, 局, 乡 …: a 宜坪村 is not
/// a slip of 宜坪乡), one other character different, and not itself a name the office knows.
fn prose(ctx: &Ctx) -> Vec<Hit> {
    let Some(roster) = ctx.roster else {
        return vec![];
    };
    let known: Vec<&str> = roster
        .places
        .iter()
        .chain(&roster.units)
        .map(String::as_str)
        .chain(COMMON_UNITS.iter().copied())
        .collect();
    let mut by_last: std::collections::HashMap<char, Vec<Vec<char>>> = Default::default();
    for name in roster.places.iter().chain(&roster.units) {
        let chars: Vec<char> = name.trim().chars().collect();
        if chars.len() >= 3 && chars.iter().all(|c| is_han(*c)) {
            by_last
                .entry(chars[chars.len() - 1])
                .or_default()
                .push(chars);
        }
    }
    let checked = [
        "location",
        "leader",
        "department",
        "implementer",
        "recipient",
    ];
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        if path.last_key().is_some_and(|k| checked.contains(&k)) {
            continue;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for j in 0..chars.len() {
            let Some(names) = by_last.get(&chars[j].1) else {
                continue;
            };
            // A window one off from several names is reported once, naming them all.
            let mut near: Vec<(usize, String)> = Vec::new();
            for name in names {
                let n = name.len();
                if j + 1 < n {
                    continue;
                }
                let window = &chars[j + 1 - n..=j];
                let diff = window.iter().zip(name).filter(|(a, b)| a.1 != **b).count();
                if diff == 1 && window.iter().all(|c| is_han(c.1)) {
                    near.push((window[0].0, name.iter().collect()));
                }
            }
            let Some(start) = near.first().map(|n| n.0) else {
                continue;
            };
            let end = chars[j].0 + chars[j].1.len_utf8();
            let written = &text[start..end];
            if known.contains(&written) || near.iter().any(|n| n.0 != start) {
                continue;
            }
            let rights: Vec<String> = near.into_iter().map(|n| format!("“{}”", n.1)).collect();
            out.push(
                Hit::new(
                    path.clone(),
                    format!("“{written}”与名册中的{}只差一个字", rights.join("、")),
                    format!(
                        "是不是{}？如确是另一个地方或单位，请加入名册",
                        rights.join("或")
                    ),
                )
                .within(start..end),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::names;
    use crate::rules::testutil::{ebian, hits, paths};

    #[test]
    fn splits_lists_and_drops_notes() {
        assert_eq!(
            names("新林镇人民政府、县城投公司（负责彝步千年综合体和养殖场建设）"),
            ["新林镇人民政府", "县城投公司"]
        );
    }

    #[test]
    fn the_seeds_misspelt_names_get_a_did_you_mean() {
        let mut f = ebian().file;
        assert!(paths("roster-unknown", &f).is_empty());
        f.plan.categories[2].projects[0].location = "峡边、浙江、福建".into();
        f.plan.categories[0].projects[0].implementer = "宜坪县人民政府".into();
        let h = hits("roster-unknown", &f);
        let got: Vec<(String, &str)> = h
            .iter()
            .map(|h| (h.path.to_string(), h.hint.as_str()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "plan.categories[0].projects[0].implementer");
        assert!(got[0].1.contains("宜坪乡人民政府"));
        assert_eq!(got[1].0, "plan.categories[2].projects[0].location");
        assert!(got[1].1.contains("“峨边”"));
    }

    #[test]
    fn a_roster_name_one_character_off_in_a_paragraph() {
        let mut f = ebian().file;
        assert!(paths("roster-prose", &f).is_empty());
        f.notice
            .body
            .push("请县卫建局、新林镇铭新村和县财政局、县民政局抓好落实，宜坪村配合。".into());
        let body = f.notice.body[1].clone();
        let h = hits("roster-prose", &f);
        let got: Vec<(&str, &str)> = h
            .iter()
            .map(|h| (&body[h.within.clone().unwrap()], h.hint.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "县卫建局",
                    "是不是“县卫健局”或“县住建局”？如确是另一个地方或单位，请加入名册"
                ),
                (
                    "新林镇铭新村",
                    "是不是“新林镇茗新村”？如确是另一个地方或单位，请加入名册"
                ),
            ]
        );
    }
}
