//! The dataset on the map, pure: base symbols (sized by base-level troop counts, shaped and
//! coloured by operator, merged where records share a site) and partnership links (great-circle
//! arcs between the parties' anchors), for one date and one set of layers. The UI sets the
//! result as one `<g>`'s markup; tests check it natively.

use crate::carto::frame::Frame;
use crate::carto::labels::{place, Candidate, Rect};
use crate::carto::path::fmt_tenths;
use crate::carto::within;
use crate::dataset::{Agreement, Amount, Base, Dataset, Date, Scope, Status};
use crate::i18n::{long_date, number, term, Lang, Text};
use crate::scene::{escape_into, LabelKind, Measure};
use std::fmt::Write;

/// Smallest symbol radius and the square-root scale, in CSS pixels: 100 troops → 6 px,
/// 1,000 → 19 px.
pub const MIN_RADIUS: f64 = 5.0;
pub const SCALE: f64 = 0.6;
/// Radius of a symbol whose base has no base-level count: fixed, and drawn differently.
pub const UNCOUNTED_RADIUS: f64 = 6.5;
/// Every symbol can be hit within this radius (a 24 px target, WCAG 2.2 2.5.8).
pub const TARGET_RADIUS: f64 = 12.0;
/// Records closer than this (degrees) are one site: the same airport or city.
const SAME_SITE: f64 = 0.25;

/// What the reader has selected: a country (ISO3), a base, a site of several bases (its first
/// base's id) or a link (its agreement's id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Country(String),
    Base(String),
    Site(String),
    Link(String),
}

impl Selection {
    /// The kind as the page sees it in `sahel-map:select`.
    pub fn kind(&self) -> &'static str {
        match self {
            Selection::Country(_) => "country",
            Selection::Base(_) => "base",
            Selection::Site(_) => "site",
            Selection::Link(_) => "link",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Selection::Country(id)
            | Selection::Base(id)
            | Selection::Site(id)
            | Selection::Link(id) => id,
        }
    }

    /// From a map element's data attribute name (`data-base` …) and value.
    pub fn from_attribute(name: &str, id: String) -> Option<Selection> {
        match name {
            "data-iso" => Some(Selection::Country(id)),
            "data-base" => Some(Selection::Base(id)),
            "data-site" => Some(Selection::Site(id)),
            "data-link" => Some(Selection::Link(id)),
            _ => None,
        }
    }
}

/// Which layers are on, by index into `Dataset::layers`, and whether bases and links show.
#[derive(Clone, Debug, PartialEq)]
pub struct Visible {
    pub layers: Vec<bool>,
    pub bases: bool,
    pub links: bool,
}

impl Visible {
    /// The dataset's defaults, or exactly the layers named in `ids` (the `layers` attribute);
    /// `bases` and `links` may be named too, and are on when neither is named.
    pub fn new(data: &Dataset, ids: Option<&[String]>) -> Visible {
        let named = |id: &str| ids.is_some_and(|ids| ids.iter().any(|i| i == id));
        let some_kind = named("bases") || named("links");
        Visible {
            layers: data
                .layers
                .iter()
                .map(|l| ids.map_or(l.default, |_| named(&l.id)))
                .collect(),
            bases: !some_kind || named("bases"),
            links: !some_kind || named("links"),
        }
    }
}

impl Visible {
    /// Whether layer `l` (an index into `Dataset::layers`) is on.
    pub fn layer_on(&self, l: usize) -> bool {
        self.layers.get(l).copied().unwrap_or(false)
    }
}

/// The layer (index) an actor belongs to, if any.
pub fn layer_of(data: &Dataset, actor: &str) -> Option<usize> {
    data.layers
        .iter()
        .position(|l| l.actors.iter().any(|a| a == actor))
}

/// The layer a base is drawn in: its first operator's with a layer that is on (None: hidden).
pub fn base_layer(data: &Dataset, base: &Base, visible: &Visible) -> Option<usize> {
    base.operators
        .iter()
        .filter_map(|o| layer_of(data, o))
        .find(|&l| visible.layer_on(l))
}

