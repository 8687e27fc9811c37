//! The 实施方案's blocks in reading order: preamble, numbered sections, and in the section
//! that holds them the summary sentence, the projects, allocations and categories.

use crate::plan::Figures;
use crate::plan::model::{Block, Category, PlanFile, Scheme, Section};
use crate::render::project_text;

use super::{BlockView, SchemeView, SetBlock, TITLE_CHARS, attachment_note};
use crate::fonts::Role;
use crate::plan::numbering::number;
use crate::render::lines::Fitter;
use crate::render::title::balance;

/// The 实施方案 with its blocks set on the grid and its 附件说明 for `titles`.
pub(super) fn view(
    file: &PlanFile,
    figures: &Figures,
    titles: &[&str],
    fit: &mut Fitter,
) -> SchemeView {
    SchemeView {
        title_lines: balance(
            &file.plan.title,
            TITLE_CHARS,
            &crate::render::title::names_of(file),
        ),
        blocks: blocks(file, figures)
            .into_iter()
            .map(|b| SetBlock::of(b, fit))
            .collect(),
        attachments: attachment_note(titles, fit),
    }
}

impl SetBlock {
    fn of(block: BlockView, fit: &mut Fitter) -> Self {
        // Level 1 and 2 headings have faces of their own; 3 and 4 the body's.
        let face = |level: u8| match Role::of_level(level) {
            Role::Heading1 => 1,
            Role::Heading2 => 2,
            _ => 0,
        };
        let para = match &block {
            BlockView::Para { text } => fit.body(text),
            BlockView::Heading { level, text } => fit.para(&[(text, face(*level))], 2.0, 0.0),
            BlockView::RunIn { level, lead, text } => {
                fit.para(&[(lead, face(*level)), (text, 0)], 2.0, 0.0)
            }
        };
        SetBlock {
            block,
            lines: para.lines,
        }
    }
}

fn blocks(file: &PlanFile, figures: &Figures) -> Vec<BlockView> {
    let mut out: Vec<BlockView> = file
        .plan
        .preamble
        .iter()
        .map(|t| BlockView::Para { text: t.clone() })
        .collect();
    for (i, s) in file.plan.sections.iter().enumerate() {
        section(file, figures, s, 1, i + 1, &mut out);
    }
    out
}

fn section(
    file: &PlanFile,
    figures: &Figures,
    s: &Section,
    level: u8,
    n: usize,
    out: &mut Vec<BlockView>,
) {
    out.push(BlockView::Heading {
        level,
        text: format!("{}{}", number(level, n), s.heading),
    });
    let mut child = 0;
    for b in &s.paragraphs {
        match b {
            Block::Text(t) => out.push(BlockView::Para { text: t.clone() }),
            Block::RunIn { run_in, text } => {
                child += 1;
                out.push(BlockView::RunIn {
                    level: level + 1,
                    lead: format!("{}{}", number(level + 1, child), run_in),
                    text: text.clone(),
                });
            }
        }
    }
    if s.projects {
        if file.plan.summary.print {
            out.push(BlockView::Para {
                text: figures.summary(&file.plan),
            });
        }
        for p in &file.plan.projects {
            child += 1;
            project_text::blocks(p, &file.plan, level + 1, child, out);
        }
        for a in &file.plan.allocations {
            child += 1;
            out.push(BlockView::Para {
                text: project_text::allocation(a, file.plan.unit, level + 1, child),
            });
        }
        for cat in &file.plan.categories {
            child += 1;
            category(cat, &file.plan, level + 1, child, out);
        }
    }
    for (i, sub) in s.sections.iter().enumerate() {
        section(file, figures, sub, level + 1, child + i + 1, out);
    }
}

/// A category's heading and intro, then its projects or its sub-categories one level down.
fn category(cat: &Category, plan: &Scheme, level: u8, n: usize, out: &mut Vec<BlockView>) {
    out.push(BlockView::Heading {
        level,
        text: format!("{}{}", number(level, n), cat.heading),
    });
    if !cat.intro.trim().is_empty() {
        out.push(BlockView::Para {
            text: cat.intro.clone(),
        });
    }
    for (k, p) in cat.projects.iter().enumerate() {
        project_text::blocks(p, plan, level + 1, k + 1, out);
    }
    for (k, sub) in cat.categories.iter().enumerate() {
        category(sub, plan, level + 1, k + 1, out);
    }
}
