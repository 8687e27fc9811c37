//! Headings typed with their numbers: the numbers are generated from the level, so
//! "一、基本原则" would print as "一、一、基本原则".

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::model::{Block, Section};

pub(crate) const RULES: &[Rule] = &[Rule {
    code: "heading-numbered",
    severity: Error,
    doc: "章节标题、小标题、类别名称和项目名称不写序号（一、（一）1.），序号按层级自动加上",
    check: numbered,
}];

const NUMERALS: &str = "零一二三四五六七八九十百两";

/// The length in bytes of the numbering that opens `text` ("一、", "（一）1、", "(2)", "3.",
/// "①"), or `None`.
pub(crate) fn numbering(text: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(n) = one_number(&text[at..]) {
        at += n;
        at += text[at..].len() - text[at..].trim_start().len();
    }
    (at > 0 && at < text.len()).then_some(at)
}

fn one_number(s: &str) -> Option<usize> {
    let is_num = |c: char| NUMERALS.contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c);
    if let Some(c) = s.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        return Some(c.len_utf8());
    }
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = s.strip_prefix(open) {
            let n = rest.len() - rest.trim_start_matches(is_num).len();
            if n > 0 && rest[n..].starts_with(close) {
                return Some(open.len() + n + close.len());
            }
        }
    }
    let n = s.len() - s.trim_start_matches(is_num).len();
    let rest = &s[n..];
    let mark = rest.chars().next()?;
    let follows_digit = rest[mark.len_utf8()..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    let ok = match mark {
        '、' => true,
        // "1." but not "1.5万亩"; Chinese numerals take 、 only.
        '.' | '．' | ')' | '）' => {
            s.starts_with(|c: char| !NUMERALS.contains(c)) && !follows_digit
        }
        _ => false,
    };
    (n > 0 && ok).then(|| n + mark.len_utf8())
}

fn numbered(ctx: &Ctx) -> Vec<Hit> {
    let mut named: Vec<(FieldPath, &str, &str)> = Vec::new();
    for (i, sec) in ctx.file.plan.sections.iter().enumerate() {
        section(FieldPath::of("plan.sections").index(i), sec, &mut named);
    }
    for g in ctx.groups() {
        named.push((g.path.key("name"), &g.category.name, "类别名称"));
        named.push((g.path.key("heading"), &g.category.heading, "类别标题"));
    }
    for p in ctx.projects() {
        named.push((p.path().key("name"), &p.project.name, "项目名称"));
    }
    named
        .into_iter()
        .filter_map(|(path, text, what)| {
            let n = numbering(text)?;
            let (number, rest) = (text[..n].trim_end(), text[n..].trim_start());
            Some(
                Hit::new(
                    path,
                    format!("{what}“{text}”自带序号“{number}”，印出来会重复（序号是自动加的）"),
                    format!("去掉序号，写作“{rest}”"),
                )
                .within(0..text[..n].trim_end().len()),
            )
        })
        .collect()
}

fn section<'a>(at: FieldPath, sec: &'a Section, out: &mut Vec<(FieldPath, &'a str, &'a str)>) {
    out.push((at.key("heading"), &sec.heading, "标题"));
    for (i, b) in sec.paragraphs.iter().enumerate() {
        if let Block::RunIn { run_in, .. } = b {
            out.push((
                at.key("paragraphs").index(i).key("run_in"),
                run_in,
                "小标题",
            ));
        }
    }
    for (i, sub) in sec.sections.iter().enumerate() {
        section(at.key("sections").index(i), sub, out);
    }
}

#[cfg(test)]
mod tests {
    use super::numbering;
    use crate::plan::model::Block;
    use crate::rules::testutil::{ebian, hits};

    #[test]
    fn numberings_are_recognised() {
        for (text, number) in [
            ("一、基本原则", "一、"),
            ("十二、组织保障", "十二、"),
            ("（一）1、高度重视", "（一）1、"),
            ("(2)强化协调", "(2)"),
            ("3.产业发展类", "3."),
            ("１．产业", "１．"),
            ("①高度重视", "①"),
            ("4）项目", "4）"),
        ] {
            assert_eq!(
                numbering(text).map(|n| text[..n].trim_end()),
                Some(number),
                "{text}"
            );
        }
        for text in [
            "2023年东西部协作",
            "1.5万亩粮经复合",
            "“1+3”产业环线",
            "十分重要",
            "三类人群帮扶",
            "一",
            "一、",
        ] {
            assert_eq!(numbering(text), None, "{text}");
        }
    }

    #[test]
    fn numbered_headings_names_and_run_ins_are_errors() {
        let mut f = ebian().file;
        assert!(hits("heading-numbered", &f).is_empty());
        f.plan.sections[0].heading = "一、基本原则".into();
        f.plan.categories[1].name = "2.劳务协作".into();
        if let Block::RunIn { run_in, .. } = &mut f.plan.sections[2].paragraphs[0] {
            *run_in = "（一）1、高度重视，加快推进。".into();
        }
        let h = hits("heading-numbered", &f);
        let brief: Vec<(String, Option<std::ops::Range<usize>>, &str)> = h
            .iter()
            .map(|h| (h.path.to_string(), h.within.clone(), h.hint.as_str()))
            .collect();
        assert_eq!(
            brief,
            [
                (
                    "plan.sections[0].heading".into(),
                    Some(0..6),
                    "去掉序号，写作“基本原则”"
                ),
                (
                    "plan.sections[2].paragraphs[0].run_in".into(),
                    Some(0..13),
                    "去掉序号，写作“高度重视，加快推进。”"
                ),
                (
                    "plan.categories[1].name".into(),
                    Some(0..2),
                    "去掉序号，写作“劳务协作”"
                ),
            ]
        );
    }
}
