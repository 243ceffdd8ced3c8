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

/// Words that Swiss names write short or long: each group's first member is the short form names use
/// most ("St. Gallen"), the others what shoppers also type ("Sankt Gallen", "Saint-Imier", "San Bernardino";
/// Italian names write "S. Bernardino").
/// French street words ("Ch. des Vignes", "Av. de la Gare", "Rte de Berne") belong here for the same reason.
const ABBREVIATIONS: &[&[&str]] = &[
    &["st", "sankt", "saint", "santa", "san", "s"],
    &["ste", "sainte"],
    &["ch", "chemin"],
    &["av", "avenue"],
    &["rte", "route"],
    &["bd", "boulevard"],
];

/// The group of `word`, if it has one.
fn abbreviation_group(word: &str) -> Option<&'static [&'static str]> {
    ABBREVIATIONS.iter().copied().find(|group| group.contains(&word))
}

/// A name folded for comparing whole names: "Sankt-Gallen" and "St. Gallen" are equal, and so are
/// "Bahnhofstr." and "Bahnhofstrasse".
pub fn canonical(text: &str) -> String {
    fold(text)
        .replace("strasse", "str")
        .split(' ')
        .map(|word| abbreviation_group(word).map_or(word, |group| group[0]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the shopper typed, folded for prefix search against [`name_keys`]. Only the last word may be
/// half-typed: "bahnhofstra" and "bahnhofstrass" still find "Bahnhofstrasse", which the keys spell "…str".
pub fn fold_query(text: &str) -> String {
    let mut folded = fold(text).replace("strasse", "str");
    let last_word = folded.rfind(' ').map_or(0, |space| space + 1);
    if let Some(at) = folded[last_word..].rfind("str") {
        let end = last_word + at + 3;
        if "asse".starts_with(&folded[end..]) {
            folded.truncate(end);
        }
    }
    folded
}

/// What the shopper typed with its abbreviated words spelled out, for an upstream that matches names as they
/// are written ("Av. de la Ga" → "avenue de la Ga", "Bahnhofstr. 3" → "Bahnhofstrasse 3"). A word counts as
/// abbreviated only when the shopper finished it (a period or a later word): "Ch" may still become "Chur".
pub fn spelled_out(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim_end_matches('.');
        let finished = i < last || bare.len() < word.len();
        let long = finished
            .then(|| abbreviation_group(&bare.to_lowercase()))
            .flatten()
            .filter(|group| group[0] == bare.to_lowercase() && !matches!(group[0], "st" | "ste"))
            .map(|group| group[1].to_owned());
        let word = match long {
            Some(long) => long,
            None if finished && bare.to_lowercase().ends_with("str") && bare.len() > 3 => format!("{bare}asse"),
            None => (*word).to_owned(),
        };
        out.push(word);
    }
    out.join(" ")
}

/// Every key under which `name` is found by prefix: each word suffix of its folded form and of its
/// German spelling, with "strasse" written "str" so that both spellings meet, and with every other
/// spelling of an abbreviated word ("st gallen", "sankt gallen", "saint gallen", …).
pub fn name_keys(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let forms = std::iter::once(fold(name)).chain(fold_german(name));
    for form in forms {
        let form = form.replace("strasse", "str");
        let words: Vec<&str> = form.split(' ').collect();
        let mut spellings = vec![form.clone()];
        for group in ABBREVIATIONS {
            if words.iter().any(|word| group.contains(word)) {
                for spelling in group.iter() {
                    let respelled: Vec<&str> =
                        words.iter().map(|&word| if group.contains(&word) { *spelling } else { word }).collect();
                    spellings.push(respelled.join(" "));
                }
            }
        }
        for spelling in &spellings {
            keys.extend(word_suffixes(spelling).map(str::to_owned));
        }
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
        assert_eq!(canonical("Sankt Gallen"), canonical("St. Gallen"));
        assert_eq!(canonical("Bahnhofstr."), canonical("Bahnhofstrasse"));
        assert!(name_matches("St. Gallen", &fold_query("Sankt Gall")));
        assert!(name_matches("St. Gallen", &fold_query("sankt gallen")));
        assert!(name_matches("St-Imier", &fold_query("Saint Imier")));
        assert!(name_matches("Bahnhofstrasse", &fold_query("bahnhofstr.")));
        assert!(name_matches("Bahnhofstrasse", &fold_query("Bahnhofstrasse")));
        for typed in ["bahnhofs", "bahnhofst", "bahnhofstr", "bahnhofstra", "bahnhofstras", "bahnhofstrass"] {
            assert!(name_matches("Bahnhofstrasse", &fold_query(typed)), "{typed}");
        }
        assert!(name_matches("Biel/Bienne", &fold_query("bienne")));
        assert!(name_matches("Chemin des Vignes", &fold_query("ch. des vi")));
        assert!(name_matches("Ch. des Vignes", &fold_query("chemin des vi")));
        assert!(name_matches("Avenue de la Gare", &fold_query("av. de la g")));
        assert!(name_matches("Route de Berne", &fold_query("rte de b")));
        assert_eq!(canonical("Av. de la Gare"), canonical("Avenue de la Gare"));
        assert!(name_matches("Zürich", &fold_query("zuerich")));
        assert!(!name_matches("Bern", &fold_query("zurich")));
    }

    /// Found by the `name_matching` fuzz target: "san" was read as "st" and no longer found "Sant…" or
    /// "San Bernardino"; and a "…stra" word before the last was cut, so "Astra Bahnhof" missed itself.
    #[test]
    fn regressions_found_by_fuzzing() {
        assert!(name_matches("sant", &fold_query("san")));
        assert!(name_matches("San Bernardino", &fold_query("San")));
        assert!(name_matches("San Bernardino", &fold_query("San Bern")));
        assert!(name_matches("Astra Bahnhof", &fold_query("Astra Bahnhof")));
        assert!(name_matches("Sankt Antönien", &fold_query("St. Ant")));
    }

    #[test]
    fn finished_abbreviations_are_spelled_out_for_the_upstream() {
        assert_eq!(spelled_out("Av. de la Ga"), "avenue de la Ga");
        assert_eq!(spelled_out("ch des Vi"), "chemin des Vi");
        assert_eq!(spelled_out("Bahnhofstr. 3"), "Bahnhofstrasse 3");
        assert_eq!(spelled_out("Ch"), "Ch", "the shopper may still be typing Chur");
        assert_eq!(spelled_out("St. Gallerstr"), "St. Gallerstr", "St. stays as names write it");
    }

    #[test]
    fn word_suffixes_start_at_every_word() {
        let keys: Vec<_> = word_suffixes("biel bienne").collect();
        assert_eq!(keys, ["biel bienne", "bienne"]);
    }
}
