//! An annexed table as the templates print it: the table of `crate::table` with its
//! column alignments and row kinds named, its title balanced, its 填报单位 and unit.

use crate::plan::Figures;
use crate::plan::model::{Annex, Column, PlanFile};
use crate::table::Table;

use super::{Align, AnnexView, ColumnView, RowView, TITLE_CHARS};
use crate::render::title::balance;

/// The block's width in pt (the landscape block, 225 mm), a cell's characters and insets.
const BLOCK_PT: f64 = 225.0 * 72.0 / 25.4;
const CHAR_PT: f64 = 9.0;
const INSETS_PT: f64 = 6.0;
/// Room a narrow table keeps beyond its content, so it does not look cramped.
const AIR: f64 = 1.6;

/// A narrow table's share of the block and its columns' widths from their content (title or
/// longest value, on one line), or None for a table that needs the whole block.
fn natural(table: &Table) -> Option<(f64, Vec<u32>)> {
    let chars: Vec<f64> = (0..table.columns.len())
        .map(|c| {
            let title = crate::table::widths::chars_wide(table.columns[c].title());
            table
                .rows
                .iter()
                .map(|r| crate::table::widths::chars_wide(&table.text(&r.cells[c])))
                .fold(title, f64::max)
        })
        .collect();
    let pt: f64 = chars.iter().map(|c| c * CHAR_PT + INSETS_PT).sum::<f64>() * AIR;
    (pt < BLOCK_PT * 0.8).then(|| {
        let widths = chars
            .iter()
            .map(|c| {
                ((c * CHAR_PT + INSETS_PT) * 10.0 / CHAR_PT)
                    .round()
                    .max(1.0) as u32
            })
            .collect();
        ((pt / BLOCK_PT * 1000.0).round() / 1000.0, widths)
    })
}

pub(super) fn view(file: &PlanFile, figures: &Figures, a: &Annex, label: String) -> AnnexView {
    let table = Table::of_annex(file, figures, a);
    let narrow = if a.widths.is_none() {
        natural(&table)
    } else {
        None
    };
    let widths = narrow
        .as_ref()
        .map_or(table.widths.clone(), |n| n.1.clone());
    let columns = table
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| ColumnView {
            title: c.title().to_string(),
            width: *w,
            align: match c.column {
                Column::Amount | Column::TotalInvestment | Column::Source(_) => Align::Right,
                Column::Name
                | Column::Content
                | Column::Linkage
                | Column::Benefit
                | Column::Sources
                | Column::Extra(_) => Align::Left,
                _ => Align::Center,
            },
        })
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|r| RowView {
            kind: r.kind,
            cells: r.cells.iter().map(|c| table.text(c)).collect(),
        })
        .collect();
    AnnexView {
        label,
        title_lines: balance(
            &a.title,
            TITLE_CHARS + 8,
            &super::super::title::names_of(file),
        ),
        filler: if table.filler.trim().is_empty() {
            String::new()
        } else {
            format!("填报单位（盖章）：{}", table.filler)
        },
        unit: format!("单位：{}", file.plan.unit.label()),
        columns,
        rows,
        share: narrow.map_or(1.0, |n| n.0),
    }
}
