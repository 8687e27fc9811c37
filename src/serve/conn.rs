//! One HTTP/1.1 exchange per connection, by hand: the head read within limits and a deadline,
//! the body read only once the request is admitted and only up to its limit, one reply, then
//! the connection closed. A general-purpose server reads (or drains) whatever length a client
//! claims and waits on a silent one; a page on loopback needs none of that, and a request
//! from anywhere else must cost nothing.

use std::io::{Cursor, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::http::Reply;

/// The request line and headers together.
const HEAD_LIMIT: usize = 64 * 1024;
const HEADERS_LIMIT: usize = 100;
/// A client silent for this long is dropped; its whole head must arrive within the deadline
/// (a browser on loopback sends it in one packet; a byte every few seconds is an attack).
const READ_TIMEOUT: Duration = Duration::from_secs(10);
pub(crate) const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// A body (at most the upload limit, on loopback) arrives well within this.
const BODY_DEADLINE: Duration = Duration::from_secs(120);
/// What a refusal reads of a body at most: a plan the page sends is well under it.
const DRAIN_BYTES: u64 = 256 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(1);

pub struct Request {
    pub method: String,
    pub url: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    /// Content-Length (0 without one).
    pub length: u64,
    /// What arrived after the head, then the rest of the connection.
    body: std::io::Chain<Cursor<Vec<u8>>, TcpStream>,
    stream: TcpStream,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body, if it is no longer than `limit` (else 413, nothing read).
    pub fn body(&mut self, limit: usize) -> Result<Vec<u8>, Reply> {
        if self.length > limit as u64 {
            return Err(Reply::error(
                413,
                format!("上传的内容超过 {} MiB", limit / 1024 / 1024),
            ));
        }
        let started = Instant::now();
        let mut body = Vec::with_capacity(self.length as usize);
        let mut chunk = [0u8; 64 * 1024];
        while (body.len() as u64) < self.length {
            if started.elapsed() > BODY_DEADLINE {
                return Err(Reply::error(408, "上传太慢，已中止"));
            }
            let want = chunk.len().min((self.length - body.len() as u64) as usize);
            match self.body.read(&mut chunk[..want]) {
                Ok(0) | Err(_) => return Err(Reply::error(400, "请求没有传完")),
                Ok(n) => body.extend_from_slice(&chunk[..n]),
            }
        }
        Ok(body)
    }

    /// Sends the reply and closes the connection.
    /// Reads and drops a little of what the client sends (at most [`DRAIN_BYTES`], for at
    /// most [`DRAIN_TIME`]) before a refusal: closing on an unread body resets the connection,
    /// and the client would see no answer at all; a client that sends more, or slowly, costs
    /// no more than that.
    pub(crate) fn drain(&mut self) {
        let _ = self
            .stream
            .set_read_timeout(Some(Duration::from_millis(200)));
        let started = Instant::now();
        let mut left = self.length.min(DRAIN_BYTES);
        let mut chunk = [0u8; 16 * 1024];
        while left > 0 && started.elapsed() < DRAIN_TIME {
            let want = chunk
                .len()
                .min(usize::try_from(left).unwrap_or(chunk.len()));
            match self.body.read(&mut chunk[..want]) {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n as u64),
            }
        }
    }

    pub(crate) fn respond(self, reply: Reply, extra: &[(&str, String)]) {
        send(self.stream, reply, extra);
    }
}

/// Writes a reply (its Content-Type, then `extra` and its own headers) and closes the connection.
fn send(mut stream: TcpStream, reply: Reply, extra: &[(&str, String)]) {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n",
        reply.status,
        reason(reply.status),
        reply.kind
    );
    for (k, v) in extra.iter().chain(&reply.headers) {
        // Values come from this program; a line break would split the head.
        if !v.is_empty() && !v.contains(['\r', '\n']) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    ));
    // One write: a small head sent apart from its body would wait on the peer's delayed
    // acknowledgement (Nagle), tens of milliseconds per reply.
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&reply.body);
    let _ = stream.set_nodelay(true);
    let _ = stream.write_all(&bytes).and_then(|_| stream.flush());
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// Why a head could not be read: a reply to send, or nothing (the client is gone or silent).
pub enum Broken {
    Reply(Reply),
    Gone,
}

/// Reads the request line and headers, all of them before [`HEAD_DEADLINE`].
pub(crate) fn read_head(stream: TcpStream) -> Result<Request, (Broken, Option<TcpStream>)> {
    let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
    let keep = stream.try_clone().ok();
    let fail = |b: Broken| (b, keep.as_ref().and_then(|s| s.try_clone().ok()));
    let bad = |m: &str| Broken::Reply(Reply::error(400, m.to_string()));
    let (head, rest) = raw_head(&stream).map_err(fail)?;
    let text = String::from_utf8(head).map_err(|_| fail(bad("请求头不是 UTF-8")))?;
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .skip_while(|l| l.is_empty()) // stray empty lines before the request
        .take_while(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(fail(Broken::Gone));
    }
    if lines.len() > HEADERS_LIMIT {
        return Err(fail(Broken::Reply(Reply::error(431, "请求头过长"))));
    }
    let mut first = lines[0].split(' ');
    let (Some(method), Some(url), Some(version)) = (first.next(), first.next(), first.next())
    else {
        return Err(fail(bad("请求行有误")));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(fail(bad("只支持 HTTP/1.x")));
    }
    let mut headers = Vec::new();
    for l in &lines[1..] {
        let Some((k, v)) = l.split_once(':') else {
            return Err(fail(bad("请求头有误")));
        };
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if find("transfer-encoding").is_some() {
        return Err(fail(Broken::Reply(Reply::error(411, "请求须注明长度"))));
    }
    let length = match find("content-length") {
        None => 0,
        Some(v) => v.parse().map_err(|_| fail(bad("Content-Length 有误")))?,
    };
    let writer = stream.try_clone().map_err(|_| fail(Broken::Gone))?;
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    Ok(Request {
        method: method.to_string(),
        url: url.to_string(),
        headers,
        length,
        body: Cursor::new(rest).chain(stream),
        stream: writer,
    })
}

/// The bytes up to the blank line that ends the head, and any that came after it; every
/// read waits only until the head's deadline.
fn raw_head(mut stream: &TcpStream) -> Result<(Vec<u8>, Vec<u8>), Broken> {
    let started = Instant::now();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let left = HEAD_DEADLINE.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Broken::Gone);
        }
        let _ = stream.set_read_timeout(Some(left.min(READ_TIMEOUT)));
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(Broken::Gone),
            Ok(n) => n,
        };
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            let end = from + end + 4;
            let rest = buf.split_off(end);
            return Ok((buf, rest));
        }
        if let Some(end) = buf[from..].windows(2).position(|w| w == b"\n\n") {
            let end = from + end + 2;
            let rest = buf.split_off(end);
            return Ok((buf, rest));
        }
        if buf.len() > HEAD_LIMIT {
            return Err(Broken::Reply(Reply::error(431, "请求头过长")));
        }
    }
}

/// Sends a reply on a connection whose request could not be read.
pub(crate) fn refuse(stream: TcpStream, reply: Reply) {
    send(stream, reply, &[]);
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}
