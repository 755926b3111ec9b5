//! The poster: the map as the widget first shows it (the bundled data, default layers, its
//! as-of date), drawn natively by the same `carto`, `scene` and `overlay` code into
//! `dist/sahel-map.svg`, and rasterised by `resvg` into `dist/sahel-map.png` for social cards
//! and `<noscript>`. Its colours are a theme's, written out, since a standalone SVG has no host
//! to inherit custom properties from; the element's first frame shows the poster in its own
//! language and theme (four files), and builds here too (`first_frames`).

use anyhow::{Context, Result};
use sahel_map::carto::frame::SAHEL;
use sahel_map::carto::path::Units;
use sahel_map::dataset::Dataset;
use sahel_map::dataset::{load_dataset, load_geodata};
use sahel_map::i18n::{Lang, Text};
use sahel_map::view::controls::{credit, first_frame_html};
use sahel_map::view::markup::escape_into;
use sahel_map::view::overlay::{Overlay, View};
use sahel_map::view::partners::{blocs_svg, marks_svg, partners_of};
use sahel_map::view::scene::DrawnMap;
use sahel_map::view::state::Visible;
use sahel_map::view::symbols::Shape;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// The light (or dark) value of every `--sahel-map-*: light-dark(light, dark)` in the widget's
/// stylesheet.
pub fn palette(css: &str, dark: bool) -> HashMap<String, String> {
    css.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("--sahel-map-")?;
            let (name, value) = rest.split_once(':')?;
            let pair = value.trim().strip_prefix("light-dark(")?;
            let (light, dark_value) = pair.split_once(',')?;
            let dark_value = dark_value
                .trim()
                .trim_end_matches(';')
                .trim_end_matches(')');
            let chosen = if dark { dark_value } else { light };
            Some((name.to_string(), chosen.trim().to_string()))
        })
        .collect()
}

/// The poster's stylesheet: the widget's classes with one theme's colours.
fn style(p: &HashMap<String, String>) -> String {
    let c = |name: &str| p.get(name).cloned().unwrap_or_else(|| "#888".into());
    let mut css = format!(
        ".sm-graticule{{fill:none;stroke:{};stroke-width:.75}}\
         .sm-context{{fill:{};stroke:{};stroke-width:.5}}\
         .sm-country{{fill:{};stroke:{};stroke-width:1;stroke-linejoin:round}}\
         .sm-country.is-core{{fill:{}}}\
         .sm-disputed-under{{fill:none;stroke:{};stroke-width:2}}\
         .sm-disputed{{fill:none;stroke:{};stroke-width:1.25;stroke-dasharray:4 3}}\
         .sm-capital{{fill:{};stroke:{};stroke-width:1}}\
         text{{font-family:'DejaVu Sans',Verdana,sans-serif}}\
         .sm-label{{fill:{};stroke:{};stroke-width:3px;stroke-linejoin:round;paint-order:stroke;text-anchor:middle;dominant-baseline:central}}\
         .sm-label.is-core{{fill:{};font-weight:600;stroke:{}}}\
         .sm-label.is-capital{{font-style:italic;stroke:{}}}\
         .sm-site-label{{fill:{};font-weight:600;text-anchor:middle;stroke:{};stroke-width:3px;paint-order:stroke}}\
         .sm-hit{{fill:none;stroke:none}}\
         .sm-sym,.sm-mark{{stroke:{};stroke-width:1}}\
         .sm-arc{{fill:none;stroke-width:1.75;stroke-linecap:round}}\
         .sm-link.is-pact .sm-arc{{stroke-width:3.5}}\
         .sm-link.is-mou .sm-arc{{stroke-dasharray:7 4}}\
         .sm-link.is-withdrawal .sm-arc{{stroke-width:2.5;stroke-dasharray:.5 5}}\
         .sm-link.is-former{{opacity:.4}}\
         .sm-bloc-area{{fill-opacity:.14;stroke:none}}\
         .sm-bloc-line{{fill:none;stroke-linejoin:round}}\
         .sm-site-disc{{fill:{};fill-opacity:.92;stroke:{};stroke-width:1.25}}\
         .sm-unverified-mark{{fill:{};stroke:{};stroke-width:1}}\
         .sm-key{{fill:{};fill-opacity:.92;stroke:{};stroke-width:1}}\
         .sm-key-text{{fill:{};font-size:12px}}\
         .sm-credit{{fill:{};font-size:12px}}",
        c("graticule"),
        c("context"),
        c("border"),
        c("land"),
        c("border"),
        c("land-core"),
        c("land"),
        c("muted"),
        c("text"),
        c("background"),
        c("label"),
        c("land"),
        c("label-core"),
        c("land-core"),
        c("land-core"),
        c("text"),
        c("background"),
        c("background"),
        c("background"),
        c("text"),
        c("background"),
        c("text"),
        c("background"),
        c("muted"),
        c("text"),
        c("muted"),
    );
    for i in 0..11 {
        let colour = c(&format!("c{i}"));
        let _ = write!(
            css,
            ".sm-c{i} .sm-sym,.sm-sym.sm-c{i},.sm-mark.sm-c{i}{{fill:{colour}}}\
             .sm-arc.sm-c{i}{{stroke:{colour}}}\
             .sm-bloc.sm-c{i} .sm-bloc-area{{fill:{colour}}}.sm-bloc.sm-c{i} .sm-bloc-line{{stroke:{colour}}}\
             .sm-base.sm-c{i}.is-former .sm-sym,.sm-sym.sm-c{i}.is-former{{fill:{bg};stroke:{colour};stroke-width:1.75}}\
             .sm-base.sm-c{i}.is-uncounted .sm-sym{{fill-opacity:.45;stroke:{colour};stroke-dasharray:2 1.5}}",
            bg = c("background")
        );
    }
    css
}

