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

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }
}

/// The texts of one field.
pub struct FieldStrings {
    pub label: &'static str,
    pub hint: &'static str,
    pub no_results: &'static str,
}

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

/// The texts of the pickup part.
pub struct PickupStrings {
    pub heading: &'static str,
    pub how: &'static str,
    pub home: &'static str,
    pub pickup: &'static str,
    pub shopper_hint: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: &'static str,
    pub show: &'static str,
    pub kind_pickpost: &'static str,
    pub kind_mypost24: &'static str,
    pub kind_post_office: &'static str,
    pub search: &'static str,
    pub search_button: &'static str,
    pub near_me: &'static str,
    pub near_me_failed: &'static str,
    pub map_label: &'static str,
    pub list_label: &'static str,
    pub loading: &'static str,
    pub failed: &'static str,
    pub zoom_in: &'static str,
    /// "{n} pickup points"
    pub count_many: &'static str,
    pub count_one: &'static str,
    pub none_here: &'static str,
    /// "Select {name}"
    pub select: &'static str,
    /// "Selected: {name}"
    pub selected: &'static str,
    /// "Open on {date}"
    pub open_on: &'static str,
    /// "Closed on {date}"
    pub closed_on: &'static str,
    pub open_24h: &'static str,
    pub closed: &'static str,
    pub hours_generated: &'static str,
    pub synthetic: &'static str,
    /// "{distance} away"
    pub away: &'static str,
    pub user_loading: &'static str,
    pub user_failed: &'static str,
    pub user_needs_details: &'static str,
    pub user_checked: &'static str,
    pub mypost24_identity: &'static str,
    /// "Label: {name2}"
    pub label_line: &'static str,
    pub cleared: &'static str,
}

/// The texts of one language.
pub struct Strings {
    pub address_legend: &'static str,
    pub locality: FieldStrings,
    pub street: FieldStrings,
    pub house_number: FieldStrings,
    pub suggestions_label: &'static str,
    pub loading: &'static str,
    /// The lookup failed: the shopper types on by hand.
    pub lookup_failed: &'static str,
    /// "{n} suggestions" for n ≠ 1.
    pub suggestions_many: &'static str,
    pub suggestions_one: &'static str,
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
    /// Why a `required` element keeps its form from submitting: the address is missing.
    pub missing_address: &'static str,
    /// The same when the delivery part is shown: the address or the delivery is missing.
    pub missing_delivery: &'static str,
    // A part's texts are compiled only with its Cargo feature: a shop's address-only build carries none of the others.
    #[cfg(feature = "delivery")]
    pub delivery: DeliveryStrings,
    #[cfg(feature = "pickup")]
    pub pickup: PickupStrings,
}

impl Strings {
    /// "3 suggestions", "1 suggestion".
    pub fn suggestion_count(&self, n: usize) -> String {
        if n == 1 { self.suggestions_one.to_owned() } else { self.suggestions_many.replace("{n}", &n.to_string()) }
    }
}

static EN: Strings = Strings {
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
    suggestions_label: "Suggestions",
    loading: "Looking up…",
    lookup_failed: "Suggestions are not available right now. You can type it yourself.",
    suggestions_many: "{n} suggestions",
    suggestions_one: "1 suggestion",
    checking: "Checking the address…",
    certified: "Address confirmed by Swiss Post.",
    usable: "Postcode and town are correct; the street or house number could not be confirmed. Please check them.",
    unusable: "Postcode and town do not belong together. Please check them.",
    validation_failed: "The address could not be checked right now. You can still continue.",
    did_you_mean: "Did you mean: {address}?",
    use_suggestion: "Use this spelling",
    not_verified: "Not verified",
    verified: "Verified",
    missing_address: "Please enter the address.",
    missing_delivery: "Please enter the delivery address and choose a delivery.",
    #[cfg(feature = "delivery")]
    delivery: DeliveryStrings {
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
    },
    #[cfg(feature = "pickup")]
    pickup: PickupStrings {
        heading: "Pickup point",
        how: "How do you want to receive the parcel?",
        home: "Home delivery",
        pickup: "Collect at a pickup point",
        shopper_hint: "Swiss Post needs your name and e-mail address to hold the parcel for you.",
        first_name: "First name",
        last_name: "Last name",
        email: "E-mail address",
        show: "Show",
        kind_pickpost: "PickPost point",
        kind_mypost24: "My Post 24 terminal",
        kind_post_office: "Post office",
        search: "Postcode or place",
        search_button: "Search",
        near_me: "Near me",
        near_me_failed: "Your position is not available. Search by postcode or place instead.",
        map_label: "Map of pickup points",
        list_label: "Pickup points",
        loading: "Loading pickup points…",
        failed: "Pickup points could not be loaded. Please try again or choose home delivery.",
        zoom_in: "{n} pickup points in this area. Search for a postcode or place, or zoom in, to list them.",
        count_many: "{n} pickup points",
        count_one: "1 pickup point",
        none_here: "No pickup point of these kinds here.",
        select: "Select {name}",
        selected: "Selected: {name}",
        open_on: "Open on {date}",
        closed_on: "Closed on {date}",
        open_24h: "Open 24 hours, every day",
        closed: "closed",
        hours_generated: "(sample hours)",
        synthetic: "Sandbox sample point",
        away: "{distance} away",
        user_loading: "Getting your PickPost number…",
        user_failed: "Your PickPost number could not be fetched now. The shop will arrange it; your choice is kept.",
        user_needs_details: "Enter your name and e-mail address to get your PickPost number.",
        user_checked: "Your identity is confirmed with Swiss Post.",
        mypost24_identity: "Before your first collection from a My Post 24 terminal, Swiss Post will check your identity. You will be told how by e-mail.",
        label_line: "Label: {name2}",
        cleared: "Pickup point removed: the parcel goes to your home address.",
    },
};