/// The layer a base is drawn in on `at`: None if it has not started or no layer of it is on.
pub fn shown_layer(data: &Dataset, base: &Base, visible: &Visible, at: &Date) -> Option<usize> {
    (base.status(at) != Status::NotYet)
        .then(|| base_layer(data, base, visible))
        .flatten()
}

/// Whether an agreement is on the map on `at`: signed by then, with a party in a layer that is on.
pub fn agreement_shown(data: &Dataset, a: &Agreement, visible: &Visible, at: &Date) -> bool {
    a.status(at) != Status::NotYet
        && a.parties
            .iter()
            .any(|p| layer_of(data, p).is_some_and(|l| visible.layer_on(l)))
}

/// The actors' names, in the reader's language, joined by `sep`.
pub fn actor_names(data: &Dataset, ids: &[String], lang: Lang, sep: &str) -> String {
    ids.iter()
        .filter_map(|id| data.actor(id).map(|a| a.name.get(lang).to_string()))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The number that sizes a base's symbol on `at`: its latest base-level count (a range by its
/// middle). Country- and mission-wide counts never size a base.
pub fn symbol_count(base: &Base, at: &Date) -> Option<u32> {
    base.count(Scope::Base, at).map(|t| match t.amount {
        Amount::Exact(n) => n,
        Amount::Range { min, max } => min + (max - min) / 2,
    })
}

/// Radius in CSS pixels: area ∝ count, never below [`MIN_RADIUS`].
pub fn radius(count: Option<u32>) -> f64 {
    match count {
        Some(n) => (SCALE * f64::from(n).sqrt()).max(MIN_RADIUS),
        None => UNCOUNTED_RADIUS,
    }
}

/// Symbol shapes, one per layer slot (repeating after eight): colour is never the only cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Hexagon,
    Pentagon,
    Star,
}

impl Shape {
    const ALL: [Shape; 8] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::TriangleDown,
        Shape::Hexagon,
        Shape::Pentagon,
        Shape::Star,
    ];

    pub fn for_slot(slot: usize) -> Shape {
        Self::ALL[slot % Self::ALL.len()]
    }

    /// Vertices around the origin (None for a circle), scaled so every shape of radius `r` has
    /// the area of a circle of radius `r`: sizes compare across operators.
    pub fn vertices(self, r: f64) -> Option<Vec<[f64; 2]>> {
        use std::f64::consts::PI;
        let regular = |n: usize, turn: f64| -> Vec<[f64; 2]> {
            (0..n)
                .map(|i| {
                    let a = turn + 2.0 * PI * i as f64 / n as f64;
                    [a.sin(), -a.cos()]
                })
                .collect()
        };
        let unit = match self {
            Shape::Circle => return None,
            Shape::Square => regular(4, PI / 4.0),
            Shape::Triangle => regular(3, 0.0),
            Shape::Diamond => regular(4, 0.0),
            Shape::TriangleDown => regular(3, PI),
            Shape::Hexagon => regular(6, PI / 6.0),
            Shape::Pentagon => regular(5, 0.0),
            Shape::Star => (0..10)
                .map(|i| {
                    let a = PI * i as f64 / 5.0;
                    let k = if i % 2 == 0 { 1.0 } else { 0.45 };
                    [k * a.sin(), -k * a.cos()]
                })
                .collect(),
        };
        let k = r * (PI / polygon_area(&unit)).sqrt();
        Some(unit.iter().map(|[x, y]| [x * k, y * k]).collect())
    }

    /// An SVG path of radius `r` centred on `c`.
    pub fn path(self, c: [f64; 2], r: f64) -> String {
        let mut d = String::new();
        match self.vertices(r) {
            None => {
                let (x, y, dia) = (fmt_tenths(c[0] - r), fmt_tenths(c[1]), fmt_tenths(2.0 * r));
                let r = fmt_tenths(r);
                let _ = write!(d, "M{x} {y}a{r} {r} 0 1 0 {dia} 0a{r} {r} 0 1 0 -{dia} 0Z");
            }
            Some(points) => {
                for (i, [x, y]) in points.iter().enumerate() {
                    d.push(if i == 0 { 'M' } else { 'L' });
                    let _ = write!(d, "{} {}", fmt_tenths(c[0] + x), fmt_tenths(c[1] + y));
                }
                d.push('Z');
            }
        }
        d
    }
}

