//! geodata/sahel.schema.json against the reader, with a real JSON Schema validator: the shipped
//! dataset and the minimal fixture pass both; every bad fixture the schema rejects, the reader
//! rejects too.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{minimal, mutated};
use sahel_map::dataset::load_dataset;
use serde_json::{json, Value};

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../geodata/sahel.schema.json")).unwrap();
    jsonschema::draft202012::new(&schema).expect("a valid 2020-12 schema")
}

#[test]
fn the_shipped_dataset_passes_the_schema_and_the_reader() {
    let text = include_str!("../geodata/sahel.json");
    let value: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    if let Err(problems) = load_dataset(text) {
        panic!(
            "{:#?}",
            problems.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_minimal_fixture_passes_the_schema() {
    let errors: Vec<String> = schema()
        .iter_errors(&minimal())
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn whatever_the_schema_rejects_the_reader_rejects() {
    let schema = schema();
    let mutations: Vec<(&str, Value)> = vec![
        ("/as_of", json!("2025-13")),
        ("/as_of", json!(2025)),
        ("/version", json!(1)),
        ("/title", json!("Test")),
        ("/title/fr", json!("")),
        ("/actors/0/kind", json!("company")),
        ("/actors/0/anchor", json!([1])),
        ("/actors/0/anchor", json!("here")),
        ("/countries/0/capital/at", json!(["2", "13"])),
        ("/countries/0/leader/since", json!("28 July 2023")),
        ("/countries/0/coups/0/sources", json!([])),
        ("/layers/0/default", json!("yes")),
        ("/bases/0/at_verified", json!(1)),
        ("/bases/0/operators", json!("usa")),
        ("/bases/0/opened/date", json!("2019-11-31")),
        ("/bases/0/troops/0/count", json!(-5)),
        ("/bases/0/troops/0/count", json!(10.5)),
        ("/bases/0/troops/0/scope", json!("region")),
        ("/bases/0/troops/0/as_of", json!(null)),
        ("/bases/0/troops/0/sources", json!([])),
        (
            "/bases/0/troops/0/sources/0/url",
            json!("javascript:alert(1)"),
        ),
        (
            "/bases/0/troops/0/sources/0/url",
            json!("ftp://example.org"),
        ),
        ("/bases/0/troops/0/sources/0/date", json!("yesterday")),
        ("/agreements/0/parties", json!(["usa"])),
        ("/agreements/0/signed/verified", json!("true")),
        ("/events/0/date", json!("2023-7-26")),
        ("/events/0/title", json!({ "en": "Coup" })),
    ];
    let mut rejected_by_schema = 0;
    for (pointer, value) in mutations {
        let v = mutated(pointer, value.clone());
        if !schema.is_valid(&v) {
            rejected_by_schema += 1;
            assert!(
                load_dataset(&v.to_string()).is_err(),
                "the schema rejects {pointer} = {value} but the reader accepts it"
            );
        }
    }
    // The schema does its job too: nearly every one of these breaks it.
    assert!(
        rejected_by_schema >= 24,
        "the schema rejected only {rejected_by_schema}"
    );
}
