//! Pure cartography: no web types. Everything here runs natively (tests, xtask) and in the wasm.
//! The bottom room: imports nothing else of the crate.
//!
//! - [`projection`]: the raw conic equal-area function and a generic fit to an extent.
//! - [`frame`]: the map's geographic box and the SVG canvas it is fitted to.
//! - [`path`]: geometry → SVG path data through any projection.
//! - [`fixed`]: numbers as text to fixed decimals, from integers (paths, messages, CSV).
//! - [`topology`]: shared borders, neighbours, and which neighbour an arrow key leads to.
//! - [`labels`]: collision-free label placement, point-in-polygon.
//! - [`zoom`]: zoom and pan as one bounded transform.
//! - `label` (feature `build`): label points by pole of inaccessibility, for `cargo xtask geodata`.

pub mod fixed;
pub mod frame;
#[cfg(feature = "build")]
pub mod label;
pub mod labels;
pub mod path;
pub mod projection;
pub mod topology;
pub mod zoom;

pub use frame::Frame;

/// `v` limited to `lo..=hi` (`lo` wins if they cross). `f64::clamp` would do, but its
/// assertion formats floats, which brings float formatting (about 5 KB brotli) into the wasm.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi).max(lo)
}
pub use path::ToSvgPath;
pub use projection::{ConicEqualArea, Projection};
