//! `cargo xtask data-report`: every record of geodata/sahel.json with its verification status and
//! how many sources back it, for an editor's review before publishing. Printed and written to
//! target/data-report.md.

use crate::util::root;
use anyhow::{bail, Result};
use sahel_map::dataset::{load_dataset, Amount, Dataset, Dated, Scope, Source, SourceKind};
use std::fmt::Write;

pub fn data_report() -> Result<()> {
    let text = std::fs::read_to_string(root().join("geodata/sahel.json"))?;
    let data = match load_dataset(&text) {
        Ok(d) => d,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            bail!("geodata/sahel.json has problems:\n{}", list.join("\n"));
        }
    };
    let report = report(&data);
    print!("{report}");
    let out = root().join("target/data-report.md");
    std::fs::create_dir_all(out.parent().expect("in target"))?;
    std::fs::write(&out, &report)?;
    eprintln!("written to {}", out.display());
    Ok(())
}

fn mark(verified: bool) -> &'static str {
    if verified {
        "verified"
    } else {
        "**NOT VERIFIED**"
    }
}

fn dated(label: &str, d: &Option<Dated>) -> String {
    d.as_ref().map_or_else(String::new, |d| {
        format!(
            "{label} {} ({}, {} sources)",
            d.date,
            mark(d.verified),
            d.sources.len()
        )
    })
}

/// The report as Markdown.
pub fn report(d: &Dataset) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Dataset review: {} (version {}, as of {})\n",
        d.title.en, d.version, d.as_of
    );
    standing(&mut out, d);
    let _ = writeln!(out, "\n## Bases ({})\n", d.bases.len());
    let _ = writeln!(
        out,
        "| id | host | place | dates | troop counts |\n|---|---|---|---|---|"
    );
    for b in &d.bases {
        let counts: Vec<String> = b
            .troops
            .iter()
            .map(|t| {
                let amount = match t.amount {
                    Amount::Exact(n) => n.to_string(),
                    Amount::Range { min, max } => format!("{min}–{max}"),
                };
                let scope = match t.scope {
                    Scope::Base => "base",
                    Scope::Country => "country",
                    Scope::Mission => "mission",
                };
                format!(
                    "{} {amount} ({scope}, {}; {}, {} sources)",
                    t.qualifier,
                    t.as_of,
                    mark(t.verified),
                    t.sources.len()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} ({}) | {} {} | {} |",
            b.id,
            b.host,
            b.city,
            mark(b.at_verified),
            dated("opened", &b.opened),
            dated("closed", &b.closed),
            counts.join("<br>")
        );
    }
    let _ = writeln!(out, "\n## Agreements ({})\n", d.agreements.len());
    let _ = writeln!(
        out,
        "| id | parties | status | dates | record |\n|---|---|---|---|---|"
    );
    for a in &d.agreements {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} {} {} | {}, {} sources |",
            a.id,
            a.parties.join(", "),
            a.status,
            dated("signed", &a.signed),
            dated("in force", &a.in_force),
            dated("ended", &a.ended),
            mark(a.verified),
            a.sources.len()
        );
    }
    let _ = writeln!(out, "\n## Countries ({})\n", d.countries.len());
    for c in &d.countries {
        let _ = writeln!(
            out,
            "- {} — capital {} ({}); leader {} since {} ({}, {} sources); government as of {} ({} sources); {} coups",
            c.iso3,
            c.capital.name.en,
            mark(c.capital.verified),
            c.leader.name,
            c.leader.since,
            mark(c.leader.verified),
            c.leader.sources.len(),
            c.government.as_of,
            c.government.sources.len(),
            c.coups.len()
        );
    }
    let _ = writeln!(out, "\n## Events ({})\n", d.events.len());
    for e in &d.events {
        let _ = writeln!(
            out,
            "- {} {} — {} ({}, {} sources)",
            e.date,
            e.id,
            e.title.en,
            mark(e.verified),
            e.sources.len()
        );
    }
    let unverified = d.bases.iter().filter(|b| !b.at_verified).count()
        + d.bases
            .iter()
            .flat_map(|b| &b.troops)
            .filter(|t| !t.verified)
            .count()
        + d.agreements.iter().filter(|a| !a.verified).count()
        + d.events.iter().filter(|e| !e.verified).count();
    let _ = writeln!(
        out,
        "\n{unverified} values are not independently verified; the widget marks each of them."
    );
    out
}

