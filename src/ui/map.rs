use super::app::Loaded;
use super::gestures::{handlers, take_drag, zoom_centre, Handlers};
use super::measure::Measurer;
use super::tooltip::{named, tip_for, Tooltip};
use super::{MapState, Selection};
use crate::carto::zoom::Zoom;
use crate::i18n::Text;
use crate::view::labels::{estimate, labels, labels_svg};
use crate::view::overlay::{site_labels_svg, View};
use crate::view::scene::DrawnCountry;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The SVG map: graticule, context land, one focusable shape per country, the disputed border,
/// selection and focus outlines, capitals and labels; then the dataset's links and bases.
#[component]
pub fn MapSvg(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let map = loaded.map.clone();
    let view_box = map.view_box();
    // The country showing a keyboard focus ring (focus-visible), drawn as an overlay.
    let ring = RwSignal::new(None::<String>);
    let boxed = NodeRef::<Div>::new();
    watch_width(boxed, map.width, state.px_per_unit);
    // What labels and symbols are drawn for: the rendered size times the zoom, so they keep
    // their screen size as the reader zooms.
    let px_per_unit = Memo::new(move |_| state.px_per_unit.get() * state.zoom.get().k);
    let size = [map.width, map.height];
    let hint = RwSignal::new(None::<Text>);
    let Handlers {
        wheel,
        down,
        moved,
        up,
    } = handlers(state, size, hint);
    let up = std::rc::Rc::new(std::cell::RefCell::new(up));
    let cancel = {
        let up = up.clone();
        move |ev| (up.borrow_mut())(ev)
    };
    let up = move |ev| (up.borrow_mut())(ev);
    // A tip belongs to the view it was shown in.
    Effect::new(move |_| {
        state.zoom.track();
        state.tip.set(None);
    });
    let mapbox = move || boxed.get_untracked().map(web_sys::Element::from);
    let on_over = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() != "mouse" {
            return;
        }
        if let (Some((el, name)), Some(mb)) = (named(ev.target()), mapbox()) {
            let at = [f64::from(ev.client_x()), f64::from(ev.client_y())];
            state.tip.set(Some(tip_for(&el, name, Some(at), &mb)));
        }
    };
    let on_out = move |ev: web_sys::PointerEvent| {
        let leaving = named(ev.target()).map(|(el, _)| el);
        let entering = named(ev.related_target()).map(|(el, _)| el);
        if leaving != entering {
            state.tip.set(None);
        }
    };
    let on_focus_in = move |ev: web_sys::FocusEvent| {
        if let (Some((el, name)), Some(mb)) = (named(ev.target()), mapbox()) {
            state.tip.set(Some(tip_for(&el, name, None, &mb)));
        }
    };
    let on_tap = move |ev: web_sys::MouseEvent| {
        if let (Some((el, name)), Some(mb)) = (named(ev.target()), mapbox()) {
            let at = [f64::from(ev.client_x()), f64::from(ev.client_y())];
            state.tip.set(Some(tip_for(&el, name, Some(at), &mb)));
        }
    };
    let on_zoom_key = move |ev: web_sys::KeyboardEvent| {
        let factor = match ev.key().as_str() {
            "+" | "=" => Zoom::STEP,
            "-" | "_" => 1.0 / Zoom::STEP,
            "0" => {
                state.zoom.set(Zoom::IDENTITY);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        zoom_centre(state, factor, size);
    };
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
        .map(|c| country_shape(c, &loaded, state, ring))
        .collect_view();
    let outline = {
        let map = map.clone();
        move |which: Signal<Option<String>>| {
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
    let selected_country = Signal::derive(move || match state.selected.get() {
        Some(Selection::Country(iso)) => Some(iso),
        _ => None,
    });
    // The dataset's layer: redrawn as markup when the date, layers, language or size change;
    // the country shapes stay as they are.
    let drawn = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            let at = loaded.date(&state);
            let visible = loaded.visible(&state);
            crate::view::overlay::draw(&View {
                data: &loaded.data,
                overlay: &loaded.overlay,
                at: &at,
                visible: &visible,
                lang: state.lang.get(),
                px_per_unit: px_per_unit.get(),
                symbol_scale: crate::view::symbols::symbol_scale(
                    px_per_unit.get() * loaded.map.width,
                ),
                inert: false,
            })
        })
    };
    let overlay_g = NodeRef::<leptos::svg::G>::new();
    // Marks the selected symbol or link without redrawing the layer (focus stays put).
    Effect::new(move |_| {
        let selected = state.selected.get();
        drawn.track();
        let Some(g) = overlay_g.get() else { return };
        let g: &web_sys::Element = &g;
        if let Ok(old) = g.query_selector_all(".is-selected") {
            for i in 0..old.length() {
                if let Some(el) = old
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.class_list().remove_1("is-selected");
                }
            }
        }
        let attribute = match &selected {
            Some(Selection::Base(_)) => "data-base",
            Some(Selection::Site(_)) => "data-site",
            Some(Selection::Link(_)) => "data-link",
            _ => return,
        };
        let id = selected.as_ref().map(Selection::id).unwrap_or_default();
        if let Some(el) = with_attribute(g, "g", attribute, id) {
            let _ = el.class_list().add_1("is-selected");
        }
    });
    let on_pick = move |ev: web_sys::MouseEvent| {
        if take_drag(state) {
            return;
        }
        if let Some(selection) = picked(&ev) {
            ev.stop_propagation();
            state.toggle(selection);
        }
    };
    let on_pick_key = move |ev: web_sys::KeyboardEvent| {
        if matches!(ev.key().as_str(), "Enter" | " ") {
            if let Some(selection) = picked(&ev) {
                ev.prevent_default();
                state.toggle(selection);
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
                drawn.with(|d| {
                    labels(
                        &map,
                        state.lang.get(),
                        px_per_unit.get(),
                        &measure,
                        &d.taken,
                    )
                })
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
                on:wheel=wheel
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=cancel
                on:pointerover=on_over
                on:pointerout=on_out
                on:focusin=on_focus_in
                on:focusout=move |_| state.tip.set(None)
                on:click=on_tap
                on:keydown=on_zoom_key
            >
                <g class="sm-zoom" transform=move || state.zoom.get().transform()>
                    <path class="sm-graticule" d=map.graticule.clone() />
                    <path class="sm-context" d=map.context.clone() />
                    <g class="sm-countries">{shapes}</g>
                    <path class="sm-disputed-under" d=map.disputed_borders.clone() />
                    <path class="sm-disputed" d=map.disputed_borders.clone() />
                    <path class="sm-outline is-selected" d=outline(selected_country) />
                    <path class="sm-outline is-focus" d=outline(ring.into()) />
                    <g
                        class="sm-labels"
                        aria-hidden="true"
                        inner_html=move || {
                            let ppu = px_per_unit.get();
                            placed.with(|p| {
                                drawn.with(|d| {
                                    let mut taken = d.taken.clone();
                                    taken.extend(p.iter().map(|l| l.rect));
                                    let mut svg = labels_svg(p, ppu);
                                    let sites = measurer.with_value(|m| {
                                        let measure = |text: &str, kind| {
                                            m.as_ref().map_or_else(
                                                || estimate(text, kind),
                                                |m| m.width(text, kind),
                                            )
                                        };
                                        site_labels_svg(&d.site_labels, &taken, ppu, &measure).0
                                    });
                                    svg.push_str(&sites);
                                    svg
                                })
                            })
                        }
                    ></g>
                    <g
                        class="sm-overlay"
                        node_ref=overlay_g
                        inner_html=move || drawn.with(|d| d.markup.clone())
                        on:click=on_pick
                        on:keydown=on_pick_key
                    ></g>
                </g>
            </svg>
            <div class="sm-zoom-controls">
                <button type="button" class="sm-zoom-in" aria-label=move || Text::ZoomIn.get(state.lang.get())
                    on:click=move |_| zoom_centre(state, Zoom::STEP, size)>"+"</button>
                <button type="button" class="sm-zoom-out" aria-label=move || Text::ZoomOut.get(state.lang.get())
                    on:click=move |_| zoom_centre(state, 1.0 / Zoom::STEP, size)>"−"</button>
                <button type="button" class="sm-zoom-reset" aria-label=move || Text::ZoomReset.get(state.lang.get())
                    on:click=move |_| state.zoom.set(Zoom::IDENTITY)>"⟲"</button>
            </div>
            <p class="sm-gesture-hint" aria-hidden="true" hidden=move || hint.with(Option::is_none)>
                {move || hint.get().map(|t| t.get(state.lang.get()))}
            </p>
            <Tooltip />
        </div>
    }
}

fn country_shape(
    country: &DrawnCountry,
    loaded: &Arc<Loaded>,
    state: MapState,
    ring: RwSignal<Option<String>>,
) -> impl IntoView {
    let map = &loaded.map;
    let iso: Arc<str> = Arc::from(country.iso.as_str());
    // Its name and what the map holds for it on the date shown.
    let label = {
        let (loaded, iso, name) = (loaded.clone(), iso.clone(), country.name.clone());
        move || {
            let lang = state.lang.get();
            crate::view::names::country_name(
                &loaded.data,
                &iso,
                name.get(lang),
                &loaded.date(&state),
                lang,
            )
        }
    };
    // Before anything has focus, the map's tab stop is the first country drawn.
    let default_focus = map.countries.first().map(|c| c.iso.clone());
    let selected = {
        let iso = iso.clone();
        move || state.is_selected_country(&iso)
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
                    state.toggle(Selection::Country(iso.to_string()));
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
        move |_| {
            if !take_drag(state) {
                state.toggle(Selection::Country(iso.to_string()))
            }
        }
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
            aria-label=label
            on:click=on_click
            on:keydown=on_keydown
            on:focus=on_focus
            on:blur=move |_| ring.set(None)
        />
    }
}

/// The base, site or link an event in the overlay came from.
fn picked(ev: &web_sys::Event) -> Option<Selection> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let el = target
        .closest("[data-site],g[data-base],[data-link]")
        .ok()
        .flatten()?;
    ["data-site", "data-base", "data-link"]
        .iter()
        .find_map(|name| {
            el.get_attribute(name)
                .and_then(|id| Selection::from_attribute(name, id))
        })
}

/// The first `tag` element (any, if empty) under `root` whose `attribute` (a fixed name) is `value`, compared as
/// text: an id never becomes part of a selector, so no id, however odd, can break the query.
fn with_attribute(
    root: &web_sys::Element,
    tag: &'static str,
    attribute: &'static str,
    value: &str,
) -> Option<web_sys::Element> {
    let all = root
        .query_selector_all(&format!("{tag}[{attribute}]"))
        .ok()?;
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|el| el.get_attribute(attribute).as_deref() == Some(value))
}

/// Moves keyboard focus to the shape of `iso` in the same map as the event's target.
fn focus_country(ev: &web_sys::KeyboardEvent, iso: &str) {
    let shape = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("svg").ok().flatten())
        .and_then(|svg| with_attribute(&svg, "", "data-iso", iso))
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
