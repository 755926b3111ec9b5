//! The dataset on the map, pure: base symbols (sized by base-level troop counts, shaped and
//! coloured by operator, merged where records share a site or where their symbols would cover
//! each other at the map's current size), for one date and one set of layers, as one `<g>`'s
//! markup; tests check it natively. Partnership lines are `partners`'.

use super::labels::{LabelKind, Measure};
use super::links::{pairs, Pair};
use super::markup::escape_into;
use super::names::base_name;
use super::shown::{shown_layer, symbol_count, verified};
use super::state::Visible;
use super::symbols::{radius, Shape, TARGET_RADIUS};
use crate::carto::frame::Frame;
use crate::carto::labels::{place, Candidate, Rect};
use crate::carto::path::fmt_tenths;
use crate::dataset::{Dataset, Date, Status};
use crate::i18n::{Lang, Text};
use std::fmt::Write;

/// Records closer than this (degrees) are one site: the same airport or city.
const SAME_SITE: f64 = 0.25;
/// Two symbols may share at most this part of the smaller one's area; closer ones are drawn as
/// one, at the map's current size (zooming in splits them again).
pub const MAX_OVERLAP: f64 = 0.3;

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

/// What of the dataset can be drawn, projected once per dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Overlay {
    pub sites: Vec<Site>,
    pub pairs: Vec<Pair>,
}

impl Overlay {
    /// The city and the bases of a site, or of several sites drawn as one (their ids joined
    /// by `+`, as [`draw`] writes them).
    pub fn site(&self, id: &str) -> Option<(&str, Vec<usize>)> {
        let mut city = None;
        let mut members = Vec::new();
        for part in id.split('+') {
            let site = self.sites.iter().find(|s| s.id == part)?;
            city.get_or_insert(site.city.as_str());
            members.extend(&site.members);
        }
        Some((city?, members))
    }
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
        let pairs = pairs(data, |p| projection.project(p));
        Overlay { sites, pairs }
    }
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
/// symbols and the country labels) and stay inside `window` (the span of SVG x the reader
/// sees), as SVG markup, with the rectangles they take.
pub fn site_labels_svg(
    labels: &[SiteLabel],
    taken: &[Rect],
    px_per_unit: f64,
    measure: Measure,
    window: [f64; 2],
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
            // Beside, above and below, then at the corners.
            Candidate::new(
                l.at,
                &[size],
                &[
                    [dx, 0.0],
                    [-dx, 0.0],
                    [0.0, -dy],
                    [0.0, dy],
                    [dx, -dy],
                    [-dx, -dy],
                    [dx, dy],
                    [-dx, dy],
                ],
            )
        })
        .collect();
    let placed = place(&candidates, taken, 2.0 * unit, |_, r| {
        r.x0 >= window[0].max(0.0) && r.x1 <= window[1] && r.y0 >= 0.0
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
    /// A picture (the build's posters): no hit areas, roles, focus stops or names, which only a
    /// live map needs; the picture has one name of its own.
    pub inert: bool,
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

/// Symbols drawn as one: a site, or sites whose symbols would cover each other.
struct Cluster<'a> {
    sites: Vec<&'a Site>,
    at: [f64; 2],
    members: Vec<(usize, usize)>,
    /// Radius in CSS pixels.
    r: f64,
}

impl Cluster<'_> {
    fn id(&self) -> String {
        let ids: Vec<&str> = self.sites.iter().map(|s| s.id.as_str()).collect();
        ids.join("+")
    }
}

/// The radius in CSS pixels of the symbol for `members`.
fn cluster_radius(view: &View, members: &[(usize, usize)]) -> f64 {
    match members {
        [(i, _)] => radius(symbol_count(&view.data.bases[*i], view.at)) * view.symbol_scale,
        many => site_grid(view, many.len()).2,
    }
}

/// A site symbol's glyph grid: columns, rows and the disc's radius (at least the 24 px target).
fn site_grid(view: &View, n: usize) -> (usize, usize, f64) {
    let cols = (n as f64).sqrt().ceil() as usize;
    let rows = n.div_ceil(cols);
    let cell = 9.0 * view.symbol_scale.max(0.8);
    let r = (((cols * cols + rows * rows) as f64).sqrt() * cell / 2.0 + 2.0).max(TARGET_RADIUS);
    (cols, rows, r)
}

/// The part of the smaller of two discs (radii `r`, `s`, centres `d` apart) the larger covers.
pub fn overlap(d: f64, r: f64, s: f64) -> f64 {
    let (r, s) = (r.min(s), r.max(s));
    if d >= r + s {
        return 0.0;
    }
    if d <= s - r {
        return 1.0;
    }
    let x = (d * d + r * r - s * s) / (2.0 * d);
    let y = (d * d + s * s - r * r) / (2.0 * d);
    let lens = r * r * (x / r).acos() - x * (r * r - x * x).sqrt() + s * s * (y / s).acos()
        - y * (s * s - y * y).sqrt();
    lens / (std::f64::consts::PI * r * r)
}