static DE: Strings = Strings {
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
    suggestions_label: "Vorschläge",
    loading: "Wird gesucht…",
    lookup_failed: "Vorschläge sind im Moment nicht verfügbar. Sie können die Angabe selbst eintippen.",
    suggestions_many: "{n} Vorschläge",
    suggestions_one: "1 Vorschlag",
    checking: "Adresse wird geprüft…",
    certified: "Adresse von der Post bestätigt.",
    usable: "PLZ und Ort stimmen; Strasse oder Hausnummer konnten nicht bestätigt werden. Bitte prüfen Sie sie.",
    unusable: "PLZ und Ort passen nicht zusammen. Bitte prüfen Sie die Angaben.",
    validation_failed: "Die Adresse konnte im Moment nicht geprüft werden. Sie können trotzdem weiterfahren.",
    did_you_mean: "Meinten Sie: {address}?",
    use_suggestion: "Diese Schreibweise übernehmen",
    not_verified: "Nicht geprüft",
    verified: "Geprüft",
    missing_address: "Bitte geben Sie die Adresse ein.",
    missing_delivery: "Bitte geben Sie die Lieferadresse ein und wählen Sie eine Lieferung.",
    #[cfg(feature = "delivery")]
    delivery: DeliveryStrings {
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
    },
    #[cfg(feature = "pickup")]
    pickup: PickupStrings {
        heading: "Abholstelle",
        how: "Wie möchten Sie das Paket erhalten?",
        home: "Lieferung nach Hause",
        pickup: "Abholen an einer Abholstelle",
        shopper_hint: "Die Post braucht Ihren Namen und Ihre E-Mail-Adresse, um das Paket für Sie bereitzuhalten.",
        first_name: "Vorname",
        last_name: "Nachname",
        email: "E-Mail-Adresse",
        show: "Anzeigen",
        kind_pickpost: "PickPost-Stelle",
        kind_mypost24: "My Post 24-Automat",
        kind_post_office: "Postfiliale",
        search: "PLZ oder Ort",
        search_button: "Suchen",
        near_me: "In meiner Nähe",
        near_me_failed: "Ihr Standort ist nicht verfügbar. Suchen Sie stattdessen nach PLZ oder Ort.",
        map_label: "Karte der Abholstellen",
        list_label: "Abholstellen",
        loading: "Abholstellen werden geladen…",
        failed: "Die Abholstellen konnten nicht geladen werden. Bitte versuchen Sie es erneut oder wählen Sie die Lieferung nach Hause.",
        zoom_in: "{n} Abholstellen in diesem Gebiet. Suchen Sie nach PLZ oder Ort oder zoomen Sie hinein, um sie aufzulisten.",
        count_many: "{n} Abholstellen",
        count_one: "1 Abholstelle",
        none_here: "Hier gibt es keine Abholstelle dieser Art.",
        select: "{name} wählen",
        selected: "Gewählt: {name}",
        open_on: "Geöffnet am {date}",
        closed_on: "Geschlossen am {date}",
        open_24h: "Täglich 24 Stunden geöffnet",
        closed: "geschlossen",
        hours_generated: "(Beispielzeiten)",
        synthetic: "Beispielstelle der Sandbox",
        away: "{distance} entfernt",
        user_loading: "Ihre PickPost-Nummer wird abgefragt…",
        user_failed: "Ihre PickPost-Nummer konnte gerade nicht abgefragt werden. Der Shop kümmert sich darum; Ihre Wahl bleibt erhalten.",
        user_needs_details: "Geben Sie Namen und E-Mail-Adresse ein, um Ihre PickPost-Nummer zu erhalten.",
        user_checked: "Ihre Identität ist bei der Post bestätigt.",
        mypost24_identity: "Vor Ihrer ersten Abholung an einem My Post 24-Automaten prüft die Post Ihre Identität. Sie erfahren per E-Mail, wie.",
        label_line: "Etikett: {name2}",
        cleared: "Abholstelle entfernt: Das Paket geht an Ihre Adresse.",
    },
};

