//! An annexed table as the templates print it: the table of `crate::table` with its
//! column alignments and row kinds named, its title balanced, its 填报单位 and unit.

use crate::plan::Figures;
use crate::plan::model::{Annex, Column, PlanFile};
use crate::table::{RowKind, Table};

use super::{AnnexView, ColumnView, RowView, TITLE_CHARS};
use crate::render::title::balance;

pub(super) fn view(file: &PlanFile, figures: &Figures, a: &Annex, label: String) -> AnnexView {
    let table = Table::of_annex(file, figures, a);
    let columns = table
        .columns
        .iter()
        .zip(&table.widths)
        .map(|(c, w)| ColumnView {
            title: c.title().to_string(),
            width: *w,
            align: match c.column {
                Column::Amount | Column::TotalInvestment | Column::Source(_) => "right",
                Column::Name
                | Column::Content
                | Column::Linkage
                | Column::Benefit
                | Column::Sources
                | Column::Extra(_) => "left",
                _ => "center",
            },
        })
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|r| RowView {
            kind: match r.kind {
                RowKind::Total => "total",
                RowKind::Category => "category",
                RowKind::Project => "project",
                RowKind::Item => "item",
            },
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
    }
}
