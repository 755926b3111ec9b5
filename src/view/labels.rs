//! Country names and capitals placed without collisions for the map's rendered size, and the
//! label layer as escaped SVG markup. Pure; the browser measures with the page's font, native
//! tests with [`estimate`].

use super::markup::escape_into;
use super::scene::DrawnMap;
use crate::carto::labels::{inside, place, text_width, Candidate, Rect};
use crate::carto::path::fmt_tenths;
use crate::i18n::{Lang, Localized, Text};

/// What a label shows, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    pub lines: Vec<String>,
    /// Centre of the text block, SVG units.
    pub at: [f64; 2],
    /// Font size in SVG units.
    pub size: f64,
    pub kind: LabelKind,
    /// The country it names (None for a capital).
    pub country: Option<String>,
    /// What it labels: the country's label point, or the capital's dot.
    pub anchor: [f64; 2],
    /// The space it takes.
    pub rect: Rect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelKind {
    Core,
    Country,
    Capital,
    /// A base site's place name (drawn by `overlay`).
    Site,
}

impl LabelKind {
    /// Font size in CSS pixels (www/widget.css sets weight, style and case).
    pub fn px(self) -> f64 {
        11.0
    }
}

/// The width in CSS pixels of a line of text set in a label kind's type. The browser measures
/// with its real font; [`estimate`] stands in where there is none.
pub type Measure<'a> = &'a dyn Fn(&str, LabelKind) -> f64;

/// A conservative width without a font: the average advance per character in ems, as measured
/// with DejaVu Sans (the wide fallback of Linux browsers) for each kind's weight and case.
pub fn estimate(text: &str, kind: LabelKind) -> f64 {
    let em = match kind {
        LabelKind::Core => 0.84,
        LabelKind::Country => 0.66,
        LabelKind::Capital => 0.68,
        LabelKind::Site => 0.72,
    };
    text_width(text, kind.px(), em)
}

/// Radius of a capital's dot in CSS pixels.
pub const CAPITAL_DOT: f64 = 3.0;
const LINE_HEIGHT: f64 = 1.15;

/// Country names and capitals placed without collisions, for a map shown at `px_per_unit`
/// CSS pixels per SVG unit. First the core countries' names; then their capitals' dots, each
/// shown only where no name covers it, with its name beside it; then the other countries by
/// size. A name is set on one line if it fits its country, else wrapped, else nudged from its
/// label point, else left out.
pub fn labels(
    map: &DrawnMap,
    lang: Lang,
    px_per_unit: f64,
    measure: Measure,
    obstacles: &[Rect],
) -> Vec<PlacedLabel> {
    let unit = 1.0 / px_per_unit.max(1e-3);
    let mut order: Vec<usize> = (0..map.countries.len()).collect();
    // Core first, then by the size of the shape (its vertex count stands in for its extent).
    order.sort_by_key(|&i| {
        let c = &map.countries[i];
        (
            !c.core,
            std::cmp::Reverse(c.rings.iter().map(Vec::len).sum::<usize>()),
        )
    });
    let (core, others): (Vec<usize>, Vec<usize>) =
        order.into_iter().partition(|&i| map.countries[i].core);
    let offsets = nudges(unit);
    let gap = 2.0 * unit;

    // Pass 1: core names, then capital dots where no name covers them.
    let core_items: Vec<Item> = core
        .iter()
        .map(|&i| country_item(map, i, lang, unit, &offsets, measure))
        .collect();
    let capitals: Vec<(&Localized, [f64; 2])> = core
        .iter()
        .filter_map(|&i| {
            map.countries[i]
                .capital
                .as_ref()
                .map(|(name, at)| (name, *at))
        })
        .collect();
    let r = CAPITAL_DOT * unit;
    let dot_candidates = capitals
        .iter()
        .map(|&(_, at)| Candidate::new(at, &[[2.0 * r, 2.0 * r]], &[[0.0, 0.0]]));
    let first: Vec<Candidate> = core_items
        .iter()
        .map(|i| i.candidate.clone())
        .chain(dot_candidates)
        .collect();
    let mut first_placed = place(&first, obstacles, gap, |i, rect| {
        i >= core_items.len() || fits(map, &core_items[i], rect)
    });
    // A core name crowded out by symbols is still shown (under them): the map needs it more
    // than a clear view of every symbol's edge.
    for i in 0..core_items.len() {
        if first_placed[i].is_none() {
            let others: Vec<Rect> = first_placed.iter().flatten().map(|p| p.1).collect();
            first_placed[i] = place(&first[i..=i], &others, gap, |_, rect| {
                fits(map, &core_items[i], rect)
            })[0];
        }
    }
    let (names, dots) = first_placed.split_at(core_items.len());
    let mut taken: Vec<Rect> = obstacles.to_vec();
    taken.extend(first_placed.iter().flatten().map(|p| p.1));

    // Pass 2: the names of the capitals shown, beside their dots, then the other countries.
    let mut items: Vec<Item> = capitals
        .iter()
        .zip(dots)
        .filter(|(_, dot)| dot.is_some())
        .map(|(&(name, at), _)| {
            let lines = vec![name.get(lang).to_string()];
            let size = block(&lines, LabelKind::Capital, unit, measure);
            let (dx, dy) = (size[0] / 2.0 + 2.0 * r, size[1] / 2.0 + r);
            Item {
                variants: vec![lines],
                kind: LabelKind::Capital,
                country: None,
                candidate: Candidate::new(
                    at,
                    &[size],
                    &[[dx, 0.0], [-dx, 0.0], [0.0, -dy], [0.0, dy]],
                ),
            }
        })
        .collect();
    items.extend(
        others
            .iter()
            .map(|&i| country_item(map, i, lang, unit, &offsets, measure)),
    );
    let second: Vec<Candidate> = items.iter().map(|i| i.candidate.clone()).collect();
    let second_placed = place(&second, &taken, gap, |i, rect| fits(map, &items[i], rect));
    taken.clear();

    core_items
        .into_iter()
        .zip(names.iter().copied())
        .chain(items.into_iter().zip(second_placed))
        .filter_map(|(mut item, spot)| {
            let (option, rect) = spot?;
            let per_variant = item.candidate.options.len() / item.variants.len();
            Some(PlacedLabel {
                size: item.kind.px() * unit,
                lines: item.variants.swap_remove(option / per_variant),
                at: rect.centre(),
                kind: item.kind,
                country: item.country.map(|c| map.countries[c].iso.clone()),
                anchor: item.candidate.anchor,
                rect,
            })
        })
        .collect()
}

