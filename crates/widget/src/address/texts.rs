//! The address part's texts in German, French, Italian and English, compiled only with its Cargo feature.

crate::i18n::texts! {
/// The texts of one field.
pub struct FieldStrings {
    pub label: &'static str,
    pub hint: &'static str,
    pub no_results: &'static str,
}
}

crate::i18n::texts! {
/// The texts of the address part.
pub struct AddressStrings {
    pub address_legend: &'static str,
    pub locality: FieldStrings,
    pub street: FieldStrings,
    pub house_number: FieldStrings,
    pub checking: &'static str,
    pub certified: &'static str,
    pub usable: &'static str,
    pub unusable: &'static str,
    pub validation_failed: &'static str,
    /// "Did you mean: {address}?"
    pub did_you_mean: &'static str,
    pub use_suggestion: &'static str,
    pub not_verified: &'static str,
    pub verified: &'static str,
    /// The plain fields' labels (before the wasm runs, or where it cannot: `fields.rs`).
    pub postcode: &'static str,
    pub town: &'static str,
}
}

crate::i18n::texts_in!(
    /// The address part's texts in this language.
    address: AddressStrings
);

static EN: AddressStrings = AddressStrings {
    address_legend: "Delivery address",
    locality: FieldStrings {
        label: "Postcode or town",
        hint: "Type the postcode or the first letters of the town, then choose from the list.",
        no_results: "No matching postcode or town. You can type it yourself, for example 3011 Bern.",
    },
    street: FieldStrings {
        label: "Street",
        hint: "Type the first letters of the street.",
        no_results: "No matching street known. You can type it yourself.",
    },
    house_number: FieldStrings {
        label: "House number",
        hint: "For example 12 or 12a.",
        no_results: "No matching house number known. You can type it yourself.",
    },
    checking: "Checking the address…",
    certified: "Address confirmed by Swiss Post.",
    usable: "Postcode and town are correct; the street or house number could not be confirmed. Please check them.",
    unusable: "Postcode and town do not belong together. Please check them.",
    validation_failed: "The address could not be checked right now. You can still continue.",
    did_you_mean: "Did you mean: {address}?",
    use_suggestion: "Use this spelling",
    not_verified: "Not verified",
    verified: "Verified",
    postcode: "Postcode",
    town: "Town",
};

static DE: AddressStrings = AddressStrings {
    address_legend: "Lieferadresse",
    locality: FieldStrings {
        label: "PLZ oder Ort",
        hint: "Geben Sie die PLZ oder die ersten Buchstaben des Ortes ein und wählen Sie aus der Liste.",
        no_results: "Keine passende PLZ und kein passender Ort. Sie können die Angabe selbst eintippen, z. B. 3011 Bern.",
    },
    street: FieldStrings {
        label: "Strasse",
        hint: "Geben Sie die ersten Buchstaben der Strasse ein.",
        no_results: "Keine passende Strasse bekannt. Sie können sie selbst eintippen.",
    },
    house_number: FieldStrings {
        label: "Hausnummer",
        hint: "Zum Beispiel 12 oder 12a.",
        no_results: "Keine passende Hausnummer bekannt. Sie können sie selbst eintippen.",
    },
    checking: "Adresse wird geprüft…",
    certified: "Adresse von der Post bestätigt.",
    usable: "PLZ und Ort stimmen; Strasse oder Hausnummer konnten nicht bestätigt werden. Bitte prüfen Sie sie.",
    unusable: "PLZ und Ort passen nicht zusammen. Bitte prüfen Sie die Angaben.",
    validation_failed: "Die Adresse konnte im Moment nicht geprüft werden. Sie können trotzdem weiterfahren.",
    did_you_mean: "Meinten Sie: {address}?",
    use_suggestion: "Diese Schreibweise übernehmen",
    not_verified: "Nicht geprüft",
    verified: "Geprüft",
    postcode: "PLZ",
    town: "Ort",
};

static FR: AddressStrings = AddressStrings {
    address_legend: "Adresse de livraison",
    locality: FieldStrings {
        label: "NPA ou localité",
        hint: "Saisissez le NPA ou les premières lettres de la localité, puis choisissez dans la liste.",
        no_results: "Aucun NPA ni aucune localité ne correspond. Vous pouvez les saisir vous-même, p. ex. 1003 Lausanne.",
    },
    street: FieldStrings {
        label: "Rue",
        hint: "Saisissez les premières lettres de la rue.",
        no_results: "Aucune rue correspondante connue. Vous pouvez la saisir vous-même.",
    },
    house_number: FieldStrings {
        label: "Numéro",
        hint: "Par exemple 12 ou 12a.",
        no_results: "Aucun numéro correspondant connu. Vous pouvez le saisir vous-même.",
    },
    checking: "Vérification de l'adresse…",
    certified: "Adresse confirmée par La Poste.",
    usable: "Le NPA et la localité sont corrects ; la rue ou le numéro n'ont pas pu être confirmés. Veuillez les vérifier.",
    unusable: "Le NPA et la localité ne correspondent pas. Veuillez les vérifier.",
    validation_failed: "L'adresse n'a pas pu être vérifiée pour le moment. Vous pouvez tout de même continuer.",
    did_you_mean: "Vouliez-vous dire : {address} ?",
    use_suggestion: "Utiliser cette orthographe",
    not_verified: "Non vérifiée",
    verified: "Vérifiée",
    postcode: "NPA",
    town: "Localité",
};

static IT: AddressStrings = AddressStrings {
    address_legend: "Indirizzo di consegna",
    locality: FieldStrings {
        label: "NPA o località",
        hint: "Digiti il NPA o le prime lettere della località, poi scelga dall'elenco.",
        no_results: "Nessun NPA o località corrispondente. Può inserirli Lei stesso, p. es. 6500 Bellinzona.",
    },
    street: FieldStrings {
        label: "Via",
        hint: "Digiti le prime lettere della via.",
        no_results: "Nessuna via corrispondente conosciuta. Può inserirla Lei stesso.",
    },
    house_number: FieldStrings {
        label: "Numero civico",
        hint: "Per esempio 12 o 12a.",
        no_results: "Nessun numero civico corrispondente conosciuto. Può inserirlo Lei stesso.",
    },
    checking: "Verifica dell'indirizzo…",
    certified: "Indirizzo confermato dalla Posta.",
    usable: "NPA e località sono corretti; la via o il numero civico non hanno potuto essere confermati. La preghiamo di verificarli.",
    unusable: "NPA e località non corrispondono. La preghiamo di verificarli.",
    validation_failed: "Al momento non è stato possibile verificare l'indirizzo. Può comunque proseguire.",
    did_you_mean: "Intendeva: {address}?",
    use_suggestion: "Usare questa grafia",
    not_verified: "Non verificato",
    verified: "Verificato",
    postcode: "NPA",
    town: "Località",
};

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn every_language_has_every_text_and_distinct_labels() {
        for lang in Lang::ALL {
            let s = lang.address();
            let fields = [&s.locality, &s.street, &s.house_number];
            for field in fields {
                assert!(!field.label.is_empty() && !field.hint.is_empty() && !field.no_results.is_empty());
            }
            assert!(fields[0].label != fields[1].label && fields[1].label != fields[2].label);
            for text in [s.address_legend, s.checking, s.certified, s.usable, s.unusable, s.validation_failed] {
                assert!(!text.is_empty());
            }
            assert!(!s.use_suggestion.is_empty() && !s.not_verified.is_empty() && !s.verified.is_empty());
            assert!(s.did_you_mean.contains("{address}"));
        }
    }
}
