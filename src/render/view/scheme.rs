//! The 实施方案's blocks in reading order: preamble, numbered sections, and in the section
//! that holds them the summary sentence, the projects, allocations and categories.

use crate::plan::Figures;
use crate::plan::model::{Block, Category, PlanFile, Scheme, Section};
use crate::render::project_text;

use super::BlockView;
use crate::plan::numbering::number;

pub(super) fn blocks(file: &PlanFile, figures: &Figures) -> Vec<BlockView> {
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
