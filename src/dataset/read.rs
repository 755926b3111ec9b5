//! geodata/sahel.json → [`Dataset`], or every problem found, each a JSON path and a sentence.
//! The schema's checks (types, required fields, date and URL formats) and the rules beyond it:
//! unique ids, references that resolve, ends not before starts, places inside the map's box.

use super::date::Date;
use super::json::Json;
use super::model::*;
use super::Problem;
use crate::i18n::Localized;

#[cfg(not(target_arch = "wasm32"))]
/// Parses and reads a dataset (natively through serde_json; the browser uses [`read_dataset`]
/// on its own parse).
pub fn load_dataset(text: &str) -> Result<Dataset, Vec<Problem>> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| vec![Problem::new("", format!("not JSON ({e})"))])?;
    read_dataset(&value)
}

pub fn read_dataset<J: Json>(root: J) -> Result<Dataset, Vec<Problem>> {
    read(root, false)
}

/// Reads a dataset's core: the same checks, except that sources, notes and summaries (which
/// only the details panel, the tables and the downloads show) may be left out. The widget
/// bundles the core ([`CORE`](super::CORE)) and fetches the whole file when they are wanted.
pub fn read_core<J: Json>(root: J) -> Result<Dataset, Vec<Problem>> {
    read(root, true)
}

fn read<J: Json>(root: J, core: bool) -> Result<Dataset, Vec<Problem>> {
    read_in_halves(root, core).finish()
}

/// A dataset read as far as its layers: [`Halfway::finish`] reads the bases, agreements and
/// events and checks the rules. The first half is the smaller text but pays for the reader's
/// first calls (compiled then), so the two take about as long, and a caller in the browser can
/// give the page its turn between them instead of holding it for the whole reading.
pub struct Halfway<J> {
    root: J,
    r: Reader,
    dataset: Dataset,
}

/// Starts reading a dataset, whole or (`core`) as [`read_core`] does.
pub fn read_in_halves<J: Json>(root: J, core: bool) -> Halfway<J> {
    let mut r = Reader {
        core,
        ..Reader::default()
    };
    let dataset = Dataset {
        complete: !core,
        version: r.text(&root, "", "version").unwrap_or_default(),
        as_of: r
            .date(&root, "", "as_of")
            .unwrap_or_else(|| Date::parse("1970").expect("a date")),
        title: r.localized(&root, "", "title").unwrap_or_default(),
        actors: r.list(&root, "", "actors", actor),
        countries: r.list(&root, "", "countries", country),
        layers: r.list(&root, "", "layers", layer),
        bases: Vec::new(),
        agreements: Vec::new(),
        events: Vec::new(),
    };
    Halfway { root, r, dataset }
}

impl<J: Json> Halfway<J> {
    /// The rest of the reading: the dataset, or every problem found in either half.
    pub fn finish(self) -> Result<Dataset, Vec<Problem>> {
        let Halfway {
            root,
            mut r,
            mut dataset,
        } = self;
        dataset.bases = r.list(&root, "", "bases", base);
        dataset.agreements = r.list(&root, "", "agreements", agreement);
        dataset.events = r.list(&root, "", "events", event);
        super::rules::check(&dataset, &mut r.problems);
        if r.problems.is_empty() {
            Ok(dataset)
        } else {
            Err(r.problems)
        }
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    /// Reading a core: sources, notes and summaries may be missing.
    core: bool,
}

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Reader {
    fn fail(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// A required member, reported when missing.
    fn member<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<J> {
        let m = v.get(key);
        if m.is_none() {
            self.fail(at(path, key), "is missing");
        }
        m
    }

    fn text<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<String> {
        let m = self.member(v, path, key)?;
        match m.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s),
            _ => {
                self.fail(at(path, key), "is not a non-empty string");
                None
            }
        }
    }

    fn opt_text<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<String> {
        v.get(key)?;
        self.text(v, path, key)
    }

    fn localized<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<Localized> {
        let m = self.member(v, path, key)?;
        let p = at(path, key);
        let en = self.text(&m, &p, "en");
        let fr = self.text(&m, &p, "fr");
        Some(Localized { en: en?, fr: fr? })
    }

