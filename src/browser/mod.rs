//! The browser, as the widget uses it: fetching text with a bounded wait, the browser's own JSON
//! values read through `dataset::Json`, the host element (its `state` attribute, its events,
//! console warnings), and yielding to the page between the steps of a long job.
//!
//! May import `dataset` only; used by `ui` and `embed`, and uses neither.

mod fetch;
mod host;
pub mod json;
mod task;

pub use fetch::{fetch_text, GIVE_UP, STALL};
pub use host::{Host, LoadState};
pub use task::next_task;
