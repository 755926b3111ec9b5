//! Country names and capitals placed without collisions (`view::labels`), on the bundled
//! countries file: never overlapping, inside their countries, marks rows, a phone's crop.
// Native only: the countries file is parsed with serde_json here.
#![cfg(not(target_arch = "wasm32"))]

use sahel_map::carto::frame::SAHEL;
use sahel_map::carto::labels::{inside, Rect};
use sahel_map::dataset::load_geodata;
use sahel_map::i18n::Lang;
use sahel_map::view::labels::*;
use sahel_map::view::scene::draw;
use sahel_map::view::scene::DrawnMap;

/// Names alone: no obstacles, no partner marks, the whole canvas seen.
fn plain(map: &DrawnMap, lang: Lang, px_per_unit: f64) -> Vec<PlacedLabel> {
    labels(
        map,
        lang,
        px_per_unit,
        &estimate,
        &[],
        &|_| 0,
        [0.0, map.width],
    )
}

fn map() -> DrawnMap {
    let (geodata, _) = load_geodata(include_str!("../geodata/countries.geojson")).unwrap();
    draw(&geodata, &SAHEL)
}

#[test]
fn labels_never_overlap_and_stay_inside_their_countries_at_any_width() {
    let map = map();
    for width_px in [280.0, 375.0, 680.0, 1000.0] {
        for lang in [Lang::En, Lang::Fr] {
            let placed = plain(&map, lang, width_px / map.width);
            for (i, a) in placed.iter().enumerate() {
                let r = a.rect;
                assert!(
                    r.x0 >= 0.0 && r.y0 >= 0.0 && r.x1 <= map.width && r.y1 <= map.height,
                    "{:?} leaves the canvas",
                    a.lines
                );
                for b in &placed[i + 1..] {
                    assert!(
                        !a.rect.overlaps(&b.rect),
                        "{:?} overlaps {:?} at {width_px}px",
                        a.lines,
                        b.lines
                    );
                }
                if let Some(iso) = a.country.as_ref().filter(|iso| *iso != "ESH") {
                    let c = map.country(iso).unwrap();
                    // One of the five too small for its name is named across its borders,
                    // centred in it; every other name stays inside.
                    if a.kind == LabelKind::Core {
                        assert!(inside(&c.rings, a.rect.centre()), "{iso} label leaves it");
                    } else {
                        assert!(fits_inside(&c.rings, &a.rect), "{iso} label leaves it");
                    }
                }
            }
        }
    }
}

#[test]
fn at_article_width_the_core_five_their_capitals_and_the_big_neighbours_are_named() {
    let map = map();
    let placed = plain(&map, Lang::En, 680.0 / map.width);
    let named: Vec<&str> = placed.iter().filter_map(|l| l.country.as_deref()).collect();
    for iso in [
        "NER", "MLI", "BFA", "TCD", "MRT", "DZA", "LBY", "EGY", "SDN", "NGA", "ESH",
    ] {
        assert!(named.contains(&iso), "{iso} is unlabelled: {named:?}");
    }
    let capitals: Vec<&str> = placed
        .iter()
        .filter(|l| l.kind == LabelKind::Capital)
        .map(|l| l.lines[0].as_str())
        .collect();
    assert!(capitals.len() >= 2, "only {capitals:?} named");
    let wide = plain(&map, Lang::En, 1000.0 / map.width);
    // Where a name and its capital cannot both fit (Burkina Faso is small), the name wins.
    let wide_capitals = wide.iter().filter(|l| l.kind == LabelKind::Capital).count();
    assert!(wide_capitals >= 4, "{wide_capitals} capitals at 1000 px");
    // No name covers a capital's dot.
    for (at, r) in capital_dots(&placed, 680.0 / map.width) {
        let dot = Rect::centred(at, [2.0 * r, 2.0 * r]);
        assert!(
            !placed.iter().any(|l| l.rect.overlaps(&dot)),
            "a name covers the dot at {at:?}"
        );
    }
    // Western Sahara says it is disputed.
    let esh = placed
        .iter()
        .find(|l| l.country.as_deref() == Some("ESH"))
        .unwrap();
    assert_eq!(esh.lines.last().map(String::as_str), Some("(disputed)"));
}

