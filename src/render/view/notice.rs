//! The notice's part of the view: its 版头 (marks, 文号, 签发人), title, 主送, body and 结束语,
//! 附件说明, 署名 and date (of every office, with their seals) and 附注.

use schemars::JsonSchema;
use serde::Serialize;

use super::super::lines::{Fitter, Para};
use super::super::title::balance;
use super::TITLE_CHARS;
use crate::plan::genre::closing;
use crate::plan::model::{Notice, PlanFile};

#[derive(Debug, Serialize, JsonSchema)]
pub struct NoticeView {
    /// "更正件" on a corrected document issued under the same 文号.
    pub correction_mark: Option<String>,
    pub copy_number: Option<String>,
    /// "机密★1年" style line, or none.
    pub secrecy: Option<String>,
    pub urgency: Option<String>,
    pub mark: String,
    pub mark_second_line: Option<String>,
    /// 联合行文 (§7.2.4): every office's name, the leading one first, stacked in place of
    /// `mark`; empty for one office.
    pub joint_marks: Vec<String>,
    /// "文件", right of the stacked names and centred on them, when the marks end with it.
    pub mark_word: Option<String>,
    /// Empty when the notice has none (a 公示): its line stays, blank.
    pub doc_number: String,
    /// 签发人 of a 上行文, two names to a line (§7.2.6); the 文号 then stands left, on the
    /// line of the last.
    pub signed_off: Vec<String>,
    pub title_lines: Vec<String>,
    /// "各乡镇、县级各相关部门：", or none (a 公告).
    pub recipients: Option<Para>,
    /// 正文, closed by its 结束语 ("特此公告。") as a paragraph of its own.
    pub body: Vec<Para>,
    /// The notice's own 附件说明, when it sends its tables without a 实施方案.
    pub attachments: Vec<Para>,
    pub signer: String,
    pub date: String,
    /// 附注 on the line after the date, two characters in (§7.3.6).
    pub note: Option<Para>,
    /// 署名 and date set as a sealed document's (§7.3.5.1), with the seal's image when the
    /// plan has one (the World's `/seal.png`) or its room left for a seal stamped by hand.
    pub sealed: bool,
    pub seal: Option<String>,
    /// The offices issuing with the leading one: each 署名, and its seal's image (the World's
    /// `/seal-2.png` …) in a sealed document.
    pub joint: Vec<JointSigner>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct JointSigner {
    pub signer: String,
    pub seal: Option<String>,
}

/// The notice of `file`; `titles` are its annexed tables', for its 附件说明.
pub(super) fn view(file: &PlanFile, titles: &[&str], fit: &mut Fitter) -> NoticeView {
    let n = &file.notice;
    let secrecy = n.secrecy.map(|s| {
        let label = s.label();
        match &n.secrecy_term {
            Some(t) => format!("{label}★{t}"),
            None => label.to_string(),
        }
    });
    let urgency = n.urgency.map(|u| u.label().to_string());
    let correction_mark = file
        .correction
        .as_ref()
        .filter(|c| c.mode == crate::plan::model::CorrectionMode::SameNumber)
        .map(|_| "更正件".to_string());
    let (joint_marks, mark_word) = joint_marks(n);
    NoticeView {
        correction_mark,
        copy_number: n.copy_number.clone(),
        secrecy,
        urgency,
        mark: n.mark.clone(),
        mark_second_line: n.mark_second_line.clone(),
        joint_marks,
        mark_word,
        doc_number: n.doc_number.text.trim().to_string(),
        signed_off: n.signed_off_by.chunks(2).map(|c| c.join("　")).collect(),
        title_lines: balance(&n.title, TITLE_CHARS, &super::super::title::names_of(file)),
        recipients: (!n.recipients.is_empty()).then(|| recipients(&n.recipients, fit)),
        body: n
            .body
            .iter()
            .chain(&closing(n.genre, n.closing.as_deref(), &n.body))
            .map(|t| fit.body(t))
            .collect(),
        attachments: if file.plan.scheme {
            Vec::new()
        } else {
            attachment_note(titles, fit)
        },
        signer: n.signer.clone(),
        date: n.date.chinese(),
        note: n
            .note
            .as_deref()
            .map(|t| fit.para(&[(&note(t), 0)], 2.0, 0.0)),
        joint: n
            .signing()
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, s)| JointSigner {
                signer: s.signer.to_string(),
                seal: s.seal.map(|_| crate::render::world::seal_path(i)),
            })
            .collect(),
        sealed: n.sealed(),
        seal: n.seal_image().map(|_| crate::render::world::seal_path(0)),
    }
}

/// 主送: the names joined with "、", closed with "：", flush left on the grid.
pub fn recipients(names: &[String], fit: &mut Fitter) -> Para {
    fit.para(&[(&format!("{}：", names.join("、")), 0)], 0.0, 0.0)
}

/// 联合行文's marks (§7.2.4): every office's name, stacked; with "文件" once, right of them,
/// when the leading office's mark ends with it.
fn joint_marks(n: &Notice) -> (Vec<String>, Option<String>) {
    const WORD: &str = "文件";
    if n.joint.is_empty() {
        return (Vec::new(), None);
    }
    let word = n.mark.trim().ends_with(WORD);
    let names = n
        .signing()
        .iter()
        .map(|s| {
            let m = s.mark.trim();
            if word {
                m.strip_suffix(WORD).unwrap_or(m)
            } else {
                m
            }
            .to_string()
        })
        .collect();
    (names, word.then(|| WORD.to_string()))
}

/// 附注 in full-width parentheses, as §7.3.6 prints it, whether or not the clerk typed them.
fn note(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_prefix(['（', '(']).unwrap_or(t);
    let t = t.strip_suffix(['）', ')']).unwrap_or(t);
    format!("（{t}）")
}

/// 附件说明 (§7.3.4): "附件：" and the name two characters in, wrapped lines under the
/// name; several names numbered, each next name and every wrapped line under the first
/// character of the first name.
pub(crate) fn attachment_note(names: &[&str], fit: &mut Fitter) -> Vec<Para> {
    const LEAD: &str = "附件：";
    let under = 2.0 + 3.0; // two cells in, then "附件："
    if let [name] = names {
        return vec![fit.para(&[(&format!("{LEAD}{name}"), 0)], 2.0, under)];
    }
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let n = format!("{}. ", i + 1);
            let w: f64 = n.chars().map(|c| fit.width(0, c)).sum();
            let (text, indent) = if i == 0 {
                (format!("{LEAD}{n}{name}"), 2.0)
            } else {
                (format!("{n}{name}"), under)
            };
            fit.para(&[(&text, 0)], indent, under + w)
        })
        .collect()
}