/// Shoelace area of a polygon.
pub fn polygon_area(points: &[[f64; 2]]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

/// A place where one or more base records sit, projected.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// The id of its first record, in dataset order: stable across dates and layers.
    pub id: String,
    pub at: [f64; 2],
    pub city: String,
    /// Indices into `Dataset::bases`.
    pub members: Vec<usize>,
}

/// One arc of a link: from a partner's anchor to a local party's, projected.
#[derive(Clone, Debug, PartialEq)]
pub struct Arc {
    pub layer: usize,
    pub points: Vec<[f64; 2]>,
}

/// An agreement drawn as arcs from each partner layer among its parties to each party that
/// belongs to no layer (the states of the region).
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub agreement: usize,
    pub arcs: Vec<Arc>,
}

/// What of the dataset can be drawn, projected once per dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Overlay {
    pub sites: Vec<Site>,
    pub links: Vec<Link>,
}

impl Overlay {
    pub fn new(data: &Dataset, frame: &Frame) -> Overlay {
        let projection = frame.projection();
        let mut sites: Vec<Site> = Vec::new();
        for (i, b) in data.bases.iter().enumerate() {
            let near = sites.iter_mut().find(|s| {
                let first = &data.bases[s.members[0]];
                (first.at[0] - b.at[0]).abs() < SAME_SITE
                    && (first.at[1] - b.at[1]).abs() < SAME_SITE
            });
            match near {
                Some(site) => site.members.push(i),
                None => sites.push(Site {
                    id: b.id.clone(),
                    at: projection.project(b.at),
                    city: b.city.clone(),
                    members: vec![i],
                }),
            }
        }
        // Parallel arcs (several agreements between the same two ends) bow apart.
        let mut pairs: Vec<(String, String)> = Vec::new();
        let links = data
            .agreements
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let ends = ends(data, a);
                let arcs = ends
                    .into_iter()
                    .map(|(layer, from, to)| {
                        let key = (from.clone(), to.clone());
                        let nth = pairs.iter().filter(|p| **p == key).count();
                        pairs.push(key);
                        let anchor = |id: &str| data.actor(id).map_or([0.0, 0.0], |a| a.anchor);
                        let points = great_circle(anchor(&from), anchor(&to), 24)
                            .into_iter()
                            .map(|p| projection.project(p))
                            .collect();
                        Arc {
                            layer,
                            points: bow(points, nth),
                        }
                    })
                    .collect();
                Link { agreement: i, arcs }
            })
            .collect();
        Overlay { sites, links }
    }
}

/// (layer, partner actor, local actor) for each arc of an agreement. A layer's arcs start at
/// the first of its actors among the parties.
fn ends(data: &Dataset, a: &Agreement) -> Vec<(usize, String, String)> {
    let mut partners: Vec<(usize, &String)> = Vec::new();
    let mut locals = Vec::new();
    for p in &a.parties {
        match layer_of(data, p) {
            Some(l) if !partners.iter().any(|(k, _)| *k == l) => partners.push((l, p)),
            Some(_) => {}
            None => locals.push(p),
        }
    }
    partners
        .iter()
        .flat_map(|&(l, from)| {
            locals
                .iter()
                .map(move |to| (l, from.clone(), (*to).clone()))
        })
        .collect()
}

