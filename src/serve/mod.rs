//! `gongwen serve`: the clerk's desk, a local web page over the same library as the CLI.
//!
//! The server listens on loopback only, admits a request only through [`gate::Gate`] (its own
//! Host and Origin, the per-launch token) and names files only through [`gate::Folder`]. Each
//! request runs inside `catch_unwind`: whatever a plan contains, a panic answers that request
//! with an error and the server goes on.

mod actions;
mod api;
mod assets;
pub mod gate;
mod http;
#[cfg(test)]
mod tests;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use crate::archive::store::Archive;
use crate::fonts::FontSet;
use crate::render::preview::Preview;
use crate::render::templates::Templates;
use gate::{Folder, Gate};
use http::Reply;

/// Requests handled at once: a render holds one, the page asks for little else meanwhile.
const WORKERS: usize = 4;

pub struct Options {
    /// 0: a free port.
    pub port: u16,
}

/// What every request may use.
pub struct State {
    pub folder: Folder,
    pub gate: Gate,
    pub archive: Archive,
    pub templates: Templates,
    pub fonts: FontSet,
    preview: Mutex<Preview>,
}

impl State {
    /// The warm preview; one left half-updated by a panic is replaced by a fresh one.
    fn preview(&self) -> std::sync::MutexGuard<'_, Preview> {
        self.preview
            .lock()
            .unwrap_or_else(|poisoned: PoisonError<_>| {
                let mut guard = poisoned.into_inner();
                *guard = Preview::new(self.templates.clone());
                guard
            })
    }
}

/// A running server.
pub struct Server {
    /// The address to open, with the token: "http://127.0.0.1:PORT/?t=…".
    pub url: String,
    pub port: u16,
    pub state: Arc<State>,
    http: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
}

impl Server {
    /// Blocks until the server stops.
    pub fn wait(self) {
        for w in self.workers {
            let _ = w.join();
        }
    }

    /// Stops the workers (tests).
    pub fn stop(self) {
        for _ in 0..self.workers.len() {
            self.http.unblock();
        }
        self.wait();
    }
}

/// Starts serving `dir` on 127.0.0.1.
pub fn start(dir: &Path, opts: &Options) -> Result<Server, String> {
    let folder = Folder::new(dir)?;
    let http = tiny_http::Server::http(("127.0.0.1", opts.port))
        .map_err(|e| format!("无法在 127.0.0.1:{} 上启动服务：{e}", opts.port))?;
    let port = http
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("服务没有得到端口")?;
    let token = gate::new_token()?;
    let url = format!("http://127.0.0.1:{port}/?t={token}");
    let templates = Templates::embedded();
    let state = Arc::new(State {
        archive: Archive::new(folder.root.join("archive")),
        folder,
        gate: Gate::new(port, token),
        preview: Mutex::new(Preview::new(templates.clone())),
        templates,
        fonts: FontSet::default(),
    });
    let http = Arc::new(http);
    let workers = (0..WORKERS)
        .map(|_| {
            let (http, state) = (http.clone(), state.clone());
            std::thread::spawn(move || {
                while let Ok(request) = http.recv() {
                    serve_one(&state, request);
                }
            })
        })
        .collect();
    Ok(Server {
        url,
        port,
        state,
        http,
        workers,
    })
}

fn serve_one(state: &State, mut request: tiny_http::Request) {
    let reply = catch_unwind(AssertUnwindSafe(|| handle(state, &mut request))).unwrap_or_else(|_| {
        Reply::error(
            500,
            "处理这个请求时出了内部错误，这一步没有完成（文件没有改动）；页面仍可继续使用。请把操作步骤告诉维护人员",
        )
    });
    // The length is known: sent as Content-Length, never chunked.
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    let cache = reply.headers.iter().any(|(k, _)| *k == "Cache-Control");
    let headers = [
        ("Content-Type", reply.kind.to_string()),
        ("Cache-Control", if cache { String::new() } else { "no-store".into() }),
        ("X-Content-Type-Options", "nosniff".into()),
        ("X-Frame-Options", "DENY".into()),
        ("Referrer-Policy", "no-referrer".into()),
        (
            "Content-Security-Policy",
            // CodeMirror sets its styles from script; nothing else is inline or from elsewhere.
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'".into(),
        ),
    ];
    for (k, v) in headers.into_iter().chain(reply.headers) {
        if v.is_empty() {
            continue;
        }
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

fn handle(state: &State, request: &mut tiny_http::Request) -> Reply {
    let url = request.url().to_string();
    let query = http::query(&url);
    let path = http::path(&url).to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_string(),
            )
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(why) = state
        .gate
        .refuses(header, query.get("t").map(String::as_str))
    {
        return Reply::error(403, why);
    }
    let method = request.method().clone();
    #[cfg(test)]
    if path == "/api/test-panic" {
        panic!("a request that panics");
    }
    match (method, path.as_str()) {
        // The address printed with the token: set the cookie, and drop the token from the bar.
        (tiny_http::Method::Get, "/") if query.contains_key("t") => {
            let mut r = Reply::with(303, "text/plain; charset=utf-8", Vec::new());
            r.headers.push(("Location", "/".into()));
            r.headers.push((
                "Set-Cookie",
                format!(
                    "{}={}; HttpOnly; SameSite=Strict; Path=/",
                    gate::COOKIE,
                    state.gate.token
                ),
            ));
            r
        }
        (tiny_http::Method::Get, p) if !p.starts_with("/api/") => assets::get(p),
        (m, p) => api::route(state, &m, p, &query, request.as_reader()),
    }
}
