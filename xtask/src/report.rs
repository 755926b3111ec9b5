//! `cargo xtask data-report`: every record of geodata/sahel.json with its verification status and
//! how many sources back it, for an editor's review before publishing. Printed and written to
//! target/data-report.md.

use crate::util::root;
use anyhow::{bail, Result};
use sahel_map::dataset::{load_dataset, Amount, Dataset, Dated, Scope};
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
    let _ = writeln!(out, "## Bases ({})\n", d.bases.len());
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
}
