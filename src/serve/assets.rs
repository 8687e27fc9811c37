//! The page's files, inside the binary: no CDN, no network, no Node.js to build gongwen.
//! `editor.js` is CodeMirror bundled by esbuild from web/ (see web/package.json).

use super::http::Reply;

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("assets/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/app.css"),
    ),
    (
        "/editor.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/editor.js"),
    ),
];

pub fn get(path: &str) -> Reply {
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, kind, bytes)) => Reply::with(200, kind, bytes.to_vec()),
        None => Reply::error(404, "没有这个页面"),
    }
}
