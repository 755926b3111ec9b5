//! The controls around the map as markup, pure: the credit line, the layer switches, the hint
//! of an empty panel, and the first frame — what the element shows, with the poster in the
//! map's place, before the wasm is ready. The first frame is built from the same pieces as the
//! widget and laid out by the same stylesheet, so the swap to the live widget moves nothing.

use crate::dataset::Dataset;
use crate::i18n::{long_date, Lang, Text};
use crate::view::key::legend_html;
use crate::view::links::is_bloc;
use crate::view::markup::escape_into;
use crate::view::scene::DrawnMap;
use crate::view::state::Visible;
use crate::view::symbols::Shape;
use std::fmt::Write;

/// The source line: boundaries, and the dataset's title, version and as-of date (plain text).
pub fn credit(data: &Dataset, lang: Lang) -> String {
    // French sets a space before a colon.
    let colon = if lang == Lang::Fr { " :" } else { ":" };
    format!(
        "{} · {}{colon} {}, {} {}, {} {}",
        Text::Credit.get(lang),
        Text::Data.get(lang),
        data.title.get(lang),
        Text::Version.get(lang),
        data.version,
        Text::AsOf.get(lang),
        long_date(&data.as_of, lang)
    )
}

/// What the details panel says while nothing is selected.
pub fn hint_html(lang: Lang) -> String {
    let mut h = String::from(r#"<p class="sm-hint">"#);
    escape_into(Text::DetailsHint.get(lang), &mut h);
    h.push_str("</p>");
    h
}

/// How many partner and bloc switches show before "More": with bases and links, six.
pub const PARTNERS_SHOWN: usize = 3;
pub const BLOCS_SHOWN: usize = 1;

/// The layer switches: bases and links; then the partners and the regional blocs (layers that
/// [`is_bloc`]), each group's first few shown and the rest behind one "More" disclosure; each
/// an `input[data-layer]` with the layer's colour and shape, checked as in `visible`.
///
/// ```
/// # let data = sahel_map::dataset::load_dataset(sahel_map::dataset::BUNDLED).unwrap();
/// use sahel_map::{i18n::Lang, view::controls::layers_html, view::state::Visible};
/// let html = layers_html(&data, &Visible::new(&data, Some(&["rus".into()])), Lang::En);
/// assert!(html.contains(r#"data-layer="rus" checked"#));
/// assert!(html.contains(r#"data-layer="usa">"#));
/// ```
pub fn layers_html(data: &Dataset, visible: &Visible, lang: Lang) -> String {
    let mut h = String::from(r#"<fieldset class="sm-layers"><legend>"#);
    escape_into(Text::Layers.get(lang), &mut h);
    h.push_str(r#"</legend><div class="sm-layer-kinds">"#);
    let switch = |h: &mut String, id: &str, on: bool, slot: Option<usize>, name: &str| {
        h.push_str(r#"<label class="sm-layer"><input type="checkbox" data-layer=""#);
        escape_into(id, h);
        h.push_str(if on { "\" checked>" } else { "\">" });
        if let Some(slot) = slot {
            let _ = write!(
                h,
                r#"<svg class="sm-swatch" viewBox="-8 -8 16 16" aria-hidden="true"><path class="sm-sym sm-c{slot}" d="{}"/></svg>"#,
                Shape::for_slot(slot).path([0.0, 0.0], 5.5)
            );
        }
        h.push_str("<span>");
        escape_into(name, h);
        h.push_str("</span></label>");
    };
    switch(&mut h, "bases", visible.bases, None, Text::Bases.get(lang));
    switch(&mut h, "links", visible.links, None, Text::Links.get(lang));
    h.push_str("</div>");
    let (blocs, partners): (Vec<usize>, Vec<usize>) =
        (0..data.layers.len()).partition(|&l| is_bloc(data, l));
    let group = |h: &mut String, class: &str, name: Text, layers: &[usize]| {
        if layers.is_empty() {
            return;
        }
        let _ = write!(h, r#"<fieldset class="sm-layer-group {class}"><legend>"#);
        escape_into(name.get(lang), h);
        h.push_str("</legend>");
        for &l in layers {
            let layer = &data.layers[l];
            switch(
                h,
                &layer.id,
                visible.layer_on(l),
                Some(l),
                layer.name.get(lang),
            );
        }
        h.push_str("</fieldset>");
    };
    let (p_shown, p_more) = partners.split_at(partners.len().min(PARTNERS_SHOWN));
    let (b_shown, b_more) = blocs.split_at(blocs.len().min(BLOCS_SHOWN));
    group(&mut h, "is-partners", Text::Partners, p_shown);
    group(&mut h, "is-blocs", Text::Blocs, b_shown);
    if !p_more.is_empty() || !b_more.is_empty() {
        h.push_str(r#"<details class="sm-layer-more"><summary>"#);
        escape_into(Text::MoreLayers.get(lang), &mut h);
        let _ = write!(
            h,
            r#" ({})</summary><div class="sm-layer-more-body">"#,
            p_more.len() + b_more.len()
        );
        group(&mut h, "is-partners", Text::Partners, p_more);
        group(&mut h, "is-blocs", Text::Blocs, b_more);
        h.push_str("</div></details>");
    }
    h.push_str("</fieldset>");
    h
}

/// The first frame for `lang`: the widget's layout with the poster (`poster_height` tall, the
/// map's part at the top) in the map's box, the credit, the
/// timeline's place, the share row, the layer switches, the key and the panel's hint — inert
/// until the live widget takes its place. The loader points the `<image>` at the poster.
pub fn first_frame_html(data: &Dataset, lang: Lang, map: &DrawnMap, poster_height: f64) -> String {
    let visible = Visible::new(data, None);
    let t = |text: Text| {
        let mut s = String::new();
        escape_into(text.get(lang), &mut s);
        s
    };
    let mut credit_text = String::new();
    escape_into(&credit(data, lang), &mut credit_text);
    format!(
        concat!(
            r#"<p class="sm-announce" role="status">{loading}</p>"#,
            r#"<div class="sm sm-first" lang="{code}" inert>"#,
            r#"<div class="sm-body"><figure class="sm-figure">"#,
            r#"<div class="sm-mapbox"><svg class="sm-map" viewBox="{view_box}" aria-hidden="true">"#,
            r#"<image class="sm-poster" width="{w}" height="{ph}"/></svg></div>"#,
            r#"<figcaption class="sm-credit">{credit_text}</figcaption></figure>"#,
            r#"<div class="sm-side">"#,
            r#"<div class="sm-timeline"><div class="sm-timeline-row">{loading}</div><p class="sm-when"></p></div>"#,
            r#"<section class="sm-details">{hint}</section>"#,
            r#"<div class="sm-share"><button type="button" class="sm-copy">{copy}</button></div>"#,
            r#"<div class="sm-layers-box">{layers}</div>"#,
            r#"<details class="sm-legend" open><summary>{key}</summary><div class="sm-legend-body">{legend}</div></details>"#,
            r#"</div></div>"#,
            r#"<div class="sm-tables-box"><button type="button" class="sm-tables-toggle">{tables}</button></div>"#,
            r#"</div>"#
        ),
        loading = t(Text::Loading),
        code = lang.code(),
        view_box = map.view_box(),
        w = map.width as i32,
        ph = poster_height as i32,
        credit_text = credit_text,
        copy = t(Text::CopyLink),
        layers = layers_html(data, &visible, lang),
        key = t(Text::Key),
        legend = legend_html(lang, 1.0),
        hint = hint_html(lang),
        tables = t(Text::ShowTables),
    )
}
