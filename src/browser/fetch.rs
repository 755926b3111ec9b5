//! Fetching a text file (GeoJSON, dataset) with an error a reader can understand, and a bound
//! on the wait: a server that holds the request open ends in an error, not endless loading.

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestInit, Response};

/// After this long without an answer the widget says it is still waiting and offers to retry.
pub const STALL: Duration = Duration::from_secs(8);
/// After this long a request is given up: long enough for the largest file (the whole dataset,
/// 37 KB brotli) on a poor mobile network.
pub const GIVE_UP: Duration = Duration::from_secs(30);

/// GETs `url` and returns its body, or a sentence saying what went wrong. `again`: a reader's
/// "Try again", sent past the HTTP cache: a browser makes a second request for a URL wait
/// behind a first one still open (Chromium's cache lock), and the first may be the one stuck.
pub async fn fetch_text(url: &str, again: bool) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let unreachable = |_| format!("{url} could not be reached");
    let init = RequestInit::new();
    if again {
        init.set_cache(RequestCache::NoStore);
    }
    // Aborted after GIVE_UP, the fetch and its body reject at once.
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
        let c = c.clone();
        leptos::prelude::set_timeout(move || c.abort(), GIVE_UP);
    }
    let timed_out = || controller.as_ref().is_some_and(|c| c.signal().aborted());
    let gave_up = || format!("{url} did not answer within {} seconds", GIVE_UP.as_secs());
    let response: Response = match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await
    {
        Ok(r) => r.unchecked_into(),
        Err(_) if timed_out() => return Err(gave_up()),
        Err(e) => return Err(unreachable(e)),
    };
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response.text().map_err(unreachable)?;
    match JsFuture::from(body).await {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| format!("{url} did not return text")),
        Err(_) if timed_out() => Err(gave_up()),
        Err(e) => Err(unreachable(e)),
    }
}
