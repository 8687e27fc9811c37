//! The 更正通知's view: a notice from the same issuer listing each change, 原内容 / 更正为.

use schemars::JsonSchema;
use serde::Serialize;

use super::diff::{Change, Kind};
use crate::fonts::FontEnv;
use crate::plan::model::{Correction, CorrectionMode, PlanFile};
use crate::render::lines::{Fitter, Para};
use crate::render::title::balance;
use crate::render::view::{ColophonView, FontsView, MetaView, NoticeView, format_name, recipients};

#[derive(Debug, Serialize, JsonSchema)]
pub struct CorrectionView {
    pub format: &'static str,
    pub notice: NoticeView,
    /// The table's column titles: 序号, 位置, 原内容, 更正为.
    pub headers: [&'static str; 4],
    pub changes: Vec<ChangeRow>,
    /// Relative widths of 位置, 原内容, 更正为 from their longest texts, so short values do not
    /// take a third of the table each and push long places onto five lines; 0: a column of
    /// short values, as wide as its longest (never broken).
    pub widths: [usize; 3],
    /// The sentence after the table ("……原文件作废。特此通知。").
    pub closing: Para,
    pub colophon: ColophonView,
    pub meta: MetaView,
    pub fonts: FontsView,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeRow {
    pub place: String,
    pub old: String,
    pub new: String,
}

/// The longest value (characters) a column of 原内容 or 更正为 is sized to rather than shared.
const SHORT_VALUE: usize = 12;

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "（无）".into()
    } else {
        s.to_string()
    }
}

/// One row of the change table: where, what it was, what it is.
fn row(c: &Change) -> ChangeRow {
    ChangeRow {
        place: match (c.kind, c.field.is_empty()) {
            (Kind::Derived, _) => format!("{}：{}（随之变化）", c.place, c.field),
            (_, true) => c.place.clone(),
            (_, false) => format!("{}：{}", c.place, c.field),
        },
        old: or_none(&c.old),
        new: or_none(&c.new),
    }
}

/// The change table's relative widths of 位置, 原内容 and 更正为, from their longest texts.
fn widths(changes: &[ChangeRow]) -> [usize; 3] {
    let longest = |f: fn(&ChangeRow) -> &str| {
        changes
            .iter()
            .map(|c| f(c).chars().count())
            .max()
            .unwrap_or(0)
    };
    // A short value ("杨秀英", "150万元") takes its own width and is never broken; a long
    // one shares the line with 位置 by its length.
    let value = |n: usize| if n <= SHORT_VALUE { 0 } else { n.clamp(4, 30) };
    [
        longest(|c| &c.place).clamp(4, 30),
        value(longest(|c| &c.old)),
        value(longest(|c| &c.new)),
    ]
}

/// The 更正通知 for correcting `old` (as issued) into `new`.
pub fn build(
    old: &PlanFile,
    new: &PlanFile,
    corr: &Correction,
    changes: &[Change],
    fonts: &FontEnv,
) -> CorrectionView {
    let n = &new.notice;
    let mut fit = Fitter::new(fonts);
    let title = format!(
        "{}关于更正{}有关内容的通知",
        n.issuer, old.notice.doc_number.text
    );
    let intro = format!(
        "{}印发的《{}》（{}）中有误，现更正如下：",
        old.notice.issue_date.chinese(),
        old.notice.title,
        old.notice.doc_number.text
    );
    let closing = match corr.mode {
        CorrectionMode::SameNumber => {
            "更正后的文件随本通知印发，原文件作废。特此通知。".to_string()
        }
        CorrectionMode::NewNumber => format!(
            "更正后的文件以{}重新印发，原文件作废。特此通知。",
            n.doc_number.text
        ),
    };
    let changes: Vec<ChangeRow> = changes.iter().map(row).collect();
    let widths = widths(&changes);
    use chrono::Datelike;
    let d = corr.date.0;
    CorrectionView {
        format: format_name(n.format),
        notice: NoticeView {
            correction_mark: None,
            copy_number: None,
            secrecy: None,
            urgency: None,
            mark: n.mark.clone(),
            mark_second_line: n.mark_second_line.clone(),
            joint_marks: Vec::new(),
            mark_word: None,
            doc_number: corr.notice_number.text.clone(),
            signed_off: Vec::new(),
            title_lines: balance(&title, 19, &{
                let mut names = crate::render::title::names_of(new);
                names.push(old.notice.doc_number.text.clone());
                names
            }),
            recipients: (!n.recipients.is_empty()).then(|| recipients(&n.recipients, &mut fit)),
            body: vec![fit.body(&intro)],
            attachments: Vec::new(),
            signer: n.signer.clone(),
            date: corr.date.chinese(),
            note: None,
            sealed: false,
            seal: None,
            joint: Vec::new(),
        },
        headers: ["序号", "位置", "原内容", "更正为"],
        changes,
        widths,
        closing: fit.body(&closing),
        colophon: ColophonView::of(n, corr.date),
        meta: MetaView {
            title,
            author: n.issuer.clone(),
            date: [d.year(), d.month() as i32, d.day() as i32],
        },
        fonts: FontsView::new(fonts),
    }
}
