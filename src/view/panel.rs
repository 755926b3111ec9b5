//! The details panel as HTML, pure: what is selected (a country, a base, a site, a link or a
//! partner) with
//! its facts, dates, counts and sources, for one date and language. Every data string is
//! escaped (text, never markup) and only http(s) links become anchors. The UI sets the result as
//! the panel's innerHTML and handles its buttons by delegation; tests read it natively.

use crate::dataset::{
    Agreement, Base, Dataset, Date, Dated, Scope, Source, SourceKind, Status, TroopCount,
};
use crate::i18n::{long_date, term, Lang, Localized, Text};
use crate::view::markup::Html;
use crate::view::names::{base_name, link_name, pair_name, troops};
use crate::view::overlay::Overlay;
use crate::view::state::Selection;

/// The panel for `selection`; `country_name` is the map's name for a selected country (the
/// dataset may not describe it). None when the selection names nothing known.
pub fn details_html(
    data: &Dataset,
    overlay: &Overlay,
    selection: &Selection,
    country_name: Option<&Localized>,
    at: &Date,
    lang: Lang,
) -> Option<String> {
    let mut h = Html::new();
    match selection {
        Selection::Country(iso) => {
            let name = country_name
                .or_else(|| data.country(iso).map(|c| &c.name))?
                .get(lang);
            head(&mut h, name, lang);
            country(&mut h, data, iso, at, lang);
        }
        Selection::Base(id) => {
            let b = data.bases.iter().find(|b| b.id == *id)?;
            head(&mut h, b.name.get(lang), lang);
            base(&mut h, data, b, at, lang);
        }
        Selection::Site(id) => {
            let (city, members) = overlay.site(id)?;
            head(&mut h, city, lang);
            let members: Vec<&Base> = members
                .iter()
                .map(|&i| &data.bases[i])
                .filter(|b| b.status(at) != Status::NotYet)
                .collect();
            h.el(
                "p",
                "sm-kind",
                &format!("{} {}", members.len(), Text::Site.get(lang)),
            );
            base_list(&mut h, data, &members, at, lang);
        }
        Selection::Link(id) => match overlay.pairs.iter().find(|p| p.id == *id) {
            Some(pair) => {
                let partner = data.layers[pair.layer].name.get(lang);
                let state = data.actor(&pair.local).map_or("", |a| a.name.get(lang));
                head(&mut h, &format!("{partner} – {state}"), lang);
                for &i in &pair.agreements {
                    let a = &data.agreements[i];
                    if a.status(at) != Status::NotYet {
                        h.el("h3", "sm-agreement", a.name.get(lang));
                        link(&mut h, data, a, at, lang);
                    }
                }
            }
            None => {
                let a = data.agreements.iter().find(|a| a.id == *id)?;
                head(&mut h, a.name.get(lang), lang);
                link(&mut h, data, a, at, lang);
            }
        },
        Selection::Partner(id) => {
            let l = data.layers.iter().position(|l| l.id == *id)?;
            head(&mut h, data.layers[l].name.get(lang), lang);
            partner(&mut h, data, overlay, l, at, lang);
        }
    }
    Some(h.0)
}

