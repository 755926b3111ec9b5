//! The dataset on the map: symbols, sites, links, layers and names, on the bundled dataset.
// Native only: the dataset and countries files are parsed with serde_json here.
#![cfg(not(target_arch = "wasm32"))]

use sahel_map::carto::frame::SAHEL;
use sahel_map::dataset::{
    load_dataset, load_geodata, read_core, Dataset, Date, BUNDLED, CORE, DETAIL_KEYS,
};
use sahel_map::i18n::Lang;
use sahel_map::view::links::great_circle;
use sahel_map::view::links::is_bloc;
use sahel_map::view::overlay::{overlap, Overlay, View, MAX_OVERLAP};
use sahel_map::view::partners::{blocs, kept, lines_svg, partners_of};
use sahel_map::view::state::{Lit, Visible};
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

fn view<'a>(
    data: &'a Dataset,
    ov: &'a Overlay,
    at: &'a Date,
    visible: &'a Visible,
    width: f64,
) -> View<'a> {
    View {
        data,
        overlay: ov,
        at,
        visible,
        lang: Lang::En,
        px_per_unit: width / SAHEL.width,
        symbol_scale: sahel_map::view::symbols::symbol_scale(width),
        inert: false,
    }
}

/// The lines drawn for `lit`, by pair id.
fn lines(data: &Dataset, at: &str, visible: &Visible, lit: Option<&Lit>) -> String {
    let ov = Overlay::new(data, &SAHEL);
    let at = d(at);
    lines_svg(&view(data, &ov, &at, visible, 680.0), lit)
}

#[test]
fn with_nothing_lit_no_line_is_drawn() {
    let data = data();
    let visible = Visible::new(&data, None);
    assert_eq!(lines(&data, "2025-12-31", &visible, None), "");
    assert!(!markup(&data, "2025-12-31", &visible, Lang::En).contains("data-link"));
}

