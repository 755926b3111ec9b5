use super::app::Loaded;
use super::effect;
use super::whole;
use super::{MapState, Selection};
use crate::i18n::Text;
use crate::view::panel::tables_html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// "Show the data as tables": everything on the map for the date and layers shown, as tables
/// with the same facts and sources. A country's name selects it.
#[component]
pub fn Tables(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let open = RwSignal::new(false);
    let countries: Vec<_> = loaded
        .map
        .countries
        .iter()
        .map(|c| (c.iso.clone(), c.name.clone()))
        .collect();
    // The tables carry the sources.
    effect(move |_| {
        if open.get() {
            whole::want(state);
        }
    });
    let html = move || {
        if !open.get() {
            return String::new();
        }
        let lang = state.lang.get();
        tables_html(
            &whole::detailed(&state, &loaded.data),
            &loaded.visible(&state),
            &countries,
            &loaded.date(&state),
            lang,
        )
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let iso = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-open-country]").ok().flatten())
            .and_then(|b| b.get_attribute("data-open-country"));
        if let Some(iso) = iso {
            state.select(Some(Selection::Country(iso)));
        }
    };
    view! {
        <div class="sm-tables-box">
            <button
                type="button"
                class="sm-tables-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { Text::HideTables } else { Text::ShowTables }.get(state.lang.get())}
            </button>
            <div class="sm-tables" data-part="tables" hidden=move || !open.get() inner_html=html on:click=on_click></div>
        </div>
    }
}
