//! Names and address lines as a Swiss Post label can print them. Swiss practice first, from one table
//! ([`SPELLINGS`]: ß → ss, ø → o, Ł → L…); a Latin letter the label alphabet lacks then loses its accent
//! (È → E, ő → o); anything else (another script, an emoji, a control character) is refused, and the caller
//! names the field. Never a "?" on a label.

/// How a label spells letters and signs that it cannot print as they are, or that Swiss addresses write
/// otherwise.
pub const SPELLINGS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ẞ', "SS"),
    ('Ł', "L"),
    ('ł', "l"),
    ('Ø', "O"),
    ('ø', "o"),
    ('Œ', "OE"),
    ('œ', "oe"),
    ('Đ', "D"),
    ('đ', "d"),
    ('Ð', "D"),
    ('ð', "d"),
    ('Þ', "Th"),
    ('þ', "th"),
    ('ı', "i"),
    ('ſ', "s"),
    ('’', "'"),
    ('‘', "'"),
    ('ʼ', "'"),
    ('´', "'"),
    ('“', "\""),
    ('”', "\""),
    ('„', "\""),
    ('‐', "-"),
    ('–', "-"),
    ('—', "-"),
    ('\u{a0}', " "),
    ('…', "..."),
];

/// Why a text cannot go on a label.
#[derive(Debug, PartialEq, Eq)]
pub enum Unprintable {
    /// Letters of another script: the label needs the name in Latin letters.
    Script(&'static str),
    /// A sign with no Latin form (an emoji, a control character).
    Character(char),
}

impl std::fmt::Display for Unprintable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unprintable::Script(script) => {
                write!(
                    f,
                    "is written in {script} letters, which a Swiss Post label cannot print; give it in Latin letters"
                )
            }
            Unprintable::Character(c) => write!(f, "has {c:?}, which a Swiss Post label cannot print"),
        }
    }
}

/// The script of a letter outside Latin, by Unicode block.
fn script(c: char) -> Option<&'static str> {
    Some(match u32::from(c) {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "Greek",
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "Cyrillic",
        0x0530..=0x058F => "Armenian",
        0x0590..=0x05FF => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F => "Arabic",
        0x0900..=0x0DFF => "Indic",
        0x0E00..=0x0E7F => "Thai",
        0x10A0..=0x10FF => "Georgian",
        0x1100..=0x11FF | 0xAC00..=0xD7AF => "Korean",
        0x3040..=0x30FF => "Japanese",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => "Chinese",
        _ if c.is_alphabetic() && !is_latin(c) => "non-Latin",
        _ => return None,
    })
}

fn is_latin(c: char) -> bool {
    matches!(u32::from(c), 0x0000..=0x024F | 0x1E00..=0x1EFF)
}

/// `text` in the label alphabet, trimmed and with runs of spaces collapsed.
pub fn to_label(text: &str) -> Result<String, Unprintable> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some((_, spelled)) = SPELLINGS.iter().find(|(from, _)| *from == c) {
            out.push_str(spelled);
        } else if label::printable(c) {
            out.push(c);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent of a decomposed letter (e + ◌́): the base letter stays.
        } else if let Some(script) = script(c) {
            return Err(Unprintable::Script(script));
        } else if is_latin(c) && c.is_alphabetic() {
            let plain = deunicode::deunicode_char(c).unwrap_or("");
            if plain.is_empty() || !plain.chars().all(label::printable) {
                return Err(Unprintable::Character(c));
            }
            out.push_str(plain);
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            return Err(Unprintable::Character(c));
        }
    }
    Ok(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swiss_practice_and_accents_the_label_lacks() {
        assert_eq!(to_label("Straße 3").unwrap(), "Strasse 3");
        assert_eq!(to_label("Łukasz Kørner").unwrap(), "Lukasz Korner");
        assert_eq!(to_label("ÈVE Ôlafsdóttir-Œhler").unwrap(), "EVE Olafsdóttir-OEhler");
        assert_eq!(to_label("Zoë d’Épinay").unwrap(), "Zoë d'Épinay");
        assert_eq!(to_label("Müller").unwrap(), "Müller");
        assert_eq!(to_label("Rene\u{301}e  Dürr ").unwrap(), "Renee Dürr");
        assert_eq!(to_label("Őrs Bartók").unwrap(), "Ors Bartók");
    }

    #[test]
    fn every_spelling_prints() {
        for (from, to) in SPELLINGS {
            assert!(to.chars().all(label::printable), "{from} → {to}");
        }
    }

    #[test]
    fn other_scripts_and_signs_are_refused_with_a_reason() {
        assert_eq!(to_label("Иванова"), Err(Unprintable::Script("Cyrillic")));
        assert_eq!(to_label("Παπαδόπουλος"), Err(Unprintable::Script("Greek")));
        assert_eq!(to_label("王"), Err(Unprintable::Script("Chinese")));
        assert_eq!(to_label("Anna 😀"), Err(Unprintable::Character('😀')));
        assert!(to_label("Иванова").unwrap_err().to_string().contains("Cyrillic letters"));
    }
}
