//! The 实施方案's own text: its sections of paragraphs (a paragraph may open with a run-in
//! heading), and how its summary sentence is worded.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// `[plan.summary]`: the sentence that opens the projects section ("2023年实施…，其中：…").
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryStyle {
    /// Whether the sentence is printed at all.
    #[serde(default = "yes")]
    pub print: bool,
    /// Decimals of the shares, 0 to 2 ("占50%", "占41.6%", "占41.62%").
    #[serde(default = "two", deserialize_with = "decimals")]
    pub share_decimals: u8,
    /// The words before each share: "占" ("占50%"), or e.g. "占总资金的" ("占总资金的41.6%").
    #[serde(default = "zhan")]
    pub share_words: String,
}

fn zhan() -> String {
    "占".to_string()
}

fn decimals<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    match i64::deserialize(d)? {
        n @ 0..=2 => Ok(n as u8),
        n => Err(de::Error::custom(format!(
            "占比小数位数只能是 0、1 或 2，这里写的是 {n}"
        ))),
    }
}

pub(super) fn yes() -> bool {
    true
}

fn two() -> u8 {
    2
}

impl Default for SummaryStyle {
    fn default() -> Self {
        Self {
            print: true,
            share_decimals: 2,
            share_words: zhan(),
        }
    }
}

/// A section of prose under a heading; its level follows from its depth.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Vec<Block>,
    /// This section holds the summary sentence and the categories with their projects.
    #[serde(default)]
    pub projects: bool,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A paragraph: plain text, or one that opens with a numbered run-in heading
/// ("（一）高度重视，加快推进。" in 楷体, then body text).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Block {
    Text(String),
    RunIn { run_in: String, text: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RunIn {
    run_in: String,
    text: String,
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Block;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("段落文字，或 { run_in = \"小标题。\", text = \"正文\" }")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Block, E> {
                Ok(Block::Text(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Block, A::Error> {
                let r = RunIn::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Block::RunIn {
                    run_in: r.run_in,
                    text: r.text,
                })
            }
        }
        d.deserialize_any(V)
    }
}
