//! Label points, computed at build time (`cargo xtask geodata`): the pole of inaccessibility of a
//! shape's largest part as drawn, i.e. in projected coordinates, via the `polylabel` crate.
//! Behind the `build` feature, so `geo` and `polylabel` stay out of the wasm.

use super::projection::{ConicEqualArea, Projection};
use geo::{Area, MapCoords};
use geo_types::{Coord, MultiPolygon};

/// Where a country's name sits best, in longitude/latitude: the point of its largest polygon
/// (as projected) farthest from any edge. `tolerance` is in projected units.
pub fn label_point(
    shape: &MultiPolygon,
    projection: &Projection<ConicEqualArea>,
    tolerance: f64,
) -> Option<[f64; 2]> {
    let largest = shape
        .0
        .iter()
        .map(|p| {
            p.map_coords(|c| {
                // Flip y so the projected polygon keeps its orientation (screen y points down).
                let [x, y] = projection.project([c.x, c.y]);
                Coord { x, y: -y }
            })
        })
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let pole = polylabel::polylabel(&largest, &tolerance).ok()?;
    Some(projection.invert([pole.x(), -pole.y()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carto::frame::SAHEL;
    use geo_types::polygon;

    #[test]
    fn the_label_of_an_l_shape_sits_in_its_thick_part_not_its_bounding_box_centre() {
        // An L: a thick vertical bar (x 0–4) and a thin foot to the east (y 0–1, x 4–16).
        let l = MultiPolygon(vec![polygon![
            (x: 0.0, y: 0.0), (x: 16.0, y: 0.0), (x: 16.0, y: 1.0), (x: 4.0, y: 1.0),
            (x: 4.0, y: 16.0), (x: 0.0, y: 16.0), (x: 0.0, y: 0.0)
        ]]);
        let [lon, lat] = label_point(&l, &SAHEL.projection(), 0.1).unwrap();
        assert!(
            (0.0..4.0).contains(&lon) && (1.0..16.0).contains(&lat),
            "{lon}, {lat}"
        );
    }

    #[test]
    fn the_largest_part_wins() {
        let parts = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)],
            polygon![(x: 10.0, y: 10.0), (x: 20.0, y: 10.0), (x: 20.0, y: 20.0), (x: 10.0, y: 20.0)],
        ]);
        let [lon, lat] = label_point(&parts, &SAHEL.projection(), 0.1).unwrap();
        assert!((10.0..20.0).contains(&lon) && (10.0..20.0).contains(&lat));
    }
}
