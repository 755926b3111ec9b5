//! The house's rules, read from the source: each room imports only the rooms below it, so
//! data flows one way and a newcomer can read the code bottom up; and no source file grows past
//! what one sitting reads.
//!
//! carto, i18n → dataset → options, view → browser → ui → embed (see ARCHITECTURE.md).
// Native only: reads JSON with serde_json (or files) on the machine.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// What each room may import (besides itself).
const RULES: &[(&str, &[&str])] = &[
    ("carto", &[]),
    ("i18n", &[]),
    ("dataset", &["carto", "i18n"]),
    ("options", &["dataset"]),
    ("view", &["carto", "dataset", "i18n"]),
    ("browser", &["dataset"]),
    ("ui", &["carto", "dataset", "i18n", "view", "browser"]),
    (
        "embed",
        &[
            "carto", "dataset", "i18n", "options", "view", "browser", "ui",
        ],
    ),
];

const MAX_LINES: usize = 600;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file belongs to: `src/view/overlay.rs` → view, `src/i18n.rs` → i18n.
fn room(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Every room named as `crate::<room>` in a file.
fn imports(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

#[test]
fn rooms_import_only_the_rooms_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let room = room(&src, file);
        if room == "lib" {
            continue;
        }
        let Some((_, allowed)) = RULES.iter().find(|(r, _)| *r == room) else {
            broken.push(format!("{}: a room the rules do not name", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for import in imports(&text) {
            if import != room && !allowed.contains(&import.as_str()) {
                broken.push(format!("{} imports crate::{import}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The pure rooms name no web crate: they build and test natively, and xtask draws with them.
#[test]
fn pure_rooms_use_no_web_types() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let pure = ["carto", "i18n", "dataset", "options", "view"];
    let mut broken = Vec::new();
    for file in files
        .iter()
        .filter(|f| pure.contains(&room(&src, f).as_str()))
    {
        let text = std::fs::read_to_string(file).unwrap();
        for web in ["web_sys", "wasm_bindgen", "js_sys", "leptos"] {
            if text.contains(&format!("{web}::")) {
                broken.push(format!("{} uses {web}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_rules_see_imports() {
    assert_eq!(
        imports("use crate::dataset::Date;\nlet x = crate::carto::within(1.0, 0.0, 2.0);"),
        ["dataset", "carto"]
    );
}

#[test]
fn no_source_file_is_too_long_to_read_at_a_sitting() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("xtask/src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}
