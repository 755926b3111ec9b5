//! The dataset on the map, pure: base symbols (sized by base-level troop counts, shaped and
//! coloured by operator, merged where records share a site) and partnership links, for one
//! date and one set of layers, as one `<g>`'s markup; tests check it natively.

use super::labels::{LabelKind, Measure};
use super::links::{bow, ends, great_circle, link_class, Arc, Link};
use super::markup::escape_into;
use super::names::{base_name, link_name};
use super::shown::{shown_layer, symbol_count, verified};
use super::state::Visible;
use super::symbols::{radius, Shape, TARGET_RADIUS};
use crate::carto::frame::Frame;
use crate::carto::labels::{place, Candidate, Rect};
use crate::carto::path::{fmt_tenths, PathData, Units};
use crate::dataset::{Dataset, Date, Status};
use crate::i18n::{Lang, Text};
use std::fmt::Write;

/// Records closer than this (degrees) are one site: the same airport or city.
const SAME_SITE: f64 = 0.25;

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
        r#"<g class="sm-base sm-c{layer}{}{uncounted}{unverified}" data-base=""#,
        status_class(b.status(view.at)),
    );
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
    m.push_str(r#"<g class="sm-site" data-site=""#);
    escape_into(&site.id, m);
    if !view.inert {
        m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
        let mut label = format!("{}: {n} {}", site.city, Text::Site.get(view.lang));
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
        r#"<g class="sm-link {}{}" data-link=""#,
        link_class(&a.kind),
        status_class(status),
    );
    escape_into(&a.id, m);
    if !view.inert {
        m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
        escape_into(&link_name(view.data, a, view.at, view.lang), m);
    }
    m.push_str(r#"">"#);
    for arc in arcs {
        // The posters write the map's lines in relative whole units, as their countries.
        let mut path = PathData::new(if view.inert {
            Units::RelativeWhole
        } else {
            Units::Tenths
        });
        path.points(&arc.points, false);
        let d = path.d;
        let mid = arc.points[arc.points.len() / 2];
        taken.push(Rect::centred(mid, [9.0 * unit, 9.0 * unit]));
        if !view.inert {
            let _ = write!(m, r#"<path class="sm-hit" d="{d}"/>"#);
        }
        let _ = write!(
            m,
            r#"<path class="sm-arc sm-c{l}" d="{d}"/><path class="sm-mark sm-c{l}" d="{}"/>"#,
            Shape::for_slot(arc.layer).path(mid, 4.0 * unit),
            l = arc.layer
        );
    }
    m.push_str("</g>");
}
