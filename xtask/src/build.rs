//! `cargo xtask build`: the release wasm, bindings, wasm-opt, and the pages, into dist/.

use crate::util::{ensure_node_modules, locked_version, output, root, run};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// The wasm-bindgen version this xtask's `wasm-bindgen-cli-support` speaks; Cargo.lock must pin
/// the same, or the generated glue does not match the wasm.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
const TARGET: &str = "wasm32-unknown-unknown";
/// wasm-bindgen's output name; the stable name `sahel-map.js` belongs to our loader.
const GLUE: &str = "sahel_map_core";
/// Where the loader takes the widget's stylesheet from, inlined at build time.
const CSS_PLACEHOLDER: &str = "/*@WIDGET_CSS@*/\"\"";
/// Where the loader takes the first frame from (`poster::first_frames`), inlined at build time.
const FRAME_PLACEHOLDER: &str = "/*@FIRST_FRAME@*/{}";
/// Where embed.js takes the newsroom's policy from (`policy`: what a link may set).
const POLICY_PLACEHOLDER: &str = "/*@EMBED_POLICY@*/{ dataOrigins: [], texts: {} }";

/// Classes the wasm exports for streaming server functions (wasm-streams, through Leptos's
/// server_fn): a widget with no server never makes one.
const UNUSED_CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

pub fn build() -> Result<()> {
    ensure_wasm_target()?;
    check_wasm_bindgen_version()?;
    ensure_node_modules()?;
    let root = root();
    // Checked first: a mistake in it should not cost a wasm build.
    let policy_file = crate::policy::path(&root);
    let policy = crate::policy::Policy::load(&policy_file)?;
    run(Command::new("cargo").args([
        "build",
        "--release",
        "--lib",
        "--package",
        "sahel-map",
        "--target",
        TARGET,
    ]))?;

    let dist = root.join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(&dist)?;

    let wasm = root.join(format!("target/{TARGET}/release/sahel_map.wasm"));
    let bindgen_dir = root.join("target/bindgen");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name(GLUE)
        .typescript(false)
        .generate(&bindgen_dir)
        .context("wasm-bindgen")?;
    let glue = std::fs::read_to_string(bindgen_dir.join(format!("{GLUE}.js")))?;
    std::fs::write(
        dist.join(format!("{GLUE}.js")),
        crate::names::shorten(
            &bindgen_dir.join(format!("{GLUE}_bg.wasm")),
            &glue,
            &UNUSED_CLASSES,
        )?,
    )?;
    run(Command::new(root.join("node_modules/.bin/wasm-opt"))
        .arg("-Oz")
        // Repeats the passes while they still shrink the module (about 1 KB brotli).
        .arg("--converge")
        // Sections only tools read: which compilers made the module, and its target features
        // (read by wasm-opt itself on the way in). 467 B brotli.
        .args(["--strip-producers", "--strip-target-features"])
        .arg(bindgen_dir.join(format!("{GLUE}_bg.wasm")))
        .arg("-o")
        .arg(dist.join(format!("{GLUE}_bg.wasm"))))?;

    let www = root.join("www");
    let css = std::fs::read_to_string(www.join("widget.css"))?;
    let loader = std::fs::read_to_string(www.join("sahel-map.js"))?;
    for placeholder in [CSS_PLACEHOLDER, FRAME_PLACEHOLDER] {
        if !loader.contains(placeholder) {
            bail!("www/sahel-map.js lost its {placeholder} placeholder");
        }
    }
    std::fs::write(
        dist.join("sahel-map.js"),
        loader
            .replace(CSS_PLACEHOLDER, &serde_json::to_string(&compact_css(&css))?)
            .replace(FRAME_PLACEHOLDER, &crate::poster::first_frames(&root)?),
    )?;
    // The demo article carries its map's first frame, so it needs no render-blocking script.
    std::fs::write(
        dist.join("index.html"),
        crate::prerender::prerender(
            &std::fs::read_to_string(www.join("index.html"))?,
            &css,
            &crate::poster::first_frame_pair(&root)?,
        )?,
    )?;
    for page in [
        "article.css",
        "embed.html",
        "embed.css",
        "embed-parent.js",
        "sahel-map-classic.js",
    ] {
        std::fs::copy(www.join(page), dist.join(page))?;
    }
    let embed = std::fs::read_to_string(www.join("embed.js"))?;
    if !embed.contains(POLICY_PLACEHOLDER) {
        bail!("www/embed.js lost its {POLICY_PLACEHOLDER} placeholder");
    }
    std::fs::write(
        dist.join("embed.js"),
        embed.replace(POLICY_PLACEHOLDER, &policy.to_js()?),
    )?;
    eprintln!(
        "embed.html: data from its own origin{}; {} published text set(s) ({})",
        policy
            .data_origins
            .iter()
            .map(|o| format!(", {o}"))
            .collect::<String>(),
        policy.texts.len(),
        policy_file.display()
    );
    // The wasm carries the dataset's core; the whole file sits beside the loader, fetched when
    // a reader first wants its sources, and with its schema for newsrooms that adapt it and
    // load theirs with `data-src`.
    for file in ["countries.geojson", "sahel.json", "sahel.schema.json"] {
        std::fs::copy(root.join("geodata").join(file), dist.join(file))?;
    }
    minify_scripts(&root, &dist)?;
    crate::poster::write(&root, &dist)?;
    crate::cdn::finish(&dist)?;
    report(&dist)?;
    Ok(())
}

