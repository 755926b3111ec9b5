//! `cargo xtask geodata`: geodata/countries.geojson from Natural Earth 1:50m as npm `world-atlas`
//! ships it (TopoJSON). Arcs are simplified once each, so a border two countries share stays
//! shared; rings are then stitched, cleaned and oriented as RFC 7946 asks.

use crate::util::{ensure_node_modules, root};
use anyhow::{bail, Context, Result};
use geo::{Area, Coord, LineString, MultiPolygon, Orient, Polygon, Simplify};
use geojson::{Feature, Geometry, GeometryValue, PolygonType, Position};
use sahel_map::carto::frame::SAHEL;
use sahel_map::carto::label::label_point;
use sahel_map::carto::topology::{neighbours, shared_border, toward, Direction};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The exact world-atlas release the file is made from (also pinned in package.json).
pub const WORLD_ATLAS_VERSION: &str = "2.0.2";
/// How finely arcs are kept: Douglas–Peucker tolerance in degrees and decimals.
#[derive(Clone, Copy)]
struct Detail {
    tolerance: f64,
    decimals: i32,
}

/// The map's countries: about 3 km, under a pixel at the widget's sizes; 0.01° is about 1.1 km,
/// under two thirds of a pixel at the widest map zoomed in fully (8×).
const COUNTRY_DETAIL: Detail = Detail {
    tolerance: 0.03,
    decimals: 2,
};
/// Context land, a backdrop: coarser. Arcs it shares with the countries keep the countries'
/// detail (they are simplified first, and each arc only once).
const CONTEXT_DETAIL: Detail = Detail {
    tolerance: 0.1,
    decimals: 2,
};
/// Decimals of computed points (labels, the redrawn border).
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

/// Countries around the 24 that fall inside the frame, drawn as plain land for context: the
/// Mediterranean shore, the Horn, the Gulf of Guinea's south. ISO numeric and alpha-3.
const CONTEXT: [(&str, &str); 21] = [
    ("788", "TUN"),
    ("724", "ESP"),
    ("620", "PRT"),
    ("380", "ITA"),
    ("300", "GRC"),
    ("196", "CYP"),
    ("792", "TUR"),
    ("760", "SYR"),
    ("422", "LBN"),
    ("376", "ISR"),
    ("275", "PSE"),
    ("400", "JOR"),
    ("682", "SAU"),
    ("232", "ERI"),
    ("231", "ETH"),
    ("728", "SSD"),
    ("180", "COD"),
    ("178", "COG"),
    ("266", "GAB"),
    ("226", "GNQ"),
    ("800", "UGA"),
];

/// Capitals of the core five, labelled on the map. Coordinates: the gazetteer values in
/// ../shared/facts/sahel-facts.json (flagged there as not independently verified).
const CAPITALS: [(&str, &str, &str, [f64; 2]); 5] = [
    ("NER", "Niamey", "Niamey", [2.112, 13.512]),
    ("MLI", "Bamako", "Bamako", [-8.003, 12.639]),
    ("BFA", "Ouagadougou", "Ouagadougou", [-1.52, 12.371]),
    ("TCD", "N’Djamena", "N’Djaména", [15.044, 12.107]),
    ("MRT", "Nouakchott", "Nouakchott", [-15.965, 18.079]),
];

