//! The fields of a plan as the document prints them, each with its place and label.

use crate::plan::date::DateForm;
use crate::plan::fields::label;
use crate::plan::model::{Block, PlanFile, Project, Section};
use crate::plan::money::Unit;
use crate::plan::numbering::number;

/// A project's fields as the document prints them, with their labels.
pub(super) fn project_fields(p: &Project, unit: Unit) -> Vec<(String, String)> {
    let u = unit.label();
    let items = p
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            format!(
                "{}{}{}{u}{}",
                number(4, i + 1),
                it.name,
                it.amount,
                it.content
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let fields = [
        (label("name"), p.name.clone()),
        (label("amount"), format!("{}{u}", p.amount)),
        (
            label("total_investment"),
            p.total_investment
                .map(|t| format!("{t}{u}"))
                .unwrap_or_default(),
        ),
        (label("sources"), p.sources_text(unit)),
        (label("content"), p.content.clone()),
        (label("items"), items),
        (label("benefit"), p.benefit.clone()),
        (label("location"), p.location.clone()),
        (label("leader"), p.leader.clone()),
        (label("department"), p.department.clone()),
        (label("implementer"), p.implementer.clone()),
        // Start and deadline as the period the document prints.
        ("实施期限", p.period_text(DateForm::Day)),
        (
            label("cross_year"),
            p.cross_year.clone().unwrap_or_default(),
        ),
        (label("linkage"), p.linkage_text().to_string()),
        (label("ownership"), p.ownership.clone()),
    ];
    fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        // The county's own values, by their names.
        .chain(p.extra.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect()
}

/// The notice's and the plan's own fields (projects aside), labelled.
pub(super) fn document_fields(f: &PlanFile) -> Vec<(String, String, String)> {
    let n = &f.notice;
    // The notice's fields from their table; its body paragraph by paragraph.
    let mut v: Vec<(String, String, String)> = crate::plan::fields::NOTICE
        .iter()
        .filter_map(|field| Some((field.label, (field.printed?)(n))))
        .map(|(k, val)| ("通知".to_string(), k.to_string(), val))
        .collect();
    for (i, b) in n.body.iter().enumerate() {
        v.push(("通知".into(), format!("正文第{}段", i + 1), b.clone()));
    }
    let s = &f.plan;
    for (k, val) in [
        ("标题", s.title.clone()),
        ("年度", s.year.to_string()),
        ("下达资金", s.funding.text(s.unit)),
        ("金额单位", s.unit.label().to_string()),
        ("协作项目名称", s.program.clone()),
        (
            "是否印发实施方案",
            if s.scheme { "是" } else { "否" }.to_string(),
        ),
        (
            "日期印法",
            match s.dates {
                DateForm::Day => "到日",
                DateForm::Month => "到月",
            }
            .to_string(),
        ),
        (
            "概述句",
            if s.summary.print {
                format!(
                    "印出，占比{}位小数，“{}”",
                    s.summary.share_decimals, s.summary.share_words
                )
            } else {
                "不印".to_string()
            },
        ),
    ] {
        v.push(("实施方案".into(), k.into(), val));
    }
    annex_fields(s, &mut v);
    for (i, p) in s.preamble.iter().enumerate() {
        v.push(("实施方案".into(), format!("前言第{}段", i + 1), p.clone()));
    }
    for (i, sec) in s.sections.iter().enumerate() {
        section_fields(sec, &number(1, i + 1), &mut v);
    }
    for g in f.groups() {
        let place = g.label(s.nested());
        v.push((place.clone(), "标题".into(), g.category.heading.clone()));
        v.push((place, "引言".into(), g.category.intro.clone()));
    }
    v
}

/// Each annexed table's own settings, by its place (附件, or 附件1, 附件2 …).
fn annex_fields(s: &crate::plan::Scheme, v: &mut Vec<(String, String, String)>) {
    let annexes = s.annex.each();
    for (i, (_, a)) in annexes.iter().enumerate() {
        let place = if annexes.len() == 1 {
            "附件".to_string()
        } else {
            format!("附件{}", i + 1)
        };
        let cols = a
            .columns
            .as_ref()
            .map(|c| c.iter().map(|c| c.title()).collect::<Vec<_>>().join("、"))
            .unwrap_or_default();
        let items = match a.items {
            crate::plan::ItemsIn::Rows => "分行",
            crate::plan::ItemsIn::Cell => "格内",
        };
        for (k, val) in [
            ("名称", a.title.clone()),
            ("填报单位", a.filler.clone()),
            ("表格列", cols),
            ("子项", items.to_string()),
        ] {
            v.push((place.clone(), k.into(), val));
        }
    }
}

pub(super) fn section_fields(sec: &Section, num: &str, out: &mut Vec<(String, String, String)>) {
    let place = format!("实施方案 {num}");
    out.push((place.clone(), "标题".into(), sec.heading.clone()));
    for (i, b) in sec.paragraphs.iter().enumerate() {
        let text = match b {
            Block::Text(t) => t.clone(),
            Block::RunIn { run_in, text } => format!("{run_in}{text}"),
        };
        out.push((place.clone(), format!("第{}段", i + 1), text));
    }
    for (i, sub) in sec.sections.iter().enumerate() {
        section_fields(sub, &format!("{num}{}", number(2, i + 1)), out);
    }
}
