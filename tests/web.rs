//! Component tests in headless Chromium (`wasm-bindgen-test`): the widget mounted on a plain
//! element with a tiny fixture, driven by DOM events as a browser would send them.
#![cfg(target_arch = "wasm32")]

use sahel_map::embed::{mount_in, Options};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    CustomEvent, Element, HtmlElement, KeyboardEvent, KeyboardEventInit, MouseEvent, MouseEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Two square "countries" side by side, arrow keys leading from one to the other, and a bit of
/// context land.
const FIXTURE: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"iso3":"NER","name_en":"Niger","name_fr":"Niger","arrows":{"right":"TCD"},
   "capital":{"name_en":"Niamey","at":[2.1,13.5]}},
  "geometry":{"type":"Polygon","coordinates":[[[0,12],[15,12],[15,23],[0,23],[0,12]]]}},
 {"type":"Feature","properties":{"iso3":"TCD","name_en":"Chad","name_fr":"Tchad","arrows":{"left":"NER"}},
  "geometry":{"type":"Polygon","coordinates":[[[15,8],[24,8],[24,23],[15,23],[15,8]]]}},
 {"type":"Feature","properties":{"kind":"context"},
  "geometry":{"type":"Polygon","coordinates":[[[30,30],[35,30],[35,35],[30,30]]]}}]}"#;

fn data_url(text: &str) -> String {
    format!(
        "data:application/json,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}

/// One turn of the browser's timer queue: Leptos has run its effects by then.
async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `done` holds, checking after each turn (for at most 3 s); whether it did. No
/// test waits a fixed time: each waits for what it then asserts.
async fn until(done: impl Fn() -> bool) -> bool {
    for _ in 0..600 {
        if done() {
            return true;
        }
        pause().await;
    }
    done()
}

struct Mounted {
    host: HtmlElement,
    events: Rc<RefCell<Vec<(String, JsValue)>>>,
    mounted: Box<sahel_map::embed::Mounted>,
    _listeners: Vec<Closure<dyn FnMut(CustomEvent)>>,
}

impl Mounted {
    async fn new(lang: &str, geo: &str) -> Mounted {
        Mounted::with_whole(lang, geo, None).await
    }

    /// Mounted with `bundled_src`, where the whole bundled dataset is.
    async fn with_whole(lang: &str, geo: &str, bundled_src: Option<String>) -> Mounted {
        let document = web_sys::window().unwrap().document().unwrap();
        let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&host).unwrap();
        let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        host.append_child(&container).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let mut listeners = Vec::new();
        for name in ["sahel-map:ready", "sahel-map:select", "sahel-map:error"] {
            let events = events.clone();
            let listener = Closure::<dyn FnMut(CustomEvent)>::new(move |e: CustomEvent| {
                events.borrow_mut().push((e.type_(), e.detail()));
            });
            host.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .unwrap();
            listeners.push(listener);
        }
        let options = Options {
            lang: Some(lang.to_string()),
            geo_src: data_url(geo),
            bundled_src,
            ..Options::default()
        };
        let handle = Box::new(mount_in(host.clone(), container, options));
        let mounted = Mounted {
            host,
            events,
            mounted: handle,
            _listeners: listeners,
        };
        until(|| mounted.host.get_attribute("state").as_deref() != Some("loading")).await;
        mounted
    }

    fn find(&self, selector: &str) -> Element {
        self.try_find(selector)
            .unwrap_or_else(|| panic!("no {selector}"))
    }

    fn try_find(&self, selector: &str) -> Option<Element> {
        self.host.query_selector(selector).unwrap()
    }

    /// The title of the details panel, if something is selected.
    fn title(&self) -> Option<String> {
        self.try_find("[data-part=details] h2")
            .map(|h| h.text_content().unwrap_or_default().trim().to_string())
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector)
            .text_content()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn count(&self, name: &str) -> usize {
        self.events
            .borrow()
            .iter()
            .filter(|(n, _)| n == name)
            .count()
    }

    fn last_detail(&self, name: &str, key: &str) -> JsValue {
        let events = self.events.borrow();
        let (_, detail) = events.iter().rev().find(|(n, _)| n == name).expect("event");
        js_sys::Reflect::get(detail, &key.into()).unwrap()
    }
}

fn click(el: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap())
        .unwrap();
}

