//! Leptos components. [`App`] owns the state as signals and hands it down by context; each
//! component is named for what it shows.

mod app;
mod details;
mod map;
mod measure;

pub use app::App;

use crate::embed::Host;
use crate::i18n::Lang;
use leptos::prelude::*;

/// State shared by every component of one widget; the embed layer sets it from attributes.
#[derive(Clone, Copy)]
pub struct MapState {
    pub lang: RwSignal<Lang>,
    /// URL of the countries file; changing it reloads the map.
    pub geo_src: RwSignal<String>,
    /// ISO3 of the selected country.
    pub selected: RwSignal<Option<String>>,
    /// The country that takes the map's single tab stop (roving tabindex).
    pub focus: RwSignal<Option<String>>,
    pub host: Host,
}

impl MapState {
    /// Call inside the widget's reactive owner: the signals live as long as the widget.
    pub fn new(host: Host, lang: Lang, geo_src: String) -> Self {
        Self {
            lang: RwSignal::new(lang),
            geo_src: RwSignal::new(geo_src),
            selected: RwSignal::new(None),
            focus: RwSignal::new(None),
            host,
        }
    }

    /// Selects a country (or clears with `None`) and tells the host page.
    pub fn select(&self, iso: Option<String>) {
        if self.selected.get_untracked() == iso {
            return;
        }
        self.host.selected(iso.as_deref());
        if iso.is_some() {
            self.focus.set(iso.clone());
        }
        self.selected.set(iso);
    }

    /// Selects `iso`, or clears the selection if it is already selected.
    pub fn toggle(&self, iso: &str) {
        let already = self.selected.with_untracked(|s| s.as_deref() == Some(iso));
        self.select((!already).then(|| iso.to_string()));
    }
}
