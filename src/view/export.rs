//! "Get the data": what the map shows for a date and set of layers, as CSV, one file per table
//! (RFC 4180: comma-separated, fields with a comma, quote or line break quoted). Pure; the
//! loader turns the text into a download.

use crate::dataset::{Dataset, Date, Dated, Scope, Source, Status};
use crate::i18n::Lang;
use crate::view::shown::{agreement_shown, country_counts, shown_layer};
use crate::view::state::Visible;

/// Rows to CSV text, CRLF line ends as RFC 4180 has them. A text that a spreadsheet would read
/// as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with
/// a leading `'`, so it stays text (OWASP's advice on CSV injection); numbers are left alone.
///
/// ```
/// use sahel_map::view::export::csv;
/// let rows = vec![vec!["a".to_string(), "b, c".to_string()], vec!["\"q\"".to_string(), String::new()]];
/// assert_eq!(csv(&rows), "a,\"b, c\"\r\n\"\"\"q\"\"\",\r\n");
/// let risky = vec![vec!["=1+1".to_string(), "-0.5".to_string(), "@x".to_string()]];
/// assert_eq!(csv(&risky), "'=1+1,-0.5,'@x\r\n");
/// ```
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, field) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let guard = if formula_like(field) { "'" } else { "" };
            if field.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(guard);
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(guard);
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// Whether a spreadsheet would take `field` for a formula: it begins with one of OWASP's
/// trigger characters and is not a plain number such as `-0.00560`.
fn formula_like(field: &str) -> bool {
    let Some(first) = field.chars().next() else {
        return false;
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return false;
    }
    let digits = field[1..].trim_start_matches(|c: char| c.is_ascii_digit());
    let number = field.len() > 1
        && matches!(first, '-' | '+')
        && field[1..].starts_with(|c: char| c.is_ascii_digit())
        && (digits.is_empty()
            || digits
                .strip_prefix('.')
                .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())));
    !number
}

/// A coordinate with five decimals, written from integers (no float formatting in the wasm).
///
/// ```
/// use sahel_map::view::export::degrees;
/// assert_eq!(degrees(8.01389), "8.01389");
/// assert_eq!(degrees(-0.0056), "-0.00560");
/// ```
pub fn degrees(v: f64) -> String {
    crate::carto::fixed::fixed(v, 5, false)
}

fn date(d: Option<&Dated>) -> String {
    d.map(|d| d.date.to_string()).unwrap_or_default()
}

fn urls(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| s.url.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn status(s: Status) -> String {
    match s {
        Status::Active => "active",
        Status::Former => "former",
        Status::NotYet => "not yet",
    }
    .to_string()
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// One row per base on the map: started by `at`, in a layer that is on.
pub fn bases_csv(data: &Dataset, visible: &Visible, at: &Date, lang: Lang) -> String {
    let mut rows = vec![[
        "id",
        "name",
        "host",
        "city",
        "lon",
        "lat",
        "operators",
        "kind",
        "opened",
        "closed",
        "status",
        "troops",
        "troops_max",
        "troops_qualifier",
        "troops_as_of",
        "troops_verified",
        "verified",
        "sources",
    ]
    .map(String::from)
    .to_vec()];
    for b in data
        .bases
        .iter()
        .filter(|b| visible.bases && shown_layer(data, b, visible, at).is_some())
    {
        let count = b.count(Scope::Base, at);
        let (n, max) = match count.map(|t| t.amount) {
            Some(crate::dataset::Amount::Exact(n)) => (n.to_string(), String::new()),
            Some(crate::dataset::Amount::Range { min, max }) => (min.to_string(), max.to_string()),
            None => (String::new(), String::new()),
        };
        rows.push(vec![
            b.id.clone(),
            b.name.get(lang).to_string(),
            b.host.clone(),
            b.city.clone(),
            degrees(b.at[0]),
            degrees(b.at[1]),
            b.operators.join(" "),
            b.kind.clone(),
            date(b.opened.as_ref()),
            date(b.closed.as_ref().filter(|c| c.date <= *at)),
            status(b.status(at)),
            n,
            max,
            count.map(|t| t.qualifier.clone()).unwrap_or_default(),
            count.map(|t| t.as_of.to_string()).unwrap_or_default(),
            count.map(|t| yes(t.verified)).unwrap_or_default(),
            yes(b.verified),
            urls(&b.sources),
        ]);
    }
    csv(&rows)
}

/// One row per agreement on the map: signed by `at`, with a party in a layer that is on.
pub fn agreements_csv(data: &Dataset, visible: &Visible, at: &Date, lang: Lang) -> String {
    let mut rows = vec![[
        "id", "name", "parties", "kind", "signed", "in_force", "ended", "status", "verified",
        "sources",
    ]
    .map(String::from)
    .to_vec()];
    for a in data
        .agreements
        .iter()
        .filter(|a| visible.links && agreement_shown(data, a, visible, at))
    {
        rows.push(vec![
            a.id.clone(),
            a.name.get(lang).to_string(),
            a.parties.join(" "),
            a.kind.clone(),
            date(a.signed.as_ref()),
            date(a.in_force.as_ref()),
            date(a.ended.as_ref().filter(|e| e.date <= *at)),
            status(a.status(at)),
            yes(a.verified),
            urls(&a.sources),
        ]);
    }
    csv(&rows)
}

/// One row per country the dataset describes, with what the map holds for it on `at`.
pub fn countries_csv(data: &Dataset, at: &Date, lang: Lang) -> String {
    let mut rows = vec![[
        "iso3",
        "name",
        "capital",
        "government",
        "government_as_of",
        "leader",
        "leader_as_of",
        "foreign_bases_active",
        "agreements_in_force",
    ]
    .map(String::from)
    .to_vec()];
    for c in &data.countries {
        let (bases, agreements) = country_counts(data, &c.iso3, at);
        rows.push(vec![
            c.iso3.clone(),
            c.name.get(lang).to_string(),
            c.capital.name.get(lang).to_string(),
            c.government.text.get(lang).to_string(),
            c.government.as_of.to_string(),
            c.leader.name.clone(),
            c.leader.as_of.to_string(),
            bases.to_string(),
            agreements.to_string(),
        ]);
    }
    csv(&rows)
}
