//! The whole bundled dataset, fetched when a reader first wants what the wasm's core leaves out
//! (sources, notes and summaries: the panel, the tables, the downloads). The map draws from the
//! core; the first pointer or focus on the widget starts the fetch, so it is usually in before
//! the first click.

use super::app::{file_name, read_data};
use super::MapState;
use crate::browser::{fetch_text, STALL};
use crate::dataset::Dataset;
use crate::i18n::Lang;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the whole dataset stands for one widget.
#[derive(Clone, Default)]
pub enum Whole {
    #[default]
    NotAsked,
    Loading,
    /// Loading, and waited `STALL` without an answer.
    Slow,
    /// The dataset and its text (for "Get the data").
    Ready(Arc<Dataset>, Arc<str>),
    Failed,
}

type Fetched = (Arc<Dataset>, Arc<str>);

thread_local! {
    /// Set by "Try again": later fetches of the whole dataset go past the HTTP cache.
    static ASKED_AGAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The whole bundled dataset and its text by URL, fetched once per page for every map on it.
    static WHOLE: std::cell::RefCell<Option<(String, Fetched)>> = const { std::cell::RefCell::new(None) };
}

/// The whole bundled dataset, if this page already has it from `state`'s URL.
pub fn cached(state: &MapState) -> Option<Fetched> {
    // `try_`: the widget may have been removed while a fetch was being set up.
    let url = state.bundled_src.try_get_value().flatten()?;
    WHOLE.with(|w| match &*w.borrow() {
        Some((at, whole)) if *at == url => Some(whole.clone()),
        _ => None,
    })
}

/// The dataset with its details for the panel and tables: the whole one once in, else the core
/// the map draws from (tracked).
pub fn detailed(state: &MapState, core: &Arc<Dataset>) -> Arc<Dataset> {
    state.whole.with(|w| match w {
        Whole::Ready(d, _) => d.clone(),
        _ => core.clone(),
    })
}

/// A reader coming near the widget: starts fetching the whole dataset if it was never asked
/// for (a failure waits for the reader to ask, by a selection or the tables).
pub fn prefetch(state: MapState) {
    if matches!(state.whole.try_get_untracked(), Some(Whole::NotAsked)) {
        want(state);
    }
}

/// Starts fetching the whole dataset unless it is in or on its way (after a failure, again).
pub fn want(state: MapState) {
    let loaded = state.data.try_with_untracked(Option::is_some) == Some(true);
    let asked = matches!(
        state.whole.try_get_untracked(),
        Some(Whole::Loading | Whole::Slow | Whole::Ready(..)) | None
    );
    if !loaded || asked {
        return;
    }
    state.whole.set(Whole::Loading);
    // Tried again meanwhile, the timer finds another `Loading`: the reader hears sooner.
    leptos::prelude::set_timeout(
        move || {
            if matches!(state.whole.try_get_untracked(), Some(Whole::Loading)) {
                state.whole.try_set(Whole::Slow);
            }
        },
        STALL,
    );
    leptos::task::spawn_local(async move {
        if let Err(why) = load(state).await {
            state.host.warn(&why);
        }
    });
}

/// "Try again" in the panel: asks for the whole dataset anew, whatever became of the last try.
pub fn retry(state: MapState) {
    if !matches!(
        state.whole.try_get_untracked(),
        Some(Whole::Ready(..)) | None
    ) {
        ASKED_AGAIN.with(|a| a.set(true));
        state.whole.set(Whole::Failed);
        want(state);
    }
}

/// The whole dataset for `state`, fetching it if need be; the result is also set on `state`.
pub async fn load(state: MapState) -> Result<Arc<Dataset>, String> {
    if let Some(Whole::Ready(d, _)) = state.whole.try_get_untracked() {
        return Ok(d);
    }
    let result = fetch(state).await;
    // The page may have given its own dataset, or removed the widget, meanwhile.
    if state.data_src.try_get_untracked() == Some(None) {
        match &result {
            Ok((data, text)) => {
                state
                    .whole
                    .try_set(Whole::Ready(data.clone(), text.clone()));
            }
            Err(_) => {
                state.whole.try_set(Whole::Failed);
            }
        }
    }
    result.map(|(data, _)| data)
}

async fn fetch(state: MapState) -> Result<Fetched, String> {
    if let Some(whole) = cached(&state) {
        return Ok(whole);
    }
    let url = state
        .bundled_src
        .try_get_value()
        .flatten()
        .ok_or("no URL for the whole dataset (options.bundledSrc)")?;
    let core = state
        .data
        .try_get_untracked()
        .flatten()
        .ok_or("the map is not ready yet")?;
    let text = fetch_text(&url, ASKED_AGAIN.with(std::cell::Cell::get)).await?;
    let name = file_name(&url);
    let data = read_data(name, &text, false, Lang::En)
        .await
        .map_err(|f| f.details.join(" "))?;
    // A copy from another build (a stale cache) would give wrong details: refuse it.
    if data.version != core.version || data.as_of != core.as_of {
        return Err(format!(
            "{name} is version {} as of {}, not the bundled {} as of {}",
            data.version, data.as_of, core.version, core.as_of
        ));
    }
    let whole: Fetched = (Arc::new(data), Arc::from(text));
    WHOLE.with(|w| *w.borrow_mut() = Some((url, whole.clone())));
    Ok(whole)
}