/// Territories drawn with a dashed border to the country that claims them.
const DISPUTED: [(&str, &str); 1] = [("ESH", "MAR")];

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
    let rings_of = |iso: &str| -> Result<Vec<Vec<Vec<i64>>>> {
        let numeric = COUNTRIES
            .iter()
            .map(|c| (c.0, c.1))
            .chain(CONTEXT)
            .find(|c| c.1 == iso)
            .map(|c| c.0)
            .context("not listed")?;
        let geometry = countries
            .geometries
            .iter()
            .find(|g| g.id.as_deref() == Some(numeric))
            .with_context(|| format!("{iso} ({numeric}) is not in world-atlas"))?;
        arc_polygons(geometry).with_context(|| iso.to_string())
    };
    let mut shape = |iso: &str, detail: Detail| -> Result<MultiPolygon> {
        assemble(&rings_of(iso)?, &arcs, &mut simplified, detail).with_context(|| iso.to_string())
    };
    let mut shapes: Vec<MultiPolygon> = COUNTRIES
        .iter()
        .map(|(_, iso, ..)| shape(iso, COUNTRY_DETAIL))
        .collect::<Result<_>>()?;
    for (territory, claimant) in DISPUTED {
        let index = |iso: &str| COUNTRIES.iter().position(|c| c.1 == iso).expect("listed");
        let (t, c) = (index(territory), index(claimant));
        let (whole, rest) = redraw_western_sahara(&shapes[t], &shapes[c])?;
        shapes[t] = whole;
        shapes[c] = rest;
    }
    let context: Vec<MultiPolygon> = CONTEXT
        .iter()
        .map(|(_, iso)| shape(iso, CONTEXT_DETAIL).map(|s| within_frame(&s)))
        .collect::<Result<_>>()?;

    // Label points and arrow-key neighbours, through carto, on the map's own projection.
    let projection = SAHEL.projection();
    let labels: Vec<[f64; 2]> = shapes
        .iter()
        .zip(COUNTRIES)
        .map(|(s, (_, iso, ..))| {
            label_point(s, &projection, 0.5).with_context(|| format!("no label point for {iso}"))
        })
        .collect::<Result<_>>()?;
    let on_screen: Vec<[f64; 2]> = labels.iter().map(|&p| projection.project(p)).collect();
    let pairs = neighbours(&shapes.iter().collect::<Vec<_>>());

    let mut features = Vec::new();
    for (i, (_, iso, en, fr)) in COUNTRIES.iter().enumerate() {
        let adjacent: Vec<usize> = pairs
            .iter()
            .filter_map(|&(a, b)| (a == i).then_some(b).or((b == i).then_some(a)))
            .collect();
        let positions: Vec<[f64; 2]> = adjacent.iter().map(|&j| on_screen[j]).collect();
        let mut arrows = serde_json::Map::new();
        for direction in Direction::ALL {
            if let Some(k) = toward(on_screen[i], &positions, direction) {
                arrows.insert(direction.name().into(), COUNTRIES[adjacent[k]].1.into());
            }
        }
        let mut neighbour_isos: Vec<&str> = adjacent.iter().map(|&j| COUNTRIES[j].1).collect();
        neighbour_isos.sort_unstable();
        let mut properties = json!({
            "iso3": iso,
            "name_en": en,
            "name_fr": fr,
            "label": [round(labels[i][0]), round(labels[i][1])],
            "neighbours": neighbour_isos,
            "arrows": arrows,
        });
        if let Some((_, cap_en, cap_fr, at)) = CAPITALS.iter().find(|c| c.0 == *iso) {
            properties["capital"] = json!({ "name_en": cap_en, "name_fr": cap_fr, "at": at });
        }
        if DISPUTED.iter().any(|d| d.0 == *iso) {
            properties["status"] = json!("disputed");
        }
        features.push(feature(properties, area(&shapes[i])));
    }
    for ((_, iso), shape) in CONTEXT.iter().zip(&context) {
        features.push(feature(
            json!({ "kind": "context", "iso3": iso }),
            area(shape),
        ));
    }
    for (territory, claimant) in DISPUTED {
        let index = |iso: &str| COUNTRIES.iter().position(|c| c.1 == iso).expect("listed");
        let border = shared_border(&shapes[index(territory)], &shapes[index(claimant)]);
        if border.0.is_empty() {
            bail!("{territory} and {claimant} share no border");
        }
        let lines = border.0.iter().map(positions).collect();
        features.push(feature(
            json!({ "kind": "disputed-border", "between": [territory, claimant] }),
            Geometry::new(GeometryValue::MultiLineString { coordinates: lines }),
        ));
    }
    let lines: Vec<String> = features
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<_, _>>()?;
    Ok(format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        lines.join(",\n")
    ))
}

