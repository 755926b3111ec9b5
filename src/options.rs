//! The options object the loader passes to the wasm's `mount`, read field by field. Pure (read
//! through [`Json`]), so it is checked natively, hostile values included.

use crate::dataset::Json;

/// Options the loader reads from the element's attributes.
#[derive(Debug, Default, PartialEq)]
pub struct Options {
    /// `lang` attribute, else the page's `<html lang>`; anything but fr/en falls back to English.
    pub lang: Option<String>,
    /// URL of the countries GeoJSON (`data-geo-src`, else the bundled file).
    pub geo_src: String,
    /// `country`: ISO3 of the country selected at start.
    pub country: Option<String>,
    /// `data-src`: URL of a dataset in the bundled one's schema (None: the bundled dataset).
    pub data_src: Option<String>,
    /// `layers`: comma-separated layer ids (None: the dataset's defaults).
    pub layers: Option<String>,
    /// `date`: YYYY, YYYY-MM or YYYY-MM-DD (None: the dataset's as-of date).
    pub date: Option<String>,
    /// `url-state`: keep the view in the page's URL fragment.
    pub url_state: bool,
    /// URL of the whole bundled dataset (`sahel.json` beside the loader), fetched when its
    /// sources, notes and summaries are first wanted.
    pub bundled_src: Option<String>,
}

impl Options {
    /// Reads `{ geoSrc, lang?, country?, dataSrc?, layers?, date?, urlState?, bundledSrc? }`; a
    /// field of the wrong type is an error naming it (`options.lang: expected a string`).
    ///
    /// ```
    /// use sahel_map::options::Options;
    /// let ok = serde_json::json!({ "geoSrc": "c.geojson", "lang": "fr", "urlState": true });
    /// let options = Options::read(&ok).unwrap();
    /// assert_eq!((options.lang.as_deref(), options.url_state), (Some("fr"), true));
    /// let bad = serde_json::json!({ "geoSrc": "c.geojson", "date": 2024 });
    /// assert_eq!(Options::read(&bad).unwrap_err(), "options.date: expected a string");
    /// ```
    pub fn read(value: impl Json) -> Result<Options, String> {
        let text = |key: &str| -> Result<Option<String>, String> {
            match value.get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_str()
                    .map(Some)
                    .ok_or_else(|| format!("options.{key}: expected a string")),
            }
        };
        let geo_src = value
            .get("geoSrc")
            .and_then(|v| v.as_str())
            .ok_or("options.geoSrc: expected the URL of a countries GeoJSON")?;
        Ok(Options {
            lang: text("lang")?,
            geo_src,
            country: text("country")?,
            data_src: text("dataSrc")?,
            layers: text("layers")?,
            date: text("date")?,
            bundled_src: text("bundledSrc")?,
            url_state: match value.get("urlState") {
                None => false,
                Some(v) => v
                    .as_bool()
                    .ok_or("options.urlState: expected true or false")?,
            },
        })
    }
}
