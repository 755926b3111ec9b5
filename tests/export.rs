//! "Get the data": the CSV files a reader downloads, on a fixture.
// Native only: reads JSON with serde_json (or files) on the machine.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use sahel_map::dataset::{read_dataset, Date};
use sahel_map::i18n::Lang;
use sahel_map::view::export::{agreements_csv, bases_csv, countries_csv};
use sahel_map::view::state::Visible;
use serde_json::json;

/// A dataset whose texts are spreadsheet formulas opens as text, not as live formulas.
#[test]
fn formulas_in_the_data_stay_text() {
    let formula = r#"=HYPERLINK("http://x","y")"#;
    let mut v = common::mutated("/bases/0/name/en", json!(formula));
    *v.pointer_mut("/bases/0/city").unwrap() = json!("@SUM(A1:A2)");
    *v.pointer_mut("/agreements/0/name/en").unwrap() = json!("+cmd|' /C calc'!A0");
    *v.pointer_mut("/countries/0/name/en").unwrap() = json!("-2+3");
    let data = read_dataset(&v).expect("the formulas are valid text");
    let at = Date::parse("2024-01-01").unwrap();
    let visible = Visible::new(&data, None);

    let bases = bases_csv(&data, &visible, &at, Lang::En);
    // Quoted (it holds commas and quotes) and guarded inside the quotes.
    assert!(
        bases.contains(r#""'=HYPERLINK(""http://x"",""y"")""#),
        "{bases}"
    );
    assert!(bases.contains(",'@SUM(A1:A2),"), "{bases}");
    let agreements = agreements_csv(&data, &visible, &at, Lang::En);
    assert!(agreements.contains("'+cmd|"), "{agreements}");
    let countries = countries_csv(&data, &at, Lang::En);
    assert!(countries.contains("'-2+3"), "{countries}");

    // No cell of any file begins with a trigger character, numbers aside.
    for file in [&bases, &agreements, &countries] {
        common::no_formulas(file);
    }
    // Negative coordinates stay numbers.
    let west = common::mutated("/bases/0/at", json!([-3.5, 16.95]));
    let data = read_dataset(&west).unwrap();
    let csv = bases_csv(&data, &Visible::new(&data, None), &at, Lang::En);
    assert!(csv.contains(",-3.50000,"), "{csv}");
}
