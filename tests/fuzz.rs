//! Hostile input, at scale: every reader of outside input gets thousands of generated and
//! mutated inputs (proptest, on stable). Each case must end in a value or in problems that
//! each name where and what; whatever is accepted must draw through `scene`, `overlay`,
//! `panel` and `export` without panicking. A watchdog fails a run that stops making progress
//! (an endless loop). Inputs that once broke something live in tests/fixtures/fuzz/ and run
//! first, every time.
// Native only: proptest is not a wasm dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sahel_map::carto::frame::SAHEL;
use sahel_map::dataset::{
    load_dataset, load_geodata, read_core, read_dataset, read_geodata, Dataset, Date, Problem, CORE,
};
use sahel_map::i18n::Lang;
use sahel_map::options::Options;
use sahel_map::view::export::{agreements_csv, bases_csv, countries_csv, csv};
use sahel_map::view::labels::estimate;
use sahel_map::view::overlay::{Overlay, View};
use sahel_map::view::share::{layer_ids, ViewState};
use sahel_map::view::state::{Lit, Selection, Visible};
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Runs `cases` inputs of `strategy` through `check`, watched by a deadline: a run that has not
/// ended by then (an endless loop on some input) ends the test process with a message. Prints
/// how many ran and how long they took (`cargo test -- --nocapture`).
fn fuzz<S>(name: &str, cases: u32, strategy: S, check: fn(&S::Value))
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    const DEADLINE: Duration = Duration::from_secs(240);
    let (done, finished) = mpsc::channel::<()>();
    let watched = name.to_string();
    std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(DEADLINE) {
            eprintln!("fuzz {watched}: no end after {DEADLINE:?}, an endless loop on some input?");
            std::process::exit(101);
        }
    });
    let start = Instant::now();
    let accepted_before = ACCEPTED.load(Ordering::Relaxed);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |input| {
        check(&input);
        Ok(())
    });
    drop(done);
    eprintln!(
        "fuzz {name}: {cases} cases in {:.1} s ({} drawn or written, the rest refused)",
        start.elapsed().as_secs_f64(),
        ACCEPTED.load(Ordering::Relaxed) - accepted_before
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Inputs accepted and drawn (all tests of this file together; printed per run as a rough gauge
/// of how deep the inputs reach).
static ACCEPTED: AtomicUsize = AtomicUsize::new(0);

// ---------------------------------------------------------------------------------------------
// Mutations of a JSON document: a walk down the tree picks a place; the place is replaced,
// removed, duplicated or given another place's value (so types stay plausible and ids clash).

#[derive(Clone, Debug)]
enum Op {
    Set(Value),
    Remove,
    Duplicate,
    Graft(Vec<u32>),
}

#[derive(Clone, Debug)]
struct Mutation {
    walk: Vec<u32>,
    op: Op,
}

/// Strings that have broken readers elsewhere: markup, bad dates and URLs, odd numbers, odd
/// Unicode.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "http://",
    "https://x/\u{0}",
    "https://example.org/a b",
    "2023-02-31",
    "2024-13",
    "0000-00-00",
    "9999-12-31",
    "2024-02-29",
    "2023-02-29",
    "1e309",
    "-0",
    "NaN",
    "=HYPERLINK(\"http://x\",\"y\")",
    "\u{202e}RTL",
    "🇳🇪",
    "a\r\nb",
    "NER",
    "usa",
    "base",
    "country",
    "mission",
    "ended",
    "active",
    "state",
];

/// Keys the readers look for, so generated objects are near misses rather than noise.
const KEYS: &[&str] = &[
    "id",
    "en",
    "fr",
    "name",
    "date",
    "count",
    "min",
    "max",
    "scope",
    "as_of",
    "sources",
    "url",
    "title",
    "publisher",
    "kind",
    "iso3",
    "at",
    "type",
    "features",
    "geometry",
    "coordinates",
    "properties",
    "verified",
    "parties",
    "actors",
    "layers",
    "bases",
    "agreements",
    "events",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-400.0f64..400.0).prop_map(Value::from),
        prop::sample::select(vec![1e300, -1e300, 0.5, 1e-300, 4294967296.0, -1.0])
            .prop_map(Value::from),
        prop::sample::select(HOSTILE).prop_map(Value::from),
        "\\PC{0,24}".prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(KEYS).prop_map(String::from),
                        "[a-z_]{1,6}"
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn walk() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(any::<u32>(), 1..9)
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let op = prop_oneof![
        4 => value().prop_map(Op::Set),
        2 => Just(Op::Remove),
        1 => Just(Op::Duplicate),
        2 => walk().prop_map(Op::Graft),
    ];
    prop::collection::vec(
        (walk(), op).prop_map(|(walk, op)| Mutation { walk, op }),
        1..4,
    )
}

