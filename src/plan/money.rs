//! Amounts in 万元, exact: parsed from the literal text of the plan, never through f64.
//!
//! toml hands floats to serde as f64, which would round `0.1` before we see it. So an
//! amount asks toml for its span and re-reads the digits from the source text, which the
//! loader lends for the duration of one deserialisation.

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Visitor};

thread_local! {
    static SOURCE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Lends `source` to amount deserialisation while `f` runs.
pub(crate) fn with_source<T>(source: &str, f: impl FnOnce() -> T) -> T {
    SOURCE.with(|s| *s.borrow_mut() = Some(source.to_string()));
    let out = f();
    SOURCE.with(|s| *s.borrow_mut() = None);
    out
}

/// Largest amount accepted, in 万元 (10^12 万元 is far beyond any county budget, and keeps
/// every sum of a plan far from `Decimal`'s limit).
pub(crate) const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// The unit a plan's amounts are written in: 万元, as most plans do, or 元.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Default,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
pub enum Unit {
    #[default]
    #[serde(rename = "万元")]
    Wan,
    #[serde(rename = "元")]
    Yuan,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::Wan => "万元",
            Unit::Yuan => "元",
        }
    }

    /// How many 元 one unit is: 10,000 for 万元, 1 for 元.
    pub(crate) fn yuan(self) -> Decimal {
        match self {
            Unit::Wan => Decimal::from(10_000),
            Unit::Yuan => Decimal::ONE,
        }
    }

    /// Decimals an amount may have: to the yuan in 万元 (four), to the fen in 元 (two).
    pub(crate) fn max_scale(self) -> u32 {
        match self {
            Unit::Wan => 4,
            Unit::Yuan => 2,
        }
    }

    /// "四位小数（精确到元）" / "两位小数（精确到分）".
    pub fn precision(self) -> &'static str {
        match self {
            Unit::Wan => "四位小数（精确到元）",
            Unit::Yuan => "两位小数（精确到分）",
        }
    }
}

/// An exact amount of money in the plan's unit (万元 unless it says 元).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Money {
    /// Plain digits as the documents print them: `1950`, `12.5`, no grouping.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", fmt_decimal(self.0))
    }
}

/// A decimal without trailing zeros: `50.00` → `50`, `5.90` → `5.9`.
pub fn fmt_decimal(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// Parses an amount literal as written in TOML or in a string: `1000`, `12.5`, `1_000`,
/// `+3`, `1e3`. Errors are Chinese sentences for the clerk.
pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let t = text.trim().replace('_', "");
    let lower = t.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return Err(format!("金额“{text}”不是一个数"));
    }
    let t = t.strip_prefix('+').unwrap_or(&t);
    if t.is_empty() {
        return Err("金额为空".to_string());
    }
    let parsed = if lower.contains('e') {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str(t)
    };
    let d = parsed.map_err(|_| format!("“{text}”不是有效的金额（或超出范围）"))?;
    if d.abs() > Decimal::from(MAX_AMOUNT) {
        return Err(format!("金额“{text}”超出范围（上限 {MAX_AMOUNT} 万元）"));
    }
    Ok(d)
}

enum Lit {
    Number,
    Text(String),
}

impl<'de> Deserialize<'de> for Lit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Lit;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("金额（数字，如 1000 或 12.5）")
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Lit, E> {
                Ok(Lit::Number)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Lit, E> {
                Ok(Lit::Number)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Lit, E> {
                Ok(Lit::Number)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Lit, E> {
                Ok(Lit::Number)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Lit, E> {
                Ok(Lit::Number)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Lit, E> {
                Ok(Lit::Text(s.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lit = toml::Spanned::<Lit>::deserialize(d)?;
        let span = lit.span();
        match lit.into_inner() {
            Lit::Text(s) => parse_amount(&s).map(Money),
            Lit::Number => from_source_span(span),
        }
        .map_err(de::Error::custom)
    }
}

/// The amount whose literal stands at `span` of the plan being read.
pub(crate) fn from_source_span(span: std::ops::Range<usize>) -> Result<Money, String> {
    let text = SOURCE
        .with(|s| {
            s.borrow()
                .as_deref()
                .and_then(|src| src.get(span))
                .map(str::to_string)
        })
        .ok_or("金额只能从计划文件中读取")?;
    parse_amount(&text).map(Money)
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_decimal(self.0))
    }
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "金额，万元：数字（如 1000 或 12.5，最多四位小数），或写成文本的数字",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^[+-]?[0-9][0-9_]*(\\.[0-9]+)?$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_amount("0.1").unwrap().to_string(), "0.1");
        assert_eq!(parse_amount("1_000").unwrap(), Decimal::from(1000));
        assert_eq!(parse_amount("1e3").unwrap(), Decimal::from(1000));
        assert_eq!(
            parse_amount("999999999.9999").unwrap().to_string(),
            "999999999.9999"
        );
    }

    #[test]
    fn refuses_non_numbers_and_huge() {
        assert!(parse_amount("nan").is_err());
        assert!(parse_amount("-inf").is_err());
        assert!(parse_amount("1e400").is_err());
        assert!(parse_amount("10000000000000").is_err());
        assert!(parse_amount("一千").is_err());
    }

    #[test]
    fn formats_without_trailing_zeros() {
        assert_eq!(fmt_decimal(Decimal::from_str("50.00").unwrap()), "50");
        assert_eq!(fmt_decimal(Decimal::from_str("5.90").unwrap()), "5.9");
        assert_eq!(fmt_decimal(Decimal::from_str("-0.0").unwrap()), "0");
    }
}
