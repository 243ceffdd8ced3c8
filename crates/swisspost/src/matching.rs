//! Matching what a shopper types against place and street names, the same way in the sandbox (which
//! plays the upstream) and in the proxy (which filters answers it already has instead of asking again).
//!
//! Case, diacritics and punctuation do not matter: "zurich", "ZÜRICH" and "zuerich" all find "Zürich",
//! "st. gall" and "sankt gall" find "St. Gallen", "saint-imier" finds "St-Imier", "biel/b" finds
//! "Biel/Bienne", "bahnhofstr." finds "Bahnhofstrasse" and "bahnhofstrasse" finds "Bahnhofstr.".

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

/// Words that Swiss names abbreviate, with their spelled-out forms: a name is also found under these.
const ABBREVIATIONS: &[(&str, &[&str])] =
    &[("st", &["sankt", "saint", "santa", "san"]), ("ste", &["sainte"]), ("str", &["strasse"])];

/// A folded query with abbreviations written as the names write them ("sankt gallen" → "st gallen",
/// "bahnhofstr" stays). Matching compares this against [`name_keys`].
pub fn fold_query(text: &str) -> String {
    let folded = fold(text).replace("strasse", "str");
    folded
        .split(' ')
        .map(|word| {
            let word = ABBREVIATIONS.iter().find(|(_, long)| long.contains(&word)).map_or(word, |(short, _)| short);
            // Half-typed "…stra", "…strass" still find "…strasse", which the keys spell "…str".
            match word.rfind("str") {
                Some(at) if "asse".starts_with(&word[at + 3..]) => &word[..at + 3],
                _ => word,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every key under which `name` is found by prefix: each word suffix of its folded form and of its
/// German spelling, with "strasse" written "str" so that both spellings meet.
pub fn name_keys(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let forms = std::iter::once(fold(name)).chain(fold_german(name));
    for form in forms {
        let form = form.replace("strasse", "str");
        keys.extend(word_suffixes(&form).map(str::to_owned));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// True when a word of `name` starts with `folded_query` (a [`fold_query`] result).
pub fn name_matches(name: &str, folded_query: &str) -> bool {
    folded_query.is_empty() || name_keys(name).iter().any(|key| key.starts_with(folded_query))
}

/// Key for comparing house numbers: "12 a", "12A" and "12a" are the same number.
pub fn house_number_key(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
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
    fn abbreviations_and_spelled_out_words_meet() {
        assert_eq!(fold_query("Sankt Gall"), "st gall");
        assert_eq!(fold_query("saint-imier"), "st imier");
        assert!(name_matches("St. Gallen", &fold_query("sankt gallen")));
        assert!(name_matches("St-Imier", &fold_query("Saint Imier")));
        assert!(name_matches("Bahnhofstrasse", &fold_query("bahnhofstr.")));
        assert!(name_matches("Bahnhofstrasse", &fold_query("Bahnhofstrasse")));
        for typed in ["bahnhofs", "bahnhofst", "bahnhofstr", "bahnhofstra", "bahnhofstras", "bahnhofstrass"] {
            assert!(name_matches("Bahnhofstrasse", &fold_query(typed)), "{typed}");
        }
        assert!(name_matches("Biel/Bienne", &fold_query("bienne")));
        assert!(name_matches("Zürich", &fold_query("zuerich")));
        assert!(!name_matches("Bern", &fold_query("zurich")));
    }

    #[test]
    fn word_suffixes_start_at_every_word() {
        let keys: Vec<_> = word_suffixes("biel bienne").collect();
        assert_eq!(keys, ["biel bienne", "bienne"]);
    }
}
