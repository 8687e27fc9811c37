//! The checked plan as the JSON the templates read: every figure and every numbering
//! formatted here, in Rust, so the templates only lay out text they are given.
//!
//! Text reaches Typst as JSON strings and is placed as text, never evaluated as markup: a
//! project named `#read("x")` prints as those characters.

mod annex;
mod notice;
mod scheme;

use schemars::JsonSchema;
use serde::Serialize;

use crate::plan::model::{Format, PlanFile};
use crate::plan::{Date, Figures};

use super::lines::{Fitter, Line, Para};
use crate::fonts::{FontEnv, Role};

/// Full-width characters per line of a 2号 title in the 156 mm block, with a margin for
/// half-width digits that are wider than half an em.
const TITLE_CHARS: usize = 19;

#[derive(Debug, Serialize, JsonSchema)]
pub struct View {
    /// "file" (文件格式) or "letter" (信函格式).
    pub format: &'static str,
    pub notice: NoticeView,
    /// The 实施方案, unless the notice sends only its tables.
    pub scheme: Option<SchemeView>,
    /// The annexed tables, in order.
    pub annexes: Vec<AnnexView>,
    pub colophon: ColophonView,
    pub meta: MetaView,
    /// Face chain of each role, from `fonts::Role` (one source for Rust and templates).
    pub fonts: FontsView,
    /// The paper of the table printed alone (`annex -o x.pdf --paper a3`): "a4" or "a3".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<&'static str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FontsView {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub hei: Vec<String>,
    pub kai: Vec<String>,
    pub song: Vec<String>,
    pub yi: Vec<String>,
}