/// The JSON pointer a walk reaches: at each step, one member or element, chosen by the step.
fn pointer(v: &Value, walk: &[u32]) -> String {
    let mut p = String::new();
    let mut node = v;
    for &step in walk {
        match node {
            Value::Object(m) if !m.is_empty() => {
                let (k, child) = m.iter().nth(step as usize % m.len()).unwrap();
                p.push('/');
                p.push_str(&k.replace('~', "~0").replace('/', "~1"));
                node = child;
            }
            Value::Array(a) if !a.is_empty() => {
                let i = step as usize % a.len();
                p.push_str(&format!("/{i}"));
                node = &a[i];
            }
            _ => break,
        }
    }
    p
}

fn mutate(mut v: Value, mutations: &[Mutation]) -> Value {
    for m in mutations {
        let at = pointer(&v, &m.walk);
        let Some((parent, last)) = at.rsplit_once('/') else {
            continue;
        };
        match &m.op {
            Op::Set(new) => *v.pointer_mut(&at).unwrap() = new.clone(),
            Op::Graft(other) => {
                let from = v.pointer(&pointer(&v, other)).unwrap().clone();
                *v.pointer_mut(&at).unwrap() = from;
            }
            Op::Remove | Op::Duplicate => match v.pointer_mut(parent).unwrap() {
                Value::Object(map) => {
                    let key = last.replace("~1", "/").replace("~0", "~");
                    if matches!(m.op, Op::Remove) {
                        map.remove(&key);
                    }
                }
                Value::Array(items) => {
                    let i: usize = last.parse().unwrap();
                    if matches!(m.op, Op::Remove) {
                        items.remove(i);
                    } else {
                        let copy = items[i].clone();
                        items.insert(i, copy);
                    }
                }
                _ => {}
            },
        }
    }
    v
}

// ---------------------------------------------------------------------------------------------
// What every run asserts.

/// A rejection: at least one problem, each with a place and a sentence.
fn rejected_well(problems: &[Problem]) {
    assert!(!problems.is_empty(), "rejected without a problem");
    for p in problems {
        assert!(
            !p.path.trim().is_empty(),
            "a problem without a JSON path: {p:?}"
        );
        assert!(
            p.message.trim().len() > 3 && p.message.contains(' '),
            "a problem without a sentence: {p:?}"
        );
    }
}

