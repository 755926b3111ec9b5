//! carto's projection against the reference implementation: d3-geo's geoConicEqualArea set up
//! as our frame is (fixture made by tests/fixtures/d3-projection.mjs).
// Native only: reads JSON with serde_json (or files) on the machine.
#![cfg(not(target_arch = "wasm32"))]

use sahel_map::carto::frame::SAHEL;
use sahel_map::carto::{ConicEqualArea, Projection};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    parallels: [f64; 2],
    central_meridian: f64,
    extent: [[f64; 2]; 2],
    fit_points: Vec<[f64; 2]>,
    scale: f64,
    points: Vec<Point>,
}

#[derive(Deserialize)]
struct Point {
    lon_lat: [f64; 2],
    xy: [f64; 2],
}

fn fixture() -> Fixture {
    serde_json::from_str(include_str!("fixtures/d3-projection.json")).unwrap()
}

#[test]
fn the_fixture_was_made_for_the_frame_we_draw() {
    let f = fixture();
    assert_eq!(
        f.parallels, SAHEL.parallels,
        "rerun tests/fixtures/d3-projection.mjs"
    );
    assert_eq!(f.central_meridian, SAHEL.central_meridian);
    let p = SAHEL.padding;
    assert_eq!(f.extent, [[p, p], [SAHEL.width - p, SAHEL.height() - p]]);
    assert_eq!(f.fit_points, SAHEL.edge_points());
    assert!(f.points.len() >= 50);
    for corner in [
        [SAHEL.west, SAHEL.south],
        [SAHEL.west, SAHEL.north],
        [SAHEL.east, SAHEL.south],
        [SAHEL.east, SAHEL.north],
    ] {
        assert!(
            f.points.iter().any(|q| q.lon_lat == corner),
            "corner {corner:?} missing"
        );
    }
}

#[test]
fn carto_agrees_with_d3_geo_to_a_millionth() {
    let f = fixture();
    let ours = Projection::new(
        ConicEqualArea::new(f.parallels[0], f.parallels[1]),
        f.central_meridian,
    )
    .fit_extent(f.extent, f.fit_points.iter().copied());
    assert!(
        (ours.scale() - f.scale).abs() < 1e-6,
        "scale {} vs {}",
        ours.scale(),
        f.scale
    );
    let frame = SAHEL.projection();
    for point in &f.points {
        for projected in [ours.project(point.lon_lat), frame.project(point.lon_lat)] {
            let error = (projected[0] - point.xy[0]).hypot(projected[1] - point.xy[1]);
            assert!(
                error < 1e-6,
                "{:?}: {projected:?} vs d3 {:?}",
                point.lon_lat,
                point.xy
            );
        }
    }
}