/// `n` + 1 points along the great circle from `a` to `b` ([lon, lat] in degrees).
pub fn great_circle(a: [f64; 2], b: [f64; 2], n: usize) -> Vec<[f64; 2]> {
    let v = |[lon, lat]: [f64; 2]| {
        let (lon, lat) = (lon.to_radians(), lat.to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    };
    let (p, q) = (v(a), v(b));
    let dot = within(p[0] * q[0] + p[1] * q[1] + p[2] * q[2], -1.0, 1.0);
    let omega = dot.acos();
    (0..=n)
        .map(|i| {
            let t = i as f64 / n as f64;
            let (s, u) = if omega < 1e-9 {
                (1.0 - t, t)
            } else {
                (
                    ((1.0 - t) * omega).sin() / omega.sin(),
                    (t * omega).sin() / omega.sin(),
                )
            };
            let w = [
                s * p[0] + u * q[0],
                s * p[1] + u * q[1],
                s * p[2] + u * q[2],
            ];
            let lat = w[2].atan2((w[0] * w[0] + w[1] * w[1]).sqrt());
            [w[1].atan2(w[0]).to_degrees(), lat.to_degrees()]
        })
        .collect()
}

/// Bends the `nth` of several arcs between the same ends sideways (0: straight), alternating
/// sides, so parallel links stay apart.
fn bow(mut points: Vec<[f64; 2]>, nth: usize) -> Vec<[f64; 2]> {
    if nth == 0 || points.len() < 2 {
        return points;
    }
    let (a, b) = (points[0], points[points.len() - 1]);
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let side = if nth % 2 == 1 { 1.0 } else { -1.0 };
    let amount = side * 7.0 * nth.div_ceil(2) as f64;
    let (nx, ny) = (-dy / len * amount, dx / len * amount);
    let last = points.len() - 1;
    for (i, p) in points.iter_mut().enumerate() {
        let k = (std::f64::consts::PI * i as f64 / last as f64).sin();
        p[0] += nx * k;
        p[1] += ny * k;
    }
    points
}

/// How a link's kind is drawn: pacts solid and heavy, memoranda dashed, withdrawals dotted,
/// other agreements solid.
pub fn link_class(kind: &str) -> &'static str {
    match kind {
        "mutual-defence-pact" | "confederation" | "membership" => "is-pact",
        "defence-mou" => "is-mou",
        "withdrawal" => "is-withdrawal",
        _ => "is-agreement",
    }
}

/// A base's accessible name: "Air Base 201, Agadez — United States, closed 5 August 2024";
/// with a base-level count, "… — France, about 1,000 troops (October 2023)".
pub fn base_name(data: &Dataset, base: &Base, at: &Date, lang: Lang) -> String {
    let operators = actor_names(data, &base.operators, lang, ", ");
    let mut name = format!("{} — {operators}", base.name.get(lang));
    if let Some(t) = base.count(Scope::Base, at) {
        let _ = write!(name, ", {}", troops(t.amount, &t.qualifier, lang));
    }
    match (base.status(at), &base.closed) {
        (Status::Former, Some(closed)) => {
            let _ = write!(
                name,
                ", {} {}",
                Text::Closed.get(lang),
                long_date(&closed.date, lang)
            );
        }
        (Status::Active, _) => {
            let _ = write!(name, ", {}", Text::Active.get(lang));
        }
        _ => {}
    }
    name
}

/// "about 1,000 troops", "between 600 and 1,000 troops".
pub fn troops(amount: Amount, qualifier: &str, lang: Lang) -> String {
    let n = match amount {
        Amount::Exact(n) => number(n, lang),
        Amount::Range { min, max } => format!("{}–{}", number(min, lang), number(max, lang)),
    };
    let q = term(qualifier, lang);
    let sep = if q.is_empty() { "" } else { " " };
    format!("{q}{sep}{n} {}", Text::Troops.get(lang))
}

/// A link's accessible name: "Niger – Russia: defence memorandum, signed 4 December 2023, active".
pub fn link_name(data: &Dataset, a: &Agreement, at: &Date, lang: Lang) -> String {
    let parties = actor_names(data, &a.parties, lang, " – ");
    let mut name = format!("{parties}: {}", term(&a.kind, lang));
    if let Some(signed) = &a.signed {
        let _ = write!(
            name,
            ", {} {}",
            Text::Signed.get(lang),
            long_date(&signed.date, lang)
        );
    }
    match (a.status(at), &a.ended) {
        (Status::Former, Some(ended)) => {
            let _ = write!(
                name,
                ", {} {}",
                Text::Ended.get(lang),
                long_date(&ended.date, lang)
            );
        }
        _ => {
            let _ = write!(name, ", {}", Text::Active.get(lang));
        }
    }
    name
}

