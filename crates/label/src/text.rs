//! What a label can print, and how each format spells it. One alphabet for every format: printable ASCII
//! and the letters and signs that are in both Latin-1 (the PDF fonts' WinAnsi encoding and the PNG font) and
//! IBM code page 437 (the bytes of Swiss Post's ZPL2 labels, POST-API.md §6.4). A label made of it reads the
//! same whatever format the shop asks for.

/// IBM code page 437, bytes 0x80 to 0xFF.
const CP437_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{a0}',
];

/// Whether every label format can print `c`.
pub fn printable(c: char) -> bool {
    (' '..='~').contains(&c) || (('\u{a1}'..='\u{ff}').contains(&c) && CP437_HIGH.contains(&c))
}

/// The first character of `text` a label cannot print, if any.
pub fn unprintable(text: &str) -> Option<char> {
    text.chars().find(|c| !printable(*c))
}

/// `c` as a byte of code page 437 (ZPL2); `None` outside the alphabet.
pub fn cp437(c: char) -> Option<u8> {
    if !printable(c) {
        return None;
    }
    if c.is_ascii() {
        return Some(c as u8);
    }
    CP437_HIGH.iter().position(|&x| x == c).map(|i| 0x80 + i as u8)
}

/// `c` as a byte of Latin-1 / WinAnsi (the PDF's fonts); `None` outside the alphabet.
pub fn latin1(c: char) -> Option<u8> {
    printable(c).then(|| u32::from(c) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swiss_letters_print_and_other_scripts_do_not() {
        for c in "Zürich Genève Bâle Ñandú Ærø Straße ÉÖÜÄ àçèéêëîïôûù".chars().filter(|c| *c != 'ø')
        {
            assert!(printable(c), "{c}");
        }
        // Not in code page 437: printed as their base letter by the caller.
        for c in ['È', 'Ê', 'Ô', 'Û', 'ø', 'Ø', 'Ł', 'ő', 'Ж', 'Ω', '中', '😀', '\u{a0}', '\n'] {
            assert!(!printable(c), "{c}");
        }
        assert_eq!(cp437('é'), Some(0x82));
        assert_eq!(cp437('ß'), Some(0xe1));
        assert_eq!(latin1('é'), Some(0xe9));
        assert_eq!(unprintable("Anna Müller"), None);
        assert_eq!(unprintable("Анна"), Some('А'));
    }
}
