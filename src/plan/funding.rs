//! 下达资金: one figure, or per funding source (东西部协作资金 3000 + 财政衔接资金 900).
//!
//! Written `funding = 3900` or as an array of `{ name, amount }`, in the order the plan lists
//! its sources. Amounts are read from the plan's text like every `Money`.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use super::money::{self, Money, Unit};
use super::project::Source;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Funding {
    /// 下达资金, 万元.
    Total(Money),
    /// 下达资金 by source, each source's projects adding up to its amount.
    Sources(Vec<Source>),
}

impl Funding {
    /// The whole funding: the figure, or the sum of the sources.
    pub fn total(&self) -> Decimal {
        match self {
            Funding::Total(m) => m.value(),
            Funding::Sources(s) => s.iter().map(|s| s.amount.value()).sum(),
        }
    }

    /// "3900万元", or "东西部协作资金3000万元、财政衔接资金900万元".
    pub fn text(&self, unit: Unit) -> String {
        let u = unit.label();
        match self {
            Funding::Total(m) => format!("{m}{u}"),
            Funding::Sources(s) => s
                .iter()
                .map(|s| format!("{}{}{u}", s.name, s.amount))
                .collect::<Vec<_>>()
                .join("、"),
        }
    }

    /// The plan's only source, when it gives exactly one: it covers projects listing none.
    pub(crate) fn sole_source(&self) -> Option<&str> {
        match self.sources() {
            [one] => Some(one.name.trim()),
            _ => None,
        }
    }

    /// The sources, when the plan gives its funding per source.
    pub fn sources(&self) -> &[Source] {
        match self {
            Funding::Total(_) => &[],
            Funding::Sources(s) => s,
        }
    }
}

impl Default for Funding {
    fn default() -> Self {
        Funding::Total(Money::default())
    }
}

enum Lit {
    Amount(Result<Money, String>),
    Sources(Vec<Source>),
}

impl<'de> Deserialize<'de> for Lit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lit;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("金额（如 3900），或按资金来源列出 [{ name = \"东西部协作资金\", amount = 3000 }, …]")
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Lit, E> {
                Ok(Lit::Amount(Err(String::new())))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Lit, E> {
                Ok(Lit::Amount(Err(String::new())))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Lit, E> {
                Ok(Lit::Amount(Err(String::new())))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Lit, E> {
                Ok(Lit::Amount(money::parse_amount(s).map(Money)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lit, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<Source>()? {
                    out.push(s);
                }
                Ok(Lit::Sources(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Funding {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lit = toml::Spanned::<Lit>::deserialize(d)?;
        let span = lit.span();
        match lit.into_inner() {
            Lit::Sources(s) if s.is_empty() => Err(de::Error::custom(
                "资金来源列表是空的：写 funding = 金额，或列出各来源",
            )),
            Lit::Sources(s) => Ok(Funding::Sources(s)),
            Lit::Amount(Ok(m)) => Ok(Funding::Total(m)),
            Lit::Amount(Err(e)) if !e.is_empty() => Err(de::Error::custom(e)),
            // A number: its digits are re-read from the plan's text, never through f64.
            Lit::Amount(Err(_)) => money::from_source_span(span)
                .map(Funding::Total)
                .map_err(de::Error::custom),
        }
    }
}
