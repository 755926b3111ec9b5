//! Compacts geodata/sahel.json for `include_str!`, whole (`sahel.json`) and as the core the wasm
//! carries (`sahel.core.json`): without the pretty-printing's whitespace, and for the core
//! without sources, notes and summaries (`dataset::DETAIL_KEYS`), which the widget fetches from
//! the whole file when a reader first wants them. The data are otherwise unchanged.

use serde_json::Value;

/// `dataset::DETAIL_KEYS` (a build script cannot use its own crate; a test holds them equal).
const DETAIL_KEYS: [&str; 4] = ["sources", "at_sources", "note", "summary"];

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !DETAIL_KEYS.contains(&k.as_str()));
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn main() {
    let src = "geodata/sahel.json";
    println!("cargo:rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).expect("geodata/sahel.json is readable");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // A file that is not JSON is bundled as it is: the widget then reports it, like any bad file.
    let (whole, core) = match serde_json::from_str::<Value>(&text) {
        Ok(mut v) => {
            let whole = v.to_string();
            strip(&mut v);
            (whole, v.to_string())
        }
        Err(_) => (text.clone(), text),
    };
    std::fs::write(out.join("sahel.json"), whole).expect("OUT_DIR is writable");
    std::fs::write(out.join("sahel.core.json"), core).expect("OUT_DIR is writable");
}
