//! `import`: a project table back from a department (in the layout `annex -o x.xlsx` writes)
//! replaces the plan's categories and projects; the rest of the TOML, comments included,
//! stays as it was. Every cell that cannot be read is reported by sheet and cell reference,
//! and then nothing is written.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader, Xlsx};
use rust_decimal::Decimal;

use super::xlsx::{SHEET, cell_ref};
use crate::plan::date::DateForm;
use crate::plan::model::{Allocation, Category, Column, Item, PlanFile, Project, Source};
use crate::plan::money::{Unit, parse_amount};
use crate::plan::{Date, Money};

/// A category read from the sheet: its name and its projects, or its sub-categories.
#[derive(Debug, Clone, Default)]
pub struct ImportedCategory {
    pub name: String,
    pub projects: Vec<Project>,
    pub categories: Vec<ImportedCategory>,
}

/// What a sheet holds: projects without categories, categories (of one or two levels), or
/// an allocation plan's lines.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub projects: Vec<Project>,
    pub categories: Vec<ImportedCategory>,
    pub allocations: Vec<Allocation>,
}

impl Imported {
    /// " 5 类 11 个项目" / " 11 个项目", for the message after an import.
    pub fn summary(&self) -> String {
        fn count(c: &ImportedCategory) -> usize {
            c.projects.len() + c.categories.iter().map(count).sum::<usize>()
        }
        let n = self.projects.len() + self.categories.iter().map(count).sum::<usize>();
        if !self.allocations.is_empty() {
            return format!(" {} 行资金分配", self.allocations.len());
        }
        if self.categories.is_empty() {
            format!(" {n} 个项目")
        } else {
            format!(" {} 类 {n} 个项目", self.categories.len())
        }
    }

    /// The category projects now go into: the last one at the deepest level.
    fn current(&mut self) -> Option<&mut ImportedCategory> {
        let top = self.categories.last_mut()?;
        if top.categories.is_empty() {
            Some(top)
        } else {
            top.categories.last_mut()
        }
    }
}

/// Reads the table's categories and projects, filling the fields the sheet lacks from the
/// plan's project of the same name. Errors: one message per unreadable cell.
pub fn read(bytes: &[u8], plan: &PlanFile) -> Result<Imported, Vec<String>> {
    crate::guard::guarded(|| read_unguarded(bytes, plan)).unwrap_or_else(|e| {
        Err(vec![format!(
            "表格文件已损坏，读不出来（{e}）：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
        )])
    })
}

/// Limits on a spreadsheet from another office, checked before it is parsed: a 9 KB file can
/// inflate to gigabytes, or hold one cell at XFD1048576 for which the parser would allocate
/// the whole grid. A plan of 10,000 projects takes about 10,100 rows, 12 columns and 5 MB.
const MAX_INFLATED: u64 = 64 * 1024 * 1024;
const MAX_ROWS: u32 = 200_000;
const MAX_COLUMNS: u32 = 100;

fn broken(e: impl std::fmt::Display) -> String {
    format!("表格文件已损坏，读不出来（{e}）：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
}

/// Inflates every part of the file, counting, and refuses it past [`MAX_INFLATED`] (the sizes
/// a zip declares may lie).
fn check_inflated(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("不是可读的 XLSX 表格：{e}"))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(broken)?;
        let left = MAX_INFLATED.saturating_sub(total);
        total += std::io::copy(
            &mut std::io::Read::take(entry, left + 1),
            &mut std::io::sink(),
        )
        .map_err(broken)?;
        if total > MAX_INFLATED {
            return Err(format!(
                "表格文件解压后超过 {} MiB，不像是一张计划表：请只保留计划表这一张工作表后另存再导入",
                MAX_INFLATED / 1024 / 1024
            ));
        }
    }
    Ok(())
}

