//! Fetching a text file (GeoJSON, dataset) with an error a reader can understand.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// GETs `url` and returns its body, or a sentence saying what went wrong.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let unreachable = |_| format!("{url} could not be reached");
    let response: Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(unreachable)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response.text().map_err(unreachable)?;
    JsFuture::from(body)
        .await
        .map_err(unreachable)?
        .as_string()
        .ok_or_else(|| format!("{url} did not return text"))
}
