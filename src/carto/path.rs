//! Geometry → SVG path data, as a trait on `geo-types` geometries.
//!
//! Coordinates are rounded to a tenth of an SVG unit (well under a pixel at any size the map is
//! shown at) and points that round onto their predecessor are dropped.

use super::fixed::write_fixed;
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};

/// Geometry that can be drawn as an SVG `<path d="…">` through a projection.
pub trait ToSvgPath {
    /// Appends this geometry's path data to `out`.
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut String);

    /// ```
    /// use sahel_map::carto::ToSvgPath;
    /// use geo_types::polygon;
    /// let square = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)];
    /// assert_eq!(square.to_svg_path(&|[x, y]| [x * 10.0, -y * 10.0]), "M0,0L10,0L10,-10Z");
    /// ```
    fn to_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2]) -> String {
        let mut out = String::new();
        self.write_svg_path(project, &mut out);
        out
    }
}

impl ToSvgPath for MultiPolygon {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut String) {
        self.0.iter().for_each(|p| p.write_svg_path(project, out));
    }
}

impl ToSvgPath for Polygon {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut String) {
        let start = out.len();
        write_line(&self.exterior().0, true, project, out);
        if out.len() == start {
            return; // the outer ring vanished at this scale, so do its holes
        }
        for hole in self.interiors() {
            write_line(&hole.0, true, project, out);
        }
    }
}

impl ToSvgPath for MultiLineString {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut String) {
        self.0.iter().for_each(|l| l.write_svg_path(project, out));
    }
}

impl ToSvgPath for LineString {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut String) {
        write_line(&self.0, false, project, out);
    }
}

fn write_line(
    line: &[Coord],
    closed: bool,
    project: &dyn Fn([f64; 2]) -> [f64; 2],
    out: &mut String,
) {
    let mut last: Option<(i64, i64)> = None;
    let mut written = 0;
    let start = out.len();
    // A closed ring repeats its first point last; `Z` says that already.
    let points = if closed && line.len() > 1 && line.first() == line.last() {
        &line[..line.len() - 1]
    } else {
        line
    };
    for c in points {
        let [x, y] = project([c.x, c.y]);
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        let tenths = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if last == Some(tenths) {
            continue;
        }
        out.push(if written == 0 { 'M' } else { 'L' });
        write_fixed(x, 1, true, out);
        out.push(',');
        write_fixed(y, 1, true, out);
        last = Some(tenths);
        written += 1;
    }
    let enough = if closed { 3 } else { 2 };
    if written < enough {
        // Collapsed to a point or a line at this scale: draw nothing for it.
        out.truncate(start);
    } else if closed {
        out.push('Z');
    }
}

/// A coordinate for an SVG attribute, to a tenth, without float formatting.
pub fn fmt_tenths(v: f64) -> String {
    super::fixed::fixed(v, 1, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{line_string, polygon};

    fn identity(p: [f64; 2]) -> [f64; 2] {
        p
    }

    #[test]
    fn polygon_with_hole_gives_two_closed_subpaths() {
        let p = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)],
            interiors: [[(x: 2.0, y: 2.0), (x: 2.0, y: 4.0), (x: 4.0, y: 4.0)]],
        );
        assert_eq!(
            p.to_svg_path(&identity),
            "M0,0L10,0L10,10L0,10ZM2,2L2,4L4,4Z"
        );
    }

    #[test]
    fn multipolygon_draws_every_part() {
        let mp = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)],
            polygon![(x: 5.0, y: 5.0), (x: 6.0, y: 5.0), (x: 6.0, y: 6.0)],
        ]);
        assert_eq!(mp.to_svg_path(&identity), "M0,0L1,0L1,1ZM5,5L6,5L6,6Z");
    }

    #[test]
    fn rounds_to_tenths_and_drops_points_that_collapse() {
        let l = line_string![(x: 0.04, y: -0.04), (x: 0.01, y: 0.02), (x: 1.26, y: -3.35), (x: -0.05, y: 0.0)];
        assert_eq!(l.to_svg_path(&identity), "M0,0L1.3,-3.4L-0.1,0");
    }

    #[test]
    fn a_ring_smaller_than_the_rounding_disappears_with_its_holes() {
        let mp = MultiPolygon(vec![
            polygon!(
                exterior: [(x: 0.0, y: 0.0), (x: 0.01, y: 0.0), (x: 0.01, y: 0.01)],
                interiors: [[(x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 3.0)]],
            ),
            polygon![(x: 5.0, y: 5.0), (x: 6.0, y: 5.0), (x: 6.0, y: 6.0)],
        ]);
        assert_eq!(mp.to_svg_path(&identity), "M5,5L6,5L6,6Z");
    }

    #[test]
    fn the_projection_is_applied_to_every_point() {
        let l = line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)];
        assert_eq!(l.to_svg_path(&|[x, y]| [x * 100.0, -y]), "M100,-2L300,-4");
    }
}
