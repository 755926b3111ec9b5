//! Non-text contrast (WCAG 2.2, 1.4.11): every partner colour, the focus ring and the selected
//! country stand out at least 3:1 from what they are drawn on, in the light and the dark theme.
//! The colours are read from www/widget.css, where each is one `light-dark()` pair.
// Native only: reads JSON with serde_json (or files) on the machine.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

fn palette() -> HashMap<String, [[f64; 3]; 2]> {
    let css = std::fs::read_to_string("www/widget.css").unwrap();
    let mut out = HashMap::new();
    for line in css.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("--sahel-map-") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(':') else {
            continue;
        };
        let Some(pair) = value.trim().strip_prefix("light-dark(") else {
            continue;
        };
        let pair = pair.trim_end_matches(");");
        let (light, dark) = pair.split_once(',').unwrap();
        out.insert(name.to_string(), [rgb(light.trim()), rgb(dark.trim())]);
    }
    out
}

fn rgb(hex: &str) -> [f64; 3] {
    let h = hex.trim_start_matches('#');
    let v = |i: usize| f64::from(u8::from_str_radix(&h[i..i + 2], 16).unwrap()) / 255.0;
    [v(0), v(2), v(4)]
}

fn luminance([r, g, b]: [f64; 3]) -> f64 {
    let lin = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn partner_colours_focus_and_selection_stand_out_in_both_themes() {
    let p = palette();
    let grounds = ["land", "land-core", "water", "context", "background"];
    let mut low = Vec::new();
    let mut check = |fg: &str, bg: &str| {
        for (theme, i) in [("light", 0), ("dark", 1)] {
            let ratio = contrast(p[fg][i], p[bg][i]);
            if ratio < 3.0 {
                low.push(format!("{fg} on {bg}, {theme}: {ratio:.2}"));
            }
        }
    };
    let partners: Vec<String> = (0..11).map(|i| format!("c{i}")).collect();
    assert!(
        partners.iter().all(|c| p.contains_key(c)),
        "a partner colour is missing"
    );
    for c in &partners {
        for g in grounds {
            check(c, g);
        }
    }
    for g in ["land", "land-core", "water"] {
        check("focus", g);
        check("accent", g);
    }
    assert!(low.is_empty(), "below 3:1:\n{}", low.join("\n"));
}
