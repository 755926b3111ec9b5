//! What the reader has chosen: the selection and the layers on. Pure; `ui::MapState` holds them
//! as signals, the view reads them.

use crate::dataset::Dataset;

/// What the reader has selected: a country (ISO3), a base, a site of several bases (its first
/// base's id; sites drawn as one join theirs with `+`), a link (a partner–state pair's id, such
/// as `rus:ner`, or one agreement's id) or a partner (its layer's id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Country(String),
    Base(String),
    Site(String),
    Link(String),
    Partner(String),
}

impl Selection {
    /// The kind as the page sees it in `sahel-map:select`.
    pub fn kind(&self) -> &'static str {
        match self {
            Selection::Country(_) => "country",
            Selection::Base(_) => "base",
            Selection::Site(_) => "site",
            Selection::Link(_) => "link",
            Selection::Partner(_) => "partner",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Selection::Country(id)
            | Selection::Base(id)
            | Selection::Site(id)
            | Selection::Link(id)
            | Selection::Partner(id) => id,
        }
    }

    /// From a map element's data attribute name (`data-base` …) and value.
    pub fn from_attribute(name: &str, id: String) -> Option<Selection> {
        match name {
            "data-iso" => Some(Selection::Country(id)),
            "data-base" => Some(Selection::Base(id)),
            "data-site" => Some(Selection::Site(id)),
            "data-link" => Some(Selection::Link(id)),
            "data-partner" => Some(Selection::Partner(id)),
            _ => None,
        }
    }
}

/// What the reader is looking at (hovering, focusing or selecting): its partnership lines are
/// drawn and the rest fades. With nothing lit the map draws no lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lit {
    /// A country (ISO3): its lines to each partner.
    Country(String),
    /// A partner (layer id): its lines to each state.
    Partner(String),
    /// A pair's id or an agreement's: its line or lines.
    Link(String),
}

impl Lit {
    /// What a selection lights: a country, a partner or a link; a base or a site lights nothing.
    pub fn of(selection: &Selection) -> Option<Lit> {
        match selection {
            Selection::Country(iso) => Some(Lit::Country(iso.clone())),
            Selection::Partner(id) => Some(Lit::Partner(id.clone())),
            Selection::Link(id) => Some(Lit::Link(id.clone())),
            Selection::Base(_) | Selection::Site(_) => None,
        }
    }
}

/// Which layers are on, by index into `Dataset::layers`, and whether bases and links show.
#[derive(Clone, Debug, PartialEq)]
pub struct Visible {
    pub layers: Vec<bool>,
    pub bases: bool,
    pub links: bool,
}

impl Visible {
    /// The dataset's defaults, or exactly the layers named in `ids` (the `layers` attribute);
    /// `bases` and `links` may be named too, and are on when neither is named.
    pub fn new(data: &Dataset, ids: Option<&[String]>) -> Visible {
        let named = |id: &str| ids.is_some_and(|ids| ids.iter().any(|i| i == id));
        let some_kind = named("bases") || named("links");
        Visible {
            layers: data
                .layers
                .iter()
                .map(|l| ids.map_or(l.default, |_| named(&l.id)))
                .collect(),
            bases: !some_kind || named("bases"),
            links: !some_kind || named("links"),
        }
    }
}

impl Visible {
    /// Whether layer `l` (an index into `Dataset::layers`) is on.
    pub fn layer_on(&self, l: usize) -> bool {
        self.layers.get(l).copied().unwrap_or(false)
    }
}
