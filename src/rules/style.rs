//! Writing conventions real notices still get wrong: half-width brackets in Chinese text,
//! 、 between book titles, 万 without 元, zero-padded dates, a cited 文号 left as 〔2022〕xx号,
//! an urgency written into the title.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::{Error, Warning};
use crate::plan::FieldPath;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "text-halfwidth-bracket",
        severity: Warning,
        doc: "中文里的括号用全角（）：“新(改)建”写作“新（改）建”",
        check: halfwidth_brackets,
    },
    Rule {
        code: "text-title-marks-dunhao",
        severity: Warning,
        doc: "并列的书名号之间不加顿号：《A》、《B》写作《A》《B》",
        check: dunhao_between_titles,
    },
    Rule {
        code: "text-wan-without-yuan",
        severity: Warning,
        doc: "金额写全单位：“安排资金3900万”写作“3900万元”",
        check: wan_without_yuan,
    },
    Rule {
        code: "text-date-padded",
        severity: Warning,
        doc: "日期中的月、日不编虚位：2023年03月30日写作2023年3月30日",
        check: padded_dates,
    },
    Rule {
        code: "wenhao-cited-placeholder",
        severity: Error,
        doc: "文中引用的文号不能留着占位符（〔2022〕xx号、〔20XX〕号）",
        check: cited_placeholder,
    },
    Rule {
        code: "title-urgency",
        severity: Warning,
        doc: "紧急程度（特急、加急）不写进标题，写在 urgency 中，印在版头",
        check: urgency_in_title,
    },
];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”')
}

/// Each pair of half-width brackets with Chinese just outside or inside it.
fn halfwidth_brackets(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        let mut from = 0;
        while let Some(open) = text[from..].find('(').map(|p| from + p) {
            let Some(close) = text[open..].find(')').map(|p| open + p) else {
                break;
            };
            from = close + 1;
            let near = [
                text[..open].chars().next_back(),
                text[open + 1..].chars().next(),
                text[..close].chars().next_back(),
                text[close + 1..].chars().next(),
            ];
            if !near.into_iter().flatten().any(is_cjk) {
                continue;
            }
            let inner = &text[open + 1..close];
            out.push(
                Hit::new(
                    path.clone(),
                    format!("中文里用了半角括号“({inner})”"),
                    format!("改为全角括号“（{inner}）”"),
                )
                .within(open..close + 1),
            );
        }
    }
    out
}

fn dunhao_between_titles(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        for (p, m) in text.match_indices("》、《") {
            let dun = p + "》".len();
            out.push(
                Hit::new(
                    path.clone(),
                    "并列的书名号之间加了顿号“、”",
                    "去掉书名号之间的顿号：《A》《B》（GB/T 15834 4.15.3）",
                )
                .within(dun..p + m.len() - "《".len()),
            );
        }
    }
    out
}

/// Words that make a clause about money.
const MONEY_WORDS: &[&str] = &[
    "资金", "投资", "安排", "下达", "补助", "奖补", "拨付", "预算",
];

/// "3900万" followed by 资金, punctuation or the end, in a clause about money.
fn wan_without_yuan(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        for (p, _) in text.match_indices('万') {
            let digits = text[..p]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || ('０'..='９').contains(c))
                .last()
                .map(|(i, _)| i);
            let Some(start) = digits else { continue };
            let after = &text[p + '万'.len_utf8()..];
            let ends = after.is_empty()
                || after.starts_with("资金")
                || after.starts_with(['，', '。', '；', '、', '）', ',', ';']);
            let clause = &text[text[..start].rfind(['，', '。', '；']).map_or(0, |c| c + 3)..start];
            let about_money =
                after.starts_with("资金") || MONEY_WORDS.iter().any(|w| clause.contains(w));
            if ends && about_money {
                let figure = &text[start..p];
                out.push(
                    Hit::new(
                        path.clone(),
                        format!("金额“{figure}万”没有写“元”"),
                        format!("写作“{figure}万元”"),
                    )
                    .within(start..p + '万'.len_utf8()),
                );
            }
        }
    }
    out
}

/// A 0 before a month or a day ("2023年03月", "3月05日").
fn padded_dates(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        let b = text.as_bytes();
        for (p, unit) in text.match_indices(['月', '日']) {
            let two = p >= 2 && b[p - 2] == b'0' && b[p - 1].is_ascii_digit() && b[p - 1] != b'0';
            // Bytes p-2 and p-1 are ASCII digits, so p-2 is a char boundary.
            let lone = two && (p < 3 || !b[p - 3].is_ascii_digit());
            let follows = |c: char| lone && text[..p - 2].ends_with(c);
            if follows(if unit == "日" { '月' } else { '年' }) {
                let digit = (b[p - 1] as char).to_string();
                out.push(
                    Hit::new(
                        path.clone(),
                        format!("日期中的“0{digit}{unit}”编了虚位"),
                        format!("写作“{digit}{unit}”：月、日不编虚位（GB/T 9704 7.3.5.2）"),
                    )
                    .within(p - 2..p - 1),
                );
            }
        }
    }
    out
}

/// Characters a clerk leaves for a number not yet known.
fn placeholder_char(c: char) -> bool {
    matches!(
        c,
        'x' | 'X' | 'ｘ' | 'Ｘ' | '×' | '某' | '○' | '〇' | '？' | '?' | '*' | '＊' | '□'
    )
}

