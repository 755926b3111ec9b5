//! Every reader-facing string, in English and French. Pure: used by the UI and by native tools.
//! The bottom room with `carto`: imports nothing else of the crate.

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

/// Declares [`Text`] and [`Text::ALL`] from one list, so no variant can be left out of the
/// translation test.
macro_rules! texts {
    ($($name:ident),* $(,)?) => {
        /// A fixed string of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text {
            $($name),*
        }

        impl Text {
            /// Every string of the interface.
            pub const ALL: &'static [Text] = &[$(Text::$name),*];
        }
    };
}

texts! {
    Loading,
    MapLabel,
    DetailsHint,
    SourcesLoading,
    SourcesFailed,
    SourcesSlow,
    StillWaiting,
    TryAgain,
    Close,
    LoadFailed,
    NoCountries,
    Credit,
    Disputed,
    DataFailed,
    Layers,
    Bases,
    Links,
    Government,
    Leader,
    ForeignBases,
    Partners,
    PartnersOf,
    Blocs,
    MoreLayers,
    Agreements,
    Sources,
    Unverified,
    Operators,
    Troops,
    NoCount,
    Active,
    Ended,
    Signed,
    InForce,
    Opened,
    OpenedUnknown,
    Unlocated,
    Closed,
    AsOf,
    Version,
    Data,
    Parties,
    Site,
    NoneKnown,
    Key,
    TroopsAtBase,
    FormerKey,
    SiteKey,
    PactKey,
    MarksKey,
    BlocKey,
    LinesKey,
    AgreementKey,
    MemoKey,
    WithdrawalKey,
    Timeline,
    DateLabel,
    PrevEvent,
    NextEvent,
    Play,
    Pause,
    CopyLink,
    LinkCopied,
    CopyFailed,
    CtrlScroll,
    CmdScroll,
    TwoFingers,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Countries,
    ShowTables,
    HideTables,
    LayerOn,
    LayerOff,
    DateNow,
    Selected,
    Cleared,
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
            (SourcesLoading, En) => "Loading sources and notes…",
            (SourcesLoading, Fr) => "Chargement des sources et des notes…",
            (SourcesFailed, En) => "The sources and notes could not be loaded.",
            (SourcesFailed, Fr) => "Les sources et les notes n’ont pas pu être chargées.",
            (Close, En) => "Close",
            (Close, Fr) => "Fermer",
            (SourcesSlow, En) => "Still waiting for the sources and notes.",
            (SourcesSlow, Fr) => "Les sources et les notes se font attendre.",
            (StillWaiting, En) => "The map is taking longer than usual to load.",
            (StillWaiting, Fr) => "La carte met plus de temps que d’habitude à se charger.",
            (TryAgain, En) => "Try again",
            (TryAgain, Fr) => "Réessayer",
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
            (DataFailed, En) => "The map’s data could not be loaded.",
            (DataFailed, Fr) => "Les données de la carte n’ont pas pu être chargées.",
            (Layers, En) => "Layers",
            (Layers, Fr) => "Couches",
            (Bases, En) => "Bases",
            (Bases, Fr) => "Bases",
            (Links, En) => "Partnerships",
            (Links, Fr) => "Partenariats",
            (Government, En) => "Government",
            (Government, Fr) => "Gouvernement",
            (Leader, En) => "Leader",
            (Leader, Fr) => "Dirigeant",
            (ForeignBases, En) => "Foreign bases",
            (ForeignBases, Fr) => "Bases étrangères",
            (Partners, En) => "Partners",
            (Partners, Fr) => "Partenaires",
            (PartnersOf, En) => "partners",
            (PartnersOf, Fr) => "partenaires",
            (Blocs, En) => "Regional blocs",
            (Blocs, Fr) => "Blocs régionaux",
            (MoreLayers, En) => "More",
            (MoreLayers, Fr) => "Plus",
            (Agreements, En) => "Agreements",
            (Agreements, Fr) => "Accords",
            (Sources, En) => "Sources",
            (Sources, Fr) => "Sources",
            (Unverified, En) => "not independently verified",
            (Unverified, Fr) => "non vérifié de façon indépendante",
            (Operators, En) => "Operated by",
            (Operators, Fr) => "Exploitée par",
            (Troops, En) => "troops",
            (Troops, Fr) => "militaires",
            (NoCount, En) => "no base-level troop count",
            (NoCount, Fr) => "aucun effectif connu pour la base",
            (Active, En) => "active",
            (Active, Fr) => "en cours",
            (Ended, En) => "ended",
            (Ended, Fr) => "terminé",
            (Signed, En) => "signed",
            (Signed, Fr) => "signé",
            (InForce, En) => "in force",
            (InForce, Fr) => "en vigueur",
            (Opened, En) => "opened",
            (Opened, Fr) => "ouverte",
            (OpenedUnknown, En) => "start date not known",
            (OpenedUnknown, Fr) => "date de début inconnue",
            (Unlocated, En) => "location not known: shown at the capital",
            (Unlocated, Fr) => "emplacement inconnu : figurée à la capitale",
            (Closed, En) => "closed",
            (Closed, Fr) => "fermée",
            (AsOf, En) => "as of",
            (AsOf, Fr) => "au",
            (Version, En) => "version",
            (Version, Fr) => "version",
            (Data, En) => "Data",
            (Data, Fr) => "Données",
            (Parties, En) => "Parties",
            (Parties, Fr) => "Parties",
            (Site, En) => "records at this site",
            (Site, Fr) => "fiches sur ce site",
            (NoneKnown, En) => "None in the dataset.",
            (NoneKnown, Fr) => "Aucun dans les données.",
            (Key, En) => "Key",
            (Key, Fr) => "Légende",
            (TroopsAtBase, En) => "Troops at a base",
            (TroopsAtBase, Fr) => "Militaires sur une base",
            (FormerKey, En) => "closed or left",
            (FormerKey, Fr) => "fermée ou quittée",
            (SiteKey, En) => "several records at one site",
            (SiteKey, Fr) => "plusieurs fiches sur un même site",
            (MarksKey, En) => "under a name: its partners with an agreement in force",
            (MarksKey, Fr) => "sous un nom : ses partenaires liés par un accord en vigueur",
            (BlocKey, En) => "tinted and outlined: the members of a regional bloc",
            (BlocKey, Fr) => "teinte et contour : les membres d’un bloc régional",
            (LinesKey, En) => "Point at, focus or select a country or a partner to draw its partnerships:",
            (LinesKey, Fr) => "Pointez, parcourez ou sélectionnez un pays ou un partenaire pour tracer ses partenariats :",
            (PactKey, En) => "pact, confederation or membership",
            (PactKey, Fr) => "pacte, confédération ou adhésion",
            (AgreementKey, En) => "other agreement",
            (AgreementKey, Fr) => "autre accord",
            (MemoKey, En) => "memorandum",
            (MemoKey, Fr) => "mémorandum",
            (WithdrawalKey, En) => "withdrawal",
            (WithdrawalKey, Fr) => "retrait",
            (Timeline, En) => "Timeline",
            (Timeline, Fr) => "Chronologie",
            (DateLabel, En) => "Date shown",
            (DateLabel, Fr) => "Date affichée",
            (PrevEvent, En) => "Previous event",
            (PrevEvent, Fr) => "Événement précédent",
            (NextEvent, En) => "Next event",
            (NextEvent, Fr) => "Événement suivant",
            (Play, En) => "Play",
            (Play, Fr) => "Lire",
            (Pause, En) => "Pause",
            (Pause, Fr) => "Mettre en pause",
            (CopyLink, En) => "Copy link",
            (CopyLink, Fr) => "Copier le lien",
            (LinkCopied, En) => "Link copied to the clipboard.",
            (LinkCopied, Fr) => "Lien copié dans le presse-papiers.",
            (CopyFailed, En) => "The link could not be copied; it is in the address bar.",
            (CopyFailed, Fr) => {
                "Le lien n’a pas pu être copié ; il figure dans la barre d’adresse."
            }
            (CtrlScroll, En) => "Use Ctrl + scroll to zoom the map",
            (CtrlScroll, Fr) => "Utilisez Ctrl + molette pour zoomer sur la carte",
            (CmdScroll, En) => "Use ⌘ + scroll to zoom the map",
            (CmdScroll, Fr) => "Utilisez ⌘ + molette pour zoomer sur la carte",
            (TwoFingers, En) => "Use two fingers to move the map",
            (TwoFingers, Fr) => "Utilisez deux doigts pour déplacer la carte",
            (ZoomIn, En) => "Zoom in",
            (ZoomIn, Fr) => "Zoomer",
            (ZoomOut, En) => "Zoom out",
            (ZoomOut, Fr) => "Dézoomer",
            (ZoomReset, En) => "Show the whole map",
            (ZoomReset, Fr) => "Afficher toute la carte",
            (Countries, En) => "Countries",
            (Countries, Fr) => "Pays",
            (ShowTables, En) => "Show the data as tables",
            (ShowTables, Fr) => "Afficher les données en tableaux",
            (HideTables, En) => "Hide the tables",
            (HideTables, Fr) => "Masquer les tableaux",
            (LayerOn, En) => "shown",
            (LayerOn, Fr) => "affiché",
            (LayerOff, En) => "hidden",
            (LayerOff, Fr) => "masqué",
            (DateNow, En) => "The map shows",
            (DateNow, Fr) => "La carte montre",
            (Selected, En) => "Selected:",
            (Selected, Fr) => "Sélection :",
            (Cleared, En) => "Selection cleared",
            (Cleared, Fr) => "Sélection effacée",
        }
    }
}