impl FontsView {
    pub fn new(env: &FontEnv) -> Self {
        let chain = |r: Role| env.chain(r).to_vec();
        Self {
            title: chain(Role::Title),
            body: chain(Role::Body),
            hei: chain(Role::Heading1),
            kai: chain(Role::Heading2),
            song: chain(Role::PageNumber),
            yi: chain(Role::Yi),
        }
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MetaView {
    pub title: String,
    pub author: String,
    pub date: [i32; 3],
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    /// A body paragraph, indented two characters.
    Para { text: String },
    /// A heading on its own line, with its number: level 1 "一、" 黑体, 2 "（一）" 楷体,
    /// 3 "1." and 4 "（1）" body face.
    Heading { level: u8, text: String },
    /// A paragraph opening with a heading in the face of `level`.
    RunIn {
        level: u8,
        lead: String,
        text: String,
    },
}

/// A block with its lines as set on the grid.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SetBlock {
    #[serde(flatten)]
    pub block: BlockView,
    pub lines: Vec<Line>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SchemeView {
    pub title_lines: Vec<String>,
    pub blocks: Vec<SetBlock>,
    /// 附件说明 names, in order.
    pub attachments: Vec<Para>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AnnexView {
    /// "附件" alone when there is one attachment, else "附件1".
    pub label: String,
    pub title_lines: Vec<String>,
    /// "填报单位（盖章）：…", or empty.
    pub filler: String,
    pub unit: String,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
    /// The part of the block's width the table takes: 1, unless its columns' content is
    /// narrow (a 资金分配 of four short columns is not stretched over 225 mm).
    pub share: f64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ColumnView {
    pub title: String,
    /// Relative width (fr).
    pub width: u32,
    pub align: Align,
}

/// How a column's cells are aligned; the templates read it by its name ("left" …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RowView {
    pub kind: crate::table::RowKind,
    pub cells: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ColophonView {
    /// "信息公开选项：主动公开".
    pub disclosure: String,
    /// "抄送：…。", or none.
    pub cc: Option<String>,
    pub printed_by: String,
    /// "2023年2月7日印发".
    pub issue_date: String,
}

/// The format's name as the templates read it.
pub(crate) fn format_name(f: Format) -> &'static str {
    match f {
        Format::File => "file",
        Format::Letter => "letter",
    }
}

impl ColophonView {
    /// The 版记 of `notice`, printed on `printed` (its own 印发日期, or a 更正通知's date).
    pub fn of(notice: &crate::plan::Notice, printed: Date) -> Self {
        ColophonView {
            disclosure: format!("信息公开选项：{}", notice.disclosure.label()),
            cc: (!notice.cc.is_empty()).then(|| format!("抄送：{}。", notice.cc.join("，"))),
            printed_by: notice.printed_by.clone(),
            issue_date: format!("{}印发", printed.chinese()),
        }
    }
}

pub(crate) use notice::attachment_note;
pub use notice::{JointSigner, NoticeView, recipients};

pub fn build(file: &PlanFile, figures: &Figures, fonts: &FontEnv) -> View {
    let n = &file.notice;
    let mut fit = Fitter::new(fonts);
    let annexes = file.plan.annex.each();
    let titles: Vec<&str> = annexes.iter().map(|(_, a)| a.title.as_str()).collect();
    let notice = notice::view(file, &titles, &mut fit);
    let scheme = file
        .plan
        .scheme
        .then(|| scheme::view(file, figures, &titles, &mut fit));
    View {
        format: format_name(n.format),
        notice,
        scheme,
        annexes: annexes
            .iter()
            .enumerate()
            .map(|(i, (_, a))| {
                let label = if annexes.len() == 1 {
                    "附件".to_string()
                } else {
                    format!("附件{}", i + 1)
                };
                annex::view(file, figures, a, label)
            })
            .collect(),
        colophon: ColophonView::of(n, n.issue_date),
        meta: MetaView {
            title: n.title.clone(),
            author: n.issuer.clone(),
            date: ymd(n.date),
        },
        fonts: FontsView::new(fonts),
        paper: None,
    }
}

fn ymd(d: Date) -> [i32; 3] {
    use chrono::Datelike;
    [d.0.year(), d.0.month() as i32, d.0.day() as i32]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ebian_view_has_the_summary_and_numbered_projects() {
        let t = crate::testing::fixture::ebian();
        let figures = Figures::of(&t.file.plan);
        let v = build(&t.file, &figures, &FontEnv::bundled());
        assert_eq!(
            v.notice.recipients.as_ref().unwrap().text,
            "各乡镇、县级各相关部门："
        );
        assert_eq!(v.notice.date, "2023年2月7日");
        let json = serde_json::to_string(&v).unwrap();
        assert!(json.contains("2023年实施东西部协作建设项目资金3900万元，实施项目5类11个"));
        assert!(json.contains("\"lead\":\"1.宜坪粮果产业园区"));
        assert!(json.contains("（一）高度重视，加快推进。"));
        assert!(json.contains("二、工作任务"));
        assert!(json.contains("（五）加大改善民生"));
        assert!(json.contains("完成时限：2023年10月30日"));
        assert_eq!(v.annexes[0].rows[0].cells[4], "3900");
        assert_eq!(v.annexes[0].rows.len(), 1 + 5 + 11);
        assert_eq!(v.colophon.issue_date, "2023年2月7日印发");
        assert_eq!(v.annexes[0].unit, "单位：万元");
    }

    #[test]
    fn a_plan_in_yuan_says_yuan_in_its_text_and_its_table() {
        let mut f = crate::testing::fixture::ebian().file;
        f.plan.unit = crate::plan::money::Unit::Yuan;
        let figures = Figures::of(&f.plan);
        let v = build(&f, &figures, &FontEnv::bundled());
        let json = serde_json::to_string(&v).unwrap();
        assert!(json.contains("建设项目资金3900元，实施项目5类11个"));
        assert!(json.contains("规划投资1000元，"));
        assert!(json.contains("规划资金1950元") && !json.contains("规划投资1000万元"));
        assert_eq!(v.annexes[0].unit, "单位：元");
    }
}