/// The poster's key line (the poster is the build's, so its words stay out of the wasm).
fn key_line(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Area ∝ troops at the base · hollow: closed or left · dashed: no count · marks under a name: partners in force · tinted: a bloc’s members",
        Lang::Fr => "Surface ∝ effectifs sur la base · creux : fermée ou quittée · tirets : sans effectif · marques sous un nom : partenaires actuels · teinte : membres d’un bloc",
    }
}

/// The poster's size: the map's, and the key strip under it.
pub const STRIP: f64 = 64.0;

/// The bundled dataset and the map of the bundled countries, as the widget draws them.
fn inputs(root: &Path) -> Result<(Dataset, DrawnMap)> {
    let geo = std::fs::read_to_string(root.join("geodata/countries.geojson"))?;
    let (geodata, _) = load_geodata(&geo).map_err(|p| anyhow::anyhow!("countries: {p:?}"))?;
    let text = std::fs::read_to_string(root.join("geodata/sahel.json"))?;
    let data = load_dataset(&text).map_err(|p| anyhow::anyhow!("sahel.json: {p:?}"))?;
    // The posters draw the map's lines in relative whole units: a third smaller once compressed,
    // within half a pixel at their size.
    let map = sahel_map::view::scene::draw_in(&geodata, &SAHEL, Units::RelativeWhole);
    Ok((data, map))
}

/// The element's first frame in each language, as a JSON object for the loader: the widget's
/// layout with the poster in the map's place (`controls::first_frame_html`).
pub fn first_frames(root: &Path) -> Result<String> {
    let [en, fr] = first_frame_pair(root)?;
    Ok(serde_json::json!({ "en": en, "fr": fr }).to_string())
}

/// The first frame in English and in French, as markup.
pub fn first_frame_pair(root: &Path) -> Result<[String; 2]> {
    let (data, map) = inputs(root)?;
    let poster_height = map.height as i32 as f64 + STRIP;
    let frame = |lang| first_frame_html(&data, lang, &map, poster_height);
    Ok([frame(Lang::En), frame(Lang::Fr)])
}

