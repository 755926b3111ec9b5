//! The bundled countries file, checked natively: what the map promises about it, and that our
//! lean loader reads it exactly as the reference `geojson` crate does.
// Native only: the dataset and countries files are parsed with serde_json here.
#![cfg(not(target_arch = "wasm32"))]

use geojson::{FeatureCollection, GeometryValue};
use sahel_map::carto::frame::SAHEL;
use sahel_map::dataset::{load_geodata, CountryShape};

const COUNTRIES: &str = include_str!("../geodata/countries.geojson");

fn countries() -> Vec<CountryShape> {
    let (geodata, skipped) = load_geodata(COUNTRIES).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    geodata.countries
}
const EXPECTED: [&str; 24] = [
    "NER", "MLI", "BFA", "TCD", "MRT", "SEN", "GMB", "GNB", "GIN", "SLE", "LBR", "CIV", "GHA",
    "TGO", "BEN", "NGA", "CMR", "CAF", "SDN", "LBY", "DZA", "MAR", "ESH", "EGY",
];

#[test]
fn holds_the_24_countries_with_codes_and_both_names() {
    let countries = countries();
    let mut isos: Vec<&str> = countries.iter().map(|c| c.iso.as_str()).collect();
    isos.sort();
    let mut expected = EXPECTED.to_vec();
    expected.sort();
    assert_eq!(isos, expected);
    for c in &countries {
        assert!(
            !c.name.en.is_empty() && !c.name.fr.is_empty(),
            "{} lacks a name",
            c.iso
        );
    }
    let chad = countries.iter().find(|c| c.iso == "TCD").unwrap();
    assert_eq!(
        (chad.name.en.as_str(), chad.name.fr.as_str()),
        ("Chad", "Tchad")
    );
}

#[test]
fn coordinates_have_at_most_four_decimals_and_lie_in_the_frame() {
    // Scan the text itself: the JSON numbers as written, not as parsed.
    let start = COUNTRIES.find("\"coordinates\"").unwrap();
    let mut checked = 0;
    for token in COUNTRIES[start..].split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
        if let Some((_, decimals)) = token.split_once('.') {
            assert!(decimals.len() <= 4, "{token} has more than four decimals");
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} numbers found");
    for c in &countries() {
        for p in &c.geometry.0 {
            for coord in &p.exterior().0 {
                // Every country lies wholly inside the map's box (a little slack for coasts).
                assert!(
                    SAHEL.contains([coord.x, coord.y]),
                    "{} reaches outside the frame at {coord:?}",
                    c.iso
                );
            }
        }
    }
}

#[test]
fn our_loader_reads_what_the_geojson_crate_reads() {
    let reference: FeatureCollection = COUNTRIES.parse().unwrap();
    let countries = countries();
    // The countries come first in the file, before context land and borders.
    for (feature, ours) in reference.features.iter().zip(&countries) {
        let props = feature.properties.as_ref().unwrap();
        assert_eq!(props["iso3"], ours.iso.as_str());
        let polygons = match &feature.geometry.as_ref().unwrap().value {
            GeometryValue::Polygon { coordinates } => vec![coordinates.clone()],
            GeometryValue::MultiPolygon { coordinates } => coordinates.clone(),
            other => panic!("{} is a {}", ours.iso, other.type_name()),
        };
        assert_eq!(polygons.len(), ours.geometry.0.len(), "{}", ours.iso);
        for (rings, polygon) in polygons.iter().zip(&ours.geometry.0) {
            let our_rings: Vec<_> = std::iter::once(polygon.exterior())
                .chain(polygon.interiors())
                .collect();
            assert_eq!(rings.len(), our_rings.len(), "{}", ours.iso);
            for (ring, line) in rings.iter().zip(our_rings) {
                let theirs: Vec<[f64; 2]> = ring.iter().map(|p| [p[0], p[1]]).collect();
                let mine: Vec<[f64; 2]> = line.0.iter().map(|c| [c.x, c.y]).collect();
                assert_eq!(theirs, mine, "{}", ours.iso);
            }
        }
    }
}

#[test]
fn rings_follow_rfc7946_orientation() {
    // Exterior rings counter-clockwise, holes clockwise (positive shoelace area = CCW).
    let signed = |ring: &[geo_types::Coord]| {
        ring.windows(2)
            .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
            .sum::<f64>()
            / 2.0
    };
    for c in &countries() {
        for p in &c.geometry.0 {
            assert!(
                signed(&p.exterior().0) > 0.0,
                "{} has a clockwise exterior",
                c.iso
            );
            for hole in p.interiors() {
                assert!(
                    signed(&hole.0) < 0.0,
                    "{} has a counter-clockwise hole",
                    c.iso
                );
            }
        }
    }
}

