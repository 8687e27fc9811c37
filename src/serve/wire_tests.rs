//! The contract between the page's scripts and the API's types: every endpoint the page calls
//! exists and every one the server routes is in the table; every key the page sends is one
//! its request has, and none it needs is missing; every key it reads from a reply is one the
//! reply has. The scripts are read as text: calls are `call("/api/…", {…})`, and a reply is
//! read from the name it is put in (`const r = await call(…)` … `r.key`).

use std::collections::BTreeSet;

use super::wire::ENDPOINTS;

const SCRIPTS: &[(&str, &str)] = &[
    ("app.js", include_str!("assets/app.js")),
    ("desk.js", include_str!("assets/desk.js")),
];

/// Every "/api/…" a text names in quotes (opened by one of `opens`, ended by one of `ends`);
/// "/api/" alone is a prefix, not an address.
fn api_paths<'t>(text: &'t str, opens: &[char], ends: &[char]) -> BTreeSet<&'t str> {
    text.match_indices("/api/")
        .filter(|(i, _)| text[..*i].ends_with(opens))
        .map(|(i, _)| {
            let s = &text[i..];
            &s[..s.find(ends).unwrap_or(s.len())]
        })
        .filter(|p| p.len() > "/api/".len())
        .collect()
}

/// The top-level property names of a schema, and those it requires.
fn props(schema: &schemars::Schema) -> (BTreeSet<String>, BTreeSet<String>) {
    let v = schema.as_value();
    let names = v["properties"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let required = v["required"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    (names, required)
}

/// One `call(` of a script: its endpoint, the keys of the object literal it sends (if it
/// sends one), and the name its reply is put in (if any).
struct Call {
    script: &'static str,
    at: usize,
    endpoint: String,
    sent: Option<Vec<String>>,
    reply_in: Option<String>,
}

fn calls() -> Vec<Call> {
    let mut out = Vec::new();
    for (script, text) in SCRIPTS {
        for (at, _) in text.match_indices("call(") {
            let rest = &text[at + 5..];
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '`')) else {
                continue; // the definition, `call(path, body, raw)`
            };
            let lit: String = rest[1..].chars().take_while(|c| *c != quote).collect();
            let endpoint = lit.split(['?', '$']).next().unwrap_or("").to_string();
            let after = &rest[1 + lit.len() + 1..];
            // A body written in place, on this line or the next: `call("/api/x", {…})`.
            let sent = after
                .strip_prefix(',')
                .map(str::trim_start)
                .and_then(|b| b.strip_prefix('{'))
                .map(top_level_keys);
            // `NAME = await call(` just before: the reply's name.
            let before = text[..at]
                .trim_end()
                .strip_suffix("await")
                .map(str::trim_end);
            let reply_in = before
                .and_then(|b| b.strip_suffix('='))
                .map(|b| {
                    b.trim_end()
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect()
                })
                .filter(|n: &String| !n.is_empty());
            out.push(Call {
                script,
                at,
                endpoint,
                sent,
                reply_in,
            });
        }
    }
    out
}

/// The keys of an object literal whose text starts just after its `{`: `{ path, base: b }`.
fn top_level_keys(obj: &str) -> Vec<String> {
    let mut depth = 0;
    let mut parts = vec![String::new()];
    for c in obj.chars() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' if depth == 0 => break,
            '}' | ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(p) = parts.last_mut() {
            p.push(c);
        }
    }
    parts
        .iter()
        .map(|p| p.split(':').next().unwrap_or("").trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// The keys read from `name` after `at` until `name` is given another value or its function
/// ends (a line that closes a top-level block).
fn reads(text: &str, at: usize, name: &str) -> BTreeSet<String> {
    let rest = &text[at..];
    let rest = &rest[rest.find('\n').unwrap_or(0)..];
    let end = [rest.find("\n}\n"), rest.find(&format!("{name} = await"))]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let body = &rest[..end];
    let dotted = format!("{name}.");
    body.match_indices(&dotted)
        .filter(|(i, _)| {
            // `r.x`, not `pr.x` or `.r.x`.
            !body[..*i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
        .map(|(i, _)| {
            body[i + dotted.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|k| !k.is_empty())
        .collect()
}

#[test]
fn every_call_of_the_page_is_an_endpoint_and_every_endpoint_is_routed() {
    let all = calls();
    assert!(
        all.len() >= 15,
        "the scripts' calls were not found: {}",
        all.len()
    );
    let known: BTreeSet<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
    for c in &all {
        assert!(
            known.contains(c.endpoint.as_str()),
            "{} calls {}, which the API does not have",
            c.script,
            c.endpoint
        );
    }
    // Every address a script names, called or not (the downloads' table, a page's fetch).
    for (script, text) in SCRIPTS {
        for path in api_paths(text, &['"', '`'], &['"', '`', '?', '$']) {
            assert!(
                known.contains(path),
                "{script} names {path}, which the API does not have"
            );
        }
    }
    // Every path the server routes is in the table, and every one in the table is routed
    // (the test-only route that panics aside).
    let routes = [
        include_str!("mod.rs"),
        include_str!("api.rs"),
        include_str!("update.rs"),
        include_str!("actions.rs"),
    ]
    .concat();
    let routed: BTreeSet<&str> = api_paths(&routes, &['"'], &['"'])
        .into_iter()
        .filter(|p| *p != "/api/test-panic")
        .collect();
    assert_eq!(routed, known, "routed paths and the API's table differ");
}

#[test]
fn the_page_sends_only_what_each_request_has_and_all_it_needs() {
    let mut checked = 0;
    for c in calls() {
        let Some(sent) = &c.sent else { continue };
        let e = ENDPOINTS.iter().find(|e| e.path == c.endpoint).unwrap();
        let request = e.request.unwrap_or_else(|| {
            panic!(
                "{} sends a body to {}, which takes none",
                c.script, c.endpoint
            )
        });
        let (names, required) = props(&request());
        for k in sent {
            assert!(
                names.contains(k),
                "{} sends “{k}” to {}, whose request has {names:?}",
                c.script,
                c.endpoint
            );
        }
        for k in &required {
            assert!(
                sent.contains(k),
                "{} calls {} without “{k}”, which it needs",
                c.script,
                c.endpoint
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} request bodies were read");
}

#[test]
fn the_page_reads_only_what_each_reply_has() {
    let mut checked = 0;
    for c in calls() {
        let Some(name) = &c.reply_in else { continue };
        let e = ENDPOINTS.iter().find(|e| e.path == c.endpoint).unwrap();
        let Some(reply) = e.reply else { continue }; // a download: blob and name
        let (names, _) = props(&reply());
        let text = SCRIPTS.iter().find(|(s, _)| *s == c.script).unwrap().1;
        for k in reads(text, c.at, name) {
            assert!(
                names.contains(&k),
                "{} reads “{name}.{k}” from {}, whose reply has {names:?}",
                c.script,
                c.endpoint
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} reads of replies were found");
}

/// The reader of the scripts finds what it should: a renamed key is caught.
#[test]
fn the_contract_reader_sees_keys_sent_and_read() {
    let text = "async function f() {\n  const r = await call(\"/api/save\", { path: doc.path, source, base: b(1, 2) });\n  toast(r.saved ? r.hash : pr.x);\n}\n";
    let at = text.find("call(").unwrap();
    assert_eq!(
        top_level_keys(&text[at + "call(\"/api/save\", {".len()..]),
        ["path", "source", "base"]
    );
    assert_eq!(
        reads(text, at, "r"),
        BTreeSet::from(["saved".to_string(), "hash".to_string()])
    );
}
