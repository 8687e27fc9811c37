//! `gongwen serve`: the clerk's desk, a local web page over the same library as the CLI.
//!
//! The server listens on loopback only, admits a request only through [`gate::Gate`] (its own
//! Host and Origin, the per-launch token) and names files only through [`gate::Folder`]. Each
//! request runs inside `catch_unwind`: whatever a plan contains, a panic answers that request
//! with an error and the server goes on.

mod actions;
mod api;
mod assets;
mod conn;
pub mod gate;
mod http;
#[cfg(test)]
mod keeping_tests;
#[cfg(test)]
mod siege_tests;
#[cfg(test)]
mod tests;
mod update;
mod wire;
#[cfg(test)]
mod wire_tests;
mod words;

use std::net::{TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use crate::archive::store::Archive;
use crate::fonts::FontSet;
use crate::render::preview::Preview;
use crate::render::templates::Templates;
use gate::{Folder, Gate};
use http::Reply;

/// Requests served at once (their heads read); past it a request is told to try again.
pub(crate) const MAX_CONNECTIONS: usize = 16;
/// Connections still sending their head. Past it the oldest is dropped: a browser sends its
/// head at once, so only a client trickling bytes (slowloris) is ever the oldest, and no
/// number of them can keep the clerk's page from its turn.
pub(crate) const MAX_HEADS: usize = 32;

#[derive(Default)]
pub struct Options {
    /// 0: a free port.
    pub port: u16,
    /// The faces plans may name (the bundled ones and `--font-dir`'s).
    pub fonts: FontSet,
}

/// What every request may use.
pub struct State {
    pub folder: Folder,
    pub gate: Gate,
    pub archive: Archive,
    pub templates: Templates,
    pub fonts: FontSet,
    preview: Mutex<Preview>,
    /// Held while a version is issued.
    issuing: Mutex<()>,
    /// Held from reading a plan's file to writing it: one save per base hash succeeds.
    saving: Mutex<()>,
}

impl State {
    /// How the page renders: the embedded templates, plain PDF (as the CLI's default).
    fn render_options(&self) -> crate::render::RenderOptions {
        crate::render::RenderOptions {
            templates: self.templates.clone(),
            pdf_a: false,
        }
    }

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
    stopping: Arc<AtomicBool>,
    accepting: JoinHandle<()>,
}

impl Server {
    /// Blocks until the server stops.
    pub fn wait(self) {
        let _ = self.accepting.join();
    }

    /// Stops accepting (tests, benches).
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        self.wait();
    }
}

/// Starts serving `dir` on 127.0.0.1.
pub fn start(dir: &Path, opts: &Options) -> Result<Server, String> {
    let folder = Folder::new(dir)?;
    let listener = TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| {
        format!(
            "无法在 127.0.0.1:{} 上启动服务：{}",
            opts.port,
            crate::files::reason(&e)
        )
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| crate::files::reason(&e))?
        .port();
    let token = gate::new_token()?;
    let url = format!("http://127.0.0.1:{port}/?t={token}");
    let templates = Templates::embedded();
    let state = Arc::new(State {
        archive: Archive::new(folder.root.join("archive")),
        folder,
        gate: Gate::new(port, token),
        preview: Mutex::new(Preview::new(templates.clone())),
        issuing: Mutex::new(()),
        saving: Mutex::new(()),
        templates,
        fonts: opts.fonts.clone(),
    });
    let stopping = Arc::new(AtomicBool::new(false));
    let accepting = {
        let (state, stopping) = (state.clone(), stopping.clone());
        std::thread::spawn(move || accept(listener, &state, &stopping))
    };
    Ok(Server {
        url,
        port,
        state,
        stopping,
        accepting,
    })
}

/// Connections still sending their head, oldest first, with when they came.
type Heads = Mutex<std::collections::VecDeque<(u64, TcpStream, std::time::Instant)>>;

/// Time a connection has to send its head before a newcomer may take its place.
const HEAD_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

