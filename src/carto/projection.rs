//! Projections as d3-geo shapes them: a tiny raw function on radians, then rotation, scale and
//! translation applied around it by [`Projection`], and a generic fit to an extent.

use std::f64::consts::PI;

const EPSILON: f64 = 1e-6;

/// A raw projection: longitude and latitude in radians → unscaled plane coordinates with y up.
pub trait Raw {
    fn raw(&self, lambda: f64, phi: f64) -> [f64; 2];
    /// The inverse: plane coordinates → [λ, φ] in radians.
    fn invert(&self, x: f64, y: f64) -> [f64; 2];
}

/// Albers' conic equal-area projection with two standard parallels (d3's `geoConicEqualAreaRaw`).
///
/// Areas on the map are proportional to areas on the ground, which matters once symbols and
/// countries are compared by size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConicEqualArea {
    n: f64,
    c: f64,
    r0: f64,
}

impl ConicEqualArea {
    /// Standard parallels in degrees. They must not be symmetric about the equator (the cone
    /// would degenerate into a cylinder), which the Sahel's parallels never are.
    pub fn new(parallel0: f64, parallel1: f64) -> Self {
        let sy0 = parallel0.to_radians().sin();
        let n = (sy0 + parallel1.to_radians().sin()) / 2.0;
        assert!(n.abs() > EPSILON, "parallels symmetric about the equator");
        let c = 1.0 + sy0 * (2.0 * n - sy0);
        Self {
            n,
            c,
            r0: c.sqrt() / n,
        }
    }
}

impl Raw for ConicEqualArea {
    fn raw(&self, lambda: f64, phi: f64) -> [f64; 2] {
        // Clamp so points beyond the cone's reach (never on our map) stay finite.
        let r = (self.c - 2.0 * self.n * phi.sin()).max(0.0).sqrt() / self.n;
        let theta = lambda * self.n;
        [r * theta.sin(), self.r0 - r * theta.cos()]
    }

    fn invert(&self, x: f64, y: f64) -> [f64; 2] {
        let r0y = self.r0 - y;
        let mut l = x.atan2(r0y.abs()) * r0y.signum();
        if r0y * self.n < 0.0 {
            l -= PI * x.signum() * r0y.signum();
        }
        let s = (self.c - (x * x + r0y * r0y) * self.n * self.n) / (2.0 * self.n);
        [l / self.n, super::within(s, -1.0, 1.0).asin()]
    }
}

/// A raw projection rotated about the polar axis, then scaled and translated to screen
/// coordinates (y down), as d3's `projection.rotate([-λ0, 0]).scale(k).translate([tx, ty])`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection<R> {
    raw: R,
    /// Central meridian in radians.
    lambda0: f64,
    k: f64,
    tx: f64,
    ty: f64,
}

impl<R: Raw> Projection<R> {
    /// Unit scale, no translation, centred on `central_meridian` (degrees).
    pub fn new(raw: R, central_meridian: f64) -> Self {
        Self {
            raw,
            lambda0: central_meridian.to_radians(),
            k: 1.0,
            tx: 0.0,
            ty: 0.0,
        }
    }

    /// [lon, lat] in degrees → [x, y] on screen.
    pub fn project(&self, lon_lat: [f64; 2]) -> [f64; 2] {
        let [x, y] = self.unit(lon_lat);
        [self.tx + self.k * x, self.ty - self.k * y]
    }

    /// [x, y] on screen → [lon, lat] in degrees.
    pub fn invert(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let [lambda, phi] = self
            .raw
            .invert((x - self.tx) / self.k, (self.ty - y) / self.k);
        let lon = (lambda + self.lambda0).to_degrees();
        // Back into [-180, 180] after undoing the rotation.
        let lon = if lon > 180.0 {
            lon - 360.0
        } else if lon < -180.0 {
            lon + 360.0
        } else {
            lon
        };
        [lon, phi.to_degrees()]
    }

    pub fn scale(&self) -> f64 {
        self.k
    }

    pub fn translate(&self) -> [f64; 2] {
        [self.tx, self.ty]
    }

    fn unit(&self, [lon, lat]: [f64; 2]) -> [f64; 2] {
        let mut lambda = lon.to_radians() - self.lambda0;
        // Wrap into [-π, π] as d3's rotation does.
        if lambda > PI {
            lambda -= 2.0 * PI;
        } else if lambda < -PI {
            lambda += 2.0 * PI;
        }
        self.raw.raw(lambda, lat.to_radians())
    }

