//! Zoom and pan that respect the page: a plain wheel scrolls the page (with a hint), Ctrl/⌘ +
//! wheel and trackpad pinches zoom around the pointer, a mouse drags, two fingers pinch and pan,
//! one finger scrolls the page (with a hint). A drag never ends in a click: the click handlers
//! ask [`take_drag`] first.

use super::MapState;
use crate::carto::within;
use crate::carto::zoom::{Change, Zoom};
use crate::i18n::Text;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};

/// What the pointers are doing.
#[derive(Default)]
struct Gesture {
    /// Touch and pen pointers down, by id, at client coordinates.
    down: Vec<(i32, [f64; 2])>,
    /// A mouse drag: where it started and the zoom then.
    drag: Option<([f64; 2], Zoom)>,
    /// A two-finger pinch: distance and centre (SVG units) at the start, and the zoom then.
    pinch: Option<(f64, [f64; 2], Zoom)>,
}

/// The `<svg>`'s box as laid out: `[left, top, width, height]` in client pixels, before the
/// lens (`show_through`) moved it.
fn laid_out(svg: &Element, lens: Change, size: [f64; 2]) -> [f64; 4] {
    let r = svg.get_bounding_client_rect();
    let [left, top, width, height] = [r.left(), r.top(), r.width(), r.height()];
    let px = width / lens.k / size[0];
    let [left, top, width, height] = lens.undo(px, [left, top, width, height]);
    [left, top, width.max(1.0), height.max(1.0)]
}

/// A client point in the map's SVG units (before the zoom transform).
fn to_svg(svg: &Element, lens: Change, client: [f64; 2], size: [f64; 2]) -> [f64; 2] {
    let [left, top, w, h] = laid_out(svg, lens, size);
    [
        (client[0] - left) / w * size[0],
        (client[1] - top) / h * size[1],
    ]
}

/// SVG units per CSS pixel on screen, at zoom 1.
fn units_per_px(svg: &Element, lens: Change, size: [f64; 2]) -> f64 {
    size[0] / laid_out(svg, lens, size)[2]
}

/// Shows the map's picture moved by `change` (a CSS transform of the whole `<svg>`, `px` CSS
/// pixels per SVG unit), or as drawn with [`Change::NONE`]. The compositor moves it without
/// laying out or painting the map: under 4× CPU a Ctrl + wheel step took 27–34 ms (median) as
/// a new `transform` attribute and 3–9 ms this way. `is-moving` (widget.css) makes it a layer
/// and paints what lies beyond the `<svg>`'s box, so a zoom out shows the map, not a gap.
pub fn show_through(svg: &web_sys::SvgElement, change: Change, px: f64) {
    let moving = change != Change::NONE;
    let _ = svg.class_list().toggle_with_force("is-moving", moving);
    let style = svg.style();
    let _ = match moving {
        true => style.set_property("transform", &change.css(px)),
        false => style.remove_property("transform").map(drop),
    };
}

fn is_mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac") || p.starts_with("iP"))
}

/// Shows `text` over the map for a moment.
pub fn flash(hint: RwSignal<Option<Text>>, text: Text) {
    hint.set(Some(text));
    set_timeout(
        move || {
            let _ = hint.try_update(|h| {
                if *h == Some(text) {
                    *h = None;
                }
            });
        },
        Duration::from_millis(1800),
    );
}

/// Zooms by `factor` around the map's centre (buttons and keys).
pub fn zoom_centre(state: MapState, factor: f64, size: [f64; 2]) {
    state
        .zoom
        .update(|z| *z = z.zoom_at([size[0] / 2.0, size[1] / 2.0], factor, size[0], size[1]));
}

/// The map's pointer and wheel handlers, to put on its `<svg>` (Leptos owns the listeners, so
/// they go with the widget).
pub struct Handlers {
    pub wheel: Box<dyn FnMut(WheelEvent)>,
    pub down: Box<dyn FnMut(PointerEvent)>,
    pub moved: Box<dyn FnMut(PointerEvent)>,
    pub up: Box<dyn FnMut(PointerEvent)>,
}

/// Whether the click now arriving ends a drag or a pinch (and must not select); asking resets.
pub fn take_drag(state: MapState) -> bool {
    state
        .dragged
        .try_update_value(std::mem::take)
        .unwrap_or(false)
}

fn svg_of(ev: &web_sys::Event) -> Option<Element> {
    ev.current_target()?.dyn_into::<Element>().ok()
}

/// A wheel or a pinch zooms many times a second: the drawn layers (labels, symbols, marks) follow
/// its zoom once it has paused this long, scaled with the map meanwhile, so each of its frames
/// costs a transform rather than new markup (the Ctrl + wheel zoom's slowest frames were the
/// markup's parsing).
pub const SETTLE: Duration = Duration::from_millis(150);

