//! The document's parts from the view, in order: 版头, title, 主送, body, 署名 and date, the
//! 实施方案 with its headings, the annexed tables on landscape pages, and the 版记.

use std::cell::Cell;

use docx_rs::{
    BreakType, LineSpacing, LineSpacingType, Paragraph, Run, SectionProperty, SpecialIndentType,
    Table,
};

mod annex;
mod colophon;
mod head;
mod joint;

use super::styles::{self, face};
use super::{BLOCK_W, CELL, Faces, PITCH};
use crate::render::lines::Para;
use crate::render::view::{BlockView, SchemeView, View};

pub(super) enum Child {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

thread_local! {
    /// The next paragraph id: docx-rs numbers paragraphs from a counter of its own that runs
    /// on across documents; ours restarts with each, so the same plan gives the same bytes.
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

pub(super) fn reset_ids() {
    NEXT.with(|n| n.set(0));
}

/// `p` with the next id of this document.
pub(super) fn numbered(p: Paragraph) -> Paragraph {
    let id = NEXT.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    });
    p.id(format!("{:08X}", 0x1000_0000 + id))
}

/// A title's balanced lines as one run, broken where the view breaks it.
fn title_run(lines: &[String]) -> Run {
    let mut run = Run::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(l);
    }
    run
}

/// Red, as the PDF prints it (CMYK 0/100/100/0 as sRGB).
pub(super) const RED: &str = "E60012";

/// A 3号 text's width in twips, as the styles set it (digits half a character).
fn width(s: &str) -> i32 {
    s.chars()
        .map(|c| if c.is_ascii() { 155 } else { 315 })
        .sum()
}

pub(super) struct Body<'f> {
    faces: &'f Faces,
    /// The seals' PNGs of a sealed notice, one per signing office (none: no image).
    pub(super) seals: &'f [Option<Vec<u8>>],
    /// Annexed tables set so far (a 联合行文's marks are a table too, not an annex).
    annexes: usize,
    children: Vec<Child>,
    /// 信函格式: the first section's first page takes a footer of its own.
    letter: bool,
    sections: usize,
}

impl<'f> Body<'f> {
    pub(super) fn new(faces: &'f Faces) -> Self {
        Self {
            faces,
            seals: &[],
            annexes: 0,
            children: Vec::new(),
            letter: false,
            sections: 0,
        }
    }

    fn push(&mut self, p: Paragraph) {
        self.children.push(Child::Paragraph(Box::new(numbered(p))));
    }

