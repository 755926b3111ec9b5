//! The map's frame: which part of the globe is shown, through which projection, on how large a
//! canvas. The canvas size is in SVG user units; the browser scales the SVG to the page.

use super::projection::{ConicEqualArea, Projection};
use geo_types::{Coord, LineString, MultiLineString};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Geographic box in degrees: west, south, east, north.
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
    /// Standard parallels of the conic projection, near 1/6 and 5/6 of the box's latitudes.
    pub parallels: [f64; 2],
    pub central_meridian: f64,
    /// Canvas width in SVG units; the height follows from the projected box.
    pub width: f64,
    /// Margin kept free inside the canvas on every side.
    pub padding: f64,
}

/// The Sahel and every neighbour the map draws, from Dakar to the Red Sea, Tangier to Bangui.
pub const SAHEL: Frame = Frame {
    west: -18.0,
    south: 1.0,
    east: 39.0,
    north: 38.0,
    parallels: [7.0, 32.0],
    central_meridian: 10.5,
    width: 1000.0,
    padding: 8.0,
};

impl Frame {
    /// Points along the box's four edges, dense enough that the curved parallels are bounded.
    pub fn edge_points(&self) -> Vec<[f64; 2]> {
        const STEPS: usize = 32;
        (0..=STEPS)
            .flat_map(|i| {
                let t = i as f64 / STEPS as f64;
                let lon = self.west + (self.east - self.west) * t;
                let lat = self.south + (self.north - self.south) * t;
                [
                    [lon, self.south],
                    [lon, self.north],
                    [self.west, lat],
                    [self.east, lat],
                ]
            })
            .collect()
    }

    fn unfitted(&self) -> Projection<ConicEqualArea> {
        Projection::new(
            ConicEqualArea::new(self.parallels[0], self.parallels[1]),
            self.central_meridian,
        )
    }

    /// Canvas height: the projected box's aspect ratio applied to the width, rounded up.
    pub fn height(&self) -> f64 {
        let unit = self.unfitted();
        let pts: Vec<[f64; 2]> = self
            .edge_points()
            .into_iter()
            .map(|p| unit.project(p))
            .collect();
        let span = |i: usize| {
            let (lo, hi) = pts
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                    (lo.min(p[i]), hi.max(p[i]))
                });
            hi - lo
        };
        let inner = self.width - 2.0 * self.padding;
        (inner * span(1) / span(0) + 2.0 * self.padding).ceil()
    }

    /// The projection fitted so the box fills the canvas inside the padding.
    pub fn projection(&self) -> Projection<ConicEqualArea> {
        let p = self.padding;
        self.unfitted().fit_extent(
            [[p, p], [self.width - p, self.height() - p]],
            self.edge_points(),
        )
    }

    /// Meridians and parallels at multiples of `step` degrees inside the box, densified so the
    /// parallels curve as the cone does.
    pub fn graticule(&self, step: f64) -> MultiLineString {
        let multiples = |lo: f64, hi: f64| {
            let first = (lo / step).ceil() as i32;
            let last = (hi / step).floor() as i32;
            (first..=last).map(move |k| k as f64 * step)
        };
        let along = |from: f64, to: f64| {
            let n = ((to - from).abs().ceil() as usize).max(1);
            (0..=n).map(move |i| from + (to - from) * i as f64 / n as f64)
        };
        let meridians = multiples(self.west, self.east).map(|lon| {
            LineString(
                along(self.south, self.north)
                    .map(|lat| Coord { x: lon, y: lat })
                    .collect(),
            )
        });
        let parallels = multiples(self.south, self.north).map(|lat| {
            LineString(
                along(self.west, self.east)
                    .map(|lon| Coord { x: lon, y: lat })
                    .collect(),
            )
        });
        MultiLineString(meridians.chain(parallels).collect())
    }

    pub fn contains(&self, [lon, lat]: [f64; 2]) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_fills_the_canvas_inside_the_padding() {
        let f = SAHEL;
        let p = f.projection();
        let pts: Vec<[f64; 2]> = f.edge_points().into_iter().map(|q| p.project(q)).collect();
        let min_x = pts.iter().map(|q| q[0]).fold(f64::INFINITY, f64::min);
        let max_x = pts.iter().map(|q| q[0]).fold(f64::NEG_INFINITY, f64::max);
        let min_y = pts.iter().map(|q| q[1]).fold(f64::INFINITY, f64::min);
        let max_y = pts.iter().map(|q| q[1]).fold(f64::NEG_INFINITY, f64::max);
        assert!((min_x - f.padding).abs() < 1e-6 && (max_x - (f.width - f.padding)).abs() < 1e-6);
        assert!(min_y >= f.padding - 1e-6 && max_y <= f.height() - f.padding + 1e-6);
        // The height is rounded up by less than one unit.
        assert!(f.height() - f.padding - max_y < 1.0 + 1e-6);
    }

    #[test]
    fn the_graticule_has_a_line_per_multiple_of_the_step_inside_the_box() {
        let lines = SAHEL.graticule(10.0);
        // Meridians −10…30 (5), parallels 10…30 (3).
        assert_eq!(lines.0.len(), 8);
        assert!(lines
            .0
            .iter()
            .flat_map(|l| l.0.iter())
            .all(|c| SAHEL.contains([c.x, c.y])));
        // Densified to about a degree a step, so a parallel curves on the map.
        assert!(lines.0[5].0.len() > 50);
    }

    #[test]
    fn niamey_is_inside_and_paris_is_not() {
        assert!(SAHEL.contains([2.11, 13.51]));
        assert!(!SAHEL.contains([2.35, 48.86]));
    }
}
