//! The bundled countries file, checked natively: what the map promises about it, and that our
//! lean loader reads it exactly as the reference `geojson` crate does.

use geojson::{FeatureCollection, GeometryValue};
use sahel_map::carto::frame::SAHEL;
use sahel_map::dataset::load_countries;

const COUNTRIES: &str = include_str!("../geodata/countries.geojson");
const EXPECTED: [&str; 24] = [
    "NER", "MLI", "BFA", "TCD", "MRT", "SEN", "GMB", "GNB", "GIN", "SLE", "LBR", "CIV", "GHA",
    "TGO", "BEN", "NGA", "CMR", "CAF", "SDN", "LBY", "DZA", "MAR", "ESH", "EGY",
];

#[test]
fn holds_the_24_countries_with_codes_and_both_names() {
    let (countries, skipped) = load_countries(COUNTRIES).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
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
    let (countries, _) = load_countries(COUNTRIES).unwrap();
    for c in &countries {
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
    let (countries, _) = load_countries(COUNTRIES).unwrap();
    assert_eq!(reference.features.len(), countries.len());
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
    let (countries, _) = load_countries(COUNTRIES).unwrap();
    for c in &countries {
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