    fn text(&self, style: &str, text: &str) -> Paragraph {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(text))
    }

    /// A paragraph of the view (its text, its indents in cells).
    fn para(&self, style: &str, p: &Para) -> Paragraph {
        let indent = (p.indent * f64::from(CELL)).round() as i32;
        let hanging = (p.hanging * f64::from(CELL)).round() as i32;
        let special = if hanging > indent {
            SpecialIndentType::Hanging(hanging - indent)
        } else {
            SpecialIndentType::FirstLine(indent - hanging)
        };
        self.text(style, &p.text)
            .indent(Some(hanging), Some(special), None, None)
    }

    /// The 署名 never stands on a page without text above it: the last paragraph goes with it.
    fn keep_last_with_next(&mut self) {
        if let Some(Child::Paragraph(p)) = self.children.last_mut() {
            let last = std::mem::replace(&mut **p, Paragraph::new());
            **p = last.keep_next(true);
        }
    }

    /// Blank lines of the grid before a paragraph.
    fn lines_before(p: Paragraph, n: i32) -> Paragraph {
        p.line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(PITCH)
                .before((n * PITCH) as u32),
        )
    }

    pub(super) fn notice(&mut self, view: &View) {
        let n = &view.notice;
        let letter = view.format == "letter";
        self.head(view);
        self.title(
            &n.title_lines,
            2,
            if letter {
                super::letter::TITLE_EXTRA
            } else {
                0
            },
        );
        // One blank line under the title (the title's last line stands 13.85 pt lower in its
        // grid line in the PDF than in LibreOffice: measured).
        let under_title = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(PITCH)
            .before((PITCH + 277) as u32);
        let first = match &n.recipients {
            Some(r) => self.para(styles::FLUSH, r),
            None => n
                .body
                .first()
                .map_or_else(Paragraph::new, |p| self.para(styles::BODY, p)),
        };
        self.push(first.line_spacing(under_title));
        let rest = if n.recipients.is_some() { 0 } else { 1 };
        for p in n.body.iter().skip(rest) {
            self.push(self.para(styles::BODY, p));
        }
        for (i, p) in n.attachments.iter().enumerate() {
            let q = self.para(styles::BODY, p);
            self.push(if i == 0 { Self::lines_before(q, 1) } else { q });
        }
        if n.joint.is_empty() {
            self.signature(&n.signer, &n.date, n.sealed);
        } else {
            self.keep_last_with_next();
            self.joint_signature(n);
        }
        if let Some(note) = &n.note {
            self.push(self.para(styles::BODY, note));
        }
    }

    /// The title's balanced lines, one paragraph broken where the view breaks it.
    fn title(&mut self, lines: &[String], blank: i32, extra: i32) {
        let run = title_run(lines);
        // A 2号 line sits 4.4 pt lower in its grid line in the PDF than LibreOffice sets it.
        self.push(
            Paragraph::new()
                .style(styles::TITLE)
                .add_run(run)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(PITCH)
                        .before((blank * PITCH + 88 + extra) as u32),
                ),
        );
    }

    /// 署名 and 成文日期 without a seal (§7.3.5.2): one blank line under the text, the name
    /// two characters from the right, the date under it starting two characters right of the
    /// name (if the date is the longer, the date ends two characters from the right and the
    /// name moves left). Widths as the styles set them: 15.75 pt a character, digits half.
    /// Sealed, they are set as `seal.rs` says.
    fn signature(&mut self, signer: &str, date: &str, sealed: bool) {
        let (sw, dw) = (width(signer), width(date));
        self.keep_last_with_next();
        if sealed {
            let (left, right) = super::seal::indents(sw, dw);
            let name = self
                .text(styles::FLUSH, signer)
                .indent(Some(left), None, None, None);
            let png = self.seals.first().and_then(Option::as_deref);
            let name = super::seal::with_seal(name, dw, png);
            self.push(Self::lines_before(name, 2).keep_next(true));
            self.push(
                self.text(styles::SIGNATURE, date)
                    .indent(None, None, Some(right), None),
            );
            return;
        }
        let two = 2 * CELL;
        let right = BLOCK_W as i32;
        let (signer_p, date_p) = if sw >= dw + two {
            (
                self.text(styles::SIGNATURE, signer)
                    .indent(None, None, Some(two), None),
                self.text(styles::FLUSH, date)
                    .indent(Some(right - sw), None, None, None),
            )
        } else {
            (
                self.text(styles::FLUSH, signer).indent(
                    Some(right - two - dw - two),
                    None,
                    None,
                    None,
                ),
                self.text(styles::SIGNATURE, date)
                    .indent(None, None, Some(two), None),
            )
        };
        self.push(Self::lines_before(signer_p, 1).keep_next(true));
        self.push(date_p);
    }

    pub(super) fn scheme(&mut self, s: &SchemeView) {
        // The 实施方案 starts a page of its own.
        let run = title_run(&s.title_lines);
        self.push(
            Paragraph::new()
                .style(styles::TITLE)
                .page_break_before(true)
                .add_run(run),
        );
        let mut first = true;
        for b in &s.blocks {
            let p = match &b.block {
                BlockView::Para { text } => self.text(styles::BODY, text),
                BlockView::Heading { level, text } => self.text(styles::heading(*level), text),
                BlockView::RunIn { level, lead, text } => Paragraph::new()
                    .style(styles::BODY)
                    .add_run(Run::new().add_text(lead).fonts(self.lead_face(*level)))
                    .add_run(Run::new().add_text(text)),
            };
            self.push(if first { Self::lines_before(p, 1) } else { p });
            first = false;
        }
        for (i, p) in s.attachments.iter().enumerate() {
            let q = self.para(styles::BODY, p);
            self.push(if i == 0 { Self::lines_before(q, 1) } else { q });
        }
    }

    fn lead_face(&self, level: u8) -> docx_rs::RunFonts {
        match level {
            1 => face(&self.faces.hei),
            2 => face(&self.faces.kai),
            _ => face(&self.faces.body),
        }
    }

    /// Ends the section of what came before with `props`: on the last paragraph, or on an
    /// empty one after a table.
    fn end_section(&mut self, props: SectionProperty) {
        let props = if self.letter && self.sections == 0 {
            super::letter::first_section(props)
        } else {
            props
        };
        self.sections += 1;
        match self.children.last_mut() {
            Some(Child::Paragraph(p)) => {
                let q = std::mem::take(p.as_mut());
                **p = q.section_property(props);
            }
            _ => {
                let p = Paragraph::new()
                    .style(styles::FLUSH)
                    .section_property(props);
                self.push(p);
            }
        }
    }

    pub(super) fn finish(self) -> Vec<Child> {
        self.children
    }
}

/// The landscape block's width (225 mm).
pub(super) const LAND_W: u32 = super::BLOCK_H;
