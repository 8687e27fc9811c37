//! Replies and the small parts of HTTP the handlers need: query strings, bodies with a limit.

use std::collections::HashMap;

use serde::Serialize;

/// What a handler answers.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub kind: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn json(value: &impl Serialize) -> Self {
        Self::with(
            200,
            "application/json; charset=utf-8",
            serde_json::to_vec(value).unwrap_or_default(),
        )
    }

    /// `{"error": message}` with `status`.
    pub fn error(status: u16, message: impl Into<String>) -> Self {
        Self::json(&super::wire::Refusal {
            error: message.into(),
        })
        .status(status)
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn with(status: u16, kind: &'static str, body: Vec<u8>) -> Self {
        Self {
            status,
            kind,
            body,
            headers: Vec::new(),
        }
    }

    /// A file to save, under `name`.
    pub(crate) fn download(kind: &'static str, name: &str, body: Vec<u8>) -> Self {
        let mut r = Self::with(200, kind, body);
        r.headers.push((
            "Content-Disposition",
            format!("attachment; filename*=UTF-8''{}", encode(name)),
        ));
        r
    }
}

/// The query string's values, percent-decoded.
pub(crate) fn query(url: &str) -> HashMap<String, String> {
    let Some((_, q)) = url.split_once('?') else {
        return HashMap::new();
    };
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

/// The path part of a URL.
pub fn path(url: &str) -> &str {
    url.split_once('?').map_or(url, |(p, _)| p)
}

/// A JSON body of type `T`, refused past `limit` bytes.
pub(crate) fn json_body<T: serde::de::DeserializeOwned>(
    request: &mut super::conn::Request,
    limit: usize,
) -> Result<T, Reply> {
    let bytes = request.body(limit)?;
    serde_json::from_slice(&bytes).map_err(|e| Reply::error(400, format!("请求格式有误：{e}")))
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or(())
                {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode_and_names_encode() {
        let q = query("/api/open?path=plans%2F%E5%B3%A8%E8%BE%B9.toml&x=a+b&bad=%zz&end=%4");
        assert_eq!(q["path"], "plans/峨边.toml");
        assert_eq!(q["x"], "a b");
        assert_eq!(q["bad"], "%zz");
        assert_eq!(q["end"], "%4");
        assert_eq!(encode("峨边 a.pdf"), "%E5%B3%A8%E8%BE%B9%20a.pdf");
        assert_eq!(path("/api/open?x=1"), "/api/open");
    }
}
