//! Giving the page its main thread back in the middle of a long job.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Resolves in a task of its own, after whatever the page has queued: input, rendering, its own
/// scripts. Loading a map is cut at these points, so no one task of it holds the page for long
/// (Lighthouse counts every task over 50 ms as blocking). A message to itself rather than a
/// zero timeout: a page in a background tab runs timeouts once a second at most, which would
/// add a second a step.
pub async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
    // Held to here: the channel must outlive its message.
    channel.port1().set_onmessage(None);
}
