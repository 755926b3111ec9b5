//! The browser's own JSON values, read through `dataset::Json`: `JSON.parse` does the parsing,
//! so the wasm carries no JSON parser.

use crate::dataset::json::{each_position, Json};
use js_sys::{Array, Float64Array, Function};
use wasm_bindgen::{JsCast, JsValue};

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        // On anything but an object `Reflect.get` throws: None.
        js_sys::Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }
    fn as_str(&self) -> Option<String> {
        JsValue::as_string(self)
    }
    fn as_f64(&self) -> Option<f64> {
        JsValue::as_f64(self)
    }
    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }
    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| Array::from(self).to_vec())
    }
    fn positions(&self) -> Option<Vec<[f64; 2]>> {
        pairs(self).or_else(|| each_position(self))
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// An array whose `every` is given a function of the page's own, so the test of each member
    /// calls nothing in the wasm (js-sys's `every` takes a Rust closure).
    type Members;
    #[wasm_bindgen(method)]
    fn every(this: &Members, test: &Function) -> bool;
    #[wasm_bindgen(thread_local_v2, js_namespace = Number, js_name = isFinite)]
    static IS_FINITE: Function;
}

/// A ring of `[x, y]` positions in a handful of calls instead of five for each position
/// (reading the countries took 20–40 ms this way). None unless every position is exactly two
/// finite numbers; the caller then reads position by position (altitudes, errors).
pub fn pairs(v: &JsValue) -> Option<Vec<[f64; 2]>> {
    let ring = v.dyn_ref::<Array>()?;
    let flat = ring.flat(1);
    if flat.length() != 2 * ring.length() {
        return None;
    }
    if !IS_FINITE.with(|finite| flat.unchecked_ref::<Members>().every(finite)) {
        return None;
    }
    // Each member of `ring` gave `flat` at least two of its numbers, hence exactly two: a bare
    // number or a one-number array would convert to a finite number here, longer arrays to NaN.
    if !Float64Array::new(ring).to_vec().iter().all(|x| x.is_nan()) {
        return None;
    }
    let xy = Float64Array::new(&flat).to_vec();
    Some(xy.chunks_exact(2).map(|p| [p[0], p[1]]).collect())
}

/// Parses JSON text with the browser's parser.
pub fn parse(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| {
        js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_else(|| "invalid JSON".into())
    })
}
