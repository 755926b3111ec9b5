use super::app::Loaded;
use super::effect;
use super::memo;
use super::whole::{self, Whole};
use super::{MapState, Selection};
use crate::i18n::Text;
use crate::view::panel::details_html;
use leptos::html::Section;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The details panel: what is selected with its facts, dates and sources for the date shown, or
/// how to select something. Its content is markup from `panel` (escaped, far less code than
/// components); its buttons are handled here by delegation.
#[component]
pub fn Details(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    // Something selected: its sources and notes are wanted.
    effect(move |_| {
        if state.selected.with(Option::is_some) {
            whole::want(state);
        }
    });
    let panel = NodeRef::<Section>::new();
    let html = memo(move || {
        let lang = state.lang.get();
        let at = loaded.date(&state);
        let data = whole::detailed(&state, &loaded.data);
        state.selected.with(|selected| {
            selected
                .as_ref()
                .and_then(|s| {
                    let name = match s {
                        Selection::Country(iso) => loaded.map.country(iso).map(|c| &c.name),
                        _ => None,
                    };
                    let mut h = details_html(&data, &loaded.overlay, s, name, &at, lang)?;
                    if !data.complete {
                        let (says, retry) = state.whole.with(|w| match w {
                            Whole::Failed => (Text::SourcesFailed, true),
                            Whole::Slow => (Text::SourcesSlow, true),
                            _ => (Text::SourcesLoading, false),
                        });
                        h.push_str(r#"<p class="sm-note sm-whole">"#);
                        h.push_str(says.get(lang));
                        if retry {
                            h.push_str(r#" <button type="button" class="sm-retry" data-retry>"#);
                            h.push_str(Text::TryAgain.get(lang));
                            h.push_str("</button>");
                        }
                        h.push_str("</p>");
                    }
                    Some(h)
                })
                .unwrap_or_else(|| crate::view::controls::hint_html(lang))
        })
    });
    // New content replaces the old nodes (the whole dataset arriving, another language): focus
    // that was inside the panel would be lost with them, so it goes to the new title.
    let inside = StoredValue::new(false);
    effect(move |_| {
        html.track();
        if inside.get_value() && panel.get_untracked().is_some_and(|p| !holds_focus(&p)) {
            focus_title(panel);
        }
    });
    let on_focusout = move |ev: web_sys::FocusEvent| {
        // Focus leaving for somewhere else; not its node being removed with the old content.
        let removed = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| !n.is_connected());
        if ev.related_target().is_some() || !removed {
            inside.set_value(false);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        if el.has_attribute("data-retry") {
            whole::retry(state);
            return;
        }
        let next = if el.has_attribute("data-close") {
            None
        } else if let Some(id) = el.get_attribute("data-open-base") {
            Some(Selection::Base(id))
        } else if let Some(id) = el.get_attribute("data-open-link") {
            Some(Selection::Link(id))
        } else {
            return;
        };
        let opened = next.is_some();
        state.select(next);
        // The old button is gone with the old content: the reader continues at the new title.
        if opened {
            focus_title(panel);
        }
    };
    view! {
        <section
            class="sm-details"
            data-part="details"
            node_ref=panel
            inner_html=move || html.get()
            on:click=on_click
            on:focusin=move |_| inside.set_value(true)
            on:focusout=on_focusout
        ></section>
    }
}

/// Whether the keyboard focus is inside `panel` (in the widget's shadow root, or the document).
fn holds_focus(panel: &web_sys::HtmlElement) -> bool {
    let root = panel.get_root_node();
    let active = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element()),
    };
    active.is_some_and(|a| panel.contains(Some(&a)))
}

/// Once the panel's new content is in, moves the focus to its title.
fn focus_title(panel: NodeRef<Section>) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        if let Some(title) = panel
            .get_untracked()
            .and_then(|p| p.query_selector(".sm-details-title").ok().flatten())
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = title.focus();
        }
    });
}
