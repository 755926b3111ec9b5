//! The whole bundled dataset, fetched when a reader first wants what the wasm's core leaves out
//! (sources, notes and summaries: the panel, the tables, the downloads). The map draws from the
//! core; the first pointer or focus on the widget starts the fetch, so it is usually in before
//! the first click.

use super::MapState;
use crate::dataset::{read_dataset, Dataset};
use crate::embed::{fetch_text, json};
use leptos::prelude::*;
use std::sync::Arc;

/// Where the whole dataset stands for one widget.
#[derive(Clone, Default)]
pub enum Whole {
    #[default]
    NotAsked,
    Loading,
    Ready(Arc<Dataset>),
    Failed,
}

type Fetched = (Arc<Dataset>, Arc<str>);

thread_local! {
    /// The whole bundled dataset and its text by URL, fetched once per page for every map on it.
    static WHOLE: std::cell::RefCell<Option<(String, Fetched)>> = const { std::cell::RefCell::new(None) };
}

/// The whole bundled dataset, if this page already has it from `state`'s URL.
pub fn cached(state: &MapState) -> Option<Fetched> {
    let url = state.bundled_src.get_value()?;
    WHOLE.with(|w| match &*w.borrow() {
        Some((at, whole)) if *at == url => Some(whole.clone()),
        _ => None,
    })
}

/// The dataset with its details for the panel and tables: the whole one once in, else the core
/// the map draws from (tracked).
pub fn detailed(state: &MapState, core: &Arc<Dataset>) -> Arc<Dataset> {
    state.whole.with(|w| match w {
        Whole::Ready(d) => d.clone(),
        _ => core.clone(),
    })
}

/// Starts fetching the whole dataset unless it is in, on its way, or has failed.
pub fn want(state: MapState) {
    let loaded = state.data.try_with_value(Option::is_some) == Some(true);
    if !loaded || !matches!(state.whole.try_get_untracked(), Some(Whole::NotAsked)) {
        return;
    }
    state.whole.set(Whole::Loading);
    leptos::task::spawn_local(async move {
        if let Err(why) = load(state).await {
            state.host.warn(&why);
        }
    });
}

/// The whole dataset for `state`, fetching it if need be; the result is also set on `state`.
pub async fn load(state: MapState) -> Result<Arc<Dataset>, String> {
    if let Some(Whole::Ready(d)) = state.whole.try_get_untracked() {
        return Ok(d);
    }
    let result = fetch(state).await;
    // The page may have given its own dataset, or removed the widget, meanwhile.
    if state.data_src.try_get_untracked() == Some(None) {
        match &result {
            Ok((data, text)) => {
                state.data_text.try_set_value(Some(text.clone()));
                state.whole.try_set(Whole::Ready(data.clone()));
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
        .get_value()
        .ok_or("no URL for the whole dataset (options.bundledSrc)")?;
    let core = state.data.get_value().ok_or("the map is not ready yet")?;
    let text = fetch_text(&url).await?;
    let data = json::parse(&text)
        .map_err(|why| format!("{url}: not JSON ({why})"))
        .and_then(|v| read_dataset(v).map_err(|p| format!("{url}: {}", p[0])))?;
    // A copy from another build (a stale cache) would give wrong details: refuse it.
    if data.version != core.version || data.as_of != core.as_of {
        return Err(format!(
            "{url} is version {} as of {}, not the bundled {} as of {}",
            data.version, data.as_of, core.version, core.as_of
        ));
    }
    let whole = (Arc::new(data), Arc::from(text));
    WHOLE.with(|w| *w.borrow_mut() = Some((url, whole.clone())));
    Ok(whole)
}
