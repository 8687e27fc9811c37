//! The annex table's own settings: its columns and their widths.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::model::{Column, ColumnSpec};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "annex-columns",
        severity: Error,
        doc: "附件计划表的列必须含“项目名称”和“规划投资”，且不重复；资金来源列和 extra 列要有对应的内容",
        check: columns,
    },
    Rule {
        code: "annex-widths",
        severity: Error,
        doc: "附件计划表的列宽个数必须与列数相同，且都大于零",
        check: widths,
    },
];

fn columns(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, annex) in ctx.file.plan.annex.each() {
        let Some(cols) = &annex.columns else {
            continue;
        };
        columns_of(cols, path.key("columns"), &mut out);
        named(ctx, cols, path.key("columns"), &mut out);
    }
    out
}

/// A source or extra column names something the plan has: a typo would print an empty column.
fn named(ctx: &Ctx, cols: &[ColumnSpec], at: FieldPath, out: &mut Vec<Hit>) {
    let projects = ctx.projects();
    let mut sources: Vec<&str> = ctx
        .file
        .plan
        .funding
        .sources()
        .iter()
        .map(|s| s.name.trim())
        .collect();
    sources.extend(
        projects
            .iter()
            .flat_map(|p| p.project.sources.iter().map(|s| s.name.trim())),
    );
    let extras: Vec<&str> = projects
        .iter()
        .flat_map(|p| p.project.extra.keys().map(String::as_str))
        .collect();
    for (j, c) in cols.iter().enumerate() {
        let (key, name, known, what) = match &c.column {
            Column::Source(n) => ("source", n, &sources, "资金来源"),
            Column::Extra(n) => ("extra", n, &extras, "项目 extra 中的内容"),
            _ => continue,
        };
        if known.contains(&name.as_str()) {
            continue;
        }
        let hint = match crate::textsim::closest(name, known.iter().copied()) {
            Some(k) => format!("是不是“{k}”？列名要与计划中的写法一字不差"),
            None => format!("计划中没有这样的{what}：核对列名，或删去这一列"),
        };
        out.push(Hit::new(
            at.index(j).key(key),
            format!("计划表的“{name}”列没有内容：计划中没有这个{what}"),
            hint,
        ));
    }
}

fn columns_of(specs: &[ColumnSpec], at: FieldPath, out: &mut Vec<Hit>) {
    let cols: Vec<&Column> = specs.iter().map(|s| &s.column).collect();
    for needed in [Column::Name, Column::Amount] {
        if !cols.contains(&&needed) {
            out.push(Hit::new(
                at.clone(),
                format!("计划表缺少“{}”列", needed.title()),
                format!("在 columns 中加上 \"{}\"：合计和小计都靠它", needed.title()),
            ));
        }
    }
    for (i, c) in cols.iter().enumerate() {
        if cols[..i].contains(c) {
            out.push(Hit::new(
                at.index(i),
                format!("“{}”列重复", c.title()),
                "每列只写一次",
            ));
        }
    }
}

fn widths(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, annex) in ctx.file.plan.annex.each() {
        let columns = annex.specs_in(&ctx.file.plan).len();
        widths_of(annex, columns, path.key("widths"), &mut out);
    }
    out
}

fn widths_of(annex: &crate::plan::Annex, n: usize, at: FieldPath, out: &mut Vec<Hit>) {
    let Some(w) = &annex.widths else {
        return;
    };
    if w.len() != n {
        out.push(Hit::new(
            at.clone(),
            format!("列宽有 {} 个，计划表有 {n} 列", w.len()),
            "每列一个相对宽度，如 widths = [3, 12, 16, …]",
        ));
    }
    out.extend(
        w.iter()
            .enumerate()
            .filter(|(_, x)| **x == 0)
            .map(|(i, _)| Hit::new(at.index(i), "列宽为零", "相对宽度用正整数，如 3 或 12")),
    );
}

#[cfg(test)]
mod tests {
    use crate::plan::model::{Column, ColumnSpec};
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn columns_need_name_and_amount_once() {
        let mut f = ebian().file;
        assert!(paths("annex-columns", &f).is_empty());
        let specs = |cols: Vec<Column>| Some(cols.into_iter().map(ColumnSpec::of).collect());
        f.plan.annex.first_mut().columns = specs(vec![
            Column::Seq,
            Column::Name,
            Column::Amount,
            Column::Deadline,
        ]);
        assert!(paths("annex-columns", &f).is_empty());
        f.plan.annex.first_mut().columns = specs(vec![Column::Seq, Column::Name, Column::Name]);
        assert_eq!(
            paths("annex-columns", &f),
            ["plan.annex.columns", "plan.annex.columns[2]"]
        );
    }

    #[test]
    fn widths_match_the_columns() {
        let mut f = ebian().file;
        assert!(paths("annex-widths", &f).is_empty());
        f.plan.annex.first_mut().widths = Some(vec![3; 10]);
        assert!(paths("annex-widths", &f).is_empty());
        f.plan.annex.first_mut().widths = Some(vec![3, 0]);
        assert_eq!(
            paths("annex-widths", &f),
            ["plan.annex.widths", "plan.annex.widths[1]"]
        );
    }
}
