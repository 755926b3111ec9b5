//! What the host page sees of the widget: the `state` attribute on the element and the
//! bubbling, composed `sahel-map:*` events.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadState {
    Loading,
    Ready,
    Error,
}

/// The host element, shared with the UI through context (arena-stored, so it is `Copy`).
#[derive(Clone, Copy)]
pub struct Host {
    element: StoredValue<HtmlElement, LocalStorage>,
    ready_sent: StoredValue<bool>,
}

impl Host {
    pub fn new(element: HtmlElement) -> Self {
        Self {
            element: StoredValue::new_local(element),
            ready_sent: StoredValue::new(false),
        }
    }

    /// The element's width in CSS pixels as laid out now (0 when it is not).
    pub fn width(&self) -> f64 {
        self.element
            .with_value(|el| el.get_bounding_client_rect().width())
    }

    pub fn set_state(&self, state: LoadState) {
        let value = match state {
            LoadState::Loading => "loading",
            LoadState::Ready => "ready",
            LoadState::Error => "error",
        };
        self.element.with_value(|el| {
            let _ = el.set_attribute("state", value);
        });
    }

    /// `state="ready"`, and one `sahel-map:ready` in the widget's life, however often the map
    /// is (re)loaded.
    pub fn ready(&self) {
        self.set_state(LoadState::Ready);
        if self.ready_sent.get_value() {
            return;
        }
        self.ready_sent.set_value(true);
        self.dispatch("sahel-map:ready", &js_sys::Object::new().into());
    }

    pub fn error(&self, message: &str) {
        self.set_state(LoadState::Error);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.dispatch("sahel-map:error", &detail.into());
    }

    /// `sahel-map:select` with `detail.type` (country, base, site or link), `detail.id`, and
    /// `detail.iso` for a country; all null when the selection is cleared (`kind_id` None).
    pub fn selected(&self, kind_id: Option<(&str, &str)>) {
        let detail = js_sys::Object::new();
        let set = |key: &str, value: Option<&str>| {
            let value = value.map_or(JsValue::NULL, JsValue::from_str);
            let _ = js_sys::Reflect::set(&detail, &key.into(), &value);
        };
        set("type", kind_id.map(|(kind, _)| kind));
        set("id", kind_id.map(|(_, id)| id));
        set(
            "iso",
            kind_id.and_then(|(kind, id)| (kind == "country").then_some(id)),
        );
        self.dispatch("sahel-map:select", &detail.into());
    }

    /// A console warning about an attribute, naming what it accepts; the widget goes on with
    /// its default.
    pub fn warn(&self, message: &str) {
        web_sys::console::warn_1(&JsValue::from_str(&format!("sahel-map: {message}")));
    }

    fn dispatch(&self, name: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            self.element.with_value(|el| {
                let _ = el.dispatch_event(&event);
            });
        }
    }
}
