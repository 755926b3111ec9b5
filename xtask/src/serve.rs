//! A small static file server for dist/: `cargo xtask serve` and the end-to-end tests. It sends
//! the build's precompressed twins (`.br`, `.gz`) to browsers that accept them, as a CDN would,
//! so the demo and the tests get what a reader gets.

use anyhow::{Context, Result};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

pub fn serve_forever(dir: &Path, addr: &str) -> Result<()> {
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    println!(
        "Serving {} at http://{}/",
        dir.display(),
        listener.local_addr()?
    );
    accept(listener, dir.to_path_buf());
    Ok(())
}

/// Serves `dir` on a free loopback port from background threads; returns the base URL.
pub fn spawn(dir: &Path) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot listen")?;
    let url = format!("http://{}/", listener.local_addr()?);
    let dir = dir.to_path_buf();
    std::thread::spawn(move || accept(listener, dir));
    Ok(url)
}

/// A thread for each connection, for as long as the browser keeps it open. (tiny_http 0.12,
/// used before, hands connections to a pool that can leave one queued behind others the browser
/// keeps alive: a burst of six found four idle threads and two of its requests sat unread on
/// their sockets for good, which left maps of a twenty-map page loading.)
fn accept(listener: TcpListener, dir: PathBuf) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = connection(stream, &dir);
        });
    }
}

/// Answers one connection's requests in turn until the browser closes it, asks to, or leaves
/// it idle for two minutes.
fn connection(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    stream.set_nodelay(true)?;
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        let head = match request.parse(&buffer) {
            Ok(httparse::Status::Complete(head)) => head,
            Ok(httparse::Status::Partial) => {
                let n = stream.read(&mut chunk)?;
                if n == 0 {
                    return Ok(());
                }
                buffer.extend_from_slice(&chunk[..n]);
                continue;
            }
            Err(_) => {
                stream.write_all(
                    b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )?;
                return Ok(());
            }
        };
        let value = |name: &str| {
            request
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .and_then(|h| std::str::from_utf8(h.value).ok())
                .unwrap_or("")
                .to_string()
        };
        let method = request.method.unwrap_or("GET").to_string();
        let path = request.path.unwrap_or("/").to_string();
        let accepts = value("Accept-Encoding");
        let close = value("Connection").eq_ignore_ascii_case("close") || request.version == Some(0);
        // A body (nothing here takes one) is read past, so the next request starts clean.
        let body_len: usize = value("Content-Length").parse().unwrap_or(0);
        buffer.drain(..head);
        while buffer.len() < body_len {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buffer.extend_from_slice(&chunk[..n]);
        }
        buffer.drain(..body_len);

        let (status, headers, body) = match method.as_str() {
            "GET" | "HEAD" => respond(dir, &path, &accepts),
            _ => (
                "405 Method Not Allowed",
                vec![("Allow", "GET, HEAD".to_string())],
                Vec::new(),
            ),
        };
        let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
        for (name, value) in &headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        if close {
            return Ok(());
        }
    }
}

/// The status, headers and body for a GET of `url` under `dir`.
fn respond(
    dir: &Path,
    url: &str,
    accepts: &str,
) -> (&'static str, Vec<(&'static str, String)>, Vec<u8>) {
    let url = url.split(['?', '#']).next().unwrap_or("/");
    let not_found = || {
        (
            "404 Not Found",
            vec![("Content-Type", "text/plain".to_string())],
            b"not found".to_vec(),
        )
    };
    let Some(path) = resolve(dir, url) else {
        return not_found();
    };
    let twin = |ext: &str| {
        let mut name = path.clone().into_os_string();
        name.push(ext);
        PathBuf::from(name)
    };
    let encoding = encoding(accepts, |ext| twin(ext).is_file());
    let file = encoding.map_or(path.clone(), |(_, ext)| twin(ext));
    let Ok(body) = std::fs::read(&file) else {
        return not_found();
    };
    let mut headers = vec![
        ("Content-Type", mime(&path).to_string()),
        ("Cache-Control", cache_control(&path).to_string()),
        ("Vary", "Accept-Encoding".to_string()),
    ];
    if let Some((name, _)) = encoding {
        headers.push(("Content-Encoding", name.to_string()));
    }
    ("200 OK", headers, body)
}

