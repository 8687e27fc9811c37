//! Roster: places, units and leaders should be names the office knows.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Warning;

pub(crate) const RULES: &[Rule] = &[Rule {
    code: "roster-unknown",
    severity: Warning,
    doc: "地点、单位、责任领导应在名册中（附最接近的写法，如 峡边→峨边）",
    check: unknown,
}];

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
}
