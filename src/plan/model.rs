//! The typed plan: everything a notice and the 实施方案 it issues need, and nothing derived.
//!
//! Subtotals, totals, shares, counts and the summary sentence are computed (`figures.rs`);
//! the file holds only what a clerk decides.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

pub use super::annex::{Annex, Column, ColumnSpec, ItemsIn};
use super::date::{Date, DateForm};
use super::docno::DocNumber;
pub use super::funding::Funding;
use super::money::{Money, Unit};
use super::path::FieldPath;
pub use super::project::{Allocation, Item, Project, ProjectField, Source};
use super::sections::yes;
pub use super::sections::{Block, Section, SummaryStyle};
pub use super::signing::{CoIssuer, Seal};

/// A whole plan file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Path of an optional roster (places, units, leaders), relative to the plan file.
    #[serde(default)]
    pub roster: Option<String>,
    pub notice: Notice,
    pub plan: Scheme,
    #[serde(default)]
    pub policy: Policy,
    /// An office's own faces per role, tried before the bundled ones.
    #[serde(default)]
    pub fonts: FontChoice,
    /// Present when this plan corrects an issued version (`gongwen reissue`).
    #[serde(default)]
    pub correction: Option<Correction>,
}

/// How a corrected document is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
pub enum CorrectionMode {
    /// 同号更正: the corrected document keeps its 文号 and is marked 更正件 (the default).
    #[default]
    #[serde(rename = "同号更正")]
    SameNumber,
    /// 新号重发: the corrected document is issued under a new 文号.
    #[serde(rename = "新号重发")]
    NewNumber,
}

/// `[correction]`: the 更正通知 that goes out with a corrected version.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    #[serde(default)]
    pub mode: CorrectionMode,
    /// The 更正通知's own 文号.
    pub notice_number: DocNumber,
    /// The 更正通知's 成文日期 (and 印发日期).
    pub date: Date,
    /// The 文号 the document was first issued under (needed with 新号重发).
    #[serde(default)]
    pub original: Option<String>,
}

/// `[fonts]`: family names (as `gongwen fonts` lists them) to put first in a role's chain;
/// the files come from `--font-dir`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontChoice {
    #[serde(default)]
    pub title: Vec<String>,
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub heading1: Vec<String>,
    #[serde(default)]
    pub heading2: Vec<String>,
    #[serde(default)]
    pub page_number: Vec<String>,
    #[serde(default)]
    pub yi: Vec<String>,
}

impl FontChoice {
    /// (key, families) for each role key.
    pub fn entries(&self) -> [(&'static str, &[String]); 6] {
        [
            ("title", &self.title),
            ("body", &self.body),
            ("heading1", &self.heading1),
            ("heading2", &self.heading2),
            ("page_number", &self.page_number),
            ("yi", &self.yi),
        ]
    }
}

/// An enum whose values a plan writes as Chinese words: each word is spelt once, here, for
/// serde, the schema and `label()` alike.
macro_rules! words {
    ($(#[$m:meta])* pub enum $name:ident { $($var:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $word)] $var),+
        }

        impl $name {
            /// The word the plan writes, and the document prints.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$var => $word),+
                }
            }
        }
    };
}

words! {
    /// 公文格式: the ordinary 文件格式 or the 信函格式 of a 函.
    pub enum Format { File = "文件", Letter = "信函" }
}

words! {
    /// 文种: what each one has and lacks is `plan::genre`'s table.
    pub enum Genre {
        Notice = "通知", Letter = "函", Announcement = "公告", Publicity = "公示",
        Request = "请示", Report = "报告", Opinion = "意见",
    }
}

// (`words!` takes no attributes on a variant, so no `#[default]`.)
#[allow(clippy::derivable_impls)]
impl Default for Genre {
    fn default() -> Self {
        Genre::Notice
    }
}

words! {
    /// 信息公开选项.
    pub enum Disclosure { Active = "主动公开", OnRequest = "依申请公开", Withheld = "不予公开" }
}

words! {
    /// 密级.
    pub enum Secrecy { Secret = "秘密", Confidential = "机密", TopSecret = "绝密" }
}

words! {
    /// 紧急程度.
    pub enum Urgency { Urgent = "加急", Extra = "特急" }
}

/// The schema's default 文号: none, written as the empty string (a 文号 is written as text).
fn no_number() -> String {
    String::new()
}

/// The notice that issues the plan (公文要素).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// 文种 (default 通知)
    #[serde(default)]
    pub genre: Genre,
    pub format: Format,
    /// 发文机关
    pub issuer: String,
    /// 发文机关标志, as printed in red
    pub mark: String,
    /// An optional second line of the mark in another script (e.g. Yi).
    #[serde(default)]
    pub mark_second_line: Option<String>,
    /// 发文字号 (a 公告 or 公示 may have none)
    #[serde(default)]
    #[schemars(default = "no_number")]
    pub doc_number: DocNumber,
    /// 签发人: a 上行文 (请示, 报告) names who signed it off, beside its 文号 (§7.2.6)
    #[serde(default)]
    pub signed_off_by: Vec<String>,
    /// 标题
    pub title: String,
    /// 主送机关, printed joined by "、" and closed by "：" (none for a 公告 or 公示)
    #[serde(default)]
    pub recipients: Vec<String>,
    /// 正文 paragraphs
    pub body: Vec<String>,
    /// 结束语 after the body, e.g. "特此公告。"; the genre's own when not given, none when ""
    #[serde(default)]
    pub closing: Option<String>,
    /// 署名
    pub signer: String,
    /// 成文日期
    pub date: Date,
    /// 附注, the line after the date, e.g. "（联系人：张三，电话：0833-1234567）" (§7.3.6)
    #[serde(default)]
    pub note: Option<String>,
    /// 印章: the office's seal as a PNG file in the plan's folder, or `true` to leave its room
    /// for a seal stamped by hand; either sets 署名 and date as a sealed document (§7.3.5.1)
    #[serde(default)]
    pub seal: Option<Seal>,
    /// 联合行文: the offices issuing with the leading one (`issuer`), in order
    #[serde(default)]
    pub joint: Vec<CoIssuer>,
    /// 印发日期
    pub issue_date: Date,
    /// 印发机关
    pub printed_by: String,
    /// 抄送
    #[serde(default)]
    pub cc: Vec<String>,
    /// 信息公开选项
    pub disclosure: Disclosure,
    /// 份号
    #[serde(default)]
    pub copy_number: Option<String>,
    #[serde(default)]
    pub secrecy: Option<Secrecy>,
    /// 保密期限, e.g. "1年"
    #[serde(default)]
    pub secrecy_term: Option<String>,
    #[serde(default)]
    pub urgency: Option<Urgency>,
}

