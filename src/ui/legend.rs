use super::MapState;
use crate::i18n::Text;
use crate::view::key::legend_html;
use crate::view::symbols::symbol_scale;
use leptos::prelude::*;

/// Below this width (CSS pixels) the widget is a phone's: its key starts closed.
pub const NARROW: f64 = 480.0;

/// The key to the symbols and lines, at the size the map draws them; open by default on a wide
/// widget, closed behind "Key" on a narrow one (as the loader's first frame does), and folded
/// or unfolded by the reader. `laid_out`: the element's width in CSS pixels (0: not laid out).
#[component]
pub fn Legend(width: f64, laid_out: f64) -> impl IntoView {
    let state = expect_context::<MapState>();
    let open = laid_out == 0.0 || laid_out >= NARROW;
    let html = move || {
        legend_html(
            state.lang.get(),
            symbol_scale(state.px_per_unit.get() * width),
        )
    };
    view! {
        <details class="sm-legend" open=open>
            <summary>{move || Text::Key.get(state.lang.get())}</summary>
            <div class="sm-legend-body" inner_html=html></div>
        </details>
    }
}
