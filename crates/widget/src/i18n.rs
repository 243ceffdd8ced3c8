//! The widget's languages, and the texts every part shares (the suggestion list's, the form's validity
//! messages) in German, French, Italian and English. Each part's own texts are in its folder (`texts.rs`),
//! compiled only with the part's Cargo feature.

/// A language of the widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    De,
    Fr,
    It,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::De, Lang::Fr, Lang::It, Lang::En];

    /// Reads a language tag ("de", "fr-CH", "it_CH", "EN"); `None` for languages the widget lacks.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "de" | "gsw" => Some(Lang::De),
            "fr" => Some(Lang::Fr),
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::De => "de-CH",
            Lang::Fr => "fr-CH",
            Lang::It => "it-CH",
            Lang::En => "en-CH",
        }
    }

    /// The language's name in itself, for a language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::It => "Italiano",
            Lang::En => "English",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

/// The texts of one language.
pub struct Strings {
    pub suggestions_label: &'static str,
    pub loading: &'static str,
    /// The lookup failed: the shopper types on by hand.
    pub lookup_failed: &'static str,
    /// "{n} suggestions" for n ≠ 1.
    pub suggestions_many: &'static str,
    pub suggestions_one: &'static str,
    /// Why a `required` element keeps its form from submitting: the address is missing.
    pub missing_address: &'static str,
    /// The same when the delivery part is shown: the address or the delivery is missing.
    pub missing_delivery: &'static str,
}

impl Strings {
    /// "3 suggestions", "1 suggestion".
    pub fn suggestion_count(&self, n: usize) -> String {
        if n == 1 { self.suggestions_one.to_owned() } else { self.suggestions_many.replace("{n}", &n.to_string()) }
    }
}

static EN: Strings = Strings {
    suggestions_label: "Suggestions",
    loading: "Looking up…",
    lookup_failed: "Suggestions are not available right now. You can type it yourself.",
    suggestions_many: "{n} suggestions",
    suggestions_one: "1 suggestion",
    missing_address: "Please enter the address.",
    missing_delivery: "Please enter the delivery address and choose a delivery.",
};

static DE: Strings = Strings {
    suggestions_label: "Vorschläge",
    loading: "Wird gesucht…",
    lookup_failed: "Vorschläge sind im Moment nicht verfügbar. Sie können die Angabe selbst eintippen.",
    suggestions_many: "{n} Vorschläge",
    suggestions_one: "1 Vorschlag",
    missing_address: "Bitte geben Sie die Adresse ein.",
    missing_delivery: "Bitte geben Sie die Lieferadresse ein und wählen Sie eine Lieferung.",
};

static FR: Strings = Strings {
    suggestions_label: "Suggestions",
    loading: "Recherche en cours…",
    lookup_failed: "Les suggestions ne sont pas disponibles pour le moment. Vous pouvez saisir l'adresse vous-même.",
    suggestions_many: "{n} suggestions",
    suggestions_one: "1 suggestion",
    missing_address: "Veuillez saisir l’adresse.",
    missing_delivery: "Veuillez saisir l’adresse de livraison et choisir une livraison.",
};

static IT: Strings = Strings {
    suggestions_label: "Suggerimenti",
    loading: "Ricerca in corso…",
    lookup_failed: "I suggerimenti non sono disponibili al momento. Può inserire l'indirizzo Lei stesso.",
    suggestions_many: "{n} suggerimenti",
    suggestions_one: "1 suggerimento",
    missing_address: "Inserisca l’indirizzo.",
    missing_delivery: "Inserisca l’indirizzo di consegna e scelga una consegna.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_fallback() {
        assert_eq!(Lang::from_tag("fr-CH"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("DE"), Some(Lang::De));
        assert_eq!(Lang::from_tag("it_CH"), Some(Lang::It));
        assert_eq!(Lang::from_tag("rm"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn counts() {
        assert_eq!(Lang::En.strings().suggestion_count(1), "1 suggestion");
        assert_eq!(Lang::De.strings().suggestion_count(8), "8 Vorschläge");
    }

    #[test]
    fn every_language_has_every_shared_text() {
        for lang in Lang::ALL {
            let s = lang.strings();
            for text in [s.suggestions_label, s.loading, s.lookup_failed, s.missing_address, s.missing_delivery] {
                assert!(!text.is_empty());
            }
            assert!(s.suggestions_many.contains("{n}"));
        }
    }
}