/// The overlay for one view, as SVG markup for a `<g>`'s innerHTML; the rectangles its symbols
/// take (so labels keep clear of them); and the sites' names still to place.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Drawn {
    pub markup: String,
    pub taken: Vec<Rect>,
    pub site_labels: Vec<SiteLabel>,
}

/// A site's name, to go beside its symbol (radius `r` in CSS pixels).
#[derive(Clone, Debug, PartialEq)]
pub struct SiteLabel {
    pub at: [f64; 2],
    pub r: f64,
    pub city: String,
}

/// Site names placed in order (biggest symbols first) where they overlap nothing `taken` (the
/// symbols and the country labels), as SVG markup, with the rectangles they take.
pub fn site_labels_svg(
    labels: &[SiteLabel],
    taken: &[Rect],
    px_per_unit: f64,
    measure: Measure,
) -> (String, Vec<Rect>) {
    let unit = 1.0 / px_per_unit.max(1e-3);
    let candidates: Vec<Candidate> = labels
        .iter()
        .map(|l| {
            let size = [
                measure(&l.city, LabelKind::Site) * unit,
                LabelKind::Site.px() * 1.2 * unit,
            ];
            let dx = size[0] / 2.0 + (l.r + 3.0) * unit;
            let dy = size[1] / 2.0 + (l.r + 2.0) * unit;
            Candidate::new(
                l.at,
                &[size],
                &[[dx, 0.0], [-dx, 0.0], [0.0, -dy], [0.0, dy]],
            )
        })
        .collect();
    let placed = place(&candidates, taken, 2.0 * unit, |_, r| {
        r.x0 >= 0.0 && r.y0 >= 0.0
    });
    let mut m = String::new();
    let mut rects = Vec::new();
    for (label, spot) in labels.iter().zip(placed) {
        let Some((_, rect)) = spot else { continue };
        let [cx, cy] = rect.centre();
        let _ = write!(
            m,
            r#"<text class="sm-site-label" x="{}" y="{}" font-size="{}">"#,
            fmt_tenths(cx),
            fmt_tenths(cy + 4.0 * unit),
            fmt_tenths(LabelKind::Site.px() * unit)
        );
        escape_into(&label.city, &mut m);
        m.push_str("</text>");
        rects.push(rect);
    }
    (m, rects)
}

/// How big symbols are drawn for a map `width_px` wide: full size from 640 px, down to 60 %
/// on a phone, so a narrow map is not all symbols. Zoom does not change it.
pub fn symbol_scale(width_px: f64) -> f64 {
    within(width_px / 640.0, 0.6, 1.0)
}

/// A view of the overlay.
pub struct View<'a> {
    pub data: &'a Dataset,
    pub overlay: &'a Overlay,
    pub at: &'a Date,
    pub visible: &'a Visible,
    pub lang: Lang,
    pub px_per_unit: f64,
    /// Symbols' size relative to a desktop column ([`symbol_scale`]).
    pub symbol_scale: f64,
    /// What is selected, so it can be marked.
    pub selected: Option<&'a str>,
}

/// The bases of a site to draw on this view: started by then, in a layer that is on.
pub fn site_members(view: &View, site: &Site) -> Vec<(usize, usize)> {
    site.members
        .iter()
        .filter_map(|&i| {
            shown_layer(view.data, &view.data.bases[i], view.visible, view.at).map(|l| (i, l))
        })
        .collect()
}

