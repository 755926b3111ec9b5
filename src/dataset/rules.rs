//! The rules beyond the schema, on records that read cleanly: ids unique, references that
//! resolve, places on the map, dates in order. Paths use each record's index.

use super::model::*;
use super::Problem;
use crate::carto::frame::SAHEL;

/// `[lon, lat]` for a message, to a thousandth.
fn show_point([lon, lat]: [f64; 2]) -> String {
    use crate::carto::fixed::fixed;
    format!("[{}, {}]", fixed(lon, 3, true), fixed(lat, 3, true))
}

/// The rules beyond the schema, on records that read cleanly. Paths use each record's index.
pub(super) fn check(d: &Dataset, problems: &mut Vec<Problem>) {
    let mut fail = |path: String, message: String| problems.push(Problem::new(path, message));
    // Plain scans rather than hash sets: datasets are a few hundred records, and hashing
    // would add its code to the wasm.
    let unique = |name: &str, ids: Vec<&str>, fail: &mut dyn FnMut(String, String)| {
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                fail(format!("{name}[{i}].id"), format!("{id:?} is used twice"));
            }
        }
    };
    unique(
        "actors",
        d.actors.iter().map(|a| a.id.as_str()).collect(),
        &mut fail,
    );
    unique(
        "countries",
        d.countries.iter().map(|c| c.iso3.as_str()).collect(),
        &mut fail,
    );
    unique(
        "layers",
        d.layers.iter().map(|l| l.id.as_str()).collect(),
        &mut fail,
    );
    unique(
        "bases",
        d.bases.iter().map(|b| b.id.as_str()).collect(),
        &mut fail,
    );
    unique(
        "agreements",
        d.agreements.iter().map(|a| a.id.as_str()).collect(),
        &mut fail,
    );
    unique(
        "events",
        d.events.iter().map(|e| e.id.as_str()).collect(),
        &mut fail,
    );

    let actors: Vec<&str> = d.actors.iter().map(|a| a.id.as_str()).collect();
    let states: Vec<&str> = d
        .countries
        .iter()
        .map(|c| c.iso3.as_str())
        .chain(d.actors.iter().filter_map(|a| a.iso3.as_deref()))
        .collect();
    let bases: Vec<&str> = d.bases.iter().map(|b| b.id.as_str()).collect();
    let agreements: Vec<&str> = d.agreements.iter().map(|a| a.id.as_str()).collect();
    let known = |path: String,
                 ids: &[String],
                 set: &[&str],
                 what: &str,
                 fail: &mut dyn FnMut(String, String)| {
        for (i, id) in ids.iter().enumerate() {
            if !set.contains(&id.as_str()) {
                fail(
                    format!("{path}[{i}]"),
                    format!("{id:?} is not a known {what}"),
                );
            }
        }
    };
    for (i, a) in d.actors.iter().enumerate() {
        known(
            format!("actors[{i}].members"),
            &a.members,
            &actors,
            "actor",
            &mut fail,
        );
        if !SAHEL.contains(a.anchor) {
            fail(
                format!("actors[{i}].anchor"),
                format!("{} lies outside the map", show_point(a.anchor)),
            );
        }
    }
    for (i, c) in d.countries.iter().enumerate() {
        known(
            format!("countries[{i}].member_of"),
            &c.member_of,
            &actors,
            "actor",
            &mut fail,
        );
    }
    for (i, l) in d.layers.iter().enumerate() {
        known(
            format!("layers[{i}].actors"),
            &l.actors,
            &actors,
            "actor",
            &mut fail,
        );
    }
    for (i, b) in d.bases.iter().enumerate() {
        let path = format!("bases[{i}]");
        known(
            format!("{path}.operators"),
            &b.operators,
            &actors,
            "actor",
            &mut fail,
        );
        known(
            format!("{path}.agreements"),
            &b.agreements,
            &agreements,
            "agreement",
            &mut fail,
        );
        if !states.contains(&b.host.as_str()) {
            fail(
                format!("{path}.host"),
                format!("{:?} is not a known country", b.host),
            );
        }
        if !SAHEL.contains(b.at) {
            fail(
                format!("{path}.at"),
                format!("{} lies outside the map", show_point(b.at)),
            );
        }
        if let (Some(open), Some(close)) = (&b.opened, &b.closed) {
            if close.date < open.date {
                fail(
                    format!("{path}.closed.date"),
                    format!("{} is before it opened ({})", close.date, open.date),
                );
            }
        }
    }
    for (i, a) in d.agreements.iter().enumerate() {
        let path = format!("agreements[{i}]");
        known(
            format!("{path}.parties"),
            &a.parties,
            &actors,
            "actor",
            &mut fail,
        );
        let steps = [
            ("signed", &a.signed),
            ("in_force", &a.in_force),
            ("ended", &a.ended),
        ];
        for (k, (later, date)) in steps.iter().enumerate() {
            let Some(date) = date else { continue };
            if let Some((earlier, before)) = steps[..k]
                .iter()
                .rev()
                .find_map(|(n, d)| d.as_ref().map(|d| (n, d)))
            {
                if date.date < before.date {
                    fail(
                        format!("{path}.{later}.date"),
                        format!("{} is before {earlier} ({})", date.date, before.date),
                    );
                }
            }
        }
    }
    backed(d, &mut fail);
    for (i, e) in d.events.iter().enumerate() {
        let path = format!("events[{i}]");
        known(
            format!("{path}.countries"),
            &e.countries,
            &states,
            "country",
            &mut fail,
        );
        known(
            format!("{path}.agreements"),
            &e.agreements,
            &agreements,
            "agreement",
            &mut fail,
        );
        known(format!("{path}.bases"), &e.bases, &bases, "base", &mut fail);
    }
}