const MONTHS: [[&str; 12]; 2] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
];

/// A date to some precision (a year, a month or a day), as `long_date` reads it: the dataset's
/// `Date` implements it, so i18n needs nothing of the dataset.
pub trait Calendar {
    fn year(&self) -> u32;
    fn month(&self) -> Option<u32>;
    fn day(&self) -> Option<u32>;
}

/// A dataset date as a reader writes it, to its precision.
///
/// ```
/// use sahel_map::{dataset::Date, i18n::{long_date, Lang}};
/// let d = |s| Date::parse(s).unwrap();
/// assert_eq!(long_date(&d("2024-03-16"), Lang::En), "16 March 2024");
/// assert_eq!(long_date(&d("2024-03-01"), Lang::Fr), "1er mars 2024");
/// assert_eq!(long_date(&d("2024-08"), Lang::Fr), "août 2024");
/// assert_eq!(long_date(&d("2013"), Lang::En), "2013");
/// ```
pub fn long_date(date: &impl Calendar, lang: Lang) -> String {
    let year = date.year();
    let Some(month) = date.month() else {
        return year.to_string();
    };
    let name = MONTHS[lang as usize][(month as usize).clamp(1, 12) - 1];
    match (date.day(), lang) {
        (None, _) => format!("{name} {year}"),
        (Some(1), Lang::Fr) => format!("1er {name} {year}"),
        (Some(day), _) => format!("{day} {name} {year}"),
    }
}

