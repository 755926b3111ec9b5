//! The details panel's markup, natively: what a reader finds for a country, a base, a site and
//! a link, with dates, counts, marks and sources; escaped and with safe links only. On a small
//! fixture (tests/fixtures/dataset-small.json), so editorial corrections to the real file never
//! break them; one smoke test reads the real file.
// Native only: the dataset and countries files are parsed with serde_json here.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use sahel_map::carto::frame::SAHEL;
use sahel_map::dataset::{load_dataset, Dataset, Date, SourceKind, Status, BUNDLED};
use sahel_map::i18n::Lang;
use sahel_map::view::overlay::Overlay;
use sahel_map::view::panel::{details_html, safe_url};
use sahel_map::view::state::Selection;

fn data() -> Dataset {
    load_dataset(include_str!("fixtures/dataset-small.json")).expect("the fixture validates")
}

/// The small fixture with its drone base changed by `change`.
fn with_base_a(change: impl FnOnce(&mut sahel_map::dataset::Base)) -> Dataset {
    let mut data = data();
    change(
        data.bases
            .iter_mut()
            .find(|b| b.id == "air-base-a")
            .unwrap(),
    );
    data
}

fn panel(data: &Dataset, s: Selection, at: &str, lang: Lang) -> String {
    let ov = Overlay::new(data, &SAHEL);
    details_html(data, &ov, &s, None, &Date::parse(at).unwrap(), lang).expect("known selection")
}

/// The drone base's panel at the end of 2025.
fn base_a_panel(data: &Dataset, lang: Lang) -> String {
    panel(
        data,
        Selection::Base("air-base-a".into()),
        "2025-12-31",
        lang,
    )
}

#[test]
fn the_real_file_gives_every_country_and_record_a_panel() {
    let data = load_dataset(BUNDLED).unwrap();
    let ov = Overlay::new(&data, &SAHEL);
    let at = Date::parse(data.as_of.as_str()).unwrap();
    for s in common::every_selection(&data, &ov) {
        for lang in [Lang::En, Lang::Fr] {
            let html = details_html(&data, &ov, &s, None, &at, lang).expect("a known selection");
            assert!(html.contains("sm-details-title"), "{s:?}");
        }
    }
}