/// 〔2022〕xx号 or 〔20XX〕号 in a text that cites another document.
fn cited_placeholder(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        let key = path.to_string();
        if key.ends_with("doc_number") || key.ends_with("notice_number") {
            continue;
        }
        for (open, _) in text.match_indices('〔') {
            let Some(close) = text[open..].find('〕').map(|c| open + c) else {
                continue;
            };
            let year = &text[open + '〔'.len_utf8()..close];
            let rest = &text[close + '〕'.len_utf8()..];
            // The sequence: what stands before a 号 within a few characters.
            let seq_end = rest
                .char_indices()
                .take(6)
                .find(|(_, c)| *c == '号')
                .map(|(i, _)| i);
            let seq = seq_end.map_or("", |e| &rest[..e]);
            let figure = |c: char| c.is_ascii_digit() || placeholder_char(c);
            if year.chars().count() != 4 || !year.chars().all(figure) || !seq.chars().all(figure) {
                continue;
            }
            if !year.chars().any(placeholder_char) && !seq.chars().any(placeholder_char) {
                continue;
            }
            let end = close + '〕'.len_utf8() + seq_end.map_or(0, |e| e + '号'.len_utf8());
            out.push(
                Hit::new(
                    path.clone(),
                    format!("引用的文号“{}”还是占位符", &text[open..end]),
                    "查到所引文件的文号后照抄（年份四位、序号不编虚位），不清楚的可以只写文件标题",
                )
                .within(open..end),
            );
        }
    }
    out
}

fn urgency_in_title(ctx: &Ctx) -> Vec<Hit> {
    let title = &ctx.file.notice.title;
    let marks = ["特急", "加急"];
    let Some((at, word)) = marks
        .iter()
        .filter_map(|m| title.find(m).map(|p| (p, *m)))
        .min()
        .or_else(|| title.starts_with("紧急").then_some((0, "紧急")))
    else {
        return vec![];
    };
    let field = if word == "特急" { "特急" } else { "加急" };
    vec![
        Hit::new(
            FieldPath::of("notice.title"),
            format!("标题中写了紧急程度“{word}”"),
            format!(
                "从标题中删去“{word}”，在 [notice] 中写 urgency = \"{field}\"：紧急程度印在版头左上角"
            ),
        )
        .within(at..at + word.len()),
    ]
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, hits};

    /// What each rule's carets cover when `text` is the notice's body.
    fn caught(code: &str, text: &str) -> Vec<String> {
        let mut f = ebian().file;
        f.notice.body = vec![text.to_string()];
        hits(code, &f)
            .into_iter()
            .filter(|h| h.path.to_string() == "notice.body[0]")
            .map(|h| text[h.within.unwrap()].to_string())
            .collect()
    }

    #[test]
    fn mistakes_are_caught_where_they_are() {
        for (code, text, part) in [
            ("text-halfwidth-bracket", "新(改)建道路", "(改)"),
            ("text-halfwidth-bracket", "重症监护(ICU)", "(ICU)"),
            (
                "text-title-marks-dunhao",
                "根据《办法》、《细则》要求",
                "、",
            ),
            ("text-wan-without-yuan", "安排资金3900万，用于", "3900万"),
            ("text-wan-without-yuan", "下达3900万资金", "3900万"),
            ("text-date-padded", "于2023年03月30日前完成", "0"),
            ("text-date-padded", "3月05日前", "0"),
            (
                "wenhao-cited-placeholder",
                "按照《通知》（川乡振发〔2022〕xx号）",
                "〔2022〕xx号",
            ),
            (
                "wenhao-cited-placeholder",
                "（峨府发〔20XX〕号）",
                "〔20XX〕号",
            ),
        ] {
            assert_eq!(caught(code, text), [part], "{code}: {text}");
        }
    }

    #[test]
    fn true_sentences_are_left_alone() {
        for text in [
            "带动就业1.5万人，种植3万亩（其中新建1万亩）",
            "根据《办法》和《细则》要求，参照《四川省东西部协作和对口支援工作领导小组办公室关于报送2023年东西部协作项目资金计划的通知》",
            "安排资金3900万元，2023年10月30日前完成，2023年10月10日验收",
            "公式f(x) = x",
            "按照《通知》（川乡振发〔2022〕12号）要求",
        ] {
            for code in [
                "text-halfwidth-bracket",
                "text-title-marks-dunhao",
                "text-wan-without-yuan",
                "text-date-padded",
                "wenhao-cited-placeholder",
            ] {
                let c = caught(code, text);
                assert!(c.is_empty(), "{code}: {text}: {c:?}");
            }
        }
    }

    #[test]
    fn an_urgency_belongs_in_its_field() {
        let mut f = ebian().file;
        assert!(hits("title-urgency", &f).is_empty());
        f.notice.title = "关于做好防汛工作的紧急通知".into();
        assert!(hits("title-urgency", &f).is_empty());
        f.notice.title = format!("特急：{}", ebian().file.notice.title);
        let h = hits("title-urgency", &f);
        assert!(h[0].hint.contains("urgency = \"特急\""), "{}", h[0].hint);
    }
}
