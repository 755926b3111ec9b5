//! What a reader sees, as a URL fragment or query a reader can share and come back to:
//! `#country=NER&date=2023-06-01&lang=fr&layers=usa,fra,bases,links`. Pure; the UI reads and
//! writes `location` with it.

use crate::dataset::{Dataset, Date};
use crate::i18n::Lang;
use crate::view::state::Visible;

/// The parts of a view that travel in a link. None: the default (or the element's attribute).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub country: Option<String>,
    pub date: Option<Date>,
    pub lang: Option<Lang>,
    pub layers: Option<Vec<String>>,
    /// The story step shown (0-based), when the page has steps.
    pub step: Option<u32>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl ViewState {
    /// Reads `#…` or `?…` (or the bare pairs); unknown keys and malformed values are left out,
    /// so a mangled link still opens the map.
    ///
    /// ```
    /// use sahel_map::view::share::ViewState;
    /// let v = ViewState::parse("#country=ner&date=2023-06-01&lang=fr&layers=usa,rus&x=1");
    /// assert_eq!(v.country.as_deref(), Some("NER"));
    /// assert_eq!(v.to_fragment(), "country=NER&date=2023-06-01&lang=fr&layers=usa,rus");
    /// assert_eq!(ViewState::parse("#date=2023-13-01&country=<b>"), ViewState::default());
    /// ```
    pub fn parse(text: &str) -> ViewState {
        let mut v = ViewState::default();
        let text = text.trim_start_matches(['#', '?']);
        for pair in text.split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            match key {
                "country" => {
                    let iso = value.to_ascii_uppercase();
                    if iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()) {
                        v.country = Some(iso);
                    }
                }
                "date" => v.date = Date::parse(value),
                "lang" => v.lang = Lang::parse(value),
                "step" => {
                    let digits = !value.is_empty() && value.len() <= 3;
                    if digits && value.bytes().all(|b| b.is_ascii_digit()) {
                        v.step = value.parse().ok();
                    }
                }
                "layers" => {
                    let ids: Vec<String> = value
                        .split([',', '+'])
                        .map(|s| s.trim().to_ascii_lowercase())
                        .filter(|s| !s.is_empty())
                        .collect();
                    if ids.iter().all(|s| is_id(s)) {
                        v.layers = Some(ids);
                    }
                }
                _ => {}
            }
        }
        v
    }

    /// The fragment (without `#`), keys in a fixed order, defaults left out.
    pub fn to_fragment(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.country {
            parts.push(format!("country={c}"));
        }
        if let Some(d) = &self.date {
            parts.push(format!("date={d}"));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.code()));
        }
        if let Some(ids) = &self.layers {
            parts.push(format!("layers={}", ids.join(",")));
        }
        if let Some(s) = self.step {
            parts.push(format!("step={s}"));
        }
        parts.join("&")
    }
}

/// The ids that reproduce `visible` through [`Visible::new`]: the layers that are on, and
/// `bases` and `links` when on.
///
/// ```
/// use sahel_map::{dataset::{load_dataset, BUNDLED}, view::state::Visible, view::share::layer_ids};
/// let data = load_dataset(BUNDLED).unwrap();
/// let mut v = Visible::new(&data, None);
/// v.links = false;
/// let ids = layer_ids(&data, &v);
/// assert!(ids.contains(&"bases".to_string()) && !ids.contains(&"links".to_string()));
/// assert_eq!(Visible::new(&data, Some(&ids)), v);
/// ```
pub fn layer_ids(data: &Dataset, visible: &Visible) -> Vec<String> {
    let mut ids: Vec<String> = data
        .layers
        .iter()
        .zip(&visible.layers)
        .filter(|(_, on)| **on)
        .map(|(l, _)| l.id.clone())
        .collect();
    if visible.bases {
        ids.push("bases".into());
    }
    if visible.links {
        ids.push("links".into());
    }
    ids
}
