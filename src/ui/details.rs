use super::app::Loaded;
use super::whole::{self, Whole};
use super::{MapState, Selection};
use crate::i18n::Text;
use crate::panel::details_html;
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
    Effect::new(move |_| {
        if state.selected.with(Option::is_some) {
            whole::want(state);
        }
    });
    let html = move || {
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
                        let failed = state.whole.with(|w| matches!(w, Whole::Failed));
                        h.push_str(r#"<p class="sm-note sm-whole">"#);
                        h.push_str(
                            if failed {
                                Text::SourcesFailed
                            } else {
                                Text::SourcesLoading
                            }
                            .get(lang),
                        );
                        h.push_str("</p>");
                    }
                    Some(h)
                })
                .unwrap_or_else(|| crate::controls::hint_html(lang))
        })
    };
    let panel = NodeRef::<Section>::new();
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
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
    };
    view! {
        <section
            class="sm-details"
            data-part="details"
            node_ref=panel
            inner_html=html
            on:click=on_click
        ></section>
    }
}
