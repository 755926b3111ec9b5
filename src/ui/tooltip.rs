//! The tooltip: the name of what is under the pointer, focused, or tapped; never hover-only,
//! gone with Esc, placed beside what it names (`carto::labels::beside`: above, below, right or
//! left, clear of it), kept inside the map's box and never more than a quarter of it.

use super::MapState;
use crate::carto::labels::{beside, Rect};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

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

/// The tooltip element, inside the map's box. Its text, visibility and place are set together
/// here, so it is measured with its new text before it is placed.
#[component]
pub fn Tooltip() -> impl IntoView {
    let state = expect_context::<MapState>();
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
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
    Effect::new(move |_| {
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