/// Whatever the reader accepts is drawn, explained and exported without panicking.
fn draws(data: &Dataset) {
    ACCEPTED.fetch_add(1, Ordering::Relaxed);
    let overlay = Overlay::new(data, &SAHEL);
    let mut dates = vec![data.as_of.clone(), Date::parse("2012-01-01").unwrap()];
    dates.extend(data.events.iter().take(3).map(|e| e.date.clone()));
    let all: Vec<String> = data
        .layers
        .iter()
        .map(|l| l.id.clone())
        .chain(["bases".into(), "links".into()])
        .collect();
    let visibles = [Visible::new(data, None), Visible::new(data, Some(&all))];
    let mut selections = common::every_selection(data, &overlay);
    selections.push(Selection::Country("ZZZ".into()));
    for lang in [Lang::En, Lang::Fr] {
        for at in &dates {
            for visible in &visibles {
                for px_per_unit in [0.35, 1.6] {
                    let view = View {
                        data,
                        overlay: &overlay,
                        at,
                        visible,
                        lang,
                        px_per_unit,
                        symbol_scale: sahel_map::view::symbols::symbol_scale(px_per_unit * 1000.0),
                        inert: false,
                    };
                    let drawn = sahel_map::view::overlay::draw(&view);
                    assert!(drawn.markup.is_empty() || drawn.markup.starts_with('<'));
                    // Whatever can be lit draws its lines and fades the rest.
                    for s in &selections {
                        let lit = Lit::of(s);
                        let lines = sahel_map::view::partners::lines_svg(&view, lit.as_ref());
                        assert!(lines.is_empty() || lines.starts_with('<'));
                        let _ = sahel_map::view::partners::kept(&view, lit.as_ref());
                    }
                    for c in &data.countries {
                        let _ = sahel_map::view::partners::partners_of(&view, &c.iso3);
                    }
                    let _ = sahel_map::view::partners::blocs(&view);
                }
                common::no_formulas(&bases_csv(data, visible, at, lang));
                common::no_formulas(&agreements_csv(data, visible, at, lang));
                let _ = layer_ids(data, visible);
                let _ = sahel_map::view::panel::tables_html(data, visible, &[], at, lang);
            }
            common::no_formulas(&countries_csv(data, at, lang));
            for s in &selections {
                let _ = sahel_map::view::panel::details_html(data, &overlay, s, None, at, lang);
            }
        }
        let _ = sahel_map::view::controls::credit(data, lang);
    }
}

fn dataset_case(v: &Value, core: bool) {
    let read = if core { read_core(v) } else { read_dataset(v) };
    match read {
        Ok(data) => draws(&data),
        Err(problems) => rejected_well(&problems),
    }
}

fn geodata_case(v: &Value) {
    match read_geodata(v) {
        Ok((geodata, skipped)) => {
            ACCEPTED.fetch_add(1, Ordering::Relaxed);
            for p in &skipped {
                assert!(!p.message.trim().is_empty(), "{p:?}");
            }
            let map = sahel_map::view::scene::draw(&geodata, &SAHEL);
            for (lang, px) in [(Lang::En, 0.35), (Lang::Fr, 1.6)] {
                let placed = sahel_map::view::labels::labels(
                    &map,
                    lang,
                    px,
                    &estimate,
                    &[],
                    &|_| 2,
                    [0.0, map.width],
                );
                let _ = sahel_map::view::labels::labels_svg(&placed, px);
            }
        }
        Err(problems) => rejected_well(&problems),
    }
}

// ---------------------------------------------------------------------------------------------
// The inputs.

fn minimal_dataset() -> Value {
    serde_json::from_str(include_str!("fixtures/dataset-minimal.json")).unwrap()
}

fn bundled_dataset() -> Value {
    serde_json::from_str(include_str!("../geodata/sahel.json")).unwrap()
}

fn core_dataset() -> Value {
    serde_json::from_str(CORE).unwrap()
}

fn bundled_countries() -> Value {
    serde_json::from_str(include_str!("../geodata/countries.geojson")).unwrap()
}

/// A countries file of two neighbours, in the bundled file's properties.
fn minimal_countries() -> Value {
    let square = |x: f64, y: f64| {
        json!([[
            [x, y],
            [x + 4.0, y],
            [x + 4.0, y + 4.0],
            [x, y + 4.0],
            [x, y]
        ]])
    };
    json!({
        "type": "FeatureCollection",
        "features": [
            { "type": "Feature",
              "properties": { "iso3": "NER", "name_en": "Niger", "name_fr": "Niger", "core": true,
                              "label": [4.0, 16.0], "capital": { "en": "Niamey", "fr": "Niamey", "at": [2.1, 13.5] },
                              "neighbours": ["MLI"] },
              "geometry": { "type": "Polygon", "coordinates": square(2.0, 14.0) } },
            { "type": "Feature",
              "properties": { "iso3": "MLI", "name_en": "Mali", "name_fr": "Mali" },
              "geometry": { "type": "MultiPolygon", "coordinates": [square(-2.0, 14.0)] } }
        ]
    })
}

