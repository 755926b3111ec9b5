use super::app::Loaded;
use super::effect;
use super::{MapState, Selection};
use crate::i18n::Text;
use crate::view::share::{layer_ids, ViewState};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The view as it stands, for a link.
fn current(state: &MapState, loaded: &Loaded) -> ViewState {
    ViewState {
        country: state.selected.with(|s| match s {
            Some(Selection::Country(iso)) => Some(iso.clone()),
            _ => None,
        }),
        date: state.date.get(),
        lang: Some(state.lang.get()),
        layers: (state.visible.with(Option::is_some) || state.layer_ids.with(Option::is_some))
            .then(|| layer_ids(&loaded.data, &loaded.visible(state))),
        step: state.step.get(),
    }
}

/// Applies what a link says; what it leaves out keeps its value.
pub fn apply(state: &MapState, v: ViewState) {
    if let Some(lang) = v.lang {
        state.lang.set(lang);
    }
    if let Some(date) = v.date {
        state.date.set(Some(date));
    }
    if let Some(ids) = v.layers {
        state.layer_ids.set(Some(ids));
        state.visible.set(None);
    }
    if let Some(iso) = v.country {
        state.select(Some(Selection::Country(iso)));
    }
    if v.step.is_some() {
        state.step.set(v.step);
    }
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// This page's address with the view in its fragment.
fn link_to(v: &ViewState) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let base = href.split('#').next().unwrap_or(&href);
    Some(format!("{base}#{}", v.to_fragment()))
}

/// Keeps the page's URL fragment in step with the view (opt-in, `url-state`): each change the
/// reader makes is a history entry, and back and forward walk through them.
#[component]
pub fn UrlState(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let Some(window) = web_sys::window() else {
        return;
    };
    // The link the page was opened with wins over the element's attributes: applied once, in
    // an effect (never while rendering), before the one below first writes the fragment.
    effect(move |_| untrack(|| apply(&state, ViewState::parse(&location_hash()))));
    effect(move |first: bool| {
        let fragment = current(&state, &loaded).to_fragment();
        let Some(window) = web_sys::window() else {
            return;
        };
        if location_hash().trim_start_matches('#') == fragment {
            return;
        }
        let url = format!("#{fragment}");
        if let Ok(history) = window.history() {
            // The view as opened replaces the entry; every later change adds one.
            let _ = if first {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&url))
            };
        }
    });
    let on_pop = Closure::<dyn FnMut()>::new(move || {
        let v = ViewState::parse(&location_hash());
        if v.country.is_none() {
            state.select(None);
        }
        if v.date.is_none() {
            state.date.set(None);
        }
        if v.layers.is_none() {
            state.layer_ids.set(None);
            state.visible.set(None);
        }
        if v.step.is_none() {
            state.step.set(None);
        }
        apply(&state, v);
    });
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    let kept = StoredValue::new_local(on_pop);
    on_cleanup(move || {
        if let Some(window) = web_sys::window() {
            kept.try_with_value(|f| {
                let _ = window
                    .remove_event_listener_with_callback("popstate", f.as_ref().unchecked_ref());
            });
        }
    });
}

/// "Copy link": the page's address with this view in its fragment, to the clipboard, with a
/// polite confirmation.
#[component]
pub fn CopyLink(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let lang = state.lang;
    let said = RwSignal::new(None::<Text>);
    let on_click = move |_| {
        let Some(url) = link_to(&untrack(|| current(&state, &loaded))) else {
            return;
        };
        // navigator.clipboard.writeText, reached by name: web-sys keeps it behind unstable APIs.
        let written = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
            .filter(|c| !c.is_undefined())
            .and_then(|clipboard| {
                let write = js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?;
                let write: js_sys::Function = write.dyn_into().ok()?;
                write.call1(&clipboard, &url.into()).ok()
            })
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        let Some(promise) = written else {
            said.set(Some(Text::CopyFailed));
            return;
        };
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            let _ = said.try_set(Some(if ok {
                Text::LinkCopied
            } else {
                Text::CopyFailed
            }));
        });
    };
    view! {
        <button type="button" class="sm-copy" on:click=on_click>
            {move || Text::CopyLink.get(lang.get())}
        </button>
        <span class="sm-said" role="status">{move || said.get().map(|t| t.get(lang.get()))}</span>
    }
}
