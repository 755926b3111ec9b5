//! Partnerships as focus and context, pure. With nothing lit the map draws no lines: each
//! state's partners in force are marks beside its name, and blocs of the region's states are
//! areas over their members. Lighting a country, a partner or a link (hover, focus, selection)
//! draws its lines, one for each partner–state pair, and fades the symbols it does not concern
//! ([`kept`]).

use super::labels::{PlacedLabel, MARK_STEP};
use super::links::{is_bloc, link_class, partners_in_force, Pair};
use super::markup::escape_into;
use super::names::pair_name;
use super::overlay::{status_class, View};
use super::scene::DrawnMap;
use super::shown::layer_of;
use super::state::Lit;
use super::symbols::Shape;
use crate::carto::path::{fmt_tenths, PathData, Units};
use crate::carto::topology::outer_border;
use crate::carto::ToSvgPath;
use crate::dataset::Status;
use geo_types::{LineString, MultiPolygon, Polygon};
use std::fmt::Write;

/// Radius of a partner mark beside a name, in CSS pixels.
pub const MARK_RADIUS: f64 = 4.5;

/// The pairs `lit` concerns that this view can draw: started by its date, in a layer that is on.
pub fn lit_pairs<'a>(view: &View<'a>, lit: &Lit) -> Vec<&'a Pair> {
    let data = view.data;
    view.overlay
        .pairs
        .iter()
        .filter(|p| match lit {
            Lit::Country(iso) => data_iso(view, &p.local) == Some(iso.as_str()),
            Lit::Partner(layer) => data.layers[p.layer].id == *layer,
            Lit::Link(id) => {
                p.id == *id || p.agreements.iter().any(|&i| data.agreements[i].id == *id)
            }
        })
        .filter(|p| view.visible.links && view.visible.layer_on(p.layer))
        .filter(|p| p.status(data, view.at) != Status::NotYet)
        .collect()
}