fn mutated(base: fn() -> Value) -> impl Strategy<Value = Value> {
    let start = base();
    mutations().prop_map(move |m| mutate(start.clone(), &m))
}

// ---------------------------------------------------------------------------------------------
// The runs.

#[test]
fn regression_inputs_still_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let value: Value = serde_json::from_str(&text).unwrap();
        if name.starts_with("countries-") {
            geodata_case(&value);
        } else {
            dataset_case(&value, false);
            dataset_case(&value, true);
        }
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs in {}", dir.display());
}

#[test]
fn the_minimal_dataset_mutated() {
    fuzz("dataset (minimal)", 8000, mutated(minimal_dataset), |v| {
        dataset_case(v, false);
        dataset_case(v, true);
    });
}

#[test]
fn the_bundled_dataset_mutated() {
    fuzz(
        "dataset (bundled, whole)",
        1000,
        mutated(bundled_dataset),
        |v| dataset_case(v, false),
    );
    fuzz(
        "dataset (bundled, core)",
        1000,
        mutated(core_dataset),
        |v| dataset_case(v, true),
    );
}

#[test]
fn datasets_made_from_nothing() {
    // Whole documents from the generator, with the top-level arrays present so the reader
    // reaches their elements.
    let doc = prop::collection::vec(value(), 6).prop_map(|parts| {
        let mut v =
            json!({ "version": "1.0.0", "as_of": "2025-12-31", "title": { "en": "T", "fr": "T" } });
        for (key, part) in [
            "actors",
            "countries",
            "layers",
            "bases",
            "agreements",
            "events",
        ]
        .iter()
        .zip(parts)
        {
            v[key] = match part {
                Value::Array(_) => part,
                other => json!([other]),
            };
        }
        v
    });
    fuzz("dataset (generated)", 2000, doc, |v| {
        dataset_case(v, false);
        dataset_case(v, true);
    });
}

#[test]
fn dataset_text_mangled() {
    let text = include_str!("fixtures/dataset-minimal.json")
        .as_bytes()
        .to_vec();
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..6);
    let strategy = edits.prop_map(move |edits| {
        let mut t = text.clone();
        for (at, byte, kind) in edits {
            if t.is_empty() {
                t.push(byte);
                continue;
            }
            let i = at.index(t.len());
            match kind {
                0 => t[i] = byte,
                1 => {
                    t.truncate(i);
                }
                _ => t.insert(i, byte),
            }
        }
        String::from_utf8_lossy(&t).into_owned()
    });
    fuzz(
        "dataset (text)",
        3000,
        strategy,
        |text| match load_dataset(text) {
            Ok(data) => draws(&data),
            Err(problems) => {
                assert!(!problems.is_empty());
                // "not JSON" belongs to the whole file; anything else names its place.
                for p in &problems {
                    assert!(p.message.contains(' '), "{p:?}");
                }
            }
        },
    );
}

#[test]
fn countries_mutated() {
    fuzz(
        "countries (minimal)",
        5000,
        mutated(minimal_countries),
        geodata_case,
    );
    fuzz(
        "countries (bundled)",
        1000,
        mutated(bundled_countries),
        geodata_case,
    );
    let text = serde_json::to_string(&minimal_countries()).unwrap();
    let strategy = (any::<prop::sample::Index>(), any::<u8>()).prop_map(move |(at, byte)| {
        let mut t = text.clone().into_bytes();
        let i = at.index(t.len());
        t[i] = byte;
        String::from_utf8_lossy(&t).into_owned()
    });
    fuzz("countries (text)", 2000, strategy, |text| {
        if let Ok((geodata, _)) = load_geodata(text) {
            ACCEPTED.fetch_add(1, Ordering::Relaxed);
            let _ = sahel_map::view::scene::draw(&geodata, &SAHEL);
        }
    });
}

