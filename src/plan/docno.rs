//! 发文字号: written as one string (`峨边府办函〔2023〕7号`) or as its parts.
//!
//! The string form is kept verbatim so the 文号 rules can say what is wrong with what the
//! clerk typed; the structured form is always well formed.

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocNumber {
    /// The 文号 as it will be printed.
    pub text: String,
    /// Whether the clerk wrote the parts separately (then the text is generated).
    #[serde(skip)]
    pub structured: bool,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts {
    /// 机关代字, e.g. 峨边府办函
    code: String,
    year: u16,
    /// 发文顺序号
    seq: u32,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Form {
    Text(String),
    Parts(Parts),
}

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Form::deserialize(d).map_err(|_| {
            de::Error::custom(
                "发文字号应写成 \"峨边府办函〔2023〕7号\" 或 { code = \"峨边府办函\", year = 2023, seq = 7 }",
            )
        })? {
            Form::Text(text) => Ok(DocNumber {
                text,
                structured: false,
            }),
            Form::Parts(p) if p.seq == 0 => Err(de::Error::custom(
                "发文顺序号 seq 从 1 编起，不能是 0",
            )),
            Form::Parts(p) => Ok(DocNumber {
                text: format!("{}〔{}〕{}号", p.code, p.year, p.seq),
                structured: true,
            }),
        }
    }
}

impl DocNumber {
    /// The year between the brackets, whichever brackets were used: the first bracket that
    /// holds only digits (a 代字 may hold brackets of its own), else the digits after the first.
    pub fn year(&self) -> Option<i32> {
        let t = &self.text;
        let after = |i: usize| {
            let rest = &t[i + t[i..].chars().next().map_or(1, char::len_utf8)..];
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            (&rest[..n], rest[n..].starts_with(is_close_bracket))
        };
        let opens: Vec<usize> = t.match_indices(is_open_bracket).map(|(i, _)| i).collect();
        let digits = opens
            .iter()
            .map(|&i| after(i))
            .find(|(d, closed)| !d.is_empty() && *closed)
            .or_else(|| opens.first().map(|&i| after(i)))?
            .0;
        digits.parse().ok()
    }

    /// The sequence number after the closing bracket, as written (may have a leading zero).
    pub(crate) fn seq_text(&self) -> String {
        self.text
            .chars()
            .skip_while(|c| !is_close_bracket(*c))
            .skip(1)
            .skip_while(|c| *c == '第')
            .take_while(|c| c.is_ascii_digit())
            .collect()
    }
}

pub(crate) fn is_open_bracket(c: char) -> bool {
    matches!(
        c,
        '〔' | '[' | '【' | '(' | '（' | '［' | '〈' | '<' | '《' | '{'
    )
}

pub(crate) fn is_close_bracket(c: char) -> bool {
    matches!(
        c,
        '〕' | ']' | '】' | ')' | '）' | '］' | '〉' | '>' | '》' | '}'
    )
}

impl schemars::JsonSchema for DocNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DocNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "发文字号：\"峨边府办函〔2023〕7号\"，或 { code = \"峨边府办函\", year = 2023, seq = 7 }",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "code": { "type": "string", "description": "机关代字" },
                        "year": { "type": "integer" },
                        "seq": { "type": "integer", "minimum": 1, "description": "发文顺序号" }
                    },
                    "required": ["code", "year", "seq"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dn(s: &str) -> DocNumber {
        DocNumber {
            text: s.into(),
            structured: false,
        }
    }

    #[test]
    fn the_year_is_in_the_bracket_that_holds_digits() {
        let n = |text: &str| DocNumber {
            text: text.into(),
            structured: false,
        };
        assert_eq!(n("某(试点)办函〔2023〕7号").year(), Some(2023));
        assert_eq!(n("峨边府办函[2023]7号").year(), Some(2023));
        assert_eq!(n("峨边府办函〔23〕7号").year(), Some(23));
        assert_eq!(n("峨边府办函2023年7号").year(), None);
        let zero: Result<toml::Table, _> =
            toml::from_str("n = { code = \"峨边府办函\", year = 2023, seq = 0 }");
        let parsed = zero.unwrap()["n"].clone().try_into::<DocNumber>();
        assert!(parsed.is_err());
    }

    #[test]
    fn finds_year_and_sequence() {
        assert_eq!(dn("峨边府办函〔2023〕7号").year(), Some(2023));
        assert_eq!(dn("峨边府办函[2023]07号").seq_text(), "07");
        assert_eq!(dn("峨边府办函〔2023〕第7号").seq_text(), "7");
    }
}