    /// Scale and translate so that `points` fill `extent` ([[x0, y0], [x1, y1]]) and sit centred
    /// in it, as d3's `fitExtent` does for a MultiPoint. Pass densified box edges, not a polygon:
    /// the box's interior is what the projection is fitted to, and its edges bound it.
    ///
    /// ```
    /// use sahel_map::carto::{ConicEqualArea, Projection};
    /// let points = [[-10.0, 0.0], [10.0, 0.0], [0.0, 20.0]];
    /// let p = Projection::new(ConicEqualArea::new(5.0, 15.0), 0.0)
    ///     .fit_extent([[0.0, 0.0], [100.0, 100.0]], points);
    /// let xs: Vec<f64> = points.iter().map(|&q| p.project(q)[0]).collect();
    /// assert!((xs[0] - 0.0).abs() < 1e-9 && (xs[1] - 100.0).abs() < 1e-9);
    /// ```
    pub fn fit_extent(
        self,
        extent: [[f64; 2]; 2],
        points: impl IntoIterator<Item = [f64; 2]>,
    ) -> Self {
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for point in points {
            // Screen orientation (y down) at unit scale, as d3 measures bounds.
            let [x, y] = self.unit(point);
            let y = -y;
            lo = [lo[0].min(x), lo[1].min(y)];
            hi = [hi[0].max(x), hi[1].max(y)];
        }
        assert!(
            lo[0] < hi[0] && lo[1] < hi[1],
            "fit needs points spanning an area"
        );
        let [[x0, y0], [x1, y1]] = extent;
        let (w, h) = (x1 - x0, y1 - y0);
        let k = (w / (hi[0] - lo[0])).min(h / (hi[1] - lo[1]));
        Self {
            k,
            tx: x0 + (w - k * (hi[0] + lo[0])) / 2.0,
            ty: y0 + (h - k * (hi[1] + lo[1])) / 2.0,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spherical area of a lon/lat cell on the unit sphere.
    fn cell_area(lon0: f64, lat0: f64, lon1: f64, lat1: f64) -> f64 {
        (lon1 - lon0).to_radians() * (lat1.to_radians().sin() - lat0.to_radians().sin())
    }

    /// Planar area of the projected cell, approximated by a finely sampled polygon.
    fn projected_area(
        p: &Projection<ConicEqualArea>,
        lon0: f64,
        lat0: f64,
        lon1: f64,
        lat1: f64,
    ) -> f64 {
        let steps = 200;
        let mut ring = Vec::new();
        for i in 0..steps {
            ring.push([lon0 + (lon1 - lon0) * i as f64 / steps as f64, lat0]);
        }
        for i in 0..steps {
            ring.push([lon1, lat0 + (lat1 - lat0) * i as f64 / steps as f64]);
        }
        for i in 0..steps {
            ring.push([lon1 - (lon1 - lon0) * i as f64 / steps as f64, lat1]);
        }
        for i in 0..steps {
            ring.push([lon0, lat1 - (lat1 - lat0) * i as f64 / steps as f64]);
        }
        let pts: Vec<[f64; 2]> = ring.iter().map(|&q| p.project(q)).collect();
        let mut twice = 0.0;
        for i in 0..pts.len() {
            let [a, b] = [pts[i], pts[(i + 1) % pts.len()]];
            twice += a[0] * b[1] - b[0] * a[1];
        }
        (twice / 2.0).abs()
    }

    #[test]
    fn equal_cells_on_the_ground_have_equal_areas_on_the_map() {
        let p = Projection::new(ConicEqualArea::new(7.0, 32.0), 10.0);
        let near_equator = projected_area(&p, -15.0, 2.0, -5.0, 12.0);
        let far_north = projected_area(&p, 25.0, 28.0, 35.0, 38.0);
        let ratio_map = near_equator / far_north;
        let ratio_ground = cell_area(-15.0, 2.0, -5.0, 12.0) / cell_area(25.0, 28.0, 35.0, 38.0);
        assert!(
            (ratio_map - ratio_ground).abs() < 1e-4,
            "{ratio_map} vs {ratio_ground}"
        );
        // Unit scale: the projection preserves area on the unit sphere itself.
        let unit = projected_area(&p, 0.0, 10.0, 10.0, 20.0);
        assert!((unit - cell_area(0.0, 10.0, 10.0, 20.0)).abs() < 1e-5);
    }

    #[test]
    fn invert_undoes_project() {
        let p = Projection::new(ConicEqualArea::new(7.0, 32.0), 10.5).fit_extent(
            [[0.0, 0.0], [1000.0, 600.0]],
            [[-18.0, 1.0], [39.0, 38.0], [-18.0, 38.0]],
        );
        for lon_lat in [
            [2.112, 13.512],
            [-17.5, 1.5],
            [38.9, 37.9],
            [10.5, 20.0],
            [-179.0, 60.0],
        ] {
            let back = p.invert(p.project(lon_lat));
            assert!(
                (back[0] - lon_lat[0]).abs() < 1e-9 && (back[1] - lon_lat[1]).abs() < 1e-9,
                "{lon_lat:?} → {back:?}"
            );
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = Projection::new(ConicEqualArea::new(7.0, 32.0), 10.0);
        let [x0, y0] = p.project([10.0, 15.0]);
        let [x1, _] = p.project([12.0, 15.0]);
        let [_, y2] = p.project([10.0, 17.0]);
        assert!(x1 > x0 && y2 < y0);
        // The central meridian is vertical.
        assert!((p.project([10.0, 30.0])[0] - x0).abs() < 1e-12);
    }

    #[test]
    fn fit_fills_the_extent_on_the_limiting_axis_and_centres_the_other() {
        let edges: Vec<[f64; 2]> = (0..=10)
            .flat_map(|i| {
                let t = i as f64 / 10.0;
                [
                    [-20.0 + 40.0 * t, 0.0],
                    [-20.0 + 40.0 * t, 30.0],
                    [-20.0, 30.0 * t],
                    [20.0, 30.0 * t],
                ]
            })
            .collect();
        let p = Projection::new(ConicEqualArea::new(7.0, 32.0), 0.0)
            .fit_extent([[10.0, 20.0], [410.0, 1020.0]], edges.iter().copied());
        let xs: Vec<f64> = edges.iter().map(|&q| p.project(q)[0]).collect();
        let ys: Vec<f64> = edges.iter().map(|&q| p.project(q)[1]).collect();
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Width limits: it spans exactly 10..410; height is centred in 20..1020.
        assert!((min(&xs) - 10.0).abs() < 1e-9 && (max(&xs) - 410.0).abs() < 1e-9);
        assert!(((min(&ys) - 20.0) - (1020.0 - max(&ys))).abs() < 1e-9);
        assert!(max(&ys) - min(&ys) < 1000.0);
    }
}
