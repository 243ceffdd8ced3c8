//! The widget's languages, and the texts every part shares (the suggestion list's, the form's validity
//! messages) in German, French, Italian and English. Each part's own texts are in its folder (`texts.rs`),
//! compiled only with the part's Cargo feature.
//!
//! The texts are written here in Rust, so every language has every text or the widget does not compile. A
//! test writes them out as JSON beside each file (`i18n.json`, `<part>/texts.json`), from which the element
//! bundle with every part gets one file per language. Built with `fetched-texts` (that bundle), the wasm
//! holds none of them: the page's JavaScript fetches the languages it shows and hands each to
//! `addTexts` ([`crate::catalogue`], which lists the parts), so a shopper downloads one language, not four.
//! Each part keeps its own texts (`texts_in!`): this file names no part.

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
}

/// A set of texts, field by field: what the texts files are written from and read into.
pub trait TextGroup {
    /// Calls `visit(group, name, text)` for each text, `group` naming the nested set it is in.
    fn visit(&mut self, group: Option<&'static str>, visit: &mut TextVisitor<'_>);
}

/// What [`TextGroup::visit`] calls for each text.
pub type TextVisitor<'a> = dyn FnMut(Option<&'static str>, &'static str, &mut &'static str) + 'a;

/// A member of a texts struct: a text, or a nested set of texts.
pub trait TextMember {
    fn visit_as(&mut self, name: &'static str, group: Option<&'static str>, visit: &mut TextVisitor<'_>);
}

impl TextMember for &'static str {
    fn visit_as(&mut self, name: &'static str, group: Option<&'static str>, visit: &mut TextVisitor<'_>) {
        visit(group, name, self);
    }
}

impl<T: TextGroup> TextMember for T {
    fn visit_as(&mut self, name: &'static str, _group: Option<&'static str>, visit: &mut TextVisitor<'_>) {
        self.visit(Some(name), visit);
    }
}

