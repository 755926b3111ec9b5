//! Partnership links: one line for each partner and state of the region that have agreements
//! (a pair), a great-circle arc from the partner's anchor to the state's, projected once per
//! dataset; which layers are blocs (drawn as areas, never as lines); how a pair is drawn.

use super::shown::layer_of;
use crate::carto::within;
use crate::dataset::{ActorKind, Agreement, Dataset, Date, Status};

/// A partner layer and a state of the region, with the agreements between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// `<layer id>:<actor id>`, such as `rus:ner` (record ids have no colon).
    pub id: String,
    pub layer: usize,
    /// The state's actor id.
    pub local: String,
    /// Indices into `Dataset::agreements`, in dataset order.
    pub agreements: Vec<usize>,
    /// The arc, projected.
    pub points: Vec<[f64; 2]>,
}

impl Pair {
    /// Where the pair stands on `at`: active while any of its agreements is, former once all
    /// that had started have ended, not yet before the first starts.
    pub fn status(&self, data: &Dataset, at: &Date) -> Status {
        let all = self
            .agreements
            .iter()
            .map(|&i| data.agreements[i].status(at));
        all.fold(Status::NotYet, |acc, s| match (acc, s) {
            (Status::Active, _) | (_, Status::Active) => Status::Active,
            (Status::Former, _) | (_, Status::Former) => Status::Former,
            _ => Status::NotYet,
        })
    }

    /// The agreement that sets how the line is drawn on `at`: the latest to start of those
    /// active, or else of those that have ended.
    pub fn leading<'a>(&self, data: &'a Dataset, at: &Date) -> Option<&'a Agreement> {
        let status = self.status(data, at);
        self.agreements
            .iter()
            .map(|&i| &data.agreements[i])
            .filter(|a| a.status(at) == status)
            .max_by(|a, b| a.start().cmp(&b.start()))
    }
}

/// Whether a layer is a bloc of the region's states (the Alliance of Sahel States, ECOWAS, the
/// G5 Sahel): made of organisations, with an agreement that binds two or more states of the
/// region. Blocs are drawn as areas over their members, never as lines between neighbours.
pub fn is_bloc(data: &Dataset, layer: usize) -> bool {
    let Some(l) = data.layers.get(layer) else {
        return false;
    };
    let organisations = l.actors.iter().all(|id| {
        data.actor(id)
            .is_some_and(|a| a.kind == ActorKind::Organisation)
    });
    organisations
        && data.agreements.iter().any(|a| {
            a.parties.iter().any(|p| l.actors.contains(p))
                && a.parties
                    .iter()
                    .filter(|p| layer_of(data, p).is_none())
                    .count()
                    > 1
        })
}

/// The partner layers (blocs excepted) with an agreement in force with `actor` on `at`, in
/// layer order: what a state's name says of its partners (the marks under it show the same).
pub fn partners_in_force(data: &Dataset, actor: &str, at: &Date) -> Vec<usize> {
    (0..data.layers.len())
        .filter(|&l| !is_bloc(data, l))
        .filter(|&l| {
            data.agreements.iter().any(|a| {
                a.status(at) == Status::Active
                    && a.parties.iter().any(|p| p == actor)
                    && a.parties.iter().any(|p| data.layers[l].actors.contains(p))
            })
        })
        .collect()
}

/// Every pair in the dataset, projected with `project`: for each agreement, each partner layer
/// among its parties (blocs excepted) with each party that belongs to no layer.
pub fn pairs(data: &Dataset, project: impl Fn([f64; 2]) -> [f64; 2]) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for (i, a) in data.agreements.iter().enumerate() {
        for (layer, from, to) in ends(data, a) {
            if is_bloc(data, layer) {
                continue;
            }
            let id = format!("{}:{to}", data.layers[layer].id);
            if let Some(p) = pairs.iter_mut().find(|p| p.id == id) {
                p.agreements.push(i);
                continue;
            }
            let anchor = |id: &str| data.actor(id).map_or([0.0, 0.0], |a| a.anchor);
            let points = great_circle(anchor(&from), anchor(&to), 24)
                .into_iter()
                .map(&project)
                .collect();
            pairs.push(Pair {
                id,
                layer,
                local: to,
                agreements: vec![i],
                points,
            });
        }
    }
    pairs
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
