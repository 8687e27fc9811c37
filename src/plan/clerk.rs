//! What a clerk types into the form, taken as the plan's value or refused with the reason:
//! amounts as an IME or a spreadsheet gives them (１０００, 3,900, 1000万元), dates as they are
//! written in 公文 (2023年2月7日) or in an office's habits (2023/2/7, 2023.2.7). Never a guess:
//! "3,9" (a decimal comma, or a digit short?) and "1000万元" in a plan kept in 元 are refused,
//! naming what to write instead.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::money::parse_amount;

/// Full-width digits and signs as their ASCII forms (an IME in full-width mode types them).
fn half_width(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '—' => '-',
            '／' => '/',
            '＋' => '+',
            '　' => ' ',
            _ => c,
        })
        .collect()
}

/// An amount typed in the form, in the plan's unit ("万元" or "元").
pub fn amount(typed: &str, unit: &str) -> Result<Decimal, String> {
    let s = half_width(typed).replace(' ', "");
    let (number, said) = match s.strip_suffix("万元").or_else(|| s.strip_suffix('万')) {
        Some(n) => (n, Some("万元")),
        None => match s.strip_suffix('元') {
            Some(n) => (n, Some("元")),
            None => (s.as_str(), None),
        },
    };
    let digits = ungroup(number).ok_or_else(|| {
        format!("“{typed}”的逗号位置不对：千位分隔每三位一个，如 3,900；小数用点，如 12.5")
    })?;
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(format!("“{typed}”不是金额：只写数字，如 1000 或 12.5"));
    }
    if let Some(said) = said.filter(|u| *u != unit) {
        return Err(format!(
            "计划的金额单位是{unit}，“{typed}”是{said}：请换算成{unit}，只写数字"
        ));
    }
    parse_amount(&digits)
}

/// "3,900" → "3900"; None when the commas are not thousands separators.
fn ungroup(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_string());
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.contains(',') {
        return None;
    }
    let int = int.strip_prefix('-').unwrap_or(int);
    let mut groups = int.split(',');
    let first = groups.next()?;
    let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
    ok.then(|| s.replace(',', ""))
}

/// A date typed in the form: 2023-02-07, 2023年2月7日, 2023/2/7, 2023.2.7.
pub fn date(typed: &str) -> Result<NaiveDate, String> {
    let s = half_width(typed).replace(' ', "");
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['年', '月', '-', '/', '.'])
        .collect();
    let wrong = || format!("“{typed}”不是日期：写成 2023年2月7日 或 2023-02-07");
    let [y, m, d] = parts[..] else {
        return Err(wrong());
    };
    let num = |p: &str, max: usize| {
        (!p.is_empty() && p.len() <= max)
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match (num(y, 4).filter(|_| y.len() == 4), num(m, 2), num(d, 2)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| format!("{y}年没有{m}月{d}日这一天")),
        _ => Err(wrong()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_clerks_type_them() {
        for (typed, unit, want) in [
            ("1000", "万元", "1000"),
            ("１０００", "万元", "1000"),
            ("１２．５", "万元", "12.5"),
            ("3,900", "万元", "3900"),
            ("3，900", "万元", "3900"),
            ("1,234,567.5", "元", "1234567.5"),
            ("1000万元", "万元", "1000"),
            ("1000 万", "万元", "1000"),
            ("25000元", "元", "25000"),
            (" 950 ", "万元", "950"),
        ] {
            assert_eq!(amount(typed, unit).unwrap().to_string(), want, "{typed}");
        }
    }

    #[test]
    fn an_amount_that_cannot_be_read_for_certain_is_refused() {
        for (typed, unit, says) in [
            ("3,9", "万元", "逗号位置"),
            ("39,00", "万元", "逗号位置"),
            ("1000万元", "元", "单位是元"),
            ("25000元", "万元", "单位是万元"),
            ("一千", "万元", "不是金额"),
            ("10O0", "万元", "不是金额"),
            ("", "万元", "不是金额"),
            ("1e3", "万元", "不是金额"),
            ("950万元元", "万元", "不是金额"),
        ] {
            let e = amount(typed, unit).unwrap_err();
            assert!(e.contains(says), "{typed}: {e}");
        }
    }

    #[test]
    fn dates_as_clerks_type_them() {
        for typed in [
            "2023-02-07",
            "2023年2月7日",
            "2023年02月07日",
            "2023/2/7",
            "2023.2.7",
            "２０２３年２月７日",
        ] {
            assert_eq!(
                date(typed).unwrap(),
                NaiveDate::from_ymd_opt(2023, 2, 7).unwrap(),
                "{typed}"
            );
        }
        for (typed, says) in [
            ("2023年2月30日", "没有2月30日"),
            ("23年2月7日", "不是日期"),
            ("2023年2月", "不是日期"),
            ("明天", "不是日期"),
        ] {
            let e = date(typed).unwrap_err();
            assert!(e.contains(says), "{typed}: {e}");
        }
    }
}