/// A text's name for the visitor: none in a build with `fetched-texts`, whose texts files list the texts in
/// the order they are visited (the names stay in the files the bundles are made from, for people).
pub const fn text_name(name: &'static str) -> &'static str {
    if cfg!(feature = "fetched-texts") { "" } else { name }
}

/// A struct of texts (`&'static str` members, or nested structs of texts) that can be written out and read
/// back: `texts! { /// doc \n pub struct Name { pub field: &'static str, … } }`.
macro_rules! texts {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Default)]
        pub struct $name { $($(#[$field_meta])* pub $field: $ty,)* }

        impl $crate::i18n::TextGroup for $name {
            fn visit(&mut self, group: Option<&'static str>, visit: &mut $crate::i18n::TextVisitor<'_>) {
                $($crate::i18n::TextMember::visit_as(
                    &mut self.$field,
                    $crate::i18n::text_name(stringify!($field)),
                    group,
                    visit,
                );)*
            }
        }
    };
}
pub(crate) use texts;

/// `Lang::$part()`: a part's texts in a language, from its four statics, or with `fetched-texts` from those
/// the page handed over, which the part keeps itself (`$ty::keep`, called by [`crate::catalogue`]): this file
/// knows no part.
macro_rules! texts_in {
    ($(#[$meta:meta])* $part:ident: $ty:ty) => {
        #[cfg(feature = "fetched-texts")]
        thread_local! {
            /// This part's texts of each language the page handed over, by `Lang as usize`.
            static FETCHED: std::cell::Cell<[Option<&'static $ty>; 4]> = const { std::cell::Cell::new([None; 4]) };
            /// Empty texts, for a widget shown before any language is here (never, see `Lang::shown`): no trap.
            static EMPTY: &'static $ty = Box::leak(Box::default());
        }

        #[cfg(feature = "fetched-texts")]
        impl $ty {
            /// Keeps these texts as this part's in `lang`, for the page's life.
            pub(crate) fn keep(self, lang: $crate::i18n::Lang) {
                let kept: &'static $ty = Box::leak(Box::new(self));
                FETCHED.with(|fetched| {
                    let mut now = fetched.get();
                    now[lang as usize] = Some(kept);
                    fetched.set(now);
                });
            }
        }

        impl $crate::i18n::Lang {
            $(#[$meta])*
            pub fn $part(self) -> &'static $ty {
                #[cfg(feature = "fetched-texts")]
                {
                    let _ = [&DE, &FR, &IT, &EN];
                    let fetched = FETCHED.with(std::cell::Cell::get);
                    fetched[self as usize]
                        .or_else(|| fetched.into_iter().flatten().next())
                        .unwrap_or_else(|| EMPTY.with(|empty| *empty))
                }
                #[cfg(not(feature = "fetched-texts"))]
                match self {
                    $crate::i18n::Lang::De => &DE,
                    $crate::i18n::Lang::Fr => &FR,
                    $crate::i18n::Lang::It => &IT,
                    $crate::i18n::Lang::En => &EN,
                }
            }
        }
    };
}
pub(crate) use texts_in;

texts! {
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
}

texts_in!(
    /// The texts every part shares, in this language.
    strings: Strings
);

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

#[cfg(feature = "fetched-texts")]
thread_local! {
    /// The languages the page handed over whole, by `Lang as usize`.
    static LOADED: std::cell::Cell<[bool; 4]> = const { std::cell::Cell::new([false; 4]) };
}

/// Notes that every part now has `lang`'s texts ([`crate::catalogue`] hands them over).
#[cfg(feature = "fetched-texts")]
pub fn mark_loaded(lang: Lang) {
    LOADED.with(|loaded| {
        let mut now = loaded.get();
        now[lang as usize] = true;
        loaded.set(now);
    });
}

impl Lang {
    /// Whether this language's texts are here (always, unless built with `fetched-texts`).
    pub fn is_loaded(self) -> bool {
        #[cfg(feature = "fetched-texts")]
        return LOADED.with(std::cell::Cell::get)[self as usize];
        #[cfg(not(feature = "fetched-texts"))]
        true
    }

    /// The language a widget asked for `self` shows: `self` once its texts are here, until then one that is
    /// (the page fetches the rest and switches).
    pub fn shown(self) -> Lang {
        if self.is_loaded() { self } else { Lang::ALL.into_iter().find(|l| l.is_loaded()).unwrap_or(self) }
    }
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// `text` as a JSON string, quotes included.
    pub(crate) fn json_string(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// A texts file's content: one member per language, each text by its name, nested sets as objects.
    pub(crate) fn texts_json<T: TextGroup + Clone + 'static>(texts: fn(Lang) -> &'static T) -> String {
        enum Node {
            Text(&'static str),
            Group(Vec<(&'static str, Node)>),
        }
        fn write(node: &Node, indent: usize, out: &mut String) {
            match node {
                Node::Text(text) => out.push_str(&json_string(text)),
                Node::Group(members) => {
                    out.push_str("{\n");
                    for (i, (name, member)) in members.iter().enumerate() {
                        out.push_str(&format!("{:indent$}\"{name}\": ", "", indent = indent + 2));
                        write(member, indent + 2, out);
                        out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
                    }
                    out.push_str(&format!("{:indent$}}}", ""));
                }
            }
        }
        let mut languages = Vec::new();
        for lang in Lang::ALL {
            let mut members: Vec<(&'static str, Node)> = Vec::new();
            texts(lang).clone().visit(None, &mut |group, name, text| match group {
                None => members.push((name, Node::Text(text))),
                Some(group) => match members.last_mut() {
                    Some((last, Node::Group(inner))) if *last == group => inner.push((name, Node::Text(text))),
                    _ => members.push((group, Node::Group(vec![(name, Node::Text(text))]))),
                },
            });
            languages.push((&lang.tag()[..2], Node::Group(members)));
        }
        let mut out = String::new();
        write(&Node::Group(languages), 0, &mut out);
        out.push('\n');
        out
    }
}