/// One TopoJSON (Multi)Polygon as a cleaned, RFC 7946-oriented MultiPolygon.
fn assemble(
    polygons: &[Vec<Vec<i64>>],
    arcs: &[Vec<[f64; 2]>],
    simplified: &mut HashMap<usize, Vec<[f64; 2]>>,
    detail: Detail,
) -> Result<MultiPolygon> {
    let mut parts = Vec::new();
    for rings in polygons {
        let mut rings = rings
            .iter()
            .map(|ring| stitch(ring, arcs, simplified, detail));
        let Some(exterior) = rings.next().flatten() else {
            continue; // the outer ring collapsed: drop the whole part (a tiny islet)
        };
        let holes: Vec<LineString> = rings.flatten().collect();
        parts.push(Polygon::new(exterior, holes).orient(geo::orient::Direction::Default));
    }
    if parts.is_empty() {
        bail!("no polygon left after simplification");
    }
    Ok(MultiPolygon(parts))
}

/// Natural Earth's default view (as world-atlas ships it) draws Western Sahara as the strip east
/// of the Moroccan berm and gives the rest to Morocco. The map shows the whole territory, so the
/// two shapes are merged and cut again along the 27°40′ N border, from the Atlantic to the
/// tripoint with Algeria (an existing vertex, so Algeria's border is untouched). The cut is
/// densified along the parallel and shared exactly by both sides. Returns (territory, claimant).
fn redraw_western_sahara(
    territory: &MultiPolygon,
    claimant: &MultiPolygon,
) -> Result<(MultiPolygon, MultiPolygon)> {
    let [t, c] = [territory, claimant].map(|s| {
        s.0.iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
    });
    let (t, c) = (t.context("empty territory")?, c.context("empty claimant")?);
    // The tripoint: the northern end of what the two shapes share now.
    let tripoint = shared_border(
        &MultiPolygon(vec![t.clone()]),
        &MultiPolygon(vec![c.clone()]),
    )
    .0
    .iter()
    .flat_map(|l| [l.0[0], l.0[l.0.len() - 1]])
    .max_by(|a, b| a.y.total_cmp(&b.y))
    .context("the territory and its claimant share no border")?;
    // Dissolve: both outer rings (counter-clockwise) minus the edges they share, chained.
    let edges = |p: &Polygon| -> Vec<(Coord, Coord)> {
        p.exterior().lines().map(|l| (l.start, l.end)).collect()
    };
    let (te, ce) = (edges(t), edges(c));
    let mut pool: Vec<(Coord, Coord)> = te
        .iter()
        .filter(|(a, b)| !ce.contains(&(*b, *a)))
        .chain(ce.iter().filter(|(a, b)| !te.contains(&(*b, *a))))
        .copied()
        .collect();
    let mut ring = vec![tripoint];
    loop {
        let at = *ring.last().expect("not empty");
        let next = pool
            .iter()
            .position(|e| e.0 == at)
            .context("the merged outline does not close")?;
        let (_, b) = pool.swap_remove(next);
        ring.push(b);
        if b == tripoint {
            break;
        }
    }
    // From the tripoint the ring runs north (counter-clockwise, the east side goes up), round
    // Morocco, and comes down the coast: the first downward crossing of the parallel is where
    // the cut starts.
    let lat = tripoint.y;
    let crossing = (0..ring.len() - 1)
        .find(|&i| ring[i].y >= lat && ring[i + 1].y < lat && ring[i].x < tripoint.x - 1.0)
        .context("the coast never crosses the border's parallel")?;
    let (a, b) = (ring[crossing], ring[crossing + 1]);
    let coast = Coord {
        x: round(a.x + (b.x - a.x) * (a.y - lat) / (a.y - b.y)),
        y: lat,
    };
    let steps = (tripoint.x - coast.x).ceil() as usize;
    let cut: Vec<Coord> = (1..steps)
        .map(|i| Coord {
            x: round(coast.x + (tripoint.x - coast.x) * i as f64 / steps as f64),
            y: lat,
        })
        .collect();
    let mut north: Vec<Coord> = ring[..=crossing].to_vec();
    north.push(coast);
    north.extend(cut.iter().copied());
    north.push(tripoint);
    // The ring is closed, so this part ends at the tripoint.
    let mut south: Vec<Coord> = vec![coast];
    south.extend(ring[crossing + 1..].iter().copied());
    south.extend(cut.iter().rev().copied());
    south.push(coast);
    let with_others = |shape: &MultiPolygon, main: &Polygon, ring: Vec<Coord>| {
        let mut parts: Vec<Polygon> = shape.0.iter().filter(|p| *p != main).cloned().collect();
        parts.insert(
            0,
            Polygon::new(LineString(ring), vec![]).orient(geo::orient::Direction::Default),
        );
        MultiPolygon(parts)
    };
    Ok((
        with_others(territory, t, south),
        with_others(claimant, c, north),
    ))
}

