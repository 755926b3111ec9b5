//! The countries file: a GeoJSON FeatureCollection whose features carry `iso3`, `name_en` and
//! `name_fr` properties (see geodata/README.md).
//!
//! Read with a lean serde model rather than the `geojson` crate, whose general types cost the
//! wasm about 28 KB brotli; tests/geodata.rs checks both readers agree on the bundled file.

use super::json::{LenientString, Nested};
use super::Problem;
use crate::i18n::Localized;
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use serde::Deserialize;

/// A country as the map draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-3 code, upper case.
    pub iso: String,
    pub name: Localized,
    /// Longitude/latitude degrees; every polygon has a valid outer ring.
    pub geometry: MultiPolygon,
}

#[derive(Deserialize)]
struct RawCollection {
    #[serde(rename = "type", default)]
    kind: LenientString,
    features: Option<Vec<RawFeature>>,
}

#[derive(Deserialize)]
struct RawFeature {
    #[serde(default)]
    properties: Option<RawProperties>,
    #[serde(default)]
    geometry: Option<RawGeometry>,
}

#[derive(Deserialize)]
struct RawProperties {
    #[serde(default)]
    iso3: LenientString,
    #[serde(default)]
    name_en: LenientString,
    #[serde(default)]
    name_fr: LenientString,
}

#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type", default)]
    kind: LenientString,
    #[serde(default)]
    coordinates: Option<Nested>,
}

/// Parses a countries file. Features that cannot be drawn are skipped and reported; a file that
/// does not parse, or leaves no country to draw, is an error.
///
/// ```
/// let json = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"iso3":"NER","name_en":"Niger","name_fr":"Niger"},
///   "geometry":{"type":"Polygon","coordinates":[[[0,12],[15,12],[15,23],[0,12]]]}}]}"#;
/// let (countries, skipped) = sahel_map::dataset::load_countries(json).unwrap();
/// assert_eq!(countries[0].iso, "NER");
/// assert!(skipped.is_empty());
/// ```
pub fn load_countries(text: &str) -> Result<(Vec<CountryShape>, Vec<Problem>), Vec<Problem>> {
    let not_geojson = |why: String| {
        vec![Problem::new(
            "",
            format!("not a GeoJSON FeatureCollection ({why})"),
        )]
    };
    let raw: RawCollection = serde_json::from_str(text).map_err(|e| not_geojson(e.to_string()))?;
    if raw.kind.text() != Some("FeatureCollection") {
        return Err(not_geojson("its type is not \"FeatureCollection\"".into()));
    }
    let features = raw
        .features
        .ok_or_else(|| not_geojson("it has no features".into()))?;
    let mut countries: Vec<CountryShape> = Vec::new();
    let mut skipped = Vec::new();
    for (i, feature) in features.into_iter().enumerate() {
        let at = |field: &str| format!("features[{i}].{field}");
        let props = feature.properties.as_ref();
        let text = |pick: fn(&RawProperties) -> &LenientString| props.and_then(|p| pick(p).text());
        let Some(iso) = text(|p| &p.iso3).filter(|s| is_iso3(s)) else {
            skipped.push(Problem::new(
                at("properties.iso3"),
                "missing or not a three-letter ISO code",
            ));
            continue;
        };
        let Some(geometry) = feature.geometry.as_ref().and_then(area) else {
            skipped.push(Problem::new(
                at("geometry"),
                "not a Polygon or MultiPolygon with a valid ring",
            ));
            continue;
        };
        if countries.iter().any(|c| c.iso == iso) {
            skipped.push(Problem::new(
                at("properties.iso3"),
                format!("{iso} appears twice"),
            ));
            continue;
        }
        let en = text(|p| &p.name_en).unwrap_or(iso).to_string();
        let fr = text(|p| &p.name_fr).map_or_else(|| en.clone(), str::to_string);
        countries.push(CountryShape {
            iso: iso.to_string(),
            name: Localized { en, fr },
            geometry,
        });
    }
    if countries.is_empty() {
        let mut problems = vec![Problem::new("features", "no country the map can draw")];
        problems.extend(skipped);
        return Err(problems);
    }
    Ok((countries, skipped))
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// A Polygon or MultiPolygon as geo-types, keeping the polygons whose outer ring is valid.
fn area(g: &RawGeometry) -> Option<MultiPolygon> {
    let coordinates = g.coordinates.as_ref()?.list()?;
    let polygons: Vec<Polygon> = match g.kind.text()? {
        "Polygon" => polygon(coordinates).into_iter().collect(),
        "MultiPolygon" => coordinates
            .iter()
            .filter_map(|p| polygon(p.list()?))
            .collect(),
        _ => return None,
    };
    (!polygons.is_empty()).then_some(MultiPolygon(polygons))
}

fn polygon(rings: &[Nested]) -> Option<Polygon> {
    let (exterior, holes) = rings.split_first()?;
    Some(Polygon::new(
        ring(exterior)?,
        holes.iter().filter_map(ring).collect(),
    ))
}

/// A closed ring of at least four valid positions (RFC 7946 § 3.1.6).
fn ring(n: &Nested) -> Option<LineString> {
    let coords: Vec<Coord> = n
        .list()?
        .iter()
        .map(|p| p.position().map(|[x, y]| Coord { x, y }))
        .collect::<Option<_>>()?;
    (coords.len() >= 4).then_some(LineString(coords))
}

#[cfg(test)]
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
        let (countries, skipped) = load_countries(&text).unwrap();
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
        let (countries, _) =
            load_countries(&collection(&[feature(r#"{"iso3":"SEN"}"#, mp)])).unwrap();
        let g = &countries[0].geometry;
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
        let (countries, skipped) = load_countries(&text).unwrap();
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
    fn a_missing_french_name_falls_back_to_english() {
        let text = collection(&[feature(r#"{"iso3":"NER","name_en":"Niger"}"#, SQUARE)]);
        let (countries, _) = load_countries(&text).unwrap();
        assert_eq!(countries[0].name.fr, "Niger");
    }

    #[test]
    fn broken_json_wrong_types_and_empty_collections_are_errors() {
        let broken = load_countries("{\"type\":\"FeatureCol").unwrap_err();
        assert!(
            broken[0]
                .message
                .starts_with("not a GeoJSON FeatureCollection"),
            "{broken:?}"
        );
        let feature = load_countries(&feature("{}", SQUARE)).unwrap_err();
        assert!(
            feature[0].message.contains("FeatureCollection"),
            "{feature:?}"
        );
        let empty = load_countries(&collection(&[])).unwrap_err();
        assert_eq!(
            empty[0].to_string(),
            "features: no country the map can draw"
        );
    }
}
