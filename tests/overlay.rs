//! The dataset on the map: symbols, sites, links, layers and names, on the bundled dataset.
// Native only: the dataset and countries files are parsed with serde_json here.
#![cfg(not(target_arch = "wasm32"))]

use sahel_map::carto::frame::SAHEL;
use sahel_map::dataset::{
    load_dataset, load_geodata, read_core, Dataset, Date, BUNDLED, CORE, DETAIL_KEYS,
};
use sahel_map::i18n::Lang;
use sahel_map::view::links::great_circle;
use sahel_map::view::overlay::{Overlay, View};
use sahel_map::view::state::Visible;
use sahel_map::view::symbols::{polygon_area, radius, Shape};

/// The small fixture: editorial corrections to the real file never break these tests.
fn data() -> Dataset {
    load_dataset(include_str!("fixtures/dataset-small.json")).expect("the fixture validates")
}

/// The real file, for the tests about it (its compaction, its core, its labels on the map).
fn real() -> Dataset {
    load_dataset(BUNDLED).expect("the bundled dataset validates")
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn markup(data: &Dataset, at: &str, visible: &Visible, lang: Lang) -> String {
    let ov = Overlay::new(data, &SAHEL);
    let at = d(at);
    sahel_map::view::overlay::draw(&View {
        data,
        overlay: &ov,
        at: &at,
        visible,
        lang,
        px_per_unit: 0.68,
        symbol_scale: 1.0,
        inert: false,
    })
    .markup
}

#[test]
fn the_bundled_copy_is_the_file_compacted() {
    let file = std::fs::read_to_string("geodata/sahel.json").unwrap();
    assert!(BUNDLED.len() < file.len());
    assert_eq!(load_dataset(BUNDLED), load_dataset(&file));
}

#[test]
fn the_core_is_the_whole_dataset_less_sources_notes_and_summaries() {
    let core_value: serde_json::Value = serde_json::from_str(CORE).unwrap();
    // No detail key at any depth (build.rs and dataset::DETAIL_KEYS agree).
    fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| {
                out.push(k.clone());
                keys(v, out)
            }),
            serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    keys(&core_value, &mut found);
    for key in DETAIL_KEYS {
        assert!(!found.iter().any(|k| k == key), "the core still has {key}");
    }
    // The strict reader refuses the core: it lacks what a complete dataset must have.
    assert!(load_dataset(CORE).is_err());
    let core = read_core(&core_value).expect("the core validates");
    assert!(!core.complete && real().complete);
    // Everything the map draws is the same.
    let whole = real();
    assert_eq!(core.version, whole.version);
    assert_eq!(core.layers, whole.layers);
    assert_eq!(core.actors, whole.actors);
    for (a, b) in core.bases.iter().zip(&whole.bases) {
        assert_eq!(
            (
                &a.id,
                a.at,
                &a.operators,
                &a.opened.as_ref().map(|d| &d.date)
            ),
            (
                &b.id,
                b.at,
                &b.operators,
                &b.opened.as_ref().map(|d| &d.date)
            )
        );
        assert!(a.summary.en.is_empty() && !b.summary.en.is_empty());
    }
    assert_eq!(core.agreements.len(), whole.agreements.len());
    assert_eq!(core.events.len(), whole.events.len());
    // What the map draws from either is identical.
    let visible = Visible::new(&whole, None);
    for at in ["2019-06-01", "2025-12-31"] {
        assert_eq!(
            markup(&core, at, &visible, Lang::En),
            markup(&whole, at, &visible, Lang::En)
        );
    }
}

#[test]
fn symbol_area_is_proportional_to_the_count_with_a_floor() {
    let (a, b) = (radius(Some(1000)), radius(Some(250)));
    assert!((a * a / (b * b) - 4.0).abs() < 1e-9);
    assert_eq!(radius(Some(1)), sahel_map::view::symbols::MIN_RADIUS);
    // Every shape of a radius has the circle's area, so sizes compare across operators.
    for slot in 1..8 {
        let v = Shape::for_slot(slot).vertices(10.0).unwrap();
        assert!(
            (polygon_area(&v) - std::f64::consts::PI * 100.0).abs() < 1e-6,
            "{slot}"
        );
    }
    assert_eq!(Shape::for_slot(0).vertices(10.0), None);
}

