//! Shared by the dataset tests: the minimal valid fixture, and copies of it with one value
//! changed.

use serde_json::Value;

pub fn minimal() -> Value {
    serde_json::from_str(include_str!("../fixtures/dataset-minimal.json")).unwrap()
}

/// The minimal fixture with `pointer` set to `value` (Null removes the member).
pub fn mutated(pointer: &str, value: Value) -> Value {
    let mut v = minimal();
    if value.is_null() {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        v.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
    } else {
        *v.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value;
    }
    v
}
