//! The four languages the Swiss Post APIs answer in, shared by the sandbox's services.

/// A request's language, for the texts of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    De,
    Fr,
    It,
    En,
}

impl Lang {
    /// `DE`, `fr`, …, as a body's `language` names it (any case); `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" => Some(Self::De),
            "fr" => Some(Self::Fr),
            "it" => Some(Self::It),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code, as an HTML `lang` attribute wants it.
    pub fn code(self) -> &'static str {
        self.pick(["de", "fr", "it", "en"])
    }

    /// The text of this language among `[de, fr, it, en]`.
    pub fn pick(self, [de, fr, it, en]: [&'static str; 4]) -> &'static str {
        match self {
            Self::De => de,
            Self::Fr => fr,
            Self::It => it,
            Self::En => en,
        }
    }
}