#[test]
fn a_lit_country_draws_one_line_per_partner_and_a_layer_off_hides_its_own() {
    let data = data();
    let mut visible = Visible::new(&data, None);
    let ner = Lit::Country("NER".into());
    let all = lines(&data, "2025-12-31", &visible, Some(&ner));
    assert_eq!(all.matches("data-link=").count(), 2, "{all}");
    assert!(all.contains(r#"data-link="rus:ner""#) && all.contains(r#"data-link="usa:ner""#));
    // Mali's French line is not Niger's.
    assert!(!all.contains("fra:mli"));
    let rus = data.layers.iter().position(|l| l.id == "rus").unwrap();
    visible.layers[rus] = false;
    let without = lines(&data, "2025-12-31", &visible, Some(&ner));
    assert!(!without.contains("rus:ner") && without.contains("usa:ner"));
    // A partner lights its lines; an agreement lights its pair's.
    visible.layers[rus] = true;
    let russia = lines(
        &data,
        "2025-12-31",
        &visible,
        Some(&Lit::Partner("rus".into())),
    );
    assert_eq!(russia.matches("data-link=").count(), 1);
    let mou = lines(
        &data,
        "2025-12-31",
        &visible,
        Some(&Lit::Link("mou".into())),
    );
    assert!(mou.contains(r#"data-link="rus:ner""#));
    assert!(markup(&data, "2025-12-31", &visible, Lang::En).contains("data-base=\"air-base-a\""));
}

#[test]
fn the_date_decides_whether_a_pair_is_there_active_or_former() {
    let data = data();
    let all: Vec<String> = data.layers.iter().map(|l| l.id.clone()).collect();
    let visible = Visible::new(&data, Some(&all));
    let ner = Lit::Country("NER".into());
    let early = lines(&data, "2022-01-01", &visible, Some(&ner));
    assert!(early.contains("usa:ner") && !early.contains("rus:ner"));
    let late = lines(&data, "2025-02-01", &visible, Some(&ner));
    let class = |m: &str, id: &str| {
        let before = m
            .split(&format!(r#"data-link="{id}""#))
            .next()
            .unwrap()
            .to_string();
        before.rsplit("<g ").next().unwrap().to_string()
    };
    assert!(class(&late, "usa:ner").contains("is-former"));
    let mou = class(&late, "rus:ner");
    assert!(
        mou.contains("is-mou") && !mou.contains("is-former"),
        "{mou}"
    );
    // The Alliance is a bloc: never a line, an area over its members once the pact is signed.
    assert!(!late.contains("aes:"));
    let ov = Overlay::new(&data, &SAHEL);
    let (at_early, at_late) = (d("2022-01-01"), d("2025-02-01"));
    assert!(blocs(&view(&data, &ov, &at_early, &visible, 680.0)).is_empty());
    let aes = data.layers.iter().position(|l| l.id == "aes").unwrap();
    assert_eq!(
        blocs(&view(&data, &ov, &at_late, &visible, 680.0)),
        vec![(aes, vec!["MLI".to_string(), "NER".to_string()])]
    );
}

#[test]
fn a_pair_gathers_every_agreement_between_a_partner_and_a_state() {
    let data = real();
    let ov = Overlay::new(&data, &SAHEL);
    let ids: Vec<&str> = ov.pairs.iter().map(|p| p.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "one pair per partner and state");
    let us = ov.pairs.iter().find(|p| p.id == "usa:ner").unwrap();
    let names: Vec<&str> = us
        .agreements
        .iter()
        .map(|&i| data.agreements[i].id.as_str())
        .collect();
    assert!(
        names.contains(&"usa-ner-sofa-2012") && names.contains(&"usa-ner-withdrawal-terms-2024")
    );
    // No line joins the region's states to a bloc of their own.
    assert!(ov.pairs.iter().all(|p| !is_bloc(&data, p.layer)));
    for bloc in ["aes", "ecowas", "g5s"] {
        let l = data.layers.iter().position(|l| l.id == bloc).unwrap();
        assert!(is_bloc(&data, l), "{bloc}");
    }
    for partner in ["usa", "fra", "rus", "eu", "un", "takuba"] {
        let l = data.layers.iter().position(|l| l.id == partner).unwrap();
        assert!(!is_bloc(&data, l), "{partner}");
    }
}

#[test]
fn the_marks_beside_a_name_are_its_partners_in_force() {
    let data = data();
    let ov = Overlay::new(&data, &SAHEL);
    let visible = Visible::new(&data, None);
    let layer = |id: &str| data.layers.iter().position(|l| l.id == id).unwrap();
    let (early, late) = (d("2020-01-01"), d("2025-12-31"));
    assert_eq!(
        partners_of(&view(&data, &ov, &early, &visible, 680.0), "NER"),
        vec![layer("usa")]
    );
    assert_eq!(
        partners_of(&view(&data, &ov, &late, &visible, 680.0), "NER"),
        vec![layer("rus")]
    );
    assert_eq!(
        partners_of(&view(&data, &ov, &early, &visible, 680.0), "MLI"),
        vec![layer("fra")]
    );
    assert!(partners_of(&view(&data, &ov, &late, &visible, 680.0), "MLI").is_empty());
}

#[test]
fn lighting_fades_what_it_does_not_concern() {
    let data = data();
    let ov = Overlay::new(&data, &SAHEL);
    let visible = Visible::new(&data, None);
    let at = d("2025-12-31");
    let v = view(&data, &ov, &at, &visible, 680.0);
    assert_eq!(kept(&v, None), None);
    let rus = data.layers.iter().position(|l| l.id == "rus").unwrap();
    let usa = data.layers.iter().position(|l| l.id == "usa").unwrap();
    // A country: its symbols and marks, whoever runs them.
    let ner = kept(&v, Some(&Lit::Country("NER".into()))).unwrap();
    assert!(ner.symbol("NER", &rus.to_string()) && ner.symbol("MLI NER", "0 2"));
    assert!(!ner.symbol("MLI", &rus.to_string()));
    assert!(ner.mark("NER", "rus") && !ner.mark("MLI", "rus"));
    // A pair: that partner's symbols in that state.
    let pair = kept(&v, Some(&Lit::Link("rus:ner".into()))).unwrap();
    assert!(pair.symbol("NER", &format!("{usa} {rus}")));
    assert!(!pair.symbol("NER", &usa.to_string()) && !pair.symbol("MLI", &rus.to_string()));
    assert!(pair.mark("NER", "rus") && !pair.mark("NER", "usa"));
    // A partner: its symbols anywhere.
    let russia = kept(&v, Some(&Lit::Partner("rus".into()))).unwrap();
    assert!(russia.symbol("MLI", &rus.to_string()) && !russia.symbol("NER", &usa.to_string()));
    // The symbols carry what is compared.
    let m = markup(&data, "2025-12-31", &visible, Lang::En);
    let values = |name: &str| -> Vec<String> {
        m.split(&format!(r#"{name}=""#))
            .skip(1)
            .map(|v| v.split('"').next().unwrap().to_string())
            .collect()
    };
    assert!(values("data-host")
        .iter()
        .any(|h| h.split(' ').any(|x| x == "NER")));
    assert!(values("data-layers")
        .iter()
        .any(|l| l.split(' ').any(|x| x == rus.to_string())));
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
            &|_| 0,
            [0.0, map.width],
        );
        // The symbols never cost the map a core country's name it shows without them.
        let bare = sahel_map::view::labels::labels(
            &map,
            Lang::En,
            px_per_unit,
            &sahel_map::view::labels::estimate,
            &[],
            &|_| 0,
            [0.0, map.width],
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
            [0.0, map.width],
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

#[test]
fn symbols_never_cover_each_other_and_zooming_in_splits_them() {
    let data = real();
    let ov = Overlay::new(&data, &SAHEL);
    let visible = Visible::new(&data, None);
    let circles = |drawn: &sahel_map::view::overlay::Drawn| -> Vec<([f64; 2], f64)> {
        drawn
            .taken
            .iter()
            .map(|r| (r.centre(), (r.x1 - r.x0) / 2.0))
            .collect()
    };
    for at in ["2016-01-01", "2022-01-01", "2024-08-20", "2025-12-31"] {
        let at = d(at);
        for width in [288.0, 343.0, 608.0, 672.0, 1248.0] {
            let v = view(&data, &ov, &at, &visible, width);
            let drawn = sahel_map::view::overlay::draw(&v);
            let c = circles(&drawn);
            for (i, a) in c.iter().enumerate() {
                for b in &c[i + 1..] {
                    let dist = (a.0[0] - b.0[0]).hypot(a.0[1] - b.0[1]);
                    let o = overlap(dist, a.1, b.1);
                    assert!(
                        o <= MAX_OVERLAP + 1e-9,
                        "{at} at {width} px: {a:?} {b:?} share {o}"
                    );
                }
            }
        }
        // Zoomed in eight times, a phone's map shows more symbols than at first: merged sites
        // come apart.
        let phone = sahel_map::view::overlay::draw(&view(&data, &ov, &at, &visible, 343.0));
        let mut zoomed = view(&data, &ov, &at, &visible, 343.0);
        zoomed.px_per_unit *= 8.0;
        let zoomed = sahel_map::view::overlay::draw(&zoomed);
        assert!(zoomed.taken.len() >= phone.taken.len());
        // Every symbol drawn as one is a site the overlay can name and list.
        for id in phone.markup.split(r#"data-site=""#).skip(1) {
            let id = id.split('"').next().unwrap();
            let (_, members) = ov.site(id).unwrap_or_else(|| panic!("{id}"));
            assert!(members.len() > 1);
        }
    }
    let at = d("2025-12-31");
    let phone = sahel_map::view::overlay::draw(&view(&data, &ov, &at, &visible, 343.0));
    let mut zoomed = view(&data, &ov, &at, &visible, 343.0);
    zoomed.px_per_unit *= 8.0;
    let zoomed = sahel_map::view::overlay::draw(&zoomed);
    assert!(
        zoomed.taken.len() > phone.taken.len(),
        "zooming in splits a merged symbol"
    );
}

#[test]
fn overlap_is_the_share_of_the_smaller_disc() {
    assert_eq!(overlap(10.0, 2.0, 3.0), 0.0);
    assert_eq!(overlap(0.5, 2.0, 3.0), 1.0);
    // Two equal discs a radius apart share about 39 % of either.
    assert!((overlap(1.0, 1.0, 1.0) - 0.391).abs() < 1e-3);
}