/// The text the notice issues (实施方案), its projects and its tables.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Whether the notice issues a 实施方案 (title, preamble, sections). `false`: the notice
    /// only sends its tables, as its own attachments (a 下达 notice).
    #[serde(default = "yes")]
    pub scheme: bool,
    /// The 实施方案's title (not needed with `scheme = false`).
    #[serde(default)]
    pub title: String,
    pub year: i32,
    /// The programme named in the summary sentence, e.g. 东西部协作.
    pub program: String,
    /// 下达资金: the funding declared from above, as one figure or per source.
    pub funding: Funding,
    /// The unit of every amount in the plan: 万元 (default) or 元; the annex's unit line says it.
    #[serde(default)]
    pub unit: Unit,
    /// How projects' dates print: "日" (2023年10月30日, default) or "月" (2023年10月).
    #[serde(default)]
    pub dates: DateForm,
    /// How the summary sentence of the projects section is written.
    #[serde(default)]
    pub summary: SummaryStyle,
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Level-1 sections (一、二、…); exactly one holds the projects (`projects = true`).
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Projects directly under the plan, for a plan without categories.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Categories of projects (or of sub-categories: 大项 → 中项 → 项目).
    #[serde(default)]
    pub categories: Vec<Category>,
    /// An allocation plan's lines (乡镇/单位 and 分配资金), instead of projects.
    #[serde(default)]
    pub allocations: Vec<Allocation>,
    /// The tables annexed (附件): `[plan.annex]` for one, `[[plan.annex]]` for several
    /// (附件1, 附件2 …), each with its own columns.
    pub annex: Annexes,
}

/// One annexed table, or several.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Annexes {
    One(Annex),
    Many(Vec<Annex>),
}

impl<'de> Deserialize<'de> for Annexes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Annexes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("[plan.annex] 表，或多个 [[plan.annex]]")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Annexes, A::Error> {
                Annex::deserialize(de::value::MapAccessDeserializer::new(map)).map(Annexes::One)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Annexes, A::Error> {
                let mut v = Vec::new();
                while let Some(a) = seq.next_element::<Annex>()? {
                    v.push(a);
                }
                if v.is_empty() {
                    return Err(de::Error::custom("附件表格列表是空的"));
                }
                Ok(Annexes::Many(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Annexes {
    /// Each table with its path (`plan.annex`, or `plan.annex[1]`).
    pub fn each(&self) -> Vec<(FieldPath, &Annex)> {
        let at = FieldPath::of("plan.annex");
        match self {
            Annexes::One(a) => vec![(at, a)],
            Annexes::Many(v) => v
                .iter()
                .enumerate()
                .map(|(i, a)| (at.index(i), a))
                .collect(),
        }
    }

    /// The first table: the one `annex -o table.xlsx` writes and `import` reads.
    pub fn first(&self) -> &Annex {
        match self {
            Annexes::One(a) => a,
            Annexes::Many(v) => &v[0],
        }
    }

    #[cfg(test)]
    pub(crate) fn first_mut(&mut self) -> &mut Annex {
        match self {
            Annexes::One(a) => a,
            Annexes::Many(v) => &mut v[0],
        }
    }
}

/// A category of projects (产业合作, 劳务协作, …).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Name used in the summary sentence and the annex ("产业合作").
    pub name: String,
    /// Heading in the body ("深化产业协作").
    pub heading: String,
    #[serde(default)]
    pub intro: String,
    /// Whether its projects are of the 产业 kind; by default, whether the name says 产业.
    #[serde(default)]
    pub industry: Option<bool>,
    /// A subtotal written in the plan (optional); it is checked against the projects.
    #[serde(default)]
    pub subtotal: Option<Money>,
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Sub-categories (中项), each with its projects, instead of projects of its own.
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// Local policy the plan must meet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Minimum share of the total per category name, in percent (exact).
    #[serde(default)]
    pub min_share: BTreeMap<String, Money>,
    /// Project fields every project must fill (besides name and amount), e.g.
    /// ["content", "location", "leader", "department", "implementer", "deadline"].
    #[serde(default)]
    pub required: Vec<ProjectField>,
    /// Warnings the plan accepts, each with its reason (like a lint allowed with a reason).
    #[serde(default)]
    pub accept: Vec<Accept>,
}

/// `[[policy.accept]]`: a warning rule the plan accepts, and why.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    /// The rule's code, as `gongwen rules` lists it (e.g. date-plan-year).
    pub rule: String,
    /// 理由: printed with the accepted finding by `check` and kept in the archived plan.
    pub reason: String,
}
