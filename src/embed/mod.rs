//! The boundary with the host page: the entry point the JS loader (www/sahel-map.js) calls, the
//! options it passes, and what flows back out (the `state` attribute and DOM events).

mod fetch;
mod host;
pub mod json;

pub use fetch::fetch_text;
pub use host::{Host, LoadState};

use crate::dataset::Json;
use crate::i18n::Lang;
use crate::ui::App;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

/// Options the loader reads from the element's attributes.
#[derive(Debug, Default)]
pub struct Options {
    /// `lang` attribute, else the page's `<html lang>`; anything but fr/en falls back to English.
    pub lang: Option<String>,
    /// URL of the countries GeoJSON (`data-geo-src`, else the bundled file).
    pub geo_src: String,
}

impl Options {
    /// Reads `{ lang?, geoSrc }`; a field of the wrong type is an error naming it.
    pub fn from_js(value: &JsValue) -> Result<Options, String> {
        let lang = match value.get("lang") {
            None => None,
            Some(v) => Some(v.as_str().ok_or("options.lang: expected a string")?),
        };
        let geo_src = value
            .get("geoSrc")
            .and_then(|v| v.as_str())
            .ok_or("options.geoSrc: expected the URL of a countries GeoJSON")?;
        Ok(Options { lang, geo_src })
    }
}

/// A mounted widget; `unmount()` removes its DOM and disposes of its reactive state.
#[wasm_bindgen]
pub struct Handle {
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl Handle {
    pub fn unmount(&mut self) {
        // Dropping Leptos' UnmountHandle removes the view and cleans up its owner.
        self.mounted.take();
    }
}

/// Mounts the widget into `root` (the element's shadow root) for the element `host`.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, options: JsValue) -> Result<Handle, JsError> {
    let options =
        Options::from_js(&options).map_err(|e| JsError::new(&format!("sahel-map {e}")))?;
    let document = host
        .owner_document()
        .ok_or_else(|| JsError::new("sahel-map: the element has no document"))?;
    let container: HtmlElement = document
        .create_element("div")
        .map_err(|_| JsError::new("sahel-map: cannot create the container"))?
        .unchecked_into();
    container.set_class_name("sm-root");
    root.append_child(&container)
        .map_err(|_| JsError::new("sahel-map: cannot attach to the shadow root"))?;
    Ok(Handle {
        mounted: Some(Box::new(mount_in(host, container, options))),
    })
}

/// Mounts the app into any element; `host` receives the state and events. Used by `mount` and
/// by the browser tests, which need no custom element.
pub fn mount_in(host: HtmlElement, container: HtmlElement, options: Options) -> impl std::any::Any {
    let lang = options
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let host = Host::new(host);
    host.set_state(LoadState::Loading);
    let geo_src = options.geo_src;
    // The wrapper div goes with the view: unmounting leaves the shadow root empty.
    let guard = ContainerGuard(container.clone());
    (
        leptos::mount::mount_to(container, move || {
            leptos::prelude::view! { <App host lang geo_src /> }
        }),
        guard,
    )
}

/// Removes the mount container when the widget is unmounted.
struct ContainerGuard(HtmlElement);

impl Drop for ContainerGuard {
    fn drop(&mut self) {
        self.0.remove();
    }
}
