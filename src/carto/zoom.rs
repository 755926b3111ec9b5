//! Zoom and pan as one transform of the map's root group: scale `k` about the origin, then
//! translate by `(x, y)`, in SVG units. The map always covers its box: `k` stays within
//! [`Zoom::MIN`, `Zoom::MAX`] and the translation keeps every edge at or beyond the frame.

use super::path::fmt_tenths;
use super::within;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoom {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for Zoom {
    fn default() -> Self {
        Zoom::IDENTITY
    }
}

impl Zoom {
    pub const IDENTITY: Zoom = Zoom {
        k: 1.0,
        x: 0.0,
        y: 0.0,
    };
    pub const MIN: f64 = 1.0;
    pub const MAX: f64 = 8.0;
    /// One button press or key.
    pub const STEP: f64 = 1.6;

    /// Scales by `factor` keeping the map point under `at` (SVG units, before the transform)
    /// where it is; clamped to a `width` × `height` frame.
    ///
    /// ```
    /// use sahel_map::carto::zoom::Zoom;
    /// let z = Zoom::IDENTITY.zoom_at([500.0, 300.0], 2.0, 1000.0, 600.0);
    /// assert_eq!((z.k, z.x, z.y), (2.0, -500.0, -300.0));
    /// // The point under the pointer stays put.
    /// assert_eq!(z.apply([500.0, 300.0]), [500.0, 300.0]);
    /// ```
    pub fn zoom_at(self, at: [f64; 2], factor: f64, width: f64, height: f64) -> Zoom {
        let k = within(self.k * factor, Self::MIN, Self::MAX);
        let map = self.invert(at);
        Zoom {
            k,
            x: at[0] - map[0] * k,
            y: at[1] - map[1] * k,
        }
        .clamped(width, height)
    }

    /// Moves by `(dx, dy)` SVG units on screen, clamped.
    pub fn pan(self, dx: f64, dy: f64, width: f64, height: f64) -> Zoom {
        Zoom {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
        .clamped(width, height)
    }

    /// The map covers the frame: no gap at any edge.
    pub fn clamped(self, width: f64, height: f64) -> Zoom {
        let k = within(self.k, Self::MIN, Self::MAX);
        Zoom {
            k,
            x: within(self.x, width * (1.0 - k), 0.0),
            y: within(self.y, height * (1.0 - k), 0.0),
        }
    }

    /// Where map point `p` is drawn.
    pub fn apply(self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.k + self.x, p[1] * self.k + self.y]
    }

    /// The map point drawn at `p`.
    pub fn invert(self, p: [f64; 2]) -> [f64; 2] {
        [(p[0] - self.x) / self.k, (p[1] - self.y) / self.k]
    }

    /// The `transform` attribute: `translate(x y) scale(k)`, or empty at rest.
    pub fn transform(self) -> String {
        if self == Zoom::IDENTITY {
            return String::new();
        }
        // Scale to a thousandth: tenths are too coarse for k.
        format!(
            "translate({} {}) scale({})",
            fmt_tenths(self.x),
            fmt_tenths(self.y),
            super::fixed::fixed(self.k, 3, false)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_is_bounded_and_the_map_always_covers_the_frame() {
        let z = Zoom::IDENTITY.zoom_at([0.0, 0.0], 100.0, 1000.0, 600.0);
        assert_eq!(z.k, Zoom::MAX);
        let out = Zoom::IDENTITY.zoom_at([10.0, 10.0], 0.1, 1000.0, 600.0);
        assert_eq!(out, Zoom::IDENTITY);
        let z = Zoom::IDENTITY.zoom_at([1000.0, 600.0], 2.0, 1000.0, 600.0);
        // Panned as far as it goes: the right and bottom edges meet the frame's.
        let far = z.pan(-5000.0, -5000.0, 1000.0, 600.0);
        assert_eq!(far.apply([1000.0, 600.0]), [1000.0, 600.0]);
        let back = z.pan(5000.0, 5000.0, 1000.0, 600.0);
        assert_eq!(back.apply([0.0, 0.0]), [0.0, 0.0]);
    }

    #[test]
    fn the_transform_attribute_reads_as_svg() {
        assert_eq!(Zoom::IDENTITY.transform(), "");
        let z = Zoom {
            k: 2.5,
            x: -120.25,
            y: -40.0,
        };
        assert_eq!(z.transform(), "translate(-120.3 -40) scale(2.500)");
        assert_eq!(z.invert(z.apply([3.0, 4.0])), [3.0, 4.0]);
    }
}
