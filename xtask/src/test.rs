//! `cargo xtask test`: every tier, in order of speed. Installs what is missing first, so it runs
//! the same on a fresh machine as on a warm one.

use crate::build::{self, WASM_BINDGEN_VERSION};
use crate::serve;
use crate::util::{ensure_node_modules, is_root, output, root, run};
use anyhow::{bail, Result};
use std::path::Path;
use std::process::Command;

pub const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The other engines readers use, from Debian: Firefox ESR, and WebKitGTK's MiniBrowser driven
/// by WebKitWebDriver under Xvfb.
const FIREFOX: &str = "/usr/bin/firefox-esr";
const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const XVFB: &str = "/usr/bin/Xvfb";

pub fn test() -> Result<()> {
    // Everything the tiers below need, before the first command that needs it: the wasm
    // clippy run needs the target as much as the build does.
    build::ensure_wasm_target()?;
    ensure_chromium()?;
    ensure_engines()?;
    ensure_wasm_bindgen_runner()?;
    ensure_node_modules()?;

    // Native: the pure core without web crates (as xtask uses it), doc examples, xtask itself.
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    run(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--no-default-features",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(Command::new("cargo").args([
        "clippy",
        "--package",
        "sahel-map",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(Command::new("cargo").args(["test", "--package", "sahel-map", "--no-default-features"]))?;
    run(Command::new("cargo").args(["test", "--package", "xtask"]))?;

    // Components in headless Chromium.
    run(Command::new("cargo")
        .args([
            "test",
            "--package",
            "sahel-map",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
        ])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;

    // End to end, against the built dist/ (left in place afterwards).
    build::build()?;
    let base = serve::spawn(&root().join("dist"))?;
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots)?;
    // One node test run over a folder of tests/, against the served dist/.
    let node_tests = |folder: &str, timeout_ms: u32| {
        let mut cmd = Command::new("node");
        cmd.args(["--test", "--test-concurrency=1"])
            .arg(format!("--test-timeout={timeout_ms}"))
            .arg(root().join("tests").join(folder))
            .env("SAHEL_BASE_URL", &base)
            .env("SAHEL_DIST", root().join("dist"))
            .env("SAHEL_SCREENSHOTS", &shots);
        cmd
    };
    run(node_tests("e2e", 180_000).env("CHROMIUM", CHROMIUM))?;

    // The widget's core in Firefox and WebKit: a short tier, timed for the log.
    let started = std::time::Instant::now();
    run(node_tests("engines", 300_000)
        .env("FIREFOX", FIREFOX)
        .env("WEBKIT_DRIVER", WEBKIT_DRIVER)
        .env("MINIBROWSER", MINIBROWSER))?;
    println!(
        "engines tier (Firefox, WebKit): {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Firefox ESR, WebKitWebDriver with its MiniBrowser, and Xvfb, from Debian, if missing.
fn ensure_engines() -> Result<()> {
    if [FIREFOX, WEBKIT_DRIVER, MINIBROWSER, XVFB]
        .iter()
        .all(|p| Path::new(p).exists())
    {
        return Ok(());
    }
    if !is_root() {
        bail!("the engines tier needs {FIREFOX}, {WEBKIT_DRIVER}, {MINIBROWSER} and {XVFB}: apt-get install firefox-esr webkit2gtk-driver xvfb");
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "-qq",
            "firefox-esr",
            "webkit2gtk-driver",
            "xvfb",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if !is_root() {
        bail!("the browser tests need {CHROMIUM} and {CHROMEDRIVER}: apt-get install chromium chromium-driver");
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// wasm-bindgen-test-runner at exactly the lockfile's version (without `--locked`, which fails
/// on a pinned dependency the registry no longer serves).
fn ensure_wasm_bindgen_runner() -> Result<()> {
    build::check_wasm_bindgen_version()?;
    let have = output(Command::new("wasm-bindgen-test-runner").arg("--version"));
    if have.is_some_and(|v| v.split_whitespace().nth(1) == Some(WASM_BINDGEN_VERSION)) {
        return Ok(());
    }
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        WASM_BINDGEN_VERSION,
    ]))
}
