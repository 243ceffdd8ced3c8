//! The tracking part's texts in German, French, Italian and English. Status and event titles come from Swiss
//! Post, in the language asked for.

crate::i18n::texts! {
pub struct TrackingStrings {
    pub heading: &'static str,
    pub loading: &'static str,
    /// The proxy could not be reached.
    pub failed: &'static str,
    /// The link is altered, expired or for something else.
    pub not_valid: &'static str,
    /// Swiss Post does not know the parcel (yet).
    pub not_found: &'static str,
    pub ident: &'static str,
    pub waiting_at: &'static str,
    pub history: &'static str,
    pub refresh: &'static str,
    pub open_24h: &'static str,
    pub closed: &'static str,
}
}

crate::i18n::texts_in!(
    /// The tracking part's texts in this language.
    tracking: TrackingStrings
);

static EN: TrackingStrings = TrackingStrings {
    heading: "Your parcel",
    loading: "Looking up your parcel…",
    failed: "Tracking is not available right now. Please try again later.",
    not_valid: "This link is not valid any more. Please ask the shop for a new one.",
    not_found: "Swiss Post does not know this parcel yet. Please try again later.",
    ident: "Parcel number",
    waiting_at: "Waiting for you at",
    history: "What happened so far",
    refresh: "Refresh",
    open_24h: "Open 24 hours, every day",
    closed: "closed",
};

static DE: TrackingStrings = TrackingStrings {
    heading: "Ihr Paket",
    loading: "Ihr Paket wird gesucht…",
    failed: "Die Sendungsverfolgung ist im Moment nicht verfügbar. Bitte versuchen Sie es später wieder.",
    not_valid: "Dieser Link ist nicht mehr gültig. Bitte fragen Sie den Shop nach einem neuen.",
    not_found: "Die Post kennt dieses Paket noch nicht. Bitte versuchen Sie es später wieder.",
    ident: "Sendungsnummer",
    waiting_at: "Wartet auf Sie bei",
    history: "Bisheriger Verlauf",
    refresh: "Aktualisieren",
    open_24h: "Täglich 24 Stunden geöffnet",
    closed: "geschlossen",
};

static FR: TrackingStrings = TrackingStrings {
    heading: "Votre colis",
    loading: "Recherche de votre colis…",
    failed: "Le suivi n’est pas disponible pour le moment. Veuillez réessayer plus tard.",
    not_valid: "Ce lien n’est plus valable. Veuillez en demander un nouveau à la boutique.",
    not_found: "La Poste ne connaît pas encore ce colis. Veuillez réessayer plus tard.",
    ident: "Numéro d’envoi",
    waiting_at: "Vous attend à",
    history: "Historique",
    refresh: "Actualiser",
    open_24h: "Ouvert 24 h sur 24, tous les jours",
    closed: "fermé",
};

static IT: TrackingStrings = TrackingStrings {
    heading: "Il suo pacco",
    loading: "Ricerca del suo pacco…",
    failed: "Il tracciamento non è disponibile al momento. Riprovi più tardi.",
    not_valid: "Questo link non è più valido. Ne chieda uno nuovo al negozio.",
    not_found: "La Posta non conosce ancora questo pacco. Riprovi più tardi.",
    ident: "Numero d’invio",
    waiting_at: "La aspetta presso",
    history: "Cronologia",
    refresh: "Aggiorna",
    open_24h: "Aperto 24 ore su 24, tutti i giorni",
    closed: "chiuso",
};
