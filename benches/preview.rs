//! Edit-to-preview latency of `gongwen serve` on the 峨边 plan, over loopback as the page
//! sees it: one amount moved to another project (the total unchanged, so the plan stays clean),
//! posted to /api/update with the hashes of the pages already shown; the answer carries the
//! findings, the form and the SVG of the pages that changed. Reports p50/p95 (goal: ≤ 100 ms
//! and ≤ 250 ms on 2 cores). Run: `cargo bench --bench preview`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Instant;

use serde_json::{Value, json};

fn post(port: u16, token: &str, body: &Value) -> Value {
    let body = body.to_string();
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    let head = format!(
        "POST /api/update HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Gongwen-Token: {token}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    // One write, as a browser sends a small request.
    s.write_all((head + &body).as_bytes()).expect("sends");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("answers");
    let at = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head")
        + 4;
    serde_json::from_slice(&raw[at..]).expect("JSON")
}

fn main() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for f in ["ebian-2023.toml", "ebian-roster.toml"] {
        std::fs::copy(format!("plans/{f}"), dir.path().join(f)).expect("copies");
    }
    let server =
        gongwen::serve::start(dir.path(), &gongwen::serve::Options::default()).expect("starts");
    let token = server.state.gate.token.clone();
    let source = std::fs::read_to_string("plans/ebian-2023.toml").expect("reads");
    let amount = |p: usize, v: &str| json!({ "op": "set", "path": ["plan", "categories", 0, "projects", p, "amount"], "value": { "kind": "money", "value": v } });
    let edits = [
        [amount(0, "1001"), amount(1, "949")],
        [amount(0, "1000"), amount(1, "950")],
    ];
    let started = Instant::now();
    let first = post(
        server.port,
        &token,
        &json!({ "path": "ebian-2023.toml", "source": source }),
    );
    let cold = started.elapsed();
    let mut known: Vec<Value> = first["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p["hash"].clone())
        .collect();
    let mut source = first["source"].as_str().expect("source").to_string();
    let (mut times, mut sent) = (Vec::new(), Vec::new());
    for i in 0..60 {
        let started = Instant::now();
        let r = post(
            server.port,
            &token,
            &json!({ "path": "ebian-2023.toml", "source": source, "edits": edits[i % 2], "known": known }),
        );
        let took = started.elapsed();
        assert_eq!(r["errors"], 0, "the edit keeps the plan clean");
        let pages = r["pages"].as_array().expect("pages");
        sent.push(pages.iter().filter(|p| !p["svg"].is_null()).count());
        known = pages.iter().map(|p| p["hash"].clone()).collect();
        source = r["source"].as_str().expect("source").to_string();
        if i >= 3 {
            times.push(took.as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "preview_ebian: cold {:.0} ms; warm over {} edits: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} of {} pages sent per edit (median)",
        cold.as_secs_f64() * 1000.0,
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0),
        {
            sent.sort();
            sent[sent.len() / 2]
        },
        known.len()
    );
    server.stop();
}
