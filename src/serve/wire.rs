//! The page's API as types: what each endpoint takes and what it answers. The handlers build
//! these and nothing else, and a contract test (`wire_tests`) holds the page's scripts to
//! them: every key the page sends is one the request has (unknown keys are refused), and
//! every key it reads from a reply is one the reply has.

use schemars::JsonSchema;
#[cfg(test)]
use schemars::{Schema, schema_for};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::plan::edit::Edit;

// ───────────── requests ─────────────

/// A plan as the page holds it: its name and its text (saved or not).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Text {
    pub path: String,
    pub source: String,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct UpdateRequest {
    pub path: String,
    pub source: String,
    #[serde(default)]
    #[schemars(with = "Vec<Json>")]
    pub edits: Vec<Edit>,
    /// Hashes of the pages the page already shows.
    #[serde(default)]
    pub known: Vec<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct SaveRequest {
    pub path: String,
    pub source: String,
    /// The hash of the text the page opened; `None` for a new file.
    pub base: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct LocateRequest {
    pub source: String,
    /// The field's path in the plan: keys and indexes.
    #[schemars(with = "Vec<Json>")]
    pub field: Vec<crate::plan::edit::Key>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct DiffRequest {
    pub old: String,
    pub new: String,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct IssueRequest {
    pub path: String,
    /// The hash of the saved text the clerk confirmed: what is issued is what was seen.
    pub base: String,
    /// For a 更正: the version corrected.
    pub from: Option<u32>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct NewRequest {
    pub from: String,
    pub year: i32,
}

// ───────────── replies ─────────────

/// A refusal: what the page shows.
#[derive(Serialize, JsonSchema)]
pub(super) struct Refusal {
    pub error: String,
}

/// A refusal with its list (an import's unreadable cells, the findings it would bring).
#[derive(Serialize, JsonSchema)]
pub(super) struct Listed {
    pub error: String,
    pub details: Vec<String>,
}

/// A plan with errors, refused for printing or issuing: the findings to show.
#[derive(Serialize, JsonSchema)]
pub(super) struct Unclean {
    pub error: String,
    pub findings: Json,
}

/// A save refused because the file changed on disk: its text, for the clerk to choose.
#[derive(Serialize, JsonSchema)]
pub(super) struct Conflict {
    pub error: String,
    pub disk: String,
    pub hash: String,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Plans {
    pub folder: String,
    pub plans: Vec<PlanEntry>,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct PlanEntry {
    pub path: String,
    pub title: String,
    pub doc_number: String,
    pub errors: usize,
    pub warnings: usize,
    /// The latest issued version, if any.
    pub issued: Option<u32>,
    /// The plan's year: 以此为底稿新建 proposes the next.
    pub year: Option<i32>,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Opened {
    pub path: String,
    pub source: String,
    pub hash: String,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Updated {
    /// The 文号's latest issued version.
    pub issued: Option<u32>,
    pub source: String,
    pub findings: Json,
    pub errors: usize,
    /// Errors that are a new plan's 待填写 placeholders.
    pub placeholders: usize,
    pub warnings: usize,
    pub form: Option<Form>,
    /// The preview's pages; none while the plan has errors (the page keeps the last good one).
    pub pages: Option<Vec<Page>>,
    pub render_problems: Vec<String>,
}

/// One page of the preview.
#[derive(Serialize, JsonSchema)]
pub(super) struct Page {
    pub hash: String,
    /// Its SVG, unless the page has it or the reply's budget is spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub svg: Option<String>,
    /// To be fetched (`/api/page`) when scrolled to.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub later: bool,
}

/// What the form shows.
#[derive(Serialize, JsonSchema)]
pub(super) struct Form {
    /// The plan's values, as JSON.
    pub values: Json,
    pub groups: Vec<Group>,
    pub total: String,
    pub unit: &'static str,
    pub project_count: usize,
    pub allocations: usize,
    pub summary: String,
}

/// A list of projects (or allocations) the form edits, with its derived figures.
#[derive(Serialize, JsonSchema)]
pub(super) struct Group {
    pub path: Json,
    pub label: String,
    pub depth: usize,
    /// A category holding sub-categories: no projects of its own.
    pub parent: bool,
    pub subtotal: Option<String>,
    pub share: Option<String>,
    pub count: Option<usize>,
    /// "allocations" for an allocation plan's lines.
    pub kind: Option<&'static str>,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Located {
    pub line: usize,
    pub column: usize,
}

/// What changed, as lines the clerk reads.
#[derive(Serialize, JsonSchema)]
pub(super) struct Changes {
    pub changes: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Saved {
    pub hash: String,
    /// False when the text was already the file's.
    pub saved: bool,
}

/// A table read into the plan: the new text and what changes (nothing written).
#[derive(Serialize, JsonSchema)]
pub(super) struct Imported {
    pub source: String,
    pub summary: String,
    pub changes: Vec<String>,
}

/// A version issued (or corrected).
#[derive(Serialize, JsonSchema)]
pub(super) struct IssuedVersion {
    pub dir: Option<String>,
    pub doc_number: String,
    pub version: u32,
    pub changes: Vec<String>,
    pub ledger_head: String,
}

/// What a 更正 would list, and its 更正通知 as it would be issued.
#[derive(Serialize, JsonSchema)]
pub(super) struct Correctable {
    pub series: String,
    pub latest: Option<u32>,
    pub has_correction: bool,
    pub changes: Vec<String>,
    /// The 更正通知's pages (SVG), when the plan has its [correction] and no errors.
    pub preview: Option<Vec<String>>,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct ArchiveList {
    pub series: Vec<Series>,
    /// Problems not tied to one version (the ledger's).
    pub problems: Vec<String>,
    pub verified: bool,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Series {
    pub name: Option<String>,
    pub versions: Vec<Version>,
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Version {
    pub version: u32,
    pub doc_number: String,
    pub printed: String,
    pub correction_number: Option<String>,
    pub changes: Vec<String>,
    pub files: Vec<String>,
    pub verified: Option<bool>,
    pub problems: Vec<String>,
}

/// A plan made in the folder.
#[derive(Serialize, JsonSchema)]
pub(super) struct Created {
    pub path: Option<String>,
}

// ───────────── the endpoints (the contract test's table) ─────────────

/// One endpoint: what it takes (a JSON body) and what it answers (JSON), when it does.
#[cfg(test)]
pub(super) struct Endpoint {
    pub path: &'static str,
    pub request: Option<fn() -> Schema>,
    pub reply: Option<fn() -> Schema>,
}

#[cfg(test)]
const fn e(
    path: &'static str,
    request: Option<fn() -> Schema>,
    reply: Option<fn() -> Schema>,
) -> Endpoint {
    Endpoint {
        path,
        request,
        reply,
    }
}

#[cfg(test)]
macro_rules! schema {
    ($t:ty) => {
        Some(|| schema_for!($t))
    };
}

/// Every endpoint the page calls. Downloads (PDF, DOCX, OFD, XLSX) and pages (SVG) answer
/// files, not JSON.
#[cfg(test)]
pub(super) const ENDPOINTS: &[Endpoint] = &[
    e("/api/plans", None, schema!(Plans)),
    e("/api/schema", None, None),
    e("/api/open", None, schema!(Opened)),
    e("/api/update", schema!(UpdateRequest), schema!(Updated)),
    e("/api/save", schema!(SaveRequest), schema!(Saved)),
    e("/api/page", None, None),
    e("/api/locate", schema!(LocateRequest), schema!(Located)),
    e("/api/diff", schema!(DiffRequest), schema!(Changes)),
    e("/api/pdf", schema!(Text), None),
    e("/api/xlsx", schema!(Text), None),
    e("/api/docx", schema!(Text), None),
    e("/api/ofd", schema!(Text), None),
    e("/api/import", None, schema!(Imported)),
    e("/api/issue", schema!(IssueRequest), schema!(IssuedVersion)),
    e("/api/changes", schema!(Text), schema!(Correctable)),
    e("/api/new", schema!(NewRequest), schema!(Created)),
    e("/api/archive", None, schema!(ArchiveList)),
    e("/api/archive/file", None, None),
];
