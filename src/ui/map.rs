use super::app::Loaded;
use super::country::countries;
use super::effect;
use super::gestures::{handlers, show_through, take_drag, zoom_centre, Handlers, SETTLE};
use super::measure::Measurer;
use super::memo;
use super::tooltip::{pointing, Pointing, Tooltip};
use super::{Lit, MapState, Selection};
use crate::carto::zoom::{Change, Zoom};
use crate::i18n::Text;
use crate::view::labels::{estimate, labels, labels_svg};
use crate::view::overlay::{site_labels_svg, Drawn, View};
use crate::view::partners::{blocs_svg, lines_svg, marks_svg, partners_of};
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The SVG map: graticule, context land, one focusable shape per country, the disputed border,
/// selection and focus outlines, capitals and labels; then the dataset's links and bases.
#[component]
pub fn MapSvg(
    loaded: Arc<Loaded>,
    family: String,
    sited: RwSignal<bool>,
    labelled: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<MapState>();
    let map = loaded.map.clone();
    let view_box = map.view_box();
    // The country showing a keyboard focus ring (focus-visible), drawn as an overlay.
    let ring = RwSignal::new(None::<String>);
    let boxed = NodeRef::<Div>::new();
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    // The span of SVG x the reader sees: all of it, but on a phone the five only.
    let window = (RwSignal::new(0.0), RwSignal::new(map.width));
    watch_width(svg_ref, map.width, state.px_per_unit, window);
    // The zoom the map's group is drawn at, and what labels and symbols are drawn for (the
    // rendered size times its `k`, so they keep their screen size as the reader zooms). During
    // a wheel or a pinch it stays at the zoom the gesture last paused at (`gestures::SETTLE`)
    // and the whole `<svg>` is moved by a CSS transform (`lens`), which the compositor applies
    // without laying out or painting the map again.
    let continuous = Rc::new(Cell::new(false));
    let lens = Rc::new(Cell::new(Change::NONE));
    let shown = RwSignal::new(state.zoom.get_untracked());
    let settling = StoredValue::new_local(None::<TimeoutHandle>);
    {
        let (continuous, lens) = (continuous.clone(), lens.clone());
        effect(move |_| {
            let zoom = state.zoom.get();
            settling.update_value(|h| {
                if let Some(h) = h.take() {
                    h.clear();
                }
            });
            let settle = {
                let lens = lens.clone();
                move || {
                    if lens.replace(Change::NONE) != Change::NONE {
                        if let Some(svg) = svg_ref.get_untracked() {
                            show_through(&svg, Change::NONE, 0.0);
                        }
                    }
                    if shown.try_get_untracked() != Some(zoom) {
                        shown.try_set(zoom);
                    }
                }
            };
            if !continuous.replace(false) {
                settle();
                return;
            }
            let change = zoom.since(shown.get_untracked());
            if let Some(svg) = svg_ref.get_untracked() {
                show_through(&svg, change, state.px_per_unit.get_untracked());
            }
            lens.set(change);
            settling.set_value(set_timeout_with_handle(settle, SETTLE).ok());
        });
    }
    let px_per_unit = memo(move || state.px_per_unit.get() * shown.with(|z| z.k));
    let size = [map.width, map.height];
    let hint = RwSignal::new(None::<Text>);
    let Handlers {
        wheel,
        down,
        moved,
        up,
    } = handlers(state, size, hint, continuous, lens);
    let up = Rc::new(RefCell::new(up));
    let cancel = {
        let up = up.clone();
        move |ev| (up.borrow_mut())(ev)
    };
    let up = move |ev| (up.borrow_mut())(ev);
    // A tip belongs to the view it was shown in.
    effect(move |_| {
        state.zoom.track();
        state.tip.set(None);
    });
    let Pointing {
        moved,
        over,
        out,
        focus_in,
        focus_out,
        tap,
    } = pointing(state, boxed, moved);
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
    // Labels are measured in the widget's font (`family`, read by `App` before the map).
    let measurer = StoredValue::new_local(Measurer::new(family));

    let shapes = countries(&loaded, state, ring);
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
    // The view as the pure drawing functions take it (tracks date, layers, language, size).
    let with_view = {
        let loaded = loaded.clone();
        move |f: &mut dyn FnMut(&View)| {
            let at = loaded.date(&state);
            let visible = loaded.visible(&state);
            f(&View {
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
        }
    };
    // The dataset's symbols: redrawn as markup when the date, layers, language or size change;
    // the country shapes stay as they are.
    let drawn = {
        let with_view = with_view.clone();
        memo(move || {
            let mut drawn = Drawn::default();
            // Drawn in a task after the rest of the map (`App`'s steps), before the names; the
            // blocs' areas too.
            if sited.get() {
                with_view(&mut |v| drawn = crate::view::overlay::draw(v));
            }
            drawn
        })
    };
    // What is lit, its lines and the fading of the rest: redrawn as the reader hovers and
    // focuses, apart from the symbols, which stay.
    let lines = {
        let with_view = with_view.clone();
        memo(move || {
            let lit = state.lit();
            let mut m = String::new();
            with_view(&mut |v| m = lines_svg(v, lit.as_ref()));
            m
        })
    };
    // What stays clear while something is lit (None: nothing fades).
    let kept = {
        let with_view = with_view.clone();
        move || {
            let lit = state.lit();
            let mut kept = None;
            with_view(&mut |v| kept = crate::view::partners::kept(v, lit.as_ref()));
            kept
        }
    };
    let blocs = {
        let (with_view, map) = (with_view.clone(), map.clone());
        memo(move || {
            let mut m = String::new();
            // With the symbols: 12-18 ms at 4x CPU that the map's own task need not hold.
            if sited.get() {
                with_view(&mut |v| m = blocs_svg(v, &map));
            }
            m
        })
    };
    let overlay_g = NodeRef::<leptos::svg::G>::new();
    // Marks the selected symbol or link without redrawing the layer (focus stays put).
    effect(move |_| {
        let selected = state.selected.get();
        drawn.track();
        lines.track();
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
        let (map, with_view) = (map.clone(), with_view.clone());
        memo(move || {
            // Placed in a task after the rest of the map (`App`'s steps), before `ready`.
            if !labelled.get() {
                return Vec::new();
            }
            measurer.with_value(|m| {
                let measure = |text: &str, kind| {
                    m.as_ref()
                        .map_or_else(|| estimate(text, kind), |m| m.width(text, kind))
                };
                let mut counts: Vec<(String, usize)> = Vec::new();
                with_view(&mut |v| {
                    counts = map
                        .countries
                        .iter()
                        .map(|c| (c.iso.clone(), partners_of(v, &c.iso).len()))
                        .collect();
                });
                let marks =
                    |iso: &str| counts.iter().find(|(i, _)| i == iso).map_or(0, |(_, n)| *n);
                drawn.with(|d| {
                    labels(
                        &map,
                        state.lang.get(),
                        px_per_unit.get(),
                        &measure,
                        &d.taken,
                        &marks,
                        [window.0.get(), window.1.get()],
                    )
                })
            })
        })
    };
    let marks = memo(move || {
        let mut m = String::new();
        placed.with(|p| with_view(&mut |v| m = marks_svg(v, p)));
        m
    });
    // Fades what the lit state, partner or pair does not concern, by class.
    effect(move |_| {
        let kept = kept();
        drawn.track();
        marks.track();
        let Some(g) = overlay_g.get() else { return };
        let g: &web_sys::Element = &g;
        let Ok(all) = g.query_selector_all(".sm-bases > g, .sm-pmark") else {
            return;
        };
        for i in 0..all.length() {
            let Some(el) = all
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let attr = |name: &str| el.get_attribute(name).unwrap_or_default();
            let clear = kept
                .as_ref()
                .is_none_or(|k| match el.has_attribute("data-partner") {
                    true => k.mark(&attr("data-of"), &attr("data-partner")),
                    false => k.symbol(&attr("data-host"), &attr("data-layers")),
                });
            let _ = el.class_list().toggle_with_force("is-faded", !clear);
        }
    });
    view! {
        <div class="sm-mapbox" node_ref=boxed>
            <svg
                class="sm-map"
                node_ref=svg_ref
                viewBox=view_box
                role="group"
                aria-label=move || Text::MapLabel.get(state.lang.get())
                on:wheel=wheel
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=cancel
                on:pointerover=over
                on:pointerout=out
                on:pointerleave=move |_| state.peek.set(None)
                on:focusin=focus_in
                on:focusout=focus_out
                on:click=tap
                on:keydown=on_zoom_key
            >
                <g class="sm-zoom" transform=move || shown.get().transform()>
                    <path class="sm-graticule" d=map.graticule.clone() />
                    <path class="sm-context" d=map.context.clone() />
                    {shapes}
                    <g
                        class="sm-blocs"
                        class:is-faded=move || state.lit().is_some()
                        aria-hidden="true"
                        inner_html=move || blocs.get()
                    ></g>
                    <path class="sm-disputed-under" d=map.disputed_borders.clone() />
                    <path class="sm-disputed" d=map.disputed_borders.clone() />
                    <path class="sm-outline is-selected" d=outline(selected_country) />
                    <path class="sm-outline is-focus" d=outline(ring.into()) />
                    <g
                        class="sm-labels"
                        aria-hidden="true"
                        inner_html=move || {
                            if !labelled.get() {
                                return String::new();
                            }
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
                                        site_labels_svg(
                                            &d.site_labels,
                                            &taken,
                                            ppu,
                                            &measure,
                                            [window.0.get(), window.1.get()],
                                        )
                                        .0
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
                        on:click=on_pick
                        on:keydown=on_pick_key
                    >
                        // Lines shown for what the pointer is on are a preview: clicks go
                        // through them to the country (a selection's lines take clicks).
                        <g
                            class="sm-links"
                            class:is-preview=move || {
                                state.peek.with(Option::is_some)
                                    && state.lit()
                                        != state.selected.with(|s| s.as_ref().and_then(Lit::of))
                            }
                            inner_html=move || lines.get()
                        ></g>
                        <g inner_html=move || drawn.with(|d| d.markup.clone())></g>
                        <g class="sm-marks" inner_html=move || marks.get()></g>
                    </g>

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

/// The base, site, link or partner mark an event in the overlay came from.
fn picked(ev: &web_sys::Event) -> Option<Selection> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let el = target
        .closest("[data-site],g[data-base],[data-link],[data-partner]")
        .ok()
        .flatten()?;
    ["data-site", "data-base", "data-link", "data-partner"]
        .iter()
        .find_map(|name| {
            el.get_attribute(name)
                .and_then(|id| Selection::from_attribute(name, id))
        })
}

/// The first `tag` element (any, if empty) under `root` whose `attribute` (a fixed name) is `value`, compared as
/// text: an id never becomes part of a selector, so no id, however odd, can break the query.
pub(super) fn with_attribute(
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

/// Keeps `px_per_unit` equal to the rendered width of the `<svg>` over `width` SVG units (on a
/// phone the `<svg>` is wider than its box, which crops the neighbours).
fn watch_width(
    svg: NodeRef<leptos::svg::Svg>,
    width: f64,
    px_per_unit: RwSignal<f64>,
    window: (RwSignal<f64>, RwSignal<f64>),
) {
    effect(move |_| {
        let Some(element) = svg.get() else { return };
        let measured = element.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let entry: web_sys::ResizeObserverEntry = entries.get(0).unchecked_into();
            let rendered = entry.content_rect().width();
            if rendered > 0.0 {
                let ppu = rendered / width;
                px_per_unit.set(ppu);
                // What of it its box shows (the zoom's transform is inside the <svg>).
                if let Some(boxed) = measured.parent_element() {
                    let (s, b) = (
                        measured.get_bounding_client_rect(),
                        boxed.get_bounding_client_rect(),
                    );
                    let seen = [
                        ((b.left() - s.left()) / ppu).max(0.0),
                        ((b.right() - s.left()) / ppu).min(width),
                    ];
                    for (signal, x) in [(window.0, seen[0]), (window.1, seen[1])] {
                        if signal.get_untracked() != x {
                            signal.set(x);
                        }
                    }
                }
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
