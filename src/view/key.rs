//! The key, as HTML: symbol sizes with real numbers, the states of a symbol, partner marks and
//! bloc areas, the link kinds.

use super::markup::escape_into;
use super::symbols::{radius, Shape};
use crate::carto::path::fmt_tenths;
use crate::i18n::{number, Lang, Text};
use std::fmt::Write;

/// The key, as HTML: symbol sizes with real numbers, how a missing count, a former base, a site
/// and an unverified value look, and the link kinds. Partner colours and shapes are on the
/// layer switches.
pub fn legend_html(lang: Lang, scale: f64) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<p class="sm-legend-title">{}</p><ul>"#,
        Text::TroopsAtBase.get(lang)
    );
    // Nested circles for three counts, drawn at the map's symbol size in a box of the full
    // size, so the key's layout (and the first frame's) is the same at every width.
    let counts = [100, 500, 1000];
    let big = radius(Some(1000));
    let (w, hgt) = (2.0 * big + 2.0, 2.0 * big + 2.0);
    let _ = write!(
        h,
        r#"<li class="sm-legend-sizes"><svg width="{}" height="{}" aria-hidden="true">"#,
        fmt_tenths(w),
        fmt_tenths(hgt)
    );
    for n in counts.iter().rev() {
        let r = radius(Some(*n)) * scale;
        let _ = write!(
            h,
            r#"<circle class="sm-legend-size" cx="{}" cy="{}" r="{}"/>"#,
            fmt_tenths(big + 1.0),
            fmt_tenths(hgt - 1.0 - r),
            fmt_tenths(r)
        );
    }
    let numbers: Vec<String> = counts.iter().map(|n| number(*n, lang)).collect();
    let _ = write!(h, "</svg><span>{}</span></li>", numbers.join(" · "));
    let symbol = |class: &str| {
        format!(
            r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><g class="{class}"><path class="sm-sym" d="{}"/></g></svg>"#,
            Shape::Circle.path([0.0, 0.0], 6.0)
        )
    };
    let item = |h: &mut String, icon: String, text: &str| {
        let _ = write!(h, "<li>{icon}<span>");
        escape_into(text, h);
        h.push_str("</span></li>");
    };
    item(
        &mut h,
        symbol("sm-base sm-c6 is-uncounted"),
        Text::NoCount.get(lang),
    );
    item(
        &mut h,
        symbol("sm-base sm-c6 is-former"),
        Text::FormerKey.get(lang),
    );
    item(
        &mut h,
        format!(
            r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><circle class="sm-site-disc" r="8"/><path class="sm-sym sm-c6" d="{}"/><path class="sm-sym sm-c6" d="{}"/></svg>"#,
            Shape::Circle.path([-3.0, 0.0], 2.5),
            Shape::Circle.path([3.0, 0.0], 2.5)
        ),
        Text::SiteKey.get(lang),
    );
    item(
        &mut h,
        r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><circle class="sm-unverified-mark" r="3.5"/></svg>"#.to_string(),
        Text::Unverified.get(lang),
    );
    item(
        &mut h,
        format!(
            r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><path class="sm-sym sm-c0" d="{}"/><path class="sm-sym sm-c2" d="{}"/></svg>"#,
            Shape::for_slot(0).path([-4.5, 0.0], 3.5),
            Shape::for_slot(2).path([4.5, 0.0], 3.5)
        ),
        Text::MarksKey.get(lang),
    );
    item(
        &mut h,
        r#"<svg class="sm-legend-icon" viewBox="-9 -9 18 18" aria-hidden="true"><g class="sm-bloc sm-c5"><path class="sm-bloc-area" d="M-7-6H7V6H-7Z"/><path class="sm-bloc-line" stroke-width="2" d="M-7-6H7V6H-7Z"/></g></svg>"#.to_string(),
        Text::BlocKey.get(lang),
    );
    h.push_str("</ul>");
    h.push_str(r#"<p class="sm-legend-title">"#);
    escape_into(Text::LinesKey.get(lang), &mut h);
    h.push_str("</p><ul>");
    for (class, text) in [
        ("is-pact", Text::PactKey),
        ("is-agreement", Text::AgreementKey),
        ("is-mou", Text::MemoKey),
        ("is-withdrawal", Text::WithdrawalKey),
        ("is-agreement is-former", Text::Ended),
    ] {
        item(
            &mut h,
            format!(
                r#"<svg class="sm-legend-line" viewBox="0 0 28 10" aria-hidden="true"><g class="sm-link {class}"><path class="sm-arc sm-c6" d="M2 5L26 5"/></g></svg>"#
            ),
            text.get(lang),
        );
    }
    h.push_str("</ul>");
    h
}
