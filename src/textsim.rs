//! Text similarity for did-you-mean suggestions.

/// The candidate nearest to `word` by edit distance (in characters), if near enough to be
/// a likely slip: at most 2 edits, and fewer than half the word's length.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = 2.min(len.div_ceil(2));
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, _)| *d > 0 && *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_one_character_slips() {
        assert_eq!(closest("峡边", ["峨边", "宜坪乡"]), Some("峨边"));
        assert_eq!(
            closest("宜坪县人民政府", ["宜坪乡人民政府", "县教育局"]),
            Some("宜坪乡人民政府")
        );
        assert_eq!(closest("县残联", ["县教育局"]), None);
    }
}
