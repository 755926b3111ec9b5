//! The typed dataset (geodata/sahel.json; schema in geodata/sahel.schema.json). Every value here
//! has passed `read_dataset`'s checks: ids are unique, references resolve, dates are dates.

use super::date::Date;
use crate::i18n::Localized;

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// False for a core ([`read_core`](super::read_core)): no sources, notes or summaries.
    pub complete: bool,
    pub version: String,
    pub as_of: Date,
    pub title: Localized,
    pub actors: Vec<Actor>,
    pub countries: Vec<Country>,
    pub layers: Vec<Layer>,
    pub bases: Vec<Base>,
    pub agreements: Vec<Agreement>,
    pub events: Vec<Event>,
}

/// Where a number or date comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub date: Option<Date>,
    /// http or https only.
    pub url: String,
    pub kind: SourceKind,
    /// For a [`SourceKind::Copy`], the outlet whose text it is ("Reuters").
    pub original: Option<String>,
}

/// What kind of publisher a source is, which says how far it can be relied on. Declared weakest
/// first, so the derived order ranks them: a fact resting only on state media or republished
/// copies cannot be verified (see the reader's rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    /// Media owned or steered by a state with a stake in the story.
    StateMedia,
    /// Another outlet's text republished elsewhere, by an aggregator, mirror or blog.
    Copy,
    /// An encyclopaedia or gazetteer.
    Reference,
    Broadcaster,
    Newspaper,
    /// A think tank, university or journal.
    Research,
    /// A news agency's own text, or a licensed publication of it.
    Wire,
    /// A government, ministry, armed force, UN, EU or AU body, or an official journal.
    Official,
}

impl SourceKind {
    /// The kinds by their names in the dataset, weakest first.
    pub const ALL: [(&'static str, SourceKind); 8] = [
        ("state-media", SourceKind::StateMedia),
        ("copy", SourceKind::Copy),
        ("reference", SourceKind::Reference),
        ("broadcaster", SourceKind::Broadcaster),
        ("newspaper", SourceKind::Newspaper),
        ("research", SourceKind::Research),
        ("wire", SourceKind::Wire),
        ("official", SourceKind::Official),
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(n, _)| n)
    }

    /// Too weak to verify a fact alone.
    pub fn is_weak(self) -> bool {
        self <= SourceKind::Copy
    }
}

/// A date with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Dated {
    pub date: Date,
    pub verified: bool,
    pub note: Option<Localized>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    Exact(u32),
    Range { min: u32, max: u32 },
}

/// What a troop count covers: only `Base` counts size a base's symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Base,
    Country,
    Mission,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TroopCount {
    pub amount: Amount,
    /// "about", "up to", "authorised" …
    pub qualifier: String,
    pub scope: Scope,
    pub as_of: Date,
    pub verified: bool,
    pub note: Option<Localized>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKind {
    State,
    Organisation,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: Localized,
    pub iso3: Option<String>,
    /// Where links to this actor end on the map, [lon, lat].
    pub anchor: [f64; 2],
    /// Where it really is, for actors anchored at the map's edge.
    pub location: Option<Localized>,
    pub members: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub name: Localized,
    pub official_name: Localized,
    pub capital: Place,
    pub government: Statement,
    pub leader: Leader,
    pub coups: Vec<Dated>,
    pub context: Localized,
    pub member_of: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: Localized,
    pub at: [f64; 2],
    pub verified: bool,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub text: Localized,
    pub as_of: Date,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Leader {
    pub name: String,
    pub title: Localized,
    pub since: Date,
    pub as_of: Date,
    pub verified: bool,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub id: String,
    pub name: Localized,
    pub actors: Vec<String>,
    pub default: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Base {
    pub id: String,
    pub name: Localized,
    /// ISO3 of the host state.
    pub host: String,
    pub city: String,
    /// [lon, lat]
    pub at: [f64; 2],
    pub at_verified: bool,
    pub at_sources: Vec<Source>,
    /// False for a presence whose site is not known: `at` is then the host's capital.
    pub located: bool,
    pub operators: Vec<String>,
    pub kind: String,
    pub summary: Localized,
    pub opened: Option<Dated>,
    pub closed: Option<Dated>,
    pub troops: Vec<TroopCount>,
    pub agreements: Vec<String>,
    /// Whether the record as a whole could be checked, and its own sources.
    pub verified: bool,
    pub sources: Vec<Source>,
    /// Facts that fit no dated field (an unspecified number, the latest status).
    pub note: Option<Localized>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub id: String,
    pub name: Localized,
    pub parties: Vec<String>,
    pub kind: String,
    pub summary: Localized,
    pub signed: Option<Dated>,
    pub in_force: Option<Dated>,
    pub ended: Option<Dated>,
    pub status: String,
    pub verified: bool,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub title: Localized,
    pub verified: bool,
    pub sources: Vec<Source>,
    pub countries: Vec<String>,
    pub agreements: Vec<String>,
    pub bases: Vec<String>,
}
