//! 发文字号: 代字〔年份〕序号号 (GB/T 9704 §7.2.5).

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::docno::{DocNumber, is_close_bracket, is_open_bracket};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "wenhao-brackets",
        severity: Error,
        doc: "发文字号（含更正通知的文号）的年份用六角括号〔〕，不用 [] 【】 () ［］ 〈〉",
        check: brackets,
    },
    Rule {
        code: "wenhao-year",
        severity: Error,
        doc: "发文字号的年份写全四位，且与其成文日期同年（更正通知的文号与更正通知的日期同年）",
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
        code: "wenhao-space",
        severity: Error,
        doc: "发文字号中不能有空格（含全角空格、不换行空格）",
        check: space,
    },
    Rule {
        code: "wenhao-suffix",
        severity: Error,
        doc: "发文字号以序号和“号”结尾",
        check: suffix,
    },
];

/// One 文号 the plan prints: the notice's own, and the 更正通知's when there is one.
struct Number<'a> {
    at: FieldPath,
    /// What the clerk calls it, for messages.
    label: &'static str,
    no: &'a DocNumber,
    /// The year of the date it is signed on.
    signed: i32,
}

impl Number<'_> {
    fn text(&self) -> &str {
        &self.no.text
    }

    /// The 文号 with every fault these rules find fixed: each hint shows it whole, so one edit
    /// makes the number clean however many rules it broke.
    fn fixed(&self) -> String {
        let t: String = self
            .text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                c if is_open_bracket(c) => '〔',
                c if is_close_bracket(c) => '〕',
                c => c,
            })
            .collect();
        // 代字, year and what follows: around the brackets, or around the first digits.
        let (head, year, tail) = match (t.find('〔'), t.find('〕')) {
            (Some(a), Some(b)) if a < b => (
                &t[..a],
                &t[a + '〔'.len_utf8()..b],
                &t[b + '〕'.len_utf8()..],
            ),
            _ => {
                let Some(a) = t.find(|c: char| c.is_ascii_digit()) else {
                    return t;
                };
                let n = t[a..].bytes().take_while(u8::is_ascii_digit).count().min(4);
                (&t[..a], &t[a..a + n], &t[a + n..])
            }
        };
        let year = match year.trim().parse::<i32>() {
            Ok(y) if y == self.signed => year.trim().to_string(),
            _ => self.signed.to_string(),
        };
        let tail = tail.trim_start_matches(['年', ' ', '第']);
        let seq: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let seq = match seq.trim_start_matches('0') {
            "" if seq.is_empty() => "序号".to_string(),
            "" => "0".to_string(),
            s => s.to_string(),
        };
        format!("{}〔{year}〕{seq}号", head.trim_end())
    }

    /// Whether a 第 stands before the sequence (after the bracket), not elsewhere in the 代字.
    fn has_di(&self) -> bool {
        let t = self.text();
        t.rfind(is_close_bracket)
            .map(|b| &t[b..])
            .and_then(|tail| tail.chars().nth(1))
            .is_some_and(|c| c == '第')
    }

    /// `hit` about bytes `range` of the number as typed (a number given as a table has no
    /// typed text to point into).
    fn about(&self, hit: Hit, range: Option<std::ops::Range<usize>>) -> Hit {
        match range {
            Some(r) if !self.no.structured => hit.within(r),
            _ => hit,
        }
    }

    /// A 文号 whose sequence is still 待填写 is reported by `todo-fill`, not here.
    fn pending(&self) -> bool {
        self.text().contains(crate::plan::next_year::TODO)
    }
}

fn numbers<'a>(ctx: &Ctx<'a>) -> Vec<Number<'a>> {
    let f = ctx.file;
    // A notice without a 文号 (a 公示 may have none) is `field-required`'s to judge.
    let mut v: Vec<Number> = (!f.notice.doc_number.text.trim().is_empty())
        .then(|| Number {
            at: FieldPath::of("notice.doc_number"),
            label: "发文字号",
            no: &f.notice.doc_number,
            signed: f.notice.date.year(),
        })
        .into_iter()
        .collect();
    if let Some(c) = &f.correction {
        v.push(Number {
            at: FieldPath::of("correction.notice_number"),
            label: "更正通知的文号",
            no: &c.notice_number,
            signed: c.date.year(),
        });
    }
    v
}

/// Runs `one` on every 文号 of the plan.
fn each(ctx: &Ctx, one: fn(&Number) -> Option<Hit>) -> Vec<Hit> {
    numbers(ctx).iter().filter_map(one).collect()
}

