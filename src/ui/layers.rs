use super::app::Loaded;
use super::effect;
use super::{Lit, MapState};
use crate::dataset::Layer;
use crate::view::controls::layers_html;
use crate::view::state::Visible;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// The layer switches. Toggling redraws the dataset's layer only, never the country shapes;
/// pointing at or focusing a partner's switch draws its lines.
#[component]
pub fn Layers(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let lang = state.lang;
    let layers = loaded.data.layers.clone();
    // A layer id this dataset lacks: one warning naming the ones it has (the rest still apply).
    {
        let known: Vec<String> = layers.iter().map(|l| l.id.clone()).collect();
        effect(move |_| {
            let unknown: Vec<String> = state.layer_ids.with(|ids| {
                ids.iter()
                    .flatten()
                    // Malformed lists are the loader's to warn about.
                    .filter(|id| id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                    .filter(|id| !known.contains(id) && *id != "bases" && *id != "links")
                    .cloned()
                    .collect()
            });
            if !unknown.is_empty() {
                state.host.warn(&format!(
                    "layers: {} is not a layer of this dataset: use {}, bases or links.",
                    unknown.join(", "),
                    known.join(", ")
                ));
            }
        });
    }
    // The switches are markup (`controls::layers_html`, as in the first frame), redrawn only for
    // a new language; their checked states follow `visible`, and changes arrive by delegation.
    let html = {
        let loaded = loaded.clone();
        move || {
            let lang = lang.get();
            let visible = untrack(|| loaded.visible(&state));
            layers_html(&loaded.data, &visible, lang)
        }
    };
    let boxed = NodeRef::<Div>::new();
    {
        let loaded = loaded.clone();
        effect(move |_| {
            lang.track();
            let visible = loaded.visible(&state);
            let Some(boxed) = boxed.get() else { return };
            let Ok(inputs) = boxed.query_selector_all("input[data-layer]") else {
                return;
            };
            for i in 0..inputs.length() {
                let Some(input) = inputs
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                else {
                    continue;
                };
                let id = input.get_attribute("data-layer").unwrap_or_default();
                if let Some(on) = switch_of(&loaded.data.layers, &id).map(|s| s.get(&visible)) {
                    input.set_checked(on);
                }
            }
        });
    }
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let id = input.get_attribute("data-layer").unwrap_or_default();
        let Some(switch) = switch_of(&loaded.data.layers, &id) else {
            return;
        };
        let mut v = untrack(|| loaded.visible(&state));
        switch.set(&mut v, input.checked());
        state.visible.set(Some(v));
    };
    // Pointing at or focusing a partner's switch lights that partner: its lines are drawn.
    let peek = {
        let layers = layers.clone();
        move |target: Option<web_sys::EventTarget>| {
            let id = target
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("label.sm-layer").ok().flatten())
                .and_then(|label| label.query_selector("input[data-layer]").ok().flatten())
                .and_then(|input| input.get_attribute("data-layer"))
                .filter(|id| layers.iter().any(|l| l.id == *id));
            let lit = id.map(Lit::Partner);
            if state.peek.with_untracked(|p| *p != lit) {
                state.peek.set(lit);
            }
        }
    };
    let on_over = {
        let peek = peek.clone();
        move |ev: web_sys::PointerEvent| {
            if ev.pointer_type() == "mouse" {
                peek(ev.target());
            }
        }
    };
    let on_focus = {
        let peek = peek.clone();
        move |ev: web_sys::FocusEvent| peek(ev.target())
    };
    let leave = move || {
        if state
            .peek
            .with_untracked(|p| matches!(p, Some(Lit::Partner(_))))
        {
            state.peek.set(None);
        }
    };
    view! {
        <div
            class="sm-layers-box"
            node_ref=boxed
            inner_html=html
            on:change=on_change
            on:pointerover=on_over
            on:pointerleave=move |_| leave()
            on:focusin=on_focus
            on:focusout=move |_| leave()
        ></div>
    }
}

/// Which of `Visible` a switch turns on and off.
#[derive(Clone, Copy)]
enum Switch {
    Layer(usize),
    Bases,
    Links,
}

fn switch_of(layers: &[Layer], id: &str) -> Option<Switch> {
    match id {
        "bases" => Some(Switch::Bases),
        "links" => Some(Switch::Links),
        _ => layers.iter().position(|l| l.id == id).map(Switch::Layer),
    }
}

impl Switch {
    fn get(self, v: &Visible) -> bool {
        match self {
            Switch::Layer(i) => v.layer_on(i),
            Switch::Bases => v.bases,
            Switch::Links => v.links,
        }
    }

    fn set(self, v: &mut Visible, on: bool) {
        match self {
            Switch::Layer(i) => {
                if let Some(layer) = v.layers.get_mut(i) {
                    *layer = on;
                }
            }
            Switch::Bases => v.bases = on,
            Switch::Links => v.links = on,
        }
    }
}
