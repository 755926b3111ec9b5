//! `cargo xtask prerender`: writes each `<sahel-map>` of a page with its first frame inside, as a
//! declarative shadow root, so the browser draws it from the page's own markup. The page then
//! needs no render-blocking script: the loader loads in the background and, when it runs, puts
//! the same frame in the same place (its `#figure()`), so nothing moves. The build does this to
//! the demo article; a newsroom runs it on its own page, again whenever the element's attributes
//! change.
//!
//! Only maps drawn from the bundled files are written (a page's own `data-src` or
//! `data-geo-src` may draw another map, whose box the build cannot know).

use crate::build::compact_css;
use anyhow::{anyhow, Result};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The newsroom's texts around the map, as the loader names them (`TEXTS` in www/sahel-map.js).
const TEXTS: [&str; 4] = ["headline", "subtitle", "notes", "credit"];

/// What the first pass learns of one element.
#[derive(Default)]
struct Element {
    /// As written in the page (lol_html leaves character references as they are).
    attributes: BTreeMap<String, String>,
    /// Names of the slots its children fill.
    slotted: BTreeSet<String>,
    steps: usize,
}

/// The page with every bundled-data `<sahel-map>` prerendered. `frames` are the loader's first
/// frames in English and French (`poster::first_frame_pair`), `css` the widget's stylesheet.
pub fn prerender(page: &str, css: &str, frames: &[String; 2]) -> Result<String> {
    let page_lang = RefCell::new(String::new());
    let maps = RefCell::new(Vec::<Element>::new());
    rewrite_str(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("html[lang]", |el| {
                *page_lang.borrow_mut() = el.get_attribute("lang").unwrap_or_default();
                Ok(())
            }))
            .append_element_content_handler(element!("sahel-map", |el| {
                let attributes = el
                    .attributes()
                    .iter()
                    .map(|a| (a.name(), a.value()))
                    .collect();
                maps.borrow_mut().push(Element {
                    attributes,
                    ..Element::default()
                });
                Ok(())
            }))
            .append_element_content_handler(element!("sahel-map > [slot]", |el| {
                if let Some(map) = maps.borrow_mut().last_mut() {
                    map.slotted
                        .insert(el.get_attribute("slot").unwrap_or_default());
                }
                Ok(())
            }))
            .append_element_content_handler(element!("sahel-map > [slot=\"steps\"] > li", |_| {
                if let Some(map) = maps.borrow_mut().last_mut() {
                    map.steps += 1;
                }
                Ok(())
            })),
    )
    .map_err(|e| anyhow!("reading the page: {e}"))?;

    let page_lang = page_lang.into_inner();
    let maps = maps.into_inner();
    let next = RefCell::new(0usize);
    let out = rewrite_str(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("sahel-map", |el| {
                let i = *next.borrow();
                *next.borrow_mut() += 1;
                let map = &maps[i];
                if ["data-src", "data-geo-src"]
                    .iter()
                    .any(|name| map.attributes.get(*name).is_some_and(|v| !v.is_empty()))
                {
                    return Ok(());
                }
                let template = shadow_root(map, &page_lang, css, frames);
                el.prepend(&template, ContentType::Html);
                Ok(())
            }))
            // Run again on its own output, a page gets its frames anew, not twice.
            .append_element_content_handler(element!(
                "sahel-map > template[shadowrootmode]",
                |el| {
                    el.remove();
                    Ok(())
                }
            ))
            // The loader shows no step until the reader starts the story.
            .append_element_content_handler(element!("sahel-map > [slot=\"steps\"] > li", |el| {
                el.set_attribute("hidden", "")?;
                Ok(())
            })),
    )
    .map_err(|e| anyhow!("rewriting the page: {e}"))?;
    Ok(out)
}

/// The widget's language as the loader reads it: its own `lang`, else the page's.
fn is_french(map: &Element, page_lang: &str) -> bool {
    let tag = map
        .attributes
        .get("lang")
        .filter(|v| !v.trim().is_empty())
        .map_or(page_lang, String::as_str)
        .trim()
        .to_ascii_lowercase();
    tag == "fr" || tag.starts_with("fr-") || tag.starts_with("fr_")
}