/// The lines of what is lit, as markup for a `<g>`: one for each pair, drawn as its leading
/// agreement's kind (faded once every agreement has ended), with a mark of the partner's shape
/// at its middle. Nothing when nothing is lit.
pub fn lines_svg(view: &View, lit: Option<&Lit>) -> String {
    let Some(lit) = lit else {
        return String::new();
    };
    let unit = 1.0 / view.px_per_unit.max(1e-3);
    let mut m = String::new();
    for pair in lit_pairs(view, lit) {
        let status = pair.status(view.data, view.at);
        let kind = pair
            .leading(view.data, view.at)
            .map_or("is-agreement", |a| link_class(&a.kind));
        let _ = write!(
            m,
            r#"<g class="sm-link {kind}{}" data-link=""#,
            status_class(status)
        );
        escape_into(&pair.id, &mut m);
        if !view.inert {
            m.push_str(r#"" role="button" tabindex="-1" aria-label=""#);
            escape_into(&pair_name(view.data, pair, view.at, view.lang), &mut m);
        }
        m.push_str(r#"">"#);
        let mut path = PathData::new(if view.inert {
            Units::RelativeWhole
        } else {
            Units::Tenths
        });
        path.points(&pair.points, false);
        let d = path.d;
        if !view.inert {
            let _ = write!(m, r#"<path class="sm-hit" d="{d}"/>"#);
        }
        let mid = pair.points[pair.points.len() / 2];
        let _ = write!(
            m,
            r#"<path class="sm-arc sm-c{l}" d="{d}"/><path class="sm-mark sm-c{l}" d="{}"/></g>"#,
            Shape::for_slot(pair.layer).path(mid, 4.0 * unit),
            l = pair.layer
        );
    }
    m
}

/// The partner layers (on, not blocs) with an agreement in force with the state `iso` on the
/// view's date, in layer order: the marks beside its name.
pub fn partners_of(view: &View, iso: &str) -> Vec<usize> {
    let data = view.data;
    let Some(actor) = data.actors.iter().find(|a| a.iso3.as_deref() == Some(iso)) else {
        return Vec::new();
    };
    if layer_of(data, &actor.id).is_some() || !view.visible.links {
        return Vec::new();
    }
    partners_in_force(data, &actor.id, view.at)
        .into_iter()
        .filter(|&l| view.visible.layer_on(l))
        .collect()
}

/// The partner marks in the rows the labels kept for them (`PlacedLabel::marks`): each
/// partner's shape and colour; on the live map a button that selects the partner.
pub fn marks_svg(view: &View, placed: &[PlacedLabel]) -> String {
    let unit = 1.0 / view.px_per_unit.max(1e-3);
    let mut m = String::new();
    for label in placed {
        let (Some(iso), Some(row)) = (&label.country, label.marks) else {
            continue;
        };
        let layers = partners_of(view, iso);
        let first = row[0] - (layers.len() as f64 - 1.0) * MARK_STEP * unit / 2.0;
        for (k, &l) in layers.iter().enumerate() {
            let at = [first + k as f64 * MARK_STEP * unit, row[1]];
            let layer = &view.data.layers[l];
            m.push_str(r#"<g class="sm-pmark" data-partner=""#);
            escape_into(&layer.id, &mut m);
            let _ = write!(m, r#"" data-of="{iso}""#);
            if !view.inert {
                m.push_str(r#" role="button" tabindex="-1" aria-label=""#);
                let pair = view
                    .overlay
                    .pairs
                    .iter()
                    .find(|p| p.layer == l && data_iso(view, &p.local) == Some(iso.as_str()));
                let name = match pair {
                    Some(p) => pair_name(view.data, p, view.at, view.lang),
                    None => layer.name.get(view.lang).to_string(),
                };
                escape_into(&name, &mut m);
                let _ = write!(
                    m,
                    r#""><circle class="sm-hit" cx="{}" cy="{}" r="{}"/"#,
                    fmt_tenths(at[0]),
                    fmt_tenths(at[1]),
                    fmt_tenths(MARK_STEP / 2.0 * unit)
                );
            }
            let _ = write!(
                m,
                r#"><path class="sm-sym sm-c{l}" d="{}"/></g>"#,
                Shape::for_slot(l).path(at, MARK_RADIUS * unit)
            );
        }
    }
    m
}

fn data_iso<'a>(view: &View<'a>, actor: &str) -> Option<&'a str> {
    view.data.actor(actor).and_then(|a| a.iso3.as_deref())
}

/// The blocs on this view and their members in force (ISO3, in the order the agreements name
/// them): for each bloc layer that is on, the states its active agreements bind (a withdrawal
/// binds nobody in).
pub fn blocs(view: &View) -> Vec<(usize, Vec<String>)> {
    let data = view.data;
    (0..data.layers.len())
        .filter(|&l| view.visible.layer_on(l) && is_bloc(data, l))
        .filter_map(|l| {
            let layer = &data.layers[l];
            let mut members: Vec<String> = Vec::new();
            let binding = data
                .agreements
                .iter()
                .filter(|a| a.kind != "withdrawal" && a.status(view.at) == Status::Active)
                .filter(|a| a.parties.iter().any(|p| layer.actors.contains(p)));
            for p in binding.flat_map(|a| &a.parties) {
                let iso = (layer_of(data, p).is_none())
                    .then(|| data.actor(p).and_then(|a| a.iso3.clone()))
                    .flatten();
                if let Some(iso) = iso.filter(|iso| !members.contains(iso)) {
                    members.push(iso);
                }
            }
            (!members.is_empty()).then_some((l, members))
        })
        .collect()
}

/// The blocs as areas: their members tinted in the bloc's colour and their outline taken
/// together (borders between members left out), widest bloc first so a smaller one inside it
/// draws its outline over the larger's.
pub fn blocs_svg(view: &View, map: &DrawnMap) -> String {
    // Widest first.
    let found = self::blocs(view);
    let widest = |a: usize, b: usize| found[b].1.len().cmp(&found[a].1.len());
    let blocs = super::order::ordered(found.len(), &widest)
        .into_iter()
        .map(|i| &found[i]);
    let units = if view.inert {
        Units::RelativeWhole
    } else {
        Units::Tenths
    };
    let unit = 1.0 / view.px_per_unit.max(1e-3);
    let mut m = String::new();
    for (k, (l, members)) in blocs.enumerate() {
        let shapes: Vec<MultiPolygon> = members
            .iter()
            .filter_map(|iso| map.country(iso))
            .map(|c| {
                MultiPolygon(
                    c.rings
                        .iter()
                        .map(|r| {
                            Polygon::new(
                                LineString::from(
                                    r.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
                                ),
                                vec![],
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        if shapes.is_empty() {
            continue;
        }
        let refs: Vec<&MultiPolygon> = shapes.iter().collect();
        let outline = outer_border(&refs).to_svg_path_in(&|p| p, units);
        let _ = write!(m, r#"<g class="sm-bloc sm-c{l}" data-bloc=""#);
        escape_into(&view.data.layers[*l].id, &mut m);
        m.push_str(r#"">"#);
        for c in members.iter().filter_map(|iso| map.country(iso)) {
            let _ = write!(m, r#"<path class="sm-bloc-area" d="{}"/>"#, c.d);
        }
        let _ = write!(
            m,
            r#"<path class="sm-bloc-line" d="{outline}" stroke-width="{}"/></g>"#,
            fmt_tenths((3.0 - k as f64).max(1.5) * unit)
        );
    }
    m
}

/// What stays clear while something is lit: the symbols and partner marks of one state, of one
/// partner, or of the pair of them; everything else fades (the UI sets `is-faded`, a class, so
/// a strict `style-src` has nothing to refuse).
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    /// The state's ISO3.
    pub host: Option<String>,
    /// The partner layer: its index (as symbols' `data-layers` write it) and its id (as marks'
    /// `data-partner` do).
    pub layer: Option<(usize, String)>,
}

impl Kept {
    /// Whether a symbol with these `data-host` and `data-layers` values (space-separated) stays.
    pub fn symbol(&self, hosts: &str, layers: &str) -> bool {
        let host = self
            .host
            .as_ref()
            .is_none_or(|h| hosts.split(' ').any(|x| x == h));
        let layer = self
            .layer
            .as_ref()
            .is_none_or(|(l, _)| layers.split(' ').any(|x| x == l.to_string()));
        host && layer
    }

    /// Whether the mark of partner `partner` (a layer id) under the name of `of` (ISO3) stays.
    pub fn mark(&self, of: &str, partner: &str) -> bool {
        self.host.as_ref().is_none_or(|h| h == of)
            && self.layer.as_ref().is_none_or(|(_, id)| id == partner)
    }
}

/// What stays clear while `lit` is lit; None when nothing is (nothing fades).
pub fn kept(view: &View, lit: Option<&Lit>) -> Option<Kept> {
    let data = view.data;
    let layer = |l: usize| Some((l, data.layers[l].id.clone()));
    Some(match lit? {
        Lit::Country(iso) => Kept {
            host: Some(iso.clone()),
            layer: None,
        },
        Lit::Partner(id) => Kept {
            host: None,
            layer: layer(data.layers.iter().position(|l| l.id == *id)?),
        },
        Lit::Link(id) => match view.overlay.pairs.iter().find(|p| p.id == *id) {
            Some(p) => Kept {
                host: data_iso(view, &p.local).map(str::to_string),
                layer: layer(p.layer),
            },
            // An agreement lit by its id: its lines are drawn, nothing fades.
            None => return None,
        },
    })
}