/// Refuses a sheet whose declared size or any cell lies beyond the limits, by streaming its
/// cells (nothing is allocated for the grid).
fn check_extent(wb: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<(), String> {
    let too_far = |row: u32, col: u32| {
        (row >= MAX_ROWS || col >= MAX_COLUMNS).then(|| {
            format!(
                "工作表“{sheet}”用到了第 {} 行第 {} 列，超出一张计划表的范围（至多 {MAX_ROWS} 行、{MAX_COLUMNS} 列）：请删去表格以外的内容后另存再导入",
                row + 1,
                col + 1
            )
        })
    };
    let mut cells = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| format!("工作表“{sheet}”读不出来：{e}"))?;
    let declared = cells.dimensions().end;
    if let Some(e) = too_far(declared.0, declared.1) {
        return Err(e);
    }
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| format!("工作表“{sheet}”读不出来：{e}"))?
    {
        let (row, col) = cell.get_position();
        if let Some(e) = too_far(row, col) {
            return Err(e);
        }
    }
    Ok(())
}

fn read_unguarded(bytes: &[u8], plan: &PlanFile) -> Result<Imported, Vec<String>> {
    check_inflated(bytes).map_err(|e| vec![e])?;
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| vec![format!("不是可读的 XLSX 表格：{e}")])?;
    let names = wb.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.as_str() == SHEET)
        .or(names.first())
        .cloned()
        .ok_or_else(|| vec!["表格中没有工作表".to_string()])?;
    check_extent(&mut wb, &sheet).map_err(|e| vec![e])?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| vec![format!("工作表“{sheet}”读不出来：{e}")])?;
    let merged = wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let formulas = wb.worksheet_formula(&sheet).unwrap_or_default();
    Sheet {
        name: &sheet,
        range: &range,
        merged: &merged,
        formulas: &formulas,
        unit: plan.plan.unit,
        dates: plan.plan.dates,
        items_in_cell: plan.plan.annex.first().items == crate::plan::ItemsIn::Cell,
        sole_source: plan.plan.funding.sole_source().map(str::to_string),
    }
    .read(plan)
}

struct Sheet<'a> {
    name: &'a str,
    range: &'a Range<Data>,
    merged: &'a [Dimensions],
    formulas: &'a Range<String>,
    /// The plan's unit: amounts are refused past its decimals, and named in it.
    unit: Unit,
    /// How the plan prints dates: to the month, a cell "2023年10月" is a date.
    dates: DateForm,
    /// The table lists sub-items in the 建设内容 cell: they are the plan's, not the sheet's.
    items_in_cell: bool,
    /// The plan's funding source when it has exactly one.
    sole_source: Option<String>,
}

/// Said of a formula cell the file holds no result for (saved by a program that does not
/// calculate, or never opened in one): it is not an empty cell.
const NO_RESULT: &str =
    "是公式，但文件里没有保存它的计算结果：请在 Excel 或 WPS 中打开、保存后再导入";

fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn chinese_numeral(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c))
}

/// A category row's name: "（一）产业合作" → 产业合作.
fn category_name(label: &str) -> Option<String> {
    let l = label.trim();
    let inner = l.strip_prefix('（').or_else(|| l.strip_prefix('('))?;
    let close = inner.find(['）', ')'])?;
    let (num, rest) = inner.split_at(close);
    let rest = rest.trim_start_matches(['）', ')']).trim();
    (chinese_numeral(num) && !rest.is_empty()).then(|| rest.to_string())
}

/// A 大项 row's name in a table of two category levels: "一、产业发展" → 产业发展.
fn major_name(label: &str) -> Option<String> {
    let (num, rest) = label.trim().split_once('、')?;
    (chinese_numeral(num) && !rest.trim().is_empty()).then(|| rest.trim().to_string())
}

/// A sub-item's label, "（1）冷库" → "冷库" (Arabic numbers; categories use Chinese ones).
fn item_name(label: &str) -> Option<String> {
    let inner = label.trim().strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let (num, rest) = inner.split_at(close);
    let rest = rest.trim_start_matches(['）', ')']).trim();
    (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty())
        .then(|| rest.to_string())
}

