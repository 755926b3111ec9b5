use super::{DrawnMap, MapState};
use crate::i18n::Text;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The SVG map: one focusable, clickable shape per country.
#[component]
pub fn MapSvg(map: Arc<DrawnMap>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let view_box = format!("0 0 {} {}", map.width as i32, map.height as i32);
    // Before anything has focus, the map's tab stop is the first country drawn.
    let default_focus = map.countries.first().map(|c| c.iso.clone());
    // The country showing a keyboard focus ring (focus-visible), drawn as an overlay.
    let ring = RwSignal::new(None::<String>);
    let shapes = map
        .countries
        .iter()
        .map(|country| {
            let iso = Arc::<str>::from(country.iso.as_str());
            let name = country.name.clone();
            let default_focus = default_focus.clone();
            let is = {
                let iso = iso.clone();
                move |s: &Option<String>| s.as_deref() == Some(&*iso)
            };
            let selected = {
                let is = is.clone();
                move || state.selected.with(&is)
            };
            let tabindex = {
                let iso = iso.clone();
                move || {
                    let focus = state.focus.get().or_else(|| default_focus.clone());
                    if focus.as_deref() == Some(&*iso) {
                        "0"
                    } else {
                        "-1"
                    }
                }
            };
            let on_click = {
                let iso = iso.clone();
                move |_| state.toggle(&iso)
            };
            let on_keydown = {
                let iso = iso.clone();
                move |ev: web_sys::KeyboardEvent| {
                    if matches!(ev.key().as_str(), "Enter" | " ") {
                        ev.prevent_default();
                        state.toggle(&iso);
                    }
                }
            };
            let on_focus = {
                let iso = iso.clone();
                move |ev: web_sys::FocusEvent| {
                    state.focus.set(Some(iso.to_string()));
                    let visible = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
                    ring.set(visible.then(|| iso.to_string()));
                }
            };
            view! {
                <path
                    class="sm-country"
                    class:is-selected=selected.clone()
                    data-iso=iso.to_string()
                    d=country.d.clone()
                    tabindex=tabindex
                    role="button"
                    aria-pressed=move || if selected() { "true" } else { "false" }
                    aria-label=move || name.get(state.lang.get()).to_string()
                    on:click=on_click
                    on:keydown=on_keydown
                    on:focus=on_focus
                    on:blur=move |_| ring.set(None)
                />
            }
        })
        .collect_view();

    let outline = move |which: RwSignal<Option<String>>| {
        let map = map.clone();
        move || {
            which.with(|iso| {
                iso.as_deref()
                    .and_then(|iso| map.country(iso))
                    .map(|c| c.d.clone())
                    .unwrap_or_default()
            })
        }
    };

    view! {
        <svg
            class="sm-map"
            viewBox=view_box
            role="group"
            aria-label=move || Text::MapLabel.get(state.lang.get())
        >
            <g class="sm-zoom">
                <g class="sm-countries">{shapes}</g>
                <path class="sm-outline is-selected" d=outline(state.selected) />
                <path class="sm-outline is-focus" d=outline(ring) />
            </g>
        </svg>
    }
}