/// A TopoJSON geometry's polygons, each a list of rings, each a list of signed arc indices.
fn arc_polygons(geometry: &TopoGeometry) -> Result<Vec<Vec<Vec<i64>>>> {
    Ok(match geometry.kind.as_str() {
        "Polygon" => vec![serde_json::from_value(geometry.arcs.clone())?],
        "MultiPolygon" => serde_json::from_value(geometry.arcs.clone())?,
        other => bail!("a {other}, not an area"),
    })
}

/// The parts of a context shape that reach into the map's frame (with a margin for the corners
/// the conic frame shows beyond its box).
fn within_frame(shape: &MultiPolygon) -> MultiPolygon {
    use geo::BoundingRect;
    let margin = 3.0;
    MultiPolygon(
        shape
            .0
            .iter()
            .filter(|p| {
                p.bounding_rect().is_some_and(|r| {
                    r.max().x >= SAHEL.west - margin
                        && r.min().x <= SAHEL.east + margin
                        && r.max().y >= SAHEL.south - margin
                        && r.min().y <= SAHEL.north + margin
                })
            })
            .cloned()
            .collect(),
    )
}

/// One country's or context land's shape: a Polygon when it has one part.
fn area(shape: &MultiPolygon) -> Geometry {
    let mut polygons: Vec<PolygonType> = shape.0.iter().map(polygon).collect();
    Geometry::new(if polygons.len() == 1 {
        GeometryValue::Polygon {
            coordinates: polygons.remove(0),
        }
    } else {
        GeometryValue::MultiPolygon {
            coordinates: polygons,
        }
    })
}

/// A GeoJSON feature with `properties` (an object) and `geometry`.
fn feature(properties: Value, geometry: Geometry) -> Feature {
    Feature {
        geometry: Some(geometry),
        properties: properties.as_object().cloned(),
        ..Feature::default()
    }
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
    detail: Detail,
) -> Option<LineString> {
    let mut points: Vec<[f64; 2]> = Vec::new();
    for &i in ring {
        let index = if i < 0 { !i } else { i } as usize;
        let arc = cache
            .entry(index)
            .or_insert_with(|| simplify_arc(&arcs[index], detail));
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
fn simplify_arc(arc: &[[f64; 2]], detail: Detail) -> Vec<[f64; 2]> {
    let k = 10f64.powi(detail.decimals);
    let line = LineString::from(arc.iter().map(|&[x, y]| Coord { x, y }).collect::<Vec<_>>());
    let mut points: Vec<[f64; 2]> = line
        .simplify(detail.tolerance)
        .coords()
        .map(|c| [(c.x * k).round() / k, (c.y * k).round() / k])
        .collect();
    points.dedup();
    points
}

fn round(v: f64) -> f64 {
    let k = 10f64.powi(DECIMALS);
    (v * k).round() / k
}

fn positions(l: &LineString) -> Vec<Position> {
    l.coords().map(|c| Position::from([c.x, c.y])).collect()
}

fn polygon(p: &Polygon) -> PolygonType {
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(positions)
        .collect()
}

#[cfg(test)]
mod tests;
