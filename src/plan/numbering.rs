//! Numbering as GB/T 9704 §7.3.3 gives it: 一、 （一） 1. （1）, then ① below the four levels;
//! and the labels of categories in the table and the messages ("（一）产业合作", or "一、" and
//! "（一）" in a plan of 大项 and 中项).

/// Numbering of headings by level: 一、 （一） 1. （1）.
pub fn number(level: u8, n: usize) -> String {
    match level {
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        4 => format!("（{n}）"),
        // Below the standard's four levels: circled numbers, then plain ones in brackets.
        _ => match char::from_u32(0x2460 + n as u32 - 1).filter(|_| (1..=20).contains(&n)) {
            Some(c) => c.to_string(),
            None => format!("（{n}）"),
        },
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for headings).
pub(crate) fn chinese_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// A category's number in the table and in messages: "（一）" in a plan of one category
/// level; "一、" for a 大项 and "（一）" for a 中项 in a plan of two.
pub(crate) fn category_number(depth: usize, n: usize, nested: bool) -> String {
    match (nested, depth) {
        (true, 1) => number(1, n),
        _ => number(2, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_by_level() {
        assert_eq!(number(1, 2), "二、");
        assert_eq!(number(2, 5), "（五）");
        assert_eq!(number(3, 1), "1.");
        assert_eq!(number(4, 3), "（3）");
        assert_eq!(number(5, 2), "②");
        assert_eq!(number(5, 21), "（21）");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(category_number(1, 1, false), "（一）");
        assert_eq!(category_number(1, 1, true), "一、");
        assert_eq!(category_number(2, 3, true), "（三）");
    }
}
