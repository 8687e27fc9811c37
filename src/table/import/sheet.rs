//! The sheet read row by row into categories, projects, sub-items or allocation lines.

use std::collections::HashMap;

use calamine::{Data, Dimensions, Range};
use rust_decimal::Decimal;

mod project;

use super::cells::*;
use super::{Imported, ImportedCategory};
use crate::plan::Money;
use crate::plan::date::DateForm;
use crate::plan::model::{Allocation, Column, Item, PlanFile, Project};
use crate::plan::money::Unit;
use crate::table::xlsx::cell_ref;

pub(super) struct Sheet<'a> {
    pub(super) name: &'a str,
    pub(super) range: &'a Range<Data>,
    pub(super) merged: &'a [Dimensions],
    pub(super) formulas: &'a Range<String>,
    /// The plan's unit: amounts are refused past its decimals, and named in it.
    pub(super) unit: Unit,
    /// How the plan prints dates: to the month, a cell "2023年10月" is a date.
    pub(super) dates: DateForm,
    /// The table lists sub-items in the 建设内容 cell: they are the plan's, not the sheet's.
    pub(super) items_in_cell: bool,
    /// The plan's funding source when it has exactly one.
    pub(super) sole_source: Option<String>,
}

impl Sheet<'_> {
    fn at(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&Data::Empty)
    }

    fn r(&self, row: u32, col: u32) -> String {
        cell_ref(self.name, row, col as u16)
    }

    /// A formula whose result the file does not hold.
    fn formula_without_result(&self, row: u32, col: u32) -> bool {
        matches!(self.at(row, col), Data::Empty)
            && self
                .formulas
                .get_value((row, col))
                .is_some_and(|f| !f.is_empty())
    }

    /// Inside a merged region but not its top-left cell: the value is elsewhere.
    fn merged_away(&self, row: u32, col: u32) -> bool {
        self.merged.iter().any(|m| {
            (m.start.0..=m.end.0).contains(&row)
                && (m.start.1..=m.end.1).contains(&col)
                && (row, col) != m.start
        })
    }

    /// The header row and where each column stands: the first row that names the project
    /// column and the amount column, by the plan's own titles or the built-in ones.
    fn header(
        &self,
        plan: &PlanFile,
        (start, end): ((u32, u32), (u32, u32)),
    ) -> Result<(u32, HashMap<Column, u32>), Vec<String>> {
        let specs = plan.plan.annex.first().specs_in(&plan.plan);
        let bare = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
        let column_of = |title: &str| -> Option<Column> {
            let t = bare(title);
            specs
                .iter()
                .find(|s| bare(s.title()) == t)
                .map(|s| s.column.clone())
                .or_else(|| Column::by_title(&t))
        };
        let title_of = |col: Column| {
            specs
                .iter()
                .find(|s| s.column == col)
                .map_or(col.title().to_string(), |s| s.title().to_string())
        };
        let header = (start.0..=end.0).find(|&r| {
            let titles: Vec<Option<Column>> = (start.1..=end.1)
                .map(|c| column_of(&text_of(self.at(r, c))))
                .collect();
            titles.contains(&Some(Column::Name)) && titles.contains(&Some(Column::Amount))
        });
        let Some(header) = header else {
            return Err(vec![format!(
                "{}：找不到表头行（应有“{}”和“{}”两列）",
                self.name,
                title_of(Column::Name),
                title_of(Column::Amount)
            )]);
        };
        let columns = (start.1..=end.1)
            .filter_map(|c| column_of(&text_of(self.at(header, c))).map(|col| (col, c)))
            .collect();
        Ok((header, columns))
    }

    pub(super) fn read(&self, plan: &PlanFile) -> Result<Imported, Vec<String>> {
        let (Some(start), Some(end)) = (self.range.start(), self.range.end()) else {
            return Err(vec![format!("工作表“{}”是空的", self.name)]);
        };
        let (header, columns) = self.header(plan, (start, end))?;
        let name_col = columns[&Column::Name];
        let seq_col = columns.get(&Column::Seq).copied();
        let label_at = |row: u32| text_of(self.at(row, name_col));
        let seq_at = |row: u32| {
            seq_col
                .map(|c| text_of(self.at(row, c)))
                .unwrap_or_default()
        };
        let mut rows = Rows {
            sheet: self,
            existing: plan
                .projects()
                .into_iter()
                .map(|pa| (pa.project.name.as_str(), pa.project))
                .collect(),
            // Two levels when some row is numbered as a 大项 ("一、").
            nested: (header + 1..=end.0)
                .any(|r| seq_at(r).is_empty() && major_name(&label_at(r)).is_some()),
            columns: &columns,
            name_col,
            out: Imported::default(),
            seen: Vec::new(),
            errors: Vec::new(),
        };
        for row in header + 1..=end.0 {
            let blank = (start.1..=end.1).all(|c| text_of(self.at(row, c)).is_empty());
            let (label, seq) = (label_at(row), seq_at(row));
            if !blank && label != "合计" {
                rows.row(row, label, seq);
            }
        }
        let Rows {
            mut out,
            seen,
            mut errors,
            ..
        } = rows;
        let rows_ok = errors.is_empty();
        errors.extend(self.structure_errors(&out, &seen, header + 1, name_col, rows_ok));
        if !plan.plan.allocations.is_empty() {
            self.as_allocations(&mut out, header + 1, name_col, &mut errors);
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// An allocation plan's rows are its allocations (乡镇（单位）, 分配资金, 用途), with no
    /// category rows among them.
    fn as_allocations(
        &self,
        out: &mut Imported,
        first: u32,
        name_col: u32,
        errors: &mut Vec<String>,
    ) {
        if !out.categories.is_empty() {
            errors.push(format!(
                "{}：资金分配表不分类，不能有“（一）”这样的类别行",
                self.r(first, name_col)
            ));
        }
        out.allocations = std::mem::take(&mut out.projects)
            .into_iter()
            .map(|p| Allocation {
                recipient: p.name,
                amount: p.amount,
                purpose: p.content,
            })
            .collect();
    }

    /// What the rows add up to, checked: projects before the first category, a category
    /// without projects, no project at all (when every row read). `seen`: category rows with
    /// where they stand.
    fn structure_errors(
        &self,
        out: &Imported,
        seen: &[(u32, String)],
        first: u32,
        name_col: u32,
        rows_ok: bool,
    ) -> Vec<String> {
        let mut errors = Vec::new();
        if !out.projects.is_empty() && !seen.is_empty() {
            errors.push(format!(
                "{}：项目行出现在第一个类别行（如“（一）产业合作”）之前",
                self.r(first, name_col)
            ));
        }
        let empty = |c: &ImportedCategory| c.projects.is_empty() && c.categories.is_empty();
        let all = out
            .categories
            .iter()
            .flat_map(|c| std::iter::once(c).chain(&c.categories));
        for c in all.filter(|c| empty(c)) {
            let row = seen
                .iter()
                .find(|(_, n)| *n == c.name)
                .map_or(first, |s| s.0);
            errors.push(format!(
                "{}：类别“{}”下没有项目",
                self.r(row, name_col),
                c.name
            ));
        }
        if out.categories.is_empty() && out.projects.is_empty() && errors.is_empty() && rows_ok {
            errors.push(format!("{}：表头下没有项目行", self.r(first, name_col)));
        }
        errors
    }

    /// An amount cell that must hold a number: `what` names it in messages.
    fn amount(&self, row: u32, col: u32, what: &str, errors: &mut Vec<String>) -> Option<Decimal> {
        let at = self.r(row, col);
        match self.at(row, col) {
            Data::Empty if self.formula_without_result(row, col) => {
                errors.push(format!("{at}：{what}{NO_RESULT}"));
                None
            }
            Data::Empty if self.merged_away(row, col) => {
                errors.push(format!("{at}：这是合并单元格，{what}需要每行单独填写"));
                None
            }
            Data::Empty => {
                errors.push(format!("{at}：{what}为空"));
                None
            }
            cell => amount_of(cell, self.unit)
                .map_err(|e| errors.push(format!("{at}：{what}{e}")))
                .ok(),
        }
    }

    /// A sub-item row ("（1）冷库"): its amount and, where the table has the column, content.
    fn item(
        &self,
        row: u32,
        name: String,
        columns: &HashMap<Column, u32>,
    ) -> Result<Item, Vec<String>> {
        let mut errors = Vec::new();
        let amount = self.amount(row, columns[&Column::Amount], "子项金额", &mut errors);
        let content = columns
            .get(&Column::Content)
            .map(|&c| text_of(self.at(row, c)))
            .unwrap_or_default();
        match amount {
            Some(a) if errors.is_empty() => Ok(Item {
                name,
                amount: Money(a),
                content,
            }),
            _ => Err(errors),
        }
    }
}

/// A category row ("（一）种植业", or a 大项 "一、产业发展"): a new category, or a 中项 under
/// the last 大项 (`minor`); `at` names its cell.
fn category_row(out: &mut Imported, name: String, minor: bool, at: &str, errors: &mut Vec<String>) {
    let cat = ImportedCategory {
        name,
        ..Default::default()
    };
    match (minor, out.categories.last_mut()) {
        (true, Some(top)) => top.categories.push(cat),
        (true, None) => errors.push(format!(
            "{at}：中项“{}”出现在第一个大项（如“一、产业发展”）之前",
            cat.name
        )),
        (false, _) => out.categories.push(cat),
    }
}

/// The rows of a sheet as they are read, one after the other, into what they make.
struct Rows<'s> {
    sheet: &'s Sheet<'s>,
    columns: &'s HashMap<Column, u32>,
    name_col: u32,
    /// The plan's projects by name: a row keeps what the table has no column for.
    existing: HashMap<&'s str, &'s Project>,
    /// The table has 大项 and 中项.
    nested: bool,
    out: Imported,
    /// Category rows with where they stand, for the "no projects" check.
    seen: Vec<(u32, String)>,
    errors: Vec<String>,
}