    /// A summary: required, except in a core.
    fn summary<J: Json>(&mut self, v: &J, path: &str) -> Option<Localized> {
        if self.core && v.get("summary").is_none() {
            return Some(Localized::default());
        }
        self.localized(v, path, "summary")
    }

    fn opt_localized<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<Localized> {
        v.get(key)?;
        self.localized(v, path, key)
    }

    fn date<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<Date> {
        let m = self.member(v, path, key)?;
        let s = m.as_str();
        let d = s.as_deref().and_then(Date::parse);
        if d.is_none() {
            let shown = s.map_or_else(|| "this value".to_string(), |s| format!("{s:?}"));
            self.fail(
                at(path, key),
                format!("{shown} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            );
        }
        d
    }

    fn flag<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<bool> {
        let b = self.member(v, path, key)?.as_bool();
        if b.is_none() {
            self.fail(at(path, key), "is not true or false");
        }
        b
    }

    fn point<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<[f64; 2]> {
        let p = self.member(v, path, key)?.position();
        if p.is_none() {
            self.fail(at(path, key), "is not a [longitude, latitude] pair");
        }
        p
    }

    fn count<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<u32> {
        let n = v.get(key)?.as_f64();
        match n {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => Some(n as u32),
            _ => {
                self.fail(at(path, key), "is not a whole number of people");
                None
            }
        }
    }

    /// An array of records, each read by `each`; records with problems are left out.
    fn list<J: Json, T>(
        &mut self,
        v: &J,
        path: &str,
        key: &str,
        mut each: impl FnMut(&mut Self, &J, &str) -> Option<T>,
    ) -> Vec<T> {
        let Some(m) = self.member(v, path, key) else {
            return Vec::new();
        };
        let Some(items) = m.items() else {
            self.fail(at(path, key), "is not an array");
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| each(self, item, &format!("{}[{i}]", at(path, key))))
            .collect()
    }

    fn opt_list<J: Json, T>(
        &mut self,
        v: &J,
        path: &str,
        key: &str,
        each: impl FnMut(&mut Self, &J, &str) -> Option<T>,
    ) -> Vec<T> {
        if v.get(key).is_none() {
            return Vec::new();
        }
        self.list(v, path, key, each)
    }

    fn ids<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Vec<String> {
        self.opt_list(v, path, key, |r, item, p| {
            let s = item.as_str().filter(|s| !s.is_empty());
            if s.is_none() {
                r.fail(p.to_string(), "is not an id");
            }
            s
        })
    }

    /// Sources, at least one unless `may_be_empty`.
    fn sources<J: Json>(
        &mut self,
        v: &J,
        path: &str,
        key: &str,
        may_be_empty: bool,
    ) -> Vec<Source> {
        if self.core && v.get(key).is_none() {
            return Vec::new();
        }
        let list = self.list(v, path, key, source);
        if list.is_empty() && !may_be_empty && v.get(key).and_then(|s| s.items()).is_some() {
            self.fail(at(path, key), "needs at least one source");
        }
        list
    }

    fn dated<J: Json>(&mut self, v: &J, path: &str, key: &str) -> Option<Dated> {
        let m = v.get(key)?;
        let p = at(path, key);
        let date = self.date(&m, &p, "date");
        let verified = self.flag(&m, &p, "verified");
        let note = self.opt_localized(&m, &p, "note");
        let sources = self.sources(&m, &p, "sources", false);
        Some(Dated {
            date: date?,
            verified: verified?,
            note,
            sources,
        })
    }
}

fn source<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Source> {
    let title = r.text(v, path, "title");
    let publisher = r.text(v, path, "publisher");
    let date = match v.get("date") {
        None => None,
        Some(_) => Some(r.date(v, path, "date")?),
    };
    let url = r.text(v, path, "url")?;
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        r.fail(at(path, "url"), format!("{url:?} is not an http(s) link"));
        return None;
    }
    let kind = r.text(v, path, "kind").and_then(|k| {
        let kind = SourceKind::parse(&k);
        if kind.is_none() {
            let names: Vec<&str> = SourceKind::ALL.iter().map(|(n, _)| *n).collect();
            r.fail(
                at(path, "kind"),
                format!("{k:?} is not a kind of source ({})", names.join(", ")),
            );
        }
        kind
    });
    let original = r.opt_text(v, path, "original");
    Some(Source {
        title: title?,
        publisher: publisher?,
        date,
        url,
        kind: kind?,
        original,
    })
}

fn troop_count<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<TroopCount> {
    let amount = match (v.get("count"), v.get("min"), v.get("max")) {
        (Some(_), None, None) => r.count(v, path, "count").map(Amount::Exact),
        (None, Some(_), Some(_)) => {
            let (min, max) = (r.count(v, path, "min")?, r.count(v, path, "max")?);
            if min > max {
                r.fail(at(path, "min"), format!("{min} is more than max {max}"));
            }
            Some(Amount::Range { min, max })
        }
        _ => {
            r.fail(path.to_string(), "needs a count, or a min and a max");
            None
        }
    };
    let qualifier = r.text(v, path, "qualifier");
    let scope = match r.text(v, path, "scope").as_deref() {
        Some("base") => Some(Scope::Base),
        Some("country") => Some(Scope::Country),
        Some("mission") => Some(Scope::Mission),
        Some(other) => {
            r.fail(
                at(path, "scope"),
                format!("{other:?} is not base, country or mission"),
            );
            None
        }
        None => None,
    };
    let as_of = r.date(v, path, "as_of");
    let verified = r.flag(v, path, "verified");
    let note = r.opt_localized(v, path, "note");
    let sources = r.sources(v, path, "sources", false);
    Some(TroopCount {
        amount: amount?,
        qualifier: qualifier?,
        scope: scope?,
        as_of: as_of?,
        verified: verified?,
        note,
        sources,
    })
}

fn actor<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Actor> {
    let id = r.text(v, path, "id");
    let kind = match r.text(v, path, "kind").as_deref() {
        Some("state") => Some(ActorKind::State),
        Some("organisation") => Some(ActorKind::Organisation),
        Some(other) => {
            r.fail(
                at(path, "kind"),
                format!("{other:?} is not state or organisation"),
            );
            None
        }
        None => None,
    };
    let name = r.localized(v, path, "name");
    let iso3 = r.opt_text(v, path, "iso3");
    let anchor = r.point(v, path, "anchor");
    let location = r.opt_localized(v, path, "location");
    let members = r.ids(v, path, "members");
    Some(Actor {
        id: id?,
        kind: kind?,
        name: name?,
        iso3,
        anchor: anchor?,
        location,
        members,
    })
}

fn country<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Country> {
    let iso3 = r.text(v, path, "iso3");
    let name = r.localized(v, path, "name");
    let official_name = r.localized(v, path, "official_name");
    let capital = r.member(v, path, "capital").and_then(|c| {
        let p = at(path, "capital");
        let name = r.localized(&c, &p, "name");
        let point = r.point(&c, &p, "at");
        let verified = r.flag(&c, &p, "verified");
        let sources = r.sources(&c, &p, "sources", true);
        Some(Place {
            name: name?,
            at: point?,
            verified: verified?,
            sources,
        })
    });
    let government = r.member(v, path, "government").and_then(|g| {
        let p = at(path, "government");
        let text = r.localized(&g, &p, "text");
        let as_of = r.date(&g, &p, "as_of");
        let sources = r.sources(&g, &p, "sources", false);
        Some(Statement {
            text: text?,
            as_of: as_of?,
            sources,
        })
    });
    let leader = r.member(v, path, "leader").and_then(|l| {
        let p = at(path, "leader");
        let name = r.text(&l, &p, "name");
        let title = r.localized(&l, &p, "title");
        let since = r.date(&l, &p, "since");
        let as_of = r.date(&l, &p, "as_of");
        let verified = r.flag(&l, &p, "verified");
        let sources = r.sources(&l, &p, "sources", false);
        Some(Leader {
            name: name?,
            title: title?,
            since: since?,
            as_of: as_of?,
            verified: verified?,
            sources,
        })
    });
    let coups = r.opt_list(v, path, "coups", |r, c, p| {
        let date = r.date(c, p, "date");
        let verified = r.flag(c, p, "verified");
        let note = r.opt_localized(c, p, "note");
        let sources = r.sources(c, p, "sources", false);
        Some(Dated {
            date: date?,
            verified: verified?,
            note,
            sources,
        })
    });
    let context = r.localized(v, path, "context");
    let member_of = r.ids(v, path, "member_of");
    Some(Country {
        iso3: iso3?,
        name: name?,
        official_name: official_name?,
        capital: capital?,
        government: government?,
        leader: leader?,
        coups,
        context: context?,
        member_of,
    })
}

fn layer<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Layer> {
    let id = r.text(v, path, "id");
    let name = r.localized(v, path, "name");
    let actors = r.ids(v, path, "actors");
    let default = r.flag(v, path, "default");
    if let Some(id) = id.as_ref().filter(|id| *id != &id.to_ascii_lowercase()) {
        r.fail(at(path, "id"), format!("{id:?} is not lower-case"));
    }
    Some(Layer {
        id: id?,
        name: name?,
        actors,
        default: default?,
    })
}

fn base<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Base> {
    let id = r.text(v, path, "id");
    let name = r.localized(v, path, "name");
    let host = r.text(v, path, "host");
    let city = r.text(v, path, "city");
    let point = r.point(v, path, "at");
    let at_verified = r.flag(v, path, "at_verified");
    let at_sources = r.sources(v, path, "at_sources", true);
    let located = match v.get("located") {
        None => Some(true),
        Some(_) => r.flag(v, path, "located"),
    };
    let operators = r.ids(v, path, "operators");
    let kind = r.text(v, path, "kind");
    let summary = r.summary(v, path);
    let opened = r.dated(v, path, "opened");
    let closed = r.dated(v, path, "closed");
    let troops = r.list(v, path, "troops", troop_count);
    let agreements = r.ids(v, path, "agreements");
    let verified = r.flag(v, path, "verified");
    let sources = r.opt_list(v, path, "sources", source);
    let note = r.opt_localized(v, path, "note");
    if operators.is_empty() {
        r.fail(at(path, "operators"), "names no operator");
    }
    if at_verified == Some(true) && at_sources.is_empty() && !r.core {
        r.fail(at(path, "at_sources"), "a verified position needs a source");
    }
    Some(Base {
        id: id?,
        name: name?,
        host: host?,
        city: city?,
        at: point?,
        at_verified: at_verified?,
        at_sources,
        located: located?,
        operators,
        kind: kind?,
        summary: summary?,
        opened,
        closed,
        troops,
        agreements,
        verified: verified?,
        sources,
        note,
    })
}

fn agreement<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Agreement> {
    let id = r.text(v, path, "id");
    let name = r.localized(v, path, "name");
    let parties = r.ids(v, path, "parties");
    let kind = r.text(v, path, "kind");
    let summary = r.summary(v, path);
    let signed = r.dated(v, path, "signed");
    let in_force = r.dated(v, path, "in_force");
    let ended = r.dated(v, path, "ended");
    let status = r.text(v, path, "status");
    let verified = r.flag(v, path, "verified");
    let sources = r.sources(v, path, "sources", false);
    if parties.len() < 2 {
        r.fail(at(path, "parties"), "needs at least two parties");
    }
    Some(Agreement {
        id: id?,
        name: name?,
        parties,
        kind: kind?,
        summary: summary?,
        signed,
        in_force,
        ended,
        status: status?,
        verified: verified?,
        sources,
    })
}

fn event<J: Json>(r: &mut Reader, v: &J, path: &str) -> Option<Event> {
    let id = r.text(v, path, "id");
    let date = r.date(v, path, "date");
    let title = r.localized(v, path, "title");
    let verified = r.flag(v, path, "verified");
    let sources = r.sources(v, path, "sources", false);
    let countries = r.ids(v, path, "countries");
    let agreements = r.ids(v, path, "agreements");
    let bases = r.ids(v, path, "bases");
    Some(Event {
        id: id?,
        date: date?,
        title: title?,
        verified: verified?,
        sources,
        countries,
        agreements,
        bases,
    })
}
