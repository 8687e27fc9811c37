//! The rule registry: each domain rule is a small function with a stable code, a severity,
//! a one-line doc, and tests of its own in its family's file.

mod accept;
mod amounts;
mod annex;
mod annex_title;
mod dates;
mod domain;
pub mod explain;
mod fields;
mod fonts;
mod genre;
mod headings;
mod joint;
mod names;
mod parts;
mod prose;
mod roster;
mod style;
mod sums;
pub(crate) mod text;
pub(crate) mod todo;
mod wenhao;

#[cfg(test)]
pub(crate) mod testutil;

use std::ops::Range;

use crate::diag::Severity;
use crate::fonts::FontEnv;
use crate::plan::tree::{GroupAt, ProjectAt};
use crate::plan::{FieldPath, Figures, PlanFile, Roster};

/// What a rule sees: the plan, its derived figures, the roster if there is one, and the
/// fonts it will be printed with.
pub struct Ctx<'a> {
    pub file: &'a PlanFile,
    pub figures: &'a Figures,
    pub roster: Option<&'a Roster>,
    pub fonts: &'a FontEnv,
    /// Every printed text with its path, gathered once for the text and font rules.
    texts: std::sync::OnceLock<Vec<(FieldPath, &'a str)>>,
    /// Every project with its place, walked once for all the rules.
    projects: std::sync::OnceLock<Vec<ProjectAt<'a>>>,
    /// Every category with its place, likewise.
    groups: std::sync::OnceLock<Vec<GroupAt<'a>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        file: &'a PlanFile,
        figures: &'a Figures,
        roster: Option<&'a Roster>,
        fonts: &'a FontEnv,
    ) -> Self {
        Self {
            file,
            figures,
            roster,
            fonts,
            texts: std::sync::OnceLock::new(),
            projects: std::sync::OnceLock::new(),
            groups: std::sync::OnceLock::new(),
        }
    }

    /// Every project with its place, in document order.
    pub fn projects(&self) -> &[ProjectAt<'a>] {
        self.projects.get_or_init(|| self.file.projects())
    }

    /// Every category and sub-category with its place, in document order.
    pub(crate) fn groups(&self) -> &[GroupAt<'a>] {
        self.groups.get_or_init(|| self.file.groups())
    }

    /// Every text the plan prints, with its path.
    pub fn texts(&self) -> &[(FieldPath, &'a str)] {
        self.texts.get_or_init(|| self.file.texts())
    }
}

/// One place a rule objects to.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub path: FieldPath,
    pub message: String,
    pub hint: String,
    /// The part of the text the finding is about (bytes of the value as loaded), so the
    /// caret covers a figure or a term, not the whole string.
    pub within: Option<Range<usize>>,
}

impl Hit {
    pub fn new(path: FieldPath, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            hint: hint.into(),
            within: None,
        }
    }

    /// The same hit, about `range` of the text (bytes).
    pub fn within(mut self, range: Range<usize>) -> Self {
        self.within = Some(range);
        self
    }
}

/// The characters of `text` that `pick` picks, in order, with the bytes from the first to the
/// end of the last (where a finding about them points); `None` when it picks none.
pub(crate) fn picked(text: &str, pick: impl Fn(char) -> bool) -> Option<(Vec<char>, Range<usize>)> {
    let mut chars = Vec::new();
    let mut span: Option<Range<usize>> = None;
    for (i, c) in text.char_indices().filter(|(_, c)| pick(*c)) {
        chars.push(c);
        let end = i + c.len_utf8();
        span = Some(span.map_or(i..end, |s| s.start..end));
    }
    Some((chars, span?))
}

/// A registered rule.
pub struct Rule {
    /// Stable code, shown with every finding and usable by tools.
    pub code: &'static str,
    pub severity: Severity,
    /// One line, in Chinese, for `gongwen rules` and the rules table (docs/rules-index.md).
    pub doc: &'static str,
    pub check: fn(&Ctx) -> Vec<Hit>,
}

/// A rule's hit with the rule's code and severity.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub path: FieldPath,
    pub message: String,
    pub hint: String,
    pub within: Option<Range<usize>>,
}

/// Every rule, family by family, in the order `gongwen rules` lists them.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        wenhao::RULES,
        dates::RULES,
        sums::RULES,
        parts::RULES,
        amounts::RULES,
        fields::RULES,
        genre::RULES,
        joint::RULES,
        annex::RULES,
        domain::RULES,
        accept::RULES,
        roster::RULES,
        headings::RULES,
        names::RULES,
        annex_title::RULES,
        text::RULES,
        style::RULES,
        prose::RULES,
        fonts::RULES,
        todo::RULES,
    ]
    .into_iter()
    .flatten()
}

/// Looks a rule up by code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}

/// Runs every rule.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    all()
        .flat_map(|rule| {
            (rule.check)(ctx).into_iter().map(move |h| Finding {
                code: rule.code,
                severity: rule.severity,
                path: h.path,
                message: h.message,
                hint: h.hint,
                within: h.within,
            })
        })
        .collect()
}

/// Codes given by the loader rather than a rule: listed by `gongwen rules` all the same.
pub(crate) const LOADER_CODES: &[(&str, &str)] = &[
    (
        "input-io",
        "计划文件无法读取（不存在、是文件夹、无权限或过大）",
    ),
    ("input-utf8", "文件必须是 UTF-8 编码的文本"),
    ("toml-syntax", "TOML 语法错误（引号、等号、括号、重复的键）"),
    ("toml-nesting", "方括号或花括号嵌套过深"),
    ("toml-unknown-key", "未知的键（附最接近的正确写法）"),
    ("toml-missing-key", "缺少必填项"),
    ("toml-type", "值的类型不对（文字、数字、日期、列表）"),
    (
        "toml-value",
        "值不在可选范围内或无法解读（金额、日期、文号）",
    ),
    ("roster-file", "名册文件无法读取"),
    ("seal-file", "印章图片无法读取或不是 PNG"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for r in all() {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            assert!(!r.doc.is_empty());
        }
        for (code, _) in LOADER_CODES {
            assert!(seen.insert(code), "duplicate code {code}");
        }
    }

    #[test]
    fn the_ebian_plan_is_clean() {
        let t = testutil::ebian();
        let findings = testutil::run_all(&t.file, Some(&t.roster));
        assert!(findings.is_empty(), "{findings:#?}");
    }
}
