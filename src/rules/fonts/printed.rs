//! The roles the font rules check each text in, held to the document the templates lay out:
//! each text of a plan is replaced by a marker of its own, the document is laid out, and the
//! faces the marker's glyphs were set in must be exactly those of the roles `Printing::roles` names.
//! A template that moves a text into another face fails here, not silently in a check.

use std::collections::{BTreeMap, BTreeSet};

use typst::layout::{Frame, FrameItem};

use super::Printing;
use crate::fonts::Role;
use crate::plan::FieldPath;

/// A marker per text: characters no plan writes together.
fn marker(i: usize) -> String {
    const A: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const B: [char; 12] = [
        '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
    ];
    const C: [char; 3] = ['鹿', '麟', '鹤'];
    format!("{}{}{}", A[i % 10], B[i / 10 % 12], C[i / 120 % 3])
}

/// The role a bundled face prints for: its family first in the role's chain (the title's is
/// the bold cut of the family the page numbers use).
fn role_of(family: &str, bold: bool) -> Option<Role> {
    Role::ALL
        .into_iter()
        .find(|r| r.chain()[0] == family && (*r == Role::Title) == bold)
}

/// The text on a page with the role of its face, runs in one face joined (a text broken
/// across lines is one text again).
fn runs(frame: &Frame, out: &mut Vec<(String, Option<Role>)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => runs(&g.frame, out),
            FrameItem::Text(t) => {
                let info = t.font.info();
                let bold = info.variant.weight.to_number() >= 600;
                let role = role_of(&info.family, bold);
                match out.last_mut() {
                    Some((text, r)) if *r == role => text.push_str(&t.text),
                    _ => out.push((t.text.to_string(), role)),
                }
            }
            _ => {}
        }
    }
}

/// The plan with each text that appears once in its source (quoted) replaced by a marker of
/// its own, where the plan still loads: the loaded plan, and each marked path's marker.
fn marked(name: &str, source: &str) -> (crate::plan::Loaded, Vec<(FieldPath, String)>) {
    let plan = crate::plan::load_str(name, source).unwrap();
    let mut text = source.to_string();
    let mut marks = Vec::new();
    for (path, value) in plan.value.texts() {
        let quoted = format!("\"{value}\"");
        if value.chars().count() < 2 || text.matches(&quoted).count() != 1 {
            continue;
        }
        let mark = marker(marks.len());
        let tried = text.replacen(&quoted, &format!("\"{mark}\""), 1);
        let Ok(p) = crate::plan::load_str(name, &tried) else {
            continue; // a text the plan parses (a 文号): left as it is
        };
        if p.value
            .texts()
            .iter()
            .any(|(q, v)| *q == path && *v == mark)
        {
            text = tried;
            marks.push((path, mark));
        }
    }
    (crate::plan::load_str(name, &text).unwrap(), marks)
}

#[test]
fn each_text_is_checked_in_the_faces_it_is_printed_in() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut compared = 0;
    for name in [
        "ebian-2023.toml",
        "examples/announcement.toml",
        "examples/joint.toml",
        "examples/request.toml",
        "examples/report.toml",
    ] {
        let file = root.join(name);
        let source = std::fs::read_to_string(&file).unwrap();
        // Named by its path: its seal is read from beside it.
        let (plan, marks) = marked(&file.display().to_string(), &source);
        let file = plan.value.clone();
        let printing = Printing::of(&file);
        let checked = crate::check::check_loaded(plan, &Default::default())
            .into_checked()
            .unwrap();
        let data = crate::render::data_json(&checked);
        let templates = crate::render::templates::Templates::embedded();
        let set = &checked.fonts.set;
        let doc = crate::render::compile_sealed(&templates, set, "main.typ", data, &checked.seals)
            .unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let mut all = Vec::new();
        for page in doc.pages() {
            runs(&page.frame, &mut all);
        }
        // A face of no role (a fallback) shows as None.
        type Roles = BTreeSet<Option<Role>>;
        let mut wrong: BTreeMap<String, (Roles, Roles)> = BTreeMap::new();
        for (path, mark) in &marks {
            let printed: Roles = all
                .iter()
                .filter(|(t, _)| t.contains(mark.as_str()))
                .map(|(_, r)| *r)
                .collect();
            if printed.is_empty() {
                continue; // a field this document does not print
            }
            let checked: Roles = printing.roles(path).into_iter().map(Some).collect();
            if printed != checked {
                wrong.insert(format!("{name}: {path}"), (printed, checked));
            }
            compared += 1;
        }
        assert!(wrong.is_empty(), "printed in, checked in: {wrong:#?}");
    }
    assert!(compared >= 100, "only {compared} texts found on the pages");
}
