//! Traditional characters and their simplified forms, for plans typed from a
//! traditional-character source (產業 is not 产业 to a rule looking for 产业).
//!
//! One character to one, from the table in `hanzi/t2s.txt` (its origin and licence beside it),
//! without the few that simplified text also writes (乾坤, 瞭望, the surname 於).

use std::collections::HashMap;
use std::sync::OnceLock;

fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("hanzi/t2s.txt")
            .lines()
            .filter_map(|line| {
                let mut c = line.chars();
                let (t, _, s) = (c.next()?, c.next()?, c.next()?);
                Some((t, s))
            })
            .collect()
    })
}

/// The simplified form of `c`, when `c` is a traditional form.
pub fn simplified_of(c: char) -> Option<char> {
    // Every traditional form is outside ASCII and Latin: skip the table for them.
    if c.is_ascii() {
        return None;
    }
    table().get(&c).copied()
}

/// `text` with every traditional form simplified.
pub fn simplified(text: &str) -> String {
    text.chars()
        .map(|c| simplified_of(c).unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_forms_are_simplified_and_simplified_text_is_left() {
        assert_eq!(simplified("產業園區建設項目"), "产业园区建设项目");
        assert_eq!(simplified("戶綠製"), "户绿制");
        for text in [
            "峨边彝族自治县2023年东西部协作建设项目实施方案",
            "乾坤",
            "瞭望塔",
            "於某某",
            "著名",
        ] {
            assert_eq!(simplified(text), text);
        }
        assert!(table().len() > 2700);
    }
}
