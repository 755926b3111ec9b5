//! Names in the reader's language: actors, the accessible names of bases, links and countries,
//! troop counts as words.

use super::links::{partners_in_force, Pair};
use super::shown::country_counts;
use crate::dataset::{Agreement, Amount, Base, Dataset, Date, Scope, Status};
use crate::i18n::{long_date, number, term, Lang, Text};
use std::fmt::Write;

/// The actors' names, in the reader's language, joined by `sep`.
pub fn actor_names(data: &Dataset, ids: &[String], lang: Lang, sep: &str) -> String {
    ids.iter()
        .filter_map(|id| data.actor(id).map(|a| a.name.get(lang).to_string()))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A base's accessible name: "Air Base 201, Agadez — United States, closed 5 August 2024";
/// with a base-level count, "… — France, about 1,000 troops (October 2023)".
pub fn base_name(data: &Dataset, base: &Base, at: &Date, lang: Lang) -> String {
    let operators = actor_names(data, &base.operators, lang, ", ");
    let mut name = format!("{} — {operators}", base.name.get(lang));
    if !base.located {
        let _ = write!(name, " ({})", Text::Unlocated.get(lang));
    }
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

/// A pair's accessible name: "Russia – Niger: defence memorandum, 1 agreement, active".
pub fn pair_name(data: &Dataset, pair: &Pair, at: &Date, lang: Lang) -> String {
    let partner = data.layers[pair.layer].name.get(lang);
    let state = data.actor(&pair.local).map_or("", |a| a.name.get(lang));
    let n = pair
        .agreements
        .iter()
        .filter(|&&i| data.agreements[i].status(at) != Status::NotYet)
        .count();
    let count = match (n, lang) {
        (1, Lang::En) => "1 agreement".to_string(),
        (1, Lang::Fr) => "1 accord".to_string(),
        (n, Lang::En) => format!("{n} agreements"),
        (n, Lang::Fr) => format!("{n} accords"),
    };
    let kind = pair.leading(data, at).map_or("", |a| term(&a.kind, lang));
    let status = match pair.status(data, at) {
        Status::Former => Text::Ended.get(lang),
        _ => Text::Active.get(lang),
    };
    format!("{partner} – {state}: {kind}, {count}, {status}")
}

/// A country's accessible name with what the map holds for it on `at`: "Niger — 3 foreign
/// bases, 5 agreements in force; partners: Russia, Italy".
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
    let mut said = format!("{name} — {bases}, {agreements}");
    // The partners the marks under its name show, for those who cannot see them.
    if let Some(actor) = data.actors.iter().find(|a| a.iso3.as_deref() == Some(iso)) {
        let partners: Vec<&str> = partners_in_force(data, &actor.id, at)
            .into_iter()
            .map(|l| data.layers[l].name.get(lang))
            .collect();
        if !partners.is_empty() {
            let colon = if lang == Lang::Fr { " :" } else { ":" };
            let _ = write!(
                said,
                "; {}{colon} {}",
                Text::PartnersOf.get(lang),
                partners.join(", ")
            );
        }
    }
    said
}
