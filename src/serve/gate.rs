//! Who may ask, and which files they may name.
//!
//! The page is served on loopback, but any site open in the same browser can make it send
//! requests there, and a rebinding DNS name can make the browser treat the server as that
//! site. So every request must name the server itself as Host, any Origin must be the server's
//! own, and every request carries the per-launch token (the cookie set by the page the server
//! opened, or a header). Files are named relative to the served folder and resolved inside it,
//! links included.

use std::path::{Path, PathBuf};

/// The server's own addresses and its token.
pub struct Gate {
    /// "127.0.0.1:PORT" and "localhost:PORT".
    hosts: [String; 2],
    pub token: String,
    /// The cookie's name, with the port: cookies are shared by every port of a host, and two
    /// servers at once must not overwrite each other's.
    pub cookie: String,
}
/// The header tools (and the tests) may send instead of the cookie.
pub(crate) const TOKEN_HEADER: &str = "x-gongwen-token";

impl Gate {
    pub fn new(port: u16, token: String) -> Self {
        Self {
            hosts: [format!("127.0.0.1:{port}"), format!("localhost:{port}")],
            token,
            cookie: format!("gongwen_token_{port}"),
        }
    }

    /// Why a request is refused, if it is. `header` looks a request header up by lower-case name.
    pub fn refuses<'a>(
        &self,
        header: impl Fn(&str) -> Option<&'a str>,
        query_token: Option<&str>,
    ) -> Option<&'static str> {
        let host_ok = header("host").is_some_and(|h| self.hosts.iter().any(|o| o == h));
        if !host_ok {
            return Some("请求的主机名不是本机的 gongwen：拒绝（防止其他网站借用本机服务）");
        }
        // A page of another port of this host is "same-site": its requests carry the cookie.
        // Browsers say where a request comes from; only the page itself may ask.
        if header("sec-fetch-site").is_some_and(|s| s != "same-origin" && s != "none") {
            return Some("请求来自其他网页：拒绝");
        }
        if let Some(origin) = header("origin") {
            let own = self
                .hosts
                .iter()
                .any(|h| origin.strip_prefix("http://") == Some(h.as_str()));
            if !own {
                return Some("请求来自其他网站：拒绝");
            }
        }
        let cookie = header("cookie").and_then(|c| {
            c.split(';')
                .filter_map(|kv| kv.trim().split_once('='))
                .find(|(k, _)| *k == self.cookie)
                .map(|(_, v)| v)
        });
        let given = [header(TOKEN_HEADER), cookie, query_token];
        if !given.into_iter().flatten().any(|t| same(t, &self.token)) {
            return Some("缺少本次启动的口令：请用 gongwen serve 打印的地址打开页面");
        }
        None
    }
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A fresh token: 128 random bits, in hex.
pub(crate) fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("无法生成口令：{e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The served folder.
#[derive(Clone, Debug)]
pub struct Folder {
    /// Canonical.
    pub root: PathBuf,
}

impl Folder {
    pub fn new(dir: &Path) -> Result<Self, String> {
        let root = dir
            .canonicalize()
            .map_err(|e| crate::files::Error::new(dir, crate::files::Why::Read(e)).to_string())?;
        if !root.is_dir() {
            return Err(format!("{}：不是文件夹", dir.display()));
        }
        Ok(Self { root })
    }

    /// The file `rel` names inside the folder ("plans/2024.toml"): relative, no "..", and inside
    /// once links are resolved. A file that does not exist yet must have its folder inside.
    pub(crate) fn resolve(&self, rel: &str) -> Result<PathBuf, String> {
        crate::files::confine(&self.root, rel)
            .map_err(|_| format!("“{rel}”不在 gongwen serve 打开的文件夹里，不读也不写"))
    }

    /// A path inside the folder as the page names it ("plans/2024.toml", '/' separated).
    pub(crate) fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }

    #[test]
    fn only_the_servers_own_host_origin_and_token_pass() {
        let gate = Gate::new(8123, "abc".into());
        let ok = [("host", "127.0.0.1:8123"), ("x-gongwen-token", "abc")];
        assert_eq!(gate.refuses(headers(&ok), None), None);
        let cookie = [
            ("host", "localhost:8123"),
            ("cookie", "a=b; gongwen_token_8123=abc"),
        ];
        assert_eq!(gate.refuses(headers(&cookie), None), None);
        let other_port = [
            ("host", "localhost:8123"),
            ("cookie", "gongwen_token_9000=abc"),
        ];
        assert!(gate.refuses(headers(&other_port), None).is_some());
        let same = [
            ("host", "127.0.0.1:8123"),
            ("sec-fetch-site", "same-origin"),
            ("x-gongwen-token", "abc"),
        ];
        assert_eq!(gate.refuses(headers(&same), None), None);
        assert_eq!(
            gate.refuses(headers(&[("host", "127.0.0.1:8123")]), Some("abc")),
            None
        );
        let refused: [&[(&str, &str)]; 6] = [
            &[("host", "evil.example:8123"), ("x-gongwen-token", "abc")],
            &[("host", "127.0.0.1:9999"), ("x-gongwen-token", "abc")],
            &[("x-gongwen-token", "abc")],
            &[
                ("host", "127.0.0.1:8123"),
                ("origin", "http://evil.example"),
                ("x-gongwen-token", "abc"),
            ],
            &[("host", "127.0.0.1:8123"), ("x-gongwen-token", "abd")],
            &[
                ("host", "127.0.0.1:8123"),
                ("sec-fetch-site", "same-site"),
                ("x-gongwen-token", "abc"),
            ],
        ];
        for r in refused {
            assert!(gate.refuses(headers(r), None).is_some(), "{r:?}");
        }
        assert!(
            gate.refuses(headers(&[("host", "127.0.0.1:8123")]), None)
                .is_some()
        );
    }

    #[test]
    fn tokens_are_fresh_and_long() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn files_resolve_only_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.toml"), "").unwrap();
        let folder = Folder::new(dir.path()).unwrap();
        assert!(
            folder
                .resolve("sub/a.toml")
                .unwrap()
                .ends_with("sub/a.toml")
        );
        assert!(folder.resolve("new.toml").is_ok());
        for bad in [
            "",
            "../x.toml",
            "/etc/passwd",
            "sub/../../x",
            "sub\\..\\x",
            "nodir/x.toml",
        ] {
            assert!(folder.resolve(bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc", dir.path().join("link")).unwrap();
            assert!(folder.resolve("link/passwd").is_err());
        }
        let inside = folder.resolve("sub/a.toml").unwrap();
        assert_eq!(folder.relative(&inside).as_deref(), Some("sub/a.toml"));
    }
}
