//! Fonts: every character a field prints must be in a bundled face of its role.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Error;
use crate::plan::FieldPath;
use crate::plan::path::Seg;
use crate::render::fonts::Role;

pub const RULES: &[Rule] = &[
    Rule {
        code: "font-unknown",
        severity: Error,
        doc: "[fonts] 中指定的字体必须能找到（随附字体或 --font-dir 中的字体）",
        check: unknown,
    },
    Rule {
        code: "font-coverage",
        severity: Error,
        doc: "每个字都必须有字体可排（按所在位置的字体：标题、正文、黑体、楷体、彝文）",
        check: coverage,
    },
];

fn unknown(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (key, families) in ctx.file.fonts.entries() {
        for (i, family) in families.iter().enumerate() {
            if ctx.fonts.set.has_family(family) {
                continue;
            }
            let known = ctx.fonts.set.families();
            let hint = match crate::textsim::closest(family, known.iter().map(String::as_str)) {
                Some(k) => format!("是不是“{k}”？"),
                None => "用 --font-dir 指定字体文件所在的文件夹；gongwen fonts --font-dir 文件夹 列出能用的字体名".to_string(),
            };
            out.push(Hit::new(
                FieldPath::of("fonts").key(key).index(i),
                format!("找不到字体“{family}”"),
                hint,
            ));
        }
    }
    out
}

/// The role whose faces print the field at `path` — mirrors the templates.
pub fn role_of(path: &FieldPath) -> Role {
    let keys: Vec<&str> = path
        .0
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect();
    match keys.as_slice() {
        ["notice", "mark"]
        | ["notice", "title"]
        | ["plan", "title"]
        | ["plan", "annex", "title"] => Role::Title,
        ["notice", "mark_second_line"] => Role::Yi,
        // A table's header is set in 黑体.
        ["plan", "annex", "columns", _] => Role::Heading1,
        ["plan", "sections", "heading"] => Role::Heading1,
        ["plan", "sections", "paragraphs", "run_in"]
        | ["plan", "sections", "sections", "heading"]
        | ["plan", "categories", "heading"]
        // A plan without categories sets its projects' names as level-2 run-in heads.
        | ["plan", "projects", "name"] => Role::Heading2,
        _ => Role::Body,
    }
}

fn coverage(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        let role = role_of(path);
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !crate::rules::text::is_invisible(*c) && !ctx.fonts.covers(role, *c))
            .collect();
        missing.dedup();
        if missing.is_empty() {
            continue;
        }
        let shown: String = missing
            .iter()
            .take(5)
            .map(|c| format!("“{c}”(U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join("、");
        out.push(Hit::new(
            path.clone(),
            format!("{}没有这些字：{shown}", role.label()),
            "换用常用字或改写（表情符号、生僻异体字无法排印）；如本单位有完整的字库，可用 --font-dir 和 [fonts] 配置",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn roles_follow_the_templates() {
        assert_eq!(role_of(&FieldPath::of("notice.title")), Role::Title);
        assert_eq!(
            role_of(&FieldPath::of("plan.sections").index(0).key("heading")),
            Role::Heading1
        );
        assert_eq!(
            role_of(&FieldPath::category(1).key("heading")),
            Role::Heading2
        );
        assert_eq!(role_of(&FieldPath::project(0, 0).key("leader")), Role::Body);
    }

    #[test]
    fn uncovered_characters_are_named_with_their_field() {
        let mut f = ebian().file;
        assert!(paths("font-coverage", &f).is_empty());
        // 堃 is not in FandolFang but is in the serif fallback: fine.
        f.plan.categories[0].projects[0].leader = "王堃".into();
        assert!(paths("font-coverage", &f).is_empty());
        f.plan.categories[0].projects[0].leader = "王😀".into();
        // Yi syllables have no face in the title role.
        f.notice.title.push('\u{A188}');
        assert_eq!(
            paths("font-coverage", &f),
            ["notice.title", "plan.categories[0].projects[0].leader"]
        );
    }

    #[test]
    fn a_chosen_font_must_exist() {
        let mut f = ebian().file;
        f.fonts.body = vec!["LXGW WenKai".into()];
        assert!(paths("font-unknown", &f).is_empty());
        f.fonts.body = vec!["仿宋_GB2312".into()];
        f.fonts.title = vec!["Noto Serif S".into()];
        assert_eq!(
            paths("font-unknown", &f),
            ["fonts.title[0]", "fonts.body[0]"]
        );
        let h = crate::rules::testutil::hits("font-unknown", &f);
        assert!(h[0].hint.contains("Noto Serif SC"), "{}", h[0].hint);
    }
}
