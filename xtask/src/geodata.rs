//! `cargo xtask geodata`: geodata/countries.geojson from Natural Earth 1:50m as npm `world-atlas`
//! ships it (TopoJSON). Arcs are simplified once each, so a border two countries share stays
//! shared; rings are then stitched, cleaned and oriented as RFC 7946 asks.

use crate::util::{ensure_node_modules, root};
use anyhow::{bail, Context, Result};
use geo::{Area, Coord, LineString, Orient, Polygon, Simplify};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The exact world-atlas release the file is made from (also pinned in package.json).
pub const WORLD_ATLAS_VERSION: &str = "2.0.2";
/// Douglas–Peucker tolerance in degrees: about 3 km, under a pixel at the widget's sizes.
const TOLERANCE: f64 = 0.03;
/// Decimals kept: 0.001° is about 110 m.
const DECIMALS: i32 = 3;

/// The 24 countries of the map: ISO numeric (world-atlas ids), ISO alpha-3, English, French.
pub const COUNTRIES: [(&str, &str, &str, &str); 24] = [
    ("562", "NER", "Niger", "Niger"),
    ("466", "MLI", "Mali", "Mali"),
    ("854", "BFA", "Burkina Faso", "Burkina Faso"),
    ("148", "TCD", "Chad", "Tchad"),
    ("478", "MRT", "Mauritania", "Mauritanie"),
    ("686", "SEN", "Senegal", "Sénégal"),
    ("270", "GMB", "Gambia", "Gambie"),
    ("624", "GNB", "Guinea-Bissau", "Guinée-Bissau"),
    ("324", "GIN", "Guinea", "Guinée"),
    ("694", "SLE", "Sierra Leone", "Sierra Leone"),
    ("430", "LBR", "Liberia", "Libéria"),
    ("384", "CIV", "Côte d’Ivoire", "Côte d’Ivoire"),
    ("288", "GHA", "Ghana", "Ghana"),
    ("768", "TGO", "Togo", "Togo"),
    ("204", "BEN", "Benin", "Bénin"),
    ("566", "NGA", "Nigeria", "Nigéria"),
    ("120", "CMR", "Cameroon", "Cameroun"),
    (
        "140",
        "CAF",
        "Central African Republic",
        "République centrafricaine",
    ),
    ("729", "SDN", "Sudan", "Soudan"),
    ("434", "LBY", "Libya", "Libye"),
    ("012", "DZA", "Algeria", "Algérie"),
    ("504", "MAR", "Morocco", "Maroc"),
    ("732", "ESH", "Western Sahara", "Sahara occidental"),
    ("818", "EGY", "Egypt", "Égypte"),
];

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: BTreeMap<String, GeometryCollection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct GeometryCollection {
    geometries: Vec<TopoGeometry>,
}

#[derive(Deserialize)]
struct TopoGeometry {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
    #[serde(default)]
    arcs: Value,
}

pub fn geodata() -> Result<()> {
    ensure_node_modules()?;
    let package = root().join("node_modules/world-atlas");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(package.join("package.json"))?)?;
    if manifest["version"] != WORLD_ATLAS_VERSION {
        bail!(
            "world-atlas {} installed, {WORLD_ATLAS_VERSION} expected: run npm ci",
            manifest["version"]
        );
    }
    let text = std::fs::read_to_string(package.join("countries-50m.json"))?;
    let out = countries_geojson(&text)?;
    let path = root().join("geodata/countries.geojson");
    std::fs::write(&path, &out)?;
    eprintln!("wrote {} ({} bytes)", path.display(), out.len());
    Ok(())
}

/// The whole conversion, from TopoJSON text to GeoJSON text. Deterministic.
pub fn countries_geojson(topojson: &str) -> Result<String> {
    let topology: Topology = serde_json::from_str(topojson).context("parsing the TopoJSON")?;
    let arcs = decode_arcs(&topology);
    let countries = topology
        .objects
        .get("countries")
        .context("the topology has no `countries` object")?;
    let mut simplified: HashMap<usize, Vec<[f64; 2]>> = HashMap::new();
    let mut features = Vec::new();
    for (numeric, iso, en, fr) in COUNTRIES {
        let geometry = countries
            .geometries
            .iter()
            .find(|g| g.id.as_deref() == Some(numeric))
            .with_context(|| format!("{iso} ({numeric}) is not in world-atlas"))?;
        let polygons: Vec<Vec<Vec<i64>>> = match geometry.kind.as_str() {
            "Polygon" => vec![serde_json::from_value(geometry.arcs.clone())?],
            "MultiPolygon" => serde_json::from_value(geometry.arcs.clone())?,
            other => bail!("{iso} is a {other}"),
        };
        let mut parts = Vec::new();
        for rings in &polygons {
            let mut rings = rings
                .iter()
                .map(|ring| stitch(ring, &arcs, &mut simplified));
            let Some(exterior) = rings.next().flatten() else {
                continue; // the outer ring collapsed: drop the whole part (a tiny islet)
            };
            let holes: Vec<LineString> = rings.flatten().collect();
            parts.push(Polygon::new(exterior, holes).orient(geo::orient::Direction::Default));
        }
        if parts.is_empty() {
            bail!("{iso} has no polygon left after simplification");
        }
        let coordinates: Vec<Value> = parts.iter().map(polygon_json).collect();
        let geometry = if coordinates.len() == 1 {
            json!({ "type": "Polygon", "coordinates": coordinates[0] })
        } else {
            json!({ "type": "MultiPolygon", "coordinates": coordinates })
        };
        features.push(json!({
            "type": "Feature",
            "properties": { "iso3": iso, "name_en": en, "name_fr": fr },
            "geometry": geometry,
        }));
    }
    let lines: Vec<String> = features.iter().map(|f| f.to_string()).collect();
    Ok(format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        lines.join(",\n")
    ))
}

