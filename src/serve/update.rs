//! An edit, from the form or the source as typed: checked, its form's values and figures,
//! and the preview's pages.

use serde_json::Value as Json;

use super::State;
use super::api::{check_text, findings, plan_file};
use super::http::Reply;
use super::wire::{Form, Group, Page, UpdateRequest, Updated};
use crate::plan::edit;
use crate::plan::money::fmt_decimal;

/// An edit (from the form, or the source as typed): the new text, its findings, the form's
/// values and figures, and the preview's pages (only those the page lacks; none while the
/// plan has errors, so the page keeps the last good preview).
pub(super) fn update(state: &State, r: UpdateRequest) -> Reply {
    let path = match plan_file(state, &r.path) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let source = if r.edits.is_empty() {
        r.source
    } else {
        match edit::apply(&r.source, &r.edits) {
            Ok(s) => s,
            Err(e) => return Reply::error(422, e),
        }
    };
    let outcome = check_text(state, &path, &source);
    let mut pages = None;
    let mut problems: Vec<String> = Vec::new();
    // A new plan's 待填写 placeholders do not hide its pages: the clerk sees what is filled.
    let besides = outcome.errors_besides_placeholders();
    if let Some(checked) = outcome.checked().filter(|_| besides == 0) {
        let mut preview = state.preview();
        match preview.pages(checked) {
            Ok(list) => pages = Some(shown_pages(&mut preview, &list, &r.known)),
            Err(p) => problems = p.into_iter().collect(),
        }
    }
    let form = outcome.checked().map(|c| form(&source, c));
    // The 文号's latest issued version: the page shows it, and refuses 印发 before asking.
    let issued = outcome.checked().and_then(|c| {
        let number = &c.plan.value.notice.doc_number.text;
        state.archive.versions(number).last().copied()
    });
    Reply::json(&Updated {
        issued,
        findings: findings(state, &outcome),
        errors: outcome.errors(),
        placeholders: outcome.errors() - besides,
        warnings: outcome.warnings(),
        source,
        form,
        pages,
        render_problems: problems,
    })
}

/// The most SVG one reply carries; pages past it are fetched as the clerk scrolls to them
/// (`/api/page`), so a plan of hundreds of pages costs the browser what it shows.
const SVG_BUDGET: usize = 1024 * 1024;

/// Each page of the preview: only its hash when the page has it already, its SVG while the
/// reply's budget lasts (the first page always), else marked to be fetched when shown.
fn shown_pages(
    preview: &mut crate::render::preview::Preview,
    hashes: &[String],
    known: &[String],
) -> Vec<Page> {
    let mut budget = SVG_BUDGET;
    let mut full = false;
    hashes
        .iter()
        .enumerate()
        .map(|(i, hash)| {
            let page = |svg, later| Page {
                hash: hash.clone(),
                svg,
                later,
            };
            if known.contains(hash) {
                return page(None, false);
            }
            if !full {
                match preview.svg(hash) {
                    Some(svg) if i == 0 || svg.len() <= budget => {
                        budget = budget.saturating_sub(svg.len());
                        return page(Some(svg.to_string()), false);
                    }
                    _ => full = true,
                }
            }
            page(None, true)
        })
        .collect()
}

/// One page of the last preview, by hash: what the page fetches as it is scrolled to.
pub(crate) fn page(state: &State, hash: &str) -> Reply {
    match state.preview().svg(hash) {
        Some(svg) => Reply::with(200, "image/svg+xml", svg.as_bytes().to_vec()),
        None => Reply::error(404, "这一页已经过时：页面会重新排版"),
    }
}

/// What the form shows: the plan's values as JSON, and each group of projects with its path
/// and its derived figures.
fn form(source: &str, checked: &crate::check::Checked) -> Form {
    let values = toml::from_str::<toml::Value>(source)
        .map(|v| crate::plan::schema::toml_to_json(&v))
        .unwrap_or_default();
    let file = &checked.plan.value;
    let figures = &checked.figures;
    let share = |s: Option<rust_decimal::Decimal>| s.map(|s| format!("{}%", fmt_decimal(s)));
    let mut groups: Vec<Group> = file
        .groups()
        .iter()
        .map(|g| {
            let f = figures.category(&g.numbers);
            let mut path: Vec<Json> = vec!["plan".into()];
            for n in &g.numbers {
                path.extend(["categories".into(), (*n).into()]);
            }
            path.push("projects".into());
            Group {
                path: path.into(),
                label: g.label(false),
                depth: g.depth,
                // A category holding sub-categories takes no projects of its own.
                parent: !g.category.categories.is_empty() && g.category.projects.is_empty(),
                subtotal: f.map(|f| fmt_decimal(f.subtotal)),
                share: f.and_then(|f| share(f.share)),
                count: f.map(|f| f.count),
                kind: None,
            }
        })
        .collect();
    let whole = |key: &str, label: &str, kind| Group {
        path: serde_json::json!(["plan", key]),
        label: label.into(),
        depth: 1,
        parent: false,
        subtotal: None,
        share: None,
        count: None,
        kind,
    };
    if !file.plan.allocations.is_empty() {
        groups.push(whole("allocations", "资金分配", Some("allocations")));
    } else if !file.plan.projects.is_empty() || file.plan.categories.is_empty() {
        groups.push(whole("projects", "项目", None));
    }
    Form {
        values,
        groups,
        total: fmt_decimal(figures.total),
        unit: file.plan.unit.label(),
        project_count: figures.project_count,
        allocations: file.plan.allocations.len(),
        summary: figures.summary(&file.plan),
    }
}
