//! The dataset reader natively: a minimal valid fixture, then one bad fixture per rule, each
//! made by changing one value of the minimal one.
// Native only: the dataset and countries files are parsed with serde_json here.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{minimal, mutated};
use sahel_map::dataset::{load_dataset, Amount, Date, Scope, Status};
use serde_json::{json, Value};

const MINIMAL: &str = include_str!("fixtures/dataset-minimal.json");

/// The problems of the minimal fixture with `pointer` set to `value` (Null removes it).
fn problems_with(pointer: &str, value: Value) -> Vec<String> {
    match load_dataset(&mutated(pointer, value).to_string()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn assert_problem(pointer: &str, value: Value, expected: &str) {
    let problems = problems_with(pointer, value);
    assert!(
        problems.iter().any(|p| p == expected),
        "expected {expected:?}, got {problems:#?}"
    );
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn the_minimal_fixture_reads_whole() {
    let data = load_dataset(MINIMAL).unwrap();
    assert_eq!(data.as_of, d("2025-12-31"));
    assert_eq!(data.bases[0].troops.len(), 3);
    assert_eq!(
        data.bases[0].troops[2].amount,
        Amount::Range { min: 500, max: 700 }
    );
    assert_eq!(data.countries[0].leader.sources[0].date, None);
    assert_eq!(
        data.actor("usa").unwrap().location.as_ref().unwrap().en,
        "Washington, D.C."
    );
}

#[test]
fn a_bad_date_names_its_path() {
    assert_problem(
        "/bases/0/troops/0/as_of",
        json!("2024-13-01"),
        r#"bases[0].troops[0].as_of: "2024-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"#,
    );
}

#[test]
fn duplicate_ids_are_refused() {
    assert_problem(
        "/actors/1/id",
        json!("usa"),
        r#"actors[1].id: "usa" is used twice"#,
    );
}

#[test]
fn unknown_actors_hosts_and_parties_are_refused() {
    assert_problem(
        "/bases/0/operators/0",
        json!("fra"),
        r#"bases[0].operators[0]: "fra" is not a known actor"#,
    );
    assert_problem(
        "/bases/0/host",
        json!("MLI"),
        r#"bases[0].host: "MLI" is not a known country"#,
    );
    assert_problem(
        "/agreements/0/parties/1",
        json!("rus"),
        r#"agreements[0].parties[1]: "rus" is not a known actor"#,
    );
    assert_problem(
        "/layers/0/actors/0",
        json!("eu"),
        r#"layers[0].actors[0]: "eu" is not a known actor"#,
    );
    assert_problem(
        "/events/0/bases/0",
        json!("nowhere"),
        r#"events[0].bases[0]: "nowhere" is not a known base"#,
    );
}

#[test]
fn an_end_before_its_start_is_refused() {
    assert_problem(
        "/bases/0/closed/date",
        json!("2019-01"),
        "bases[0].closed.date: 2019-01 is before it opened (2019-11)",
    );
    assert_problem(
        "/agreements/0/ended/date",
        json!("2012-01-01"),
        "agreements[0].ended.date: 2012-01-01 is before in_force (2013-01-28)",
    );
}

#[test]
fn a_base_or_anchor_outside_the_map_is_refused() {
    assert_problem(
        "/bases/0/at",
        json!([2.35, 48.86]),
        "bases[0].at: [2.35, 48.86] lies outside the map",
    );
    assert_problem(
        "/actors/0/anchor",
        json!([-77.0, 38.9]),
        "actors[0].anchor: [-77, 38.9] lies outside the map",
    );
}

#[test]
fn a_count_needs_an_as_of_date_and_a_source() {
    assert_problem(
        "/bases/0/troops/1/as_of",
        Value::Null,
        "bases[0].troops[1].as_of: is missing",
    );
    assert_problem(
        "/bases/0/troops/1/sources",
        json!([]),
        "bases[0].troops[1].sources: needs at least one source",
    );
    assert_problem(
        "/bases/0/troops/1/count",
        Value::Null,
        "bases[0].troops[1]: needs a count, or a min and a max",
    );
    assert_problem(
        "/bases/0/troops/2/min",
        json!(900),
        "bases[0].troops[2].min: 900 is more than max 700",
    );
    assert_problem(
        "/bases/0/troops/1/scope",
        json!("region"),
        r#"bases[0].troops[1].scope: "region" is not base, country or mission"#,
    );
}

#[test]
fn a_verified_position_needs_a_source() {
    assert_problem(
        "/bases/0/at_sources",
        json!([]),
        "bases[0].at_sources: a verified position needs a source",
    );
}

#[test]
fn a_source_names_its_kind() {
    assert_problem(
        "/events/0/sources/0/kind",
        json!("blog"),
        r#"events[0].sources[0].kind: "blog" is not a kind of source (state-media, copy, reference, broadcaster, newspaper, research, wire, official)"#,
    );
    assert_problem(
        "/events/0/sources/0/kind",
        Value::Null,
        "events[0].sources[0].kind: is missing",
    );
}

#[test]
fn a_fact_resting_only_on_state_media_or_copies_cannot_be_verified() {
    const WEAK: &str = "is true, but its only sources are state media or republished copies: \
        cite an original (a wire, official, newspaper, broadcaster, research or reference source) \
        or set it to false";
    for (pointer, path) in [
        ("/events/0/sources/0", "events[0].verified"),
        ("/bases/0/troops/1/sources/0", "bases[0].troops[1].verified"),
        ("/bases/0/opened/sources/0", "bases[0].opened.verified"),
        ("/bases/0/at_sources/0", "bases[0].at_verified"),
        (
            "/countries/0/leader/sources/0",
            "countries[0].leader.verified",
        ),
        (
            "/countries/0/coups/0/sources/0",
            "countries[0].coups[0].verified",
        ),
    ] {
        for (kind, original) in [("state-media", None), ("copy", Some("Reuters"))] {
            let mut source = minimal().pointer(pointer).unwrap().clone();
            source["kind"] = json!(kind);
            if let Some(o) = original {
                source["original"] = json!(o);
            }
            assert_problem(pointer, source, &format!("{path}: {WEAK}"));
        }
    }
    // Unverified, the same fact reads; so does one with an original beside the copy.
    let mut weak = minimal();
    weak["events"][0]["sources"][0]["kind"] = json!("state-media");
    weak["events"][0]["verified"] = json!(false);
    assert!(load_dataset(&weak.to_string()).is_ok());
    let mut backed = minimal();
    let original = backed["events"][0]["sources"][0].clone();
    backed["events"][0]["sources"][0]["kind"] = json!("copy");
    backed["events"][0]["sources"]
        .as_array_mut()
        .unwrap()
        .push(original);
    assert!(load_dataset(&backed.to_string()).is_ok());
}

#[test]
fn only_http_links_are_accepted() {
    for url in [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "example.org",
        "https://exa mple.org",
    ] {
        let expected = format!("agreements[0].sources[0].url: {url:?} is not an http(s) link");
        assert_problem("/agreements/0/sources/0/url", json!(url), &expected);
    }
}

#[test]
fn markup_in_strings_is_kept_as_text() {
    let mut v = minimal();
    v["bases"][0]["summary"]["en"] = json!("<img src=x onerror=alert(1)> & co");
    let data = load_dataset(&v.to_string()).unwrap();
    assert_eq!(
        data.bases[0].summary.en,
        "<img src=x onerror=alert(1)> & co"
    );
}

#[test]
fn a_file_that_is_not_json_says_so() {
    let problems = load_dataset("{\"version\": ").unwrap_err();
    assert!(problems[0].message.starts_with("not JSON"), "{problems:?}");
}

#[test]
fn as_of_queries_follow_the_dates() {
    let data = load_dataset(MINIMAL).unwrap();
    let base = &data.bases[0];
    // Opened "2019-11": from the first of November.
    assert_eq!(base.status(&d("2019-10-31")), Status::NotYet);
    assert_eq!(base.status(&d("2019-11-01")), Status::Active);
    assert_eq!(base.status(&d("2024-08-04")), Status::Active);
    assert_eq!(base.status(&d("2024-08-05")), Status::Former);
    assert_eq!(data.bases_at(&d("2015-01-01")).count(), 0);
    assert_eq!(
        data.bases_at(&d("2025-01-01")).next().map(|(_, s)| s),
        Some(Status::Former)
    );

    // The base-level count that applies: none before March 2024, the range from then, the
    // July figure after; the country-wide 1,000 never sizes the base.
    assert!(base.count(Scope::Base, &d("2024-02-28")).is_none());
    assert_eq!(
        base.count(Scope::Base, &d("2024-05-01")).unwrap().amount,
        Amount::Range { min: 500, max: 700 }
    );
    assert_eq!(
        base.count(Scope::Base, &d("2025-01-01")).unwrap().amount,
        Amount::Exact(200)
    );
    assert_eq!(
        base.count(Scope::Country, &d("2025-01-01")).unwrap().amount,
        Amount::Exact(1000)
    );

    let deal = &data.agreements[0];
    assert_eq!(deal.status(&d("2012-07-05")), Status::NotYet);
    assert_eq!(deal.status(&d("2012-07-06")), Status::Active);
    assert_eq!(deal.status(&d("2024-03-16")), Status::Former);
}