/// "东西部协作资金800万元、自筹20.75万元" as the sources the table prints; empty for none.
fn sources_of(text: &str, unit: Unit) -> Result<Vec<Source>, String> {
    let u = unit.label();
    text.split(['、', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| {
            let bare = part.strip_suffix(u).unwrap_or(part).trim_end();
            let digits = bare
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i);
            let shape = || format!("“{part}”应写成“来源名称+金额{u}”，如“东西部协作资金800{u}”");
            let at = digits.filter(|&i| i > 0).ok_or_else(shape)?;
            let amount = parse_amount(&bare[at..]).map_err(|_| shape())?;
            Ok(Source {
                name: bare[..at].trim().to_string(),
                amount: Money(amount),
            })
        })
        .collect()
}

/// The runs of digits in `s`: "2023年10月30日" → [2023, 10, 30].
fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// "2023年10月" (a year and a month, no day) as (2023, 10).
fn month_of(cell: &Data) -> Option<(i32, u32)> {
    let Data::String(s) = cell else { return None };
    match numbers(s).as_slice() {
        [y, m] if (1..=12).contains(m) => Some((*y as i32, *m)),
        _ => None,
    }
}

/// An Excel serial date or text like 2023年10月30日 / 2023-10-30. A serial counts from the
/// workbook's own epoch: 1900, or 1904 for workbooks made on old Macs (4 years and a day later);
/// calamine knows which.
fn date_of(d: &Data) -> Option<Date> {
    match d {
        Data::DateTime(x) => {
            let (y, m, d, ..) = x.to_ymd_hms_milli();
            Date::ymd(i32::from(y), u32::from(m), u32::from(d))
        }
        Data::DateTimeIso(s) | Data::String(s) => match numbers(s).as_slice() {
            [y, m, d, ..] => Date::ymd(*y as i32, *m, *d),
            _ => None,
        },
        _ => None,
    }
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

    fn read(&self, plan: &PlanFile) -> Result<Imported, Vec<String>> {
        let (Some(start), Some(end)) = (self.range.start(), self.range.end()) else {
            return Err(vec![format!("工作表“{}”是空的", self.name)]);
        };
        // A header is the plan's own title for a column, or a built-in title.
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
        // The header row: the first that names the project column and the amount column.
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
        let columns: HashMap<Column, u32> = (start.1..=end.1)
            .filter_map(|c| column_of(&text_of(self.at(header, c))).map(|col| (col, c)))
            .collect();
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
        if !out.projects.is_empty() && !seen.is_empty() {
            errors.push(format!(
                "{}：项目行出现在第一个类别行（如“（一）产业合作”）之前",
                self.r(header + 1, name_col)
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
                .map_or(header + 1, |s| s.0);
            errors.push(format!(
                "{}：类别“{}”下没有项目",
                self.r(row, name_col),
                c.name
            ));
        }
        if out.categories.is_empty() && out.projects.is_empty() && errors.is_empty() {
            errors.push(format!(
                "{}：表头下没有项目行",
                self.r(header + 1, name_col)
            ));
        }
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
        // A column the table has decides (an empty cell: not given); one it lacks keeps the plan's.
        let date = |col: Column, kept: Option<Date>, errors: &mut Vec<String>| {
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
        };
        let deadline = date(Column::Deadline, old.and_then(|p| p.deadline), &mut errors);
        let start = date(Column::Start, old.and_then(|p| p.start), &mut errors);
        let total_investment = match columns.get(&Column::TotalInvestment) {
            None => old.and_then(|p| p.total_investment),
            Some(&c) if matches!(self.at(row, c), Data::Empty) => None,
            Some(&c) => self.amount(row, c, "总投资", &mut errors).map(Money),
        };
        let mut sources = match columns.get(&Column::Sources) {
            None => old.map(|p| p.sources.clone()).unwrap_or_default(),
            Some(&c) => sources_of(&text_of(self.at(row, c)), self.unit).unwrap_or_else(|e| {
                errors.push(format!("{}：资金来源{e}", self.r(row, c)));
                Vec::new()
            }),
        };
        // A column per source sets that source's part, in the table's column order.
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
                _ => self.amount(row, c, name, &mut errors),
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

/// An amount cell taken exactly, or the reason it cannot be. A spreadsheet number is a binary
/// float whose shortest decimal text is what was typed (exact up to 15 significant digits);
/// nothing is rounded: more decimals than the unit has (万元 to the yuan, 元 to the fen), NaN,
/// infinities and amounts beyond the plan's range are refused.
fn amount_of(cell: &Data, unit: Unit) -> Result<Decimal, String> {
    let d = match cell {
        Data::Int(i) => parse_amount(&i.to_string()),
        Data::Float(f) if !f.is_finite() => Err(format!("“{f}”不是一个数")),
        Data::Float(f) => parse_amount(&f.to_string()),
        Data::String(s) => parse_amount(s).map_err(|e| format!("“{s}”不是数字（{e}）")),
        other => Err(format!("“{other}”不是数字")),
    }?
    .normalize();
    if d.scale() > unit.max_scale() {
        return Err(format!(
            "{d} 超过{}（以{}计）：请在表中改成{}位以内的小数",
            unit.precision(),
            unit.label(),
            unit.max_scale()
        ));
    }
    Ok(d)
}

/// The plan's TOML with its categories and projects replaced by `cats`; every other line,
/// comments included, kept. Category headings and intros are kept by name.
pub fn rewrite(source: &str, plan: &PlanFile, imported: &Imported) -> Result<String, String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item};
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e| format!("计划文件无法改写：{e}"))?;
    let groups = plan.groups();
    let olds: Vec<&Category> = groups.iter().map(|g| g.category).collect();
    let plan_table = doc
        .get_mut("plan")
        .and_then(Item::as_table_mut)
        .ok_or("计划文件中没有 [plan] 表")?;
    if !imported.allocations.is_empty() {
        let mut lines = ArrayOfTables::new();
        for a in &imported.allocations {
            let mut t = toml_edit::Table::new();
            t.insert("recipient", toml_edit::value(a.recipient.clone()));
            t.insert("amount", amount_item(a.amount.value()));
            if !a.purpose.trim().is_empty() {
                t.insert("purpose", toml_edit::value(a.purpose.clone()));
            }
            lines.push(t);
        }
        plan_table.insert("allocations", Item::ArrayOfTables(lines));
    } else if imported.categories.is_empty() {
        let mut projects = ArrayOfTables::new();
        for p in &imported.projects {
            projects.push(project_table(p));
        }
        plan_table.remove("categories");
        plan_table.insert("projects", Item::ArrayOfTables(projects));
    } else {
        let mut array = ArrayOfTables::new();
        for c in &imported.categories {
            array.push(category_table(c, &olds));
        }
        plan_table.remove("projects");
        plan_table.insert("categories", Item::ArrayOfTables(array));
    }
    Ok(doc.to_string())
}

/// A category as a TOML table; heading, intro and 产业 flag kept from the plan's category of
/// the same name.
fn category_table(c: &ImportedCategory, olds: &[&Category]) -> toml_edit::Table {
    use toml_edit::{ArrayOfTables, Item, Table, value};
    let old = olds.iter().find(|o| o.name == c.name);
    let mut t = Table::new();
    t.insert("name", value(c.name.clone()));
    t.insert(
        "heading",
        value(old.map_or(c.name.clone(), |o| o.heading.clone())),
    );
    if let Some(o) = old {
        if !o.intro.is_empty() {
            t.insert("intro", value(o.intro.clone()));
        }
        if let Some(i) = o.industry {
            t.insert("industry", value(i));
        }
    }
    if c.categories.is_empty() {
        let mut projects = ArrayOfTables::new();
        for p in &c.projects {
            projects.push(project_table(p));
        }
        t.insert("projects", Item::ArrayOfTables(projects));
    } else {
        let mut subs = ArrayOfTables::new();
        for sub in &c.categories {
            subs.push(category_table(sub, olds));
        }
        t.insert("categories", Item::ArrayOfTables(subs));
    }
    t
}

/// A project as a TOML table, in the order of the model; fields it does not give are left out.
fn project_table(p: &Project) -> toml_edit::Table {
    use toml_edit::{Array, InlineTable, Item as TomlItem, Table, Value, value};
    let text = |t: &mut Table, k: &str, v: &str| {
        if !v.trim().is_empty() {
            t.insert(k, value(v));
        }
    };
    let date = |t: &mut Table, k: &str, d: Option<Date>| {
        if let Some(d) = d
            && let Ok(dt) =
                d.0.format("%Y-%m-%d")
                    .to_string()
                    .parse::<toml_edit::Datetime>()
        {
            t.insert(k, value(dt));
        }
    };
    let mut t = Table::new();
    t.insert("name", value(p.name.clone()));
    t.insert("amount", amount_item(p.amount.value()));
    if let Some(total) = p.total_investment {
        t.insert("total_investment", amount_item(total.value()));
    }
    if !p.sources.is_empty() {
        let mut list = Array::new();
        for s in &p.sources {
            let mut it = InlineTable::new();
            it.insert("name", Value::from(s.name.clone()));
            if let Ok(v) = amount_item(s.amount.value()).into_value() {
                it.insert("amount", v);
            }
            list.push(it);
        }
        t.insert("sources", value(list));
    }
    text(&mut t, "content", &p.content);
    text(&mut t, "benefit", &p.benefit);
    text(&mut t, "location", &p.location);
    text(&mut t, "leader", &p.leader);
    text(&mut t, "department", &p.department);
    text(&mut t, "implementer", &p.implementer);
    date(&mut t, "start", p.start);
    date(&mut t, "deadline", p.deadline);
    if let Some(r) = &p.cross_year {
        t.insert("cross_year", value(r.clone()));
    }
    text(&mut t, "linkage", &p.linkage);
    text(&mut t, "ownership", &p.ownership);
    if !p.extra.is_empty() {
        let mut it = InlineTable::new();
        for (k, v) in &p.extra {
            it.insert(k, Value::from(v.clone()));
        }
        t.insert("extra", value(it));
    }
    if !p.items.is_empty() {
        let mut items = toml_edit::ArrayOfTables::new();
        for i in &p.items {
            let mut it = Table::new();
            it.insert("name", value(i.name.clone()));
            it.insert("amount", amount_item(i.amount.value()));
            text(&mut it, "content", &i.content);
            items.push(it);
        }
        t.insert("items", TomlItem::ArrayOfTables(items));
    }
    t
}

/// An amount as a TOML integer when whole, else as a float whose text is the decimal's.
fn amount_item(d: Decimal) -> toml_edit::Item {
    let d = d.normalize();
    if d.scale() == 0
        && let Ok(i) = i64::try_from(d.mantissa())
    {
        return toml_edit::value(i);
    }
    toml_edit::value(d.to_string().parse::<f64>().unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_rows_are_recognised() {
        assert_eq!(category_name("（一）产业合作").as_deref(), Some("产业合作"));
        assert_eq!(category_name("(五) 改善民生").as_deref(), Some("改善民生"));
        assert_eq!(category_name("（甲）其他"), None);
        assert_eq!(category_name("宜坪粮果产业园区"), None);
    }

    #[test]
    fn dates_from_text_and_serials() {
        assert_eq!(
            date_of(&Data::String("2023年10月30日".into())),
            Date::ymd(2023, 10, 30)
        );
        assert_eq!(
            date_of(&Data::String("2023-10-30".into())),
            Date::ymd(2023, 10, 30)
        );
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let serial =
            |v, is_1904| date_of(&Data::DateTime(ExcelDateTime::new(v, DateTime, is_1904)));
        assert_eq!(serial(45229.0, false), Date::ymd(2023, 10, 30));
        // The same day in a workbook of the 1904 date system is 1,462 days fewer.
        assert_eq!(serial(43767.0, true), Date::ymd(2023, 10, 30));
    }
}
