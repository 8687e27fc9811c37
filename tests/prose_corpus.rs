//! The corpus of true sentences and of the mistakes real notices carry
//! (`tests/fixtures/corpus/sentences.toml`): every true sentence, written into its plan,
//! checks clean with warnings denied; every mistake is caught by its rule, on its line, with
//! the caret on the faulty part.

mod common;
use common::root;

use gongwen::check::{CheckOptions, check_loaded};
use gongwen::diag::{Diag, Severity};
use gongwen::plan::load_str;
use toml_edit::{DocumentMut, Item, Value};

#[derive(serde::Deserialize)]
struct Corpus {
    #[serde(rename = "true")]
    truths: Vec<Entry>,
    #[serde(rename = "mistake")]
    mistakes: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    base: String,
    at: String,
    text: String,
    #[serde(default)]
    set: toml::Table,
    #[serde(default)]
    shape: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    caret: String,
}

fn corpus() -> Corpus {
    let text = std::fs::read_to_string(root().join("tests/fixtures/corpus/sentences.toml"))
        .expect("the corpus");
    toml::from_str(&text).expect("the corpus parses")
}

/// The base plan's file and the roster it is checked with.
fn base(name: &str) -> (&'static str, Option<&'static str>) {
    match name {
        "ebian" => ("plans/ebian-2023.toml", Some("plans/ebian-roster.toml")),
        "total" => ("plans/examples/total-investment.toml", None),
        "sources" => ("tests/fixtures/corpus/sources.toml", None),
        "allocation" => ("plans/examples/allocation.toml", None),
        other => panic!("no base {other}"),
    }
}

/// The plan with the entry's fields set and its text written in, as TOML source.
fn plan_of(e: &Entry) -> String {
    let (file, _) = base(&e.base);
    let src = std::fs::read_to_string(root().join(file)).unwrap();
    let mut doc: DocumentMut = src.parse().unwrap();
    for (path, value) in &e.set {
        let v: Value = value.to_string().parse().unwrap();
        *walk(&mut doc, path) = Item::Value(v);
    }
    let target = walk(&mut doc, &e.at);
    match target.as_array_mut() {
        Some(list) => list.push(e.text.as_str()),
        None => *target = Item::Value(e.text.as_str().into()),
    }
    doc.to_string()
}

/// The item at a dotted path with indices (`plan.categories[0].intro`), made if missing.
fn walk<'d>(doc: &'d mut DocumentMut, path: &str) -> &'d mut Item {
    let mut table: &mut toml_edit::Table = doc.as_table_mut();
    let parts: Vec<&str> = path.split('.').collect();
    for (n, part) in parts.iter().enumerate() {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().unwrap())),
            None => (*part, None),
        };
        let last = n + 1 == parts.len();
        match index {
            Some(i) => {
                let list = table[key]
                    .as_array_of_tables_mut()
                    .expect("an array of tables");
                table = list.get_mut(i).expect("the element");
            }
            None if last => return &mut table[key],
            None => {
                table = table[key].as_table_mut().expect("a table");
            }
        }
    }
    panic!("{path} ends in an index");
}

/// The findings of the entry's plan (with its roster), and its source.
fn findings(e: &Entry) -> (String, Vec<Diag>) {
    let src = plan_of(e);
    let (file, roster) = base(&e.base);
    let loaded = load_str(file, &src).unwrap_or_else(|r| panic!("{}: {r:?}", e.text));
    let opts = CheckOptions {
        roster: roster.map(|r| root().join(r)),
        ..Default::default()
    };
    let outcome = check_loaded(loaded, &opts);
    let diags = outcome.reports.into_iter().flat_map(|r| r.diags).collect();
    (src, diags)
}

fn line_of(src: &str, at: usize) -> usize {
    src[..at].matches('\n').count() + 1
}

#[test]
fn every_true_sentence_checks_clean_with_warnings_denied() {
    let c = corpus();
    assert!(c.truths.len() >= 30, "{} true sentences", c.truths.len());
    let mut wrong = Vec::new();
    for e in &c.truths {
        let (_, diags) = findings(e);
        let raised: Vec<String> = diags
            .iter()
            .filter(|d| d.severity != Severity::Accepted)
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        if !raised.is_empty() {
            wrong.push(format!("{}（{}）: {raised:#?}", e.text, e.shape));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_mistake_is_caught_by_its_rule_on_its_line() {
    let c = corpus();
    for e in &c.mistakes {
        let (src, diags) = findings(e);
        let caret = |d: &Diag| {
            let span = d.span.clone().expect("a place");
            src[span].trim_matches('"').to_string()
        };
        let d = diags
            .iter()
            .find(|d| d.code == e.code && caret(d) == e.caret)
            .unwrap_or_else(|| {
                panic!(
                    "{} not caught by {} at {}: {diags:#?}",
                    e.text, e.code, e.caret
                )
            });
        let span = d.span.clone().expect("a place");
        // The line of the text written in, or of the field set for it.
        let needle = match e.set.keys().next() {
            Some(k) if src.contains(&e.caret) && !e.text.contains(&e.caret) => {
                format!("{} = ", k.rsplit('.').next().unwrap())
            }
            _ => e.text.clone(),
        };
        let want = src
            .lines()
            .position(|l| l.contains(&needle) && l.contains(&e.caret))
            .map(|i| i + 1);
        assert_eq!(Some(line_of(&src, span.start)), want, "{}", e.text);
    }
}
