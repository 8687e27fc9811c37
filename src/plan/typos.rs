//! The commonest typing mistakes in a plan file, recognised where TOML's parser stopped, so
//! the clerk reads in Chinese what to type instead of the parser's English: a date written
//! 2023-2-7 or 2023年2月7日, a day the month does not have, a number with a thousands comma or
//! full-width digits, Chinese quotes or a full-width "＝", text without quotes.

use std::ops::Range;

/// What was mistyped: a message, a hint saying exactly what to type, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Typo {
    pub message: String,
    pub hint: String,
    pub span: Range<usize>,
}

/// The mistake on the line holding byte `at` of `source`, if it is a common one.
pub(crate) fn recognise(source: &str, at: usize) -> Option<Typo> {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = &source[start..end];
    let typo = |message: String, hint: String, from: usize, len: usize| Typo {
        message,
        hint,
        span: start + from..start + from + len,
    };
    // "＝" typed for "=": before any "=" (one inside a text is the text's own).
    if let Some(i) = line
        .find('＝')
        .filter(|&i| line.find('=').is_none_or(|e| i < e))
    {
        return Some(typo(
            "键和值之间用了全角等号“＝”".into(),
            "改成英文等号“=”（切换到英文输入法再输入）".into(),
            i,
            '＝'.len_utf8(),
        ));
    }
    let eq = line.find('=')?;
    let raw = &line[eq + 1..];
    let lead = raw.len() - raw.trim_start().len();
    let value = value_token(raw.trim_start());
    let from = eq + 1 + lead;
    if value.is_empty() {
        return None;
    }
    let key = line[..eq].trim();
    let (message, hint) = value_typo(key, value)?;
    Some(typo(message, hint, from, value.len()))
}

/// What is wrong with a value as typed after `key =` (Chinese quotes, a date, full-width
/// digits, thousands commas, text without quotes): the message and the hint.
fn value_typo(key: &str, value: &str) -> Option<(String, String)> {
    let first = value.chars().next()?;
    if matches!(first, '“' | '”' | '‘' | '’' | '「') {
        let inner = value.trim_matches(|c| matches!(c, '“' | '”' | '‘' | '’' | '「' | '」'));
        return Some((
            "文字用了中文引号".into(),
            format!("文字要用英文双引号括起来：{key} = \"{inner}\""),
        ));
    }
    if let Some(t) = date_typo(value) {
        return Some(t);
    }
    if value.chars().any(|c| ('０'..='９').contains(&c)) {
        let fixed: String = value
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
                '．' => '.',
                c => c,
            })
            .collect();
        return Some((
            "数字用了全角字符".into(),
            format!("数字要用半角（英文输入法）：{key} = {fixed}"),
        ));
    }
    if value.contains(',')
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        let fixed = value.replace(',', "");
        return Some((
            "数字里写了千位逗号".into(),
            format!("数字里不写逗号：{key} = {fixed}"),
        ));
    }
    if !first.is_ascii() {
        return Some((
            "文字没有用引号括起来".into(),
            format!("文字要用英文双引号括起来：{key} = \"{value}\""),
        ));
    }
    None
}

/// The value as typed: up to a comment, or the end of the line.
fn value_token(s: &str) -> &str {
    let cut = s.find(" #").unwrap_or(s.len());
    s[..cut].trim_end()
}

/// A date typed with one-digit month or day, in 年月日, or a day the month does not have.
fn date_typo(value: &str) -> Option<(String, String)> {
    let (y, m, d) = if let Some(rest) = value.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        (y, m, d)
    } else {
        let mut parts = value.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?);
    let fixed = format!("{y:04}-{m:02}-{d:02}");
    if chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
        return Some((
            format!("日期 {value} 不存在：{y}年{m}月没有{d}日"),
            "核对原件上的日期，写成 YYYY-MM-DD（不加引号）".into(),
        ));
    }
    if fixed == value {
        return None;
    }
    Some((
        format!("日期写法不对：{value}"),
        format!("日期写成 {fixed}：年份四位，月和日都写两位，不加引号"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line as typed, message, hint) for each mistake; the caret covers the value.
    #[test]
    fn each_common_mistake_says_what_to_type() {
        let cases = [
            ("date = 2023-2-7", "日期写法不对", "日期写成 2023-02-07"),
            ("date = 2023年2月7日", "日期写法不对", "日期写成 2023-02-07"),
            ("date = 2023-02-30", "2023年2月没有30日", "YYYY-MM-DD"),
            ("funding = 3,900", "千位逗号", "funding = 3900"),
            ("funding = ３９００", "全角", "funding = 3900"),
            (
                "title = “关于印发的通知”",
                "中文引号",
                "title = \"关于印发的通知\"",
            ),
            ("signer ＝ \"峨边县政府\"", "全角等号", "英文等号"),
            (
                "signer = 峨边县政府",
                "没有用引号",
                "signer = \"峨边县政府\"",
            ),
        ];
        // A "＝" inside an unclosed text is not taken for the key's.
        let src = "title = \"a＝b\n";
        assert!(recognise(src, 9).is_none_or(|t| !t.message.contains("全角等号")));
        for (line, message, hint) in cases {
            let src = format!("[notice]\n{line}\n");
            let t = recognise(&src, src.find(line).unwrap() + line.len() - 1)
                .unwrap_or_else(|| panic!("{line}: not recognised"));
            assert!(t.message.contains(message), "{line}: {t:?}");
            assert!(t.hint.contains(hint), "{line}: {t:?}");
            let caret = &src[t.span.clone()];
            assert!(
                line.ends_with(caret) || caret == "＝",
                "{line}: caret on {caret:?}"
            );
        }
    }

    #[test]
    fn good_lines_are_left_to_the_parser() {
        for line in [
            "date = 2023-02-07",
            "funding = 3900",
            "title = \"x\"",
            "amount = 1370.5",
        ] {
            let src = format!("{line}\n");
            assert_eq!(recognise(&src, 3), None, "{line}");
        }
    }
}