/// Links, then base symbols on top, biggest first (small ones stay clickable above them).
pub fn draw(view: &View) -> Drawn {
    let unit = 1.0 / view.px_per_unit.max(1e-3);
    let mut out = Drawn::default();
    let mut m = String::new();
    if view.visible.links {
        m.push_str(r#"<g class="sm-links">"#);
        for link in &view.overlay.links {
            draw_link(view, link, unit, &mut m, &mut out.taken);
        }
        m.push_str("</g>");
    }
    if view.visible.bases {
        m.push_str(r#"<g class="sm-bases">"#);
        // Big symbols first, so small ones sit on top and stay clickable.
        let mut drawn: Vec<(f64, String, Rect, &Site)> = view
            .overlay
            .sites
            .iter()
            .filter_map(|site| {
                let members = site_members(view, site);
                let mut s = String::new();
                let r = match members.as_slice() {
                    [] => return None,
                    [(i, layer)] => draw_base(view, *i, *layer, site.at, unit, &mut s),
                    many => draw_site(view, site, many, unit, &mut s),
                };
                let rect = Rect::centred(site.at, [2.0 * r * unit, 2.0 * r * unit]);
                Some((r, s, rect, site))
            })
            .collect();
        drawn.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (r, s, rect, site) in &drawn {
            m.push_str(s);
            out.taken.push(*rect);
            out.site_labels.push(SiteLabel {
                at: site.at,
                r: *r,
                city: site.city.clone(),
            });
        }
        m.push_str("</g>");
    }
    out.markup = m;
    out
}

fn status_class(status: Status) -> &'static str {
    if status == Status::Former {
        " is-former"
    } else {
        ""
    }
}

fn selected_class(view: &View, id: &str) -> &'static str {
    if view.selected == Some(id) {
        " is-selected"
    } else {
        ""
    }
}

/// One base on its own; returns its radius in CSS pixels.
fn draw_base(view: &View, i: usize, layer: usize, at: [f64; 2], unit: f64, m: &mut String) -> f64 {
    let b = &view.data.bases[i];
    let count = symbol_count(b, view.at);
    let r = radius(count) * view.symbol_scale;
    let uncounted = if count.is_none() { " is-uncounted" } else { "" };
    let unverified = if verified(b, view.at) {
        ""
    } else {
        " is-unverified"
    };
    let _ = write!(
        m,
        r#"<g class="sm-base sm-c{layer}{}{uncounted}{unverified}{}" data-base=""#,
        status_class(b.status(view.at)),
        selected_class(view, &b.id)
    );
    escape_into(&b.id, m);
    m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
    escape_into(&base_name(view.data, b, view.at, view.lang), m);
    let _ = write!(
        m,
        r#""><circle class="sm-hit" cx="{}" cy="{}" r="{}"/><path class="sm-sym" d="{}"/>"#,
        fmt_tenths(at[0]),
        fmt_tenths(at[1]),
        fmt_tenths(TARGET_RADIUS.max(r) * unit),
        Shape::for_slot(layer).path(at, r * unit)
    );
    if !verified(b, view.at) {
        unverified_mark(at, r, unit, m);
    }
    m.push_str("</g>");
    r
}

/// Whether what the symbol shows was verified: the record and the count that sizes it.
pub fn verified(b: &Base, at: &Date) -> bool {
    b.verified && b.count(Scope::Base, at).is_none_or(|t| t.verified)
}

/// A small open ring at a symbol's upper right: the panel says "not independently verified".
fn unverified_mark(at: [f64; 2], r: f64, unit: f64, m: &mut String) {
    let _ = write!(
        m,
        r#"<circle class="sm-unverified-mark" cx="{}" cy="{}" r="{}"/>"#,
        fmt_tenths(at[0] + r * 0.75 * unit),
        fmt_tenths(at[1] - r * 0.75 * unit),
        fmt_tenths(2.5 * unit)
    );
}

