//! Pure presentation: what the reader sees, as markup and text, for a dataset, a date, the
//! layers on and a language. No web types: everything here is tested natively and drawn by the
//! build (posters) as well as the widget.
//!
//! May import `carto`, `dataset` and `i18n`; imported by `ui`, `embed` and xtask.
//!
//! - [`state`]: what the reader has chosen (selection, layers on).
//! - [`scene`]: the countries as drawn; [`labels`]: their names placed without collisions.
//! - [`overlay`]: the dataset on the map (sites, links) for one view, as SVG markup, built from
//!   [`symbols`] (sizes, shapes), [`links`] (partner–state pairs, great-circle arcs, blocs), [`shown`] (what a view shows)
//!   and [`names`] (accessible names in the reader's language).
//! - [`partners`]: partnerships as focus and context: lines only for what is lit, partner
//!   marks beside names, blocs as areas.
//! - [`key`]: the legend; [`controls`]: credit, layer switches, hint, the first frame.
//! - [`panel`]: the details panel and the tables; [`export`]: CSV; [`share`]: the view as a URL
//!   fragment.
//! - [`markup`]: the one escaper and HTML builder they all write with; [`order`]: short lists
//!   put in order.

pub mod controls;
pub mod export;
pub mod key;
pub mod labels;
pub mod links;
pub mod markup;
pub mod names;
pub mod order;
pub mod overlay;
pub mod panel;
pub mod partners;
pub mod scene;
pub mod share;
pub mod shown;
pub mod state;
pub mod symbols;
