//! The geodata pipeline's tests: the committed file, shared borders, stitching.
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
    let countries = sahel_map::dataset::load_geodata(&committed)
        .unwrap()
        .0
        .countries;
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
    let west = stitch(&[0, 1], &arcs, &mut cache, COUNTRY_DETAIL).unwrap();
    let east = stitch(&[2, !0], &arcs, &mut cache, COUNTRY_DETAIL).unwrap();
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
    assert!(stitch(&[0], &arcs, &mut HashMap::new(), COUNTRY_DETAIL).is_none());
}
