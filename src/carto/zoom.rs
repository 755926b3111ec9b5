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

    /// What takes a picture drawn at `drawn` to show this zoom: scale by `k` about the
    /// picture's origin, then shift by `(x, y)` SVG units.
    ///
    /// ```
    /// use sahel_map::carto::zoom::Zoom;
    /// let drawn = Zoom::IDENTITY.zoom_at([500.0, 300.0], 2.0, 1000.0, 600.0);
    /// let now = drawn.zoom_at([100.0, 100.0], 1.5, 1000.0, 600.0);
    /// let change = now.since(drawn);
    /// // A map point lands where the new zoom draws it.
    /// let p = [420.0, 250.0];
    /// let moved = change.apply(drawn.apply(p));
    /// assert!((moved[0] - now.apply(p)[0]).abs() < 1e-9 && (moved[1] - now.apply(p)[1]).abs() < 1e-9);
    /// ```
    pub fn since(self, drawn: Zoom) -> Change {
        let k = self.k / drawn.k;
        Change {
            k,
            x: self.x - k * drawn.x,
            y: self.y - k * drawn.y,
        }
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

/// A change of zoom as a scale `k` about the origin then a shift `(x, y)` in SVG units
/// ([`Zoom::since`]); unlike a [`Zoom`] it may shrink and need not cover the frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Change {
    pub const NONE: Change = Change {
        k: 1.0,
        x: 0.0,
        y: 0.0,
    };

    /// Where it takes point `p`.
    pub fn apply(self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.k + self.x, p[1] * self.k + self.y]
    }

    /// The CSS `transform` that makes it, for a picture of `px` CSS pixels per SVG unit whose
    /// `transform-origin` is its top left corner.
    pub fn css(self, px: f64) -> String {
        format!(
            "translate({}px,{}px) scale({})",
            super::fixed::fixed(self.x * px, 1, true),
            super::fixed::fixed(self.y * px, 1, true),
            super::fixed::fixed(self.k, 4, true)
        )
    }

    /// A box `[left, top, width, height]` in CSS pixels as it was before [`Change::css`]
    /// moved it.
    pub fn undo(self, px: f64, [left, top, width, height]: [f64; 4]) -> [f64; 4] {
        let k = self.k.max(f64::MIN_POSITIVE);
        [left - self.x * px, top - self.y * px, width / k, height / k]
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

    #[test]
    fn a_change_is_written_for_css_and_undone_on_a_box() {
        let drawn = Zoom::IDENTITY.zoom_at([500.0, 300.0], 2.0, 1000.0, 600.0);
        let change = drawn
            .zoom_at([500.0, 300.0], 1.5, 1000.0, 600.0)
            .since(drawn);
        assert_eq!(change.k, 1.5);
        assert_eq!(change.css(0.5), "translate(-125px,-75px) scale(1.5)");
        assert_eq!(Zoom::IDENTITY.since(Zoom::IDENTITY), Change::NONE);
        // The box the CSS transform made, taken back to the one the layout gave.
        let laid_out = [10.0, 20.0, 500.0, 300.0];
        let shown = [10.0 - 125.0, 20.0 - 75.0, 750.0, 450.0];
        assert_eq!(change.undo(0.5, shown), laid_out);
    }
}
