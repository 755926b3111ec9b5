use super::measure::Measurer;
use super::MapState;
use crate::i18n::Text;
use crate::scene::{estimate, labels, labels_svg, DrawnCountry, DrawnMap};
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The SVG map: graticule, context land, one focusable shape per country, the disputed border,
/// selection and focus outlines, capitals and labels.
#[component]
pub fn MapSvg(map: Arc<DrawnMap>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let view_box = format!("0 0 {} {}", map.width as i32, map.height as i32);
    // The country showing a keyboard focus ring (focus-visible), drawn as an overlay.
    let ring = RwSignal::new(None::<String>);
    // CSS pixels per SVG unit, from the rendered width: labels keep a readable size.
    let px_per_unit = RwSignal::new(0.6);
    let boxed = NodeRef::<Div>::new();
    watch_width(boxed, map.width, px_per_unit);
    // Labels wait for the widget's font, known once it is in the page.
    let measurer = StoredValue::new_local(None::<Measurer>);
    let font_known = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(element) = boxed.get() else { return };
        let family = web_sys::window()
            .and_then(|w| w.get_computed_style(&element).ok().flatten())
            .and_then(|style| style.get_property_value("font-family").ok())
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| "sans-serif".into());
        measurer.set_value(Measurer::new(family));
        font_known.set(true);
    });

    let shapes = map
        .countries
        .iter()
        .map(|c| country_shape(c, &map, state, ring))
        .collect_view();
    let outline = {
        let map = map.clone();
        move |which: RwSignal<Option<String>>| {
            let map = map.clone();
            move || {
                which.with(|iso| {
                    iso.as_deref()
                        .and_then(|iso| map.country(iso))
                        .map(|c| c.d.clone())
                        .unwrap_or_default()
                })
            }
        }
    };
    let placed = {
        let map = map.clone();
        Memo::new(move |_| {
            if !font_known.get() {
                return Vec::new();
            }
            measurer.with_value(|m| {
                let measure = |text: &str, kind| {
                    m.as_ref()
                        .map_or_else(|| estimate(text, kind), |m| m.width(text, kind))
                };
                labels(&map, state.lang.get(), px_per_unit.get(), &measure)
            })
        })
    };
    view! {
        <div class="sm-mapbox" node_ref=boxed>
            <svg
                class="sm-map"
                viewBox=view_box
                role="group"
                aria-label=move || Text::MapLabel.get(state.lang.get())
            >
                <g class="sm-zoom">
                    <path class="sm-graticule" d=map.graticule.clone() />
                    <path class="sm-context" d=map.context.clone() />
                    <g class="sm-countries">{shapes}</g>
                    <path class="sm-disputed-under" d=map.disputed_borders.clone() />
                    <path class="sm-disputed" d=map.disputed_borders.clone() />
                    <path class="sm-outline is-selected" d=outline(state.selected) />
                    <path class="sm-outline is-focus" d=outline(ring) />
                    <g
                        class="sm-labels"
                        aria-hidden="true"
                        inner_html=move || placed.with(|p| labels_svg(p, px_per_unit.get()))
                    ></g>
                </g>
            </svg>
        </div>
    }
}

fn country_shape(
    country: &DrawnCountry,
    map: &Arc<DrawnMap>,
    state: MapState,
    ring: RwSignal<Option<String>>,
) -> impl IntoView {
    let iso: Arc<str> = Arc::from(country.iso.as_str());
    let name = country.name.clone();
    // Before anything has focus, the map's tab stop is the first country drawn.
    let default_focus = map.countries.first().map(|c| c.iso.clone());
    let selected = {
        let iso = iso.clone();
        move || state.selected.with(|s| s.as_deref() == Some(&*iso))
    };
    let tabindex = {
        let iso = iso.clone();
        move || {
            let focus = state.focus.get().or_else(|| default_focus.clone());
            if focus.as_deref() == Some(&*iso) {
                "0"
            } else {
                "-1"
            }
        }
    };
    let arrows = country.arrows.clone();
    let on_keydown = {
        let iso = iso.clone();
        move |ev: web_sys::KeyboardEvent| {
            let target = match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    state.toggle(&iso);
                    return;
                }
                "ArrowUp" => &arrows.up,
                "ArrowRight" => &arrows.right,
                "ArrowDown" => &arrows.down,
                "ArrowLeft" => &arrows.left,
                _ => return,
            };
            // Arrows never scroll the page from inside the map, even with no neighbour there.
            ev.prevent_default();
            if let Some(next) = target {
                focus_country(&ev, next);
            }
        }
    };
    let on_focus = {
        let iso = iso.clone();
        move |ev: web_sys::FocusEvent| {
            state.focus.set(Some(iso.to_string()));
            let visible = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
            ring.set(visible.then(|| iso.to_string()));
        }
    };
    let on_click = {
        let iso = iso.clone();
        move |_| state.toggle(&iso)
    };
    view! {
        <path
            class="sm-country"
            class:is-core=country.core
            class:is-selected=selected.clone()
            data-iso=iso.to_string()
            d=country.d.clone()
            tabindex=tabindex
            role="button"
            aria-pressed=move || if selected() { "true" } else { "false" }
            aria-label=move || name.get(state.lang.get()).to_string()
            on:click=on_click
            on:keydown=on_keydown
            on:focus=on_focus
            on:blur=move |_| ring.set(None)
        />
    }
}

/// Moves keyboard focus to the shape of `iso` in the same map as the event's target.
fn focus_country(ev: &web_sys::KeyboardEvent, iso: &str) {
    let shape = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("svg").ok().flatten())
        .and_then(|svg| {
            svg.query_selector(&format!("[data-iso=\"{iso}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(shape) = shape {
        let _ = shape.focus();
    }
}

/// Keeps `px_per_unit` equal to the rendered width of `boxed` over `width` SVG units.
fn watch_width(boxed: NodeRef<Div>, width: f64, px_per_unit: RwSignal<f64>) {
    Effect::new(move |_| {
        let Some(element) = boxed.get() else { return };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let entry: web_sys::ResizeObserverEntry = entries.get(0).unchecked_into();
            let rendered = entry.content_rect().width();
            if rendered > 0.0 {
                px_per_unit.set(rendered / width);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&element);
        let kept = StoredValue::new_local((observer, callback));
        on_cleanup(move || {
            kept.try_with_value(|(observer, _)| observer.disconnect());
        });
    });
}
