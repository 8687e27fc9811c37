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
        "/desk.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/desk.js"),
    ),
    (
        "/shapes.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/shapes.js"),
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
    // The clerk's guide, for 「帮助」 (the page shows its text; the screenshots stay in docs/).
    (
        "/guide.md",
        "text/markdown; charset=utf-8",
        include_bytes!("../../docs/使用说明.md"),
    ),
];

/// The page's own face for Chinese, for a machine without one (the bundled 黑体: already
/// in the binary for the documents). A browser fetches it only if the system's faces lack a
/// character (app.css names them first).
const UI_FONT: &str = "NotoSansSC_400Regular.ttf";

pub fn get(path: &str) -> Reply {
    if path == "/ui-font.ttf" {
        let bytes = crate::fonts::FILES
            .iter()
            .find(|(n, _)| *n == UI_FONT)
            .map(|(_, b)| *b);
        let mut r = Reply::with(200, "font/ttf", bytes.unwrap_or_default().to_vec());
        r.headers
            .push(("Cache-Control", "private, max-age=86400".into()));
        return r;
    }
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, kind, bytes)) => Reply::with(200, kind, bytes.to_vec()),
        None => Reply::error(404, "没有这个页面"),
    }
}
