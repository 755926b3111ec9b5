//! The tooltip: the name of what is under the pointer, focused, or tapped; never hover-only,
//! gone with Esc, placed beside what it names (`carto::labels::beside`: above, below, right or
//! left, clear of it), kept inside the map's box and never more than a quarter of it. Also the
//! map's handlers that show, keep and hide it (`pointing`), which light what the mouse points
//! at on the way.

use super::effect;
use super::{Lit, MapState};
use crate::carto::labels::{beside, Rect};
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusEvent, MouseEvent, PointerEvent};

/// What a tooltip shows and the box (CSS pixels, relative to the map's box) it must not cover.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    pub text: String,
    pub avoid: Rect,
}

/// The element an event concerns: a country, base, site, link or partner mark, with its name
/// (a site's without its list of records, which the panel gives).
pub fn named(target: Option<web_sys::EventTarget>) -> Option<(Element, String)> {
    let el = target?.dyn_into::<Element>().ok()?;
    let el = el
        .closest("[data-iso],g[data-base],[data-site],[data-link],[data-partner]")
        .ok()
        .flatten()?;
    let name = el.get_attribute("aria-label")?;
    let name = match el.has_attribute("data-site") {
        // As `view::panel`: a char pattern keeps core's string searcher out of the wasm.
        true => name
            .split('—')
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_string(),
        false => name,
    };
    Some((el, name))
}

/// A box relative to `within`'s top left.
fn relative(rect: &web_sys::DomRect, within: &web_sys::DomRect) -> Rect {
    Rect {
        x0: rect.left() - within.left(),
        y0: rect.top() - within.top(),
        x1: rect.right() - within.left(),
        y1: rect.bottom() - within.top(),
    }
}

/// A tip for `el`: it avoids the whole element when it is small (a symbol), or a point (the
/// pointer, or the middle of a focused country) when it is large.
pub fn tip_for(el: &Element, name: String, point: Option<[f64; 2]>, mapbox: &Element) -> Tip {
    let within = mapbox.get_bounding_client_rect();
    let r = el.get_bounding_client_rect();
    let small = r.width() < 60.0 && r.height() < 60.0;
    let avoid = match point {
        _ if small => relative(&r, &within),
        Some([x, y]) => Rect::centred([x - within.left(), y - within.top()], [12.0, 12.0]),
        None => Rect::centred(
            [
                (r.left() + r.right()) / 2.0 - within.left(),
                (r.top() + r.bottom()) / 2.0 - within.top(),
            ],
            [12.0, 12.0],
        ),
    };
    Tip { text: name, avoid }
}

/// The map's handlers that show, keep and hide the tip, and light what the mouse points at.
pub struct Pointing {
    pub moved: Box<dyn FnMut(PointerEvent)>,
    pub over: Box<dyn FnMut(PointerEvent)>,
    pub out: Box<dyn FnMut(PointerEvent)>,
    pub focus_in: Box<dyn FnMut(FocusEvent)>,
    pub focus_out: Box<dyn FnMut(FocusEvent)>,
    pub tap: Box<dyn FnMut(MouseEvent)>,
}