/// A whole number with the language's grouping: "12,640" in English, "12 640" in French
/// (a narrow no-break space, as French typography sets it).
///
/// ```
/// use sahel_map::i18n::{number, Lang};
/// assert_eq!(number(12640, Lang::En), "12,640");
/// assert_eq!(number(12640, Lang::Fr), "12\u{202f}640");
/// assert_eq!(number(950, Lang::Fr), "950");
/// ```
pub fn number(n: u32, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A word of the dataset's vocabulary (kinds, qualifiers) in the reader's language; an unknown
/// word is shown as it is written.
pub fn term(word: &str, lang: Lang) -> &str {
    let fr = lang == Lang::Fr;
    let (en, fr_word) = match word {
        "air-base" => ("air base", "base aérienne"),
        "drone-base" => ("drone base", "base de drones"),
        "forward-base" => ("forward base", "base avancée"),
        "camp" => ("camp", "camp"),
        "headquarters" => ("headquarters", "quartier général"),
        "training-mission" => ("training mission", "mission de formation"),
        "civilian-mission" => ("civilian mission", "mission civile"),
        "naval-base" => ("naval base", "base navale"),
        "deployment" => ("deployment", "déploiement"),
        "status-of-forces" => (
            "status-of-forces agreement",
            "accord sur le statut des forces",
        ),
        "defence-cooperation" => (
            "defence cooperation agreement",
            "accord de coopération de défense",
        ),
        "defence-mou" => ("defence memorandum", "mémorandum de défense"),
        "mutual-defence-pact" => ("mutual-defence pact", "pacte de défense mutuelle"),
        "military-technical" => ("military-technical agreement", "accord militaro-technique"),
        "mission-mandate" => ("mission mandate", "mandat de mission"),
        "confederation" => ("confederation treaty", "traité de confédération"),
        "membership" => ("membership", "adhésion"),
        "withdrawal" => ("withdrawal", "retrait"),
        "security-cooperation" => ("security cooperation", "coopération de sécurité"),
        "state-media" => ("state media", "média d’État"),
        "copy" => ("republished copy", "reprise"),
        "reference" => ("reference work", "ouvrage de référence"),
        "broadcaster" => ("broadcaster", "radio-télévision"),
        "newspaper" => ("newspaper", "journal"),
        "research" => ("research", "recherche"),
        "wire" => ("news agency", "agence de presse"),
        "official" => ("official", "source officielle"),
        "about" => ("about", "environ"),
        "up to" => ("up to", "jusqu’à"),
        "at least" => ("at least", "au moins"),
        "authorised" => ("authorised:", "autorisés :"),
        "planned" => ("planned:", "prévus :"),
        "exactly" => ("", ""),
        "peak" => ("at peak", "au plus fort"),
        _ => return word,
    };
    if fr {
        fr_word
    } else {
        en
    }
}

/// A string in both languages, as the data files carry them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
        // The same word in both languages.
        const SAME: [Text; 4] = [Text::Bases, Text::Sources, Text::Version, Text::Parties];
        for &t in Text::ALL {
            assert!(!t.get(Lang::Fr).is_empty() && !t.get(Lang::En).is_empty());
            let same = t.get(Lang::En) == t.get(Lang::Fr);
            assert_eq!(same, SAME.contains(&t), "{t:?}: {:?}", t.get(Lang::Fr));
        }
    }
}
