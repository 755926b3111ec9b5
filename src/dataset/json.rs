//! Read-only access to parsed JSON, as a trait: natively a `serde_json::Value`, in the browser
//! the value the browser's own `JSON.parse` made (implemented in `embed`). Readers written
//! against [`Json`] stay pure and native-testable, and the wasm carries no JSON parser and no
//! serde machinery, which would cost it about a sixth of the page's byte budget.

/// A JSON value, read without copying it into Rust types first.
pub trait Json: Sized {
    /// The member `key` of an object; None if this is not an object, or the member is absent or
    /// null.
    fn get(&self, key: &str) -> Option<Self>;
    fn as_str(&self) -> Option<String>;
    fn as_f64(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    /// The elements of an array; None if this is not an array.
    fn items(&self) -> Option<Vec<Self>>;

    /// A member's trimmed, non-empty text.
    fn text(&self, key: &str) -> Option<String> {
        let s = self.get(key)?.as_str()?;
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// `[x, y, …]` with finite x and y.
    fn position(&self) -> Option<[f64; 2]> {
        let items = self.items()?;
        let x = items.first()?.as_f64()?;
        let y = items.get(1)?.as_f64()?;
        (x.is_finite() && y.is_finite()).then_some([x, y])
    }

    /// `[[x, y, …], …]`, every position valid; None if any is not.
    fn positions(&self) -> Option<Vec<[f64; 2]>> {
        each_position(self)
    }
}

/// [`Json::positions`] read one position at a time: what an implementation falls back to.
pub fn each_position<J: Json>(v: &J) -> Option<Vec<[f64; 2]>> {
    v.items()?.iter().map(Json::position).collect()
}

#[cfg(not(target_arch = "wasm32"))]
impl Json for &serde_json::Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).filter(|v| !v.is_null())
    }
    fn as_str(&self) -> Option<String> {
        serde_json::Value::as_str(self).map(str::to_string)
    }
    fn as_f64(&self) -> Option<f64> {
        serde_json::Value::as_f64(self)
    }
    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().map(|a| a.iter().collect())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Through the trait only (serde_json's own inherent `get` treats null differently).
    fn check(v: impl Json) {
        assert_eq!(v.text("a").as_deref(), Some("x"));
        assert_eq!(v.get("n").and_then(|n| n.as_f64()), Some(2.5));
        assert_eq!(v.get("p").and_then(|p| p.position()), Some([1.0, 2.0]));
        assert_eq!(v.get("bad").and_then(|p| p.position()), None);
        assert!(v.get("z").is_none() && v.get("missing").is_none());
        assert_eq!(v.text("e"), None);
        assert_eq!(v.get("t").and_then(|t| t.as_bool()), Some(true));
        // Strings are not objects or arrays.
        let s = v.get("a").unwrap();
        assert!(s.get("x").is_none() && s.items().is_none());
    }

    #[test]
    fn reads_members_text_numbers_and_positions() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"a":" x ","n":2.5,"p":[1,2,3],"bad":["1",2],"z":null,"e":"","t":true}"#,
        )
        .unwrap();
        check(&v);
    }
}
