use super::MapState;
use crate::i18n::Text;
use crate::view::key::legend_html;
use crate::view::symbols::symbol_scale;
use leptos::prelude::*;

/// The key to the symbols and lines, at the size the map draws them; open by default, folded
/// by the reader.
#[component]
pub fn Legend(width: f64) -> impl IntoView {
    let state = expect_context::<MapState>();
    let html = move || {
        legend_html(
            state.lang.get(),
            symbol_scale(state.px_per_unit.get() * width),
        )
    };
    view! {
        <details class="sm-legend" open>
            <summary>{move || Text::Key.get(state.lang.get())}</summary>
            <div class="sm-legend-body" inner_html=html></div>
        </details>
    }
}
