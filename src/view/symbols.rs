//! Base symbols: sizes (area ∝ troops), shapes per layer slot (colour is never the only cue),
//! the scale for narrow maps.

use crate::carto::path::fmt_tenths;
use crate::carto::within;
use std::fmt::Write;

/// Smallest symbol radius and the square-root scale, in CSS pixels: 100 troops → 6 px,
/// 1,000 → 19 px.
pub const MIN_RADIUS: f64 = 5.0;
pub const SCALE: f64 = 0.6;
/// Radius of a symbol whose base has no base-level count: fixed, and drawn differently.
pub const UNCOUNTED_RADIUS: f64 = 6.5;
/// Every symbol can be hit within this radius (a 24 px target, WCAG 2.2 2.5.8).
pub const TARGET_RADIUS: f64 = 12.0;

/// Radius in CSS pixels: area ∝ count, never below [`MIN_RADIUS`].
pub fn radius(count: Option<u32>) -> f64 {
    match count {
        Some(n) => (SCALE * f64::from(n).sqrt()).max(MIN_RADIUS),
        None => UNCOUNTED_RADIUS,
    }
}

/// Symbol shapes, one per layer slot (repeating after eight): colour is never the only cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Hexagon,
    Pentagon,
    Star,
}

impl Shape {
    const ALL: [Shape; 8] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::TriangleDown,
        Shape::Hexagon,
        Shape::Pentagon,
        Shape::Star,
    ];

    pub fn for_slot(slot: usize) -> Shape {
        Self::ALL[slot % Self::ALL.len()]
    }

    /// Vertices around the origin (None for a circle), scaled so every shape of radius `r` has
    /// the area of a circle of radius `r`: sizes compare across operators.
    pub fn vertices(self, r: f64) -> Option<Vec<[f64; 2]>> {
        use std::f64::consts::PI;
        let regular = |n: usize, turn: f64| -> Vec<[f64; 2]> {
            (0..n)
                .map(|i| {
                    let a = turn + 2.0 * PI * i as f64 / n as f64;
                    [a.sin(), -a.cos()]
                })
                .collect()
        };
        let unit = match self {
            Shape::Circle => return None,
            Shape::Square => regular(4, PI / 4.0),
            Shape::Triangle => regular(3, 0.0),
            Shape::Diamond => regular(4, 0.0),
            Shape::TriangleDown => regular(3, PI),
            Shape::Hexagon => regular(6, PI / 6.0),
            Shape::Pentagon => regular(5, 0.0),
            Shape::Star => (0..10)
                .map(|i| {
                    let a = PI * i as f64 / 5.0;
                    let k = if i % 2 == 0 { 1.0 } else { 0.45 };
                    [k * a.sin(), -k * a.cos()]
                })
                .collect(),
        };
        let k = r * (PI / polygon_area(&unit)).sqrt();
        Some(unit.iter().map(|[x, y]| [x * k, y * k]).collect())
    }

    /// An SVG path of radius `r` centred on `c`.
    pub fn path(self, c: [f64; 2], r: f64) -> String {
        let mut d = String::new();
        match self.vertices(r) {
            None => {
                let (x, y, dia) = (fmt_tenths(c[0] - r), fmt_tenths(c[1]), fmt_tenths(2.0 * r));
                let r = fmt_tenths(r);
                let _ = write!(d, "M{x} {y}a{r} {r} 0 1 0 {dia} 0a{r} {r} 0 1 0 -{dia} 0Z");
            }
            Some(points) => {
                for (i, [x, y]) in points.iter().enumerate() {
                    d.push(if i == 0 { 'M' } else { 'L' });
                    let _ = write!(d, "{} {}", fmt_tenths(c[0] + x), fmt_tenths(c[1] + y));
                }
                d.push('Z');
            }
        }
        d
    }
}

/// Shoelace area of a polygon.
pub fn polygon_area(points: &[[f64; 2]]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

/// How big symbols are drawn for a map `width_px` wide: full size from 640 px, down to 60 %
/// on a phone, so a narrow map is not all symbols. Zoom does not change it.
pub fn symbol_scale(width_px: f64) -> f64 {
    within(width_px / 640.0, 0.6, 1.0)
}
