//! The long explanation of each rule (`gongwen rules --explain CODE`): what it checks, why,
//! an example that fails and its fix. Kept in `docs/rules.md`, one `## CODE` section each, so
//! the same text reads on the repository's pages and in the terminal.

const RULES_MD: &str = include_str!("../../docs/rules.md");

/// The sections of `docs/rules.md`: (code, text after its heading).
fn sections() -> impl Iterator<Item = (&'static str, &'static str)> {
    RULES_MD.split("\n## ").skip(1).filter_map(|s| {
        let (code, body) = s.split_once('\n')?;
        Some((code.trim(), body.trim()))
    })
}

/// The explanation of the rule `code`, if it has one.
pub fn explain(code: &str) -> Option<&'static str> {
    sections().find(|(c, _)| *c == code).map(|(_, body)| body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{LOADER_CODES, all};

    fn codes() -> Vec<&'static str> {
        all()
            .map(|r| r.code)
            .chain(LOADER_CODES.iter().map(|(c, _)| *c))
            .collect()
    }

    #[test]
    fn every_code_has_one_section_in_the_registrys_order() {
        let documented: Vec<&str> = sections().map(|(c, _)| c).collect();
        assert_eq!(documented, codes());
    }

    #[test]
    fn every_section_says_what_why_and_shows_a_failing_example_and_its_fix() {
        for (code, body) in sections() {
            for part in ["**检查什么**", "**为什么**", "**错误示例**", "**改正**"] {
                assert!(body.contains(part), "{code} lacks {part}");
            }
        }
    }

    /// The examples of a rule's section are TOML (the loader's own codes show TOML that
    /// does not parse, on purpose).
    #[test]
    fn the_examples_of_the_rules_are_toml() {
        for (code, body) in
            sections().filter(|(c, _)| !c.starts_with("toml-") && !c.starts_with("input-"))
        {
            let blocks: Vec<&str> = body
                .split("```toml\n")
                .skip(1)
                .filter_map(|b| b.split("```").next())
                .collect();
            assert!(blocks.len() >= 2, "{code}: an example and its fix");
            for b in blocks {
                let parsed: Result<toml::Table, _> = toml::from_str(b);
                assert!(parsed.is_ok(), "{code}: {b}\n{parsed:?}");
            }
        }
    }
}