fn key(el: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key(key);
    el.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn draws_one_focusable_shape_per_country_and_reports_ready_once() {
    let m = Mounted::new("en", FIXTURE).await;
    assert_eq!(m.host.get_attribute("state").as_deref(), Some("ready"));
    let shapes = m.host.query_selector_all("svg [data-iso]").unwrap();
    assert_eq!(shapes.length(), 2);
    let ner = m.find("[data-iso=NER]");
    assert!(ner.get_attribute("d").unwrap().starts_with('M'));
    // The name, then what the map holds for the country on the date shown.
    let name = ner.get_attribute("aria-label").unwrap_or_default();
    assert!(
        name.starts_with("Niger — ") && name.contains("in force"),
        "{name}"
    );
    // Exactly one tab stop among the shapes.
    let stops = m
        .host
        .query_selector_all("[data-iso][tabindex='0']")
        .unwrap();
    assert_eq!(stops.length(), 1);
    assert!(until(|| m.count("sahel-map:ready") > 0).await);
    assert_eq!(m.count("sahel-map:ready"), 1);
    assert!(m.try_find("[data-part=details]").is_some());
}

#[wasm_bindgen_test]
async fn a_click_selects_and_a_second_click_clears() {
    let m = Mounted::new("en", FIXTURE).await;
    let chad = m.find("[data-iso=TCD]");
    click(&chad);
    assert!(until(|| m.title().as_deref() == Some("Chad")).await);
    assert!(chad.class_list().contains("is-selected"));
    assert_eq!(chad.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(m.last_detail("sahel-map:select", "iso"), "TCD");
    // The selected shape becomes the map's tab stop.
    assert_eq!(chad.get_attribute("tabindex").as_deref(), Some("0"));

    click(&chad);
    assert!(until(|| m.title().is_none()).await);
    assert!(!chad.class_list().contains("is-selected"));
    assert!(m.last_detail("sahel-map:select", "iso").is_null());
}

#[wasm_bindgen_test]
async fn selecting_another_country_moves_the_highlight() {
    let m = Mounted::new("en", FIXTURE).await;
    click(&m.find("[data-iso=TCD]"));
    click(&m.find("[data-iso=NER]"));
    assert!(until(|| m.title().as_deref() == Some("Niger")).await);
    assert!(!m
        .find("[data-iso=TCD]")
        .class_list()
        .contains("is-selected"));
    assert_eq!(
        m.host
            .query_selector_all(".is-selected[data-iso]")
            .unwrap()
            .length(),
        1
    );
}

#[wasm_bindgen_test]
async fn enter_selects_and_escape_clears() {
    let m = Mounted::new("en", FIXTURE).await;
    let niger = m.find("[data-iso=NER]");
    key(&niger, "Enter");
    assert!(until(|| m.title().as_deref() == Some("Niger")).await);
    key(&niger, "Escape");
    assert!(until(|| m.title().is_none()).await);
    assert_eq!(m.count("sahel-map:select"), 2);
}

#[wasm_bindgen_test]
async fn arrow_keys_move_focus_to_the_neighbour_in_that_direction() {
    let m = Mounted::new("en", FIXTURE).await;
    let niger: web_sys::SvgElement = m.find("[data-iso=NER]").unchecked_into();
    niger.focus().unwrap();
    key(&niger, "ArrowRight");
    let focused = || {
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element()
            .and_then(|a| a.get_attribute("data-iso"))
    };
    // Focus moves at once; the roving tab stop follows on the next reactive turn.
    let chad = m.find("[data-iso=TCD]");
    assert!(
        until(|| focused().as_deref() == Some("TCD")
            && chad.get_attribute("tabindex").as_deref() == Some("0"))
        .await
    );
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.get_attribute("data-iso").as_deref(), Some("TCD"));
    // Focus alone selects nothing, and the tab stop follows focus.
    assert!(m.try_find("[data-part=details] h2").is_none());
    assert_eq!(active.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(niger.get_attribute("tabindex").as_deref(), Some("-1"));
    // No neighbour upward: focus stays.
    key(&active, "ArrowUp");
    pause().await;
    let still = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(still.get_attribute("data-iso").as_deref(), Some("TCD"));
}

#[wasm_bindgen_test]
async fn labels_and_capitals_are_drawn_but_hidden_from_assistive_technology() {
    let m = Mounted::new("en", FIXTURE).await;
    // A capital under a base site gives way to the site's own name: show no bases here.
    m.mounted.set_attribute("layers", Some("links"));
    assert!(
        until(|| m.try_find("g[data-base], [data-site]").is_none()
            && m.try_find(".sm-capital").is_some())
        .await
    );
    let labels = m.find(".sm-labels");
    assert_eq!(labels.get_attribute("aria-hidden").as_deref(), Some("true"));
    let text = labels.text_content().unwrap_or_default();
    assert!(text.contains("Niger"), "{text}");
    assert!(m.try_find(".sm-capital").is_some());
    assert!(!m
        .find(".sm-context")
        .get_attribute("d")
        .unwrap_or_default()
        .is_empty());
    // The context land is not a country.
    assert_eq!(m.host.query_selector_all("[data-iso]").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn layers_and_date_apply_live() {
    let m = Mounted::new("en", FIXTURE).await;
    let count = |sel: &str| m.host.query_selector_all(sel).unwrap().length();
    assert!(until(|| count("g[data-base], [data-site]") > 0).await);
    // No lines until something is lit: Niger selected draws its own.
    assert_eq!(count("[data-link]"), 0);
    m.mounted.set_attribute("country", Some("NER"));
    assert!(until(|| count("[data-link=\"rus:ner\"]") == 1).await);
    m.mounted.set_attribute("layers", Some("usa, links"));
    assert!(until(|| count("g[data-base], [data-site]") == 0).await);
    assert_eq!(count("[data-link=\"rus:ner\"]"), 0);
    assert_eq!(count("[data-link=\"usa:ner\"]"), 1);
    let checked = |id: &str| {
        let input: web_sys::HtmlInputElement = m
            .find(&format!("input[data-layer=\"{id}\"]"))
            .unchecked_into();
        input.checked()
    };
    assert!(checked("usa") && !checked("rus") && !checked("bases"));
    // Before the Russian MoU (December 2023) and the US agreement's end.
    m.mounted.set_attribute("layers", None);
    m.mounted.set_attribute("date", Some("2020-06"));
    assert!(
        until(|| count("[data-link=\"rus:ner\"]") == 0 && count("g[data-base], [data-site]") > 0)
            .await
    );
    let sofa = m.find("[data-link=\"usa:ner\"]");
    assert!(!sofa.class_list().contains("is-former"));
    assert!(checked("rus") && checked("bases"));
}

#[wasm_bindgen_test]
async fn the_close_button_clears_the_selection() {
    let m = Mounted::new("en", FIXTURE).await;
    click(&m.find("[data-iso=NER]"));
    assert!(until(|| m.try_find("[data-part=details] button").is_some()).await);
    let close = m.find("[data-part=details] button");
    assert_eq!(close.get_attribute("aria-label").as_deref(), Some("Close"));
    click(&close);
    assert!(until(|| m.title().is_none()).await);
}

#[wasm_bindgen_test]
async fn speaks_french_when_asked() {
    let m = Mounted::new("fr-FR", FIXTURE).await;
    assert_eq!(m.find(".sm").get_attribute("lang").as_deref(), Some("fr"));
    assert!(m
        .text("[data-part=details]")
        .starts_with("Sélectionnez un pays"));
    click(&m.find("[data-iso=TCD]"));
    assert!(until(|| m.title().as_deref() == Some("Tchad")).await);
    let name = m
        .find("[data-iso=TCD]")
        .get_attribute("aria-label")
        .unwrap_or_default();
    assert!(
        name.starts_with("Tchad — ") && name.contains("en vigueur"),
        "{name}"
    );
    assert_eq!(
        m.find("[data-part=details] button")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Fermer")
    );
}

#[wasm_bindgen_test]
async fn attributes_apply_live_language_country_and_geodata() {
    let m = Mounted::new("en", FIXTURE).await;
    m.mounted.set_attribute("lang", Some("fr"));
    assert!(until(|| m.find(".sm").get_attribute("lang").as_deref() == Some("fr")).await);
    assert_eq!(m.find(".sm").get_attribute("lang").as_deref(), Some("fr"));
    assert!(m.text("[data-part=details]").starts_with("Sélectionnez"));
    m.mounted.set_attribute("country", Some("tcd"));
    assert!(until(|| m.title().as_deref() == Some("Tchad")).await);
    assert_eq!(m.last_detail("sahel-map:select", "iso"), "TCD");
    // A bad value clears rather than breaks.
    m.mounted.set_attribute("country", Some("Chad"));
    assert!(until(|| m.title().is_none()).await);
    // A new countries file reloads the map; `ready` is not sent twice.
    let one = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso3":"MLI","name_en":"Mali"},
      "geometry":{"type":"Polygon","coordinates":[[[-12,10],[4,10],[4,25],[-12,10]]]}}]}"#;
    m.mounted
        .set_attribute("data-geo-src", Some(&data_url(one)));
    assert!(until(|| m.try_find("[data-iso=MLI]").is_some()).await);
    assert_eq!(
        m.host
            .query_selector_all("svg [data-iso]")
            .unwrap()
            .length(),
        1
    );
    // Ready again once the names and the side are in (steps of their own).
    assert!(until(|| m.host.get_attribute("state").as_deref() == Some("ready")).await);
    assert_eq!(m.count("sahel-map:ready"), 1);
}

#[wasm_bindgen_test]
async fn an_unknown_language_falls_back_to_english() {
    let m = Mounted::new("de", FIXTURE).await;
    assert_eq!(m.find(".sm").get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn broken_geodata_shows_a_message_and_reports_the_error() {
    let m = Mounted::new("en", "{\"type\": \"FeatureColl").await;
    assert_eq!(m.host.get_attribute("state").as_deref(), Some("error"));
    assert!(m.try_find("svg").is_none());
    let alert = m.text("[role=alert]");
    assert!(alert.contains("could not be loaded"), "{alert}");
    let message = m
        .last_detail("sahel-map:error", "message")
        .as_string()
        .unwrap();
    assert!(message.contains("GeoJSON"), "{message}");
    assert_eq!(m.count("sahel-map:ready"), 0);
}

/// A ring of plain pairs is read in one go; anything else is read (and judged) position by
/// position, so both readings agree on every ring.
#[wasm_bindgen_test]
fn rings_read_in_one_go_agree_with_position_by_position() {
    use sahel_map::browser::json::{pairs, parse};
    use sahel_map::dataset::json::{each_position, Json};
    let fast = ["[[0,12],[15,12.5],[-1e-3,23],[0,12]]", "[]"];
    let slow = [
        "[[0,1,100],[2,3,100]]", // altitudes
        "[[1],[2,3,4]]",         // the right count of numbers, wrongly grouped
        "[[1,2],[3,null]]",      // null would convert to 0
        r#"[[1,2],["3",4]]"#,    // so would a numeric string
        "[[1,2],[true,4]]",      // and a boolean
        "[[1,2],3,4]",           // a bare number
        "[[1,2],[]]",            // an empty position
        "[[],[1,2,3,4]]",        // the right count again
        "[[1,2,3],4]",           // and with a bare number
        "[[[1,2],[3,4]]]",       // one level too deep
        "[[1,2],[1e400,4]]",     // beyond f64: JSON.parse makes it Infinity
        r#"{"0":[1,2]}"#,        // not an array
    ];
    for text in fast.iter().chain(&slow) {
        let v = parse(text).unwrap();
        let each = each_position(&v);
        assert_eq!(v.positions(), each, "{text}");
        let one_go = pairs(&v);
        if fast.contains(text) {
            assert_eq!(one_go, each, "{text}");
            assert!(one_go.is_some(), "{text}");
        } else {
            assert_eq!(one_go, None, "{text}");
        }
    }
    assert_eq!(
        each_position(&parse("[[0,1,100],[2,3,100]]").unwrap()),
        Some(vec![[0.0, 1.0], [2.0, 3.0]])
    );
}

/// A member read by name: absent, `undefined` and `null` are None, any other value (0 and
/// false too) is itself, and on what is not an object there is none. Names are kept between
/// reads (the first 128): the same name reads the same member of any object, and names past
/// those kept read right too.
#[wasm_bindgen_test]
fn members_are_read_by_name_however_many_names() {
    use sahel_map::browser::json::parse;
    use sahel_map::dataset::json::Json;
    let v = parse(r#"{"a":1,"ab":"x","n":null,"o":{"a":2},"f":false,"z":0}"#).unwrap();
    let num = |m: Option<wasm_bindgen::JsValue>| m.and_then(|m| m.as_f64());
    assert_eq!(num(v.get("a")), Some(1.0));
    assert_eq!(v.get("ab").and_then(|m| m.as_str()).as_deref(), Some("x"));
    assert!(v.get("n").is_none());
    assert!(v.get("missing").is_none());
    assert_eq!(v.get("f").and_then(|m| m.as_bool()), Some(false));
    assert_eq!(num(v.get("z")), Some(0.0));
    assert_eq!(num(v.get("o").and_then(|o| o.get("a"))), Some(2.0));
    for text in ["3", "null", r#""abc""#] {
        assert!(parse(text).unwrap().get("a").is_none(), "{text}");
    }
    let names = (0..300)
        .map(|i| format!(r#""k{i}":{i}"#))
        .collect::<Vec<_>>();
    let many = parse(&format!("{{{}}}", names.join(","))).unwrap();
    for _ in 0..2 {
        for i in (0..300).rev() {
            assert_eq!(num(many.get(&format!("k{i}"))), Some(f64::from(i)), "k{i}");
        }
    }
}

#[wasm_bindgen_test]
async fn geodata_without_countries_is_an_error_too() {
    let m = Mounted::new("en", r#"{"type":"FeatureCollection","features":[]}"#).await;
    assert_eq!(m.host.get_attribute("state").as_deref(), Some("error"));
    assert!(m.text("[role=alert]").contains("no country"));
}

#[wasm_bindgen_test]
async fn unmounting_removes_everything_it_added() {
    let m = Mounted::new("en", FIXTURE).await;
    assert!(m.try_find("svg").is_some());
    let Mounted { host, mounted, .. } = m;
    drop(mounted);
    assert_eq!(host.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn sources_and_summaries_come_with_the_whole_dataset() {
    let whole = data_url(sahel_map::dataset::BUNDLED);
    let m = Mounted::with_whole("en", FIXTURE, Some(whole)).await;
    click(&m.find("[data-iso=NER]"));
    assert!(until(|| m.try_find("[data-part=details] .sm-sources").is_some()).await);
    assert!(m.try_find("[data-part=details] .sm-sources").is_some());
    assert!(m.try_find("[data-part=details] .sm-whole").is_none());
}

#[wasm_bindgen_test]
async fn a_whole_dataset_of_another_version_is_refused_and_said_so() {
    let other = sahel_map::dataset::BUNDLED.replacen("\"version\":\"", "\"version\":\"9", 1);
    assert_ne!(other, sahel_map::dataset::BUNDLED);
    let m = Mounted::with_whole("en", FIXTURE, Some(data_url(&other))).await;
    click(&m.find("[data-iso=NER]"));
    assert!(
        until(|| m
            .text("[data-part=details]")
            .contains("could not be loaded"))
        .await
    );
    assert!(m
        .text("[data-part=details] .sm-whole")
        .starts_with("The sources and notes could not be loaded."));
    // The reader may ask again.
    assert_eq!(
        m.text("[data-part=details] .sm-whole button[data-retry]"),
        "Try again"
    );
    assert!(m.try_find("[data-part=details] .sm-sources").is_none());
}