#[test]
fn only_base_level_counts_size_a_symbol() {
    // The minimal fixture's base: a country-wide count (April 2024), a base range (March 2024)
    // and a base count (July 2024). Editorial corrections to the real file cannot break this.
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/dataset-minimal.json")).unwrap();
    let data = sahel_map::dataset::read_dataset(&fixture).unwrap();
    let base = &data.bases[0];
    let count = |at: &str| sahel_map::view::shown::symbol_count(base, &d(at));
    assert_eq!(count("2024-02-01"), None, "before any base-level count");
    // A range sizes by its middle; the later country-wide 1,000 never sizes the base.
    assert_eq!(count("2024-04-20"), Some(600));
    assert_eq!(count("2024-08-01"), Some(200));
}

#[test]
fn records_at_one_place_are_one_site() {
    let data = data();
    let ov = Overlay::new(&data, &SAHEL);
    let site_of = |id: &str| {
        let i = data.bases.iter().position(|b| b.id == id).unwrap();
        ov.sites
            .iter()
            .position(|s| s.members.contains(&i))
            .unwrap()
    };
    assert_eq!(site_of("niamey-us"), site_of("niamey-ru"));
    assert_eq!(site_of("niamey-us"), site_of("niamey-fr"));
    assert_ne!(site_of("air-base-a"), site_of("niamey-us"));
    assert_ne!(site_of("gao-fr"), site_of("niamey-fr"));
    let agadez = &ov.sites[site_of("air-base-a")];
    assert_eq!(agadez.members.len(), 1);
}

#[test]
fn layers_come_from_the_dataset_or_the_attribute() {
    let data = data();
    let on = |v: &Visible, id: &str| v.layers[data.layers.iter().position(|l| l.id == id).unwrap()];
    let defaults = Visible::new(&data, None);
    assert!(on(&defaults, "rus") && on(&defaults, "usa") && !on(&defaults, "aes"));
    assert!(defaults.bases && defaults.links);
    let named: Vec<String> = ["aes", "links"].map(String::from).to_vec();
    let chosen = Visible::new(&data, Some(&named));
    assert!(on(&chosen, "aes") && !on(&chosen, "rus"));
    assert!(chosen.links && !chosen.bases);
}

#[test]
fn turning_a_layer_off_hides_its_bases_and_links_only() {
    let data = data();
    let mut visible = Visible::new(&data, None);
    let all = markup(&data, "2025-12-31", &visible, Lang::En);
    for id in [
        "data-base=\"niamey-ru\"",
        "data-link=\"mou\"",
        "data-base=\"air-base-a\"",
        "data-link=\"sofa\"",
    ] {
        assert!(all.contains(id), "{id} missing");
    }
    let rus = data.layers.iter().position(|l| l.id == "rus").unwrap();
    visible.layers[rus] = false;
    let without = markup(&data, "2025-12-31", &visible, Lang::En);
    assert!(!without.contains("data-base=\"niamey-ru\""));
    assert!(!without.contains("data-link=\"mou\""));
    assert!(without.contains("data-base=\"air-base-a\""));
    assert!(without.contains("data-link=\"sofa\""));
}

#[test]
fn the_date_decides_what_is_active_former_or_not_yet_there() {
    let data = data();
    // Every layer on, the AES (off by default) too.
    let all: Vec<String> = data.layers.iter().map(|l| l.id.clone()).collect();
    let visible = Visible::new(&data, Some(&all));
    let early = markup(&data, "2022-01-01", &visible, Lang::En);
    // The French in Niger and Mali are there; the AES pact and the Russian MoU are not yet.
    assert!(early.contains("data-base=\"niamey-fr\""));
    assert!(early.contains("data-base=\"gao-fr\""));
    assert!(!early.contains("data-link=\"pact\""));
    assert!(!early.contains("data-link=\"mou\""));
    let late = markup(&data, "2025-02-01", &visible, Lang::En);
    // Agadez is drawn hollow (former) with its closing date; the AES pact is active.
    let agadez = late.split("data-base=\"air-base-a\"").next().unwrap();
    assert!(agadez.rsplit("<g ").next().unwrap().contains("is-former"));
    assert!(late.contains("closed 5 August 2024"));
    let pact = late.split("data-link=\"pact\"").next().unwrap();
    let class = pact.rsplit("<g ").next().unwrap();
    assert!(
        class.contains("is-pact") && !class.contains("is-former"),
        "{class}"
    );
    let mou = late.split("data-link=\"mou\"").next().unwrap();
    assert!(mou.rsplit("<g ").next().unwrap().contains("is-mou"));
}

