//! The countries file: a GeoJSON FeatureCollection of countries (`iso3`, `name_en`, `name_fr`,
//! and the build-time `label`, `arrows`, `capital`, `status`), plus optional context land and
//! disputed borders (see geodata/README.md for the format).
//!
//! Read through the [`Json`] trait rather than the `geojson` crate, whose general serde types
//! cost the wasm about 28 KB brotli; tests/geodata.rs checks both readers agree on the bundled
//! file.

use super::json::Json;
use super::Problem;
use crate::i18n::Localized;
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};

/// Everything the countries file gives the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geodata {
    pub countries: Vec<CountryShape>,
    /// Land around the map's countries, drawn for context only.
    pub context: Vec<MultiPolygon>,
    /// Borders drawn dashed: between a disputed territory and its claimant.
    pub disputed_borders: Vec<MultiLineString>,
}

/// A country as the map draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-3 code, upper case.
    pub iso: String,
    pub name: Localized,
    /// Longitude/latitude degrees; every polygon has a valid outer ring.
    pub geometry: MultiPolygon,
    /// Where its name goes, [lon, lat]; files without one get the middle of the largest part.
    pub label: Option<[f64; 2]>,
    /// The country each arrow key leads to.
    pub arrows: Arrows,
    pub capital: Option<Capital>,
    /// A territory whose status is disputed (Western Sahara).
    pub disputed: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Arrows {
    pub up: Option<String>,
    pub right: Option<String>,
    pub down: Option<String>,
    pub left: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Capital {
    pub name: Localized,
    /// [lon, lat]
    pub at: [f64; 2],
}

#[cfg(not(target_arch = "wasm32"))]
/// Parses a countries file (native: through serde_json; the browser uses [`read_geodata`] on
/// its own parse). Features that cannot be drawn are skipped and reported; a file that does not
/// parse, or leaves no country to draw, is an error.
///
/// ```
/// let json = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"iso3":"NER","name_en":"Niger","name_fr":"Niger"},
///   "geometry":{"type":"Polygon","coordinates":[[[0,12],[15,12],[15,23],[0,12]]]}}]}"#;
/// let (geodata, skipped) = sahel_map::dataset::load_geodata(json).unwrap();
/// assert_eq!(geodata.countries[0].iso, "NER");
/// assert!(skipped.is_empty());
/// ```
pub fn load_geodata(text: &str) -> Result<(Geodata, Vec<Problem>), Vec<Problem>> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| vec![not_geojson(&e.to_string())])?;
    read_geodata(&value)
}

/// The problem of a file that is not GeoJSON at all, `why` saying what the parser found; `path`
/// the member at fault (empty: the file as a whole).
pub fn not_geojson_at(path: &str, why: &str) -> Problem {
    Problem::new(path, format!("not a GeoJSON FeatureCollection ({why})"))
}

/// [`not_geojson_at`] the file as a whole (it is not JSON).
pub fn not_geojson(why: &str) -> Problem {
    not_geojson_at("", why)
}

/// Reads a parsed countries file; see [`load_geodata`].
pub fn read_geodata(root: impl Json) -> Result<(Geodata, Vec<Problem>), Vec<Problem>> {
    if root.get("type").and_then(|t| t.as_str()).as_deref() != Some("FeatureCollection") {
        return Err(vec![not_geojson_at(
            "type",
            "its type is not \"FeatureCollection\"",
        )]);
    }
    let features = root
        .get("features")
        .and_then(|f| f.items())
        .ok_or_else(|| vec![not_geojson_at("features", "it has no features array")])?;
    let mut geodata = Geodata::default();
    let mut skipped = Vec::new();
    for (i, feature) in features.into_iter().enumerate() {
        let at = |field: &str| format!("features[{i}].{field}");
        let props = feature.get("properties");
        let text = |key: &str| props.as_ref().and_then(|p| p.text(key));
        let geometry = feature.get("geometry");
        match text("kind").as_deref() {
            Some("context") => match geometry.and_then(|g| area(&g)) {
                Some(shape) => geodata.context.push(shape),
                None => skipped.push(Problem::new(
                    at("geometry"),
                    "context land needs a Polygon or MultiPolygon",
                )),
            },
            Some("disputed-border") => match geometry.and_then(|g| lines(&g)) {
                Some(border) => geodata.disputed_borders.push(border),
                None => skipped.push(Problem::new(
                    at("geometry"),
                    "a border needs a LineString or MultiLineString",
                )),
            },
            Some(other) => skipped.push(Problem::new(
                at("properties.kind"),
                format!("unknown kind {other:?}"),
            )),
            None => match country(props.as_ref(), geometry.as_ref()) {
                Ok(c) if geodata.countries.iter().any(|d| d.iso == c.iso) => skipped.push(
                    Problem::new(at("properties.iso3"), format!("{} appears twice", c.iso)),
                ),
                Ok(c) => geodata.countries.push(c),
                Err((field, message)) => skipped.push(Problem::new(at(field), message)),
            },
        }
    }
    if geodata.countries.is_empty() {
        let mut problems = vec![Problem::new("features", "no country the map can draw")];
        problems.extend(skipped);
        return Err(problems);
    }
    Ok((geodata, skipped))
}

