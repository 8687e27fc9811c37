//! Figures typed in prose: counts (N个项目, N类), amounts (N万元) and shares (N%), each with
//! where it stands in its text and the words before it in its sentence.
//!
//! Only what a sentence says it counts is taken: "12个项目" and "项目12个" count projects,
//! "5类" counts categories when 项目, a number or the end of a clause follows (so "三类人群"
//! is not taken), "第5类" is an ordinal; an amount or share with 约/近/余/多/以上/左右 around
//! it is an estimate and is left alone.

use std::ops::Range;

use rust_decimal::Decimal;

/// What a typed figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Projects,
    Categories,
    /// An amount, in 元 per unit typed (万元: 10000).
    Money(u32),
    /// A percentage, with the decimals typed.
    Share(u32),
}

/// A figure typed in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed<'a> {
    /// Bytes of the figure without its unit ("12个项目" → "12").
    pub at: Range<usize>,
    /// Where its unit ends ("12个项目" → after "个"; "1950万元" → after "元").
    pub end: usize,
    pub value: Decimal,
    pub what: What,
    /// The sentence before the figure (from the last 。；！？).
    pub before: &'a str,
}

impl Typed<'_> {
    /// What it counts, as a unit after the figure ("个项目", "万元", "%").
    pub(crate) fn unit(&self) -> &'static str {
        match self.what {
            What::Projects => "个项目",
            What::Categories => "类",
            What::Money(10_000) => "万元",
            What::Money(100_000_000) => "亿元",
            What::Money(_) => "元",
            What::Share(_) => "%",
        }
    }
}

const SENTENCE_END: &[char] = &['。', '；', '！', '？', ';', '!', '?', '\n'];
const CLAUSE_END: &[char] = &['，', '。', '；', '、', '：', '）', ',', ';', ':', ')'];
const ESTIMATE_BEFORE: &[&str] = &[
    "约",
    "近",
    "超过",
    "超",
    "逾",
    "不少于",
    "不超过",
    "不低于",
    "达到",
];
const ESTIMATE_AFTER: &[&str] = &["余", "多", "以上", "以内", "以下", "左右"];

/// Every figure `text` says it counts.
pub fn figures(text: &str) -> Vec<Typed<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some((len, value, decimals, chinese)) = number_at(&text[i..]) else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let at = i..i + len;
        i += len;
        let before = &text[..at.start];
        let after = &text[at.end..];
        let sentence = &before[before.rfind(SENTENCE_END).map_or(0, |p| {
            p + before[p..].chars().next().map_or(0, char::len_utf8)
        })..];
        if let Some((what, unit)) = what_follows(before, after, decimals, chinese, value) {
            let end =
                at.end + (after.len() - after.trim_start_matches([' ', '\u{3000}']).len()) + unit;
            out.push(Typed {
                at,
                end,
                value,
                what,
                before: sentence,
            });
        }
    }
    out
}

fn what_follows(
    before: &str,
    after: &str,
    decimals: u32,
    chinese: bool,
    value: Decimal,
) -> Option<(What, usize)> {
    let after = after.trim_start_matches([' ', '\u{3000}']);
    let estimate = ESTIMATE_BEFORE.iter().any(|w| before.ends_with(w))
        || ESTIMATE_AFTER.iter().any(|w| after.starts_with(w));
    if before.ends_with('第') || estimate {
        return None;
    }
    for unit in ["个", "项"] {
        if let Some(rest) = after.strip_prefix(unit) {
            let rest = ["子", "建设", "重点", "协作", "帮扶"]
                .iter()
                .find_map(|w| rest.strip_prefix(w))
                .unwrap_or(rest);
            // "项目12个", "项目5类11个": 项目 before, and the clause ends after.
            let b = before.strip_suffix('类').map_or(before, |b| {
                b.trim_end_matches(|c: char| number_at(c.encode_utf8(&mut [0; 4])).is_some())
            });
            let named_before = ["项目", "项目共", "项目计", "项目共计"]
                .iter()
                .any(|w| b.ends_with(w));
            let clause_ends = rest.is_empty() || rest.starts_with(CLAUSE_END);
            if decimals == 0 && (rest.starts_with("项目") || named_before && clause_ends) {
                return Some((What::Projects, unit.len()));
            }
        }
    }
    for unit in ["大类", "个类别", "类"] {
        if let Some(rest) = after.strip_prefix(unit) {
            let ends = rest.is_empty()
                || rest.starts_with("项目")
                || rest.starts_with(CLAUSE_END)
                || rest.starts_with('共')
                || number_at(rest).is_some();
            // "一类" is "a kind of" far more often than a count.
            let lone_one = chinese && value == Decimal::ONE;
            if decimals == 0 && ends && !lone_one {
                return Some((What::Categories, unit.len()));
            }
        }
    }
    if chinese {
        return None;
    }
    let (what, unit) = if after.starts_with(['%', '％']) {
        (
            What::Share(decimals),
            after.chars().next().map_or(1, char::len_utf8),
        )
    } else {
        let (unit, per) = [("万元", 10_000), ("亿元", 100_000_000), ("元", 1)]
            .into_iter()
            .find(|(u, _)| after.starts_with(u))?;
        (What::Money(per), unit.len())
    };
    let rest = &after[unit..];
    (!ESTIMATE_AFTER.iter().any(|w| rest.starts_with(w))).then_some((what, unit))
}