/// A file named for its content (`name.<10 hex>.ext`, as the build names them) never changes: a
/// CDN keeps it for a year; anything else is checked every time.
fn cache_control(path: &Path) -> &'static str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let hashed = stem.rsplit_once('.').is_some_and(|(_, h)| {
        h.len() == 10
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The twin to send for an `Accept-Encoding` value: brotli, else gzip, where the browser takes it
/// and `exists` says the build wrote it; None sends the file itself.
fn encoding(accepts: &str, exists: impl Fn(&str) -> bool) -> Option<(&'static str, &'static str)> {
    let takes = |name: &str| {
        accepts.split(',').any(|part| {
            let mut it = part.split(';');
            let coding = it.next().unwrap_or("").trim();
            // "br;q=0" refuses it.
            let refused = it.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .find(|(name, ext)| takes(name) && exists(ext))
}

/// Maps a URL path to a file under `dir`, refusing anything that climbs out of it.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let relative = Path::new(url.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let path = dir.join(relative);
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    path.is_file().then_some(path)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GETs `path` on a connection and reads the whole response (the server closes it, as asked).
    fn get(addr: &str, path: &str) -> String {
        let mut c = TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            c,
            "GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        c.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn every_request_of_a_burst_is_answered_while_others_stay_open() {
        let dir = std::env::temp_dir().join(format!("serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "plain").unwrap();
        std::fs::write(dir.join("a.txt.br"), "squeezed").unwrap();
        let base = spawn(&dir).unwrap();
        let addr = base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        // Connections a browser keeps alive and idle.
        let idle: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(&addr).unwrap()).collect();
        let burst: Vec<_> = (0..12)
            .map(|_| {
                let addr = addr.clone();
                std::thread::spawn(move || get(&addr, "/a.txt"))
            })
            .collect();
        for answer in burst {
            let answer = answer.join().unwrap();
            assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
            assert!(
                answer.contains("Content-Encoding: br\r\n") && answer.ends_with("\r\n\r\nsqueezed"),
                "{answer}"
            );
        }
        // Two requests on one kept connection, then a missing file.
        let mut kept = TcpStream::connect(&addr).unwrap();
        kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        for _ in 0..2 {
            write!(kept, "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            // The head and the body may come in separate reads.
            let mut text = String::new();
            let mut chunk = [0u8; 256];
            while !text.ends_with("\r\n\r\nplain") {
                let n = kept.read(&mut chunk).unwrap();
                assert!(n > 0, "closed after {text:?}");
                text.push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
            assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
        }
        assert!(get(&addr, "/missing.txt").starts_with("HTTP/1.1 404"));
        drop(idle);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_that_climb_out_are_refused() {
        let dir = std::env::temp_dir();
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/a/../../b"), None);
    }

    #[test]
    fn the_twin_sent_is_the_best_the_browser_takes_and_the_build_wrote() {
        let all = |_: &str| true;
        assert_eq!(
            encoding("gzip, deflate, br, zstd", all),
            Some(("br", ".br"))
        );
        assert_eq!(encoding("gzip, deflate", all), Some(("gzip", ".gz")));
        assert_eq!(encoding("br;q=0, gzip", all), Some(("gzip", ".gz")));
        assert_eq!(encoding("", all), None);
        // No twin written (a page a test adds): the file itself.
        assert_eq!(encoding("br, gzip", |_| false), None);
        assert_eq!(
            encoding("br, gzip", |ext| ext == ".gz"),
            Some(("gzip", ".gz"))
        );
    }

    #[test]
    fn files_named_for_their_content_are_kept_for_a_year() {
        let kept = "public, max-age=31536000, immutable";
        assert_eq!(
            cache_control(Path::new("countries.7e7031a848.geojson")),
            kept
        );
        assert_eq!(
            cache_control(Path::new("sahel_map_core_bg.470573fdcb.wasm")),
            kept
        );
        assert_eq!(cache_control(Path::new("sahel-map.js")), "no-cache");
        assert_eq!(cache_control(Path::new("index.html")), "no-cache");
        assert_eq!(cache_control(Path::new("sahel.schema.json")), "no-cache");
    }

    #[test]
    fn wasm_and_modules_get_the_types_browsers_require() {
        assert_eq!(mime(Path::new("x_bg.wasm")), "application/wasm");
        assert!(mime(Path::new("sahel-map.js")).starts_with("text/javascript"));
    }
}