/// The title (focusable, so the UI can move focus to it) and the close button.
fn head(h: &mut Html, title: &str, lang: Lang) {
    h.raw(r#"<div class="sm-details-head"><h2 class="sm-details-title" tabindex="-1">"#)
        .text(title)
        .raw(r#"</h2><button type="button" class="sm-close" data-close aria-label=""#)
        .text(Text::Close.get(lang))
        .raw(r#"">×</button></div>"#);
}

/// "(as of 26 March 2025)".
fn as_of(date: &Date, lang: Lang) -> String {
    format!("({} {})", Text::AsOf.get(lang), long_date(date, lang))
}

/// The visible mark for a fact the research could not verify.
fn unverified(h: &mut Html, verified: bool, lang: Lang) {
    if !verified {
        h.raw(" ")
            .el("span", "sm-unverified", Text::Unverified.get(lang));
    }
}

/// A record's summary (a core has none: the panel shows it once the whole dataset is in).
fn summary(h: &mut Html, summary: &Localized, lang: Lang) {
    let text = summary.get(lang);
    if !text.is_empty() {
        h.el("p", "", text);
    }
}

fn note(h: &mut Html, note: Option<&Localized>, lang: Lang) {
    if let Some(n) = note {
        h.el("p", "sm-note", n.get(lang));
    }
}

/// Whether a URL may become a link: http(s) only (the reader refuses others; checked again).
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Sources as links, folded under a count.
fn sources(h: &mut Html, list: &[Source], lang: Lang) {
    if list.is_empty() {
        return;
    }
    h.raw(r#"<details class="sm-sources"><summary>"#)
        .text(&format!("{} ({})", Text::Sources.get(lang), list.len()))
        .raw("</summary><ul>");
    for s in list {
        h.raw("<li>");
        if safe_url(&s.url) {
            h.raw(r#"<a target="_blank" rel="noopener noreferrer" href=""#)
                .text(&s.url)
                .raw(r#"">"#)
                .text(&s.title)
                .raw("</a>");
        } else {
            h.text(&s.title);
        }
        h.text(&format!(" — {}", s.publisher));
        if let Some(d) = &s.date {
            h.text(&format!(", {}", long_date(d, lang)));
        }
        let class = if s.kind.is_weak() {
            "sm-source-kind is-weak"
        } else {
            "sm-source-kind"
        };
        h.text(" · ").el("span", class, &source_kind(s, lang));
        h.raw("</li>");
    }
    h.raw("</ul></details>");
}

/// How far a source can be relied on, in a word: "news agency", "republished copy of Reuters".
fn source_kind(s: &Source, lang: Lang) -> String {
    let word = term(s.kind.name(), lang);
    match (&s.original, lang) {
        (Some(o), Lang::En) if s.kind == SourceKind::Copy => format!("{word} of {o}"),
        (Some(o), Lang::Fr) if s.kind == SourceKind::Copy => format!("{word} d’un texte de {o}"),
        _ => word.to_string(),
    }
}

fn status_word(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Former => Text::Ended.get(lang),
        _ => Text::Active.get(lang),
    }
}

fn scope_word(scope: Scope, lang: Lang) -> &'static str {
    match (scope, lang) {
        (Scope::Base, Lang::En) => "at this base",
        (Scope::Base, Lang::Fr) => "sur cette base",
        (Scope::Country, Lang::En) => "in the whole country",
        (Scope::Country, Lang::Fr) => "dans tout le pays",
        (Scope::Mission, Lang::En) => "whole mission",
        (Scope::Mission, Lang::Fr) => "toute la mission",
    }
}

fn country(h: &mut Html, data: &Dataset, iso: &str, at: &Date, lang: Lang) {
    if let Some(c) = data.country(iso) {
        h.el("p", "sm-official", c.official_name.get(lang));
        h.el("h3", "", Text::Government.get(lang));
        h.raw("<p>")
            .text(c.government.text.get(lang))
            .text(" ")
            .text(&as_of(&c.government.as_of, lang))
            .raw("</p>");
        sources(h, &c.government.sources, lang);
        h.el("h3", "", Text::Leader.get(lang));
        h.raw("<p>")
            .text(&format!("{}: {} ", c.leader.title.get(lang), c.leader.name))
            .text(&as_of(&c.leader.as_of, lang));
        unverified(h, c.leader.verified, lang);
        h.raw("</p>");
        sources(h, &c.leader.sources, lang);
        h.el("p", "sm-context-line", c.context.get(lang));
    }
    let hosted: Vec<&Base> = data
        .bases
        .iter()
        .filter(|b| b.host == iso && b.status(at) != Status::NotYet)
        .collect();
    h.el("h3", "", Text::ForeignBases.get(lang));
    base_list(h, data, &hosted, at, lang);
    let actor = data.actors.iter().find(|a| a.iso3.as_deref() == Some(iso));
    let agreements: Vec<&Agreement> = data
        .agreements
        .iter()
        .filter(|a| actor.is_some_and(|x| a.parties.contains(&x.id)))
        .filter(|a| a.status(at) != Status::NotYet)
        .collect();
    h.el("h3", "", Text::Agreements.get(lang));
    let items = agreements.iter().map(|a| (a.status(at), a.id.as_str()));
    open_list(h, items, "data-open-link", lang, |h, i| {
        let a = agreements[i];
        h.el("span", "sm-open-name", a.name.get(lang)).el(
            "span",
            "sm-open-facts",
            &link_name(data, a, at, lang),
        );
    });
}

/// A partner: the states it has agreements with, each opening their pair, and its bases.
fn partner(h: &mut Html, data: &Dataset, overlay: &Overlay, layer: usize, at: &Date, lang: Lang) {
    let pairs: Vec<_> = overlay
        .pairs
        .iter()
        .filter(|p| p.layer == layer && p.status(data, at) != Status::NotYet)
        .collect();
    h.el("h3", "", Text::Agreements.get(lang));
    let items = pairs.iter().map(|p| (p.status(data, at), p.id.as_str()));
    open_list(h, items, "data-open-link", lang, |h, i| {
        h.text(&pair_name(data, pairs[i], at, lang));
    });
    let layer = &data.layers[layer];
    let bases: Vec<&Base> = data
        .bases
        .iter()
        .filter(|b| b.operators.iter().any(|o| layer.actors.contains(o)))
        .filter(|b| b.status(at) != Status::NotYet)
        .collect();
    h.el("h3", "", Text::Bases.get(lang));
    base_list(h, data, &bases, at, lang);
}

/// Records as a list of buttons (`attribute` = id opens each), former ones marked; "none" when
/// there are none. `label(h, i)` writes the i-th button's text.
fn open_list<'a>(
    h: &mut Html,
    items: impl ExactSizeIterator<Item = (Status, &'a str)>,
    attribute: &str,
    lang: Lang,
    label: impl Fn(&mut Html, usize),
) {
    if items.len() == 0 {
        h.el("p", "sm-none", Text::NoneKnown.get(lang));
        return;
    }
    h.raw(r#"<ul class="sm-list">"#);
    for (i, (status, id)) in items.enumerate() {
        h.raw(if status == Status::Former {
            r#"<li class="is-former">"#
        } else {
            "<li>"
        });
        h.raw(r#"<button type="button" class="sm-open" "#)
            .raw(attribute)
            .raw(r#"=""#)
            .text(id)
            .raw(r#"">"#);
        label(h, i);
        h.raw("</button></li>");
    }
    h.raw("</ul>");
}

/// Bases as buttons that open each one.
fn base_list(h: &mut Html, data: &Dataset, bases: &[&Base], at: &Date, lang: Lang) {
    let items = bases.iter().map(|b| (b.status(at), b.id.as_str()));
    open_list(h, items, "data-open-base", lang, |h, i| {
        h.text(&base_name(data, bases[i], at, lang));
    });
}

/// A dated fact: "signed 6 July 2012", with its mark, note and sources.
fn dated(h: &mut Html, label: Text, d: Option<&Dated>, lang: Lang) {
    let Some(d) = d else { return };
    h.raw("<li>")
        .text(&format!("{} {}", label.get(lang), long_date(&d.date, lang)));
    unverified(h, d.verified, lang);
    note(h, d.note.as_ref(), lang);
    sources(h, &d.sources, lang);
    h.raw("</li>");
}

fn count(h: &mut Html, t: &TroopCount, lang: Lang) {
    h.raw("<li>").text(&format!(
        "{}, {} {}",
        troops(t.amount, &t.qualifier, lang),
        scope_word(t.scope, lang),
        as_of(&t.as_of, lang)
    ));
    unverified(h, t.verified, lang);
    note(h, t.note.as_ref(), lang);
    sources(h, &t.sources, lang);
    h.raw("</li>");
}

fn status_line(h: &mut Html, status: Status, ended: Option<&Dated>, lang: Lang) {
    let text = match (status, ended) {
        (Status::Former, Some(d)) => {
            format!("{} {}", Text::Closed.get(lang), long_date(&d.date, lang))
        }
        _ => status_word(status, lang).to_string(),
    };
    let class = if status == Status::Former {
        "sm-status is-former"
    } else {
        "sm-status"
    };
    h.raw(" ").el("span", class, &text);
}

fn names(data: &Dataset, ids: &[String], lang: Lang) -> String {
    crate::view::names::actor_names(data, ids, lang, ", ")
}

fn base(h: &mut Html, data: &Dataset, b: &Base, at: &Date, lang: Lang) {
    let host = data
        .country(&b.host)
        .map(|c| &c.name)
        .or_else(|| {
            data.actors
                .iter()
                .find(|a| a.iso3.as_deref() == Some(&b.host))
                .map(|a| &a.name)
        })
        .map_or(b.host.as_str(), |n| n.get(lang));
    let status = b.status(at);
    h.raw(r#"<p class="sm-kind">"#).text(&format!(
        "{} · {}, {}",
        term(&b.kind, lang),
        b.city,
        host
    ));
    status_line(h, status, b.closed.as_ref(), lang);
    unverified(h, b.verified, lang);
    h.raw("</p>");
    h.el(
        "p",
        "",
        &format!(
            "{} {}",
            Text::Operators.get(lang),
            names(data, &b.operators, lang)
        ),
    );
    summary(h, &b.summary, lang);
    note(h, b.note.as_ref(), lang);
    h.raw(r#"<ul class="sm-facts">"#);
    if b.opened.is_some() {
        dated(h, Text::Opened, b.opened.as_ref(), lang);
    } else {
        h.el("li", "sm-none", Text::OpenedUnknown.get(lang));
    }
    if !b.located {
        h.el("li", "sm-none", Text::Unlocated.get(lang));
    }
    if status == Status::Former {
        dated(h, Text::Closed, b.closed.as_ref(), lang);
    }
    h.raw("</ul>");
    h.el("h3", "", Text::Troops.get(lang));
    let counts: Vec<&TroopCount> = b.troops.iter().filter(|t| t.as_of <= *at).collect();
    if counts.is_empty() {
        h.el("p", "sm-none", Text::NoCount.get(lang));
    } else {
        h.raw(r#"<ul class="sm-facts">"#);
        for t in counts {
            count(h, t, lang);
        }
        h.raw("</ul>");
    }
    sources(h, &b.sources, lang);
}

fn link(h: &mut Html, data: &Dataset, a: &Agreement, at: &Date, lang: Lang) {
    let status = a.status(at);
    h.raw(r#"<p class="sm-kind">"#).text(term(&a.kind, lang));
    let class = if status == Status::Former {
        "sm-status is-former"
    } else {
        "sm-status"
    };
    h.raw(" ").el("span", class, status_word(status, lang));
    unverified(h, a.verified, lang);
    h.raw("</p>");
    h.el(
        "p",
        "",
        &format!(
            "{}: {}",
            Text::Parties.get(lang),
            names(data, &a.parties, lang)
        ),
    );
    summary(h, &a.summary, lang);
    h.raw(r#"<ul class="sm-facts">"#);
    dated(h, Text::Signed, a.signed.as_ref(), lang);
    dated(h, Text::InForce, a.in_force.as_ref(), lang);
    if status == Status::Former {
        dated(h, Text::Ended, a.ended.as_ref(), lang);
    }
    h.raw("</ul>");
    sources(h, &a.sources, lang);
}

/// Everything the map shows, as tables for the date and layers: bases, agreements, countries,
/// with the same facts and sources as the panel. Country names are buttons that select them.
pub fn tables_html(
    data: &Dataset,
    visible: &crate::view::state::Visible,
    countries: &[(String, Localized)],
    at: &Date,
    lang: Lang,
) -> String {
    use crate::view::names::country_name;
    use crate::view::shown::{agreement_shown, shown_layer, symbol_count};
    let mut h = Html::new();
    let head = |h: &mut Html, caption: &str, cols: &[&str]| {
        h.raw("<table><caption>")
            .text(caption)
            .raw("</caption><thead><tr>");
        for c in cols {
            h.raw(r#"<th scope="col">"#).text(c).raw("</th>");
        }
        h.raw("</tr></thead><tbody>");
    };
    let (status_h, sources_h) = match lang {
        Lang::En => ("Status", "Sources"),
        Lang::Fr => ("Statut", "Sources"),
    };
    if visible.bases {
        let cols = match lang {
            Lang::En => [
                "Base",
                "Host",
                "Operated by",
                "Troops at the base",
                status_h,
                sources_h,
            ],
            Lang::Fr => [
                "Base",
                "Pays hôte",
                "Exploitée par",
                "Militaires sur la base",
                status_h,
                sources_h,
            ],
        };
        head(&mut h, Text::ForeignBases.get(lang), &cols);
        for b in data
            .bases
            .iter()
            .filter(|b| shown_layer(data, b, visible, at).is_some())
        {
            let status = b.status(at);
            let host = data
                .country(&b.host)
                .map_or(b.host.as_str(), |c| c.name.get(lang));
            h.raw("<tr><th scope=\"row\">")
                .text(b.name.get(lang))
                .raw("</th>")
                .el("td", "", &format!("{host} ({})", b.city))
                .el("td", "", &names(data, &b.operators, lang));
            let count = b.count(Scope::Base, at);
            h.raw("<td>");
            match (count, symbol_count(b, at)) {
                (Some(t), Some(_)) => {
                    h.text(&format!(
                        "{} {}",
                        troops(t.amount, &t.qualifier, lang),
                        as_of(&t.as_of, lang)
                    ));
                    unverified(&mut h, t.verified, lang);
                }
                _ => {
                    h.text("—");
                }
            }
            h.raw("</td><td>");
            status_line(&mut h, status, b.closed.as_ref(), lang);
            unverified(&mut h, b.verified, lang);
            h.raw("</td><td>");
            sources(&mut h, &b.sources, lang);
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }
    if visible.links {
        let cols = match lang {
            Lang::En => ["Agreement", "Parties", "Kind", "Dates", status_h, sources_h],
            Lang::Fr => ["Accord", "Parties", "Type", "Dates", status_h, sources_h],
        };
        head(&mut h, Text::Agreements.get(lang), &cols);
        for a in data
            .agreements
            .iter()
            .filter(|a| agreement_shown(data, a, visible, at))
        {
            let status = a.status(at);
            let mut dates = Vec::new();
            for (label, d) in [(Text::Signed, &a.signed), (Text::InForce, &a.in_force)] {
                if let Some(d) = d {
                    dates.push(format!("{} {}", label.get(lang), long_date(&d.date, lang)));
                }
            }
            if let (Status::Former, Some(d)) = (status, &a.ended) {
                dates.push(format!(
                    "{} {}",
                    Text::Ended.get(lang),
                    long_date(&d.date, lang)
                ));
            }
            h.raw("<tr><th scope=\"row\">")
                .text(a.name.get(lang))
                .raw("</th>")
                .el("td", "", &names(data, &a.parties, lang))
                .el("td", "", term(&a.kind, lang))
                .el("td", "", &dates.join("; "))
                .raw("<td>")
                .text(status_word(status, lang));
            unverified(&mut h, a.verified, lang);
            h.raw("</td><td>");
            sources(&mut h, &a.sources, lang);
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }
    let cols = match lang {
        Lang::En => ["Country", "On the map"],
        Lang::Fr => ["Pays", "Sur la carte"],
    };
    head(&mut h, Text::Countries.get(lang), &cols);
    for (iso, name) in countries {
        let full = country_name(data, iso, name.get(lang), at, lang);
        // A char pattern, not " — ": a string pattern brings core's two-way searcher (2 KB of wasm).
        let facts = full.split_once('—').map_or("", |(_, f)| f.trim_start());
        h.raw(r#"<tr><th scope="row"><button type="button" class="sm-open" data-open-country=""#)
            .text(iso)
            .raw(r#"">"#)
            .text(name.get(lang))
            .raw("</button></th>")
            .el("td", "", facts)
            .raw("</tr>");
    }
    h.raw("</tbody></table>");
    h.0
}
