//! Compacts geodata/sahel.json for `include_str!`: the wasm carries the bundled dataset without
//! the pretty-printing's whitespace (about 3 KB brotli less). The data are unchanged.

fn main() {
    let src = "geodata/sahel.json";
    println!("cargo:rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).expect("geodata/sahel.json is readable");
    // A file that is not JSON is bundled as it is: the widget then reports it, like any bad file.
    let compact = serde_json::from_str::<serde_json::Value>(&text)
        .map(|v| v.to_string())
        .unwrap_or(text);
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("sahel.json");
    std::fs::write(out, compact).expect("OUT_DIR is writable");
}
