//! What of the dataset a view shows: the layer each base and agreement is drawn in, the count
//! that sizes a symbol, whether it was verified, a country's tallies. Pure queries on the
//! dataset for a date and the layers on.

use super::state::Visible;
use crate::dataset::{Agreement, Amount, Base, Dataset, Date, Scope, Status};

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

/// The number that sizes a base's symbol on `at`: its latest base-level count (a range by its
/// middle). Country- and mission-wide counts never size a base.
pub fn symbol_count(base: &Base, at: &Date) -> Option<u32> {
    base.count(Scope::Base, at).map(|t| match t.amount {
        Amount::Exact(n) => n,
        Amount::Range { min, max } => min + (max - min) / 2,
    })
}

/// Whether what the symbol shows was verified: the record and the count that sizes it.
pub fn verified(b: &Base, at: &Date) -> bool {
    b.verified && b.count(Scope::Base, at).is_none_or(|t| t.verified)
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
