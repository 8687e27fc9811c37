//! Every text a plan prints, with its path: what the text rules and font checks read.

use super::model::{Block, Column, PlanFile, Section};
use super::path::FieldPath;

impl PlanFile {
    /// Every text the plan prints, with its path: what text rules and font checks read.
    pub fn texts(&self) -> Vec<(FieldPath, &str)> {
        let mut out: Vec<(FieldPath, &str)> = Vec::new();
        self.notice_texts(&mut out);
        let s = &self.plan;
        let sp = FieldPath::of("plan");
        out.push((sp.key("title"), &s.title));
        out.push((sp.key("program"), &s.program));
        out.push((sp.key("summary").key("share_words"), &s.summary.share_words));
        for (i, v) in s.preamble.iter().enumerate() {
            out.push((sp.key("preamble").index(i), v));
        }
        for (i, sec) in s.sections.iter().enumerate() {
            section_texts(sp.key("sections").index(i), sec, &mut out);
        }
        for g in self.groups() {
            let (cp, cat) = (g.path, g.category);
            out.push((cp.key("name"), &cat.name));
            out.push((cp.key("heading"), &cat.heading));
            out.push((cp.key("intro"), &cat.intro));
        }
        self.project_texts(&mut out);
        for (i, a) in s.allocations.iter().enumerate() {
            let ap = sp.key("allocations").index(i);
            out.push((ap.key("recipient"), &a.recipient));
            out.push((ap.key("purpose"), &a.purpose));
        }
        for (i, src) in s.funding.sources().iter().enumerate() {
            out.push((sp.key("funding").index(i).key("name"), &src.name));
        }
        self.annex_texts(&mut out);
        out
    }

    /// The notice's texts: its fields, its lists line by line, and the offices issuing with
    /// it (their marks and 署名).
    fn notice_texts<'a>(&'a self, out: &mut Vec<(FieldPath, &'a str)>) {
        let n = &self.notice;
        let np = FieldPath::of("notice");
        for (k, v) in [
            ("issuer", n.issuer.as_str()),
            ("mark", &n.mark),
            ("doc_number", &n.doc_number.text),
            ("title", &n.title),
            ("signer", &n.signer),
            ("printed_by", &n.printed_by),
        ] {
            out.push((np.key(k), v));
        }
        for (k, v) in [
            ("mark_second_line", &n.mark_second_line),
            ("copy_number", &n.copy_number),
            ("secrecy_term", &n.secrecy_term),
            ("closing", &n.closing),
            ("note", &n.note),
        ] {
            if let Some(v) = v {
                out.push((np.key(k), v));
            }
        }
        for (k, list) in [
            ("recipients", &n.recipients),
            ("signed_off_by", &n.signed_off_by),
            ("body", &n.body),
            ("cc", &n.cc),
        ] {
            for (i, v) in list.iter().enumerate() {
                out.push((np.key(k).index(i), v));
            }
        }
        for (i, j) in n.joint.iter().enumerate() {
            let jp = np.key("joint").index(i);
            out.push((jp.key("issuer"), &j.issuer));
            for (k, v) in [("mark", &j.mark), ("signer", &j.signer)] {
                if let Some(v) = v {
                    out.push((jp.key(k), v));
                }
            }
        }
    }

    /// Each project's texts: its text fields, sources' names, extra values and sub-items.
    fn project_texts<'a>(&'a self, out: &mut Vec<(FieldPath, &'a str)>) {
        for at in self.projects() {
            let (pp, pr) = (at.path(), at.project);
            for (k, v) in pr.text_fields() {
                out.push((pp.key(k), v));
            }
            for (i, src) in pr.sources.iter().enumerate() {
                out.push((pp.key("sources").index(i).key("name"), &src.name));
            }
            for (k, v) in &pr.extra {
                out.push((pp.key("extra").key(k), v));
            }
            for (i, item) in pr.items.iter().enumerate() {
                let ip = pp.key("items").index(i);
                out.push((ip.key("name"), &item.name));
                out.push((ip.key("content"), &item.content));
            }
        }
    }

    /// The annexes' titles, fillers and their own column titles (printed in their headers).
    fn annex_texts<'a>(&'a self, out: &mut Vec<(FieldPath, &'a str)>) {
        for (at, a) in self.plan.annex.each() {
            out.push((at.key("title"), &a.title));
            out.push((at.key("filler"), &a.filler));
            for (j, c) in a.columns.iter().flatten().enumerate() {
                let cp = at.key("columns").index(j);
                if let Some(t) = &c.title {
                    out.push((cp.key("title"), t));
                }
                match &c.column {
                    Column::Extra(name) => out.push((cp.key("extra"), name)),
                    Column::Source(name) => out.push((cp.key("source"), name)),
                    _ => {}
                }
            }
        }
    }
}

fn section_texts<'a>(at: FieldPath, sec: &'a Section, out: &mut Vec<(FieldPath, &'a str)>) {
    out.push((at.key("heading"), &sec.heading));
    for (i, b) in sec.paragraphs.iter().enumerate() {
        let bp = at.key("paragraphs").index(i);
        match b {
            Block::Text(t) => out.push((bp, t)),
            Block::RunIn { run_in, text } => {
                out.push((bp.key("run_in"), run_in));
                out.push((bp.key("text"), text));
            }
        }
    }
    for (i, sub) in sec.sections.iter().enumerate() {
        section_texts(at.key("sections").index(i), sub, out);
    }
}