impl Rows<'_> {
    /// One row that is not blank nor the 合计: a category, a sub-item or a project.
    fn row(&mut self, row: u32, label: String, seq: String) {
        let at = self.sheet.r(row, self.name_col);
        let major = if self.nested {
            major_name(&label)
        } else {
            None
        };
        if seq.is_empty()
            && let Some(name) = major.clone().or_else(|| category_name(&label))
        {
            let minor = self.nested && major.is_none();
            category_row(&mut self.out, name.clone(), minor, &at, &mut self.errors);
            self.seen.push((row, name));
            return;
        }
        let flat = self.out.categories.is_empty() && self.seen.is_empty();
        // In a table of 大项 and 中项, projects stand under a 中项.
        let under_major = self.nested
            && item_name(&label).is_none()
            && self
                .out
                .categories
                .last()
                .is_some_and(|t| t.categories.is_empty());
        if under_major && self.out.current().is_some() {
            self.errors.push(format!(
                "{at}：项目行直接写在大项下，应在中项（如“（一）种植业”）之下"
            ));
            return;
        }
        // Where the row's project (or sub-item) goes: the last category's, or the plan's.
        let projects = match (flat, self.out.current()) {
            (true, _) => &mut self.out.projects,
            (false, Some(cat)) => &mut cat.projects,
            (false, None) => return, // the misplaced category row was reported
        };
        if seq.is_empty()
            && let Some(name) = item_name(&label)
        {
            match (
                projects.last_mut(),
                self.sheet.item(row, name, self.columns),
            ) {
                (Some(p), Ok(item)) => p.items.push(item),
                (None, _) => self
                    .errors
                    .push(format!("{at}：子项“{label}”前面没有它所属的项目行")),
                (_, Err(mut e)) => self.errors.append(&mut e),
            }
            return;
        }
        match self.sheet.project(row, self.columns, &self.existing) {
            Ok(p) => projects.push(p),
            Err(mut e) => self.errors.append(&mut e),
        }
    }
}
