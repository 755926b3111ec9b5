//! Shared by the native tests: the minimal valid fixture and copies of it with one value
//! changed, every selection a dataset offers, and CSV read back as a spreadsheet reads it.
// Each test file uses its own part of this.
#![allow(dead_code)]

use serde_json::Value;

pub fn minimal() -> Value {
    serde_json::from_str(include_str!("../fixtures/dataset-minimal.json")).unwrap()
}

/// The minimal fixture with `pointer` set to `value` (Null removes the member).
pub fn mutated(pointer: &str, value: Value) -> Value {
    let mut v = minimal();
    if value.is_null() {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        v.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
    } else {
        *v.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value;
    }
    v
}

/// Every country, base, link and site of `data` as a selection.
pub fn every_selection(
    data: &sahel_map::dataset::Dataset,
    overlay: &sahel_map::view::overlay::Overlay,
) -> Vec<sahel_map::view::state::Selection> {
    use sahel_map::view::state::Selection;
    data.countries
        .iter()
        .map(|c| Selection::Country(c.iso3.clone()))
        .chain(data.bases.iter().map(|b| Selection::Base(b.id.clone())))
        .chain(
            data.agreements
                .iter()
                .map(|a| Selection::Link(a.id.clone())),
        )
        .chain(overlay.sites.iter().map(|s| Selection::Site(s.id.clone())))
        .chain(overlay.pairs.iter().map(|p| Selection::Link(p.id.clone())))
        .chain(data.layers.iter().map(|l| Selection::Partner(l.id.clone())))
        .collect()
}

/// RFC 4180 rows, unquoted, as a spreadsheet reads them.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows
}

/// No cell of a CSV file would be taken for a formula by a spreadsheet, numbers aside.
pub fn no_formulas(text: &str) {
    for row in parse_csv(text) {
        for cell in row {
            let number = cell.parse::<f64>().is_ok() && !cell.contains(['\t', '\r', '\n']);
            assert!(
                number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would be read as a formula"
            );
        }
    }
}
