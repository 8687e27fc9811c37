//! The annexed project table as rows and cells: one source for the PDF annex, the XLSX
//! export and what `import` expects back.

pub mod import;
pub(crate) mod widths;
pub mod xlsx;

use rust_decimal::Decimal;

use crate::plan::Figures;
use crate::plan::date::DateForm;
use crate::plan::figures::CategoryFigures;
use crate::plan::model::{
    Allocation, Annex, Category, Column, ColumnSpec, Item, ItemsIn, PlanFile, Project,
};
use crate::plan::money::Unit;
use crate::plan::numbering::{category_number, number};

/// What a row of the table is; the templates read it by its name ("total" …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
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
    /// Depth in the table's tree: 合计 0, then each row one below what it adds up into, so a
    /// row's parts are the rows after it one level deeper (until one at its level or above).
    pub level: u8,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    /// 填报单位, or empty.
    pub filler: String,
    pub columns: Vec<ColumnSpec>,
    pub widths: Vec<u32>,
    pub rows: Vec<Row>,
    /// Decimals shown for every amount: one number format for the whole table.
    pub scale: u32,
    /// "万元" or "元", for the unit line.
    pub unit: &'static str,
}

impl Table {
    /// The first table the plan annexes (the one XLSX export and import use).
    pub fn of(file: &PlanFile, figures: &Figures) -> Self {
        Self::of_annex(file, figures, file.plan.annex.first())
    }

    /// The table `annex` describes, with the plan's projects.
    pub(crate) fn of_annex(file: &PlanFile, figures: &Figures, annex: &Annex) -> Self {
        let columns: Vec<ColumnSpec> = annex.specs_in(&file.plan);
        let label_col = columns
            .iter()
            .position(|c| c.column == Column::Name)
            .unwrap_or(0);
        let amount_col = columns.iter().position(|c| c.column == Column::Amount);
        let mut b = Builder {
            columns: &columns,
            label_col,
            amount_col,
            nested: file.plan.nested(),
            unit: file.plan.unit,
            dates: file.plan.dates,
            items_in_cell: annex.items == ItemsIn::Cell,
            sole_source: file.plan.funding.sole_source().map(str::to_string),
            rows: Vec::new(),
        };
        b.summary(RowKind::Total, 0, "合计".into(), figures.total);
        b.projects(&file.plan.projects, 1);
        for (k, a) in file.plan.allocations.iter().enumerate() {
            let cells = columns
                .iter()
                .map(|c| allocation_cell(&c.column, k, a))
                .collect();
            b.rows.push(Row {
                kind: RowKind::Project,
                level: 1,
                cells,
            });
        }
        for (c, (cat, f)) in file
            .plan
            .categories
            .iter()
            .zip(&figures.categories)
            .enumerate()
        {
            b.category(cat, f, 1, c);
        }
        let mut rows = b.rows;
        add_up(&columns, &mut rows);
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
        let widths = match &annex.widths {
            Some(w) if w.len() == columns.len() => w.clone(),
            _ => widths::settle(&columns, &whole_widths(&columns, &rows, scale)),
        };
        Table {
            title: annex.title.clone(),
            filler: annex.filler.clone(),
            columns,
            widths,
            rows,
            scale,
            unit: file.plan.unit.label(),
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

/// Each column's longest value that is never broken (a date, an amount, a name, a number),
/// in characters; 0 for a column of running text. Amounts as the table prints them.
fn whole_widths(columns: &[ColumnSpec], rows: &[Row], scale: u32) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(c, spec)| {
            let whole = spec.column.adds_up()
                || matches!(
                    spec.column,
                    Column::Seq | Column::Start | Column::Deadline | Column::Leader
                );
            if !whole {
                return 0.0;
            }
            rows.iter()
                // The 合计 and 小计 labels run across; their sums are whole values.
                .filter(|r| {
                    !matches!(r.kind, RowKind::Category | RowKind::Total) || spec.column.adds_up()
                })
                .map(|r| match &r.cells[c] {
                    // A list ("杨秀英、欧其月布") breaks between its items.
                    Cell::Text(t) => t
                        .split(['、', '，', ',', ' '])
                        .map(widths::chars_wide)
                        .fold(0.0, f64::max),
                    Cell::Amount(d) => widths::chars_wide(&format!("{:.*}", scale as usize, d)),
                    Cell::Number(n) => widths::chars_wide(&n.to_string()),
                    Cell::Empty => 0.0,
                })
                .fold(0.0, f64::max)
        })
        .collect()
}

/// Rows in document order, each at its level.
struct Builder<'a> {
    columns: &'a [ColumnSpec],
    label_col: usize,
    amount_col: Option<usize>,
    /// Two levels of categories: 大项 "一、", 中项 "（一）".
    nested: bool,
    unit: Unit,
    dates: DateForm,
    /// Sub-items listed in the 建设内容 cell instead of rows of their own.
    items_in_cell: bool,
    /// The plan's funding source when it has exactly one.
    sole_source: Option<String>,
    rows: Vec<Row>,
}