static FR: Strings = Strings {
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
    suggestions_label: "Suggestions",
    loading: "Recherche en cours…",
    lookup_failed: "Les suggestions ne sont pas disponibles pour le moment. Vous pouvez saisir l'adresse vous-même.",
    suggestions_many: "{n} suggestions",
    suggestions_one: "1 suggestion",
    checking: "Vérification de l'adresse…",
    certified: "Adresse confirmée par La Poste.",
    usable: "Le NPA et la localité sont corrects ; la rue ou le numéro n'ont pas pu être confirmés. Veuillez les vérifier.",
    unusable: "Le NPA et la localité ne correspondent pas. Veuillez les vérifier.",
    validation_failed: "L'adresse n'a pas pu être vérifiée pour le moment. Vous pouvez tout de même continuer.",
    did_you_mean: "Vouliez-vous dire : {address} ?",
    use_suggestion: "Utiliser cette orthographe",
    not_verified: "Non vérifiée",
    verified: "Vérifiée",
    missing_address: "Veuillez saisir l’adresse.",
    missing_delivery: "Veuillez saisir l’adresse de livraison et choisir une livraison.",
    #[cfg(feature = "delivery")]
    delivery: DeliveryStrings {
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
    },
    #[cfg(feature = "pickup")]
    pickup: PickupStrings {
        heading: "Point de retrait",
        how: "Comment souhaitez-vous recevoir le colis ?",
        home: "Livraison à domicile",
        pickup: "Retrait dans un point de retrait",
        shopper_hint: "La Poste a besoin de votre nom et de votre adresse e-mail pour garder le colis pour vous.",
        first_name: "Prénom",
        last_name: "Nom",
        email: "Adresse e-mail",
        show: "Afficher",
        kind_pickpost: "Point PickPost",
        kind_mypost24: "Automate My Post 24",
        kind_post_office: "Office de poste",
        search: "NPA ou localité",
        search_button: "Rechercher",
        near_me: "Près de moi",
        near_me_failed: "Votre position n’est pas disponible. Recherchez plutôt par NPA ou localité.",
        map_label: "Carte des points de retrait",
        list_label: "Points de retrait",
        loading: "Chargement des points de retrait…",
        failed: "Les points de retrait n’ont pas pu être chargés. Réessayez ou choisissez la livraison à domicile.",
        zoom_in: "{n} points de retrait dans cette zone. Recherchez un NPA ou une localité, ou zoomez, pour les lister.",
        count_many: "{n} points de retrait",
        count_one: "1 point de retrait",
        none_here: "Aucun point de retrait de ce type ici.",
        select: "Choisir {name}",
        selected: "Choisi : {name}",
        open_on: "Ouvert le {date}",
        closed_on: "Fermé le {date}",
        open_24h: "Ouvert 24 heures sur 24, tous les jours",
        closed: "fermé",
        hours_generated: "(horaires d’exemple)",
        synthetic: "Point d’exemple du bac à sable",
        away: "à {distance}",
        user_loading: "Demande de votre numéro PickPost…",
        user_failed: "Votre numéro PickPost n’a pas pu être obtenu pour l’instant. La boutique s’en charge ; votre choix est conservé.",
        user_needs_details: "Indiquez votre nom et votre adresse e-mail pour obtenir votre numéro PickPost.",
        user_checked: "Votre identité est confirmée auprès de La Poste.",
        mypost24_identity: "Avant votre premier retrait à un automate My Post 24, La Poste vérifie votre identité. Vous saurez comment par e-mail.",
        label_line: "Étiquette : {name2}",
        cleared: "Point de retrait retiré : le colis sera livré à votre adresse.",
    },
};

