//! sahel-map: an embeddable map of foreign military bases and partnerships in the Sahel.
//!
//! The pure core ([`carto`], [`dataset`], [`i18n`], [`scene`], [`overlay`]) builds anywhere; the browser side ([`ui`],
//! [`embed`]) sits behind the default `web` feature. See ARCHITECTURE.md for the map of the code.

pub mod carto;
pub mod controls;
pub mod dataset;
pub mod export;
pub mod i18n;
pub mod options;
pub mod overlay;
pub mod panel;
pub mod scene;
pub mod share;

#[cfg(feature = "web")]
pub mod embed;
#[cfg(feature = "web")]
pub mod ui;