fn rings(c: &CountryShape) -> Vec<Vec<[f64; 2]>> {
    c.geometry
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|r| r.0.iter().map(|q| [q.x, q.y]).collect())
        .collect()
}

fn distance_to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    (p[0] - (a[0] + t * dx)).hypot(p[1] - (a[1] + t * dy))
}

/// No gaps and no slivers: wherever a vertex of one country comes within 0.01° (about 1 km) of a
/// stretch of another country's boundary that it does not share, it is exactly one of that
/// country's vertices (borders simplified separately would leave vertices a little off the
/// neighbour's line); and no vertex of one country lies inside another (no overlaps). A narrow
/// peninsula's own coast may lie close to the border it shares, hence "does not share", and
/// vertices right by a junction are close by nature.
#[test]
fn neighbours_meet_exactly_with_no_gaps_or_slivers() {
    type Key = (i64, i64);
    let q = |p: [f64; 2]| -> Key { ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64) };
    let edge = |a: [f64; 2], b: [f64; 2]| {
        if q(a) < q(b) {
            (q(a), q(b))
        } else {
            (q(b), q(a))
        }
    };
    let countries = countries();
    let mut shared = 0;
    for a in &countries {
        let a_rings = rings(a);
        let a_edges: std::collections::HashSet<(Key, Key)> = a_rings
            .iter()
            .flat_map(|r| r.windows(2).map(|w| edge(w[0], w[1])))
            .collect();
        for b in countries.iter().filter(|b| b.iso != a.iso) {
            let b_rings = rings(b);
            let b_vertices: std::collections::HashSet<Key> =
                b_rings.iter().flatten().map(|&p| q(p)).collect();
            for &p in a_rings.iter().flatten() {
                let on_border = b_vertices.contains(&q(p));
                let near = b_rings.iter().any(|r| {
                    r.windows(2).any(|w| {
                        !a_edges.contains(&edge(w[0], w[1]))
                            && distance_to_segment(p, w[0], w[1]) < 0.01
                    })
                });
                // Right by a point both shapes share (where a border meets the coast, say),
                // closeness is geometry, not a gap.
                let by_junction = a_rings.iter().flatten().any(|&v| {
                    b_vertices.contains(&q(v)) && (v[0] - p[0]).hypot(v[1] - p[1]) < 0.01
                });
                if near && !by_junction {
                    assert!(
                        on_border,
                        "{} vertex {p:?} lies near but off {}'s border",
                        a.iso, b.iso
                    );
                }
                shared += usize::from(on_border);
                assert!(
                    on_border || !sahel_map::carto::labels::inside(&b_rings, p),
                    "{} vertex {p:?} lies inside {}",
                    a.iso,
                    b.iso
                );
            }
        }
    }
    assert!(
        shared > 500,
        "only {shared} shared vertices: are the borders there?"
    );
}

#[test]
fn every_label_point_lies_inside_its_country() {
    for c in countries() {
        let label = c
            .label
            .unwrap_or_else(|| panic!("{} has no label point", c.iso));
        assert!(
            sahel_map::carto::labels::inside(&rings(&c), label),
            "{}'s label {label:?} is outside it",
            c.iso
        );
    }
}

/// From any country, the arrow keys reach every other one: nobody is stranded.
#[test]
fn arrow_keys_reach_every_country_from_every_country() {
    let countries = countries();
    let index = |iso: &str| {
        countries
            .iter()
            .position(|c| c.iso == iso)
            .unwrap_or_else(|| panic!("{iso}"))
    };
    let edges: Vec<Vec<usize>> = countries
        .iter()
        .map(|c| {
            [
                &c.arrows.up,
                &c.arrows.right,
                &c.arrows.down,
                &c.arrows.left,
            ]
            .into_iter()
            .flatten()
            .map(|iso| index(iso))
            .collect()
        })
        .collect();
    for start in 0..countries.len() {
        let mut seen = vec![false; countries.len()];
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(&edges[i]);
            }
        }
        let stranded: Vec<&str> = seen
            .iter()
            .zip(&countries)
            .filter(|(s, _)| !**s)
            .map(|(_, c)| c.iso.as_str())
            .collect();
        assert!(
            stranded.is_empty(),
            "from {}, arrows never reach {stranded:?}",
            countries[start].iso
        );
    }
    // And they follow the map: right from Niger is Chad, up from Niger is Algeria or Libya.
    let niger = &countries[index("NER")];
    assert_eq!(niger.arrows.right.as_deref(), Some("TCD"));
    assert!(matches!(niger.arrows.up.as_deref(), Some("DZA" | "LBY")));
}

