//! Country names and capitals placed without collisions for the map's rendered size, and the
//! label layer as escaped SVG markup. Pure; the browser measures with the page's font, native
//! tests with [`estimate`].

use super::markup::escape_into;
use super::scene::DrawnMap;
use crate::carto::labels::{inside, place, text_width, Candidate, Rect};
use crate::carto::path::fmt_tenths;
use crate::i18n::{Lang, Localized, Text};

/// The room each partner mark takes in its row, in CSS pixels.
pub const MARK_STEP: f64 = 12.0;

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
    /// The centre of the row kept under a country's name for its partner marks, if it has any.
    pub marks: Option<[f64; 2]>,
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
/// The height in CSS pixels of the row of partner marks under a name.
pub const MARK_ROW: f64 = 12.0;

/// How many partner marks go under each country's name (by ISO3).
pub type Marks<'a> = &'a dyn Fn(&str) -> usize;

/// Country names and capitals placed without collisions, for a map shown at `px_per_unit`
/// CSS pixels per SVG unit. First the core countries' names; then their capitals' dots, each
/// shown only where no name covers it, with its name beside it; then the other countries by
/// size. A name is set on one line if it fits its country, else wrapped, else nudged from its
/// label point, else left out. A name with partner marks (`marks`) keeps a row for them under it.
/// Names stay inside `window`, the span of SVG x the reader sees (a phone's map is cropped).
pub fn labels(
    map: &DrawnMap,
    lang: Lang,
    px_per_unit: f64,
    measure: Measure,
    obstacles: &[Rect],
    marks: Marks,
    window: [f64; 2],
) -> Vec<PlacedLabel> {
    let unit = 1.0 / px_per_unit.max(1e-3);
    // Core first, then by the size of the shape (its vertex count stands in for its extent).
    let key = |i: usize| {
        let c = &map.countries[i];
        (
            !c.core,
            std::cmp::Reverse(c.rings.iter().map(Vec::len).sum::<usize>()),
        )
    };
    let order = super::order::ordered(map.countries.len(), &|a, b| key(a).cmp(&key(b)));
    let (core, others): (Vec<usize>, Vec<usize>) =
        order.into_iter().partition(|&i| map.countries[i].core);
    let offsets = nudges(unit);
    let gap = 2.0 * unit;

    // Pass 1: core names, then capital dots where no name covers them.
    let core_items: Vec<Item> = core
        .iter()
        .map(|&i| country_item(map, i, lang, unit, &offsets, measure, marks))
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
        i >= core_items.len() || fits(map, &core_items[i], rect, window)
    });
    // A core name crowded out by symbols is still shown (under them): the map needs it more
    // than a clear view of every symbol's edge.
    for i in 0..core_items.len() {
        if first_placed[i].is_none() {
            let others: Vec<Rect> = first_placed.iter().flatten().map(|p| p.1).collect();
            first_placed[i] = place(&first[i..=i], &others, gap, |_, rect| {
                fits(map, &core_items[i], rect, window)
            })[0];
        }
        // Too small for its name at this size (Burkina Faso on a phone): the name may cross
        // its borders, centred in it.
        if first_placed[i].is_none() {
            let others: Vec<Rect> = first_placed.iter().flatten().map(|p| p.1).collect();
            let c = core_items[i].country.map(|c| &map.countries[c]);
            first_placed[i] = place(&first[i..=i], &others, gap, |_, rect| {
                on_canvas(map, rect, window) && c.is_some_and(|c| inside(&c.rings, rect.centre()))
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
                marked: 0,
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
            .map(|&i| country_item(map, i, lang, unit, &offsets, measure, marks)),
    );
    let second: Vec<Candidate> = items.iter().map(|i| i.candidate.clone()).collect();
    let second_placed = place(&second, &taken, gap, |i, rect| {
        fits(map, &items[i], rect, window)
    });
    taken.clear();

    core_items
        .into_iter()
        .zip(names.iter().copied())
        .chain(items.into_iter().zip(second_placed))
        .filter_map(|(mut item, spot)| {
            let (option, rect) = spot?;
            let per_variant = item.candidate.options.len() / item.variants.len();
            let variant = option / per_variant;
            let marked = variant < item.marked;
            let [x, y] = rect.centre();
            let row = if marked { MARK_ROW * unit } else { 0.0 };
            Some(PlacedLabel {
                size: item.kind.px() * unit,
                lines: item.variants.swap_remove(variant),
                at: [x, y - row / 2.0],
                kind: item.kind,
                country: item.country.map(|c| map.countries[c].iso.clone()),
                anchor: item.candidate.anchor,
                rect,
                marks: marked.then_some([x, rect.y1 - row / 2.0]),
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
    /// How many of the first variants carry a row of partner marks under the name (the same
    /// variants follow without it, for a country too small for both).
    marked: usize,
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
    marks: Marks,
) -> Item {
    let c = &map.countries[i];
    let n = marks(&c.iso);
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
    let mut sizes: Vec<[f64; 2]> = variants
        .iter()
        .map(|v| block(v, kind, unit, measure))
        .collect();
    let marked = if n > 0 { variants.len() } else { 0 };
    if n > 0 {
        let row = |[w, h]: [f64; 2]| [w.max(n as f64 * MARK_STEP * unit), h + MARK_ROW * unit];
        sizes = sizes.iter().map(|&s| row(s)).chain(sizes.clone()).collect();
        variants = variants.iter().chain(&variants).cloned().collect();
    }
    Item {
        variants,
        kind,
        country: Some(i),
        marked,
        candidate: Candidate::new(c.label_at, &sizes, offsets),
    }
}

/// Every label stays on the canvas, in the part of it the reader sees.
fn on_canvas(map: &DrawnMap, r: &Rect, window: [f64; 2]) -> bool {
    r.x0 >= window[0].max(0.0)
        && r.y0 >= 0.0
        && r.x1 <= window[1].min(map.width)
        && r.y1 <= map.height
}

fn fits(map: &DrawnMap, item: &Item, r: &Rect, window: [f64; 2]) -> bool {
    on_canvas(map, r, window)
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

#[cfg(test)]
mod tests {
    use super::wrap;

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
