//! The sheet read row by row into categories, projects, sub-items or allocation lines.

use std::collections::HashMap;

use calamine::{Data, Dimensions, Range};
use rust_decimal::Decimal;

use super::cells::*;
use super::{Imported, ImportedCategory};
use crate::plan::date::DateForm;
use crate::plan::model::{Allocation, Column, Item, PlanFile, Project, Source};
use crate::plan::money::Unit;
use crate::plan::{Date, Money};
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

        let existing: HashMap<&str, &Project> = plan
            .projects()
            .into_iter()
            .map(|pa| (pa.project.name.as_str(), pa.project))
            .collect();
        let mut errors = Vec::new();
        let mut out = Imported::default();
        // Category rows with where they stand, for the "no projects" check.
        let mut seen: Vec<(u32, String)> = Vec::new();
        let label_at = |row: u32| text_of(self.at(row, name_col));
        let seq_at = |row: u32| {
            seq_col
                .map(|c| text_of(self.at(row, c)))
                .unwrap_or_default()
        };
        // Two levels when some row is numbered as a 大项 ("一、").
        let nested = (header + 1..=end.0)
            .any(|r| seq_at(r).is_empty() && major_name(&label_at(r)).is_some());
        for row in header + 1..=end.0 {
            let cells: Vec<String> = (start.1..=end.1)
                .map(|c| text_of(self.at(row, c)))
                .collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let label = text_of(self.at(row, name_col));
            let seq = seq_col
                .map(|c| text_of(self.at(row, c)))
                .unwrap_or_default();
            if label == "合计" {
                continue;
            }
            let major = if nested { major_name(&label) } else { None };
            let minor = category_name(&label);
            if seq.is_empty()
                && let Some(name) = major.clone().or(minor.clone())
            {
                let cat = ImportedCategory {
                    name: name.clone(),
                    ..Default::default()
                };
                match (nested && major.is_none(), out.categories.last_mut()) {
                    (true, Some(top)) => top.categories.push(cat),
                    (true, None) => errors.push(format!(
                        "{}：中项“{name}”出现在第一个大项（如“一、产业发展”）之前",
                        self.r(row, name_col)
                    )),
                    (false, _) => out.categories.push(cat),
                }
                seen.push((row, name));
                continue;
            }
            let flat = out.categories.is_empty() && seen.is_empty();
            if !flat && out.current().is_none() {
                continue; // the misplaced category row was reported
            }
            // In a table of 大项 and 中项, projects stand under a 中项.
            if nested
                && item_name(&label).is_none()
                && out
                    .categories
                    .last()
                    .is_some_and(|t| t.categories.is_empty())
            {
                errors.push(format!(
                    "{}：项目行直接写在大项下，应在中项（如“（一）种植业”）之下",
                    self.r(row, name_col)
                ));
                continue;
            }
            if seq.is_empty()
                && let Some(name) = item_name(&label)
            {
                let last = if flat {
                    out.projects.last_mut()
                } else {
                    out.current().and_then(|c| c.projects.last_mut())
                };
                match (last, self.item(row, name, &columns)) {
                    (Some(p), Ok(item)) => p.items.push(item),
                    (None, _) => errors.push(format!(
                        "{}：子项“{label}”前面没有它所属的项目行",
                        self.r(row, name_col)
                    )),
                    (_, Err(mut e)) => errors.append(&mut e),
                }
                continue;
            }
            match self.project(row, &columns, &existing) {
                Ok(p) if flat => out.projects.push(p),
                Ok(p) => {
                    if let Some(cat) = out.current() {
                        cat.projects.push(p);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        let rows_ok = errors.is_empty();
        errors.extend(self.structure_errors(&out, &seen, header + 1, name_col, rows_ok));
        // An allocation plan's rows are its allocations: 乡镇（单位）, 分配资金, 用途.
        if !plan.plan.allocations.is_empty() {
            if !out.categories.is_empty() {
                errors.push(format!(
                    "{}：资金分配表不分类，不能有“（一）”这样的类别行",
                    self.r(header + 1, name_col)
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
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
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

    /// A date cell: a column the table has decides (an empty cell: not given); one it lacks
    /// keeps the plan's (`kept`).
    fn date(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        col: Column,
        kept: Option<Date>,
        errors: &mut Vec<String>,
    ) -> Option<Date> {
        let Some(&c) = columns.get(&col) else {
            return kept;
        };
        let cell = self.at(row, c);
        if matches!(cell, Data::Empty) {
            return None;
        }
        // A plan that prints months reads "2023年10月" back as the plan's own day in that
        // month, or else the month's first day (开工) or last day (完成时限).
        // (A spreadsheet may have turned "2023年10月" into a date serial: its month counts.)
        let month = (self.dates == DateForm::Month)
            .then(|| match cell {
                Data::DateTime(_) => {
                    date_of(cell).map(|d| (d.year(), chrono::Datelike::month(&d.0)))
                }
                _ => month_of(cell),
            })
            .flatten()
            .map(|(y, m)| match kept {
                Some(k) if k.year() == y && chrono::Datelike::month(&k.0) == m => Some(k),
                _ if col == Column::Start => Date::ymd(y, m, 1),
                _ => Date::ymd(y, m + 1, 1)
                    .or_else(|| Date::ymd(y + 1, 1, 1))
                    .and_then(|d| d.0.pred_opt().map(Date)),
            });
        let d = month.flatten().or_else(|| date_of(cell));
        if d.is_none() {
            errors.push(format!(
                "{}：{}应为日期，如 2023年10月30日",
                self.r(row, c),
                col.title()
            ));
        }
        d
    }

    /// The columns of one funding source each set that source's part of the project, in the
    /// table's column order.
    fn source_columns(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        amount: Option<Decimal>,
        sources: &mut Vec<Source>,
        errors: &mut Vec<String>,
    ) {
        let mut by_source: Vec<(&str, u32)> = columns
            .iter()
            .filter_map(|(col, &c)| match col {
                Column::Source(name) => Some((name.as_str(), c)),
                _ => None,
            })
            .collect();
        by_source.sort_by_key(|(_, c)| *c);
        for (name, c) in by_source {
            let value = match self.at(row, c) {
                Data::Empty if !self.formula_without_result(row, c) => None,
                _ => self.amount(row, c, name, errors),
            };
            // The plan's only source covers a project that lists none: nothing to write.
            let implicit = sources.is_empty() && self.sole_source.as_deref() == Some(name);
            match value {
                Some(v) if implicit && Some(v) == amount => {}
                Some(v) => match sources.iter_mut().find(|s| s.name.trim() == name) {
                    Some(s) => s.amount = Money(v),
                    None => sources.push(Source {
                        name: name.to_string(),
                        amount: Money(v),
                    }),
                },
                None => sources.retain(|s| s.name.trim() != name),
            }
        }
    }

    fn project(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        existing: &HashMap<&str, &Project>,
    ) -> Result<Project, Vec<String>> {
        let mut errors = Vec::new();
        let text = |col: Column, errors: &mut Vec<String>| -> Option<String> {
            let c = *columns.get(&col)?;
            let col = &col;
            let t = text_of(self.at(row, c));
            if self.formula_without_result(row, c) {
                errors.push(format!("{}：{}{NO_RESULT}", self.r(row, c), col.title()));
            } else if t.is_empty() && self.merged_away(row, c) {
                errors.push(format!(
                    "{}：这是合并单元格，{}需要每行单独填写",
                    self.r(row, c),
                    col.title()
                ));
            }
            Some(t)
        };
        let name = text(Column::Name, &mut errors).unwrap_or_default();
        if name.is_empty() && errors.is_empty() {
            errors.push(format!(
                "{}：项目名称为空",
                self.r(row, columns[&Column::Name])
            ));
        }
        let amount = self.amount(row, columns[&Column::Amount], "规划投资", &mut errors);
        let old = existing.get(name.as_str());
        let deadline = self.date(
            row,
            columns,
            Column::Deadline,
            old.and_then(|p| p.deadline),
            &mut errors,
        );
        let start = self.date(
            row,
            columns,
            Column::Start,
            old.and_then(|p| p.start),
            &mut errors,
        );
        let total_investment = match columns.get(&Column::TotalInvestment) {
            None => old.and_then(|p| p.total_investment),
            Some(&c) if matches!(self.at(row, c), Data::Empty) => None,
            // The table shows a project without a 总投资 of its own at its amount: the same
            // figure back is no 总投资 (the plan keeps one it had).
            Some(&c) => self
                .amount(row, c, "总投资", &mut errors)
                .filter(|t| Some(*t) != amount || old.is_some_and(|p| p.total_investment.is_some()))
                .map(Money),
        };
        let mut sources = match columns.get(&Column::Sources) {
            None => old.map(|p| p.sources.clone()).unwrap_or_default(),
            Some(&c) => sources_of(&text_of(self.at(row, c)), self.unit).unwrap_or_else(|e| {
                errors.push(format!("{}：资金来源{e}", self.r(row, c)));
                Vec::new()
            }),
        };
        self.source_columns(row, columns, amount, &mut sources, &mut errors);
        // Extra values: a column the table has decides, the plan keeps the others.
        let mut extra = old.map(|p| p.extra.clone()).unwrap_or_default();
        for col in columns.keys() {
            if let Column::Extra(name) = col {
                match text(col.clone(), &mut errors) {
                    Some(v) if !v.is_empty() => {
                        extra.insert(name.clone(), v);
                    }
                    _ => {
                        extra.remove(name);
                    }
                }
            }
        }
        let keep = |f: fn(&Project) -> &String| old.map(|p| f(p).clone()).unwrap_or_default();
        let mut field = |col: Column, fallback: String| text(col, &mut errors).unwrap_or(fallback);
        let content = field(Column::Content, keep(|p| &p.content));
        let benefit = field(Column::Benefit, keep(|p| &p.benefit));
        let location = field(Column::Location, keep(|p| &p.location));
        let leader = field(Column::Leader, keep(|p| &p.leader));
        let department = field(Column::Department, keep(|p| &p.department));
        let implementer = field(Column::Implementer, keep(|p| &p.implementer));
        let ownership = field(Column::Ownership, keep(|p| &p.ownership));
        let linkage_cell = field(Column::Linkage, keep(|p| &p.linkage));
        // The table prints the benefit where no separate linkage is kept: keep it that way.
        let linkage = if old.is_some_and(|p| p.linkage.is_empty()) && linkage_cell == benefit {
            String::new()
        } else {
            linkage_cell
        };
        // Sub-items listed in the 建设内容 cell stay the plan's; the cell's own part is the content.
        let mut items = Vec::new();
        let mut content = content;
        if self.items_in_cell
            && let Some(p) = old.filter(|p| !p.items.is_empty())
        {
            // Only a 建设内容 column carries them; a table without one kept the plan's content.
            if let Some(&c) = columns.get(&Column::Content) {
                let listed = p.items_text(self.unit);
                match content.strip_suffix(&listed) {
                    Some(rest) => content = rest.trim_end_matches('；').to_string(),
                    None => errors.push(format!(
                        "{}：“{name}”的子项列在建设内容格内，表中改动了子项：子项的名称和金额请在计划文件中修改",
                        self.r(row, c)
                    )),
                }
            }
            items = p.items.clone();
        }
        match (errors.is_empty(), amount) {
            (true, Some(amount)) => Ok(Project {
                name,
                amount: Money(amount),
                total_investment,
                sources,
                content,
                // Sub-items come from the rows under the project (or the plan, see above).
                items,
                benefit,
                location,
                leader,
                department,
                implementer,
                start,
                deadline,
                cross_year: old.and_then(|p| p.cross_year.clone()),
                linkage,
                ownership,
                extra,
            }),
            // Nothing is dropped silently: a row not taken says why.
            _ if errors.is_empty() => Err(vec![format!(
                "{}：这一行读不出来",
                self.r(row, columns[&Column::Name])
            )]),
            _ => Err(errors),
        }
    }
}
