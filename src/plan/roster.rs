//! The roster: the places, units and leaders a plan may name, kept by the office.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// 地点: 乡镇, 村, and other places projects are built in.
    #[serde(default)]
    pub places: Vec<String>,
    /// 单位: 责任单位 and 实施单位.
    #[serde(default)]
    pub units: Vec<String>,
    /// 领导: 责任领导.
    #[serde(default)]
    pub leaders: Vec<String>,
}
