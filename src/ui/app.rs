use super::details::Details;
use super::map::MapSvg;
use super::MapState;
use crate::carto::frame::SAHEL;
use crate::dataset::{not_geojson, read_geodata};
use crate::embed::{fetch_text, json, Host};
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

/// The whole widget: loads the geodata, owns the state, lays out map and panel.
#[component]
pub fn App(host: Host, lang: Lang, geo_src: String) -> impl IntoView {
    let state = MapState {
        lang: RwSignal::new(lang),
        selected: RwSignal::new(None),
        focus: RwSignal::new(None),
        host,
    };
    provide_context(state);
    let load = RwSignal::new(Load::Loading);

    spawn_local(async move {
        let result = fetch_text(&geo_src).await.and_then(|text| {
            let parsed = json::parse(&text).map_err(|why| vec![not_geojson(&why)]);
            let (geodata, _skipped) = parsed.and_then(read_geodata).map_err(|problems| {
                let first = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                format!("{} ({first})", Text::NoCountries.get(lang))
            })?;
            Ok(draw(&geodata, &SAHEL))
        });
        // The widget may have been removed while the file was on its way.
        if load
            .try_set(match &result {
                Ok(map) => Load::Ready(Arc::new(map.clone())),
                Err(message) => Load::Failed(message.clone()),
            })
            .is_some()
        {
            return;
        }
        // Let the DOM catch up before telling the page.
        tick().await;
        match result {
            Ok(_) => host.ready(),
            Err(message) => host.error(&message),
        }
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
