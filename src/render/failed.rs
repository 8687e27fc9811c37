//! Why a document could not be made: laid out, exported or packed. Never the plan's fault —
//! a plan that checks clean always renders — but the templates' (an office's own) or
//! gongwen's, so the faces say so and exit 2, never "fix the plan".

use std::fmt;

/// The problems, one a line (a Typst diagnostic with its place, an export or packing error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed(Vec<String>);

impl Failed {
    pub fn one(problem: impl Into<String>) -> Self {
        Failed(vec![problem.into()])
    }

    pub fn lines(&self) -> &[String] {
        &self.0
    }
}

impl From<Vec<String>> for Failed {
    fn from(problems: Vec<String>) -> Self {
        Failed(problems)
    }
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for Failed {}

impl<'a> IntoIterator for &'a Failed {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Failed {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A render failure ends an issue as what it is: not the plan's.
impl From<Failed> for crate::archive::Failure {
    fn from(f: Failed) -> Self {
        crate::archive::Failure::Render(f.to_string())
    }
}