/// `<template shadowrootmode="open">`: the stylesheet and the loader's figure around the first
/// frame, as the loader builds them once its slots are filled. The words (steps, downloads)
/// are the loader's; tests/e2e/poster.test.mjs checks that both frames read the same.
fn shadow_root(map: &Element, page_lang: &str, css: &str, frames: &[String; 2]) -> String {
    let fr = is_french(map, page_lang);
    let pick = |en: &'static str, fr_text: &'static str| if fr { fr_text } else { en };
    let mut h = String::new();

    // A text shows when its attribute has words or the page slotted its own (`#showText`).
    let text_of = |name: &str| map.attributes.get(name).map_or("", String::as_str);
    let shown = |name: &str| !text_of(name).trim().is_empty() || map.slotted.contains(name);
    let text_box = |h: &mut String, name: &str| {
        h.push_str(&format!(
            r#"<div class="sm-news-{name}" id="sm-news-{name}""#
        ));
        if !shown(name) {
            h.push_str(" hidden");
        }
        h.push_str(&format!(r#"><slot name="{name}">"#));
        // The attribute's source text: its character references mean the same in text, and a
        // `<`, which an attribute may hold as it is, must not start a tag here.
        h.push_str(&text_of(name).replace('<', "&lt;").replace('>', "&gt;"));
        h.push_str("</slot></div>");
    };
    h.push_str(r#"<div class="sm-frame" role="figure""#);
    if shown(TEXTS[0]) {
        h.push_str(r#" aria-labelledby="sm-news-headline""#);
    }
    h.push_str(r#"><div class="sm-head">"#);
    text_box(&mut h, TEXTS[0]);
    text_box(&mut h, TEXTS[1]);
    h.push_str("</div>");

    // The steps' box: hidden without steps, else "6 steps" and Start.
    h.push_str(r#"<div class="sm-steps" data-part="steps""#);
    if map.steps == 0 {
        h.push_str(" hidden");
    }
    h.push_str(r#"><div class="sm-steps-nav">"#);
    h.push_str(&format!(
        r#"<button type="button" class="sm-step-prev" aria-label="{}" disabled>{}</button>"#,
        pick("Previous step", "Étape précédente"),
        pick("‹ Previous", "‹ Précédente")
    ));
    let n = map.steps;
    let where_ = if fr {
        format!("{n} étapes")
    } else {
        format!("{n} steps")
    };
    h.push_str(&format!(r#"<span class="sm-step-where">{where_}</span>"#));
    h.push_str(&format!(
        r#"<button type="button" class="sm-step-next" aria-label="{}">{}</button>"#,
        pick("Start the story", "Commencer le récit"),
        pick("Start ›", "Commencer ›")
    ));
    h.push_str(
        r#"</div><slot name="steps"></slot><p class="sm-steps-live" aria-live="polite"></p></div>"#,
    );

    // The first frame. Its poster comes with the loader, which names it for the widget's
    // language and theme: fetched with the page, it would share a slow line with the page's own
    // stylesheet and hold the first paint (about 6 %, measured), and drawn before the loader
    // runs, laying out the SVG would too.
    let frame = &frames[usize::from(fr)];
    h.push_str(r#"<div class="sm-body-box"><div class="sm-first-box">"#);
    h.push_str(&key_both_ways(frame));
    h.push_str("</div></div>");

    // The footer: the downloads, in place and disabled until the map is ready; notes; credit.
    h.push_str(r#"<div class="sm-foot"><div class="sm-downloads">"#);
    let group = |h: &mut String, label: &str, items: &[&str]| {
        h.push_str(&format!(
            r#"<span class="sm-download-group"><span>{label}</span>"#
        ));
        for item in items {
            h.push_str(&format!(
                r#"<button type="button" disabled>{item}</button>"#
            ));
        }
        h.push_str("</span>");
    };
    group(
        &mut h,
        pick("Get the data:", "Télécharger les données :"),
        &["bases.csv", "agreements.csv", "countries.csv", "JSON"],
    );
    group(
        &mut h,
        pick("Download image:", "Télécharger l’image :"),
        &["SVG", "PNG"],
    );
    h.push_str("</div>");
    text_box(&mut h, TEXTS[2]);
    text_box(&mut h, TEXTS[3]);
    h.push_str("</div></div>");
    // Only the rules this markup can use: the loader brings the whole stylesheet. A stylesheet
    // holds no markup, and `</` would end the element early.
    let css = rules_for(&compact_css(css), &h).replace("</", "<\\/");
    format!(r#"<template shadowrootmode="open"><style>{css}</style>{h}</template>"#)
}

/// The stylesheet `css` (comments gone) with only the rules that can apply to `markup` before
/// the loader runs: a rule stays when one of its selectors names only classes the markup has (a
/// class under `:not()` need not be there) and no hover, focus or press; an at-rule keeps the
/// rules inside it that stay, and goes when none do; print rules go.
fn rules_for(css: &str, markup: &str) -> String {
    let classes = classes_of(markup);
    let mut kept = String::new();
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let prelude = &rest[..open];
        // The block's end, past any blocks nested in it.
        let mut depth = 0;
        let close = open
            + rest[open..]
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(rest.len() - open - 1, |(i, _)| i);
        let body = &rest[open + 1..close];
        if prelude.trim_start().starts_with("@media print") {
            // Nobody prints the page in the moment before the loader runs.
        } else if prelude.trim_start().starts_with('@') {
            let inner = rules_for(body, markup);
            if !inner.is_empty() {
                kept.push_str(&format!("{prelude}{{{inner}}}"));
            }
        } else if top_level(prelude, ',').iter().any(|selector| {
            // Nothing in the frame works until the loader runs: no hover or focus feedback.
            !INTERACTIVE.iter().any(|p| selector.contains(p))
                && classes_in(selector).iter().all(|c| classes.contains(c))
        }) {
            kept.push_str(&rest[..=close]);
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    kept
}

/// Every class the markup's elements carry (double-quoted `class` attributes, as our writers
/// write them).
pub fn classes_of(markup: &str) -> BTreeSet<&str> {
    markup
        .split("class=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .flat_map(str::split_whitespace)
        .collect()
}

/// Pseudo-classes of a reader's input, which the prerendered frame has no use for.
const INTERACTIVE: [&str; 3] = [":hover", ":focus", ":active"];

/// `text` split at each `sep` outside parentheses and brackets.
fn top_level(text: &str, sep: char) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The classes an element must have for `selector` to match: those outside `:not(…)` and
/// attribute brackets.
fn classes_in(selector: &str) -> Vec<&str> {
    let bytes = selector.as_bytes();
    let (mut found, mut skip_depth, mut depth, mut i) = (Vec::new(), None, 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                depth += 1;
                if skip_depth.is_none() && selector[..i].ends_with(":not") {
                    skip_depth = Some(depth);
                }
            }
            b')' => {
                if skip_depth == Some(depth) {
                    skip_depth = None;
                }
                depth -= 1;
            }
            b'[' => {
                // An attribute test: its value may hold dots.
                i += selector[i..].find(']').unwrap_or(selector.len() - i);
            }
            b'.' if skip_depth.is_none() => {
                let name = &selector[i + 1..];
                let end = name
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(name.len());
                if end > 0 {
                    found.push(&name[..end]);
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The loader opens the key at 480 px and wider; markup cannot know its width, so the frame
/// carries the key closed (its summary alone) and open, and the stylesheet shows the one that
/// applies.
fn key_both_ways(frame: &str) -> String {
    const OPEN: &str = r#"<details class="sm-legend" open><summary>"#;
    let summary = frame
        .split_once(OPEN)
        .and_then(|(_, rest)| rest.split_once("</summary>"))
        .map_or("", |(summary, _)| summary);
    frame.replacen(
        OPEN,
        &format!(
            r#"<details class="sm-legend sm-if-narrow"><summary>{summary}</summary></details><details class="sm-legend sm-if-wide" open><summary>"#
        ),
        1,
    )
}

/// `cargo xtask prerender <page> [<out>]`: the page with its maps prerendered, written over
/// itself or to `out`.
pub fn prerender_file(root: &Path, page: &Path, out: Option<&Path>) -> Result<()> {
    let html = std::fs::read_to_string(page)?;
    let css = std::fs::read_to_string(root.join("www/widget.css"))?;
    let frames = crate::poster::first_frame_pair(root)?;
    let written = prerender(&html, &css, &frames)?;
    std::fs::write(out.unwrap_or(page), written)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames() -> [String; 2] {
        let frame = |w: &str| {
            format!(
                r#"<div class="sm sm-first"><image class="sm-poster" width="1"/><details class="sm-legend" open><summary>{w}</summary>k</details></div>"#
            )
        };
        [frame("Key"), frame("Légende")]
    }

    #[test]
    fn a_map_gets_its_figure_texts_and_steps_as_a_shadow_root() {
        let page = r#"<html lang="fr"><script type="module" src="https://cdn.example/m/sahel-map.js"></script>
<sahel-map headline="A &amp; &lt;b&gt; <i>"><ol slot="steps"><li>one</li><li>two</li></ol></sahel-map></html>"#;
        let out = prerender(page, ":host{color:red}.sm-tooltip{color:blue}", &frames()).unwrap();
        let template = out.split("<sahel-map").nth(1).unwrap();
        assert!(
            template.contains(r#"<template shadowrootmode="open"><style>:host{color:red}</style>"#)
        );
        // Text stays text.
        assert!(template.contains(r#"<slot name="headline">A &amp; &lt;b&gt; &lt;i&gt;</slot>"#));
        assert!(template.contains(r#"<div class="sm-news-subtitle" id="sm-news-subtitle" hidden>"#));
        assert!(template.contains("2 étapes"));
        assert!(template.contains(
            r#"<details class="sm-legend sm-if-narrow"><summary>Légende</summary></details>"#
        ));
        assert_eq!(out.matches(r#"<li hidden="">"#).count(), 2);
    }

    #[test]
    fn only_the_rules_the_markup_can_use_stay() {
        let css = ".a{x:1}.b{x:2}.a .b,.c{x:3}:host{x:4}.a:not(.z){x:5}.a[data-v=\"1.5\"]{x:6}\
                   @container (max-width:479.98px){.a{x:7}.b{x:8}}@media print{.a{x:9}}\
                   .a:hover,.c:focus-visible{x:10}";
        let kept = rules_for(css, r#"<div class="a"><p class="c d"></p></div>"#);
        assert_eq!(
            kept,
            ".a{x:1}.a .b,.c{x:3}:host{x:4}.a:not(.z){x:5}.a[data-v=\"1.5\"]{x:6}\
             @container (max-width:479.98px){.a{x:7}}"
        );
    }

    #[test]
    fn prerendering_twice_changes_nothing() {
        let page = r#"<sahel-map headline="H"><ol slot="steps"><li>one</li></ol></sahel-map>"#;
        let once = prerender(page, ".sm{x:1}", &frames()).unwrap();
        let twice = prerender(&once, ".sm{x:1}", &frames()).unwrap();
        assert_eq!(twice, once);
        assert_eq!(once.matches("<template").count(), 1);
    }

    #[test]
    fn a_map_with_its_own_data_is_left_alone() {
        let page = r#"<sahel-map data-src="mine.json"></sahel-map><sahel-map lang="en" theme="dark"></sahel-map>"#;
        let out = prerender(page, "", &frames()).unwrap();
        assert_eq!(out.matches("<template").count(), 1);
        assert!(out.contains(r#"<sahel-map data-src="mine.json"></sahel-map>"#));
        assert!(out.contains(r#"<div class="sm-steps" data-part="steps" hidden>"#));
    }
}
