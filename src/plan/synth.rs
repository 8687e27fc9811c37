//! Synthetic plans of any size, built from the 峨边 plan: for benchmarks and load tests.

use rust_decimal::Decimal;

/// 10.25 万元 a project: exercises decimals while keeping the total exact.
fn each() -> Decimal {
    Decimal::new(1025, 2)
}

/// A valid plan (TOML text) with `n` projects spread over five categories, whose amounts
/// add up to the declared funding. Checks clean without a roster.
pub fn plan_with_projects(n: usize) -> String {
    let base = include_str!("../../plans/ebian-2023.toml");
    let head = base
        .split("[[plan.categories]]")
        .next()
        .unwrap_or(base)
        .replace("roster = \"ebian-roster.toml\"\n", "")
        .replace(
            "funding = 3900",
            &format!("funding = {}", each() * Decimal::from(n)),
        );
    let mut s = head;
    let names = ["产业合作", "劳务协作", "人才交流", "消费帮扶", "改善民生"];
    let per = n.div_ceil(names.len()).max(1);
    let mut made = 0;
    for (c, name) in names.iter().enumerate() {
        if made >= n {
            break;
        }
        s.push_str(&format!(
            "[[plan.categories]]\nname = \"{name}\"\nheading = \"第{c}类{name}\"\nintro = \"{name}的总体安排。\"\n\n"
        ));
        for _ in 0..per.min(n - made) {
            made += 1;
            s.push_str(&format!(
                "[[plan.categories.projects]]\nname = \"第{made}号示例建设项目\"\namount = {}\n\
                 content = \"建设示例设施约{made}平方米，配套道路和管网\"\nbenefit = \"带动{made}户脱贫户增收\"\n\
                 location = \"峨边\"\nleader = \"欧其月布\"\ndepartment = \"县农业农村局\"\n\
                 implementer = \"县农业农村局\"\ndeadline = 2023-10-30\nlinkage = \"带动脱贫户务工增收\"\n\
                 ownership = \"村集体\"\n\n",
                each()
            ));
        }
    }
    s
}

/// Like [`plan_with_projects`], with the long texts real tables carry (a few hundred
/// characters of content and linkage per project).
pub fn plan_with_long_projects(n: usize) -> String {
    let long = "新建产业园区配套道路、管网、冷链仓储和加工车间，购置分拣包装设备，配套建设电商服务站和培训教室，".repeat(4);
    plan_with_projects(n)
        .replace(
            "content = \"建设示例设施约",
            &format!("content = \"{long}建设示例设施约"),
        )
        .replace(
            "linkage = \"带动脱贫户务工增收\"",
            &format!("linkage = \"{long}带动脱贫户务工增收\""),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_plans_check_clean() {
        for n in [1, 7, 200] {
            let loaded = crate::plan::load_str("synth.toml", &plan_with_projects(n)).unwrap();
            let out = crate::check::check_loaded(loaded, &Default::default());
            assert_eq!(
                out.errors() + out.warnings(),
                0,
                "{n}: {:#?}",
                out.reports[0].diags
            );
            assert_eq!(out.checked.unwrap().figures.project_count, n);
        }
    }
}
