//! Every string the widget shows or announces, in German, French, Italian and English.

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
            Lang::En => "en",
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
    pub locality_label: &'static str,
    pub locality_hint: &'static str,
    pub suggestions_label: &'static str,
    pub loading: &'static str,
    pub no_results: &'static str,
    /// The lookup failed: the shopper types on by hand.
    pub lookup_failed: &'static str,
    /// "{n} suggestions" for n ≠ 1.
    pub suggestions_many: &'static str,
    pub suggestions_one: &'static str,
    pub chosen: &'static str,
}

impl Strings {
    /// "3 suggestions", "1 suggestion".
    pub fn suggestion_count(&self, n: usize) -> String {
        if n == 1 { self.suggestions_one.to_owned() } else { self.suggestions_many.replace("{n}", &n.to_string()) }
    }
}

static EN: Strings = Strings {
    locality_label: "Postcode or town",
    locality_hint: "Type the postcode or the first letters of the town, then choose from the list.",
    suggestions_label: "Suggestions",
    loading: "Looking up…",
    no_results: "No matching postcode or town. You can type it yourself.",
    lookup_failed: "Suggestions are not available right now. Type the postcode and town yourself.",
    suggestions_many: "{n} suggestions",
    suggestions_one: "1 suggestion",
    chosen: "Chosen:",
};

static DE: Strings = Strings {
    locality_label: "PLZ oder Ort",
    locality_hint: "Geben Sie die Postleitzahl oder die ersten Buchstaben des Ortes ein und wählen Sie aus der Liste.",
    suggestions_label: "Vorschläge",
    loading: "Wird gesucht…",
    no_results: "Keine passende PLZ und kein passender Ort. Sie können die Angabe selbst eintippen.",
    lookup_failed: "Vorschläge sind im Moment nicht verfügbar. Bitte geben Sie PLZ und Ort selbst ein.",
    suggestions_many: "{n} Vorschläge",
    suggestions_one: "1 Vorschlag",
    chosen: "Gewählt:",
};

static FR: Strings = Strings {
    locality_label: "NPA ou localité",
    locality_hint: "Saisissez le NPA ou les premières lettres de la localité, puis choisissez dans la liste.",
    suggestions_label: "Suggestions",
    loading: "Recherche en cours…",
    no_results: "Aucun NPA ni aucune localité ne correspond. Vous pouvez les saisir vous-même.",
    lookup_failed: "Les suggestions ne sont pas disponibles pour le moment. Saisissez le NPA et la localité vous-même.",
    suggestions_many: "{n} suggestions",
    suggestions_one: "1 suggestion",
    chosen: "Choix :",
};

static IT: Strings = Strings {
    locality_label: "NPA o località",
    locality_hint: "Digiti il NPA o le prime lettere della località, poi scelga dall'elenco.",
    suggestions_label: "Suggerimenti",
    loading: "Ricerca in corso…",
    no_results: "Nessun NPA o località corrispondente. Può inserirli Lei stesso.",
    lookup_failed: "I suggerimenti non sono disponibili al momento. Inserisca NPA e località Lei stesso.",
    suggestions_many: "{n} suggerimenti",
    suggestions_one: "1 suggerimento",
    chosen: "Scelta:",
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
    fn every_language_has_every_string() {
        for lang in [Lang::De, Lang::Fr, Lang::It, Lang::En] {
            let s = lang.strings();
            for text in [
                s.locality_label,
                s.locality_hint,
                s.suggestions_label,
                s.loading,
                s.no_results,
                s.lookup_failed,
                s.chosen,
            ] {
                assert!(!text.is_empty());
            }
            assert!(s.suggestions_many.contains("{n}"));
        }
    }
}
