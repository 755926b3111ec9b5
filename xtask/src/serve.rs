//! A small static file server for dist/: `cargo xtask serve` and the end-to-end tests. It sends
//! the build's precompressed twins (`.br`, `.gz`) to browsers that accept them, as a CDN would,
//! so the demo and the tests get what a reader gets.

use anyhow::{anyhow, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tiny_http::{Header, Response, Server};

pub fn serve_forever(dir: &Path, addr: &str) -> Result<()> {
    let server = Arc::new(Server::http(addr).map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?);
    println!(
        "Serving {} at http://{}/",
        dir.display(),
        server.server_addr()
    );
    start(&server, dir);
    loop {
        std::thread::park();
    }
}

/// Serves `dir` on a free loopback port from background threads; returns the base URL.
pub fn spawn(dir: &Path) -> Result<String> {
    let server = Arc::new(Server::http("127.0.0.1:0").map_err(|e| anyhow!("cannot listen: {e}"))?);
    let url = format!("http://{}/", server.server_addr());
    start(&server, dir);
    Ok(url)
}

/// Enough handlers that a slow reader (a page left open, a fetch abandoned mid-body) never
/// starves the next request (with one, a page could wait on another page's request).
fn start(server: &Arc<Server>, dir: &Path) {
    for _ in 0..16 {
        let (server, dir) = (server.clone(), dir.to_path_buf());
        std::thread::spawn(move || handle(&server, &dir));
    }
}

fn handle(server: &Server, dir: &Path) {
    while let Ok(request) = server.recv() {
        let url = request
            .url()
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .to_string();
        let accepts = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Accept-Encoding"))
            .map(|h| h.value.as_str().to_string())
            .unwrap_or_default();
        let response = match resolve(dir, &url) {
            Some(path) => {
                let twin = |ext: &str| {
                    let mut name = path.clone().into_os_string();
                    name.push(ext);
                    PathBuf::from(name)
                };
                let encoding = encoding(&accepts, |ext| twin(ext).is_file());
                let file = encoding.map_or(path.clone(), |(_, ext)| twin(ext));
                match std::fs::read(&file) {
                    Ok(body) => {
                        let mut r = Response::from_data(body)
                            .with_header(header("Content-Type", mime(&path)))
                            .with_header(header("Cache-Control", cache_control(&path)))
                            .with_header(header("Vary", "Accept-Encoding"));
                        if let Some((name, _)) = encoding {
                            r = r.with_header(header("Content-Encoding", name));
                        }
                        r
                    }
                    Err(_) => Response::from_data(b"not found".to_vec()).with_status_code(404),
                }
            }
            None => Response::from_data(b"not found".to_vec()).with_status_code(404),
        };
        let _ = request.respond(response);
    }
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

#[cfg(test)]
mod tests {
    use super::*;

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
