//! Text keys for matching what a shopper types against place names.
//!
//! Case, diacritics and punctuation do not matter: "zurich", "ZÜRICH" and "zuerich" all find "Zürich",
//! "st. gall" finds "St. Gallen", "biel/b" finds "Biel/Bienne".

/// Folds `text` to lower-case ASCII words separated by single spaces ("Biel/Bienne" → "biel bienne").
pub fn fold(text: &str) -> String {
    squash(&deunicode::deunicode(text).to_lowercase())
}

/// The German transliteration of umlauts ("Zürich" → "zuerich"), which Swiss keyboards without umlauts
/// use. `None` when the text has no umlaut, so callers index it only once.
pub fn fold_german(text: &str) -> Option<String> {
    if !text.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü')) {
        return None;
    }
    let spelled: String = text
        .chars()
        .map(|c| match c {
            'ä' | 'Ä' => "ae".to_owned(),
            'ö' | 'Ö' => "oe".to_owned(),
            'ü' | 'Ü' => "ue".to_owned(),
            other => other.to_string(),
        })
        .collect();
    Some(fold(&spelled))
}

/// Every key under which a name is found by prefix: the whole folded name, and the same from each later
/// word on, so "bienne" finds "Biel/Bienne" and "gallen" finds "St. Gallen".
pub fn word_suffixes(folded: &str) -> impl Iterator<Item = &str> {
    std::iter::once(folded).chain(folded.match_indices(' ').map(move |(i, _)| &folded[i + 1..]))
}

fn squash(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut gap = false;
    for c in lower.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("  GENÈVE "), "geneve");
        assert_eq!(fold("Biel/Bienne"), "biel bienne");
        assert_eq!(fold("St. Gallen"), "st gallen");
        assert_eq!(fold("Chavannes-près-Renens"), "chavannes pres renens");
    }

    #[test]
    fn german_transliteration_only_when_there_is_an_umlaut() {
        assert_eq!(fold_german("Zürich").as_deref(), Some("zuerich"));
        assert_eq!(fold_german("Bern"), None);
    }

    #[test]
    fn word_suffixes_start_at_every_word() {
        let keys: Vec<_> = word_suffixes("biel bienne").collect();
        assert_eq!(keys, ["biel bienne", "bienne"]);
    }
}
