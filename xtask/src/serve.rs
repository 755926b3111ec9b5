//! A small static file server for dist/: `cargo xtask serve` and the end-to-end tests.

use anyhow::{anyhow, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tiny_http::{Header, Response, Server};

pub fn serve_forever(dir: &Path, addr: &str) -> Result<()> {
    let server = Server::http(addr).map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?;
    println!(
        "Serving {} at http://{}/",
        dir.display(),
        server.server_addr()
    );
    handle(&server, dir);
    Ok(())
}

/// Serves `dir` on a free loopback port from background threads; returns the base URL.
pub fn spawn(dir: &Path) -> Result<String> {
    let server = Arc::new(Server::http("127.0.0.1:0").map_err(|e| anyhow!("cannot listen: {e}"))?);
    let url = format!("http://{}/", server.server_addr());
    // Enough handlers that a slow reader (a page left open by a test) never starves the next.
    for _ in 0..16 {
        let (server, dir) = (server.clone(), dir.to_path_buf());
        std::thread::spawn(move || handle(&server, &dir));
    }
    Ok(url)
}

fn handle(server: &Server, dir: &Path) {
    while let Ok(request) = server.recv() {
        let url = request
            .url()
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .to_string();
        let response = match resolve(dir, &url).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        {
            Some((path, body)) => Response::from_data(body)
                .with_header(header("Content-Type", mime(&path)))
                .with_header(header("Cache-Control", "no-cache")),
            None => Response::from_string("not found").with_status_code(404),
        };
        let _ = request.respond(response);
    }
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
    fn wasm_and_modules_get_the_types_browsers_require() {
        assert_eq!(mime(Path::new("x_bg.wasm")), "application/wasm");
        assert!(mime(Path::new("sahel-map.js")).starts_with("text/javascript"));
    }
}