#[test]
fn western_sahara_is_its_own_disputed_shape_with_a_dashed_border_to_morocco() {
    let (geodata, _) = load_geodata(COUNTRIES).unwrap();
    let esh = geodata.countries.iter().find(|c| c.iso == "ESH").unwrap();
    assert!(esh.disputed);
    assert_eq!(geodata.disputed_borders.len(), 1);
    // The dashed line runs along the latitude of the 27°40′ N border, from the coast inland.
    let line = &geodata.disputed_borders[0].0[0];
    assert!(line.0.len() >= 2);
    assert!(
        line.0.iter().all(|c| (27.0..28.0).contains(&c.y)),
        "{line:?}"
    );
    assert!(!geodata.context.is_empty());
}

#[test]
fn the_core_five_have_capitals() {
    for c in countries() {
        let core = ["NER", "MLI", "BFA", "TCD", "MRT"].contains(&c.iso.as_str());
        assert_eq!(c.capital.is_some(), core, "{}", c.iso);
        if let Some(capital) = &c.capital {
            assert!(
                sahel_map::carto::labels::inside(&rings(&c), capital.at),
                "{} capital outside",
                c.iso
            );
        }
    }
}

#[test]
fn a_phone_map_is_cropped_to_the_five_as_the_stylesheet_says() {
    let geo = std::fs::read_to_string("geodata/countries.geojson").unwrap();
    let (geodata, _) = sahel_map::dataset::load_geodata(&geo).unwrap();
    let map = sahel_map::view::scene::draw(&geodata, &sahel_map::carto::frame::SAHEL);
    let [x0, x1] = map.five_span();
    let css = std::fs::read_to_string("www/widget.css").unwrap();
    let (w, x, span) = (map.width as i32, x0 as i32, (x1 - x0) as i32);
    assert!(
        css.contains(&format!("width: calc(100% * {w} / {span});")),
        "{x0} {x1}"
    );
    assert!(css.contains(&format!("margin-left: calc(-100% * {x} / {span});")));
    assert!(css.contains(&format!("aspect-ratio: {span} / {};", map.height as i32)));
    // At 375 px (a 343 px box) the map is at least 320 px tall.
    assert!(343.0 * map.height / (x1 - x0) >= 320.0);
    // Every one of the five is inside the span.
    for c in map.countries.iter().filter(|c| c.core) {
        assert!(
            c.rings.iter().flatten().all(|p| p[0] >= x0 && p[0] <= x1),
            "{}",
            c.iso
        );
    }
}

#[test]
fn the_countries_markup_holds_every_shape_in_order_as_buttons_or_inert() {
    let (geodata, _) = load_geodata(COUNTRIES).unwrap();
    let mut map = sahel_map::view::scene::draw(&geodata, &SAHEL);
    let live = map.countries_svg(false);
    let isos: Vec<&str> = live
        .split(r#"data-iso=""#)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let drawn: Vec<&str> = map.countries.iter().map(|c| c.iso.as_str()).collect();
    assert_eq!(isos, drawn);
    // Buttons, not pressed, out of the tab order until the widget gives one the tab stop.
    assert_eq!(
        live.matches(r#"role="button" tabindex="-1" aria-pressed="false""#)
            .count(),
        24
    );
    assert_eq!(live.matches("sm-country is-core").count(), 5);
    let inert = map.countries_svg(true);
    assert_eq!(inert.matches("<path").count(), 24);
    assert!(!inert.contains("role=") && !inert.contains("tabindex"));
    // A page's own countries file names its shapes: its codes are text.
    map.countries[0].iso = r#"X"><script>"#.to_string();
    let odd = map.countries_svg(false);
    assert!(
        odd.contains(r#"data-iso="X&quot;&gt;&lt;script&gt;""#),
        "{}",
        &odd[..120]
    );
    assert!(!odd.contains("<script>"));
}
