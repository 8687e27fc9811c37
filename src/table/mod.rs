//! The annexed project table as rows and cells: one source for the PDF annex, the XLSX
//! export and what `import` expects back.

pub mod import;
pub mod xlsx;

use rust_decimal::Decimal;

use crate::plan::Figures;
use crate::plan::model::{Column, Item, PlanFile, Project};
use crate::render::view::number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// 合计, first.
    Total,
    /// "（一）产业合作" with its subtotal.
    Category,
    Project,
    /// A project's sub-item ("（1）冷库"), under its project.
    Item,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Amount(Decimal),
    /// The project's number within its category.
    Number(usize),
}

#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    /// Index of the category (for category and project rows).
    pub category: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    /// 填报单位, or empty.
    pub filler: String,
    pub columns: Vec<Column>,
    pub widths: Vec<u32>,
    pub rows: Vec<Row>,
    /// Decimals shown for every amount: one number format for the whole table.
    pub scale: u32,
}

impl Table {
    pub fn of(file: &PlanFile, figures: &Figures) -> Self {
        let annex = &file.plan.annex;
        let columns: Vec<Column> = annex
            .columns
            .clone()
            .unwrap_or_else(|| Column::DEFAULT.to_vec());
        let widths = match &annex.widths {
            Some(w) if w.len() == columns.len() => w.clone(),
            _ => columns.iter().map(|c| c.width()).collect(),
        };
        let label_col = columns.iter().position(|c| *c == Column::Name).unwrap_or(0);
        let amount_col = columns.iter().position(|c| *c == Column::Amount);
        let summary_row = |kind, category, label: String, amount: Decimal| {
            let mut cells = vec![Cell::Empty; columns.len()];
            cells[label_col] = Cell::Text(label);
            if let Some(a) = amount_col {
                cells[a] = Cell::Amount(amount);
            }
            Row {
                kind,
                category,
                cells,
            }
        };
        let mut rows = vec![summary_row(RowKind::Total, 0, "合计".into(), figures.total)];
        for (c, (cat, f)) in file
            .plan
            .categories
            .iter()
            .zip(&figures.categories)
            .enumerate()
        {
            rows.push(summary_row(
                RowKind::Category,
                c,
                format!("{}{}", number(2, c + 1), cat.name),
                f.subtotal,
            ));
            for (k, p) in cat.projects.iter().enumerate() {
                rows.push(Row {
                    kind: RowKind::Project,
                    category: c,
                    cells: columns.iter().map(|col| cell(*col, k, p)).collect(),
                });
                for (i, item) in p.items.iter().enumerate() {
                    rows.push(Row {
                        kind: RowKind::Item,
                        category: c,
                        cells: columns.iter().map(|col| item_cell(*col, i, item)).collect(),
                    });
                }
            }
        }
        let scale = rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter_map(|c| match c {
                Cell::Amount(d) => Some(d.normalize().scale()),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .min(4);
        Table {
            title: annex.title.clone(),
            filler: annex.filler.clone(),
            columns,
            widths,
            rows,
            scale,
        }
    }

    /// An amount in the table's one format: `1000`, or `1000.50` when some amount has cents.
    pub fn amount(&self, d: Decimal) -> String {
        format!("{:.*}", self.scale as usize, d.round_dp(self.scale))
    }

    /// A cell as text.
    pub fn text(&self, cell: &Cell) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Amount(d) => self.amount(*d),
            Cell::Number(n) => n.to_string(),
        }
    }
}

fn cell(col: Column, k: usize, p: &Project) -> Cell {
    let t = |s: &str| Cell::Text(s.to_string());
    match col {
        Column::Seq => Cell::Number(k + 1),
        Column::Name => t(&p.name),
        Column::Content => t(&p.content),
        Column::Location => t(&p.location),
        Column::Amount => Cell::Amount(p.amount.value()),
        Column::Leader => t(&p.leader),
        Column::Department => t(&p.department),
        Column::Implementer => t(&p.implementer),
        Column::Linkage => t(p.linkage_text()),
        Column::Ownership => t(&p.ownership),
        Column::Deadline => t(&p.deadline.map(|d| d.chinese()).unwrap_or_default()),
        Column::Benefit => t(&p.benefit),
        Column::TotalInvestment => p
            .total_investment
            .map_or(Cell::Empty, |m| Cell::Amount(m.value())),
        Column::Sources => t(&p.sources_text()),
        Column::Start => t(&p.start.map(|d| d.chinese()).unwrap_or_default()),
    }
}

/// A sub-item's row: its number and name where the project's are, its amount and content.
fn item_cell(col: Column, i: usize, item: &Item) -> Cell {
    match col {
        Column::Name => Cell::Text(format!("{}{}", number(4, i + 1), item.name)),
        Column::Content => Cell::Text(item.content.clone()),
        Column::Amount => Cell::Amount(item.amount.value()),
        _ => Cell::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ebian_table_totals_first_then_categories_and_projects() {
        let f = crate::rules::testutil::ebian().file;
        let t = Table::of(&f, &Figures::of(&f.plan));
        assert_eq!(t.rows.len(), 1 + 5 + 11);
        assert_eq!(t.text(&t.rows[0].cells[1]), "合计");
        assert_eq!(t.text(&t.rows[0].cells[4]), "3900");
        assert_eq!(t.text(&t.rows[1].cells[1]), "（一）产业合作");
        assert_eq!(t.text(&t.rows[1].cells[4]), "1950");
        assert_eq!(t.text(&t.rows[2].cells[0]), "1");
        assert_eq!(t.scale, 0);
    }

    #[test]
    fn one_number_format_for_the_whole_table() {
        let mut f = crate::rules::testutil::ebian().file;
        f.plan.categories[0].projects[0].amount = crate::plan::Money(Decimal::new(99950, 2));
        let t = Table::of(&f, &Figures::of(&f.plan));
        assert_eq!(t.scale, 1);
        assert_eq!(t.text(&t.rows[0].cells[4]), "3899.5");
        assert_eq!(t.text(&t.rows[3].cells[4]), "950.0");
    }
}
