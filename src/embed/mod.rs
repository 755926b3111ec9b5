//! The boundary with the host page: `mount`, the entry point the JS loader
//! (www/sahel-map.js) calls with the options it read, and the `Handle` it keeps (unmount,
//! attributes, select, view, the downloads' data).
//!
//! The top room: may import every other; nothing imports it.

pub use crate::options::Options;

use crate::browser::{json, Host, LoadState};
use crate::dataset::{Date, Json};
use crate::i18n::Lang;
use crate::ui::{App, MapState};
use crate::view::state::Selection;
use leptos::prelude::{GetUntracked, Set, SetValue};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A mounted widget; `unmount()` removes its DOM and disposes of its reactive state.
#[wasm_bindgen]
pub struct Handle {
    mounted: Option<Mounted>,
}

#[wasm_bindgen]
impl Handle {
    pub fn unmount(&mut self) {
        // Dropping Leptos' UnmountHandle removes the view and cleans up its owner.
        self.mounted.take();
    }

    /// Selects a country (`kind` "country" or absent), a base, a site or a link by id; null
    /// clears. Returns false for a kind it does not know.
    pub fn select(&self, kind: Option<String>, id: Option<String>) -> bool {
        let Some(m) = &self.mounted else { return false };
        let selection = match (kind.as_deref(), id) {
            (_, None) => None,
            (None | Some("country"), Some(id)) => Some(Selection::Country(id.to_ascii_uppercase())),
            (Some(name), Some(id)) => {
                match Selection::from_attribute(&format!("data-{name}"), id) {
                    Some(s) => Some(s),
                    None => return false,
                }
            }
        };
        m.state.select(selection);
        true
    }

    /// What the reader sees: `{ type, id, country, date, lang, layers }` (`layers` null until
    /// the data are in).
    pub fn view(&self) -> JsValue {
        let out = js_sys::Object::new();
        let Some(m) = &self.mounted else {
            return out.into();
        };
        let (selected, view) = m.state.view();
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&out, &key.into(), &value);
        };
        let text = |s: Option<&str>| s.map_or(JsValue::NULL, JsValue::from_str);
        set("type", text(selected.as_ref().map(Selection::kind)));
        set("id", text(selected.as_ref().map(Selection::id)));
        set("country", text(view.country.as_deref()));
        set("date", text(view.date.as_ref().map(Date::as_str)));
        set("lang", text(view.lang.map(Lang::code)));
        set(
            "layers",
            view.layers.map_or(JsValue::NULL, |ids| {
                ids.iter()
                    .map(|s| JsValue::from_str(s))
                    .collect::<js_sys::Array>()
                    .into()
            }),
        );
        out.into()
    }

    /// "Get the data": `bases`, `agreements` or `countries` as CSV for the date and layers shown;
    /// `json`, the dataset itself with what had not started by then left out. Null until the
    /// whole dataset is in (`details()`), since the files carry its sources.
    pub fn data(&self, table: &str) -> Option<String> {
        let m = self.mounted.as_ref()?;
        let (data, text) = match m.state.whole.get_untracked() {
            crate::ui::Whole::Ready(data, text) => (data, text),
            _ => return None,
        };
        let (_, view) = m.state.view();
        let at = view.date.unwrap_or_else(|| data.as_of.clone());
        let lang = view.lang.unwrap_or_default();
        let visible = crate::view::state::Visible::new(&data, view.layers.as_deref());
        Some(match table {
            "bases" => crate::view::export::bases_csv(&data, &visible, &at, lang),
            "agreements" => crate::view::export::agreements_csv(&data, &visible, &at, lang),
            "countries" => crate::view::export::countries_csv(&data, &at, lang),
            "json" => json_as_of(&text, &data, &at)?,
            _ => return None,
        })
    }

    /// A promise of the whole dataset's arrival (fetched if need be), for the downloads; it
    /// rejects with the reason when it cannot be had.
    pub fn details(&self) -> js_sys::Promise {
        let state = self.mounted.as_ref().map(|m| m.state);
        wasm_bindgen_futures::future_to_promise(async move {
            let state = state.ok_or_else(|| JsValue::from_str("the map is not mounted"))?;
            crate::ui::load_whole(state)
                .await
                .map(|_| JsValue::TRUE)
                .map_err(|why| JsValue::from_str(&why))
        })
    }

    /// An attribute changed on the element (`value` null when removed).
    #[wasm_bindgen(js_name = setAttribute)]
    pub fn set_attribute(&self, name: &str, value: Option<String>) {
        if let Some(m) = &self.mounted {
            m.set_attribute(name, value.as_deref());
        }
    }
}

/// A mounted app and the state the page can change.
pub struct Mounted {
    _view: Box<dyn std::any::Any>,
    state: MapState,
}

impl Mounted {
    /// Applies a live attribute: `lang`, `country`, `data-geo-src`. A value the widget cannot
    /// use warns once on the console, naming what it accepts, and the default applies.
    pub fn set_attribute(&self, name: &str, value: Option<&str>) {
        let state = self.state;
        match name {
            "lang" => {
                let lang = value
                    .and_then(|v| parse_lang(&state.host, v))
                    .unwrap_or_default();
                let _ = state.lang.try_set(lang);
            }
            "country" => state.select(
                value
                    .and_then(|v| parse_country(&state.host, v))
                    .map(Selection::Country),
            ),
            "data-geo-src" => {
                if let Some(src) = value {
                    let _ = state.geo_src.try_set(src.to_string());
                }
            }
            "data-src" => {
                let _ = state.data_src.try_set(value.map(str::to_string));
            }
            "layers" => {
                let _ = state.layer_ids.try_set(value.map(parse_layers));
                let _ = state.visible.try_set(None);
            }
            "date" => {
                let _ = state.date.try_set(value.and_then(Date::parse));
            }
            // Not an attribute of the element: the loader's story step, kept in the URL.
            "step" => {
                let _ = state.step.try_set(value.and_then(|v| v.parse().ok()));
            }
            _ => {}
        }
    }
}

