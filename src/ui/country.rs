//! The countries on the map: focusable shapes with their names and counts, selected by click,
//! tap, Enter or Space, and walked with the arrow keys to their neighbours. One group of markup
//! (`DrawnMap::countries_svg`) rather than a component each: far less code, and a fraction of the
//! time to build. What changes (the names as the date or language do, the selection, the tab
//! stop) is set by attribute on the shapes concerned; their events are taken on the group.

use super::app::Loaded;
use super::effect;
use super::gestures::take_drag;
use super::map::with_attribute;
use super::{Lit, MapState, Selection};
use crate::view::names::country_name;
use leptos::prelude::*;
use std::cell::Cell;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The shape of the country at `index` in the map's countries (the markup's order).
fn shape(group: NodeRef<leptos::svg::G>, index: Option<usize>) -> Option<Element> {
    group.get_untracked()?.children().item(index? as u32)
}

/// The country an event on the group concerns.
fn iso_of(ev: &web_sys::Event) -> Option<String> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .get_attribute("data-iso")
}

/// Keeps the one country `current` names marked (`on`) and the one before it unmarked, by
/// `mark`; `marked` holds what it marked, for the next run.
fn follow(
    group: NodeRef<leptos::svg::G>,
    map: &crate::view::scene::DrawnMap,
    marked: &Cell<Option<String>>,
    current: Option<String>,
    mark: fn(&Element, bool),
) {
    // Built: the NodeRef is tracked, so a run before the markup is in comes again after.
    if group.get().is_none() {
        return;
    }
    let index = |iso: &Option<String>| {
        iso.as_deref()
            .and_then(|iso| map.countries.iter().position(|c| c.iso == iso))
    };
    if let Some(el) = shape(group, index(&marked.take())) {
        mark(&el, false);
    }
    if let Some(el) = shape(group, index(&current)) {
        mark(&el, true);
    }
    marked.set(current);
}

pub(super) fn countries(
    loaded: &Arc<Loaded>,
    state: MapState,
    ring: RwSignal<Option<String>>,
) -> impl IntoView {
    let group = NodeRef::<leptos::svg::G>::new();
    // Names with their counts, for the date and language shown.
    {
        let loaded = loaded.clone();
        effect(move |_| {
            let lang = state.lang.get();
            let at = loaded.date(&state);
            let Some(g) = group.get() else { return };
            let shapes = g.children();
            for (i, c) in loaded.map.countries.iter().enumerate() {
                if let Some(el) = shapes.item(i as u32) {
                    let name = country_name(&loaded.data, &c.iso, c.name.get(lang), &at, lang);
                    let _ = el.set_attribute("aria-label", &name);
                }
            }
        });
    }
    let map = loaded.map.clone();
    {
        let map = map.clone();
        let marked = Cell::new(None);
        effect(move |_| {
            let current = state.selected.with(|s| match s {
                Some(Selection::Country(iso)) => Some(iso.clone()),
                _ => None,
            });
            follow(group, &map, &marked, current, |el, on| {
                let _ = el.class_list().toggle_with_force("is-selected", on);
                let _ = el.set_attribute("aria-pressed", if on { "true" } else { "false" });
            })
        });
    }
    // The map's single tab stop (roving tabindex): the country last focused, else the first.
    {
        let map = map.clone();
        let first = map.countries.first().map(|c| c.iso.clone());
        let marked = Cell::new(None);
        effect(move |_| {
            let current = state.focus.get().or_else(|| first.clone());
            follow(group, &map, &marked, current, |el, on| {
                let _ = el.set_attribute("tabindex", if on { "0" } else { "-1" });
            })
        });
    }
    let on_keydown = {
        let map = map.clone();
        move |ev: web_sys::KeyboardEvent| {
            let Some(iso) = iso_of(&ev) else { return };
            let Some(arrows) = map.country(&iso).map(|c| &c.arrows) else {
                return;
            };
            let target = match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    state.toggle(Selection::Country(iso));
                    return;
                }
                "ArrowUp" => &arrows.up,
                "ArrowRight" => &arrows.right,
                "ArrowDown" => &arrows.down,
                "ArrowLeft" => &arrows.left,
                _ => return,
            };
            ev.prevent_default();
            if let Some(next) = target {
                focus_country(&ev, next);
            }
        }
    };
    let on_focus = move |ev: web_sys::FocusEvent| {
        let Some(iso) = iso_of(&ev) else { return };
        state.focus.set(Some(iso.clone()));
        let visible = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
        ring.set(visible.then(|| iso.clone()));
        if visible {
            state.peek.set(Some(Lit::Country(iso)));
        }
    };
    let on_blur = move |ev: web_sys::FocusEvent| {
        let Some(iso) = iso_of(&ev) else { return };
        ring.set(None);
        if state
            .peek
            .with_untracked(|p| matches!(p, Some(Lit::Country(c)) if *c == iso))
        {
            state.peek.set(None);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(iso) = iso_of(&ev) {
            if !take_drag(state) {
                state.toggle(Selection::Country(iso));
            }
        }
    };
    view! {
        <g
            class="sm-countries"
            node_ref=group
            inner_html=map.countries_svg(false)
            on:click=on_click
            on:keydown=on_keydown
            on:focusin=on_focus
            on:focusout=on_blur
        ></g>
    }
}

fn focus_country(ev: &web_sys::KeyboardEvent, iso: &str) {
    let shape = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest("svg").ok().flatten())
        .and_then(|svg| with_attribute(&svg, "", "data-iso", iso))
        .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(shape) = shape {
        let _ = shape.focus();
    }
}