fn brackets(ctx: &Ctx) -> Vec<Hit> {
    each(ctx, |n| {
        let t = n.text();
        let wrong: Vec<char> = t
            .chars()
            .filter(|c| (is_open_bracket(*c) && *c != '〔') || (is_close_bracket(*c) && *c != '〕'))
            .collect();
        let has_hex = t.contains('〔') && t.contains('〕');
        if wrong.is_empty() && has_hex {
            return None;
        }
        let found = if wrong.is_empty() {
            "没有括号".to_string()
        } else {
            format!("用了“{}”", wrong.iter().collect::<String>())
        };
        let fixed = n.fixed();
        let odd = |c: char| (is_open_bracket(c) && c != '〔') || (is_close_bracket(c) && c != '〕');
        let range = t
            .find(odd)
            .zip(t.rfind(odd))
            .map(|(a, b)| a..b + t[b..].chars().next().map_or(0, char::len_utf8));
        let hit = Hit::new(
            n.at.clone(),
            format!("{}“{t}”的年份括号不对：{found}", n.label),
            format!(
                "年份要用六角括号〔〕，应写作“{fixed}”（输入法中可打“liujiaokuohao”或从本文件复制）"
            ),
        );
        Some(n.about(hit, range))
    })
}

fn year(ctx: &Ctx) -> Vec<Hit> {
    each(ctx, |n| {
        let (t, signed) = (n.text(), n.signed);
        match n.no.year() {
            Some(y) if (1000..=9999).contains(&y) && y == signed => None,
            Some(y) if (1000..=9999).contains(&y) => Some(Hit::new(
                n.at.clone(),
                format!("{}的年份 {y} 与其成文日期的年份 {signed} 不一致", n.label),
                format!(
                    "年初发文时常沿用上一年的文号；此文成文于 {signed} 年，应写作“{}”",
                    n.fixed()
                ),
            )),
            _ => Some(Hit::new(
                n.at.clone(),
                format!("{}“{t}”中没有完整的四位年份", n.label),
                format!("年份写全四位，应写作“{}”", n.fixed()),
            )),
        }
    })
}

fn di(ctx: &Ctx) -> Vec<Hit> {
    each(ctx, |n| {
        let t = n.text();
        if n.pending() || !n.has_di() {
            return None;
        }
        let hit = Hit::new(
            n.at.clone(),
            format!("{}“{t}”的序号前多了“第”", n.label),
            format!("去掉“第”，应写作“{}”", n.fixed()),
        );
        let at = t.rfind('第');
        Some(n.about(hit, at.map(|a| a..a + '第'.len_utf8())))
    })
}

fn leading_zero(ctx: &Ctx) -> Vec<Hit> {
    each(ctx, |n| {
        let seq = n.no.seq_text();
        if n.pending() || seq.len() < 2 || !seq.starts_with('0') {
            return None;
        }
        let trimmed = seq.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        let hit = Hit::new(
            n.at.clone(),
            format!("{}的序号“{seq}”前面补了 0", n.label),
            format!(
                "序号不编虚位（{seq} 写作 {trimmed}），应写作“{}”",
                n.fixed()
            ),
        );
        // The sequence stands after the closing bracket.
        let t = n.text();
        let at = t
            .rfind(is_close_bracket)
            .and_then(|b| t[b..].find(&seq).map(|p| b + p));
        Some(n.about(hit, at.map(|a| a..a + seq.len())))
    })
}

/// A space before, after or inside a 文号 prints nothing a reader sees, yet makes it another
/// string: the archive would take it for a new 文号.
fn space(ctx: &Ctx) -> Vec<Hit> {
    each(ctx, |n| {
        let t = n.text();
        let (chars, range) = super::picked(t, char::is_whitespace)?;
        let names: Vec<&str> = chars
            .iter()
            .map(|c| match c {
                '\u{3000}' => "全角空格",
                '\u{00A0}' => "不换行空格",
                ' ' => "空格",
                _ => "空白字符",
            })
            .collect();
        let hit = Hit::new(
            n.at.clone(),
            format!("{}“{t}”中有{}", n.label, names.join("、")),
            format!("去掉空格，应写作“{}”", n.fixed()),
        );
        Some(n.about(hit, Some(range)))
    })
}

fn suffix(ctx: &Ctx) -> Vec<Hit> {
    each(ctx, |n| {
        let t = n.text();
        let tail = t
            .chars()
            .rev()
            .skip(1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n.pending() || (t.ends_with('号') && tail > 0 && !n.no.seq_text().is_empty()) {
            return None;
        }
        Some(Hit::new(
            n.at.clone(),
            format!("{}“{t}”应以序号和“号”结尾", n.label),
            format!("写作 代字〔年份〕序号号，如“{}”", n.fixed()),
        ))
    })
}

#[cfg(test)]
mod tests;
