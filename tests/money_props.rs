//! Property tests on money: exact sums, shares summing to exactly 100, formats that
//! round-trip, and no precision lost at four decimals up to 10^9 万元.

use proptest::prelude::*;
use rust_decimal::Decimal;

use gongwen::plan::figures::shares;
use gongwen::plan::money::{fmt_decimal, parse_amount};
use gongwen::plan::{Figures, load_str};

/// An amount in 万元: up to 10^9 with up to four decimals.
fn amount() -> impl Strategy<Value = Decimal> {
    (1i64..=10_000_000_000_000i64, 0u32..=4).prop_map(|(m, scale)| {
        let d = Decimal::new(m, 4);
        d.round_dp(scale).max(Decimal::new(1, 4))
    })
}

proptest! {
    #[test]
    fn shares_add_to_exactly_100_and_stay_within_a_hundredth(parts in prop::collection::vec(amount(), 1..40)) {
        let total: Decimal = parts.iter().copied().sum();
        let s = shares(&parts, total).unwrap();
        prop_assert_eq!(s.iter().copied().sum::<Decimal>(), Decimal::from(100));
        for (p, share) in parts.iter().zip(&s) {
            let exact = *p * Decimal::from(100) / total;
            prop_assert!((exact - share).abs() < Decimal::new(1, 2), "{} vs {}", exact, share);
            prop_assert!(share.scale() <= 2);
        }
    }

    #[test]
    fn printed_amounts_parse_back_to_themselves(d in amount()) {
        let text = fmt_decimal(d);
        prop_assert_eq!(parse_amount(&text).unwrap(), d.normalize());
    }

    #[test]
    fn spreadsheet_floats_carry_four_decimals_up_to_a_billion_exactly(d in amount()) {
        // The XLSX boundary: nearest f64 of the decimal text, back through the shortest text.
        let f: f64 = fmt_decimal(d).parse().unwrap();
        let back: Decimal = f.to_string().parse().unwrap();
        prop_assert_eq!(back.round_dp(4).normalize(), d.normalize());
    }

    #[test]
    fn a_plan_file_keeps_every_digit_and_its_figures_add_up(cats in prop::collection::vec(prop::collection::vec(amount(), 1..6), 1..6)) {
        let src = plan_text(&cats);
        let loaded = load_str("p.toml", &src).unwrap();
        let figures = Figures::of(&loaded.value.plan);
        for (c, amounts) in cats.iter().enumerate() {
            let read: Vec<Decimal> = loaded.value.plan.categories[c].projects.iter().map(|p| p.amount.value()).collect();
            prop_assert_eq!(&read, amounts);
            prop_assert_eq!(figures.categories[c].subtotal, amounts.iter().copied().sum::<Decimal>());
        }
        prop_assert_eq!(figures.categories.iter().map(|c| c.subtotal).sum::<Decimal>(), figures.total);
        prop_assert_eq!(figures.total, cats.iter().flatten().copied().sum::<Decimal>());
        let shares: Decimal = figures.categories.iter().filter_map(|c| c.share).sum();
        prop_assert_eq!(shares, Decimal::from(100));
        // The declared funding written as the exact total checks clean of sum errors.
        let outcome = gongwen::check::check_loaded(loaded, &Default::default());
        prop_assert!(outcome.reports[0].diags.iter().all(|d| d.code != "sum-funding"));
    }
}

/// A minimal plan whose categories hold `cats` (amounts written as TOML floats/integers).
fn plan_text(cats: &[Vec<Decimal>]) -> String {
    let total: Decimal = cats.iter().flatten().copied().sum();
    let mut s = format!(
        r#"[notice]
format = "文件"
issuer = "某县人民政府办公室"
mark = "某县人民政府办公室"
doc_number = "某府办函〔2023〕1号"
title = "关于印发某县2023年项目计划的通知"
recipients = ["各乡镇"]
body = ["现予印发。"]
signer = "某县人民政府办公室"
date = 2023-02-07
issue_date = 2023-02-07
printed_by = "某县人民政府办公室"
disclosure = "主动公开"

[plan]
title = "某县2023年项目计划"
year = 2023
program = "东西部协作"
funding = {}
annex = {{ title = "某县2023年项目计划表" }}

[[plan.sections]]
heading = "工作任务"
projects = true
"#,
        fmt_decimal(total)
    );
    let mut n = 0;
    for (c, amounts) in cats.iter().enumerate() {
        s.push_str(&format!(
            "\n[[plan.categories]]\nname = \"类别{c}\"\nheading = \"类别{c}\"\n"
        ));
        for a in amounts {
            n += 1;
            s.push_str(&format!(
                "\n[[plan.categories.projects]]\nname = \"项目{n}\"\namount = {}\ncontent = \"内容\"\nlocation = \"某地\"\nleader = \"某人\"\ndepartment = \"某局\"\nimplementer = \"某局\"\ndeadline = 2023-10-30\n",
                fmt_decimal(*a)
            ));
        }
    }
    s
}