#[test]
fn names_carry_the_data_in_both_languages() {
    let data = data();
    let base = data.bases.iter().find(|b| b.id == "air-base-a").unwrap();
    assert_eq!(
        sahel_map::view::names::base_name(&data, base, &d("2025-12-31"), Lang::En),
        "Air Base A, Agadez — United States, about 200 troops, closed 5 August 2024"
    );
    let fr = sahel_map::view::names::base_name(&data, base, &d("2025-12-31"), Lang::Fr);
    assert!(
        fr.contains("environ 200 militaires") && fr.contains("fermée 5 août 2024"),
        "{fr}"
    );
    let mou = data.agreements.iter().find(|a| a.id == "mou").unwrap();
    assert_eq!(
        sahel_map::view::names::link_name(&data, mou, &d("2025-12-31"), Lang::En),
        "Niger – Russia: defence memorandum, signed 4 December 2023, active"
    );
}

#[test]
fn data_strings_are_escaped_text() {
    let mut data = data();
    data.bases[0].name.en = "<img src=x onerror=alert(1)>".into();
    data.bases[0].city = "A & B".into();
    let m = markup(&data, "2025-12-31", &Visible::new(&data, None), Lang::En);
    assert!(!m.contains("<img"));
    assert!(m.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!m.contains("A & B"));
}

#[test]
fn great_circles_join_their_ends() {
    let pts = great_circle([0.0, 0.0], [90.0, 0.0], 4);
    assert_eq!(pts.len(), 5);
    assert!((pts[2][0] - 45.0).abs() < 1e-9 && pts[2][1].abs() < 1e-9);
    let pts = great_circle([2.3, 37.5], [2.112, 13.512], 8);
    assert!((pts[0][1] - 37.5).abs() < 1e-9 && (pts[8][0] - 2.112).abs() < 1e-9);
}

#[test]
fn symbols_and_labels_never_overlap_core_names_stay_and_agadez_is_named() {
    let data = real();
    let geo = std::fs::read_to_string("geodata/countries.geojson").unwrap();
    let (geodata, _) = load_geodata(&geo).unwrap();
    let map = sahel_map::view::scene::draw(&geodata, &SAHEL);
    let ov = Overlay::new(&data, &SAHEL);
    for (at, width) in [
        ("2016-01-01", 1248.0),
        ("2022-01-01", 672.0),
        ("2024-08-20", 672.0),
        ("2025-12-31", 672.0),
        ("2025-12-31", 343.0),
    ] {
        let px_per_unit = width / map.width;
        let at = d(at);
        let visible = Visible::new(&data, None);
        let drawn = sahel_map::view::overlay::draw(&View {
            data: &data,
            overlay: &ov,
            at: &at,
            visible: &visible,
            lang: Lang::En,
            px_per_unit,
            symbol_scale: sahel_map::view::symbols::symbol_scale(width),
            inert: false,
        });
        let names = sahel_map::view::labels::labels(
            &map,
            Lang::En,
            px_per_unit,
            &sahel_map::view::labels::estimate,
            &drawn.taken,
        );
        // The symbols never cost the map a core country's name it shows without them.
        let bare = sahel_map::view::labels::labels(
            &map,
            Lang::En,
            px_per_unit,
            &sahel_map::view::labels::estimate,
            &[],
        );
        for core in sahel_map::view::scene::FIVE {
            let named = |l: &[sahel_map::view::labels::PlacedLabel]| {
                l.iter().any(|l| l.country.as_deref() == Some(core))
            };
            assert!(!named(&bare) || named(&names), "{at} {width}: {core}");
        }
        let mut taken = drawn.taken.clone();
        taken.extend(names.iter().map(|l| l.rect));
        let (svg, sites) = sahel_map::view::overlay::site_labels_svg(
            &drawn.site_labels,
            &taken,
            px_per_unit,
            &sahel_map::view::labels::estimate,
        );
        if at >= d("2019-11") && width > 600.0 {
            assert!(svg.contains(">Agadez</text>"), "{at} {width}: {svg}");
        }
        // Site names overlap no symbol, no country label and no other site name.
        for (i, a) in sites.iter().enumerate() {
            assert!(taken.iter().all(|t| !t.overlaps(a)), "{at} {width}");
            assert!(
                sites[i + 1..].iter().all(|b| !b.overlaps(a)),
                "{at} {width}"
            );
        }
    }
}