/// The poster in `lang` and the light (or dark) theme, as SVG text.
pub fn poster_svg(root: &Path, lang: Lang, dark: bool) -> Result<String> {
    let (data, map) = inputs(root)?;
    let palette = palette(&std::fs::read_to_string(root.join("www/widget.css"))?, dark);
    let overlay = Overlay::new(&data, &SAHEL);
    let visible = Visible::new(&data, None);
    let at = data.as_of.clone();
    // Drawn for a 1000 px wide image: one SVG unit a pixel.
    let ppu = 1.0;
    let view = View {
        data: &data,
        overlay: &overlay,
        at: &at,
        visible: &visible,
        lang,
        px_per_unit: ppu,
        symbol_scale: 1.0,
        inert: true,
    };
    let drawn = sahel_map::view::overlay::draw(&view);
    // The default view: no lines, each state's partners in force beside its name, blocs as areas.
    let marks = |iso: &str| partners_of(&view, iso).len();
    let names = sahel_map::view::labels::labels(
        &map,
        lang,
        ppu,
        &sahel_map::view::labels::estimate,
        &drawn.taken,
        &marks,
        [0.0, map.width],
    );
    let mut taken = drawn.taken.clone();
    taken.extend(names.iter().map(|l| l.rect));
    let (sites, _) = sahel_map::view::overlay::site_labels_svg(
        &drawn.site_labels,
        &taken,
        ppu,
        &sahel_map::view::labels::estimate,
        [0.0, map.width],
    );

    let (w, h) = (map.width as i32 as f64, map.height as i32 as f64);
    let strip = STRIP;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {hs}" width="{w}" height="{hs}" role="img" aria-label="{}"><style>{}</style><rect width="{w}" height="{h}" fill="{}"/>"#,
        Text::MapLabel.get(lang),
        style(&palette),
        palette.get("water").cloned().unwrap_or_default(),
        hs = h + strip,
    );
    let _ = write!(svg, r#"<path class="sm-graticule" d="{}"/>"#, map.graticule);
    let _ = write!(svg, r#"<path class="sm-context" d="{}"/>"#, map.context);
    svg.push_str(&map.countries_svg(true));
    svg.push_str(&blocs_svg(&view, &map));
    let _ = write!(
        svg,
        r#"<path class="sm-disputed-under" d="{0}"/><path class="sm-disputed" d="{0}"/>"#,
        map.disputed_borders
    );
    // Core names in capitals, as the widget's stylesheet sets them.
    let mut labels = sahel_map::view::labels::labels_svg(&names, ppu);
    for l in names
        .iter()
        .filter(|l| l.kind == sahel_map::view::labels::LabelKind::Core)
    {
        for line in &l.lines {
            let mut escaped = String::new();
            escape_into(line, &mut escaped);
            labels = labels.replace(
                &format!(">{escaped}<"),
                &format!(">{}<", escaped.to_uppercase()),
            );
        }
    }
    svg.push_str(&labels);
    svg.push_str(&sites);
    svg.push_str(&drawn.markup);
    svg.push_str(&marks_svg(&view, &names));

    // The key in a strip under the map: each partner's colour and shape, what the symbols and
    // lines mean, and the credit.
    let _ = write!(
        svg,
        r#"<rect class="sm-key" x="0" y="{h}" width="{w}" height="{strip}"/>"#
    );
    let mut x = 12.0;
    for (i, layer) in data
        .layers
        .iter()
        .enumerate()
        .filter(|(i, _)| visible.layers[*i])
    {
        let name = layer.name.get(lang);
        let _ = write!(
            svg,
            r#"<path class="sm-sym sm-c{i}" d="{}"/><text class="sm-key-text" x="{}" y="{}">"#,
            Shape::for_slot(i).path([x + 6.0, h + 16.0], 5.5),
            x + 15.0,
            h + 20.0
        );
        escape_into(name, &mut svg);
        svg.push_str("</text>");
        x += 15.0
            + sahel_map::view::labels::estimate(name, sahel_map::view::labels::LabelKind::Country)
                * 12.0
                / 11.0
            + 14.0;
    }
    let _ = write!(svg, r#"<text class="sm-key-text" x="12" y="{}">"#, h + 38.0);
    escape_into(key_line(lang), &mut svg);
    let _ = write!(
        svg,
        r#"</text><text class="sm-credit" x="12" y="{}">"#,
        h + 56.0
    );
    escape_into(&credit(&data, lang), &mut svg);
    svg.push_str("</text></svg>");
    Ok(without_unused_rules(&svg))
}

/// The poster with only the style rules its markup uses: the stylesheet is written for every
/// state of the map, and a reader's first frame fetches the poster, so each byte counts.
/// A rule stays when one of its selectors names only classes the markup has (selectors
/// without classes, such as `text`, always stay).
fn without_unused_rules(svg: &str) -> String {
    let (Some(open), Some(close)) = (svg.find("<style>"), svg.find("</style>")) else {
        return svg.to_string();
    };
    let (css, rest) = (&svg[open + 7..close], &svg[close..]);
    let markup = [&svg[..open], rest].concat();
    let classes = crate::prerender::classes_of(&markup);
    let used = |selector: &str| {
        selector
            .split(|c: char| c == '.' || c.is_whitespace())
            .skip(1)
            .filter(|name| !name.is_empty())
            .all(|name| classes.contains(&name))
            || !selector.contains('.')
    };
    let kept: String = css
        .split_inclusive('}')
        .filter(|rule| {
            let selectors = rule.split('{').next().unwrap_or("");
            selectors.split(',').any(used)
        })
        .collect();
    format!("{}<style>{kept}{rest}", &svg[..open])
}

/// The posters' file names, by language and theme: `sahel-map.svg` (English, light) keeps its
/// name for pages and social cards; the element shows the one for its language and theme until
/// it is ready.
pub fn file_name(lang: Lang, dark: bool) -> String {
    let lang = if lang == Lang::Fr { ".fr" } else { "" };
    let theme = if dark { ".dark" } else { "" };
    format!("sahel-map{lang}{theme}.svg")
}

/// Writes the posters for each language and theme, and dist/sahel-map.png (English, light,
/// twice the size, for sharp social cards).
pub fn write(root: &Path, dist: &Path) -> Result<()> {
    for lang in [Lang::En, Lang::Fr] {
        for dark in [false, true] {
            std::fs::write(
                dist.join(file_name(lang, dark)),
                poster_svg(root, lang, dark)?,
            )?;
        }
    }
    let svg = poster_svg(root, Lang::En, false)?;
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(&svg, &options).context("the poster SVG")?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width() * 2, size.height() * 2)
        .context("a pixmap for the poster")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    pixmap
        .save_png(dist.join("sahel-map.png"))
        .context("writing sahel-map.png")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::root;

    #[test]
    fn the_poster_draws_the_default_view_key_and_credit_in_light_colours() {
        let svg = poster_svg(&root(), Lang::En, false).unwrap();
        assert_eq!(svg.matches("class=\"sm-country").count(), 24);
        assert!(svg.contains(r#"data-base="us-air-base-201-agadez""#));
        // The widget's default view: no lines; partners under names, the Alliance an area.
        assert!(!svg.contains("data-link="));
        assert!(svg.contains(r#"data-partner="rus" data-of="NER""#));
        assert!(svg.contains(r#"data-bloc="aes""#));
        assert!(svg.contains(">United States</text>") && svg.contains("Area ∝ troops"));
        assert!(svg.contains("Boundaries: Natural Earth · Data: "));
        assert!(svg.contains(">NIGER<"));
        // A standalone file: no custom properties or light-dark() left to resolve.
        assert!(!svg.contains("var(--") && !svg.contains("light-dark("));
        // A picture: nothing to focus or press.
        assert!(
            !svg.contains("class=\"sm-hit")
                && !svg.contains("tabindex")
                && !svg.contains("role=\"button")
        );
        // Only the rules it uses: the country fill stays, the unlit lines' go.
        assert!(svg.contains(".sm-country{") && svg.contains("text{font-family"));
        assert!(!svg.contains("class=\"sm-arc") && !svg.contains(".sm-arc"));
        // It parses as SVG.
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
        let fr = poster_svg(&root(), Lang::Fr, false).unwrap();
        assert!(fr.contains(">TCHAD<") && fr.contains("Frontières"));
        // The dark poster takes the dark values: water and background as the dark theme's.
        let css = std::fs::read_to_string(root().join("www/widget.css")).unwrap();
        let (light, dark) = (palette(&css, false), palette(&css, true));
        assert_ne!(light["water"], dark["water"]);
        let night = poster_svg(&root(), Lang::En, true).unwrap();
        assert!(night.contains(&format!(r#"fill="{}""#, dark["water"])));
        assert!(!night.contains(&format!(r#"fill="{}""#, light["water"])));
    }
}
