use super::MapState;
use crate::i18n::Text;
use crate::scene::DrawnMap;
use leptos::prelude::*;
use std::sync::Arc;

/// The details panel: what is selected, or how to select something.
#[component]
pub fn Details(map: Arc<DrawnMap>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let lang = state.lang;
    let content = move || {
        let selected = state.selected.get();
        match selected.as_deref().and_then(|iso| map.country(iso)) {
            None => view! {
                <p class="sm-hint">{move || Text::DetailsHint.get(lang.get())}</p>
            }
            .into_any(),
            Some(country) => {
                let name = country.name.clone();
                view! {
                    <div class="sm-details-head">
                        <h2 class="sm-details-title">{move || name.get(lang.get()).to_string()}</h2>
                        <button
                            type="button"
                            class="sm-close"
                            aria-label=move || Text::Close.get(lang.get())
                            on:click=move |_| state.select(None)
                        >
                            "×"
                        </button>
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="sm-details" data-part="details" aria-live="polite">
            {content}
        </section>
    }
}
