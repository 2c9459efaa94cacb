//! A small static file server for the repository root: GET and HEAD, the MIME types the page
//! needs, a redirect from `dir` to `dir/` (so relative URLs resolve), `index.html` for a
//! directory, no listings, and nothing outside the root (no `..`, no hidden files, no symlink
//! escapes). One thread per connection; `Connection: close`. For development only: it listens
//! on 127.0.0.1.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Serves `root` on 127.0.0.1:`port` until the process is stopped.
pub fn run(root: &Path, port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (try --port N)"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    println!("\nServing {} at http://{addr}/  (Ctrl-C to stop)", root.display());
    serve(listener, root);
    Ok(())
}

/// Answers every connection on `listener` from files under `root` (canonical).
pub fn serve(listener: TcpListener, root: PathBuf) {
    let root = Arc::new(root);
    for stream in listener.incoming().map_while(Result::ok) {
        let root = Arc::clone(&root);
        std::thread::spawn(move || {
            if let Err(e) = handle(stream, &root) {
                eprintln!("serve: {e}");
            }
        });
    }
}

/// What to send back for one request.
#[derive(Debug, PartialEq)]
enum Reply {
    File(PathBuf),
    Redirect(String),
    Status(u16, &'static str),
}

fn handle(mut stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let head = read_head(&mut stream)?;
    let mut words = head.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let reply = if method == "GET" || method == "HEAD" {
        route(root, target)
    } else {
        Reply::Status(405, "Method Not Allowed")
    };
    let (status, headers, body) = match reply {
        Reply::File(path) => match std::fs::read(&path) {
            Ok(body) => (
                "200 OK".to_owned(),
                format!("Content-Type: {}\r\n", mime(&path)),
                body,
            ),
            Err(_) => ("404 Not Found".to_owned(), String::new(), b"not found\n".to_vec()),
        },
        Reply::Redirect(to) => (
            "301 Moved Permanently".to_owned(),
            format!("Location: {to}\r\n"),
            Vec::new(),
        ),
        Reply::Status(code, text) => (
            format!("{code} {text}"),
            String::new(),
            format!("{text}\n").into_bytes(),
        ),
    };
    if !status.starts_with("200") {
        eprintln!("{method} {target} -> {status}");
    }
    let headers = if headers.is_empty() {
        "Content-Type: text/plain; charset=utf-8\r\n".to_owned()
    } else {
        headers
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nCache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// The request line and headers (up to the blank line), at most 16 KiB.
fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// Maps a request target (`/www/main.js?v=1`) to a reply, never leaving `root`.
fn route(root: &Path, target: &str) -> Reply {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Reply::Status(400, "Bad Request");
    };
    if !decoded.starts_with('/') {
        return Reply::Status(400, "Bad Request");
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment.starts_with('.') || segment.contains(['\\', '\0']) {
            return Reply::Status(403, "Forbidden");
        }
        file.push(segment);
    }
    // Symlinks may point anywhere: only what really lies under the root is served.
    let Ok(file) = file.canonicalize() else {
        return Reply::Status(404, "Not Found");
    };
    if !file.starts_with(root) {
        return Reply::Status(403, "Forbidden");
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            return Reply::Redirect(format!("{path}/"));
        }
        let index = file.join("index.html");
        return if index.is_file() {
            Reply::File(index)
        } else {
            Reply::Status(404, "Not Found")
        };
    }
    Reply::File(file)
}

/// `%2F` → `/`; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory with `index.html`, `www/app.js` and a `.git/config`, plus a secret
    /// file next to it (outside the root).
    fn fixture(name: &str) -> (PathBuf, PathBuf) {
        let base = std::env::temp_dir().join(format!("xtask-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("root");
        std::fs::create_dir_all(root.join("www/empty")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("index.html"), "<h1>hi</h1>").unwrap();
        std::fs::write(root.join("www/app.js"), "export {}").unwrap();
        std::fs::write(root.join(".git/config"), "secret").unwrap();
        std::fs::write(base.join("secret.txt"), "secret").unwrap();
        (base, root.canonicalize().unwrap())
    }

    #[test]
    fn routes_stay_inside_the_root() {
        let (base, root) = fixture("route");
        let cases: &[(&str, Reply)] = &[
            ("/", Reply::File(root.join("index.html"))),
            ("/index.html?v=2", Reply::File(root.join("index.html"))),
            ("/www/app.js", Reply::File(root.join("www/app.js"))),
            ("/www/./app.js", Reply::File(root.join("www/app.js"))),
            ("/www", Reply::Redirect("/www/".into())),
            ("/www/", Reply::Status(404, "Not Found")),
            ("/www/empty/", Reply::Status(404, "Not Found")),
            ("/missing.js", Reply::Status(404, "Not Found")),
            ("/../secret.txt", Reply::Status(403, "Forbidden")),
            ("/%2e%2e/secret.txt", Reply::Status(403, "Forbidden")),
            ("/www/..%2f..%2fsecret.txt", Reply::Status(403, "Forbidden")),
            ("/www\\..\\..\\secret.txt", Reply::Status(403, "Forbidden")),
            ("/.git/config", Reply::Status(403, "Forbidden")),
            ("/a%00b", Reply::Status(403, "Forbidden")),
            ("/bad%zz", Reply::Status(400, "Bad Request")),
            ("/bad%e", Reply::Status(400, "Bad Request")),
            ("relative", Reply::Status(400, "Bad Request")),
        ];
        for (target, want) in cases {
            assert_eq!(&route(&root, target), want, "{target}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("secret.txt"), root.join("link.txt")).unwrap();
            assert_eq!(route(&root, "/link.txt"), Reply::Status(403, "Forbidden"));
        }
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn mime_types_the_page_needs() {
        let cases = [
            ("a.wasm", "application/wasm"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.mjs", "text/javascript; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.svg", "image/svg+xml"),
            ("a.html", "text/html; charset=utf-8"),
            ("a", "application/octet-stream"),
        ];
        for (file, want) in cases {
            assert_eq!(mime(Path::new(file)), want, "{file}");
        }
    }

    /// One real request over TCP to a server on a free port.
    #[test]
    fn serves_over_http() {
        let (base, root) = fixture("http");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || serve(listener, root));
        let fetch = |request: &str| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(request.as_bytes()).unwrap();
            let mut reply = String::new();
            s.read_to_string(&mut reply).unwrap();
            reply
        };
        let ok = fetch("GET /www/app.js HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(
            ok.contains("Content-Type: text/javascript; charset=utf-8\r\n"),
            "{ok}"
        );
        assert!(
            ok.contains("Content-Length: 9\r\n") && ok.ends_with("\r\n\r\nexport {}"),
            "{ok}"
        );
        let head = fetch("HEAD /index.html HTTP/1.1\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 200 OK") && head.ends_with("\r\n\r\n"),
            "{head}"
        );
        let redirect = fetch("GET /www HTTP/1.1\r\n\r\n");
        assert!(
            redirect.contains("301") && redirect.contains("Location: /www/\r\n"),
            "{redirect}"
        );
        assert!(fetch("GET /../secret.txt HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 403"));
        assert!(fetch("POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
        std::fs::remove_dir_all(base).unwrap();
    }
}