static IT: Strings = Strings {
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
    suggestions_label: "Suggerimenti",
    loading: "Ricerca in corso…",
    lookup_failed: "I suggerimenti non sono disponibili al momento. Può inserire l'indirizzo Lei stesso.",
    suggestions_many: "{n} suggerimenti",
    suggestions_one: "1 suggerimento",
    checking: "Verifica dell'indirizzo…",
    certified: "Indirizzo confermato dalla Posta.",
    usable: "NPA e località sono corretti; la via o il numero civico non hanno potuto essere confermati. La preghiamo di verificarli.",
    unusable: "NPA e località non corrispondono. La preghiamo di verificarli.",
    validation_failed: "Al momento non è stato possibile verificare l'indirizzo. Può comunque proseguire.",
    did_you_mean: "Intendeva: {address}?",
    use_suggestion: "Usare questa grafia",
    not_verified: "Non verificato",
    verified: "Verificato",
    missing_address: "Inserisca l’indirizzo.",
    missing_delivery: "Inserisca l’indirizzo di consegna e scelga una consegna.",
    #[cfg(feature = "delivery")]
    delivery: DeliveryStrings {
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
    },
    #[cfg(feature = "pickup")]
    pickup: PickupStrings {
        heading: "Punto di ritiro",
        how: "Come desidera ricevere il pacco?",
        home: "Consegna a domicilio",
        pickup: "Ritiro in un punto di ritiro",
        shopper_hint: "La Posta ha bisogno del suo nome e del suo indirizzo e-mail per tenere il pacco a sua disposizione.",
        first_name: "Nome",
        last_name: "Cognome",
        email: "Indirizzo e-mail",
        show: "Mostra",
        kind_pickpost: "Punto PickPost",
        kind_mypost24: "Sportello automatico My Post 24",
        kind_post_office: "Ufficio postale",
        search: "NPA o località",
        search_button: "Cerca",
        near_me: "Vicino a me",
        near_me_failed: "La sua posizione non è disponibile. Cerchi invece per NPA o località.",
        map_label: "Mappa dei punti di ritiro",
        list_label: "Punti di ritiro",
        loading: "Caricamento dei punti di ritiro…",
        failed: "Non è stato possibile caricare i punti di ritiro. Riprovi o scelga la consegna a domicilio.",
        zoom_in: "{n} punti di ritiro in questa zona. Cerchi un NPA o una località, o ingrandisca, per elencarli.",
        count_many: "{n} punti di ritiro",
        count_one: "1 punto di ritiro",
        none_here: "Nessun punto di ritiro di questo tipo qui.",
        select: "Scegliere {name}",
        selected: "Scelto: {name}",
        open_on: "Aperto il {date}",
        closed_on: "Chiuso il {date}",
        open_24h: "Aperto 24 ore su 24, tutti i giorni",
        closed: "chiuso",
        hours_generated: "(orari di esempio)",
        synthetic: "Punto di esempio della sandbox",
        away: "a {distance}",
        user_loading: "Richiesta del suo numero PickPost…",
        user_failed: "Non è stato possibile ottenere ora il suo numero PickPost. Se ne occupa il negozio; la sua scelta resta.",
        user_needs_details: "Inserisca nome e indirizzo e-mail per ottenere il suo numero PickPost.",
        user_checked: "La sua identità è confermata presso la Posta.",
        mypost24_identity: "Prima del suo primo ritiro a uno sportello My Post 24, la Posta verifica la sua identità. Saprà come per e-mail.",
        label_line: "Etichetta: {name2}",
        cleared: "Punto di ritiro rimosso: il pacco va al suo indirizzo.",
    },
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
    fn every_language_has_every_string_and_distinct_labels() {
        for lang in Lang::ALL {
            let s = lang.strings();
            let fields = [&s.locality, &s.street, &s.house_number];
            for field in fields {
                assert!(!field.label.is_empty() && !field.hint.is_empty() && !field.no_results.is_empty());
            }
            assert!(fields[0].label != fields[1].label && fields[1].label != fields[2].label);
            for text in [s.address_legend, s.suggestions_label, s.loading, s.lookup_failed, s.checking, s.certified] {
                assert!(!text.is_empty());
            }
            for text in [s.usable, s.unusable, s.validation_failed, s.use_suggestion, s.not_verified, s.verified] {
                assert!(!text.is_empty());
            }
            assert!(s.suggestions_many.contains("{n}"));
            #[cfg(feature = "delivery")]
            {
                let d = &s.delivery;
                assert!(d.order_by.contains("{time}") && d.order_by.contains("{date}"));
                assert!(d.choice_cleared.contains("{choice}"));
                let kinds = [d.standard, d.economy, d.time_window, d.evening, d.saturday, d.same_day];
                assert!(kinds.iter().all(|k| !k.is_empty()));
            }
            assert!(s.did_you_mean.contains("{address}"));
        }
    }
}
