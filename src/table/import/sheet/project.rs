//! A project's row: its cells read into the plan's project of that name (or a new one), the
//! plain text fields through the field table, the rest one by one.

use std::collections::HashMap;

use calamine::Data;
use rust_decimal::Decimal;

use super::super::cells::*;
use super::Sheet;
use crate::plan::date::DateForm;
use crate::plan::fields::PROJECT;
use crate::plan::model::{Column, Project, Source};
use crate::plan::{Date, Money};

impl Sheet<'_> {
    /// The project of row `row`. A column the table has decides; the plan's project of the
    /// same name (in `existing`) keeps the values of the columns the table lacks.
    pub(super) fn project(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        existing: &HashMap<&str, &Project>,
    ) -> Result<Project, Vec<String>> {
        let mut errors = Vec::new();
        let name = self
            .text_cell(row, columns, &Column::Name, &mut errors)
            .unwrap_or_default();
        if name.is_empty() && errors.is_empty() {
            errors.push(format!(
                "{}：项目名称为空",
                self.r(row, columns[&Column::Name])
            ));
        }
        let amount = self.amount(row, columns[&Column::Amount], "规划投资", &mut errors);
        let old = existing.get(name.as_str()).copied();
        let mut p = old.cloned().unwrap_or_default();
        p.deadline = self.date(row, columns, Column::Deadline, p.deadline, &mut errors);
        p.start = self.date(row, columns, Column::Start, p.start, &mut errors);
        p.total_investment = self.total_investment(row, columns, amount, old, &mut errors);
        if let Some(&c) = columns.get(&Column::Sources) {
            p.sources = sources_of(&text_of(self.at(row, c)), self.unit).unwrap_or_else(|e| {
                errors.push(format!("{}：资金来源{e}", self.r(row, c)));
                Vec::new()
            });
        }
        self.source_columns(row, columns, amount, &mut p.sources, &mut errors);
        self.extra_columns(row, columns, &mut p, &mut errors);
        // The plain text fields besides the name (read above), from the field table.
        for f in PROJECT.iter().filter(|f| f.key != "name") {
            let (Some(text), Some(col)) = (f.text, Column::by_key(f.key)) else {
                continue;
            };
            if let Some(v) = self.text_cell(row, columns, &col, &mut errors) {
                *(text.set)(&mut p) = v;
            }
        }
        // The table prints the benefit where no separate linkage is kept: keep it that way.
        if old.is_some_and(|o| o.linkage.is_empty()) && p.linkage == p.benefit {
            p.linkage.clear();
        }
        p.items = self.items_kept(row, columns, old, &mut p.content, &mut errors);
        match (errors.is_empty(), amount) {
            (true, Some(amount)) => Ok(Project {
                name,
                amount: Money(amount),
                ..p
            }),
            // Nothing is dropped silently: a row not taken says why.
            _ if errors.is_empty() => Err(vec![format!(
                "{}：这一行读不出来",
                self.r(row, columns[&Column::Name])
            )]),
            _ => Err(errors),
        }
    }

    /// A text cell of column `col`, if the table has the column (a formula without its
    /// result, or a merged cell's hidden part, is an error).
    fn text_cell(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        col: &Column,
        errors: &mut Vec<String>,
    ) -> Option<String> {
        let c = *columns.get(col)?;
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
    }

    /// The 总投资: the column's, else the plan's. The table shows a project without a 总投资
    /// of its own at its amount: the same figure back is no 总投资 (the plan keeps one it had).
    fn total_investment(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        amount: Option<Decimal>,
        old: Option<&Project>,
        errors: &mut Vec<String>,
    ) -> Option<Money> {
        match columns.get(&Column::TotalInvestment) {
            None => old.and_then(|p| p.total_investment),
            Some(&c) if matches!(self.at(row, c), Data::Empty) => None,
            Some(&c) => self
                .amount(row, c, "总投资", errors)
                .filter(|t| Some(*t) != amount || old.is_some_and(|p| p.total_investment.is_some()))
                .map(Money),
        }
    }

    /// The county's own values: a column the table has decides, the plan keeps the others.
    fn extra_columns(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        p: &mut Project,
        errors: &mut Vec<String>,
    ) {
        for col in columns.keys() {
            if let Column::Extra(name) = col {
                match self.text_cell(row, columns, col, errors) {
                    Some(v) if !v.is_empty() => {
                        p.extra.insert(name.clone(), v);
                    }
                    _ => {
                        p.extra.remove(name);
                    }
                }
            }
        }
    }

    /// The sub-items the plan keeps: those listed in the 建设内容 cell stay the plan's (the
    /// cell's own part is the content); otherwise they come from the rows under the project.
    fn items_kept(
        &self,
        row: u32,
        columns: &HashMap<Column, u32>,
        old: Option<&Project>,
        content: &mut String,
        errors: &mut Vec<String>,
    ) -> Vec<crate::plan::model::Item> {
        let Some(p) = old.filter(|p| self.items_in_cell && !p.items.is_empty()) else {
            return Vec::new();
        };
        // Only a 建设内容 column carries them; a table without one kept the plan's content.
        if let Some(&c) = columns.get(&Column::Content) {
            let listed = p.items_text(self.unit);
            match content.strip_suffix(&listed) {
                Some(rest) => *content = rest.trim_end_matches('；').to_string(),
                None => errors.push(format!(
                    "{}：“{}”的子项列在建设内容格内，表中改动了子项：子项的名称和金额请在计划文件中修改",
                    self.r(row, c),
                    p.name
                )),
            }
        }
        p.items.clone()
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
}
