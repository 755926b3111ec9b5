//! The map as drawn: countries projected once into SVG path data for one frame.

use crate::carto::{Frame, ToSvgPath};
use crate::dataset::CountryShape;
use crate::i18n::Localized;

#[derive(Clone, Debug, PartialEq)]
pub struct DrawnCountry {
    pub iso: String,
    pub name: Localized,
    pub d: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DrawnMap {
    pub width: f64,
    pub height: f64,
    pub countries: Vec<DrawnCountry>,
}

impl DrawnMap {
    pub fn country(&self, iso: &str) -> Option<&DrawnCountry> {
        self.countries.iter().find(|c| c.iso == iso)
    }
}

/// Projects every country through `frame`; shapes that vanish at this scale are left out.
pub fn draw(countries: &[CountryShape], frame: &Frame) -> DrawnMap {
    let projection = frame.projection();
    let project = |p: [f64; 2]| projection.project(p);
    DrawnMap {
        width: frame.width,
        height: frame.height(),
        countries: countries
            .iter()
            .map(|c| DrawnCountry {
                iso: c.iso.clone(),
                name: c.name.clone(),
                d: c.geometry.to_svg_path(&project),
            })
            .filter(|c| !c.d.is_empty())
            .collect(),
    }
}
