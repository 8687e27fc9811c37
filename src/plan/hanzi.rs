//! Traditional characters and their simplified forms, for plans typed from a
//! traditional-character source (產業 is not 产业 to a rule looking for 产业).
//!
//! One character to one, from the table in `hanzi/t2s.txt` (its origin and licence beside it),
//! without the few that simplified text also writes (乾坤, 瞭望, the surname 於).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table, with a bit per code point of the Basic Multilingual Plane (where every form in
/// it is) so the common case — a character that is no traditional form — costs one lookup.
struct Table {
    bits: Box<[u64; 1024]>,
    map: HashMap<char, char>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let map: HashMap<char, char> = include_str!("hanzi/t2s.txt")
            .lines()
            .filter_map(|line| {
                let mut c = line.chars();
                let (t, _, s) = (c.next()?, c.next()?, c.next()?);
                Some((t, s))
            })
            .collect();
        let mut bits = Box::new([0u64; 1024]);
        for &t in map.keys().filter(|t| u32::from(**t) <= 0xFFFF) {
            bits[u32::from(t) as usize / 64] |= 1 << (u32::from(t) % 64);
        }
        Table { bits, map }
    })
}

/// The simplified form of `c`, when `c` is a traditional form.
pub(crate) fn simplified_of(c: char) -> Option<char> {
    let n = u32::from(c);
    let t = table();
    if n > 0xFFFF || t.bits[n as usize / 64] & (1 << (n % 64)) == 0 {
        return None;
    }
    t.map.get(&c).copied()
}

/// `text` with every traditional form simplified.
pub(crate) fn simplified(text: &str) -> String {
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
        assert!(table().map.len() > 2700);
    }
}