fn country<J: Json>(
    props: Option<&J>,
    geometry: Option<&J>,
) -> Result<CountryShape, (&'static str, &'static str)> {
    let text = |key: &str| props.and_then(|p| p.text(key));
    let iso = text("iso3")
        .filter(|s| is_iso3(s))
        .ok_or(("properties.iso3", "missing or not a three-letter ISO code"))?;
    let geometry = geometry.and_then(area).ok_or((
        "geometry",
        "not a Polygon or MultiPolygon with a valid ring",
    ))?;
    let en = text("name_en").unwrap_or_else(|| iso.clone());
    let fr = text("name_fr").unwrap_or_else(|| en.clone());
    let arrows = props.and_then(|p| p.get("arrows"));
    let arrow = |key: &str| {
        arrows
            .as_ref()
            .and_then(|a| a.text(key))
            .filter(|s| is_iso3(s))
    };
    let capital = props.and_then(|p| p.get("capital")).and_then(|c| {
        let en = c.text("name_en")?;
        let fr = c.text("name_fr").unwrap_or_else(|| en.clone());
        Some(Capital {
            name: Localized { en, fr },
            at: c.get("at")?.position()?,
        })
    });
    Ok(CountryShape {
        label: props
            .and_then(|p| p.get("label"))
            .and_then(|l| l.position()),
        arrows: Arrows {
            up: arrow("up"),
            right: arrow("right"),
            down: arrow("down"),
            left: arrow("left"),
        },
        capital,
        disputed: text("status").as_deref() == Some("disputed"),
        iso,
        name: Localized { en, fr },
        geometry,
    })
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// A Polygon or MultiPolygon as geo-types, keeping the polygons whose outer ring is valid.
fn area(g: &impl Json) -> Option<MultiPolygon> {
    let coordinates = g.get("coordinates")?.items()?;
    let polygons: Vec<Polygon> = match g.get("type")?.as_str()?.as_str() {
        "Polygon" => polygon(&coordinates).into_iter().collect(),
        "MultiPolygon" => coordinates
            .iter()
            .filter_map(|p| polygon(&p.items()?))
            .collect(),
        _ => return None,
    };
    (!polygons.is_empty()).then_some(MultiPolygon(polygons))
}

/// A LineString or MultiLineString.
fn lines(g: &impl Json) -> Option<MultiLineString> {
    let coordinates = g.get("coordinates")?;
    let lines: Vec<LineString> = match g.get("type")?.as_str()?.as_str() {
        "LineString" => line(&coordinates, 2).into_iter().collect(),
        "MultiLineString" => coordinates
            .items()?
            .iter()
            .filter_map(|l| line(l, 2))
            .collect(),
        _ => return None,
    };
    (!lines.is_empty()).then_some(MultiLineString(lines))
}

fn polygon<J: Json>(rings: &[J]) -> Option<Polygon> {
    let (exterior, holes) = rings.split_first()?;
    Some(Polygon::new(
        line(exterior, 4)?,
        holes.iter().filter_map(|h| line(h, 4)).collect(),
    ))
}

/// At least `min` valid positions (a closed ring needs four, RFC 7946 § 3.1.6).
fn line(n: &impl Json, min: usize) -> Option<LineString> {
    let coords: Vec<Coord> = n
        .positions()?
        .into_iter()
        .map(|[x, y]| Coord { x, y })
        .collect();
    (coords.len() >= min).then_some(LineString(coords))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn feature(props: &str, geometry: &str) -> String {
        format!(r#"{{"type":"Feature","properties":{props},"geometry":{geometry}}}"#)
    }

    const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#;

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn reads_codes_both_names_and_the_shape() {
        let text = collection(&[feature(
            r#"{"iso3":"TCD","name_en":"Chad","name_fr":"Tchad","pop":5}"#,
            SQUARE,
        )]);
        let (geodata, skipped) = load_geodata(&text).unwrap();
        let countries = geodata.countries;
        assert_eq!(countries.len(), 1);
        assert_eq!(countries[0].iso, "TCD");
        assert_eq!(countries[0].name.fr, "Tchad");
        assert_eq!(countries[0].geometry.0[0].exterior().0.len(), 5);
        assert!(skipped.is_empty());
    }

    #[test]
    fn reads_multipolygons_with_holes() {
        let mp = r#"{"type":"MultiPolygon","coordinates":[
            [[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,1],[2,2],[1,1]]],
            [[[20,0],[21,0],[21,1],[20,0]]]]}"#;
        let (geodata, _) = load_geodata(&collection(&[feature(r#"{"iso3":"SEN"}"#, mp)])).unwrap();
        let g = &geodata.countries[0].geometry;
        assert_eq!(g.0.len(), 2);
        assert_eq!(g.0[0].interiors().len(), 1);
    }

    #[test]
    fn skips_and_reports_features_it_cannot_draw() {
        let text = collection(&[
            feature(
                r#"{"iso3":"TCD","name_en":"Chad","name_fr":"Tchad"}"#,
                SQUARE,
            ),
            feature(r#"{"iso3":"chad"}"#, SQUARE),
            feature(
                r#"{"iso3":"MLI"}"#,
                r#"{"type":"Point","coordinates":[0,0]}"#,
            ),
            feature(r#"{"iso3":"TCD"}"#, SQUARE),
            feature(
                r#"{"iso3":"NER"}"#,
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
            ),
            feature(r#"{"iso3":42}"#, SQUARE),
        ]);
        let (geodata, skipped) = load_geodata(&text).unwrap();
        let countries = geodata.countries;
        assert_eq!(countries.len(), 1);
        let paths: Vec<&str> = skipped.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "features[1].properties.iso3",
                "features[2].geometry",
                "features[3].properties.iso3",
                "features[4].geometry",
                "features[5].properties.iso3",
            ]
        );
    }

    #[test]
    fn reads_build_time_properties_context_land_and_disputed_borders() {
        let props = r#"{"iso3":"ESH","name_en":"Western Sahara","status":"disputed","label":[-12.5,24.2],
            "arrows":{"up":"MAR","right":"DZA","down":"mrt","left":7},
            "capital":{"name_en":"Laayoune","at":[-13.2,27.15]}}"#;
        let text = collection(&[
            feature(props, SQUARE),
            feature(r#"{"kind":"context","iso3":"ESP"}"#, SQUARE),
            feature(
                r#"{"kind":"disputed-border"}"#,
                r#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}"#,
            ),
            feature(r#"{"kind":"sea"}"#, SQUARE),
            feature(
                r#"{"kind":"context"}"#,
                r#"{"type":"Point","coordinates":[0,0]}"#,
            ),
        ]);
        let (geodata, skipped) = load_geodata(&text).unwrap();
        let esh = &geodata.countries[0];
        assert!(esh.disputed);
        assert_eq!(esh.label, Some([-12.5, 24.2]));
        assert_eq!(esh.arrows.up.as_deref(), Some("MAR"));
        assert_eq!(esh.arrows.right.as_deref(), Some("DZA"));
        // Codes that are not ISO3 lead nowhere.
        assert_eq!(
            (esh.arrows.down.as_deref(), esh.arrows.left.as_deref()),
            (None, None)
        );
        let capital = esh.capital.as_ref().unwrap();
        assert_eq!(
            (capital.name.fr.as_str(), capital.at),
            ("Laayoune", [-13.2, 27.15])
        );
        assert_eq!(geodata.context.len(), 1);
        assert_eq!(geodata.disputed_borders[0].0[0].0.len(), 2);
        let paths: Vec<&str> = skipped.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["features[3].properties.kind", "features[4].geometry"]
        );
    }

    #[test]
    fn a_missing_french_name_falls_back_to_english() {
        let text = collection(&[feature(r#"{"iso3":"NER","name_en":"Niger"}"#, SQUARE)]);
        let countries = load_geodata(&text).unwrap().0.countries;
        assert_eq!(countries[0].name.fr, "Niger");
    }

    #[test]
    fn broken_json_wrong_types_and_empty_collections_are_errors() {
        let broken = load_geodata("{\"type\":\"FeatureCol").unwrap_err();
        assert!(
            broken[0]
                .message
                .starts_with("not a GeoJSON FeatureCollection"),
            "{broken:?}"
        );
        let feature = load_geodata(&feature("{}", SQUARE)).unwrap_err();
        assert!(
            feature[0].message.contains("FeatureCollection"),
            "{feature:?}"
        );
        let empty = load_geodata(&collection(&[])).unwrap_err();
        assert_eq!(
            empty[0].to_string(),
            "features: no country the map can draw"
        );
    }
}
