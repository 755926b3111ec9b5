use super::app::Loaded;
use super::MapState;
use crate::i18n::Text;
use crate::overlay::{Shape, Visible};
use leptos::prelude::*;
use std::sync::Arc;

/// Which of `Visible` a checkbox turns on and off.
#[derive(Clone, Copy)]
enum Switch {
    Layer(usize),
    Bases,
    Links,
}

impl Switch {
    fn get(self, v: &Visible) -> bool {
        match self {
            Switch::Layer(i) => v.layers.get(i).copied().unwrap_or(false),
            Switch::Bases => v.bases,
            Switch::Links => v.links,
        }
    }

    fn flip(self, v: &mut Visible) {
        match self {
            Switch::Layer(i) => {
                if let Some(on) = v.layers.get_mut(i) {
                    *on = !*on;
                }
            }
            Switch::Bases => v.bases = !v.bases,
            Switch::Links => v.links = !v.links,
        }
    }
}

/// The layer switches: bases, links, then one per partner layer with its colour and shape.
/// Toggling redraws the dataset's layer only, never the country shapes.
#[component]
pub fn Layers(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let lang = state.lang;
    let layers = loaded.data.layers.clone();
    // A layer id this dataset lacks: one warning naming the ones it has (the rest still apply).
    {
        let known: Vec<String> = layers.iter().map(|l| l.id.clone()).collect();
        Effect::new(move |_| {
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
    let switch = move |switch: Switch, id: String, name: Signal<String>, slot: Option<usize>| {
        let loaded = loaded.clone();
        let checked = {
            let loaded = loaded.clone();
            move || switch.get(&loaded.visible(&state))
        };
        let on_change = move |_| {
            let mut v = untrack(|| loaded.visible(&state));
            switch.flip(&mut v);
            state.visible.set(Some(v));
        };
        let swatch = slot.map(|slot| {
            view! {
                <svg class="sm-swatch" viewBox="-8 -8 16 16" aria-hidden="true">
                    <path class=format!("sm-sym sm-c{slot}") d=Shape::for_slot(slot).path([0.0, 0.0], 5.5) />
                </svg>
            }
        });
        view! {
            <label class="sm-layer">
                <input type="checkbox" data-layer=id prop:checked=checked on:change=on_change />
                {swatch}
                <span>{name}</span>
            </label>
        }
    };
    let kinds = [
        (Switch::Bases, "bases", Text::Bases),
        (Switch::Links, "links", Text::Links),
    ]
    .map(|(s, id, text)| {
        switch(
            s,
            id.into(),
            Signal::derive(move || text.get(lang.get()).to_string()),
            None,
        )
    });
    let partners = layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let name = layer.name.clone();
            switch(
                Switch::Layer(i),
                layer.id.clone(),
                Signal::derive(move || name.get(lang.get()).to_string()),
                Some(i),
            )
        })
        .collect_view();
    view! {
        <fieldset class="sm-layers">
            <legend>{move || Text::Layers.get(lang.get())}</legend>
            <div class="sm-layer-kinds">{kinds}</div>
            <div class="sm-layer-partners">{partners}</div>
        </fieldset>
    }
}
