//! The Rust side of the attribute rules the loader also checks (www/sahel-map.js): both read
//! the same table of cases, tests/fixtures/attributes.json (dates here; the loader's own
//! `layers` and `theme` checks have no Rust twin: the widget ignores ids it lacks).
// Native only: reads JSON with serde_json (or files) on the machine.
#![cfg(not(target_arch = "wasm32"))]

use sahel_map::dataset::Date;
use serde_json::Value;

fn cases(name: &str) -> (Vec<String>, Vec<String>) {
    let table: Value = serde_json::from_str(include_str!("fixtures/attributes.json")).unwrap();
    let list = |key: &str| -> Vec<String> {
        table[name][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    (list("accepted"), list("refused"))
}

#[test]
fn dates_as_the_loader_checks_them() {
    let (accepted, refused) = cases("date");
    for d in accepted {
        assert!(Date::parse(&d).is_some(), "{d:?} refused");
    }
    for d in refused {
        assert!(Date::parse(&d).is_none(), "{d:?} accepted");
    }
}