/// The tip's handlers for the map in `boxed`; `moved`, the map's own `pointermove` handler
/// (drags), runs after the tip's.
pub fn pointing(
    state: MapState,
    boxed: NodeRef<Div>,
    moved: impl FnMut(PointerEvent) + 'static,
) -> Pointing {
    let mapbox = move || boxed.get_untracked().map(Element::from);
    // What the mouse points at: the country or partner it lights, the tip naming it (`None`
    // where nothing named lies under it).
    let point_at = move |ev: &PointerEvent| {
        if let Some(peek) = peeked(ev.target()) {
            if state.peek.with_untracked(|p| *p != peek) {
                state.peek.set(peek);
            }
        }
        let tip = match (named(ev.target()), mapbox()) {
            (Some((el, name)), Some(mb)) => {
                let at = [f64::from(ev.client_x()), f64::from(ev.client_y())];
                Some(tip_for(&el, name, Some(at), &mb))
            }
            _ => None,
        };
        if tip.is_some() || state.tip.with_untracked(Option::is_some) {
            state.tip.set(tip);
        }
    };
    // The browser also sends `pointerover` and `pointerout` when what lies under a still mouse
    // changes (a selection's lines drawn under it, a zoom), at the place of its last move. The
    // reader has pointed at nothing new, so the tip keeps what it named (the country just
    // clicked, not a line that appeared under the pointer) until the mouse moves again. Kept:
    // where the mouse last moved, and whether what lies under it has changed since.
    let mouse = Rc::new(Cell::new((None::<[i32; 2]>, false)));
    // Whether `ev` is such an event (noted, so the next move points anew) or the reader's own.
    let overtakes = {
        let mouse = mouse.clone();
        move |ev: &PointerEvent| {
            let still = ev.pointer_type() == "mouse"
                && mouse.get().0 == Some([ev.client_x(), ev.client_y()]);
            mouse.set((mouse.get().0, still));
            still
        }
    };
    let mut moved = moved;
    let moved = move |ev: PointerEvent| {
        let (_, overtaken) = mouse.replace((Some([ev.client_x(), ev.client_y()]), false));
        if overtaken {
            point_at(&ev);
        }
        moved(ev)
    };
    let on_over = {
        let overtakes = overtakes.clone();
        move |ev: PointerEvent| {
            if ev.pointer_type() == "mouse" && !overtakes(&ev) {
                point_at(&ev);
            }
        }
    };
    let on_out = move |ev: PointerEvent| {
        if overtakes(&ev) {
            return;
        }
        // Into something else named, the `pointerover` that follows replaces the tip: hidden
        // here, it would be laid out once more in between.
        if named(ev.related_target()).is_none() {
            state.tip.set(None);
        }
    };
    // A tip already naming this (a hover's, before the press that focuses or clicks it) stays:
    // measuring it again would lay the page out in the middle of the press.
    let named_already = move |name: &str| {
        state
            .tip
            .with_untracked(|t| t.as_ref().is_some_and(|t| t.text == name))
    };
    let on_focus_in = move |ev: FocusEvent| {
        if let (Some((el, name)), Some(mb)) = (named(ev.target()), mapbox()) {
            if !named_already(&name) {
                state.tip.set(Some(tip_for(&el, name, None, &mb)));
            }
        }
    };
    // Focus leaving takes its tip along; a tip naming something else stays (a hover's, for what
    // a press is about to focus).
    let on_focus_out = move |ev: FocusEvent| {
        let keep = named(ev.target()).is_some_and(|(_, leaving)| {
            state
                .tip
                .with_untracked(|t| t.as_ref().is_some_and(|t| t.text != leaving))
        });
        if !keep {
            state.tip.set(None);
        }
    };
    let on_tap = move |ev: MouseEvent| {
        if let (Some((el, name)), Some(mb)) = (named(ev.target()), mapbox()) {
            if named_already(&name) {
                return;
            }
            let at = [f64::from(ev.client_x()), f64::from(ev.client_y())];
            state.tip.set(Some(tip_for(&el, name, Some(at), &mb)));
        }
    };
    Pointing {
        moved: Box::new(moved),
        over: Box::new(on_over),
        out: Box::new(on_out),
        focus_in: Box::new(on_focus_in),
        focus_out: Box::new(on_focus_out),
        tap: Box::new(on_tap),
    }
}

/// What the reader peeks at under the pointer: a country or a partner's mark lights it; a line
/// or a symbol keeps what is lit (so a line can be reached and clicked); anything else, the map's
/// background, lights nothing. None: leave it as it is.
fn peeked(target: Option<web_sys::EventTarget>) -> Option<Option<Lit>> {
    let el = target?.dyn_into::<Element>().ok()?;
    let found = el
        .closest("[data-iso],[data-partner],[data-link],[data-base],[data-site]")
        .ok()
        .flatten();
    let Some(found) = found else {
        return Some(None);
    };
    if let Some(iso) = found.get_attribute("data-iso") {
        return Some(Some(Lit::Country(iso)));
    }
    found
        .get_attribute("data-partner")
        .map(|id| Some(Lit::Partner(id)))
}

/// The tooltip element, inside the map's box. Its text, visibility and place are set together
/// here, so it is measured with its new text before it is placed.
#[component]
pub fn Tooltip() -> impl IntoView {
    let state = expect_context::<MapState>();
    let node = NodeRef::<Div>::new();
    effect(move |_| {
        let tip = state.tip.get();
        let Some(el) = node.get() else { return };
        let Some(tip) = tip else {
            el.set_hidden(true);
            return;
        };
        let Some(mapbox) = el.parent_element() else {
            return;
        };
        el.set_text_content(Some(&tip.text));
        let style = web_sys::HtmlElement::style(&el);
        let _ = style.remove_property("max-height");
        el.set_hidden(false);
        let bx = [
            f64::from(mapbox.client_width()),
            f64::from(mapbox.client_height()),
        ];
        let mut size = [f64::from(el.offset_width()), f64::from(el.offset_height())];
        // Never more than a quarter of the map: a long name is cut (the panel has it whole).
        let quarter = bx[0] * bx[1] / 4.0;
        if size[0] * size[1] > quarter && size[0] > 0.0 {
            let _ = style.set_property(
                "max-height",
                &format!("{}px", (quarter / size[0]).floor() as i64),
            );
            size[1] = f64::from(el.offset_height());
        }
        let [x, y] = beside(tip.avoid, size, bx);
        let _ = style.set_property("left", &format!("{}px", x.round() as i64));
        let _ = style.set_property("top", &format!("{}px", y.round() as i64));
    });
    // Esc hides it wherever focus is: a tip shown by hover must go without moving the pointer.
    effect(move |_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let on_key = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(
            move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    let _ = state.tip.try_set(None);
                }
            },
        );
        let _ =
            document.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        let kept = StoredValue::new_local((document, on_key));
        on_cleanup(move || {
            kept.try_with_value(|(document, f)| {
                let _ = document
                    .remove_event_listener_with_callback("keydown", f.as_ref().unchecked_ref());
            });
        });
    });
    view! { <div class="sm-tip" role="tooltip" node_ref=node hidden></div> }
}
