//! Pure cartography: no web types. Everything here runs natively (tests, xtask) and in the wasm.
//!
//! - [`projection`]: the raw conic equal-area function and a generic fit to an extent.
//! - [`frame`]: the map's geographic box and the SVG canvas it is fitted to.
//! - [`path`]: GeoJSON geometry → SVG path data through any projection.

pub mod frame;
pub mod path;
pub mod projection;

pub use frame::Frame;
pub use path::ToSvgPath;
pub use projection::{ConicEqualArea, Projection};