fn accept(listener: TcpListener, state: &Arc<State>, stopping: &AtomicBool) {
    let heads: Arc<Heads> = Arc::default();
    let open = Arc::new(AtomicUsize::new(0));
    for (id, stream) in listener.incoming().enumerate() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        {
            let mut h = heads.lock().unwrap_or_else(PoisonError::into_inner);
            if h.len() >= MAX_HEADS {
                // The oldest is dropped if it has had time to send its head; in a burst of
                // fresh connections, the newcomer waits instead.
                match h.front() {
                    Some((_, _, since)) if since.elapsed() >= HEAD_GRACE => {
                        if let Some((_, oldest, _)) = h.pop_front() {
                            let _ = oldest.shutdown(std::net::Shutdown::Both);
                        }
                    }
                    _ => {
                        drop(h);
                        conn::refuse(stream, Reply::error(503, "gongwen 正忙，请稍后再试"));
                        continue;
                    }
                }
            }
            if let Ok(c) = stream.try_clone() {
                h.push_back((id as u64, c, std::time::Instant::now()));
            }
        }
        let (state, heads, open) = (state.clone(), heads.clone(), open.clone());
        std::thread::spawn(move || serve_one(&state, stream, id as u64, &heads, &open));
    }
}

fn serve_one(state: &State, stream: TcpStream, id: u64, heads: &Heads, open: &AtomicUsize) {
    let head = conn::read_head(stream);
    heads
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|(i, _, _)| *i != id);
    let mut request = match head {
        Ok(r) => r,
        Err((conn::Broken::Reply(reply), Some(stream))) => return conn::refuse(stream, reply),
        Err(_) => return,
    };
    if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        open.fetch_sub(1, Ordering::SeqCst);
        // Some of the request is read before it is refused: a connection closed on an unread
        // body is reset, and the page would see no answer at all instead of "busy".
        request.drain();
        return request.respond(Reply::error(503, "gongwen 正忙，请稍后再试"), &[]);
    }
    serve_request(state, request);
    open.fetch_sub(1, Ordering::SeqCst);
}

fn serve_request(state: &State, mut request: conn::Request) {
    let reply = catch_unwind(AssertUnwindSafe(|| handle(state, &mut request))).unwrap_or_else(|_| {
        Reply::error(
            500,
            "处理这个请求时出了内部错误，这一步没有完成（文件没有改动）；页面仍可继续使用。请把操作步骤告诉维护人员",
        )
    });
    let cache = if reply.headers.iter().any(|(k, _)| *k == "Cache-Control") {
        String::new()
    } else {
        "no-store".into()
    };
    let headers = [
        ("Cache-Control", cache),
        ("X-Content-Type-Options", "nosniff".into()),
        ("X-Frame-Options", "DENY".into()),
        ("Referrer-Policy", "no-referrer".into()),
        (
            "Content-Security-Policy",
            // CodeMirror sets its styles from script; nothing else is inline or from elsewhere.
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src blob:; frame-ancestors 'none'".into(),
        ),
    ];
    request.respond(reply, &headers);
}

fn handle(state: &State, request: &mut conn::Request) -> Reply {
    let url = request.url.clone();
    let query = http::query(&url);
    let path = http::path(&url).to_string();
    if let Some(why) = state.gate.refuses(
        |name| request.header(name),
        query.get("t").map(String::as_str),
    ) {
        // A person at the address bar gets a sentence, a script the JSON.
        if path.starts_with("/api/") {
            return Reply::error(403, why);
        }
        let page = format!(
            "<!doctype html><meta charset=\"utf-8\"><title>gongwen</title><p style=\"font:16px sans-serif;margin:2em\">{why}。</p>"
        );
        return Reply::with(403, "text/html; charset=utf-8", page.into_bytes());
    }
    #[cfg(test)]
    if path == "/api/test-panic" {
        panic!("a request that panics");
    }
    let method = request.method.clone();
    match (method.as_str(), path.as_str()) {
        // The address printed with the token: set the cookie, and drop the token from the bar.
        ("GET", "/") if query.contains_key("t") => {
            let mut r = Reply::with(303, "text/plain; charset=utf-8", Vec::new());
            r.headers.push(("Location", "/".into()));
            r.headers.push((
                "Set-Cookie",
                format!(
                    "{}={}; HttpOnly; SameSite=Strict; Path=/",
                    state.gate.cookie, state.gate.token
                ),
            ));
            r
        }
        ("GET", p) if !p.starts_with("/api/") => assets::get(p),
        (m, p) => api::route(state, m, p, &query, request),
    }
}
