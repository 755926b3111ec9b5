//! The dataset as of a date: what is active, what is former, which count applies. A record not
//! yet started is hidden; one ended by then is *former* and still shown, so the map tells the
//! withdrawal too. A partial date counts from the first day of its period (see [`Date`]).

use super::date::Date;
use super::model::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    NotYet,
    Active,
    Former,
}

/// Started at `start` (unknown: always), ended at `end` (unknown: never).
fn status(start: Option<&Date>, end: Option<&Date>, at: &Date) -> Status {
    if start.is_some_and(|s| s > at) {
        Status::NotYet
    } else if end.is_some_and(|e| e <= at) {
        Status::Former
    } else {
        Status::Active
    }
}

impl Base {
    /// When the map starts drawing it: its opening, or with none known its first dated evidence
    /// (its earliest count, else its closing), so an undated base is not drawn from the start
    /// of the timeline.
    pub fn start(&self) -> Option<&Date> {
        self.opened.as_ref().map(|d| &d.date).or_else(|| {
            self.troops
                .iter()
                .map(|t| &t.as_of)
                .min()
                .or(self.closed.as_ref().map(|d| &d.date))
        })
    }

    pub fn status(&self, at: &Date) -> Status {
        status(self.start(), self.closed.as_ref().map(|d| &d.date), at)
    }

    /// The latest count of `scope` known on `at`.
    pub fn count(&self, scope: Scope, at: &Date) -> Option<&TroopCount> {
        self.troops
            .iter()
            .filter(|t| t.scope == scope && t.as_of <= *at)
            .max_by(|a, b| a.as_of.cmp(&b.as_of))
    }
}

impl Agreement {
    /// When it starts: signed, or failing that in force (unknown: before any date).
    pub fn start(&self) -> Option<&Date> {
        self.signed
            .as_ref()
            .or(self.in_force.as_ref())
            .map(|d| &d.date)
    }

    /// Starts at [`start`](Self::start); ends when ended.
    pub fn status(&self, at: &Date) -> Status {
        status(self.start(), self.ended.as_ref().map(|d| &d.date), at)
    }
}

impl Dataset {
    /// Bases started by `at`, with whether they are still active.
    pub fn bases_at<'a>(&'a self, at: &'a Date) -> impl Iterator<Item = (&'a Base, Status)> + 'a {
        self.bases
            .iter()
            .map(move |b| (b, b.status(at)))
            .filter(|(_, s)| *s != Status::NotYet)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }
}
