//! Headings typed with their numbers: the numbers are generated from the level, so
//! "一、基本原则" would print as "一、一、基本原则".

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::model::{Block, Section};
use crate::plan::numbering::{chinese_numeral, number};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "heading-numbered",
        severity: Error,
        doc: "章节标题、小标题、类别名称和项目名称不写序号（一、（一）1.），序号按层级自动加上",
        check: numbered,
    },
    Rule {
        code: "heading-sequence",
        severity: Error,
        doc: "正文段落开头自己写的序号（一、（一）1.（1））不能重复或跳号",
        check: sequence,
    },
];

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

/// The level (1 to 5, as `numbering::number` writes them) and value of the number a
/// paragraph opens with: 一、 （二） 3. （4） ⑤.
fn typed_number(text: &str) -> Option<(u8, usize)> {
    let chinese = |s: &str| (1..100).find(|n| chinese_numeral(*n) == s);
    let arabic = |s: &str| s.parse::<usize>().ok().filter(|n| *n > 0);
    let first = text.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return Some((5, first as usize - '①' as usize + 1));
    }
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = text.strip_prefix(open) {
            let inner = &rest[..rest.find(close)?];
            return chinese(inner)
                .map(|n| (2, n))
                .or_else(|| arabic(inner).map(|n| (4, n)));
        }
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let rest = &text[digits..];
        let mark = rest.starts_with(['.', '．', '、']);
        let decimal =
            rest[rest.chars().next()?.len_utf8()..].starts_with(|c: char| c.is_ascii_digit());
        return (mark && !decimal).then(|| (3, arabic(&text[..digits])).1.map(|n| (3, n)))?;
    }
    let end = text.find('、')?;
    chinese(&text[..end]).map(|n| (1, n))
}

/// Lists of paragraphs whose numbers a clerk types: the notice's body, the preamble, and
/// each section's plain paragraphs.
fn paragraph_lists<'a>(ctx: &Ctx<'a>) -> Vec<Vec<(FieldPath, &'a str)>> {
    fn walk<'a>(at: FieldPath, sec: &'a Section, out: &mut Vec<Vec<(FieldPath, &'a str)>>) {
        let list = sec
            .paragraphs
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Text(t) => Some((at.key("paragraphs").index(i), t.as_str())),
                Block::RunIn { .. } => None,
            })
            .collect();
        out.push(list);
        for (i, sub) in sec.sections.iter().enumerate() {
            walk(at.key("sections").index(i), sub, out);
        }
    }
    let indexed = |key: &str, list: &'a [String]| {
        list.iter()
            .enumerate()
            .map(|(i, t)| (FieldPath::of(key).index(i), t.as_str()))
            .collect()
    };
    let mut out = vec![
        indexed("notice.body", &ctx.file.notice.body),
        indexed("plan.preamble", &ctx.file.plan.preamble),
    ];
    for (i, sec) in ctx.file.plan.sections.iter().enumerate() {
        walk(FieldPath::of("plan.sections").index(i), sec, &mut out);
    }
    out
}

/// A typed number that repeats or skips the one before it at its level (a higher level's
/// number starts the lower ones afresh; a list may start again at 1).
fn sequence(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for list in paragraph_lists(ctx) {
        let mut last: [Option<usize>; 6] = [None; 6];
        for (path, text) in list {
            let text_start = text.len() - text.trim_start().len();
            let Some((level, n)) = typed_number(text.trim_start()) else {
                continue;
            };
            let l = usize::from(level);
            if let Some(prev) = last[l]
                && n != prev + 1
                && n != 1
            {
                let typed = &text[text_start..][..numbering(text.trim_start()).unwrap_or(0)];
                let want = number(level, prev + 1);
                let what = if n == prev {
                    "重复了"
                } else {
                    "不接上一个序号"
                };
                out.push(
                    Hit::new(
                        path,
                        format!(
                            "段首的序号“{}”{what}（上一个是“{}”）",
                            typed.trim_end(),
                            number(level, prev)
                        ),
                        format!("改为“{want}”，并核对后面各段的序号"),
                    )
                    .within(text_start..text_start + typed.trim_end().len()),
                );
            }
            last[l] = Some(n);
            last[l + 1..].fill(None);
        }
    }
    out
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
    fn typed_numbers_that_repeat_or_skip() {
        let mut f = ebian().file;
        f.notice.body = [
            "一、总体要求",
            "（一）目标",
            "（二）原则",
            "二、重点任务",
            "（一）产业",
            "1.种植",
            "2.养殖",
            "2.加工",
            "三、保障措施",
            "五、其他",
        ]
        .map(String::from)
        .to_vec();
        let h = hits("heading-sequence", &f);
        let found: Vec<(String, &str, &str)> = h
            .iter()
            .map(|h| {
                let i: usize = h.path.to_string()[12..13].parse().unwrap();
                (
                    h.path.to_string(),
                    &f.notice.body[i][h.within.clone().unwrap()],
                    h.hint.as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "notice.body[7]".into(),
                    "2.",
                    "改为“3.”，并核对后面各段的序号"
                ),
                (
                    "notice.body[9]".into(),
                    "五、",
                    "改为“四、”，并核对后面各段的序号"
                ),
            ]
        );
        // Numbers in the middle of a sentence, decimals and restarts are left alone.
        f.notice.body = [
            "一、甲",
            "1.5万亩",
            "二、乙",
            "一、丙",
            "（1）子",
            "（2）子",
            "2023年",
        ]
        .map(String::from)
        .to_vec();
        assert!(hits("heading-sequence", &f).is_empty());
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
