//! Pure data: typed models loaded from JSON, validated, with every problem reported as a JSON
//! path and a plain sentence. No web types. May import `carto` (the map's frame, for places on
//! it) and `i18n` (localised strings); `view`, `browser`, `ui` and `embed` build on it.

pub mod countries;
pub mod date;
pub mod json;
pub mod model;
pub mod query;
pub mod read;
mod rules;

pub use countries::{not_geojson, read_geodata, Arrows, Capital, CountryShape, Geodata};
pub use date::Date;
pub use json::Json;
pub use model::*;
pub use query::Status;
pub use read::{read_core, read_dataset, read_in_halves, Halfway};
#[cfg(not(target_arch = "wasm32"))]
pub use {countries::load_geodata, read::load_dataset};

use std::fmt;

/// geodata/sahel.json, compacted by build.rs.
pub const BUNDLED: &str = include_str!(concat!(env!("OUT_DIR"), "/sahel.json"));

/// The core of [`BUNDLED`], as the widget carries it (build.rs): everything but sources, notes
/// and summaries, which are fetched from the whole file when first wanted. Read with
/// [`read_core`]; used unless a page gives its own dataset with `data-src`.
pub const CORE: &str = include_str!(concat!(env!("OUT_DIR"), "/sahel.core.json"));

/// The members of a dataset the core leaves out (build.rs strips them at any depth).
pub const DETAIL_KEYS: [&str; 4] = ["sources", "at_sources", "note", "summary"];

/// One thing wrong with an input file: where (a JSON path such as `features[3].properties.iso3`)
/// and what, in a sentence a newsroom developer can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}