#[test]
fn url_fragments() {
    let pair = prop_oneof![
        prop::sample::select(vec!["country", "date", "lang", "layers", "step", "x", ""]),
        Just("country"),
    ];
    let fragment = prop::collection::vec(
        (
            pair,
            prop_oneof![
                prop::sample::select(HOSTILE).prop_map(String::from),
                "[A-Za-z0-9,+%<>\"'&=#?. -]{0,16}",
                "\\PC{0,12}"
            ],
        ),
        0..6,
    )
    .prop_map(|pairs| {
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("#{}", body.join("&"))
    });
    let any_text = "\\PC{0,64}";
    fuzz(
        "share (fragments)",
        4000,
        prop_oneof![fragment, any_text.prop_map(String::from)],
        |text| {
            let view = ViewState::parse(text);
            if view != ViewState::default() {
                ACCEPTED.fetch_add(1, Ordering::Relaxed);
            }
            let fragment = view.to_fragment();
            // What is written reads back the same, and is safe in a URL.
            assert_eq!(ViewState::parse(&fragment), view, "{fragment}");
            assert!(
                fragment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"=&,-".contains(&b)),
                "{fragment:?} from {text:?}"
            );
        },
    );
}

#[test]
fn options_objects() {
    let field = prop::sample::select(vec![
        "geoSrc",
        "lang",
        "country",
        "dataSrc",
        "layers",
        "date",
        "urlState",
        "bundledSrc",
        "other",
    ]);
    // Half the objects carry the one required field, so the others' checks are reached.
    let object = (
        prop::option::of("\\PC{0,12}"),
        prop::collection::vec((field, leaf()), 0..9),
    )
        .prop_map(|(geo_src, members)| {
            let mut object: Map<String, Value> = geo_src
                .map(|src| ("geoSrc".to_string(), Value::from(src)))
                .into_iter()
                .collect();
            for (k, v) in members {
                object.entry(k.to_string()).or_insert(v);
            }
            Value::Object(object)
        });
    fuzz(
        "options",
        4000,
        prop_oneof![object, value()],
        |v| match Options::read(v) {
            Ok(options) => {
                ACCEPTED.fetch_add(1, Ordering::Relaxed);
                // A value read is a value given, never a default made up.
                assert_eq!(Some(options.geo_src.as_str()), v["geoSrc"].as_str());
                assert_eq!(options.lang.as_deref(), v["lang"].as_str());
                assert_eq!(options.url_state, v["urlState"].as_bool() == Some(true));
            }
            Err(why) => {
                let (field, sentence) = why.split_once(": ").expect("a field and a sentence");
                assert!(field.starts_with("options."), "{why}");
                assert!(sentence.starts_with("expected "), "{why}");
            }
        },
    );
}

#[test]
fn csv_cells() {
    let cell = prop_oneof![
        prop::sample::select(HOSTILE).prop_map(String::from),
        "[=+@\\-\t\r\n\",' a-z0-9.]{0,12}",
        "-?[0-9]{1,4}(\\.[0-9]{1,5})?",
        "\\PC{0,12}",
    ];
    let rows = prop::collection::vec(prop::collection::vec(cell, 1..5), 1..5);
    fuzz("csv", 4000, rows, |rows| {
        let text = csv(rows);
        ACCEPTED.fetch_add(1, Ordering::Relaxed);
        let read = common::parse_csv(&text);
        assert_eq!(read.len(), rows.len(), "{text:?}");
        for (written, given) in read.iter().zip(rows) {
            assert_eq!(written.len(), given.len(), "{text:?}");
            for (w, g) in written.iter().zip(given) {
                // The cell reads back as given, or guarded by one quote mark.
                assert!(
                    w == g || w.strip_prefix('\'') == Some(g.as_str()),
                    "{g:?} came back as {w:?}"
                );
            }
        }
        common::no_formulas(&text);
    });
}