/// Quantized, delta-encoded arcs → absolute longitude/latitude.
fn decode_arcs(t: &Topology) -> Vec<Vec<[f64; 2]>> {
    t.arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    [
                        x as f64 * t.transform.scale[0] + t.transform.translate[0],
                        y as f64 * t.transform.scale[1] + t.transform.translate[1],
                    ]
                })
                .collect()
        })
        .collect()
}

/// Joins a ring's arcs (a negative index is the reversed arc `!index`) into a closed ring, or
/// None if it degenerates.
fn stitch(
    ring: &[i64],
    arcs: &[Vec<[f64; 2]>],
    cache: &mut HashMap<usize, Vec<[f64; 2]>>,
) -> Option<LineString> {
    let mut points: Vec<[f64; 2]> = Vec::new();
    for &i in ring {
        let index = if i < 0 { !i } else { i } as usize;
        let arc = cache
            .entry(index)
            .or_insert_with(|| simplify_arc(&arcs[index]));
        let mut arc = arc.clone();
        if i < 0 {
            arc.reverse();
        }
        // Consecutive arcs share their joining point.
        let skip = usize::from(!points.is_empty());
        points.extend(arc.into_iter().skip(skip));
    }
    points.dedup();
    if points.first() != points.last() {
        let first = *points.first()?;
        points.push(first);
    }
    let line = LineString::from(
        points
            .iter()
            .map(|&[x, y]| Coord { x, y })
            .collect::<Vec<_>>(),
    );
    let area = Polygon::new(line.clone(), vec![]).unsigned_area();
    (points.len() >= 4 && area > 1e-6).then_some(line)
}

/// An arc simplified (its endpoints are always kept) and rounded.
fn simplify_arc(arc: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let line = LineString::from(arc.iter().map(|&[x, y]| Coord { x, y }).collect::<Vec<_>>());
    let mut points: Vec<[f64; 2]> = line
        .simplify(TOLERANCE)
        .coords()
        .map(|c| [round(c.x), round(c.y)])
        .collect();
    points.dedup();
    points
}

fn round(v: f64) -> f64 {
    let k = 10f64.powi(DECIMALS);
    (v * k).round() / k
}

fn polygon_json(p: &Polygon) -> Value {
    let ring =
        |l: &LineString| Value::from(l.coords().map(|c| json!([c.x, c.y])).collect::<Vec<_>>());
    Value::from(
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(ring)
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_file_is_exactly_what_the_pipeline_makes() {
        let source = root().join("node_modules/world-atlas/countries-50m.json");
        let topojson = std::fs::read_to_string(&source)
            .unwrap_or_else(|e| panic!("{} ({e}): run `npm ci` first", source.display()));
        let committed = std::fs::read_to_string(root().join("geodata/countries.geojson")).unwrap();
        assert!(
            countries_geojson(&topojson).unwrap() == committed,
            "run `cargo xtask geodata`"
        );
    }

    /// Niger and Nigeria share a long border: after simplification, its vertices are still the
    /// very same coordinates in both countries (no gap, no sliver).
    #[test]
    fn a_shared_border_keeps_identical_vertices_on_both_sides() {
        let committed = std::fs::read_to_string(root().join("geodata/countries.geojson")).unwrap();
        let (countries, _) = sahel_map::dataset::load_countries(&committed).unwrap();
        let points = |iso: &str| -> std::collections::HashSet<(i64, i64)> {
            let c = countries.iter().find(|c| c.iso == iso).unwrap();
            c.geometry
                .0
                .iter()
                .flat_map(|p| p.exterior().0.iter())
                .map(|c| ((c.x * 1000.0).round() as i64, (c.y * 1000.0).round() as i64))
                .collect()
        };
        let shared = points("NER").intersection(&points("NGA")).count();
        assert!(
            shared >= 20,
            "only {shared} shared vertices between NER and NGA"
        );
    }

    /// A tiny topology: two unit squares sharing the arc x = 1, the second using it reversed,
    /// with clockwise rings as world-atlas stores them.
    #[test]
    fn stitches_reversed_arcs_and_orients_rings_counter_clockwise() {
        let topology = Topology {
            transform: Transform {
                scale: [1.0, 1.0],
                translate: [0.0, 0.0],
            },
            arcs: vec![
                vec![[1, 0], [0, 1]],                   // shared: (1,0) → (1,1)
                vec![[1, 1], [-1, 0], [0, -1], [1, 0]], // west square's rest, clockwise
                vec![[1, 0], [1, 0], [0, 1], [-1, 0]],  // east square's rest
            ],
            objects: BTreeMap::new(),
        };
        let arcs = decode_arcs(&topology);
        let mut cache = HashMap::new();
        let west = stitch(&[0, 1], &arcs, &mut cache).unwrap();
        let east = stitch(&[2, !0], &arcs, &mut cache).unwrap();
        assert_eq!(west.0.len(), 5);
        assert_eq!(east.0.len(), 5);
        let west = Polygon::new(west, vec![]).orient(geo::orient::Direction::Default);
        assert!(west.signed_area() > 0.0);
        let has = |p: &LineString, x: f64, y: f64| p.0.iter().any(|c| c.x == x && c.y == y);
        for (x, y) in [(1.0, 0.0), (1.0, 1.0)] {
            assert!(has(west.exterior(), x, y) && has(&east, x, y));
        }
    }

    #[test]
    fn a_ring_that_collapses_is_dropped() {
        let arcs = vec![vec![[0.0, 0.0], [0.0001, 0.0], [0.0, 0.0001], [0.0, 0.0]]];
        assert!(stitch(&[0], &arcs, &mut HashMap::new()).is_none());
    }
}
