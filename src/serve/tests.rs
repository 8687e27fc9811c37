//! The server end to end over loopback: admission, confinement, edits, save conflicts,
//! actions, and a panic that leaves the server up.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

use serde_json::{Value, json};

use super::{Options, Server, start};

pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) head: String,
    pub(super) body: Vec<u8>,
}

impl Answer {
    pub(super) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

pub(super) fn ask(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    // A server that is full answers 503 at once and closes without reading the body: the
    // rest of the request then meets a closed socket, and the answer is what was sent.
    let sent = s.write_all(req.as_bytes()).and_then(|()| s.write_all(body));
    let mut raw = Vec::new();
    let read = s.read_to_end(&mut raw);
    if raw.is_empty() {
        panic!("no answer: {sent:?} {read:?}");
    }
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head[9..12].parse().unwrap();
    Answer {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// A folder with the 峨边 plan and its roster, served.
pub(super) fn served() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    for f in ["ebian-2023.toml", "ebian-roster.toml"] {
        std::fs::copy(Path::new("plans").join(f), dir.path().join(f)).unwrap();
    }
    let server = start(dir.path(), &Options::default()).unwrap();
    (dir, server)
}

pub(super) struct Client<'a> {
    server: &'a Server,
    host: String,
}

impl<'a> Client<'a> {
    pub(super) fn new(server: &'a Server) -> Self {
        Self {
            server,
            host: format!("127.0.0.1:{}", server.port),
        }
    }

    pub(super) fn get(&self, path: &str) -> Answer {
        let token = &self.server.state.gate.token;
        ask(
            self.server.port,
            "GET",
            path,
            &[("Host", &self.host), ("X-Gongwen-Token", token)],
            b"",
        )
    }

