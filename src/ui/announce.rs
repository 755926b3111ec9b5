use super::app::Loaded;
use super::effect;
use super::{MapState, Selection};
use crate::i18n::{long_date, Text};
use crate::view::names::{base_name, country_name, link_name, pair_name};
use leptos::prelude::*;
use std::sync::Arc;

/// A polite live region: what the reader just selected, which layer they turned on or off, and
/// the date the map now shows. Silent on first render.
#[component]
pub fn Announcer(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let said = RwSignal::new(String::new());
    {
        let loaded = loaded.clone();
        effect(move |first: bool| {
            let selected = state.selected.get();
            if first {
                return;
            }
            let (lang, at, data) = (
                state.lang.get_untracked(),
                untrack(|| loaded.date(&state)),
                &loaded.data,
            );
            let name = match &selected {
                None => None,
                Some(Selection::Country(iso)) => loaded
                    .map
                    .country(iso)
                    .map(|c| country_name(data, iso, c.name.get(lang), &at, lang)),
                Some(Selection::Base(id)) => data
                    .bases
                    .iter()
                    .find(|b| b.id == *id)
                    .map(|b| base_name(data, b, &at, lang)),
                Some(Selection::Site(id)) => {
                    loaded.overlay.site(id).map(|(city, _)| city.to_string())
                }
                Some(Selection::Link(id)) => {
                    match loaded.overlay.pairs.iter().find(|p| p.id == *id) {
                        Some(pair) => Some(pair_name(data, pair, &at, lang)),
                        None => data
                            .agreements
                            .iter()
                            .find(|a| a.id == *id)
                            .map(|a| link_name(data, a, &at, lang)),
                    }
                }
                Some(Selection::Partner(id)) => data
                    .layers
                    .iter()
                    .find(|l| l.id == *id)
                    .map(|l| l.name.get(lang).to_string()),
            };
            said.set(match name {
                Some(name) => format!("{} {name}", Text::Selected.get(lang)),
                None => Text::Cleared.get(lang).to_string(),
            });
        });
    }
    {
        let loaded = loaded.clone();
        effect(move |first: bool| {
            let at = loaded.date(&state);
            if !first {
                let lang = state.lang.get_untracked();
                said.set(format!(
                    "{} {}",
                    Text::DateNow.get(lang),
                    long_date(&at, lang)
                ));
            }
        });
    }
    let previous = std::cell::Cell::new(None::<crate::view::state::Visible>);
    effect(move |_| {
        let now = loaded.visible(&state);
        if let Some(before) = previous.take() {
            let lang = state.lang.get_untracked();
            let mut changes = Vec::new();
            let word = |on: bool| if on { Text::LayerOn } else { Text::LayerOff }.get(lang);
            for (i, layer) in loaded.data.layers.iter().enumerate() {
                if before.layers.get(i) != now.layers.get(i) {
                    let on = now.layers.get(i).copied().unwrap_or(false);
                    changes.push(format!("{}: {}", layer.name.get(lang), word(on)));
                }
            }
            if before.bases != now.bases {
                changes.push(format!("{}: {}", Text::Bases.get(lang), word(now.bases)));
            }
            if before.links != now.links {
                changes.push(format!("{}: {}", Text::Links.get(lang), word(now.links)));
            }
            if !changes.is_empty() {
                said.set(changes.join(", "));
            }
        }
        previous.set(Some(now));
    });
    view! { <p class="sm-announce" role="status">{move || said.get()}</p> }
}
