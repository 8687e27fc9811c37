//! Text: punctuation of names, outdated terms, invisible characters, sizes.

use super::{Ctx, Hit, Rule, picked};
use crate::diag::Severity::{Error, Warning};
use crate::plan::FieldPath;
use crate::plan::hanzi::{simplified, simplified_of};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "text-trailing-punct",
        severity: Error,
        doc: "附件名称和主送机关名称末尾不加标点",
        check: trailing_punct,
    },
    Rule {
        code: "text-outdated-term",
        severity: Warning,
        doc: "2021 年以后的方案不再使用“贫困户”“建档立卡”“扶贫资金”等脱贫攻坚期的提法（附现在的说法）",
        check: outdated_terms,
    },
    Rule {
        code: "text-traditional",
        severity: Warning,
        doc: "文字用简体字：繁体字（產業、戶、綠）附简体写法",
        check: traditional,
    },
    Rule {
        code: "text-invisible-char",
        severity: Error,
        doc: "文字中不得有控制字符、零宽字符或双向文字控制符",
        check: invisible,
    },
    Rule {
        code: "text-too-long",
        severity: Error,
        doc: "名称和标题不超过 200 字，其他文字不超过 10000 字",
        check: too_long,
    },
];

const PUNCT: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '.', ',', ';', ':', '!', '?', '…',
];

fn trailing_punct(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let mut named: Vec<(FieldPath, &str, &str)> = n
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                FieldPath::of("notice.recipients").index(i),
                r.as_str(),
                "主送机关",
            )
        })
        .collect();
    for (at, a) in ctx.file.plan.annex.each() {
        named.push((at.key("title"), &a.title, "附件名称"));
    }
    named
        .into_iter()
        .filter_map(|(path, text, what)| {
            let last = text.trim_end().chars().last()?;
            PUNCT.contains(&last).then(|| {
                let fixed = text.trim_end().trim_end_matches(PUNCT);
                let tail = fixed.len()..text.trim_end().len();
                Hit::new(
                    path,
                    format!("{what}“{text}”末尾有标点“{last}”"),
                    format!(
                        "去掉末尾的标点，写作“{fixed}”；{}",
                        if what == "主送机关" {
                            "主送机关之间的“、”和最后的“：”会自动加上"
                        } else {
                            "附件说明中的名称后不加标点"
                        }
                    ),
                )
                .within(tail)
            })
        })
        .collect()
}

/// Terms of the 脱贫攻坚 period (to 2020) and their 乡村振兴 wording since 2021, longest first
/// where one holds another.
const OUTDATED: &[(&str, &str)] = &[
    ("建档立卡贫困户", "脱贫户"),
    ("建档立卡贫困人口", "脱贫人口"),
    ("建档立卡", "脱贫人口（或防止返贫监测对象）"),
    ("贫困户", "脱贫户"),
    ("贫困人口", "脱贫人口"),
    ("贫困群众", "脱贫群众"),
    ("贫困劳动力", "脱贫劳动力"),
    ("贫困家庭", "脱贫家庭"),
    ("贫困村", "脱贫村"),
    ("贫困县", "脱贫县"),
    ("贫困地区", "脱贫地区"),
    ("东西部扶贫协作", "东西部协作"),
    ("扶贫资金", "衔接资金"),
    ("扶贫项目", "衔接资金项目"),
    ("扶贫车间", "就业帮扶车间"),
    ("产业扶贫", "产业帮扶"),
    ("消费扶贫", "消费帮扶"),
    ("就业扶贫", "就业帮扶"),
    ("扶贫办", "乡村振兴局"),
    ("脱贫攻坚", "巩固拓展脱贫攻坚成果"),
];

/// Whether the term at `at` is the old wording: 脱贫攻坚 is current inside 巩固拓展脱贫攻坚成果
/// and as history (脱贫攻坚期, 脱贫攻坚战).
fn outdated_at(text: &str, at: usize, term: &str) -> bool {
    let after = &text[at + term.len()..];
    term != "脱贫攻坚"
        || !["成果", "期", "战", "时期"]
            .iter()
            .any(|w| after.starts_with(w))
}

fn outdated_terms(ctx: &Ctx) -> Vec<Hit> {
    if ctx.file.plan.year <= 2021 {
        return vec![];
    }
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        // Every term holds 贫 or is 建档立卡: most texts are passed over at memchr speed.
        if !text.contains('贫') && !text.contains("建档立卡") {
            continue;
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < text.len() {
            // The longest term at each place, so 建档立卡贫困户 is reported once.
            let found = OUTDATED
                .iter()
                .filter(|(t, _)| text[i..].starts_with(t) && outdated_at(text, i, t))
                .max_by_key(|(t, _)| t.len());
            let Some((term, now)) = found else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            if !seen.contains(term) {
                seen.push(term);
                out.push(
                    Hit::new(
                        path.clone(),
                        format!(
                            "“{term}”是脱贫攻坚期的提法，{} 年的方案不宜再用",
                            ctx.file.plan.year
                        ),
                        format!("改为“{now}”"),
                    )
                    .within(i..i + term.len()),
                );
            }
            i += term.len();
        }
    }
    out
}

fn traditional(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        let Some((forms, span)) = picked(text, |c| simplified_of(c).is_some()) else {
            continue;
        };
        let mut pairs: Vec<String> = forms
            .iter()
            .filter_map(|t| Some(format!("{t}→{}", simplified_of(*t)?)))
            .collect();
        pairs.dedup();
        let pairs = pairs.into_iter().take(8).collect::<Vec<_>>().join("、");
        let hint = if text.chars().count() <= 40 {
            format!("改为简体：“{}”", simplified(text))
        } else {
            format!("改为简体：{pairs}")
        };
        out.push(
            Hit::new(
                path.clone(),
                format!("有繁体字：{pairs}（繁体字不算作同一个词，产业类项目等检查会漏掉；字体中缺的还会印成另一种字体）"),
                hint,
            )
            .within(span),
        );
    }
    out
}