/// Every source a record cites, at any depth (its dates, counts, place and its own list).
fn record_sources(d: &Dataset) -> Vec<(String, bool, Vec<&Source>)> {
    fn dated(x: &Option<Dated>) -> impl Iterator<Item = &Source> {
        x.iter().flat_map(|x| &x.sources)
    }
    let mut records = Vec::new();
    for c in &d.countries {
        let mut s: Vec<&Source> = c.capital.sources.iter().collect();
        s.extend(&c.government.sources);
        s.extend(&c.leader.sources);
        s.extend(c.coups.iter().flat_map(|x| &x.sources));
        let verified = c.leader.verified && c.coups.iter().all(|x| x.verified);
        records.push((format!("country {}", c.iso3), verified, s));
    }
    for b in &d.bases {
        let mut s: Vec<&Source> = b.sources.iter().chain(&b.at_sources).collect();
        s.extend(dated(&b.opened));
        s.extend(dated(&b.closed));
        s.extend(b.troops.iter().flat_map(|t| &t.sources));
        records.push((format!("base {}", b.id), b.verified, s));
    }
    for a in &d.agreements {
        let mut s: Vec<&Source> = a.sources.iter().collect();
        s.extend(dated(&a.signed));
        s.extend(dated(&a.in_force));
        s.extend(dated(&a.ended));
        records.push((format!("agreement {}", a.id), a.verified, s));
    }
    for e in &d.events {
        records.push((
            format!("event {}", e.id),
            e.verified,
            e.sources.iter().collect(),
        ));
    }
    records
}

/// The records by their strongest source, weakest first (then fewest sources that are not
/// weak), so an editor sees at a glance what to shore up.
fn standing(out: &mut String, d: &Dataset) {
    /// A record's strongest source, its count of sources that are not weak, and the record.
    type Row<'a> = (Option<SourceKind>, usize, String, bool, Vec<&'a Source>);
    let mut rows: Vec<Row> = record_sources(d)
        .into_iter()
        .map(|(name, verified, sources)| {
            let strongest = sources.iter().map(|s| s.kind).max();
            let firm = sources.iter().filter(|s| !s.kind.is_weak()).count();
            (strongest, firm, name, verified, sources)
        })
        .collect();
    rows.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    let _ = writeln!(
        out,
        "## Records by their strongest source, weakest first\n\n\
         | record | strongest source | sources by kind | record |\n|---|---|---|---|"
    );
    for (strongest, _, name, verified, sources) in &rows {
        let kinds: Vec<String> = SourceKind::ALL
            .iter()
            .filter_map(|(n, k)| {
                let count = sources.iter().filter(|s| s.kind == *k).count();
                (count > 0).then(|| format!("{count} {n}"))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} |",
            strongest.map_or("none", SourceKind::name),
            kinds.join(", "),
            mark(*verified)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_record_with_its_verification_and_sources() {
        let text =
            std::fs::read_to_string(root().join("tests/fixtures/dataset-minimal.json")).unwrap();
        let report = report(&load_dataset(&text).unwrap());
        assert!(report.contains("| base-a | NER | Agadez (verified) | opened 2019-11 (verified, 1 sources) closed 2024-08-05"));
        // The unverified range shows as such, with its scope.
        assert!(
            report.contains("about 500–700 (base, 2024-03; **NOT VERIFIED**, 1 sources)"),
            "{report}"
        );
        assert!(report.contains("| deal | usa, ner | ended |"));
        assert!(report.contains("- 2023-07-26 coup — Coup (verified, 1 sources)"));
        assert!(report.contains("1 values are not independently verified"));
    }

    #[test]
    fn ranks_records_by_their_strongest_source_weakest_first() {
        let text =
            std::fs::read_to_string(root().join("tests/fixtures/dataset-minimal.json")).unwrap();
        let mut data = load_dataset(&text).unwrap();
        // The coup event rests on a copy; the agreement on state media and a newspaper.
        data.events[0].sources[0].kind = SourceKind::Copy;
        data.agreements[0].sources[0].kind = SourceKind::StateMedia;
        let copy = data.agreements[0].sources[0].clone();
        data.agreements[0].sources.push(copy);
        data.agreements[0].sources[1].kind = SourceKind::Official;
        let report = report(&data);
        let row = |name: &str| report.find(&format!("| {name} |")).unwrap();
        assert!(
            report.contains("| event coup | copy | 1 copy |"),
            "{report}"
        );
        assert!(row("event coup") < row("base base-a"), "{report}");
        assert!(row("base base-a") < row("agreement deal"), "{report}");
        assert!(
            report.contains("| agreement deal | official | 1 state-media, "),
            "{report}"
        );
    }
}
