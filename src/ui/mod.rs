//! Leptos components. [`App`] owns the state as signals and hands it down by context; each
//! component is named for what it shows. May import `carto`, `dataset`, `i18n`, `view` (all
//! markup and text come from there) and `browser`; only `embed` imports it.

mod announce;
mod app;
mod country;
mod details;
mod gestures;
mod layers;
mod legend;
mod map;
mod measure;
mod tables;
mod timeline;
mod tooltip;
mod url;
mod whole;

pub use app::App;
pub use whole::{load as load_whole, Whole};

use crate::browser::Host;
use crate::carto::zoom::Zoom;
use crate::dataset::Date;
use crate::i18n::Lang;
use crate::view::state::Visible;
pub use crate::view::state::{Lit, Selection};
use leptos::prelude::*;
use tooltip::Tip;

/// State shared by every component of one widget; the embed layer sets it from attributes.
#[derive(Clone, Copy)]
pub struct MapState {
    pub lang: RwSignal<Lang>,
    /// URL of the countries file; changing it reloads the map.
    pub geo_src: RwSignal<String>,
    /// URL of a dataset (`data-src`); None: the bundled one. Changing it reloads the map.
    pub data_src: RwSignal<Option<String>>,
    /// The date the map shows; None: the dataset's `as_of`.
    pub date: RwSignal<Option<Date>>,
    /// The `layers` attribute's ids; None: the dataset's defaults.
    pub layer_ids: RwSignal<Option<Vec<String>>>,
    /// Layers as the reader toggled them; None until they do (or after `layers` changes).
    pub visible: RwSignal<Option<Visible>>,
    pub selected: RwSignal<Option<Selection>>,
    /// What the pointer or the keyboard is on (a country, a partner's mark or switch): lit
    /// before the selection, so its partnership lines are drawn while it is there.
    pub peek: RwSignal<Option<Lit>>,
    /// The story step the loader shows (its steps are the page's markup), for the URL.
    pub step: RwSignal<Option<u32>>,
    /// The country that takes the map's single tab stop (roving tabindex).
    pub focus: RwSignal<Option<String>>,
    /// CSS pixels per SVG unit, from the map's rendered width: labels and symbols keep a
    /// readable size.
    pub px_per_unit: RwSignal<f64>,
    /// Zoom and pan of the map.
    pub zoom: RwSignal<Zoom>,
    /// The tooltip shown, if any.
    pub tip: RwSignal<Option<Tip>>,
    /// The dataset in use, once loaded.
    pub data: RwSignal<Option<std::sync::Arc<crate::dataset::Dataset>>>,
    /// The layers shown, resolved once for every reader of them: the reader's toggles, else
    /// the `layers` attribute, else the dataset's defaults (None until a dataset is in).
    pub layers: Memo<Option<Visible>>,
    /// The whole dataset, with the sources, notes and summaries the bundled core leaves out.
    pub whole: RwSignal<whole::Whole>,
    /// Where the whole bundled dataset is (beside the loader).
    pub bundled_src: StoredValue<Option<String>>,
    /// Set when a pointer drags or pinches, so the click that ends it selects nothing.
    pub dragged: StoredValue<bool>,
    /// Whether the view lives in the page's URL fragment (`url-state`).
    pub url_state: bool,
    pub host: Host,
}

impl MapState {
    /// Call inside the widget's reactive owner: the signals live as long as the widget.
    pub fn new(host: Host, lang: Lang, geo_src: String) -> Self {
        let data = RwSignal::new(None::<std::sync::Arc<crate::dataset::Dataset>>);
        let layer_ids = RwSignal::new(None::<Vec<String>>);
        let visible = RwSignal::new(None::<Visible>);
        let layers = Memo::new(move |_| {
            data.with(|d| {
                d.as_ref().map(|d| {
                    visible
                        .get()
                        .unwrap_or_else(|| layer_ids.with(|ids| Visible::new(d, ids.as_deref())))
                })
            })
        });
        Self {
            lang: RwSignal::new(lang),
            geo_src: RwSignal::new(geo_src),
            data_src: RwSignal::new(None),
            date: RwSignal::new(None),
            layer_ids,
            visible,
            layers,
            selected: RwSignal::new(None),
            peek: RwSignal::new(None),
            step: RwSignal::new(None),
            focus: RwSignal::new(None),
            px_per_unit: RwSignal::new(0.6),
            zoom: RwSignal::new(Zoom::IDENTITY),
            tip: RwSignal::new(None),
            dragged: StoredValue::new(false),
            data,
            whole: RwSignal::new(whole::Whole::NotAsked),
            bundled_src: StoredValue::new(None),
            url_state: false,
            host,
        }
    }

    /// Selects something (or clears with `None`) and tells the host page.
    pub fn select(&self, selection: Option<Selection>) {
        if self.selected.with_untracked(|s| *s == selection) {
            return;
        }
        self.host
            .selected(selection.as_ref().map(|s| (s.kind(), s.id())));
        if let Some(Selection::Country(iso)) = &selection {
            self.focus.set(Some(iso.clone()));
        }
        self.selected.set(selection);
    }

    /// What is lit (tracked): what the reader peeks at, else what is selected.
    pub fn lit(&self) -> Option<Lit> {
        self.peek
            .get()
            .or_else(|| self.selected.with(|s| s.as_ref().and_then(Lit::of)))
    }

    /// Selects `selection`, or clears it if it is already selected.
    pub fn toggle(&self, selection: Selection) {
        let already = self
            .selected
            .with_untracked(|s| s.as_ref() == Some(&selection));
        self.select((!already).then_some(selection));
    }

    /// The view as the page's API reports it: what is selected, the date shown, the language
    /// and the layers on (untracked).
    pub fn view(&self) -> (Option<Selection>, crate::view::share::ViewState) {
        let data = self.data.get_untracked();
        let visible = self.layers.get_untracked();
        let selected = self.selected.get_untracked();
        let view = crate::view::share::ViewState {
            country: match &selected {
                Some(Selection::Country(iso)) => Some(iso.clone()),
                _ => None,
            },
            date: self
                .date
                .get_untracked()
                .or_else(|| data.as_ref().map(|d| d.as_of.clone())),
            lang: Some(self.lang.get_untracked()),
            layers: data
                .as_ref()
                .zip(visible.as_ref())
                .map(|(d, v)| crate::view::share::layer_ids(d, v)),
            step: self.step.get_untracked(),
        };
        (selected, view)
    }
}

/// Runs `f` now and again whenever a signal it read changes; `f` is told whether this is the
/// first run. Every effect of the widget goes through this one `Effect::new`: each closure type
/// given to Leptos instantiates its effect machinery anew, about 1.3 KB of wasm apiece.
pub fn effect(f: impl Fn(bool) + 'static) {
    boxed_effect(Box::new(f));
}

// Not generic: a closure made inside a generic function would be a new type for each `f`.
fn boxed_effect(f: Box<dyn Fn(bool)>) {
    Effect::new(move |ran: Option<()>| f(ran.is_none()));
}

/// A memo of `f`, made through one instantiation per value type, for the reason [`effect`] gives.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    boxed_memo(Box::new(f))
}

fn boxed_memo<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| f())
}
