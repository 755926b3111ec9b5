//! Partnership links: each agreement as great-circle arcs from each partner layer among its
//! parties to each party of the region, projected once per dataset; how a kind is drawn.

use super::shown::layer_of;
use crate::carto::within;
use crate::dataset::{Agreement, Dataset};

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

/// (layer, partner actor, local actor) for each arc of an agreement. A layer's arcs start at
/// the first of its actors among the parties.
pub(super) fn ends(data: &Dataset, a: &Agreement) -> Vec<(usize, String, String)> {
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
pub(super) fn bow(mut points: Vec<[f64; 2]>, nth: usize) -> Vec<[f64; 2]> {
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
