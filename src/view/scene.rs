//! The map as drawn, pure: geodata projected once into SVG coordinates for one frame, and the
//! labels placed for the map's current rendered size. The UI renders it; tests check it natively.

use crate::carto::frame::Frame;
use crate::carto::path::{PathData, Units};
use crate::carto::ToSvgPath;
use crate::dataset::{Arrows, Geodata};
use crate::i18n::Localized;
use crate::view::markup::escape_into;
use geo_types::MultiLineString;

/// The five states the map is about (drawn `is-core`: shaded darker, labelled first, capitals
/// shown). "The core" elsewhere means only the dataset the wasm carries (`dataset::CORE`).
pub const FIVE: [&str; 5] = ["NER", "MLI", "BFA", "TCD", "MRT"];

#[derive(Clone, Debug, PartialEq)]
pub struct DrawnCountry {
    pub iso: String,
    pub name: Localized,
    pub d: String,
    pub core: bool,
    pub disputed: bool,
    pub arrows: Arrows,
    /// Where the name goes, in SVG units.
    pub label_at: [f64; 2],
    /// Projected rings, to test whether a label fits inside.
    pub rings: Vec<Vec<[f64; 2]>>,
    pub capital: Option<(Localized, [f64; 2])>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DrawnMap {
    pub width: f64,
    pub height: f64,
    pub countries: Vec<DrawnCountry>,
    /// Context land, one path.
    pub context: String,
    /// Disputed borders, one path, drawn dashed.
    pub disputed_borders: String,
    pub graticule: String,
}

impl DrawnMap {
    pub fn country(&self, iso: &str) -> Option<&DrawnCountry> {
        self.countries.iter().find(|c| c.iso == iso)
    }

    /// The span of SVG x the five take (their shapes' extent, widened by half the frame's
    /// padding): what a phone's map shows, cropping the neighbours east and west.
    pub fn five_span(&self) -> [f64; 2] {
        let (lo, hi) = self
            .countries
            .iter()
            .filter(|c| c.core)
            .flat_map(|c| c.rings.iter().flatten())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p[0]), hi.max(p[0]))
            });
        if lo > hi {
            return [0.0, self.width];
        }
        [
            (lo - 4.0).max(0.0).floor(),
            (hi + 4.0).min(self.width).ceil(),
        ]
    }

    /// The countries as SVG markup, in `countries` order. `inert` (the posters): shapes only.
    /// Otherwise each is a button, not pressed and out of the tab order: the widget sets the
    /// selection, the tab stop and the names by attribute, and takes their events on the group.
    ///
    /// ```
    /// # use sahel_map::view::scene::DrawnMap;
    /// let map = DrawnMap { width: 10.0, height: 10.0, countries: vec![], context: String::new(),
    ///     disputed_borders: String::new(), graticule: String::new() };
    /// assert_eq!(map.countries_svg(false), "");
    /// ```
    pub fn countries_svg(&self, inert: bool) -> String {
        let mut out = String::new();
        for c in &self.countries {
            out.push_str(r#"<path class="sm-country"#);
            if c.core {
                out.push_str(" is-core");
            }
            out.push_str(r#"" data-iso=""#);
            escape_into(&c.iso, &mut out);
            out.push('"');
            if !inert {
                out.push_str(r#" role="button" tabindex="-1" aria-pressed="false""#);
            }
            out.push_str(r#" d=""#);
            out.push_str(&c.d);
            out.push_str(r#""/>"#);
        }
        out
    }

    /// The `<svg>`'s viewBox, in whole units: the widget, its first frame and the poster share it,
    /// so all three have the same aspect ratio.
    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width as i32, self.height as i32)
    }
}

/// Projects the geodata through `frame`; shapes that vanish at this scale are left out.
pub fn draw(geodata: &Geodata, frame: &Frame) -> DrawnMap {
    draw_in(geodata, frame, Units::Tenths)
}

/// [`draw`], with path data in `units` (the posters write relative whole units).
pub fn draw_in(geodata: &Geodata, frame: &Frame, units: Units) -> DrawnMap {
    let projection = frame.projection();
    let project = |p: [f64; 2]| projection.project(p);
    let countries = geodata
        .countries
        .iter()
        .map(|c| {
            let rings: Vec<Vec<[f64; 2]>> = c
                .geometry
                .0
                .iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .map(|r| r.0.iter().map(|q| project([q.x, q.y])).collect())
                .collect();
            let label_at = c
                .label
                .map(project)
                .unwrap_or_else(|| middle_of_largest(&rings));
            DrawnCountry {
                iso: c.iso.clone(),
                name: c.name.clone(),
                d: c.geometry.to_svg_path_in(&project, units),
                core: FIVE.contains(&c.iso.as_str()),
                disputed: c.disputed,
                arrows: c.arrows.clone(),
                label_at,
                rings,
                capital: c
                    .capital
                    .as_ref()
                    .map(|cap| (cap.name.clone(), project(cap.at))),
            }
        })
        .filter(|c| !c.d.is_empty())
        .collect();
    let mut context = PathData::new(units);
    geodata
        .context
        .iter()
        .for_each(|s| s.write_svg_path(&project, &mut context));
    let mut disputed_borders = PathData::new(units);
    geodata
        .disputed_borders
        .iter()
        .for_each(|b| b.write_svg_path(&project, &mut disputed_borders));
    let graticule: MultiLineString = frame.graticule(10.0);
    DrawnMap {
        width: frame.width,
        height: frame.height(),
        countries,
        context: context.d,
        disputed_borders: disputed_borders.d,
        graticule: graticule.to_svg_path_in(&project, units),
    }
}

/// The centre of the bounding box of the longest ring: a fallback label point for files that
/// carry none.
fn middle_of_largest(rings: &[Vec<[f64; 2]>]) -> [f64; 2] {
    let Some(ring) = rings.iter().max_by_key(|r| r.len()) else {
        return [0.0, 0.0];
    };
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in ring {
        lo = [lo[0].min(p[0]), lo[1].min(p[1])];
        hi = [hi[0].max(p[0]), hi[1].max(p[1])];
    }
    [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0]
}