    pub(super) fn post(&self, path: &str, body: &Value) -> Answer {
        let token = &self.server.state.gate.token;
        let origin = format!("http://{}", self.host);
        let headers = [
            ("Host", self.host.as_str()),
            ("X-Gongwen-Token", token.as_str()),
            ("Origin", origin.as_str()),
        ];
        ask(
            self.server.port,
            "POST",
            path,
            &headers,
            body.to_string().as_bytes(),
        )
    }
}

#[test]
fn strangers_are_refused_and_the_token_opens_the_page() {
    let (_dir, server) = served();
    let port = server.port;
    let host = format!("127.0.0.1:{port}");
    let token = server.state.gate.token.clone();
    // No token; another host name (DNS rebinding); a cross-site post with the token.
    assert_eq!(
        ask(port, "GET", "/api/plans", &[("Host", &host)], b"").status,
        403
    );
    assert_eq!(
        ask(
            port,
            "GET",
            "/api/plans",
            &[
                ("Host", &format!("evil.example:{port}")),
                ("X-Gongwen-Token", &token)
            ],
            b""
        )
        .status,
        403
    );
    let cross = ask(
        port,
        "POST",
        "/api/save",
        &[
            ("Host", &host),
            ("Origin", "http://evil.example"),
            ("Cookie", &format!("gongwen_token_{port}={token}")),
        ],
        b"{}",
    );
    assert_eq!(cross.status, 403);
    // The printed address sets the cookie and drops the token from the address bar.
    let open = ask(
        port,
        "GET",
        &format!("/?t={token}"),
        &[("Host", &host)],
        b"",
    );
    assert_eq!(open.status, 303, "{}", open.head);
    assert!(open.head.contains(&format!(
        "gongwen_token_{port}={token}; HttpOnly; SameSite=Strict"
    )));
    let page = ask(
        port,
        "GET",
        "/",
        &[
            ("Host", &host),
            ("Cookie", &format!("gongwen_token_{port}={token}")),
        ],
        b"",
    );
    assert_eq!(page.status, 200);
    assert!(page.head.contains("Content-Security-Policy"));
    server.stop();
}

#[test]
fn files_outside_the_folder_are_never_read_or_written() {
    let (dir, server) = served();
    let c = Client::new(&server);
    for bad in [
        "../x.toml",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "..%2F..%2Fetc%2Fhosts.toml",
    ] {
        let a = c.get(&format!("/api/open?path={bad}"));
        assert!(matches!(a.status, 400 | 403), "{bad}: {}", a.status);
    }
    let outside = dir
        .path()
        .parent()
        .unwrap()
        .join("gongwen-serve-outside.toml");
    let a = c.post(
        "/api/save",
        &json!({ "path": "../gongwen-serve-outside.toml", "source": "x", "base": null }),
    );
    assert_eq!(a.status, 403);
    assert!(!outside.exists());
    assert_eq!(c.get("/api/archive/file?path=ebian-2023.toml").status, 403);
    // Nothing is written into an archive, this folder's or one lower down.
    let archived = dir.path().join("sub/archive/文号/v1");
    std::fs::create_dir_all(&archived).unwrap();
    std::fs::write(archived.join("manifest.json"), "{}").unwrap();
    std::fs::write(archived.join("plan.toml"), "x").unwrap();
    let a = c.post("/api/save", &json!({ "path": "sub/archive/文号/v1/plan.toml", "source": "y", "base": crate::archive::manifest::sha256_hex(b"x") }));
    assert_eq!(a.status, 403);
    let a = c.post(
        "/api/new",
        &json!({ "from": "sub/archive/文号/v1/plan.toml", "year": 2024 }),
    );
    assert!(matches!(a.status, 403 | 422), "{}", a.status);
    assert_eq!(std::fs::read_dir(&archived).unwrap().count(), 2);
    server.stop();
}

#[test]
fn an_edit_in_the_form_is_checked_previewed_and_saved_in_place() {
    let (dir, server) = served();
    let c = Client::new(&server);
    let list = c.get("/api/plans").json();
    assert_eq!(
        list["plans"].as_array().unwrap().len(),
        1,
        "the roster is not a plan: {list}"
    );
    assert_eq!(list["plans"][0]["errors"], 0);
    let opened = c.get("/api/open?path=ebian-2023.toml").json();
    let source = opened["source"].as_str().unwrap().to_string();
    let first = c
        .post(
            "/api/update",
            &json!({ "path": "ebian-2023.toml", "source": source }),
        )
        .json();
    assert_eq!(first["errors"], 0, "{}", first["findings"]);
    let pages = first["pages"].as_array().unwrap();
    // Every page comes as SVG, or (past the reply's budget) marked to be fetched later.
    assert!(pages.len() >= 5);
    assert!(pages[0]["svg"].as_str().unwrap().starts_with("<svg"));
    assert!(
        pages
            .iter()
            .all(|p| p["later"] == json!(true) || p["svg"].as_str().unwrap().starts_with("<svg"))
    );
    assert_eq!(first["form"]["total"], "3900");
    assert_eq!(first["form"]["groups"][0]["subtotal"], "1950");
    // The first project's amount from 1000 to 1001: 3901 against 3900 declared.
    let path = json!(["plan", "categories", 0, "projects", 0, "amount"]);
    let edit = json!({ "op": "set", "path": path, "value": { "kind": "money", "value": "1001" } });
    let known: Vec<&Value> = pages.iter().map(|p| &p["hash"]).collect();
    let wrong = c.post("/api/update", &json!({ "path": "ebian-2023.toml", "source": source, "edits": [edit], "known": known })).json();
    let new_source = wrong["source"].as_str().unwrap();
    assert_eq!(
        new_source,
        source.replacen("amount = 1000\n", "amount = 1001\n", 1)
    );
    assert!(wrong["errors"].as_u64().unwrap() >= 1);
    assert!(
        wrong["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "sum-funding")
    );
    assert!(
        wrong["pages"].is_null(),
        "no preview while the plan has errors"
    );
    // A page the browser already shows is not sent again.
    let again = c
        .post(
            "/api/update",
            &json!({ "path": "ebian-2023.toml", "source": source, "known": known }),
        )
        .json();
    assert!(
        again["pages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["svg"].is_null())
    );
    // Save: with the opened hash it writes; a stale hash gets the file back, not overwritten.
    let hash = opened["hash"].as_str().unwrap();
    let saved = c.post(
        "/api/save",
        &json!({ "path": "ebian-2023.toml", "source": new_source, "base": hash }),
    );
    assert_eq!(saved.status, 200);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ebian-2023.toml")).unwrap(),
        new_source
    );
    let stale = c.post(
        "/api/save",
        &json!({ "path": "ebian-2023.toml", "source": source, "base": hash }),
    );
    assert_eq!(stale.status, 409);
    assert_eq!(stale.json()["disk"], new_source);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ebian-2023.toml")).unwrap(),
        new_source
    );
    server.stop();
}

#[test]
fn a_panic_answers_its_request_and_the_server_goes_on() {
    let (_dir, server) = served();
    let c = Client::new(&server);
    for _ in 0..5 {
        let a = c.get("/api/test-panic");
        assert_eq!(a.status, 500);
        assert!(a.json()["error"].as_str().unwrap().contains("内部错误"));
    }
    assert_eq!(c.get("/api/plans").status, 200);
    server.stop();
}

#[test]
fn a_claimed_length_costs_nothing_and_silent_clients_block_no_one() {
    let (_dir, server) = served();
    let port = server.port;
    let host = format!("127.0.0.1:{port}");
    let token = server.state.gate.token.clone();
    // A stranger claiming a body of 90 TB: refused at once, nothing read or allocated.
    let head = |extra: &str| {
        format!(
            "POST /api/update HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Length: 99999999999999\r\nConnection: close\r\n\r\n"
        )
    };
    for extra in [String::new(), format!("X-Gongwen-Token: {token}\r\n")] {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(head(&extra).as_bytes()).unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 403") || answer.starts_with("HTTP/1.1 413"),
            "{answer}"
        );
    }
    // Connections that say nothing hold no one else up, however many there are.
    let silent: Vec<TcpStream> = (0..super::MAX_HEADS + 8)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    // Silent for longer than a head takes to send: theirs are the places given up.
    std::thread::sleep(std::time::Duration::from_millis(700));
    let ok = ask(
        port,
        "GET",
        "/api/plans",
        &[("Host", &host), ("X-Gongwen-Token", &token)],
        b"",
    );
    assert_eq!(ok.status, 200);
    drop(silent);
    // A head without end is cut off.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let long = format!(
        "GET /api/plans HTTP/1.1\r\nHost: {host}\r\nX-Long: {}\r\n\r\n",
        "a".repeat(70_000)
    );
    let _ = s.write_all(long.as_bytes());
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "{}",
        &answer[..answer.len().min(80)]
    );
    server.stop();
}
