//! The return part's texts in German, French, Italian and English.

crate::i18n::texts! {
pub struct ReturnStrings {
    pub heading: &'static str,
    pub loading: &'static str,
    pub failed: &'static str,
    pub not_valid: &'static str,
    /// Swiss Post cannot collect at the address.
    pub not_collectable: &'static str,
    /// "Swiss Post collects the parcel at your door: {address}".
    pub collected_at: &'static str,
    pub day_legend: &'static str,
    pub parcels: &'static str,
    pub order: &'static str,
    pub ordering: &'static str,
    /// Swiss Post refused the order.
    pub refused: &'static str,
    /// "Swiss Post collects your parcel on {date}."
    pub confirmed: &'static str,
    pub print_hint: &'static str,
    /// "Return label {n} (PDF)"
    pub download: &'static str,
}
}

crate::i18n::texts_in!(
    /// The return part's texts in this language.
    returns: ReturnStrings
);

static EN: ReturnStrings = ReturnStrings {
    heading: "Return a parcel",
    loading: "Loading the collection days…",
    failed: "Returns cannot be ordered right now. Please try again later.",
    not_valid: "This link is not valid any more. Please ask the shop for a new one.",
    not_collectable: "Swiss Post cannot collect at this address. Please contact the shop.",
    collected_at: "Swiss Post collects the parcel at your door: {address}",
    day_legend: "Collection day",
    parcels: "Number of parcels",
    order: "Order the collection",
    ordering: "Ordering the collection…",
    refused: "Swiss Post could not take the order: {reason}",
    confirmed: "Swiss Post collects your parcel on {date}.",
    print_hint: "Print the label and stick it on the parcel.",
    download: "Return label {n} (PDF)",
};

static DE: ReturnStrings = ReturnStrings {
    heading: "Paket zurücksenden",
    loading: "Die Abholtage werden geladen…",
    failed: "Rücksendungen können im Moment nicht bestellt werden. Bitte versuchen Sie es später wieder.",
    not_valid: "Dieser Link ist nicht mehr gültig. Bitte fragen Sie den Shop nach einem neuen.",
    not_collectable: "Die Post kann an dieser Adresse nicht abholen. Bitte wenden Sie sich an den Shop.",
    collected_at: "Die Post holt das Paket an Ihrer Tür ab: {address}",
    day_legend: "Abholtag",
    parcels: "Anzahl Pakete",
    order: "Abholung bestellen",
    ordering: "Die Abholung wird bestellt…",
    refused: "Die Post konnte den Auftrag nicht annehmen: {reason}",
    confirmed: "Die Post holt Ihr Paket am {date} ab.",
    print_hint: "Drucken Sie die Etikette aus und kleben Sie sie auf das Paket.",
    download: "Rücksendeetikette {n} (PDF)",
};

static FR: ReturnStrings = ReturnStrings {
    heading: "Renvoyer un colis",
    loading: "Chargement des jours d’enlèvement…",
    failed: "Les retours ne peuvent pas être commandés pour le moment. Veuillez réessayer plus tard.",
    not_valid: "Ce lien n’est plus valable. Veuillez en demander un nouveau à la boutique.",
    not_collectable: "La Poste ne peut pas enlever de colis à cette adresse. Veuillez contacter la boutique.",
    collected_at: "La Poste vient chercher le colis à votre porte : {address}",
    day_legend: "Jour d’enlèvement",
    parcels: "Nombre de colis",
    order: "Commander l’enlèvement",
    ordering: "Commande de l’enlèvement…",
    refused: "La Poste n’a pas pu accepter la commande : {reason}",
    confirmed: "La Poste vient chercher votre colis le {date}.",
    print_hint: "Imprimez l’étiquette et collez-la sur le colis.",
    download: "Étiquette de retour {n} (PDF)",
};

static IT: ReturnStrings = ReturnStrings {
    heading: "Rispedire un pacco",
    loading: "Caricamento dei giorni di ritiro…",
    failed: "Al momento non è possibile ordinare resi. Riprovi più tardi.",
    not_valid: "Questo link non è più valido. Ne chieda uno nuovo al negozio.",
    not_collectable: "La Posta non può ritirare pacchi a questo indirizzo. Contatti il negozio.",
    collected_at: "La Posta ritira il pacco alla sua porta: {address}",
    day_legend: "Giorno di ritiro",
    parcels: "Numero di pacchi",
    order: "Ordinare il ritiro",
    ordering: "Ordinazione del ritiro…",
    refused: "La Posta non ha potuto accettare l’ordine: {reason}",
    confirmed: "La Posta ritira il suo pacco il {date}.",
    print_hint: "Stampi l’etichetta e la incolli sul pacco.",
    download: "Etichetta di ritorno {n} (PDF)",
};
