//! `cargo xtask bench`: bytes, load and interaction times, memory (bench/bench.mjs), measured
//! in headless Chromium against a fresh release build.

use crate::util::{ensure_node_modules, root, run};
use crate::{build, serve, test};
use anyhow::Result;
use std::process::Command;

pub fn bench() -> Result<()> {
    test::ensure_chromium()?;
    ensure_node_modules()?;
    build::build()?;
    let base = serve::spawn(&root().join("dist"))?;
    run(Command::new("node")
        .arg(root().join("bench/bench.mjs"))
        .env("SAHEL_BASE_URL", &base)
        .env("SAHEL_DIST", root().join("dist"))
        .env("SAHEL_BENCH_OUT", root().join("target/bench.json"))
        .env("CHROMIUM", test::CHROMIUM))
}
