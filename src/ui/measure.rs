//! Text widths measured with the browser's own font (a canvas' `measureText`), so labels are
//! placed for the type the reader actually sees.

use crate::view::labels::LabelKind;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

pub struct Measurer {
    context: CanvasRenderingContext2d,
    family: String,
    /// Widths already measured (a few dozen names: a list, not a hash map, which would add
    /// its code to the wasm).
    cache: RefCell<Vec<(String, LabelKind, f64)>>,
}

/// The computed `font-family` of `element` (the widget's wrapper sets it for everything inside).
/// Reading it makes the browser compute the page's styles, which the widget's load does in a
/// task of its own.
pub fn family_of(element: &web_sys::Element) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value("font-family").ok())
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "sans-serif".into())
}

impl Measurer {
    /// Measures in `family`, the widget's computed `font-family`.
    pub fn new(family: String) -> Option<Measurer> {
        let canvas = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?;
        let context = canvas
            .unchecked_into::<web_sys::HtmlCanvasElement>()
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Measurer {
            context,
            family,
            cache: RefCell::default(),
        })
    }

    /// Width in CSS pixels, with the weight, style, case and letter-spacing of www/widget.css.
    pub fn width(&self, text: &str, kind: LabelKind) -> f64 {
        let known = self
            .cache
            .borrow()
            .iter()
            .find(|(t, k, _)| t == text && *k == kind)
            .map(|c| c.2);
        if let Some(w) = known {
            return w;
        }
        let px = kind.px();
        let (style, shown, spacing) = match kind {
            LabelKind::Core => (
                "600",
                String::from(js_sys::JsString::from(text).to_upper_case()),
                0.04,
            ),
            LabelKind::Capital => ("italic", text.to_string(), 0.0),
            LabelKind::Country => ("normal", text.to_string(), 0.0),
            LabelKind::Site => ("600", text.to_string(), 0.0),
        };
        self.context
            .set_font(&format!("{style} {}px {}", px as u32, self.family));
        let measured = self
            .context
            .measure_text(&shown)
            .map(|m| m.width())
            .unwrap_or(0.0);
        // A pixel of slack for the halo each side.
        let width = measured + spacing * px * shown.chars().count() as f64 + 2.0;
        self.cache
            .borrow_mut()
            .push((text.to_string(), kind, width));
        width
    }
}