/// Several records at one site: one symbol of at least 24 px holding each record's small glyph
/// (operator colour and shape; hollow if former). Returns its radius in CSS pixels.
fn draw_site(
    view: &View,
    site: &Site,
    members: &[(usize, usize)],
    unit: f64,
    m: &mut String,
) -> f64 {
    let n = members.len();
    let cols = (n as f64).sqrt().ceil() as usize;
    let rows = n.div_ceil(cols);
    let cell = 9.0 * view.symbol_scale.max(0.8);
    let r = (((cols * cols + rows * rows) as f64).sqrt() * cell / 2.0 + 2.0).max(TARGET_RADIUS);
    let mut names = Vec::new();
    let _ = write!(
        m,
        r#"<g class="sm-site{}" data-site=""#,
        selected_class(view, &site.id)
    );
    escape_into(&site.id, m);
    m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
    let mut label = format!("{}: {n} {}", site.city, Text::Site.get(view.lang));
    for &(i, _) in members {
        names.push(base_name(
            view.data,
            &view.data.bases[i],
            view.at,
            view.lang,
        ));
    }
    let _ = write!(label, " — {}", names.join("; "));
    escape_into(&label, m);
    let _ = write!(
        m,
        r#""><circle class="sm-site-disc" cx="{}" cy="{}" r="{}"/>"#,
        fmt_tenths(site.at[0]),
        fmt_tenths(site.at[1]),
        fmt_tenths(r * unit)
    );
    for (k, &(i, layer)) in members.iter().enumerate() {
        let b = &view.data.bases[i];
        let (col, row) = (k % cols, k / cols);
        let in_row = if row == rows - 1 {
            n - row * cols
        } else {
            cols
        };
        let x = site.at[0] + ((col as f64) - (in_row as f64 - 1.0) / 2.0) * cell * unit;
        let y = site.at[1] + ((row as f64) - (rows as f64 - 1.0) / 2.0) * cell * unit;
        let _ = write!(
            m,
            r#"<path class="sm-sym sm-c{layer}{}" data-base=""#,
            status_class(b.status(view.at))
        );
        escape_into(&b.id, m);
        let _ = write!(
            m,
            r#"" d="{}"/>"#,
            Shape::for_slot(layer).path([x, y], 3.6 * unit)
        );
    }
    if members
        .iter()
        .any(|&(i, _)| !verified(&view.data.bases[i], view.at))
    {
        unverified_mark(site.at, r, unit, m);
    }
    m.push_str("</g>");
    r
}

/// One agreement's arcs; the rectangles of their middle marks go to `taken`, so names keep
/// clear of them.
fn draw_link(view: &View, link: &Link, unit: f64, m: &mut String, taken: &mut Vec<Rect>) {
    let a = &view.data.agreements[link.agreement];
    let status = a.status(view.at);
    if status == Status::NotYet {
        return;
    }
    let arcs: Vec<&Arc> = link
        .arcs
        .iter()
        .filter(|arc| view.visible.layer_on(arc.layer))
        .collect();
    if arcs.is_empty() {
        return;
    }
    let _ = write!(
        m,
        r#"<g class="sm-link {}{}{}" data-link=""#,
        link_class(&a.kind),
        status_class(status),
        selected_class(view, &a.id)
    );
    escape_into(&a.id, m);
    m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
    escape_into(&link_name(view.data, a, view.at, view.lang), m);
    m.push_str(r#"">"#);
    for arc in arcs {
        let mut d = String::new();
        for (i, p) in arc.points.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            let _ = write!(d, "{} {}", fmt_tenths(p[0]), fmt_tenths(p[1]));
        }
        let mid = arc.points[arc.points.len() / 2];
        taken.push(Rect::centred(mid, [9.0 * unit, 9.0 * unit]));
        let _ = write!(
            m,
            r#"<path class="sm-hit" d="{d}"/><path class="sm-arc sm-c{l}" d="{d}"/><path class="sm-mark sm-c{l}" d="{}"/>"#,
            Shape::for_slot(arc.layer).path(mid, 4.0 * unit),
            l = arc.layer
        );
    }
    m.push_str("</g>");
}

