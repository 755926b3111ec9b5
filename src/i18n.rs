//! Every reader-facing string, in English and French. Pure: used by the UI and by native tools.

/// The widget's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Accepts a BCP 47 tag's primary language, case-insensitively: `fr`, `fr-FR`, `FR` → French.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// A fixed string of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Loading,
    MapLabel,
    DetailsHint,
    Close,
    LoadFailed,
    NoCountries,
    Credit,
    Disputed,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        use Lang::*;
        use Text::*;
        match (self, lang) {
            (Loading, En) => "Loading the map…",
            (Loading, Fr) => "Chargement de la carte…",
            (MapLabel, En) => "Map of the Sahel and its neighbours",
            (MapLabel, Fr) => "Carte du Sahel et de ses voisins",
            (DetailsHint, En) => "Select a country on the map to see its details.",
            (DetailsHint, Fr) => "Sélectionnez un pays sur la carte pour en voir les détails.",
            (Close, En) => "Close",
            (Close, Fr) => "Fermer",
            (LoadFailed, En) => "The map could not be loaded.",
            (LoadFailed, Fr) => "La carte n’a pas pu être chargée.",
            (NoCountries, En) => "The boundaries file holds no country the map can draw.",
            (NoCountries, Fr) => {
                "Le fichier des frontières ne contient aucun pays que la carte puisse tracer."
            }
            (Credit, En) => "Boundaries: Natural Earth",
            (Credit, Fr) => "Frontières : Natural Earth",
            (Disputed, En) => "(disputed)",
            (Disputed, Fr) => "(contesté)",
        }
    }
}

/// A string in both languages, as the data files carry them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Localized {
    pub en: String,
    pub fr: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_language_tags_by_their_primary_subtag() {
        assert_eq!(Lang::parse("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::parse("fr_CA"), Some(Lang::Fr));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn french_strings_differ_from_english_ones() {
        let all = [
            Text::Loading,
            Text::MapLabel,
            Text::DetailsHint,
            Text::Close,
            Text::LoadFailed,
            Text::NoCountries,
            Text::Credit,
            Text::Disputed,
        ];
        for t in all {
            assert_ne!(t.get(Lang::En), t.get(Lang::Fr), "{t:?} is not translated");
            assert!(!t.get(Lang::Fr).is_empty());
        }
    }
}