impl Builder<'_> {
    fn summary(&mut self, kind: RowKind, level: u8, label: String, amount: Decimal) {
        let mut cells = vec![Cell::Empty; self.columns.len()];
        cells[self.label_col] = Cell::Text(label);
        if let Some(a) = self.amount_col {
            cells[a] = Cell::Amount(amount);
        }
        self.rows.push(Row { kind, level, cells });
    }

    fn projects(&mut self, projects: &[Project], level: u8) {
        for (k, p) in projects.iter().enumerate() {
            let mut cells: Vec<Cell> = self
                .columns
                .iter()
                .map(|col| match &col.column {
                    Column::Source(name) => p
                        .amount_from(name, self.sole_source.as_deref())
                        .map_or(Cell::Empty, Cell::Amount),
                    c => cell(c, k, p, self.unit, self.dates),
                })
                .collect();
            if self.items_in_cell {
                // The items join the 建设内容 cell (a table without one shows the amounts only,
                // as it shows no content).
                let at = self
                    .columns
                    .iter()
                    .position(|c| c.column == Column::Content);
                if let Some(i) = at {
                    cells[i] = Cell::Text(p.content_with_items(self.unit));
                }
                self.rows.push(Row {
                    kind: RowKind::Project,
                    level,
                    cells,
                });
                continue;
            }
            self.rows.push(Row {
                kind: RowKind::Project,
                level,
                cells,
            });
            for (i, item) in p.items.iter().enumerate() {
                let cells = self
                    .columns
                    .iter()
                    .map(|col| item_cell(&col.column, i, item))
                    .collect();
                self.rows.push(Row {
                    kind: RowKind::Item,
                    level: level + 1,
                    cells,
                });
            }
        }
    }

    fn category(&mut self, cat: &Category, f: &CategoryFigures, level: u8, n: usize) {
        let label = format!(
            "{}{}",
            category_number(usize::from(level), n + 1, self.nested),
            cat.name
        );
        self.summary(RowKind::Category, level, label, f.subtotal);
        self.projects(&cat.projects, level + 1);
        for (k, (sub, sf)) in cat.categories.iter().zip(&f.children).enumerate() {
            self.category(sub, sf, level + 1, k);
        }
    }
}

impl Table {
    /// The rows that add up into row `i` (see `parts_of`).
    pub fn parts(&self, i: usize) -> Vec<usize> {
        parts_of(&self.rows, i)
    }
}

/// The rows that add up into row `i`: those after it one level deeper, until a row at its
/// level or above.
fn parts_of(rows: &[Row], i: usize) -> Vec<usize> {
    let level = rows[i].level;
    (i + 1..rows.len())
        .take_while(|&j| rows[j].level > level)
        .filter(|&j| rows[j].level == level + 1)
        .collect()
}

fn cell(col: &Column, k: usize, p: &Project, unit: Unit, form: DateForm) -> Cell {
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
        Column::Deadline => t(&p.deadline.map(|d| d.in_form(form)).unwrap_or_default()),
        Column::Benefit => t(&p.benefit),
        // A project's whole cost: this year's amount when it costs no more (so the column
        // adds up over every project).
        Column::TotalInvestment => Cell::Amount(p.total_investment.unwrap_or(p.amount).value()),
        Column::Sources => t(&p.sources_text(unit)),
        Column::Start => t(&p.start.map(|d| d.in_form(form)).unwrap_or_default()),
        Column::Extra(name) => p.extra.get(name).map_or(Cell::Empty, |v| t(v)),
        // Filled by the builder, which knows the plan's sources.
        Column::Source(_) => Cell::Empty,
    }
}

/// An allocation's row: who, how much, for what.
fn allocation_cell(col: &Column, k: usize, a: &Allocation) -> Cell {
    match col {
        Column::Seq => Cell::Number(k + 1),
        Column::Name => Cell::Text(a.recipient.clone()),
        Column::Amount => Cell::Amount(a.amount.value()),
        Column::Content => Cell::Text(a.purpose.clone()),
        _ => Cell::Empty,
    }
}

/// A sub-item's row: its number and name where the project's are, indented one cell (an
/// ideographic space, which import trims), its amount and content.
fn item_cell(col: &Column, i: usize, item: &Item) -> Cell {
    match col {
        Column::Name => Cell::Text(format!("\u{3000}{}{}", number(4, i + 1), item.name)),
        Column::Content => Cell::Text(item.content.clone()),
        Column::Amount => Cell::Amount(item.amount.value()),
        _ => Cell::Empty,
    }
}

/// Every money column other than the amount (each source's, 总投资) adds up like the
/// amount: each 合计 and 小计 from its rows one level below, deepest first.
fn add_up(columns: &[ColumnSpec], rows: &mut [Row]) {
    for (c, spec) in columns.iter().enumerate() {
        if !spec.column.adds_up() || spec.column == Column::Amount {
            continue;
        }
        for i in (0..rows.len()).rev() {
            if !matches!(rows[i].kind, RowKind::Total | RowKind::Category) {
                continue;
            }
            let parts: Vec<Decimal> = parts_of(rows, i)
                .into_iter()
                .filter_map(|j| match rows[j].cells[c] {
                    Cell::Amount(d) => Some(d),
                    _ => None,
                })
                .collect();
            // Nothing from this source here: an empty cell, like its projects'.
            if !parts.is_empty() {
                rows[i].cells[c] = Cell::Amount(parts.iter().sum());
            }
        }
    }
}

#[cfg(test)]
mod tests;