/// The key, as HTML: symbol sizes with real numbers, how a missing count, a former base, a site
/// and an unverified value look, and the link kinds. Partner colours and shapes are on the
/// layer switches.
pub fn legend_html(lang: Lang, scale: f64) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<p class="sm-legend-title">{}</p><ul>"#,
        Text::TroopsAtBase.get(lang)
    );
    // Nested circles for three counts, drawn at the map's symbol size in a box of the full
    // size, so the key's layout (and the first frame's) is the same at every width.
    let counts = [100, 500, 1000];
    let big = radius(Some(1000));
    let (w, hgt) = (2.0 * big + 2.0, 2.0 * big + 2.0);
    let _ = write!(
        h,
        r#"<li class="sm-legend-sizes"><svg width="{}" height="{}" aria-hidden="true">"#,
        fmt_tenths(w),
        fmt_tenths(hgt)
    );
    for n in counts.iter().rev() {
        let r = radius(Some(*n)) * scale;
        let _ = write!(
            h,
            r#"<circle class="sm-legend-size" cx="{}" cy="{}" r="{}"/>"#,
            fmt_tenths(big + 1.0),
            fmt_tenths(hgt - 1.0 - r),
            fmt_tenths(r)
        );
    }
    let numbers: Vec<String> = counts.iter().map(|n| number(*n, lang)).collect();
    let _ = write!(h, "</svg><span>{}</span></li>", numbers.join(" · "));
    let symbol = |class: &str| {
        format!(
            r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><g class="{class}"><path class="sm-sym" d="{}"/></g></svg>"#,
            Shape::Circle.path([0.0, 0.0], 6.0)
        )
    };
    let item = |h: &mut String, icon: String, text: &str| {
        let _ = write!(h, "<li>{icon}<span>");
        escape_into(text, h);
        h.push_str("</span></li>");
    };
    item(
        &mut h,
        symbol("sm-base sm-c6 is-uncounted"),
        Text::NoCount.get(lang),
    );
    item(
        &mut h,
        symbol("sm-base sm-c6 is-former"),
        Text::FormerKey.get(lang),
    );
    item(
        &mut h,
        format!(
            r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><circle class="sm-site-disc" r="8"/><path class="sm-sym sm-c6" d="{}"/><path class="sm-sym sm-c6" d="{}"/></svg>"#,
            Shape::Circle.path([-3.0, 0.0], 2.5),
            Shape::Circle.path([3.0, 0.0], 2.5)
        ),
        Text::SiteKey.get(lang),
    );
    item(
        &mut h,
        r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><circle class="sm-unverified-mark" r="3.5"/></svg>"#.to_string(),
        Text::Unverified.get(lang),
    );
    h.push_str("</ul><ul>");
    for (class, text) in [
        ("is-pact", Text::PactKey),
        ("is-agreement", Text::AgreementKey),
        ("is-mou", Text::MemoKey),
        ("is-withdrawal", Text::WithdrawalKey),
        ("is-agreement is-former", Text::Ended),
    ] {
        item(
            &mut h,
            format!(
                r#"<svg class="sm-legend-line" viewBox="0 0 28 10" aria-hidden="true"><g class="sm-link {class}"><path class="sm-arc sm-c6" d="M2 5L26 5"/></g></svg>"#
            ),
            text.get(lang),
        );
    }
    h.push_str("</ul>");
    h
}

/// The foreign bases active in a country and the agreements in force involving it, on `at`.
pub fn country_counts(data: &Dataset, iso: &str, at: &Date) -> (usize, usize) {
    let bases = data
        .bases
        .iter()
        .filter(|b| b.host == iso && b.status(at) == Status::Active)
        .count();
    let actor = data.actors.iter().find(|a| a.iso3.as_deref() == Some(iso));
    let agreements = data
        .agreements
        .iter()
        .filter(|a| actor.is_some_and(|x| a.parties.contains(&x.id)))
        .filter(|a| a.status(at) == Status::Active)
        .count();
    (bases, agreements)
}

/// A country's accessible name with what the map holds for it on `at`: "Niger — 3 foreign
/// bases, 5 agreements in force".
pub fn country_name(data: &Dataset, iso: &str, name: &str, at: &Date, lang: Lang) -> String {
    let (bases, agreements) = country_counts(data, iso, at);
    let bases = match (bases, lang) {
        (0, Lang::En) => "no foreign base".to_string(),
        (0, Lang::Fr) => "aucune base étrangère".to_string(),
        (1, Lang::En) => "1 foreign base".to_string(),
        (1, Lang::Fr) => "1 base étrangère".to_string(),
        (n, Lang::En) => format!("{n} foreign bases"),
        (n, Lang::Fr) => format!("{n} bases étrangères"),
    };
    let agreements = match (agreements, lang) {
        (0, Lang::En) => "no agreement in force".to_string(),
        (0, Lang::Fr) => "aucun accord en vigueur".to_string(),
        (1, Lang::En) => "1 agreement in force".to_string(),
        (1, Lang::Fr) => "1 accord en vigueur".to_string(),
        (n, Lang::En) => format!("{n} agreements in force"),
        (n, Lang::Fr) => format!("{n} accords en vigueur"),
    };
    format!("{name} — {bases}, {agreements}")
}