#[test]
fn small_countries_go_unlabelled_on_a_phone_rather_than_overflow() {
    let map = map();
    let phone = plain(&map, Lang::En, 343.0 / map.width);
    let desktop = plain(&map, Lang::En, 680.0 / map.width);
    assert!(phone.len() < desktop.len());
    assert!(!phone.iter().any(|l| l.country.as_deref() == Some("GMB")));
}

#[test]
fn on_a_phone_names_stay_in_the_part_of_the_map_it_shows() {
    let map = map();
    let window = map.five_span();
    let ppu = 343.0 / (window[1] - window[0]);
    for lang in [Lang::En, Lang::Fr] {
        let placed = labels(&map, lang, ppu, &estimate, &[], &|_| 0, window);
        assert!(placed
            .iter()
            .all(|l| l.rect.x0 >= window[0] && l.rect.x1 <= window[1]));
        for core in sahel_map::view::scene::FIVE {
            assert!(
                placed.iter().any(|l| l.country.as_deref() == Some(core)),
                "{core}"
            );
        }
    }
}

#[test]
fn a_name_with_partner_marks_keeps_a_row_for_them_under_it() {
    let map = map();
    let ppu = 680.0 / map.width;
    let plain = plain(&map, Lang::En, ppu);
    let marked = labels(
        &map,
        Lang::En,
        ppu,
        &estimate,
        &[],
        &|iso| usize::from(iso == "NER") * 3,
        [0.0, map.width],
    );
    let ner = |l: &[PlacedLabel]| {
        l.iter()
            .find(|l| l.country.as_deref() == Some("NER"))
            .cloned()
    };
    let (plain, marked) = (ner(&plain).unwrap(), ner(&marked).unwrap());
    assert!(plain.marks.is_none());
    let row = marked.marks.expect("a row for the marks");
    let unit = 1.0 / ppu;
    // Taller by the row, at least three marks wide, the row under the text and inside.
    let h = |l: &PlacedLabel| l.rect.y1 - l.rect.y0;
    assert!((h(&marked) - h(&plain) - MARK_ROW * unit).abs() < 1e-6);
    assert!(marked.rect.x1 - marked.rect.x0 >= 3.0 * MARK_STEP * unit - 1e-6);
    assert!(row[1] > marked.at[1] && row[1] < marked.rect.y1);
}

#[test]
fn the_label_layer_escapes_text_and_draws_a_dot_per_named_capital() {
    let label = |lines: &[&str], kind, at: [f64; 2]| PlacedLabel {
        lines: lines.iter().map(|l| l.to_string()).collect(),
        at,
        size: 11.0,
        kind,
        country: None,
        anchor: at,
        rect: Rect::centred(at, [10.0, 10.0]),
        marks: None,
    };
    let svg = labels_svg(
        &[
            label(
                &["<b>Côte</b>", "d’Ivoire & co"],
                LabelKind::Country,
                [10.0, 20.0],
            ),
            label(&["Niamey"], LabelKind::Capital, [30.5, 40.25]),
        ],
        1.0,
    );
    assert!(svg.contains("&lt;b&gt;Côte&lt;/b&gt;</tspan>"), "{svg}");
    assert!(svg.contains("d’Ivoire &amp; co"));
    assert!(!svg.contains("<b>"));
    assert_eq!(svg.matches("<circle").count(), 1);
    assert!(svg.contains(r#"cx="30.5" cy="40.3" r="3""#), "{svg}");
    // Two lines centred on the anchor, a line apart.
    assert!(
        svg.contains(r#"<tspan x="10" y="13.7">"#) && svg.contains(r#"<tspan x="10" y="26.3">"#),
        "{svg}"
    );
}
