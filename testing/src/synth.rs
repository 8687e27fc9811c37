//! Synthetic plans of any size, built from the 峨边 plan: for benchmarks and load tests.

use rust_decimal::Decimal;

/// 10.25 万元 a project: exercises decimals while keeping the total exact.
fn each() -> Decimal {
    Decimal::new(1025, 2)
}

/// The 峨边 plan up to its first category, without its roster (generated names are not in it).
fn ebian_head() -> String {
    let base = include_str!("../../plans/ebian-2023.toml");
    base.split("[[plan.categories]]")
        .next()
        .unwrap_or(base)
        .replace("roster = \"ebian-roster.toml\"\n", "")
}

/// A valid plan (TOML text) with `n` projects spread over five categories, whose amounts
/// add up to the declared funding. Checks clean without a roster.
pub fn plan_with_projects(n: usize) -> String {
    let mut s = ebian_head().replace(
        "funding = 3900",
        &format!("funding = {}", each() * Decimal::from(n)),
    );
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

/// Characters random texts are drawn from: every character of the 峨边 plan (so the bundled
/// fonts cover them), full-width punctuation, and the ASCII that means something to Typst.
fn alphabet() -> Vec<char> {
    let base = include_str!("../../plans/ebian-2023.toml");
    let mut chars: Vec<char> = base
        .chars()
        .chain("，。、；：？！“”‘’（）《》〔〕【】—…·％".chars())
        .chain(r##"#*_$@<>[]{}\/~=-+`'"|^&%!?:;,.0123456789abcxyzABCXYZ"##.chars())
        .filter(|c| !c.is_control() && *c != ' ')
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// A TOML basic string of `len` random characters.
fn random_text(rng: &mut super::mutate::Rng, pool: &[char], len: usize) -> String {
    let text: String = (0..len.max(1))
        .map(|_| pool[rng.below(pool.len())])
        .collect();
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// A valid plan of random shape and content: 1–5 categories of 1–6 projects, texts of random
/// characters (Typst markup among them) and lengths, amounts with up to four decimals that
/// add up to the funding. For render robustness runs: it passes `check`, so it must render.
pub fn random_plan(seed: u64) -> String {
    let mut rng = super::mutate::Rng::new(seed);
    let pool = alphabet();
    let names = ["产业合作", "劳务协作", "人才交流", "消费帮扶", "改善民生"];
    let categories = 1 + rng.below(names.len());
    let mut body = String::new();
    let mut total = Decimal::ZERO;
    let mut made = 0;
    for name in &names[..categories] {
        let len = 1 + rng.below(30);
        let heading = random_text(&mut rng, &pool, len);
        let len = 1 + rng.below(300);
        let intro = random_text(&mut rng, &pool, len);
        body.push_str(&format!(
            "[[plan.categories]]\nname = \"{name}\"\nheading = {heading}\nintro = {intro}\n\n"
        ));
        for _ in 0..1 + rng.below(6) {
            made += 1;
            // 1 to 2,000 万元 with up to four decimals: within what `amount-implausible` takes
            // for one county's projects (no more than 5,000 times apart).
            let amount = Decimal::new(10_000 + rng.below(19_990_000) as i64, 4)
                .round_dp(rng.below(5) as u32)
                .normalize();
            total += amount;
            // The number keeps names unique whatever the random part is.
            let len = 1 + rng.below(60);
            let name = random_text(&mut rng, &pool, len).replacen('"', &format!("\"{made}号"), 1);
            let (month, day) = (3 + rng.below(10), 1 + rng.below(28));
            let mut field = |max: usize| {
                let len = 1 + rng.below(max);
                random_text(&mut rng, &pool, len)
            };
            body.push_str(&format!(
                "[[plan.categories.projects]]\nname = {name}\namount = {amount}\ncontent = {}\n\
                 benefit = {}\nlocation = {}\nleader = {}\ndepartment = {}\nimplementer = {}\n\
                 deadline = 2023-{:02}-{:02}\nlinkage = {}\nownership = {}\n\n",
                field(400),
                field(200),
                field(20),
                field(8),
                field(20),
                field(20),
                month,
                day,
                field(300),
                field(20),
            ));
        }
    }
    ebian_head().replace("funding = 3900", &format!("funding = {total}")) + &body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_plans_check_clean() {
        for n in [1, 7, 200] {
            let loaded = gongwen::plan::load_str("synth.toml", &plan_with_projects(n)).unwrap();
            let out = gongwen::check::check_loaded(loaded, &Default::default());
            assert_eq!(
                out.errors() + out.warnings(),
                0,
                "{n}: {:#?}",
                out.reports[0].diags
            );
            assert_eq!(out.into_checked().unwrap().figures.project_count, n);
        }
    }
}
