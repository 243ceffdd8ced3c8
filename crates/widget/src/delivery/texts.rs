//! The delivery part's texts in German, French, Italian and English, compiled only with its Cargo feature.

crate::i18n::texts! {
/// The texts of the delivery part.
pub struct DeliveryStrings {
    pub heading: &'static str,
    pub needs_address: &'static str,
    pub loading: &'static str,
    /// The options could not be loaded: standard delivery stays.
    pub failed: &'static str,
    pub none_found: &'static str,
    /// "{choice}" is no longer offered for the new address.
    pub choice_cleared: &'static str,
    /// "Order by {time} on {date}".
    pub order_by: &'static str,
    pub standard: &'static str,
    pub economy: &'static str,
    pub time_window: &'static str,
    pub evening: &'static str,
    pub saturday: &'static str,
    pub same_day: &'static str,
    /// Standard delivery when no dates are known.
    pub standard_fallback: &'static str,
    /// The strip of delivery days.
    pub day_legend: &'static str,
    /// "from {price}": the lowest price of a day.
    pub from_price: &'static str,
}
}

crate::i18n::texts_in!(
    /// The delivery part's texts in this language.
    delivery: DeliveryStrings
);

static EN: DeliveryStrings = DeliveryStrings {
    heading: "Delivery",
    needs_address: "Enter the delivery address to see the delivery dates.",
    loading: "Loading delivery dates…",
    failed: "Delivery dates could not be loaded. Standard delivery is still available.",
    none_found: "No delivery dates are known for this address. Standard delivery is available.",
    choice_cleared: "{choice} is not available for the new address. Please choose again.",
    order_by: "Order by {time} on {date}",
    standard: "Standard (PostPac Priority)",
    economy: "Economy (PostPac Economy)",
    time_window: "Time window",
    evening: "Evening",
    saturday: "Saturday delivery",
    same_day: "Same day",
    standard_fallback: "Standard delivery (PostPac Priority), usually the next working day",
    day_legend: "Delivery day",
    from_price: "from {price}",
};

static DE: DeliveryStrings = DeliveryStrings {
    heading: "Zustellung",
    needs_address: "Geben Sie die Lieferadresse ein, um die Liefertermine zu sehen.",
    loading: "Liefertermine werden geladen…",
    failed: "Die Liefertermine konnten nicht geladen werden. Standardzustellung ist weiterhin möglich.",
    none_found: "Für diese Adresse sind keine Liefertermine bekannt. Standardzustellung ist möglich.",
    choice_cleared: "{choice} ist für die neue Adresse nicht verfügbar. Bitte wählen Sie erneut.",
    order_by: "Bestellen bis {date}, {time} Uhr",
    standard: "Standard (PostPac Priority)",
    economy: "Economy (PostPac Economy)",
    time_window: "Zeitfenster",
    evening: "Abendzustellung",
    saturday: "Samstagszustellung",
    same_day: "Am selben Tag",
    standard_fallback: "Standardzustellung (PostPac Priority), in der Regel am nächsten Werktag",
    day_legend: "Liefertag",
    from_price: "ab {price}",
};

static FR: DeliveryStrings = DeliveryStrings {
    heading: "Livraison",
    needs_address: "Saisissez l'adresse de livraison pour voir les dates de livraison.",
    loading: "Chargement des dates de livraison…",
    failed: "Les dates de livraison n'ont pas pu être chargées. La livraison standard reste possible.",
    none_found: "Aucune date de livraison n'est connue pour cette adresse. La livraison standard est possible.",
    choice_cleared: "{choice} n'est pas disponible pour la nouvelle adresse. Veuillez choisir à nouveau.",
    order_by: "Commander avant {time} le {date}",
    standard: "Standard (PostPac Priority)",
    economy: "Économique (PostPac Economy)",
    time_window: "Créneau horaire",
    evening: "Livraison du soir",
    saturday: "Livraison le samedi",
    same_day: "Le jour même",
    standard_fallback: "Livraison standard (PostPac Priority), en général le jour ouvrable suivant",
    day_legend: "Jour de livraison",
    from_price: "dès {price}",
};

static IT: DeliveryStrings = DeliveryStrings {
    heading: "Consegna",
    needs_address: "Inserisca l'indirizzo di consegna per vedere le date di consegna.",
    loading: "Caricamento delle date di consegna…",
    failed: "Non è stato possibile caricare le date di consegna. La consegna standard resta possibile.",
    none_found: "Per questo indirizzo non sono note date di consegna. La consegna standard è possibile.",
    choice_cleared: "{choice} non è disponibile per il nuovo indirizzo. La preghiamo di scegliere di nuovo.",
    order_by: "Ordinare entro le {time} di {date}",
    standard: "Standard (PostPac Priority)",
    economy: "Economy (PostPac Economy)",
    time_window: "Fascia oraria",
    evening: "Consegna serale",
    saturday: "Consegna il sabato",
    same_day: "In giornata",
    standard_fallback: "Consegna standard (PostPac Priority), di solito il giorno feriale successivo",
    day_legend: "Giorno di consegna",
    from_price: "da {price}",
};

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn every_language_has_every_text_with_its_placeholders() {
        for lang in Lang::ALL {
            let d = lang.delivery();
            assert!(d.order_by.contains("{time}") && d.order_by.contains("{date}"));
            assert!(d.choice_cleared.contains("{choice}") && d.from_price.contains("{price}"));
            let kinds = [d.standard, d.economy, d.time_window, d.evening, d.saturday, d.same_day];
            assert!(kinds.iter().all(|k| !k.is_empty()));
        }
    }
}
