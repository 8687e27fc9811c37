//! The server under siege (issue 25): clients trickling their heads, saves racing on one
//! base, a plan of thousands of pages previewed.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;

use super::tests::{Client, ask, served};

/// 40 clients each sending a byte every second (slowloris) keep no request with the token
/// from its answer.
#[test]
fn trickling_clients_hold_no_slot_from_the_clerks_page() {
    let (_dir, server) = served();
    let port = server.port;
    let host = format!("127.0.0.1:{port}");
    let token = server.state.gate.token.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let siege: Vec<_> = (0..40)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
                    return;
                };
                for b in b"GET /api/plans HTTP/1.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
                    if stop.load(std::sync::atomic::Ordering::SeqCst) || s.write_all(&[*b]).is_err()
                    {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(1000));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    for _ in 0..3 {
        let started = Instant::now();
        let ok = ask(
            port,
            "GET",
            "/api/plans",
            &[("Host", &host), ("X-Gongwen-Token", &token)],
            b"",
        );
        assert_eq!(ok.status, 200, "{}", ok.head);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        std::thread::sleep(Duration::from_millis(700));
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for t in siege {
        let _ = t.join();
    }
    // A head still trickling at the deadline is cut off.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let started = Instant::now();
    let _ = s.write_all(b"GET / HTTP/1.1\r\n");
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    assert!(started.elapsed() <= super::conn::HEAD_DEADLINE + Duration::from_secs(2));
    server.stop();
}

/// 40 saves at once, all on the same base: exactly one is saved; every other one is told of
/// the conflict (or, past the server's 16 slots, to try again) — never that it was saved.
/// A refusal reads a little of the body, so its answer arrives, and no more: a client that
/// claims 30 MB (under the body limit) and sends a trickle holds its thread about a second.
#[test]
fn a_refusal_reads_little_of_a_body_and_briefly() {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let client = std::thread::spawn(move || {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let head = "POST /api/save HTTP/1.1\r\nContent-Length: 30000000\r\n\r\n";
        s.write_all(head.as_bytes()).unwrap();
        // A trickle: a byte every 100 ms, for longer than a refusal waits.
        for _ in 0..30 {
            if s.write_all(b"x").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let (stream, _) = listener.accept().unwrap();
    let mut request = super::conn::read_head(stream).map_err(|_| ()).unwrap();
    let started = Instant::now();
    request.drain();
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1500), "{took:?}");
    client.join().unwrap();
}

#[test]
fn saves_racing_on_one_base_save_once() {
    let (_dir, server) = served();
    let c = Client::new(&server);
    let opened = c.get("/api/open?path=ebian-2023.toml").json();
    let (source, base) = (
        opened["source"].as_str().unwrap(),
        opened["hash"].as_str().unwrap(),
    );
    let answers: Vec<(u16, bool)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..40)
            .map(|i| {
                let c = &c;
                let text = source.replace(
                    "program = \"东西部协作\"",
                    &format!("program = \"东西部协作{i}\""),
                );
                s.spawn(move || {
                    let a = c.post(
                        "/api/save",
                        &json!({ "path": "ebian-2023.toml", "source": text, "base": base }),
                    );
                    (a.status, a.json()["saved"] == json!(true))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let saved = answers.iter().filter(|(s, ok)| *s == 200 && *ok).count();
    let told = answers
        .iter()
        .filter(|(s, _)| *s == 409 || *s == 503)
        .count();
    assert_eq!((saved, told), (1, 39), "{answers:?}");
    server.stop();
}

/// The first preview of a plan of 2,000 projects: a bounded reply, the rest fetched by page.
#[test]
fn a_preview_of_hundreds_of_pages_is_bounded_and_fetched_by_page() {
    let (dir, server) = served();
    std::fs::write(
        dir.path().join("big.toml"),
        gongwen_testing::synth::plan_with_projects(2000),
    )
    .unwrap();
    let c = Client::new(&server);
    let opened = c.get("/api/open?path=big.toml").json();
    let r = c.post(
        "/api/update",
        &json!({ "path": "big.toml", "source": opened["source"], "edits": [], "known": [] }),
    );
    assert_eq!(r.status, 200);
    assert!(r.body.len() < 3 * 1024 * 1024, "{} bytes", r.body.len());
    let pages = r.json()["pages"].as_array().unwrap().clone();
    assert!(pages.len() > 100, "{} pages", pages.len());
    let later: Vec<&str> = pages
        .iter()
        .filter(|p| p["later"] == json!(true))
        .map(|p| p["hash"].as_str().unwrap())
        .collect();
    assert!(!later.is_empty());
    let one = c.get(&format!("/api/page?hash={}", later[later.len() / 2]));
    assert_eq!(one.status, 200);
    assert!(
        one.body.starts_with(b"<svg"),
        "{}",
        String::from_utf8_lossy(&one.body[..40])
    );
    server.stop();
}
