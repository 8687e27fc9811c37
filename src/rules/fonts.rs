//! Fonts: every character a field prints must be in a bundled face of its role.

use super::text::is_invisible;
use super::{Ctx, Hit, Rule, picked};
use crate::diag::Severity::{Error, Warning};
use crate::fonts::Role;
use crate::plan::FieldPath;
use crate::plan::hanzi::simplified_of;
use crate::plan::model::PlanFile;
use crate::plan::path::Seg;

pub(crate) const RULES: &[Rule] = &[
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
    Rule {
        code: "font-fallback",
        severity: Warning,
        doc: "字体缺字时改用后备字体印出（如仿宋中的生僻字印成宋体），字形与周围不同；繁体字由 text-traditional 提示",
        check: fallback,
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

/// The keys of a path, its indexes left out ("plan.categories[0].name" → plan, categories, name).
fn keys_of(path: &FieldPath) -> Vec<&str> {
    path.0
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect()
}

/// The role whose faces print the field at `path`: fixed for the notice's parts, and for
/// headings the face of their level (`Role::of_level`), counted as the document numbers them —
/// so a projects section nested one level down moves its categories' headings to 楷体 and below.
/// `scheme`: the heading level of the projects section (`Scheme::projects_level`) when the
/// 实施方案 is printed, computed once per check; none when it is not (its headings are not).
fn role_at(path: &FieldPath, scheme: Option<u8>) -> Option<Role> {
    let keys = keys_of(path);
    let depth = |key: &str| keys.iter().filter(|k| **k == key).count() as u8;
    let level = |n: u8| scheme.map(|_| Role::of_level(n));
    let projects = scheme.unwrap_or(0);
    match keys.as_slice() {
        ["notice", "mark"]
        | ["notice", "joint", "mark"]
        | ["notice", "title"]
        | ["plan", "title"]
        | ["plan", "annex", "title"] => Some(Role::Title),
        ["notice", "mark_second_line"] => Some(Role::Yi),
        // 签发人's names are set in 楷体 (GB/T 9704 §7.2.6).
        ["notice", "signed_off_by"] => Some(Role::Heading2),
        // A table's header is set in 黑体.
        ["plan", "annex", "columns", _] => Some(Role::Heading1),
        ["plan", "sections", .., "heading"] => level(depth("sections")),
        ["plan", "sections", .., "run_in"] => level(depth("sections") + 1),
        ["plan", "categories", .., "heading"] => level(projects + depth("categories")),
        ["plan", .., "projects", "name"] => level(projects + depth("categories") + 1),
        _ => Some(Role::Body),
    }
}

/// The heading level of the projects section when the plan prints its 实施方案.
fn scheme_levels(plan: &crate::plan::Scheme) -> Option<u8> {
    plan.scheme.then(|| plan.projects_level())
}

/// What decides the faces a plan's texts print in, worked out once a check.
struct Printing<'a> {
    file: &'a PlanFile,
    scheme: Option<u8>,
}

impl<'a> Printing<'a> {
    fn of(file: &'a PlanFile) -> Self {
        Printing {
            file,
            scheme: scheme_levels(&file.plan),
        }
    }

    /// Every role whose faces print the field at `path`: its place's (`role_at`), and where the
    /// same text prints elsewhere in another face — a category's name in the annex's 黑体 category
    /// row as well as in the summary sentence, a project's name in the annex's body-face row as
    /// well as in its heading, the annex's title in the 附件说明 line as well as over its table,
    /// the 保密期限 in the 黑体 密级 line. Held to the laid-out document by `printed`.
    fn roles(&self, path: &FieldPath) -> Vec<Role> {
        let keys = keys_of(path);
        // An office issuing jointly: its name is its red mark and its 署名 unless it gives them.
        if let ["notice", "joint", "issuer"] = keys.as_slice() {
            let co = path.0.iter().find_map(|s| match s {
                Seg::Index(i) => self.file.notice.joint.get(*i),
                Seg::Key(_) => None,
            });
            return co.map_or(Vec::new(), |co| {
                let mark = co.mark.is_none().then_some(Role::Title);
                mark.into_iter()
                    .chain(co.signer.is_none().then_some(Role::Body))
                    .collect()
            });
        }
        let role = role_at(path, self.scheme);
        let also = match keys.as_slice() {
            ["plan", .., "categories", "name"] => Some(Role::Heading1),
            ["plan", .., "projects", "name"] => Some(Role::Body),
            // The annex's title is also the notice's 附件说明 line.
            ["plan", "annex", "title"] => Some(Role::Body),
            ["notice", "secrecy_term"] => return vec![Role::Heading1],
            _ => None,
        };
        let mut roles: Vec<Role> = role.into_iter().collect();
        roles.extend(also.filter(|r| Some(*r) != role));
        roles
    }
}

fn coverage(ctx: &Ctx) -> Vec<Hit> {
    let printing = Printing::of(ctx.file);
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        // The first role the text is not covered in (one finding a field).
        let Some((role, (mut missing, span))) = printing.roles(path).into_iter().find_map(|role| {
            Some((
                role,
                picked(text, |c| !is_invisible(c) && !ctx.fonts.covers(role, c))?,
            ))
        }) else {
            continue;
        };
        missing.dedup();
        let shown: String = missing
            .iter()
            .take(5)
            .map(|c| format!("“{c}”(U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join("、");
        out.push(
            Hit::new(
                path.clone(),
                format!("{}没有这些字：{shown}", role.label()),
                "换用常用字或改写（表情符号、生僻异体字无法排印）；如本单位有完整的字库，可用 --font-dir 和 [fonts] 配置",
            )
            .within(span),
        );
    }
    out
}

fn fallback(ctx: &Ctx) -> Vec<Hit> {
    let printing = Printing::of(ctx.file);
    let mut out = Vec::new();
    for (path, text) in ctx.texts() {
        let Some((role, (mut chars, span))) = printing.roles(path).into_iter().find_map(|role| {
            let falls = |c| simplified_of(c).is_none() && ctx.fonts.falls_back(role, c);
            Some((role, picked(text, falls)?))
        }) else {
            continue;
        };
        chars.sort_unstable();
        chars.dedup();
        let shown: String = chars
            .iter()
            .take(5)
            .map(|c| format!("“{c}”"))
            .collect::<Vec<_>>()
            .join("、");
        out.push(
            Hit::new(
                path.clone(),
                format!("{shown}不在{}的首选字体中，将用后备字体印出，字形与周围的字不同", role.label()),
                "人名、地名中的字可以保留（在 [[policy.accept]] 中写明理由）；否则换用常用字；本单位有完整的字库时可用 --font-dir 和 [fonts] 指定",
            )
            .within(span),
        );
    }
    out
}

#[cfg(test)]
mod printed;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn roles_follow_the_templates() {
        let f = ebian().file;
        assert_eq!(
            role_at(&FieldPath::of("notice.title"), scheme_levels(&f.plan)),
            Some(Role::Title)
        );
        assert_eq!(
            role_at(
                &FieldPath::of("plan.sections").index(0).key("heading"),
                scheme_levels(&f.plan)
            ),
            Some(Role::Heading1)
        );
        assert_eq!(
            role_at(
                &FieldPath::category(1).key("heading"),
                scheme_levels(&f.plan)
            ),
            Some(Role::Heading2)
        );
        assert_eq!(
            role_at(
                &FieldPath::project(0, 0).key("leader"),
                scheme_levels(&f.plan)
            ),
            Some(Role::Body)
        );
    }

    /// A text printed in two faces is checked in both: with an office's 黑体 that lacks them,
    /// a category's name (黑体 in the annex's category row) and the 保密期限 (the 黑体 密级 line)
    /// fall back, though the body face has every character.
    #[test]
    fn a_text_is_checked_in_every_face_it_prints_in() {
        use crate::fonts::{FontEnv, FontSet};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
        let set = FontSet::with_dirs(&[dir]).unwrap();
        let mut f = ebian().file;
        f.fonts.heading1 = vec!["GW Test Hei".into()];
        f.notice.secrecy = Some(crate::plan::model::Secrecy::Secret);
        f.notice.secrecy_term = Some("长期".into());
        let fonts = FontEnv::for_plan(set, &f.fonts);
        let figures = crate::plan::Figures::of(&f.plan);
        let hits = (crate::rules::by_code("font-fallback").unwrap().check)(&Ctx::new(
            &f, &figures, None, &fonts,
        ));
        let at: Vec<String> = hits.iter().map(|h| h.path.to_string()).collect();
        for p in ["plan.categories[0].name", "notice.secrecy_term"] {
            let h = hits
                .iter()
                .find(|h| h.path.to_string() == p)
                .unwrap_or_else(|| panic!("{p}: {at:?}"));
            assert!(h.message.contains("黑体"), "{}", h.message);
        }
        assert_eq!(
            Printing::of(&f).roles(&FieldPath::project(0, 0).key("name")),
            [Role::Body]
        );
    }

    #[test]
    fn a_nested_projects_section_moves_the_categories_a_level_down() {
        let mut f = ebian().file;
        // 工作任务 (the projects section) moved under 基本原则: its categories are level 3.
        let work = f.plan.sections.remove(1);
        f.plan.sections[0].sections.push(work);
        assert_eq!(f.plan.projects_level(), 2);
        let heading = FieldPath::category(1).key("heading");
        assert_eq!(role_at(&heading, scheme_levels(&f.plan)), Some(Role::Body));
        // …as the document sets them: the category heading is a level-3 heading.
        let figures = crate::plan::Figures::of(&f.plan);
        let view = crate::render::view::build(&f, &figures, &crate::fonts::FontEnv::bundled());
        let json = serde_json::to_value(&view).unwrap();
        let blocks = json["scheme"]["blocks"].as_array().unwrap();
        let level = blocks
            .iter()
            .find(|b| {
                b["text"]
                    .as_str()
                    .is_some_and(|t| t.ends_with(&f.plan.categories[1].heading))
            })
            .map(|b| b["level"].as_u64().unwrap());
        assert_eq!(level, Some(3));
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
    fn characters_printed_by_a_fallback_face_are_named() {
        let mut f = ebian().file;
        assert!(paths("font-fallback", &f).is_empty());
        // 堃 is not in FandolFang: the serif fallback prints it.
        f.plan.categories[0].projects[0].leader = "王堃".into();
        let h = crate::rules::testutil::hits("font-fallback", &f);
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].path.to_string(),
            "plan.categories[0].projects[0].leader"
        );
        assert_eq!(h[0].within, Some(3..6));
        assert!(
            h[0].message.starts_with("“堃”不在正文字体（仿宋）"),
            "{}",
            h[0].message
        );
        // A traditional form is text-traditional's, with its simplified form.
        f.plan.categories[0].projects[0].leader = "王戶".into();
        assert!(paths("font-fallback", &f).is_empty());
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
