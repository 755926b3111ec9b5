//! What a link to `embed.html` may set, as the newsroom decides when it builds `dist/`.
//!
//! A query string is anyone's to write: left open, a crafted link would show a forged dataset
//! or forged words on the newsroom's own domain. So `embed.html` takes view options (lang,
//! layers, country, date, theme) from its query, but data files only from its own origin or
//! from origins listed here, and texts only as named sets published here (`?texts=<name>`).
//! The file is `embed.config.json` at the workspace root (optional; `SAHEL_EMBED_CONFIG`
//! names another):
//!
//! ```json
//! {
//!   "data_origins": ["https://data.example.org"],
//!   "texts": { "niger": { "headline": "…", "credit": "Graphic: …" } }
//! }
//! ```

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The texts a newsroom may publish for the iframe page, as the element's attributes name them.
const TEXTS: [&str; 4] = ["headline", "subtitle", "notes", "credit"];

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Origins (`https://host[:port]`) besides embed.html's own that `?data-src=` and
    /// `?data-geo-src=` may load from.
    #[serde(default)]
    pub data_origins: Vec<String>,
    /// Named sets of texts, picked by `?texts=<name>`.
    #[serde(default)]
    pub texts: BTreeMap<String, BTreeMap<String, String>>,
}

impl Policy {
    /// Reads and checks the file at `path`; no file is the strictest policy.
    pub fn load(path: &Path) -> Result<Policy> {
        if !path.exists() {
            return Ok(Policy::default());
        }
        let text = std::fs::read_to_string(path)?;
        let policy: Policy =
            serde_json::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
        policy
            .check()
            .with_context(|| format!("in {}", path.display()))?;
        Ok(policy)
    }

    fn check(&self) -> Result<()> {
        for origin in &self.data_origins {
            if !is_origin(origin) {
                bail!(
                    "data_origins: \"{origin}\" is not an origin such as https://data.example.org \
                     (a scheme, http or https, and a host with an optional port; no path)"
                );
            }
        }
        for (name, set) in &self.texts {
            let valid = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid {
                bail!("texts: \"{name}\" is not a name of lower-case letters, digits and hyphens");
            }
            for key in set.keys() {
                if !TEXTS.contains(&key.as_str()) {
                    bail!("texts.{name}: \"{key}\" is not one of {}", TEXTS.join(", "));
                }
            }
        }
        Ok(())
    }

    /// The policy as embed.js reads it.
    pub fn to_js(&self) -> Result<String> {
        Ok(serde_json::to_string(&serde_json::json!({
            "dataOrigins": self.data_origins,
            "texts": self.texts,
        }))?)
    }
}

/// `http(s)://host[:port]`, lower-case, nothing after: what `URL.origin` gives in a browser.
fn is_origin(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    host_ok && port_ok
}

/// The policy file for this build.
pub fn path(root: &Path) -> std::path::PathBuf {
    std::env::var_os("SAHEL_EMBED_CONFIG")
        .map(Into::into)
        .unwrap_or_else(|| root.join("embed.config.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Policy> {
        let p: Policy = serde_json::from_str(json)?;
        p.check()?;
        Ok(p)
    }

    #[test]
    fn origins_are_origins() {
        assert!(
            read(r#"{"data_origins": ["https://data.example.org", "http://127.0.0.1:8080"]}"#)
                .is_ok()
        );
        for bad in [
            "https://data.example.org/",
            "https://data.example.org/path",
            "ftp://example.org",
            "https://",
            "https://Example.org",
            "https://example.org:99999",
            "*",
            "https://*.example.org",
        ] {
            let err = read(&format!(r#"{{"data_origins": ["{bad}"]}}"#)).unwrap_err();
            assert!(err.to_string().contains("not an origin"), "{bad}: {err}");
        }
    }

    #[test]
    fn texts_are_named_sets_of_known_texts() {
        let p = read(r#"{"texts": {"niger-2024": {"headline": "H", "credit": "C"}}}"#).unwrap();
        assert_eq!(p.texts["niger-2024"]["headline"], "H");
        assert!(read(r#"{"texts": {"Niger": {"headline": "H"}}}"#).is_err());
        let err = read(r#"{"texts": {"a": {"title": "H"}}}"#).unwrap_err();
        assert!(err.to_string().contains("\"title\" is not one of"), "{err}");
        // A misspelt key is refused rather than silently ignored.
        assert!(read(r#"{"data_origin": []}"#).is_err());
    }

    #[test]
    fn no_file_allows_nothing_but_the_own_origin() {
        let p = Policy::load(Path::new("/nonexistent/embed.config.json")).unwrap();
        assert_eq!(p, Policy::default());
        assert_eq!(p.to_js().unwrap(), r#"{"dataOrigins":[],"texts":{}}"#);
    }

    /// The committed file is valid, and publishes the set the end-to-end tests pick.
    #[test]
    fn the_demo_policy_reads() {
        let p = Policy::load(&crate::util::root().join("embed.config.json")).unwrap();
        assert!(p.texts.contains_key("demo"));
    }
}
