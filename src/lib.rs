//! sahel-map: an embeddable map of foreign military bases and partnerships in the Sahel.
//!
//! The pure rooms ([`carto`], [`i18n`], [`dataset`], [`options`], [`view`]) build anywhere; the
//! browser side ([`browser`], [`ui`], [`embed`]) sits behind the default `web` feature. Each
//! imports only the rooms before it in that list (tests/layers.rs). See ARCHITECTURE.md.

pub mod carto;
pub mod dataset;
pub mod i18n;
pub mod options;
pub mod view;

#[cfg(feature = "web")]
pub mod browser;
#[cfg(feature = "web")]
pub mod embed;
#[cfg(feature = "web")]
pub mod ui;
