//! dist/ ready for a CDN: content-hashed names for everything the loader and the pages fetch
//! (so they can be cached for ever), `.br` and `.gz` beside every text and wasm file, and the
//! embed snippets with Subresource Integrity hashes. The loader (`sahel-map.js`), the snippets'
//! other scripts, the data documents and the pages keep their names.

use anyhow::{Context, Result};
use base64::Engine;
use sha2::{Digest, Sha256, Sha384};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Files given a hash in their name, and the files that refer to them.
const HASHED: [(&str, &[&str]); 6] = [
    ("sahel_map_core_bg.wasm", &["sahel-map.js"]),
    ("sahel_map_core.js", &["sahel-map.js"]),
    ("countries.geojson", &["sahel-map.js"]),
    ("article.css", &["index.html"]),
    ("embed.js", &["embed.html"]),
    ("embed.css", &["embed.html"]),
];

/// Extensions compressed beside themselves.
const COMPRESSED: [&str; 8] = ["js", "css", "html", "json", "geojson", "wasm", "svg", "txt"];

/// `name.ext` → `name.<10 hex of its SHA-256>.ext`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash[..5].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

/// `sha384-…` for an `integrity` attribute.
pub fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

pub fn finish(dist: &Path) -> Result<()> {
    let mut manifest = BTreeMap::new();
    for (name, referrers) in HASHED {
        let path = dist.join(name);
        let bytes = std::fs::read(&path).with_context(|| format!("dist/{name}"))?;
        let new = hashed_name(name, &bytes);
        // The countries file keeps its plain name too: newsrooms read it as the format's example.
        if name == "countries.geojson" {
            std::fs::copy(&path, dist.join(&new))?;
        } else {
            std::fs::rename(&path, dist.join(&new))?;
        }
        for referrer in referrers {
            let path = dist.join(referrer);
            let text = std::fs::read_to_string(&path)?;
            // As written (`'./name'`, `"name"` in a page) or as the minifier writes it.
            let quoted = [
                (format!("'./{name}'"), format!("'./{new}'")),
                (format!("\"./{name}\""), format!("\"./{new}\"")),
                (format!("\"{name}\""), format!("\"{new}\"")),
            ];
            anyhow::ensure!(
                quoted.iter().any(|(q, _)| text.contains(q.as_str())),
                "dist/{referrer} does not name {name}"
            );
            let text = quoted
                .iter()
                .fold(text, |text, (old, new)| text.replace(old, new));
            std::fs::write(path, text)?;
        }
        manifest.insert(name.to_string(), new);
    }
    std::fs::write(
        dist.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)? + "\n",
    )?;

    let loader = std::fs::read(dist.join("sahel-map.js"))?;
    let classic = std::fs::read(dist.join("sahel-map-classic.js"))?;
    let parent = std::fs::read(dist.join("embed-parent.js"))?;
    let snippets = format!(
        "<!-- The element (an ES module) -->\n\
         <script type=\"module\" src=\"https://YOUR-CDN/sahel-map/sahel-map.js\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n\
         <sahel-map lang=\"en\"></sahel-map>\n\n\
         <!-- The classic script, for CMSes without modules -->\n\
         <script src=\"https://YOUR-CDN/sahel-map/sahel-map-classic.js\" integrity=\"{}\" crossorigin=\"anonymous\" defer></script>\n\
         <sahel-map lang=\"en\"></sahel-map>\n\n\
         <!-- The iframe, and the script that keeps it as tall as its content -->\n\
         <iframe src=\"https://YOUR-CDN/sahel-map/embed.html?lang=en\" title=\"Map: foreign forces and pacts in the Sahel\" style=\"width:100%;border:0;aspect-ratio:1000/900\" loading=\"lazy\"></iframe>\n\
         <script src=\"https://YOUR-CDN/sahel-map/embed-parent.js\" integrity=\"{}\" crossorigin=\"anonymous\" defer></script>\n",
        sri(&loader),
        sri(&classic),
        sri(&parent)
    );
    std::fs::write(dist.join("snippets.txt"), &snippets)?;
    eprintln!("Embed snippets (dist/snippets.txt):\n\n{snippets}");
    twins(dist)
}

/// Writes a `.br` (quality 11) and a `.gz` (level 9) twin beside every text or wasm file of
/// `dir`, as a CDN would serve them.
pub fn twins(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSED.contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut br = Vec::new();
        brotli::BrotliCompress(
            &mut bytes.as_slice(),
            &mut br,
            &brotli::enc::BrotliEncoderParams {
                quality: 11,
                ..Default::default()
            },
        )?;
        std::fs::write(path.with_extension(format!("{ext}.br")), br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        std::fs::write(path.with_extension(format!("{ext}.gz")), gz.finish()?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_name_content_and_sri_is_base64_sha384() {
        let a = hashed_name("sahel_map_core_bg.wasm", b"one");
        let b = hashed_name("sahel_map_core_bg.wasm", b"two");
        assert_ne!(a, b);
        assert!(a.starts_with("sahel_map_core_bg.") && a.ends_with(".wasm") && a.len() == 33);
        // The empty input's SHA-384, as the SRI specification's examples write it.
        assert_eq!(
            sri(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }
}
