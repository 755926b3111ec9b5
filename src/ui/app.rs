use super::details::Details;
use super::map::MapSvg;
use super::MapState;
use crate::carto::frame::SAHEL;
use crate::dataset::{not_geojson, read_geodata};
use crate::embed::{fetch_text, json, LoadState};
use crate::i18n::{Lang, Text};
use crate::scene::{draw, DrawnMap};
use leptos::prelude::*;
use leptos::task::{spawn_local, tick};
use std::sync::Arc;

#[derive(Clone)]
enum Load {
    Loading,
    Ready(Arc<DrawnMap>),
    Failed(String),
}

/// The countries file, drawn.
async fn fetch_map(geo_src: &str, lang: Lang) -> Result<DrawnMap, String> {
    fetch_text(geo_src).await.and_then(|text| {
        let parsed = json::parse(&text).map_err(|why| vec![not_geojson(&why)]);
        let (geodata, _skipped) = parsed.and_then(read_geodata).map_err(|problems| {
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("{} ({first})", Text::NoCountries.get(lang))
        })?;
        Ok(draw(&geodata, &SAHEL))
    })
}

/// The whole widget: loads the geodata (again whenever its URL changes), shares the state,
/// lays out map and panel.
#[component]
pub fn App(state: MapState) -> impl IntoView {
    provide_context(state);
    let host = state.host;
    let load = RwSignal::new(Load::Loading);
    // Each load has a number; a late answer to an earlier URL is dropped.
    let latest = StoredValue::new(0u32);

    Effect::new(move |_| {
        let geo_src = state.geo_src.get();
        let lang = state.lang.get_untracked();
        let this = latest.get_value() + 1;
        latest.set_value(this);
        load.set(Load::Loading);
        host.set_state(LoadState::Loading);
        spawn_local(async move {
            let result = fetch_map(&geo_src, lang).await;
            // The widget may have been removed, or pointed elsewhere, meanwhile.
            if latest.try_get_value() != Some(this) {
                return;
            }
            load.set(match &result {
                Ok(map) => Load::Ready(Arc::new(map.clone())),
                Err(message) => Load::Failed(message.clone()),
            });
            // Let the DOM catch up before telling the page.
            tick().await;
            match result {
                Ok(_) => host.ready(),
                Err(message) => host.error(&message),
            }
        });
    });

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && state.selected.with_untracked(Option::is_some) {
            ev.prevent_default();
            state.select(None);
        }
    };

    view! {
        <div class="sm" lang=move || state.lang.get().code() on:keydown=on_keydown>
            {move || match load.get() {
                Load::Loading => view! {
                    <p class="sm-status" role="status">{move || Text::Loading.get(state.lang.get())}</p>
                }.into_any(),
                Load::Failed(message) => view! {
                    <div class="sm-error" role="alert">
                        <p class="sm-error-title">{move || Text::LoadFailed.get(state.lang.get())}</p>
                        <p class="sm-error-detail">{message}</p>
                    </div>
                }.into_any(),
                Load::Ready(map) => view! {
                    <div class="sm-body">
                        <figure class="sm-figure">
                            <MapSvg map=map.clone() />
                            <figcaption class="sm-credit">
                                {move || Text::Credit.get(state.lang.get())}
                            </figcaption>
                        </figure>
                        <Details map />
                    </div>
                }.into_any(),
            }}
        </div>
    }
}