/// Characters that print nothing, move text, or break lines inside a field.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn invisible(ctx: &Ctx) -> Vec<Hit> {
    ctx.texts()
        .iter()
        .filter_map(|(path, text)| {
            let (at, c) = text.char_indices().find(|(_, c)| is_invisible(*c))?;
            let pos = text[..at].chars().count();
            Some(
                Hit::new(
                    path.clone(),
                    format!("第 {} 个字处有看不见的字符 U+{:04X}", pos + 1, u32::from(c)),
                    "这类字符多半是从网页或聊天软件复制带来的：删去后重新输入这一处；一段文字中不要换行",
                )
                .within(at..at + c.len_utf8()),
            )
        })
        .collect()
}

const SHORT_KEYS: &[&str] = &[
    "name",
    "title",
    "heading",
    "mark",
    "issuer",
    "signer",
    "doc_number",
];

fn too_long(ctx: &Ctx) -> Vec<Hit> {
    ctx.texts()
        .iter()
        .filter_map(|(path, text)| {
            let short = matches!(path.0.last(), Some(crate::plan::path::Seg::Key(k)) if SHORT_KEYS.contains(&k.as_str()));
            let limit = if short { 200 } else { 10_000 };
            // Bytes bound characters from above: count only texts that might be too long.
            if text.len() <= limit {
                return None;
            }
            let n = text.chars().count();
            (n > limit).then(|| {
                Hit::new(
                    path.clone(),
                    format!("文字过长：{n} 字，上限 {limit} 字"),
                    "名称和标题应简短；长段文字请分成几段",
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn names_end_without_punctuation() {
        let mut f = ebian().file;
        assert!(paths("text-trailing-punct", &f).is_empty());
        f.notice.recipients[1] = "县级各相关部门：".into();
        f.plan.annex.first_mut().title.push('。');
        assert_eq!(
            paths("text-trailing-punct", &f),
            ["notice.recipients[1]", "plan.annex.title"]
        );
    }

    #[test]
    fn outdated_terms_warn_after_2021_only() {
        let mut f = ebian().file;
        assert!(paths("text-outdated-term", &f).is_empty());
        f.plan.categories[0].projects[0].benefit = "带动建档立卡贫困户增收".into();
        assert_eq!(
            paths("text-outdated-term", &f),
            ["plan.categories[0].projects[0].benefit"]
        );
        f.plan.year = 2020;
        assert!(paths("text-outdated-term", &f).is_empty());
    }

    #[test]
    fn every_outdated_term_is_pointed_at_with_its_new_wording() {
        let mut f = ebian().file;
        f.plan.preamble[0] =
            "做好脱贫攻坚工作，带动贫困群众和建档立卡贫困户增收，用好扶贫资金。".into();
        let text = f.plan.preamble[0].clone();
        let h = crate::rules::testutil::hits("text-outdated-term", &f);
        let found: Vec<(&str, &str)> = h
            .iter()
            .map(|h| (&text[h.within.clone().unwrap()], h.hint.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("脱贫攻坚", "改为“巩固拓展脱贫攻坚成果”"),
                ("贫困群众", "改为“脱贫群众”"),
                ("建档立卡贫困户", "改为“脱贫户”"),
                ("扶贫资金", "改为“衔接资金”"),
            ]
        );
        // The current wording, and the period named as history, are fine.
        f.plan.preamble[0] =
            "巩固拓展脱贫攻坚成果，脱贫攻坚期内形成的资产，打赢脱贫攻坚战。".into();
        assert!(paths("text-outdated-term", &f).is_empty());
    }

    #[test]
    fn traditional_characters_are_named_with_their_simplified_forms() {
        let mut f = ebian().file;
        assert!(paths("text-traditional", &f).is_empty());
        f.plan.categories[0].name = "產業合作".into();
        let h = crate::rules::testutil::hits("text-traditional", &f);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].path.to_string(), "plan.categories[0].name");
        assert_eq!(h[0].within, Some(0..6));
        assert_eq!(h[0].hint, "改为简体：“产业合作”");
        // 產業 is still 产业 to the industry rule.
        f.plan.categories[0].projects[0].ownership = String::new();
        assert_eq!(
            paths("industry-linkage", &f),
            ["plan.categories[0].projects[0].ownership"]
        );
    }

    #[test]
    fn invisible_characters_are_refused() {
        let mut f = ebian().file;
        assert!(paths("text-invisible-char", &f).is_empty());
        f.plan.categories[1].projects[0].name.insert(3, '\u{200B}');
        f.notice.title.push('\u{202E}');
        f.plan.preamble[0].push('\n');
        assert_eq!(
            paths("text-invisible-char", &f),
            [
                "notice.title",
                "plan.preamble[0]",
                "plan.categories[1].projects[0].name"
            ]
        );
    }

    #[test]
    fn overlong_names_are_refused() {
        let mut f = ebian().file;
        assert!(paths("text-too-long", &f).is_empty());
        f.plan.categories[0].projects[0].name = "项".repeat(201);
        f.plan.categories[0].projects[0].content = "容".repeat(10_000);
        assert_eq!(
            paths("text-too-long", &f),
            ["plan.categories[0].projects[0].name"]
        );
    }
}
