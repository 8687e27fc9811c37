//! The 文号 rules, each on numbers that break it and on the seed's that passes.

use crate::rules::testutil::{ebian, hits, paths, with_correction};

fn codes() -> impl Iterator<Item = &'static str> {
    super::RULES.iter().map(|r| r.code)
}

fn with_number(text: &str) -> crate::plan::PlanFile {
    let mut f = ebian().file;
    f.notice.doc_number.text = text.to_string();
    f
}

#[test]
fn the_seed_number_passes_every_wenhao_rule() {
    let f = ebian().file;
    for code in codes() {
        assert!(hits(code, &f).is_empty(), "{code}");
    }
}

#[test]
fn square_and_other_brackets_are_refused() {
    for bad in [
        "峨边府办函[2023]7号",
        "峨边府办函【2023】7号",
        "峨边府办函(2023)7号",
        "峨边府办函［2023］7号",
        "峨边府办函〈2023〉7号",
        "峨边府办函2023年7号",
    ] {
        let h = hits("wenhao-brackets", &with_number(bad));
        assert_eq!(h.len(), 1, "{bad}");
        assert_eq!(h[0].path.to_string(), "notice.doc_number");
    }
    assert!(
        hits("wenhao-brackets", &with_number("峨边府办函[2023]7号"))[0]
            .hint
            .contains("峨边府办函〔2023〕7号")
    );
}

#[test]
fn year_must_be_four_digits_and_the_signing_year() {
    assert_eq!(
        paths("wenhao-year", &with_number("峨边府办函〔2022〕7号")),
        ["notice.doc_number"]
    );
    assert_eq!(
        hits("wenhao-year", &with_number("峨边府办函〔23〕7号")).len(),
        1
    );
}

#[test]
fn di_and_leading_zero_and_suffix() {
    assert_eq!(
        hits("wenhao-di", &with_number("峨边府办函〔2023〕第7号")).len(),
        1
    );
    assert_eq!(
        hits(
            "wenhao-leading-zero",
            &with_number("峨边府办函〔2023〕07号")
        )
        .len(),
        1
    );
    assert!(
        hits(
            "wenhao-leading-zero",
            &with_number("峨边府办函〔2023〕70号")
        )
        .is_empty()
    );
    assert_eq!(
        hits("wenhao-suffix", &with_number("峨边府办函〔2023〕7")).len(),
        1
    );
    assert_eq!(
        hits("wenhao-suffix", &with_number("峨边府办函〔2023〕号")).len(),
        1
    );
}

#[test]
fn every_hint_shows_the_number_with_every_fault_fixed() {
    let f = with_number("峨边府办函(2022)第01号");
    let found: Vec<(&str, String)> = codes()
        .flat_map(|c| hits(c, &f).into_iter().map(move |h| (c, h.hint)))
        .collect();
    let fired: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        fired,
        [
            "wenhao-brackets",
            "wenhao-year",
            "wenhao-di",
            "wenhao-leading-zero"
        ]
    );
    for (code, hint) in &found {
        assert!(hint.contains("“峨边府办函〔2023〕1号”"), "{code}: {hint}");
    }
    // The fixed number passes them all.
    let clean = with_number("峨边府办函〔2023〕1号");
    assert!(codes().all(|c| hits(c, &clean).is_empty()));
}

#[test]
fn the_caret_covers_the_fault_in_the_number() {
    let f = with_number("峨边府办函[2023]第07号");
    let t = &f.notice.doc_number.text;
    let part = |code| {
        let h = hits(code, &f);
        t[h[0].within.clone().unwrap()].to_string()
    };
    assert_eq!(part("wenhao-brackets"), "[2023]");
    assert_eq!(part("wenhao-di"), "第");
    assert_eq!(part("wenhao-leading-zero"), "07");
}

#[test]
fn a_di_in_the_daizi_is_not_before_the_sequence() {
    assert!(hits("wenhao-di", &with_number("第一府函〔2023〕7号")).is_empty());
}

#[test]
fn the_correction_notice_number_is_held_to_the_same_rules() {
    let good = with_correction("峨边府办函〔2023〕9号", (2023, 2, 20));
    for code in codes() {
        assert!(hits(code, &good).is_empty(), "{code}");
    }
    let cases = [
        ("wenhao-brackets", "峨边府办函[2023]9号", (2023, 2, 20)),
        ("wenhao-year", "峨边府办函〔2023〕9号", (2024, 1, 5)),
        ("wenhao-di", "峨边府办函〔2023〕第9号", (2023, 2, 20)),
        (
            "wenhao-leading-zero",
            "峨边府办函〔2023〕09号",
            (2023, 2, 20),
        ),
        ("wenhao-suffix", "峨边府办函〔2023〕9", (2023, 2, 20)),
    ];
    for (code, number, date) in cases {
        let h = hits(code, &with_correction(number, date));
        assert_eq!(h.len(), 1, "{code} {number}");
        assert_eq!(h[0].path.to_string(), "correction.notice_number");
        assert!(
            h[0].message.starts_with("更正通知的文号"),
            "{}",
            h[0].message
        );
    }
}

#[test]
fn spaces_of_any_width_in_a_number_are_an_error() {
    for bad in [
        " 峨边府办函〔2023〕7号",
        "峨边府办函〔2023〕7号\u{3000}",
        "峨边府办函\u{00A0}〔2023〕7号",
        "峨边府办函〔2023〕 7号",
    ] {
        let h = hits("wenhao-space", &with_number(bad));
        assert_eq!(h.len(), 1, "{bad:?}");
        assert!(
            h[0].hint.contains("“峨边府办函〔2023〕7号”"),
            "{}",
            h[0].hint
        );
    }
}
