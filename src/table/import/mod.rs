//! `import`: a project table back from a department (in the layout `annex -o x.xlsx` writes)
//! replaces the plan's categories and projects; the rest of the TOML, comments included,
//! stays as it was. Every cell that cannot be read is reported by sheet and cell reference,
//! and then nothing is written.

mod cells;
mod limits;
mod rewrite;
mod sheet;
mod unseen;

use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::xlsx::SHEET;
use crate::plan::model::{Allocation, PlanFile, Project};
pub use rewrite::rewrite;
use sheet::Sheet;

/// The largest table file read: no larger than what it may inflate to.
pub const MAX_FILE: u64 = limits::MAX_INFLATED;

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
    pub(crate) fn summary(&self) -> String {
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

fn read_unguarded(bytes: &[u8], plan: &PlanFile) -> Result<Imported, Vec<String>> {
    let _doing = crate::activity::doing(crate::activity::Doing::Import);
    limits::check_inflated(bytes).map_err(|e| vec![e])?;
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| vec![format!("不是可读的 XLSX 表格：{e}")])?;
    let sheet = unseen::sheet_to_read(wb.sheets_metadata(), SHEET).map_err(|e| vec![e])?;
    limits::check_extent(&mut wb, &sheet).map_err(|e| vec![e])?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| vec![format!("工作表“{sheet}”读不出来：{e}")])?;
    let merged = wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let hidden = unseen::hidden_lines(bytes, &sheet).map_err(|e| vec![e])?;
    let unseen = unseen::unseen_cells(&sheet, &range, &merged, &hidden);
    if !unseen.is_empty() {
        return Err(unseen);
    }
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

/// Why an import leaves the plan as it is.
#[derive(Debug)]
pub enum Refused {
    /// Cells that cannot be taken exactly, one message each (sheet and cell named).
    Cells(Vec<String>),
    /// The plan's TOML could not be rewritten.
    Rewrite(String),
    /// The plan as it would be after the import has errors: the reports (lines of the new text).
    Findings(Vec<crate::diag::FileReport>),
}

/// The plan with the table's contents (its new text, parsed), and what was read — only if
/// the plan would still check without errors. Every front end imports through this, so none
/// can write a plan that an import broke.
pub fn apply(
    plan: &crate::plan::Loaded,
    table: &[u8],
    fonts: &crate::fonts::FontSet,
) -> Result<(crate::plan::Loaded, Imported), Refused> {
    use crate::check::{CheckOptions, check_loaded};
    let imported = read(table, &plan.value).map_err(Refused::Cells)?;
    let source = rewrite(&plan.source, &plan.value, &imported).map_err(Refused::Rewrite)?;
    let loaded =
        crate::plan::load_str(&plan.name, &source).map_err(|r| Refused::Findings(vec![r]))?;
    let opts = CheckOptions {
        fonts: fonts.clone(),
        ..Default::default()
    };
    let checked = check_loaded(loaded, &opts)
        .clean()
        .map_err(|outcome| Refused::Findings(outcome.reports))?;
    Ok((checked.plan, imported))
}