/// `continuous` is set before each change of zoom that comes from a wheel or a pinch (see
/// [`SETTLE`]); `lens` is how [`show_through`] moves the picture meanwhile.
pub fn handlers(
    state: MapState,
    size: [f64; 2],
    hint: RwSignal<Option<Text>>,
    continuous: Rc<Cell<bool>>,
    lens: Rc<Cell<Change>>,
) -> Handlers {
    let gesture = Rc::new(RefCell::new(Gesture::default()));
    let pinching = continuous.clone();
    let wheel_lens = lens.clone();
    let wheel = move |ev: WheelEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            // The page scrolls as usual; the reader learns how to zoom.
            flash(
                hint,
                if is_mac() {
                    Text::CmdScroll
                } else {
                    Text::CtrlScroll
                },
            );
            return;
        }
        ev.prevent_default();
        let Some(svg) = svg_of(&ev) else { return };
        let lines = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let factor = within((-ev.delta_y() * lines * 0.002).exp(), 0.5, 2.0);
        let at = to_svg(
            &svg,
            wheel_lens.get(),
            [f64::from(ev.client_x()), f64::from(ev.client_y())],
            size,
        );
        continuous.set(true);
        state
            .zoom
            .update(|z| *z = z.zoom_at(at, factor, size[0], size[1]));
    };

    let down = {
        let (gesture, lens) = (gesture.clone(), lens.clone());
        move |ev: PointerEvent| {
            let at = [f64::from(ev.client_x()), f64::from(ev.client_y())];
            let mut g = gesture.borrow_mut();
            state.dragged.set_value(false);
            if ev.pointer_type() == "mouse" {
                if ev.button() == 0 && state.zoom.get_untracked().k > Zoom::MIN {
                    g.drag = Some((at, state.zoom.get_untracked()));
                }
                return;
            }
            g.down.retain(|(id, _)| *id != ev.pointer_id());
            g.down.push((ev.pointer_id(), at));
            if let ([(_, a), (_, b)], Some(svg)) = (&g.down[..], svg_of(&ev)) {
                let (a, b) = (*a, *b);
                let _ = svg.set_pointer_capture(ev.pointer_id());
                let centre = to_svg(
                    &svg,
                    lens.get(),
                    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
                    size,
                );
                let dist = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2))
                    .sqrt()
                    .max(1.0);
                g.pinch = Some((dist, centre, state.zoom.get_untracked()));
                state.dragged.set_value(true);
            }
        }
    };

    let moved = {
        let (gesture, lens) = (gesture.clone(), lens.clone());
        move |ev: PointerEvent| {
            let at = [f64::from(ev.client_x()), f64::from(ev.client_y())];
            let mut g = gesture.borrow_mut();
            let Some(svg) = svg_of(&ev) else { return };
            if let Some((start, zoom)) = g.drag {
                let (dx, dy) = (at[0] - start[0], at[1] - start[1]);
                if dx.abs() + dy.abs() > 3.0 {
                    state.dragged.set_value(true);
                }
                if state.dragged.get_value() {
                    let u = units_per_px(&svg, lens.get(), size);
                    state.zoom.set(zoom.pan(dx * u, dy * u, size[0], size[1]));
                }
                return;
            }
            let Some(slot) = g.down.iter_mut().find(|(id, _)| *id == ev.pointer_id()) else {
                return;
            };
            let from = slot.1;
            slot.1 = at;
            match (g.pinch, &g.down[..]) {
                (Some((dist0, centre0, zoom0)), [(_, a), (_, b)]) => {
                    let centre = to_svg(
                        &svg,
                        lens.get(),
                        [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
                        size,
                    );
                    let dist = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
                    let z = zoom0.zoom_at(centre0, dist / dist0, size[0], size[1]).pan(
                        centre[0] - centre0[0],
                        centre[1] - centre0[1],
                        size[0],
                        size[1],
                    );
                    pinching.set(true);
                    state.zoom.set(z);
                }
                // One finger across the map: the page keeps it; say how to move the map.
                (None, [_])
                    if (at[0] - from[0]).abs() > 2.0
                        && hint.get_untracked() != Some(Text::TwoFingers) =>
                {
                    flash(hint, Text::TwoFingers);
                }
                _ => {}
            }
        }
    };

    let up = move |ev: PointerEvent| {
        let mut g = gesture.borrow_mut();
        g.drag = None;
        g.down.retain(|(id, _)| *id != ev.pointer_id());
        if g.down.len() < 2 {
            g.pinch = None;
        }
    };
    Handlers {
        wheel: Box::new(wheel),
        down: Box::new(down),
        moved: Box::new(moved),
        up: Box::new(up),
    }
}
