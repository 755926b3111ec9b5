//! Pure data: typed models loaded from JSON, validated, with every problem reported as a JSON
//! path and a plain sentence. No web types.

pub mod countries;
pub mod date;
pub mod json;
pub mod model;
pub mod query;
pub mod read;

pub use countries::{
    load_geodata, not_geojson, read_geodata, Arrows, Capital, CountryShape, Geodata,
};
pub use date::Date;
pub use json::Json;
pub use model::*;
pub use query::Status;
pub use read::{load_dataset, read_dataset};

use std::fmt;

/// geodata/sahel.json as the widget bundles it (compacted by build.rs); used unless a page gives
/// its own with `data-src`.
pub const BUNDLED: &str = include_str!(concat!(env!("OUT_DIR"), "/sahel.json"));

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
