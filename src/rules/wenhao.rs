//! 发文字号: 代字〔年份〕序号号 (GB/T 9704 §7.2.4).

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::docno::{is_close_bracket, is_open_bracket};

pub const RULES: &[Rule] = &[
    Rule {
        code: "wenhao-brackets",
        severity: Error,
        doc: "发文字号的年份用六角括号〔〕，不用 [] 【】 () ［］ 〈〉",
        check: brackets,
    },
    Rule {
        code: "wenhao-year",
        severity: Error,
        doc: "发文字号的年份写全四位，且与成文日期同年",
        check: year,
    },
    Rule {
        code: "wenhao-di",
        severity: Error,
        doc: "发文字号的序号前不加“第”",
        check: di,
    },
    Rule {
        code: "wenhao-leading-zero",
        severity: Error,
        doc: "发文字号的序号不编虚位（7 不写作 07）",
        check: leading_zero,
    },
    Rule {
        code: "wenhao-suffix",
        severity: Error,
        doc: "发文字号以序号和“号”结尾",
        check: suffix,
    },
];

fn at() -> FieldPath {
    FieldPath::of("notice.doc_number")
}

fn text<'a>(ctx: &'a Ctx) -> &'a str {
    &ctx.file.notice.doc_number.text
}

/// A 文号 whose sequence is still 待填写 is reported by `todo-fill`, not here.
fn pending(ctx: &Ctx) -> bool {
    text(ctx).contains(crate::plan::next_year::TODO)
}

fn brackets(ctx: &Ctx) -> Vec<Hit> {
    let t = text(ctx);
    let wrong: Vec<char> = t
        .chars()
        .filter(|c| (is_open_bracket(*c) && *c != '〔') || (is_close_bracket(*c) && *c != '〕'))
        .collect();
    let has_hex = t.contains('〔') && t.contains('〕');
    if wrong.is_empty() && has_hex {
        return vec![];
    }
    let found = if wrong.is_empty() {
        "没有括号".to_string()
    } else {
        format!("用了“{}”", wrong.iter().collect::<String>())
    };
    let fixed: String = t
        .chars()
        .map(|c| {
            if is_open_bracket(c) {
                '〔'
            } else if is_close_bracket(c) {
                '〕'
            } else {
                c
            }
        })
        .collect();
    vec![Hit::new(
        at(),
        format!("发文字号“{t}”的年份括号不对：{found}"),
        format!(
            "年份要用六角括号〔〕，应写作“{fixed}”（输入法中可打“liujiaokuohao”或从本文件复制）"
        ),
    )]
}

fn year(ctx: &Ctx) -> Vec<Hit> {
    let t = text(ctx);
    let signed = ctx.file.notice.date.year();
    match ctx.file.notice.doc_number.year() {
        Some(y) if (1000..=9999).contains(&y) && y == signed => vec![],
        Some(y) if (1000..=9999).contains(&y) => vec![Hit::new(
            at(),
            format!("发文字号的年份 {y} 与成文日期的年份 {signed} 不一致"),
            format!("年初发文时常沿用上一年的文号；此文成文于 {signed} 年，年份应写 {signed}"),
        )],
        _ => vec![Hit::new(
            at(),
            format!("发文字号“{t}”中没有完整的四位年份"),
            format!("写作 代字〔{signed}〕序号号，年份写全四位"),
        )],
    }
}

fn di(ctx: &Ctx) -> Vec<Hit> {
    if pending(ctx) {
        return vec![];
    }
    let t = text(ctx);
    if !t.contains('第') {
        return vec![];
    }
    vec![Hit::new(
        at(),
        format!("发文字号“{t}”的序号前多了“第”"),
        format!("去掉“第”：“{}”", t.replace('第', "")),
    )]
}

fn leading_zero(ctx: &Ctx) -> Vec<Hit> {
    if pending(ctx) {
        return vec![];
    }
    let seq = ctx.file.notice.doc_number.seq_text();
    if seq.len() > 1 && seq.starts_with('0') {
        let trimmed = seq.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        return vec![Hit::new(
            at(),
            format!("发文字号的序号“{seq}”前面补了 0"),
            format!("序号不编虚位，写作“{trimmed}”"),
        )];
    }
    vec![]
}

fn suffix(ctx: &Ctx) -> Vec<Hit> {
    if pending(ctx) {
        return vec![];
    }
    let t = text(ctx);
    let seq = ctx.file.notice.doc_number.seq_text();
    let tail = t
        .chars()
        .rev()
        .skip(1)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if t.ends_with('号') && tail > 0 && !seq.is_empty() {
        return vec![];
    }
    vec![Hit::new(
        at(),
        format!("发文字号“{t}”应以序号和“号”结尾"),
        "写作 代字〔年份〕序号号，如“峨边府办函〔2023〕7号”",
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, hits, paths};

    fn with_number(text: &str) -> crate::plan::PlanFile {
        let mut f = ebian().file;
        f.notice.doc_number.text = text.to_string();
        f
    }

    #[test]
    fn the_seed_number_passes_every_wenhao_rule() {
        let f = ebian().file;
        for code in [
            "wenhao-brackets",
            "wenhao-year",
            "wenhao-di",
            "wenhao-leading-zero",
            "wenhao-suffix",
        ] {
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
}