/// A number at the start of `s`: its length in bytes, value, decimals typed and whether it is
/// written in Chinese numerals. Digits may be full-width and grouped by commas (3,900).
fn number_at(s: &str) -> Option<(usize, Decimal, u32, bool)> {
    let first = s.chars().next()?;
    if digit(first).is_some() {
        return arabic(s);
    }
    chinese(s)
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn arabic(s: &str) -> Option<(usize, Decimal, u32, bool)> {
    let (mut digits, mut len, mut decimals, mut point) = (String::new(), 0, 0, false);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_digit = chars.peek().and_then(|(_, n)| digit(*n)).is_some();
        if let Some(d) = digit(c) {
            digits.push(char::from_digit(d, 10)?);
            decimals += u32::from(point);
        } else if c == ',' && !point && thousands(&s[i + 1..]) {
            // a thousands comma inside the number (3,900)
        } else if matches!(c, '.' | '．') && !point && next_is_digit {
            point = true;
            digits.push('.');
        } else {
            break;
        }
        len = i + c.len_utf8();
    }
    let value: Decimal = digits.parse().ok()?;
    Some((len, value, decimals, false))
}

/// Whether three digits, and no fourth, follow a comma.
fn thousands(s: &str) -> bool {
    let mut c = s.chars();
    (0..3).all(|_| c.next().and_then(digit).is_some()) && c.next().and_then(digit).is_none()
}

/// 十一, 二十三, 一百零五, 两: counts only, up to 9999.
fn chinese(s: &str) -> Option<(usize, Decimal, u32, bool)> {
    let (mut total, mut cur, mut len) = (0u32, None::<u32>, 0);
    for (i, c) in s.char_indices() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => 0,
        };
        if unit > 0 {
            total += cur.unwrap_or(1) * unit;
            cur = None;
        } else if let Some(d) = "零一二三四五六七八九".chars().position(|d| d == c) {
            cur = Some(d as u32);
        } else if c == '两' {
            cur = Some(2);
        } else {
            break;
        }
        len = i + c.len_utf8();
    }
    (len > 0).then(|| (len, Decimal::from(total + cur.unwrap_or(0)), 0, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, What)> {
        figures(text)
            .into_iter()
            .map(|t| (text[t.at.clone()].to_string(), t.what))
            .collect()
    }

    #[test]
    fn counts_amounts_and_shares_with_what_they_count() {
        use What::*;
        assert_eq!(
            found("共安排12个项目，分5类，资金共计4,000万元，其中产业合作占62.37%。"),
            [
                ("12".into(), Projects),
                ("5".into(), Categories),
                ("4,000".into(), Money(10_000)),
                ("62.37".into(), Share(2)),
            ]
        );
        assert_eq!(found("安排项目十一个"), [("十一".into(), Projects)]);
        assert_eq!(found("分为五大类项目"), [("五".into(), Categories)]);
        assert_eq!(found("7个子项目"), [("7".into(), Projects)]);
        assert_eq!(found("分别为1,2,3个")[..], []);
        assert_eq!(
            found("下达０.３９亿元"),
            [("０.３９".into(), Money(100_000_000))]
        );
    }

    #[test]
    fn figures_that_count_something_else_are_left_alone() {
        for text in [
            "新建2个产业园区，覆盖3个乡镇",
            "第5类项目",
            "三类人群",
            "一类项目",
            "约3900万元",
            "3900余万元",
            "带动1000人以上",
            "投资5000万元左右",
            "2023年10月30日前",
            "“1+3”粮经复合产业环线",
        ] {
            let f = found(text);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
    }

    #[test]
    fn chinese_numerals() {
        for (t, v) in [
            ("十一", 11),
            ("二十三", 23),
            ("一百零五", 105),
            ("两", 2),
            ("十", 10),
        ] {
            assert_eq!(chinese(t).map(|n| n.1), Some(Decimal::from(v)), "{t}");
        }
    }

    #[test]
    fn the_sentence_before_a_figure() {
        let t = figures("总体安排如下。产业合作安排1200万元");
        assert_eq!(t[0].before, "产业合作安排");
    }
}