/// A fact marked verified must rest on more than state media and republished copies: an editor
/// cannot stand behind it until an original source is found. (A core carries no sources.)
fn backed(d: &Dataset, fail: &mut impl FnMut(String, String)) {
    let mut check = |path: String, verified: bool, sources: &[Source]| {
        if verified && !sources.is_empty() && sources.iter().all(|s| s.kind.is_weak()) {
            fail(
                path,
                "is true, but its only sources are state media or republished copies: cite an \
                 original (a wire, official, newspaper, broadcaster, research or reference source) \
                 or set it to false"
                    .to_string(),
            );
        }
    };
    let mut dated = |path: String, d: Option<&Dated>| {
        if let Some(d) = d {
            check(format!("{path}.verified"), d.verified, &d.sources);
        }
    };
    for (i, c) in d.countries.iter().enumerate() {
        let path = format!("countries[{i}]");
        for (j, coup) in c.coups.iter().enumerate() {
            dated(format!("{path}.coups[{j}]"), Some(coup));
        }
    }
    for (i, b) in d.bases.iter().enumerate() {
        let path = format!("bases[{i}]");
        dated(format!("{path}.opened"), b.opened.as_ref());
        dated(format!("{path}.closed"), b.closed.as_ref());
    }
    for (i, a) in d.agreements.iter().enumerate() {
        let path = format!("agreements[{i}]");
        dated(format!("{path}.signed"), a.signed.as_ref());
        dated(format!("{path}.in_force"), a.in_force.as_ref());
        dated(format!("{path}.ended"), a.ended.as_ref());
    }
    for (i, c) in d.countries.iter().enumerate() {
        let path = format!("countries[{i}]");
        check(
            format!("{path}.capital.verified"),
            c.capital.verified,
            &c.capital.sources,
        );
        check(
            format!("{path}.leader.verified"),
            c.leader.verified,
            &c.leader.sources,
        );
    }
    for (i, b) in d.bases.iter().enumerate() {
        let path = format!("bases[{i}]");
        check(format!("{path}.verified"), b.verified, &b.sources);
        check(format!("{path}.at_verified"), b.at_verified, &b.at_sources);
        for (j, t) in b.troops.iter().enumerate() {
            check(
                format!("{path}.troops[{j}].verified"),
                t.verified,
                &t.sources,
            );
        }
    }
    for (i, a) in d.agreements.iter().enumerate() {
        check(format!("agreements[{i}].verified"), a.verified, &a.sources);
    }
    for (i, e) in d.events.iter().enumerate() {
        check(format!("events[{i}].verified"), e.verified, &e.sources);
    }
}
