//! The 版头 in the DOCX: 份号, 密级, 紧急程度 and the 更正件 mark; the red 发文机关标志 (one office,
//! several stacked, or 信函格式's framed one); the 文号 (centred, beside its 签发人, or flush
//! right under the double line) and the red rule under it.

use docx_rs::{
    AlignmentType, BreakType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run,
};

use super::{Body, RED};
use crate::docx::PITCH;
use crate::docx::styles::{self, face};
use crate::render::view::{NoticeView, View};

impl Body<'_> {
    /// The 版头, down to the red rule.
    pub(super) fn head(&mut self, view: &View) {
        let n = &view.notice;
        let letter = view.format == "letter";
        let f = self.faces;
        for mark in [&n.copy_number, &n.secrecy, &n.urgency]
            .into_iter()
            .flatten()
        {
            self.push(self.text(styles::FLUSH, mark).fonts(face(&f.hei)));
        }
        if let Some(m) = &n.correction_mark {
            self.push(
                self.text(styles::FLUSH, m)
                    .align(AlignmentType::Right)
                    .fonts(face(&f.hei)),
            );
        }
        match &n.mark_second_line {
            Some(second) if !letter => self.push(self.text(styles::MARK, second).size(32)),
            _ => {}
        }
        // The mark's top 35 mm below the block's (文件格式); the 文号 two lines under it,
        // the red rule 4 mm under the 文号.
        self.letter = letter;
        self.marks(n, letter);
        self.number(n, letter);
    }

    /// The red 发文机关标志: one office's, several offices' stacked (联合行文), or 信函格式's
    /// framed 30 mm from the paper's top.
    fn marks(&mut self, n: &NoticeView, letter: bool) {
        // (Spacings measured on LibreOffice's PDF against ours: the mark's baseline and the
        // 文号's within 0.5 pt of where the PDF prints them.)
        let mark = self.text(styles::MARK, &n.mark);
        if letter {
            self.push(crate::docx::letter::lower_line());
        }
        if !letter && !n.joint_marks.is_empty() {
            // 联合行文: the marks' table, under a paragraph that takes the mark's place above it.
            let exact = LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(20);
            self.push(Paragraph::new().line_spacing(exact.clone().before(1920)));
            let table = self.joint_marks(n);
            self.push_table(table);
            self.push(Paragraph::new().line_spacing(exact));
        } else if letter {
            let mut mark = Paragraph::new().style(styles::MARK);
            if let Some(second) = &n.mark_second_line {
                mark = mark.add_run(
                    Run::new()
                        .add_text(second)
                        .size(32)
                        .disable_bold()
                        .add_break(BreakType::TextWrapping),
                );
            }
            // 联合行文 in 信函格式: the names one under the other, "文件" after the last.
            let text = if n.joint_marks.is_empty() {
                n.mark.clone()
            } else {
                let word = n.mark_word.as_deref().unwrap_or("");
                format!("{}{word}", n.joint_marks.join("\n"))
            };
            let mut run = Run::new();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    run = run.add_break(BreakType::TextWrapping);
                }
                run = run.add_text(line);
            }
            self.push(crate::docx::letter::mark(
                mark.add_run(run),
                n.mark_second_line.is_some(),
            ));
        } else {
            self.push(mark.line_spacing(LineSpacing::new().before(1920)));
        }
    }

    /// The 文号: flush right under 信函格式's double line; else centred, or left beside its
    /// 签发人 (§7.2.6), with the red rule 4 mm under it.
    fn number(&mut self, n: &NoticeView, letter: bool) {
        let f = self.faces;
        let number = self.text(styles::FLUSH, &n.doc_number);
        let spacing = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(PITCH);
        if letter {
            // Flush right under the double line, which the mark's frame draws.
            self.push(
                number
                    .align(AlignmentType::Right)
                    .line_spacing(spacing.before(crate::docx::letter::NUMBER_BEFORE)),
            );
        } else {
            let rule = ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .size(11)
                    .space(11)
                    .color(RED),
            );
            let mut number = number;
            number.property = number.property.set_borders(rule);
            if n.signed_off.is_empty() {
                self.push(
                    number
                        .align(AlignmentType::Center)
                        .line_spacing(spacing.before(1422)),
                );
            } else {
                let kai = face(&f.kai);
                for p in
                    crate::docx::upward::number_lines(number, &n.signed_off, kai, spacing, 1422)
                {
                    self.push(p);
                }
            }
        }
    }
}
