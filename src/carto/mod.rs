//! Pure cartography: no web types. Everything here runs natively (tests, xtask) and in the wasm.
//!
//! - [`projection`]: the raw conic equal-area function and a generic fit to an extent.
//! - [`frame`]: the map's geographic box and the SVG canvas it is fitted to.
//! - [`path`]: geometry → SVG path data through any projection.
//! - [`topology`]: shared borders, neighbours, and which neighbour an arrow key leads to.
//! - [`labels`]: collision-free label placement, point-in-polygon.
//! - `label` (feature `build`): label points by pole of inaccessibility, for `cargo xtask geodata`.

pub mod frame;
#[cfg(feature = "build")]
pub mod label;
pub mod labels;
pub mod path;
pub mod projection;
pub mod topology;

pub use frame::Frame;
pub use path::ToSvgPath;
pub use projection::{ConicEqualArea, Projection};