/// The capital dots to draw: those whose name could be placed (a dot alone would be a riddle).
pub fn capital_dots(placed: &[PlacedLabel], px_per_unit: f64) -> Vec<([f64; 2], f64)> {
    let r = CAPITAL_DOT / px_per_unit.max(1e-3);
    placed
        .iter()
        .filter(|l| l.kind == LabelKind::Capital)
        .map(|l| (l.anchor, r))
        .collect()
}

/// Capital dots and labels as one SVG fragment (for a `<g>`'s innerHTML): a static layer,
/// rebuilt only when the size or language changes, and far less code as a string than as
/// components. Every text is escaped: data strings are text, never markup.
pub fn labels_svg(placed: &[PlacedLabel], px_per_unit: f64) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (at, r) in capital_dots(placed, px_per_unit) {
        let _ = write!(
            out,
            r#"<circle class="sm-capital" cx="{}" cy="{}" r="{}"/>"#,
            fmt_tenths(at[0]),
            fmt_tenths(at[1]),
            fmt_tenths(r)
        );
    }
    for l in placed {
        let class = match l.kind {
            LabelKind::Core => "sm-label is-core",
            LabelKind::Country => "sm-label",
            LabelKind::Capital => "sm-label is-capital",
            LabelKind::Site => "sm-site-label",
        };
        let line_height = l.size * LINE_HEIGHT;
        let top = l.at[1] - line_height * (l.lines.len() as f64 - 1.0) / 2.0;
        let _ = write!(
            out,
            r#"<text class="{class}" font-size="{}" text-anchor="middle" dominant-baseline="central">"#,
            fmt_tenths(l.size)
        );
        for (i, line) in l.lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<tspan x="{}" y="{}">"#,
                fmt_tenths(l.at[0]),
                fmt_tenths(top + line_height * i as f64)
            );
            escape_into(line, &mut out);
            out.push_str("</tspan>");
        }
        out.push_str("</text>");
    }
    out
}

/// A label still to place.
struct Item {
    /// The text, line by line, for each size variant of the candidate.
    variants: Vec<Vec<String>>,
    kind: LabelKind,
    /// Index of the country it names.
    country: Option<usize>,
    candidate: Candidate,
}

fn block(lines: &[String], kind: LabelKind, unit: f64, measure: Measure) -> [f64; 2] {
    let width = lines.iter().map(|l| measure(l, kind)).fold(0.0, f64::max);
    [
        width * unit,
        kind.px() * unit * LINE_HEIGHT * lines.len() as f64,
    ]
}