/// The sites with something to show, merged while any two symbols would share more than
/// [`MAX_OVERLAP`] of the smaller's area at this view's size: the most covered pair first,
/// into one symbol at their area-weighted centre.
fn clusters<'a>(view: &View, sites: &'a [Site]) -> Vec<Cluster<'a>> {
    let mut out: Vec<Cluster> = sites
        .iter()
        .filter_map(|site| {
            let members = site_members(view, site);
            (!members.is_empty()).then(|| Cluster {
                sites: vec![site],
                at: site.at,
                r: cluster_radius(view, &members),
                members,
            })
        })
        .collect();
    loop {
        let mut worst: Option<(f64, usize, usize)> = None;
        for i in 0..out.len() {
            for j in i + 1..out.len() {
                let (a, b) = (&out[i], &out[j]);
                let d = (a.at[0] - b.at[0]).hypot(a.at[1] - b.at[1]) * view.px_per_unit;
                let o = overlap(d, a.r, b.r);
                if o > MAX_OVERLAP && worst.is_none_or(|w| o > w.0) {
                    worst = Some((o, i, j));
                }
            }
        }
        let Some((_, i, j)) = worst else { break };
        let b = out.remove(j);
        let a = &mut out[i];
        let (wa, wb) = (a.r * a.r, b.r * b.r);
        a.at = [
            (a.at[0] * wa + b.at[0] * wb) / (wa + wb),
            (a.at[1] * wa + b.at[1] * wb) / (wa + wb),
        ];
        // Both lists are in dataset order, and stay so merged.
        a.sites = merged(&a.sites, &b.sites, |s| s.members[0]);
        a.members = merged(&a.members, &b.members, |m| m.0);
        a.r = cluster_radius(view, &a.members);
    }
    out
}

/// Two lists ordered by `key`, as one (a merge, not a sort: less code in the wasm).
fn merged<T: Copy>(a: &[T], b: &[T], key: impl Fn(&T) -> usize) -> Vec<T> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len() + b.len());
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && key(&a[i]) <= key(&b[j])) {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out
}

/// Base symbols, biggest first (small ones stay clickable above them).
pub fn draw(view: &View) -> Drawn {
    let unit = 1.0 / view.px_per_unit.max(1e-3);
    let mut out = Drawn::default();
    if !view.visible.bases {
        return out;
    }
    let mut m = String::from(r#"<g class="sm-bases">"#);
    let drawn: Vec<(f64, String, Cluster)> = clusters(view, &view.overlay.sites)
        .into_iter()
        .map(|c| {
            let mut s = String::new();
            let r = match c.members.as_slice() {
                [(i, layer)] => draw_base(view, *i, *layer, c.at, unit, &mut s),
                many => draw_site(view, &c, many, unit, &mut s),
            };
            (r, s, c)
        })
        .collect();
    // Largest first.
    let order = super::order::ordered(drawn.len(), &|a, b| drawn[b].0.total_cmp(&drawn[a].0));
    for (r, s, c) in order.iter().map(|&i| &drawn[i]) {
        m.push_str(s);
        out.taken
            .push(Rect::centred(c.at, [2.0 * r * unit, 2.0 * r * unit]));
        out.site_labels.push(SiteLabel {
            at: c.at,
            r: *r,
            city: c.sites[0].city.clone(),
        });
    }
    m.push_str("</g>");
    out.markup = m;
    out
}

pub(super) fn status_class(status: Status) -> &'static str {
    if status == Status::Former {
        " is-former"
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
        r#"<g class="sm-base sm-c{layer}{}{uncounted}{unverified}" data-layers="{layer}" data-host=""#,
        status_class(b.status(view.at)),
    );
    escape_into(&b.host, m);
    m.push_str(r#"" data-base=""#);
    escape_into(&b.id, m);
    if view.inert {
        m.push_str(r#"">"#);
    } else {
        m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
        escape_into(&base_name(view.data, b, view.at, view.lang), m);
        let _ = write!(
            m,
            r#""><circle class="sm-hit" cx="{}" cy="{}" r="{}"/>"#,
            fmt_tenths(at[0]),
            fmt_tenths(at[1]),
            fmt_tenths(TARGET_RADIUS.max(r) * unit),
        );
    }
    let _ = write!(
        m,
        r#"<path class="sm-sym" d="{}"/>"#,
        Shape::for_slot(layer).path(at, r * unit)
    );
    if !verified(b, view.at) {
        unverified_mark(at, r, unit, m);
    }
    m.push_str("</g>");
    r
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
    site: &Cluster,
    members: &[(usize, usize)],
    unit: f64,
    m: &mut String,
) -> f64 {
    let n = members.len();
    let (cols, rows, r) = site_grid(view, n);
    let cell = 9.0 * view.symbol_scale.max(0.8);
    let city = &site.sites[0].city;
    let (mut hosts, mut layers): (Vec<&str>, Vec<String>) = (Vec::new(), Vec::new());
    for &(i, l) in members {
        let host = view.data.bases[i].host.as_str();
        if !hosts.contains(&host) {
            hosts.push(host);
        }
        let l = l.to_string();
        if !layers.contains(&l) {
            layers.push(l);
        }
    }
    let _ = write!(
        m,
        r#"<g class="sm-site" data-layers="{}" data-host=""#,
        layers.join(" ")
    );
    escape_into(&hosts.join(" "), m);
    m.push_str(r#"" data-site=""#);
    escape_into(&site.id(), m);
    if !view.inert {
        m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
        let mut label = format!("{city}: {n} {}", Text::Site.get(view.lang));
        let names: Vec<String> = members
            .iter()
            .map(|&(i, _)| base_name(view.data, &view.data.bases[i], view.at, view.lang))
            .collect();
        let _ = write!(label, " — {}", names.join("; "));
        escape_into(&label, m);
    }
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