/// The dataset's own JSON with the bases, agreements and events not yet started on `at` left
/// out, and `view_date` set: parsed and written by the browser.
fn json_as_of(text: &str, data: &crate::dataset::Dataset, at: &Date) -> Option<String> {
    use crate::dataset::Status;
    let root = json::parse(text).ok()?;
    let started: Vec<&str> = data
        .bases
        .iter()
        .filter(|b| b.status(at) != Status::NotYet)
        .map(|b| b.id.as_str())
        .chain(
            data.agreements
                .iter()
                .filter(|a| a.status(at) != Status::NotYet)
                .map(|a| a.id.as_str()),
        )
        .chain(
            data.events
                .iter()
                .filter(|e| e.date <= *at)
                .map(|e| e.id.as_str()),
        )
        .collect();
    for key in ["bases", "agreements", "events"] {
        let Some(list) = root.get(key).and_then(|v| v.items()) else {
            continue;
        };
        let kept: js_sys::Array = list
            .into_iter()
            .filter(|item| {
                item.get("id")
                    .and_then(|id| id.as_str())
                    .is_some_and(|id| started.contains(&id.as_str()))
            })
            .collect();
        js_sys::Reflect::set(&root, &key.into(), &kept).ok()?;
    }
    js_sys::Reflect::set(&root, &"view_date".into(), &at.as_str().into()).ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(&root, &JsValue::NULL, &JsValue::from(2))
        .ok()?
        .as_string()
}

fn parse_lang(host: &Host, value: &str) -> Option<Lang> {
    let lang = Lang::parse(value);
    if lang.is_none() {
        host.warn(&format!(
            "lang=\"{value}\" is not supported: use en or fr. Showing English."
        ));
    }
    lang
}

/// `usa, fra,rus` → ["usa", "fra", "rus"]. Ids the dataset lacks are ignored (the loader warns
/// about malformed lists).
fn parse_layers(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_country(host: &Host, value: &str) -> Option<String> {
    let iso = value.trim().to_ascii_uppercase();
    let valid = iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase());
    if !valid {
        host.warn(&format!(
            "country=\"{value}\" is not an ISO 3166 alpha-3 code such as NER. Nothing is selected."
        ));
    }
    valid.then_some(iso)
}

/// Mounts the widget for the element `host`, drawing inside `root` (a node of its shadow root).
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: web_sys::Node, options: JsValue) -> Handle {
    // Errors are thrown as plain JS errors (the loader shows them in the widget); a `Result`
    // return would cost the wasm a multi-value shim several KB large.
    let fail = |message: &str| -> ! { wasm_bindgen::throw_str(&format!("sahel-map: {message}")) };
    let options = Options::read(options).unwrap_or_else(|e| fail(&e));
    let Some(document) = host.owner_document() else {
        fail("the element has no document")
    };
    let Ok(container) = document.create_element("div") else {
        fail("cannot create the container")
    };
    let container: HtmlElement = container.unchecked_into();
    container.set_class_name("sm-root");
    if root.append_child(&container).is_err() {
        fail("cannot attach to the shadow root");
    }
    Handle {
        mounted: Some(mount_in(host, container, options)),
    }
}

/// Mounts the app into any element; `host` receives the state and events. Used by `mount` and
/// by the browser tests, which need no custom element.
pub fn mount_in(host: HtmlElement, container: HtmlElement, options: Options) -> Mounted {
    // The wrapper div goes with the view: unmounting leaves the shadow root empty.
    let guard = ContainerGuard(container.clone());
    // Everything reactive, the host element's handle included, is made inside the view's owner,
    // so unmounting disposes of it; made outside, it would keep the element alive for good.
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let view = leptos::mount::mount_to(container, {
        let slot = slot.clone();
        move || {
            let host = Host::new(host);
            host.set_state(LoadState::Loading);
            let lang = options
                .lang
                .as_deref()
                .and_then(|v| parse_lang(&host, v))
                .unwrap_or_default();
            let country = options
                .country
                .as_deref()
                .and_then(|v| parse_country(&host, v));
            let mut state = MapState::new(host, lang, options.geo_src);
            state.url_state = options.url_state;
            state.bundled_src.set_value(options.bundled_src);
            state.selected.set(country.map(Selection::Country));
            state.data_src.set(options.data_src);
            state
                .layer_ids
                .set(options.layers.as_deref().map(parse_layers));
            state
                .date
                .set(options.date.as_deref().and_then(Date::parse));
            slot.set(Some(state));
            leptos::prelude::view! { <App state /> }
        }
    });
    Mounted {
        _view: Box::new((view, guard)),
        state: slot.take().expect("mount_to runs the view at once"),
    }
}

/// Removes the mount container when the widget is unmounted.
struct ContainerGuard(HtmlElement);

impl Drop for ContainerGuard {
    fn drop(&mut self) {
        self.0.remove();
    }
}