fn country_item(
    map: &DrawnMap,
    i: usize,
    lang: Lang,
    unit: f64,
    offsets: &[[f64; 2]],
    measure: Measure,
) -> Item {
    let c = &map.countries[i];
    // Core names are set in capitals by CSS (text-transform), which `measure` allows for:
    // Unicode case tables would add kilobytes to the wasm.
    let kind = if c.core {
        LabelKind::Core
    } else {
        LabelKind::Country
    };
    let name = c.name.get(lang);
    let suffix: Vec<String> = c
        .disputed
        .then(|| Text::Disputed.get(lang).to_string())
        .into_iter()
        .collect();
    let mut variants = vec![[vec![name.to_string()], suffix.clone()].concat()];
    if let Some((a, b)) = wrap(name) {
        variants.push([vec![a, b], suffix].concat());
    }
    let sizes: Vec<[f64; 2]> = variants
        .iter()
        .map(|v| block(v, kind, unit, measure))
        .collect();
    Item {
        variants,
        kind,
        country: Some(i),
        candidate: Candidate::new(c.label_at, &sizes, offsets),
    }
}

fn fits(map: &DrawnMap, item: &Item, r: &Rect) -> bool {
    // Every label stays on the canvas.
    let on_canvas = r.x0 >= 0.0 && r.y0 >= 0.0 && r.x1 <= map.width && r.y1 <= map.height;
    on_canvas
        && match item.country {
            // A disputed territory is always named, for what it says: its label may cross its
            // border as long as it is centred inside (Western Sahara is a thin diagonal at
            // most sizes).
            Some(c) if map.countries[c].disputed => inside(&map.countries[c].rings, r.centre()),
            Some(c) => fits_inside(&map.countries[c].rings, r),
            // A capital's name only has to stay on the canvas.
            None => true,
        }
}

/// Where a country's name may go relative to its label point, nearest first: rings of eight
/// directions, 4 to 20 CSS pixels out.
fn nudges(unit: f64) -> Vec<[f64; 2]> {
    const DIRECTIONS: [[f64; 2]; 8] = [
        [-1.0, 0.0],
        [1.0, 0.0],
        [0.0, -1.0],
        [0.0, 1.0],
        [-1.0, -1.0],
        [1.0, -1.0],
        [-1.0, 1.0],
        [1.0, 1.0],
    ];
    let mut offsets = vec![[0.0, 0.0]];
    for step in [4.0, 8.0, 12.0, 16.0, 20.0] {
        offsets.extend(
            DIRECTIONS
                .iter()
                .map(|d| [d[0] * step * unit, d[1] * step * unit]),
        );
    }
    offsets
}

/// Whether a label sits inside its country: its centre and the middles of its four sides are
/// (a corner of the text's box may cross a border where the letters themselves do not).
pub fn fits_inside(rings: &[Vec<[f64; 2]>], r: &Rect) -> bool {
    let p = r.probes();
    [p[1], p[3], p[4], p[5], p[7]]
        .iter()
        .all(|&q| inside(rings, q))
}

/// Splits a name at the space nearest its middle, for a two-line label.
fn wrap(name: &str) -> Option<(String, String)> {
    let middle = name.len() / 2;
    let split = name
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle))?;
    Some((name[..split].to_string(), name[split + 1..].to_string()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::carto::frame::SAHEL;
    use crate::dataset::load_geodata;
    use crate::view::scene::draw;

    fn map() -> DrawnMap {
        let (geodata, _) = load_geodata(include_str!("../../geodata/countries.geojson")).unwrap();
        draw(&geodata, &SAHEL)
    }

    #[test]
    fn labels_never_overlap_and_stay_inside_their_countries_at_any_width() {
        let map = map();
        for width_px in [280.0, 375.0, 680.0, 1000.0] {
            for lang in [Lang::En, Lang::Fr] {
                let placed = labels(&map, lang, width_px / map.width, &estimate, &[]);
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
                        assert!(fits_inside(&c.rings, &a.rect), "{iso} label leaves it");
                    }
                }
            }
        }
    }

    #[test]
    fn at_article_width_the_core_five_their_capitals_and_the_big_neighbours_are_named() {
        let map = map();
        let placed = labels(&map, Lang::En, 680.0 / map.width, &estimate, &[]);
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
        let wide = labels(&map, Lang::En, 1000.0 / map.width, &estimate, &[]);
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
        let phone = labels(&map, Lang::En, 343.0 / map.width, &estimate, &[]);
        let desktop = labels(&map, Lang::En, 680.0 / map.width, &estimate, &[]);
        assert!(phone.len() < desktop.len());
        assert!(!phone.iter().any(|l| l.country.as_deref() == Some("GMB")));
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
            svg.contains(r#"<tspan x="10" y="13.7">"#)
                && svg.contains(r#"<tspan x="10" y="26.3">"#),
            "{svg}"
        );
    }

    #[test]
    fn wraps_at_the_middle_space() {
        assert_eq!(
            wrap("Central African Republic"),
            Some(("Central African".into(), "Republic".into()))
        );
        assert_eq!(
            wrap("Burkina Faso"),
            Some(("Burkina".into(), "Faso".into()))
        );
        assert_eq!(wrap("Mali"), None);
    }
}
