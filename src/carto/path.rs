//! Geometry → SVG path data, as a trait on `geo-types` geometries.
//!
//! Two ways to write it ([`Units`]): absolute tenths of an SVG unit (the widget: well under a
//! pixel at any size it is shown at), or relative whole units (the build's posters: a third
//! smaller once compressed, within half a pixel at their size). Either way, points that round
//! onto their predecessor are dropped, and a ring that collapses disappears with its holes.

use super::fixed::write_fixed;
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use std::fmt::Write;

/// How coordinates are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    /// `M12.3,4L…Z`: absolute, to a tenth.
    Tenths,
    /// `m12 4l3-2…z`: relative to the pen, whole units.
    RelativeWhole,
}

/// Path data being written, with where the pen is (relative commands start from it).
#[derive(Clone, Debug)]
pub struct PathData {
    pub d: String,
    units: Units,
    pen: (i64, i64),
    last: char,
}

impl PathData {
    pub fn new(units: Units) -> PathData {
        PathData {
            d: String::new(),
            units,
            pen: (0, 0),
            last: ' ',
        }
    }

    /// Appends one subpath through `points` (already projected), closed with `Z` if `closed`.
    /// Non-finite points are skipped; a subpath left with fewer than two points (three if
    /// closed) after rounding is not written.
    ///
    /// ```
    /// use sahel_map::carto::path::{PathData, Units};
    /// let mut tenths = PathData::new(Units::Tenths);
    /// tenths.points(&[[10.04, 20.0], [15.0, 20.0], [15.0, 25.6]], true);
    /// assert_eq!(tenths.d, "M10,20L15,20L15,25.6Z");
    /// let mut whole = PathData::new(Units::RelativeWhole);
    /// whole.points(&[[10.4, 20.0], [15.0, 20.0], [15.0, 25.6]], true);
    /// whole.points(&[[30.0, 40.0], [30.2, 40.0], [29.0, 38.0]], false);
    /// assert_eq!(whole.d, "m10 20l5 0 0 6zm20 20l-1-2");
    /// ```
    pub fn points(&mut self, points: &[[f64; 2]], closed: bool) {
        let (start, pen, last) = (self.d.len(), self.pen, self.last);
        // A closed ring repeats its first point last; `Z` says that already.
        let points = if closed && points.len() > 1 && points.first() == points.last() {
            &points[..points.len() - 1]
        } else {
            points
        };
        let scale = match self.units {
            Units::Tenths => 10.0,
            Units::RelativeWhole => 1.0,
        };
        let mut previous: Option<(i64, i64)> = None;
        let mut first = (0, 0);
        let mut written = 0;
        for &[x, y] in points {
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            // Saturating: a wild coordinate writes something, never panics.
            let key = ((x * scale).round() as i64, (y * scale).round() as i64);
            if previous == Some(key) {
                continue;
            }
            match self.units {
                Units::Tenths => {
                    self.d.push(if written == 0 { 'M' } else { 'L' });
                    write_fixed(x, 1, true, &mut self.d);
                    self.d.push(',');
                    write_fixed(y, 1, true, &mut self.d);
                }
                Units::RelativeWhole => {
                    let cmd = if written == 0 { 'm' } else { 'l' };
                    let (dx, dy) = (
                        key.0.saturating_sub(self.pen.0),
                        key.1.saturating_sub(self.pen.1),
                    );
                    if cmd != self.last || cmd == 'm' {
                        self.d.push(cmd);
                    } else if dx >= 0 {
                        self.d.push(' ');
                    }
                    let _ = write!(self.d, "{dx}");
                    if dy >= 0 {
                        self.d.push(' ');
                    }
                    let _ = write!(self.d, "{dy}");
                    self.last = cmd;
                    self.pen = key;
                }
            }
            if written == 0 {
                first = key;
            }
            previous = Some(key);
            written += 1;
        }
        let enough = if closed { 3 } else { 2 };
        if written < enough {
            // Collapsed to a point or a line at this scale: nothing of it is written.
            self.d.truncate(start);
            (self.pen, self.last) = (pen, last);
        } else if closed {
            match self.units {
                Units::Tenths => self.d.push('Z'),
                Units::RelativeWhole => {
                    self.d.push('z');
                    // After `z` the pen is back at the subpath's start.
                    (self.pen, self.last) = (first, 'z');
                }
            }
        }
    }
}

/// Geometry that can be drawn as an SVG `<path d="…">` through a projection.
pub trait ToSvgPath {
    /// Appends this geometry's path data to `out`.
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut PathData);

    /// ```
    /// use sahel_map::carto::ToSvgPath;
    /// use geo_types::polygon;
    /// let square = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)];
    /// assert_eq!(square.to_svg_path(&|[x, y]| [x * 10.0, -y * 10.0]), "M0,0L10,0L10,-10Z");
    /// ```
    fn to_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2]) -> String {
        self.to_svg_path_in(project, Units::Tenths)
    }

    /// The path data in the given units.
    fn to_svg_path_in(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], units: Units) -> String {
        let mut out = PathData::new(units);
        self.write_svg_path(project, &mut out);
        out.d
    }
}

impl ToSvgPath for MultiPolygon {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut PathData) {
        self.0.iter().for_each(|p| p.write_svg_path(project, out));
    }
}

impl ToSvgPath for Polygon {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut PathData) {
        let start = out.d.len();
        write_line(&self.exterior().0, true, project, out);
        if out.d.len() == start {
            return; // the outer ring vanished at this scale, so do its holes
        }
        for hole in self.interiors() {
            write_line(&hole.0, true, project, out);
        }
    }
}

impl ToSvgPath for MultiLineString {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut PathData) {
        self.0.iter().for_each(|l| l.write_svg_path(project, out));
    }
}

impl ToSvgPath for LineString {
    fn write_svg_path(&self, project: &dyn Fn([f64; 2]) -> [f64; 2], out: &mut PathData) {
        write_line(&self.0, false, project, out);
    }
}

fn write_line(
    line: &[Coord],
    closed: bool,
    project: &dyn Fn([f64; 2]) -> [f64; 2],
    out: &mut PathData,
) {
    let points: Vec<[f64; 2]> = line.iter().map(|c| project([c.x, c.y])).collect();
    out.points(&points, closed);
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
    fn relative_whole_units_follow_the_pen_across_subpaths_and_drop_collapsed_rings() {
        let mp = MultiPolygon(vec![
            polygon![(x: 10.4, y: 20.0), (x: 15.0, y: 20.0), (x: 15.0, y: 25.6)],
            // Rounds to a single point: dropped, and the pen stays where it was.
            polygon![(x: 50.1, y: 50.1), (x: 50.2, y: 50.0), (x: 49.9, y: 50.2)],
            polygon![(x: 30.0, y: 40.0), (x: 31.0, y: 40.0), (x: 31.0, y: 41.0)],
        ]);
        assert_eq!(
            mp.to_svg_path_in(&identity, Units::RelativeWhole),
            "m10 20l5 0 0 6zm20 20l1 0 0 1z"
        );
    }

    #[test]
    fn the_projection_is_applied_to_every_point() {
        let l = line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)];
        assert_eq!(l.to_svg_path(&|[x, y]| [x * 100.0, -y]), "M100,-2L300,-4");
    }
}