#[test]
fn niger_lists_agadez_and_the_us_agreement_with_its_end() {
    let data = data();
    let html = panel(
        &data,
        Selection::Country("NER".into()),
        "2025-12-31",
        Lang::En,
    );
    assert!(html.contains(r#"data-open-base="air-base-a""#));
    assert!(
        html.contains("Air Base A, Agadez — United States, about 200 troops, closed 5 August 2024"),
        "{html}"
    );
    assert!(html.contains(r#"data-open-link="sofa""#));
    assert!(
        html.contains("signed 6 July 2012, ended 16 March 2024"),
        "{html}"
    );
    // Government and leader carry their as-of dates.
    assert!(html.contains("(as of 26 March 2025)"));
}

#[test]
fn the_date_changes_the_panel() {
    let data = data();
    let early = panel(
        &data,
        Selection::Country("NER".into()),
        "2015-01-01",
        Lang::En,
    );
    assert!(!early.contains("air-base-a"), "Agadez opened in 2019");
    assert!(!early.contains("\"mou\""));
    let sofa = panel(
        &data,
        Selection::Link("sofa".into()),
        "2020-01-01",
        Lang::En,
    );
    assert!(sofa.contains(">active<") && !sofa.contains("ended 16 March 2024"));
}

#[test]
fn a_base_shows_counts_with_scope_as_of_and_sources() {
    let data = data();
    let html = panel(
        &data,
        Selection::Base("air-base-a".into()),
        "2025-12-31",
        Lang::En,
    );
    assert!(
        html.contains("about 1,000 troops, in the whole country (as of 11 April 2024)"),
        "{html}"
    );
    assert!(html.contains("about 200 troops, at this base (as of 24 July 2024)"));
    assert!(html.contains(r#"<a target="_blank" rel="noopener noreferrer" href="https://"#));
    // The 200 is marked as the record marks it.
    assert!(html.contains("not independently verified"));
}

#[test]
fn unverified_records_say_so_in_french_too() {
    let data = data();
    let html = panel(
        &data,
        Selection::Base("gao-fr".into()),
        "2020-01-01",
        Lang::Fr,
    );
    assert!(html.contains("non vérifié de façon indépendante"));
    assert!(html.contains("camp"), "{html}");
}

#[test]
fn a_site_lists_its_records() {
    let data = data();
    let ov = Overlay::new(&data, &SAHEL);
    let niamey = ov
        .sites
        .iter()
        .find(|s| s.members.len() == 3)
        .expect("Niamey holds three records");
    let html = panel(
        &data,
        Selection::Site(niamey.id.clone()),
        "2025-12-31",
        Lang::En,
    );
    for id in ["niamey-ru", "niamey-fr", "niamey-us"] {
        assert!(html.contains(&format!(r#"data-open-base="{id}""#)), "{id}");
    }
}

#[test]
fn strings_are_text_and_only_http_links_are_links() {
    let data = with_base_a(|b| {
        b.summary.en = "<script>alert(1)</script>".into();
        b.sources[0].url = "javascript:alert(1)".into();
        b.sources[0].title = "Evil".into();
    });
    let html = base_a_panel(&data, Lang::En);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("javascript:"));
    assert!(html.contains("<li>Evil — "));
    assert!(safe_url("HTTPS://example.org") && !safe_url("data:text/html,x"));
}

#[test]
fn unknown_selections_give_nothing() {
    let data = data();
    let ov = Overlay::new(&data, &SAHEL);
    let at = Date::parse("2025").unwrap();
    assert_eq!(
        details_html(
            &data,
            &ov,
            &Selection::Base("nope".into()),
            None,
            &at,
            Lang::En
        ),
        None
    );
    assert_eq!(
        details_html(
            &data,
            &ov,
            &Selection::Country("XYZ".into()),
            None,
            &at,
            Lang::En
        ),
        None
    );
}

#[test]
fn country_names_count_bases_and_agreements_in_force_on_the_date() {
    let data = data();
    let at = |s: &str| Date::parse(s).unwrap();
    let name =
        |d: &str, lang| sahel_map::view::names::country_name(&data, "NER", "Niger", &at(d), lang);
    // In 2022: the US at Agadez and Niamey, France at Niamey.
    let (bases, agreements) =
        sahel_map::view::shown::country_counts(&data, "NER", &at("2022-01-01"));
    assert_eq!((bases, agreements), (3, 1));
    assert!(name("2022-01-01", Lang::En).starts_with(&format!("Niger — {bases} foreign bases, ")));
    let late = name("2025-12-31", Lang::Fr);
    assert!(
        late.starts_with("Niger — ") && late.contains("accords en vigueur"),
        "{late}"
    );
    assert_eq!(
        sahel_map::view::names::country_name(&data, "DZA", "Algeria", &at("2025"), Lang::En),
        "Algeria — no foreign base, no agreement in force"
    );
}

#[test]
fn the_tables_hold_one_row_per_base_shown_and_follow_the_layers() {
    use sahel_map::view::shown::base_layer;
    use sahel_map::view::state::Visible;
    let data = data();
    let at = Date::parse("2025-12-31").unwrap();
    let countries = vec![("NER".to_string(), data.country("NER").unwrap().name.clone())];
    let mut visible = Visible::new(&data, None);
    let shown = |v: &Visible| {
        data.bases
            .iter()
            .filter(|b| {
                b.status(&at) != sahel_map::dataset::Status::NotYet
                    && base_layer(&data, b, v).is_some()
            })
            .count()
    };
    let rows = |html: &str| {
        let first = html.split("</table>").next().unwrap();
        first.matches("<tr><th scope=\"row\">").count()
    };
    let html = sahel_map::view::panel::tables_html(&data, &visible, &countries, &at, Lang::En);
    assert_eq!(rows(&html), shown(&visible));
    assert!(html.contains("Russian instructors"));
    assert_eq!(
        rows(&html),
        5,
        "every base started by then, the closed ones too"
    );
    visible.layers[data.layers.iter().position(|l| l.id == "rus").unwrap()] = false;
    let html = sahel_map::view::panel::tables_html(&data, &visible, &countries, &at, Lang::En);
    assert_eq!(rows(&html), shown(&visible));
    assert!(!html.contains("Russian instructors"));
    assert!(html.contains(r#"data-open-country="NER""#));
}

#[test]
fn each_source_says_how_far_it_can_be_relied_on() {
    let data = with_base_a(|b| {
        b.troops[0].sources[0].kind = SourceKind::Copy;
        b.troops[0].sources[0].original = Some("Reuters".into());
        b.troops[1].sources[0].kind = SourceKind::StateMedia;
    });
    let en = base_a_panel(&data, Lang::En);
    let copy = r#" · <span class="sm-source-kind is-weak">republished copy of Reuters</span>"#;
    assert!(en.contains(copy), "{en}");
    assert!(en.contains(r#"<span class="sm-source-kind is-weak">state media</span>"#));
    let fr = base_a_panel(&data, Lang::Fr);
    assert!(fr.contains(">reprise d’un texte de Reuters</span>"), "{fr}");
    assert!(fr.contains(">média d’État</span>"));
}

#[test]
fn a_base_without_an_opening_date_starts_at_its_first_dated_record_and_says_so() {
    let data = with_base_a(|b| b.opened = None);
    let base = data.bases.iter().find(|b| b.id == "air-base-a").unwrap();
    let first = base.troops.iter().map(|t| &t.as_of).min().unwrap();
    assert_eq!(base.start(), Some(first));
    // Not drawn before its first dated record, drawn from it.
    let before = Date::parse("2012-01-01").unwrap();
    assert_eq!(base.status(&before), Status::NotYet);
    assert_ne!(base.status(first), Status::NotYet);
    let html = base_a_panel(&data, Lang::En);
    assert!(html.contains("start date not known"), "{html}");
    assert!(!html.contains("opened "));
}

#[test]
fn a_presence_without_a_known_site_says_where_it_is_shown() {
    let data = with_base_a(|b| b.located = false);
    assert!(base_a_panel(&data, Lang::En).contains("location not known: shown at the capital"));
    assert!(base_a_panel(&data, Lang::Fr).contains("emplacement inconnu"));
    let base = data.bases.iter().find(|b| b.id == "air-base-a").unwrap();
    let at = Date::parse("2025-12-31").unwrap();
    let name = sahel_map::view::names::base_name(&data, base, &at, Lang::En);
    assert!(name.contains("(location not known: shown at the capital)"));
}
