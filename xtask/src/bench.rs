//! `cargo xtask bench`: the demo against `../shared/peer/` (a hand-built D3 map of the region)
//! in one run: bytes, load and interaction times, memory, the host page's first paint with and
//! without the widget on a throttled network, and Lighthouse for both (bench/bench.mjs), in
//! headless Chromium against a fresh release build. Both are served the same way, with their
//! brotli and gzip twins.

use crate::util::{ensure_node_modules, root, run};
use crate::{build, cdn, serve, test};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// Lighthouse 12.2.3: the last release that runs on Node 20 (13 wants Node 22).
const LIGHTHOUSE: &str = "lighthouse@12.2.3";

pub fn bench() -> Result<()> {
    test::ensure_chromium()?;
    ensure_node_modules()?;
    let lighthouse = ensure_lighthouse()?;
    build::build()?;
    let base = serve::spawn(&root().join("dist"))?;
    let peer_dir = peer_copy()?;
    let peer = serve::spawn(&peer_dir)?;
    run(Command::new("node")
        .arg(root().join("bench/bench.mjs"))
        .env("SAHEL_BASE_URL", &base)
        .env("SAHEL_PEER_URL", &peer)
        .env("SAHEL_PEER_DIR", &peer_dir)
        .env("SAHEL_DIST", root().join("dist"))
        .env("SAHEL_LIGHTHOUSE", lighthouse)
        .env("SAHEL_BENCH_OUT", root().join("target/bench.json"))
        .env("CHROMIUM", test::CHROMIUM))
}

/// The reference page copied into target/peer with its compressed twins, so it is served as
/// the demo is.
fn peer_copy() -> Result<PathBuf> {
    let from = root().join("../shared/peer");
    let to = root().join("target/peer");
    std::fs::create_dir_all(&to)?;
    for entry in std::fs::read_dir(&from).with_context(|| format!("{}", from.display()))? {
        let path = entry?.path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("a file name")))?;
        }
    }
    cdn::twins(&to)?;
    Ok(to)
}

/// Lighthouse, installed once under target/ (it is for the benchmark alone, so the test
/// command's `npm ci` does not carry it).
fn ensure_lighthouse() -> Result<PathBuf> {
    let prefix = root().join("target/lighthouse");
    let cli = prefix.join("node_modules/lighthouse/cli/index.js");
    if !cli.is_file() {
        std::fs::create_dir_all(&prefix)?;
        run(Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(LIGHTHOUSE))?;
    }
    Ok(cli)
}
