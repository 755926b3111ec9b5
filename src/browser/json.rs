//! The browser's own JSON values, read through `dataset::Json`: `JSON.parse` does the parsing,
//! so the wasm carries no JSON parser.

use crate::dataset::json::{each_position, Json};
use js_sys::{Array, Float64Array, Function};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        // On anything but an object `Reflect.get` throws: None.
        with_key(key, |key| member(self, key)).ok().flatten()
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
    /// An array given functions of the browser's own, so nothing calls back into the wasm for
    /// each member (js-sys's `every` and `map` take Rust closures).
    type Members;
    #[wasm_bindgen(method)]
    fn every(this: &Members, test: &Function) -> bool;
    #[wasm_bindgen(method, catch)]
    fn map(this: &Members, each: &Function) -> Result<Members, JsValue>;
    /// `Reflect.get`, with `undefined` and `null` told apart in the glue: one call into the
    /// browser for a member, not three.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn member(target: &JsValue, key: &JsValue) -> Result<Option<JsValue>, JsValue>;
    #[wasm_bindgen(thread_local_v2, js_namespace = Number, js_name = isFinite)]
    static IS_FINITE: Function;
    #[wasm_bindgen(thread_local_v2, js_namespace = ["Array", "prototype"], js_name = concat)]
    static CONCAT: JsValue;
    /// `Reflect.apply`: `f` called on `this` with `args` (too many for the stack: an error).
    #[wasm_bindgen(js_namespace = Reflect, js_name = apply, catch)]
    fn spread(f: &JsValue, this: &JsValue, args: &Array) -> Result<Members, JsValue>;
    #[wasm_bindgen(thread_local_v2, js_namespace = Math, js_name = atan2)]
    static ATAN2: JsValue;
    /// `Reflect.apply`, given its first two arguments by `bind`.
    type Apply;
    #[wasm_bindgen(thread_local_v2, js_namespace = Reflect, js_name = apply)]
    static APPLY: Apply;
    #[wasm_bindgen(method)]
    fn bind(this: &Apply, this_arg: &JsValue, target: &JsValue, target_this: &JsValue) -> Function;
}

thread_local! {
    /// `p => Math.atan2(...p)`: NaN for a position of fewer than two numbers, never for two
    /// finite ones (a test of each position's length that makes no string of it).
    static ATAN2_OF: Function = APPLY.with(|apply| ATAN2.with(|atan2| apply.bind(&JsValue::NULL, atan2, &JsValue::NULL)));
    /// The member names asked for, as the browser's strings. A dataset asks for the same few
    /// dozen names thousands of times; making each anew (decoded from the wasm's memory) was
    /// about 40 % of a member's reading. A list, not a hash map (its code).
    static KEYS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Names past this many are made anew each time: a page's own dataset may use any names.
const KEPT_KEYS: usize = 128;

/// Calls `f` with `key` as a browser string, kept for the next time.
fn with_key<T>(key: &str, f: impl FnOnce(&JsValue) -> T) -> T {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some((_, js)) = keys.iter().find(|(k, _)| k == key) {
            return f(js);
        }
        let js = JsValue::from_str(key);
        let out = f(&js);
        if keys.len() < KEPT_KEYS {
            keys.push((key.to_string(), js));
        }
        out
    })
}

/// A ring of `[x, y]` positions in a handful of calls instead of five for each position
/// (reading the countries took 20–40 ms this way). None unless every position is exactly two
/// finite numbers; the caller then reads position by position (altitudes, errors).
pub fn pairs(v: &JsValue) -> Option<Vec<[f64; 2]>> {
    let ring = v.dyn_ref::<Array>()?;
    // `[].concat(...ring)`: as `ring.flat()`, ten times faster in V8.
    let flat: Array = CONCAT
        .with(|concat| spread(concat, &Array::new(), ring))
        .ok()?
        .unchecked_into();
    let finite = |a: &Members| IS_FINITE.with(|f| a.every(f));
    if flat.length() != 2 * ring.length() || !finite(flat.unchecked_ref()) {
        return None;
    }
    // Every member of `ring` is now an array of finite numbers (a bare number fails `map`): if
    // each has at least two, each has exactly two.
    let at_least_two = ATAN2_OF.with(|f| ring.unchecked_ref::<Members>().map(f));
    if !at_least_two.is_ok_and(|a| finite(&a)) {
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