/// The stylesheet without its comments, each run of white space made one space, and no space
/// after `{ ; : ,` or around braces: every reader downloads it inside the loader. (Nothing else
/// changes: no string in it holds `/*` or one of those followed by a space, and a space before
/// `:`, which a selector could need, stays.)
pub fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let mut css = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for (spaced, tight) in [
        ("{ ", "{"),
        (" {", "{"),
        ("; ", ";"),
        (" }", "}"),
        ("} ", "}"),
        (": ", ":"),
        (", ", ","),
    ] {
        css = css.replace(spaced, tight);
    }
    css
}

/// The scripts a reader of the element downloads, minified by esbuild (npm, pinned in
/// package.json): the comments and long names are for the source, not the wire. Before the
/// hashing and the twins, so names, integrity hashes and `.br`/`.gz` are those of what is
/// served. (embed.js stays as written: its policy line is one a newsroom may read and edit.)
fn minify_scripts(root: &Path, dist: &Path) -> Result<()> {
    let scripts = [
        "sahel-map.js".to_string(),
        "sahel-map-classic.js".to_string(),
        "embed-parent.js".to_string(),
        format!("{GLUE}.js"),
    ];
    let mut esbuild = Command::new(root.join("node_modules/.bin/esbuild"));
    esbuild
        .args(scripts.iter().map(|s| dist.join(s)))
        // UTF-8 kept as is: the first frame's French is shorter that way than escaped.
        .args([
            "--minify",
            "--charset=utf8",
            "--allow-overwrite",
            "--log-level=warning",
        ])
        .arg(format!("--outdir={}", dist.display()));
    run(&mut esbuild)
}

pub fn ensure_wasm_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if !installed.is_some_and(|s| s.lines().any(|l| l.trim() == TARGET)) {
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

pub fn check_wasm_bindgen_version() -> Result<()> {
    let locked = locked_version("wasm-bindgen")?;
    if locked != WASM_BINDGEN_VERSION {
        bail!(
            "Cargo.lock pins wasm-bindgen {locked} but xtask uses wasm-bindgen-cli-support \
             {WASM_BINDGEN_VERSION}: make them equal (xtask/Cargo.toml, xtask/src/build.rs)"
        );
    }
    Ok(())
}

fn report(dist: &Path) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dist)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        eprintln!(
            "  dist/{:<28} {:>8} bytes",
            entry.file_name().to_string_lossy(),
            entry.metadata()?.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_css_drops_comments_and_spaces_only() {
        let css = "/* a */\n.a {\n  color: red; /* b */\n}\n.b  .c:hover{ x: y }";
        assert_eq!(compact_css(css), ".a{color:red;}.b .c:hover{x:y}");
        // Spaces that carry meaning stay: between descendants, values, before a pseudo-class.
        let kept = ".a :is(.b, .c) > .d { margin: 0 4px; font: 1em \"Segoe UI\", serif }";
        assert_eq!(
            compact_css(kept),
            ".a :is(.b,.c) > .d{margin:0 4px;font:1em \"Segoe UI\",serif}"
        );
    }

    /// The loading and error boxes (a reload has no first frame) hold the map's exact aspect
    /// ratio, and the first frame draws the poster in the map's own viewBox, so the page does
    /// not move when the map appears.
    #[test]
    fn what_stands_before_the_map_has_its_aspect_ratio() {
        let css = std::fs::read_to_string(root().join("www/widget.css")).unwrap();
        let frame = sahel_map::carto::frame::SAHEL;
        let ratio = format!("aspect-ratio: {} / {};", frame.width, frame.height());
        assert!(
            css.contains(ratio.as_str()),
            "www/widget.css needs `{ratio}`"
        );
        assert!(!css.contains("aspect-ratio: 1000 / 620"));
        let frames: serde_json::Value =
            serde_json::from_str(&crate::poster::first_frames(&root()).unwrap()).unwrap();
        let view_box = format!(
            r#"viewBox="0 0 {} {}""#,
            frame.width as i32,
            frame.height() as i32
        );
        for lang in ["en", "fr"] {
            assert!(frames[lang].as_str().unwrap().contains(&view_box), "{lang}");
        }
    }
}
