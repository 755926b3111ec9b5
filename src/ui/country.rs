//! One country on the map: a focusable shape with its name and counts, selected by click, tap,
//! Enter or Space, and walked with the arrow keys to its neighbours.

use super::app::Loaded;
use super::gestures::take_drag;
use super::map::with_attribute;
use super::{Lit, MapState, Selection};
use crate::view::scene::DrawnCountry;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

pub(super) fn country_shape(
    country: &DrawnCountry,
    loaded: &Arc<Loaded>,
    state: MapState,
    ring: RwSignal<Option<String>>,
) -> impl IntoView {
    let map = &loaded.map;
    let iso: Arc<str> = Arc::from(country.iso.as_str());
    // Its name and what the map holds for it on the date shown.
    let label = {
        let (loaded, iso, name) = (loaded.clone(), iso.clone(), country.name.clone());
        move || {
            let lang = state.lang.get();
            crate::view::names::country_name(
                &loaded.data,
                &iso,
                name.get(lang),
                &loaded.date(&state),
                lang,
            )
        }
    };
    // Before anything has focus, the map's tab stop is the first country drawn.
    let default_focus = map.countries.first().map(|c| c.iso.clone());
    let selected = {
        let iso = iso.clone();
        move || state.is_selected_country(&iso)
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
    let arrows = country.arrows.clone();
    let on_keydown = {
        let iso = iso.clone();
        move |ev: web_sys::KeyboardEvent| {
            let target = match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    state.toggle(Selection::Country(iso.to_string()));
                    return;
                }
                "ArrowUp" => &arrows.up,
                "ArrowRight" => &arrows.right,
                "ArrowDown" => &arrows.down,
                "ArrowLeft" => &arrows.left,
                _ => return,
            };
            // Arrows never scroll the page from inside the map, even with no neighbour there.
            ev.prevent_default();
            if let Some(next) = target {
                focus_country(&ev, next);
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
            if visible {
                state.peek.set(Some(Lit::Country(iso.to_string())));
            }
        }
    };
    let on_blur = {
        let iso = iso.clone();
        move |_| {
            ring.set(None);
            if state
                .peek
                .with_untracked(|p| *p == Some(Lit::Country(iso.to_string())))
            {
                state.peek.set(None);
            }
        }
    };
    let on_click = {
        let iso = iso.clone();
        move |_| {
            if !take_drag(state) {
                state.toggle(Selection::Country(iso.to_string()))
            }
        }
    };
    view! {
        <path
            class="sm-country"
            class:is-core=country.core
            class:is-selected=selected.clone()
            data-iso=iso.to_string()
            d=country.d.clone()
            tabindex=tabindex
            role="button"
            aria-pressed=move || if selected() { "true" } else { "false" }
            aria-label=label
            on:click=on_click
            on:keydown=on_keydown
            on:focus=on_focus
            on:blur=on_blur
        />
    }
}

/// Moves keyboard focus to the shape of `iso` in the same map as the event's target.
fn focus_country(ev: &web_sys::KeyboardEvent, iso: &str) {
    let shape = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("svg").ok().flatten())
        .and_then(|svg| with_attribute(&svg, "", "data-iso", iso))
        .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(shape) = shape {
        let _ = shape.focus();
    }
}
