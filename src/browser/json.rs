//! The browser's own JSON values, read through `dataset::Json`: `JSON.parse` does the parsing,
//! so the wasm carries no JSON parser.

use crate::dataset::Json;
use wasm_bindgen::JsValue;

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
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
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).to_vec())
    }
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
