//! What was issued, kept: `issue` freezes a version, `reissue` archives a corrected one with
//! its 更正通知, `verify` proves the archive unchanged, `diff` says what changed.

pub mod correction;
pub mod diff;
pub mod ledger;
pub mod manifest;
pub mod store;

use std::path::{Path, PathBuf};

/// The plan's file name inside an archived version's folder.
pub(crate) const PLAN_FILE: &str = "plan.toml";

/// The plan a path names: the file itself, or an archived version folder's plan.
pub(crate) fn plan_path(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(PLAN_FILE)
    } else {
        path.to_path_buf()
    }
}
mod issue;
mod verify;

pub(crate) use issue::correction_data;
pub use issue::{issue, reissue};
pub use verify::{Problem, verify};

use manifest::Manifest;
use store::{Archive, Writer};

/// What `issue` and `reissue` wrote.
#[derive(Debug)]
pub struct Issued {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The ledger's head after this version: its hash, for the clerk to write down.
    pub ledger_head: String,
}

/// Why an issue or a reissue archived nothing; the exit code follows from the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The 文号 was issued before (as v`last`): the way on is a correction, which each face
    /// offers in its own words.
    Issued { doc: String, last: u32 },
    /// A plan with a [correction] table issued as a new document: it is a correction.
    IsCorrection,
    /// Refused for what the plan asks: a 文号 used twice, nothing to correct.
    Refused(String),
    /// The archive or a file beside the plan cannot be read or written.
    Io(String),
    /// A document could not be rendered: the templates' or gongwen's fault, not the plan's.
    Render(String),
}

impl Failure {
    /// 1 for a refusal (the plan must change), 2 for everything else (README's exit codes).
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Issued { .. } | Failure::IsCorrection | Failure::Refused(_) => 1,
            Failure::Io(_) | Failure::Render(_) => 2,
        }
    }
}

/// A file of the archive (or beside the plan) that could not be read or written.
impl From<crate::files::Error> for Failure {
    fn from(e: crate::files::Error) -> Self {
        Failure::Io(e.to_string())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The command line's words; the web page words the first two its own way.
        match self {
            Failure::Issued { doc, last } => write!(
                f,
                "{doc} 已经印发过（存档中已有 v{last}）：已印发的版本不能覆盖。要更正，请在计划中写 [correction]，然后运行 gongwen reissue 计划文件 --from v{last}"
            ),
            Failure::IsCorrection => {
                f.write_str("计划中有 [correction]（更正）表，这是更正版本：请用 gongwen reissue")
            }
            Failure::Refused(m) | Failure::Io(m) => f.write_str(m),
            Failure::Render(m) => write!(
                f,
                "排版失败，未存档（这不是计划的问题，请告诉维护人员）：{m}"
            ),
        }
    }
}

/// The archived name of signing office `i`'s seal, as the render World names it.
pub(crate) use crate::render::world::seal_name as seal_file;
