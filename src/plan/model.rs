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

/// The notice that issues the plan (公文要素).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub format: Format,
    /// 发文机关
    pub issuer: String,
    /// 发文机关标志, as printed in red
    pub mark: String,
    /// An optional second line of the mark in another script (e.g. Yi).
    #[serde(default)]
    pub mark_second_line: Option<String>,
    /// 发文字号
    pub doc_number: DocNumber,
    /// 标题
    pub title: String,
    /// 主送机关, printed joined by "、" and closed by "："
    pub recipients: Vec<String>,
    /// 正文 paragraphs
    pub body: Vec<String>,
    /// 署名
    pub signer: String,
    /// 成文日期
    pub date: Date,
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

    pub fn first_mut(&mut self) -> &mut Annex {
        match self {
            Annexes::One(a) => a,
            Annexes::Many(v) => &mut v[0],
        }
    }
}

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

fn yes() -> bool {
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

impl PlanFile {
    /// Every text the plan prints, with its path: what text rules and font checks read.
    pub fn texts(&self) -> Vec<(FieldPath, &str)> {
        let mut out: Vec<(FieldPath, &str)> = Vec::new();
        let n = &self.notice;
        let np = FieldPath::of("notice");
        for (k, v) in [
            ("issuer", n.issuer.as_str()),
            ("mark", &n.mark),
            ("doc_number", &n.doc_number.text),
            ("title", &n.title),
            ("signer", &n.signer),
            ("printed_by", &n.printed_by),
        ] {
            out.push((np.key(k), v));
        }
        for (k, v) in [
            ("mark_second_line", &n.mark_second_line),
            ("copy_number", &n.copy_number),
            ("secrecy_term", &n.secrecy_term),
        ] {
            if let Some(v) = v {
                out.push((np.key(k), v));
            }
        }
        for (k, list) in [
            ("recipients", &n.recipients),
            ("body", &n.body),
            ("cc", &n.cc),
        ] {
            for (i, v) in list.iter().enumerate() {
                out.push((np.key(k).index(i), v));
            }
        }
        let s = &self.plan;
        let sp = FieldPath::of("plan");
        out.push((sp.key("title"), &s.title));
        out.push((sp.key("program"), &s.program));
        out.push((sp.key("summary").key("share_words"), &s.summary.share_words));
        for (i, v) in s.preamble.iter().enumerate() {
            out.push((sp.key("preamble").index(i), v));
        }
        for (i, sec) in s.sections.iter().enumerate() {
            section_texts(sp.key("sections").index(i), sec, &mut out);
        }
        for g in self.groups() {
            let (cp, cat) = (g.path, g.category);
            out.push((cp.key("name"), &cat.name));
            out.push((cp.key("heading"), &cat.heading));
            out.push((cp.key("intro"), &cat.intro));
        }
        for at in self.projects() {
            let (pp, pr) = (at.path(), at.project);
            for (k, v) in pr.text_fields() {
                out.push((pp.key(k), v));
            }
            for (i, src) in pr.sources.iter().enumerate() {
                out.push((pp.key("sources").index(i).key("name"), &src.name));
            }
            for (k, v) in &pr.extra {
                out.push((pp.key("extra").key(k), v));
            }
            for (i, item) in pr.items.iter().enumerate() {
                let ip = pp.key("items").index(i);
                out.push((ip.key("name"), &item.name));
                out.push((ip.key("content"), &item.content));
            }
        }
        for (i, a) in s.allocations.iter().enumerate() {
            let ap = sp.key("allocations").index(i);
            out.push((ap.key("recipient"), &a.recipient));
            out.push((ap.key("purpose"), &a.purpose));
        }
        for (i, src) in s.funding.sources().iter().enumerate() {
            out.push((sp.key("funding").index(i).key("name"), &src.name));
        }
        for (at, a) in s.annex.each() {
            out.push((at.key("title"), &a.title));
            out.push((at.key("filler"), &a.filler));
            // A table's own column titles print in its header.
            for (j, c) in a.columns.iter().flatten().enumerate() {
                let cp = at.key("columns").index(j);
                if let Some(t) = &c.title {
                    out.push((cp.key("title"), t));
                }
                match &c.column {
                    Column::Extra(name) => out.push((cp.key("extra"), name)),
                    Column::Source(name) => out.push((cp.key("source"), name)),
                    _ => {}
                }
            }
        }
        out
    }
}

fn section_texts<'a>(at: FieldPath, sec: &'a Section, out: &mut Vec<(FieldPath, &'a str)>) {
    out.push((at.key("heading"), &sec.heading));
    for (i, b) in sec.paragraphs.iter().enumerate() {
        let bp = at.key("paragraphs").index(i);
        match b {
            Block::Text(t) => out.push((bp, t)),
            Block::RunIn { run_in, text } => {
                out.push((bp.key("run_in"), run_in));
                out.push((bp.key("text"), text));
            }
        }
    }
    for (i, sub) in sec.sections.iter().enumerate() {
        section_texts(at.key("sections").index(i), sub, out);
    }
}

/// The Chinese name of a key, for messages ("leader" → "责任领导").
pub fn field_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "notice" => "通知",
        "plan" => "实施方案",
        "policy" => "政策要求",
        "fonts" => "字体",
        "correction" => "更正",
        "mode" => "更正方式",
        "notice_number" => "更正通知文号",
        "original" => "原文号",
        "heading1" => "一级标题字体",
        "heading2" => "二级标题字体",
        "page_number" => "页码字体",
        "yi" => "彝文字体",
        "roster" => "名册文件",
        "format" => "公文格式",
        "issuer" => "发文机关",
        "mark" => "发文机关标志",
        "mark_second_line" => "发文机关标志第二行",
        "doc_number" => "发文字号",
        "title" => "标题",
        "recipients" => "主送机关",
        "body" => "正文",
        "signer" => "署名",
        "date" => "成文日期",
        "issue_date" => "印发日期",
        "printed_by" => "印发机关",
        "cc" => "抄送",
        "disclosure" => "信息公开选项",
        "copy_number" => "份号",
        "secrecy" => "密级",
        "secrecy_term" => "保密期限",
        "urgency" => "紧急程度",
        "year" => "年度",
        "program" => "协作项目名称（如东西部协作）",
        "scheme" => "是否印发实施方案",
        "funding" => "下达资金",
        "unit" => "金额单位",
        "dates" => "日期印法（日/月）",
        "preamble" => "前言",
        "sections" => "章节",
        "heading" => "标题",
        "paragraphs" => "段落",
        "projects" => "项目",
        "categories" => "项目类别",
        "annex" => "附件",
        "name" => "名称",
        "intro" => "引言",
        "industry" => "是否产业类",
        "subtotal" => "小计",
        "amount" => "规划投资",
        "content" => "建设规模和内容",
        "benefit" => "效益",
        "location" => "实施地点",
        "leader" => "责任领导",
        "department" => "责任单位",
        "implementer" => "实施单位",
        "deadline" => "完成时限",
        "linkage" => "脱贫人口利益联结情况",
        "ownership" => "产权归属",
        "allocations" => "资金分配",
        "recipient" => "乡镇（单位）",
        "purpose" => "用途",
        "total_investment" => "总投资",
        "sources" => "资金来源",
        "items" => "子项",
        "start" => "开工时间",
        "cross_year" => "跨年度说明",
        "summary" => "概述句",
        "print" => "是否印出",
        "share_decimals" => "占比小数位数",
        "share_words" => "占比前的字",
        "required" => "必填的项目字段",
        "accept" => "接受的警告",
        "rule" => "规则代码",
        "reason" => "理由",
        "filler" => "填报单位",
        "columns" => "表格列",
        "widths" => "列宽",
        "min_share" => "最低占比",
        "run_in" => "段首小标题",
        "text" => "正文",
        "places" => "地点",
        "units" => "单位",
        "leaders" => "领导",
        _ => return None,
    })
}
