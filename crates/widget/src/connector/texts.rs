//! The texts of "Use my Swiss Post addresses" in German, French, Italian and English, compiled only with its
//! Cargo feature.

crate::i18n::texts! {
pub struct ConnectorStrings {
    pub button: &'static str,
    pub hint: &'static str,
    pub waiting: &'static str,
    pub popup_blocked: &'static str,
    pub closed: &'static str,
    pub declined: &'static str,
    pub failed: &'static str,
    /// "Signed in as {name}. Choose one of your addresses."
    pub signed_in: &'static str,
    pub none_saved: &'static str,
    pub legend: &'static str,
    pub main: &'static str,
    pub pickpost: &'static str,
    pub mypost24: &'static str,
    pub post_office: &'static str,
    pub sign_out: &'static str,
    pub signed_out: &'static str,
    /// "{label} chosen."
    pub chosen: &'static str,
}
}

crate::i18n::texts_in!(
    connector: ConnectorStrings
);

static DE: ConnectorStrings = ConnectorStrings {
    button: "Meine Adressen der Post verwenden",
    hint: "Sie melden sich in einem eigenen Fenster bei der Post an; was Sie hier eingegeben haben, bleibt.",
    waiting: "Melden Sie sich im Fenster der Post an.",
    popup_blocked: "Das Fenster der Post wurde blockiert. Erlauben Sie Pop-ups für diese Seite oder geben Sie Ihre Adresse ein.",
    closed: "Das Fenster der Post wurde geschlossen. Ihre Eingaben sind unverändert.",
    declined: "Sie haben Ihre Adressen nicht freigegeben. Ihre Eingaben sind unverändert.",
    failed: "Die Anmeldung bei der Post hat nicht geklappt. Ihre Eingaben sind unverändert; Sie können Ihre Adresse eingeben.",
    signed_in: "Angemeldet als {name}. Wählen Sie eine Ihrer Adressen.",
    none_saved: "Bei der Post sind keine Lieferadressen gespeichert, die dieser Shop verwenden kann.",
    legend: "Ihre Adressen bei der Post",
    main: "Hauptadresse",
    pickpost: "PickPost",
    mypost24: "My Post 24",
    post_office: "Filiale",
    sign_out: "Abmelden",
    signed_out: "Abgemeldet. Der Shop hat Ihre Adressen vergessen.",
    chosen: "{label} gewählt.",
};

static FR: ConnectorStrings = ConnectorStrings {
    button: "Utiliser mes adresses de la Poste",
    hint: "Vous vous connectez à la Poste dans une fenêtre séparée; ce que vous avez saisi ici reste.",
    waiting: "Connectez-vous dans la fenêtre de la Poste.",
    popup_blocked: "La fenêtre de la Poste a été bloquée. Autorisez les fenêtres pop-up pour cette page ou saisissez votre adresse.",
    closed: "La fenêtre de la Poste a été fermée. Vos saisies sont inchangées.",
    declined: "Vous n'avez pas partagé vos adresses. Vos saisies sont inchangées.",
    failed: "La connexion à la Poste n'a pas abouti. Vos saisies sont inchangées; vous pouvez saisir votre adresse.",
    signed_in: "Connecté en tant que {name}. Choisissez une de vos adresses.",
    none_saved: "Aucune adresse de livraison utilisable par cette boutique n'est enregistrée à la Poste.",
    legend: "Vos adresses à la Poste",
    main: "Adresse principale",
    pickpost: "PickPost",
    mypost24: "My Post 24",
    post_office: "Filiale",
    sign_out: "Se déconnecter",
    signed_out: "Déconnecté. La boutique a oublié vos adresses.",
    chosen: "{label} choisie.",
};

static IT: ConnectorStrings = ConnectorStrings {
    button: "Usa i miei indirizzi della Posta",
    hint: "Accedete alla Posta in una finestra separata; quanto inserito qui resta.",
    waiting: "Accedete nella finestra della Posta.",
    popup_blocked: "La finestra della Posta è stata bloccata. Consentite i pop-up per questa pagina o inserite il vostro indirizzo.",
    closed: "La finestra della Posta è stata chiusa. Quanto inserito è invariato.",
    declined: "Non avete condiviso i vostri indirizzi. Quanto inserito è invariato.",
    failed: "L'accesso alla Posta non è riuscito. Quanto inserito è invariato; potete inserire il vostro indirizzo.",
    signed_in: "Accesso come {name}. Scegliete uno dei vostri indirizzi.",
    none_saved: "Alla Posta non sono salvati indirizzi di consegna utilizzabili da questo negozio.",
    legend: "I vostri indirizzi alla Posta",
    main: "Indirizzo principale",
    pickpost: "PickPost",
    mypost24: "My Post 24",
    post_office: "Filiale",
    sign_out: "Esci",
    signed_out: "Disconnesso. Il negozio ha dimenticato i vostri indirizzi.",
    chosen: "{label} scelto.",
};

static EN: ConnectorStrings = ConnectorStrings {
    button: "Use my Swiss Post addresses",
    hint: "You sign in with Swiss Post in a window of its own; what you entered here stays.",
    waiting: "Sign in in the Swiss Post window.",
    popup_blocked: "The Swiss Post window was blocked. Allow pop-ups for this page, or type your address.",
    closed: "The Swiss Post window was closed. Your entries are unchanged.",
    declined: "You did not share your addresses. Your entries are unchanged.",
    failed: "Signing in with Swiss Post did not work. Your entries are unchanged; you can type your address.",
    signed_in: "Signed in as {name}. Choose one of your addresses.",
    none_saved: "Swiss Post has no delivery addresses saved that this shop can use.",
    legend: "Your Swiss Post addresses",
    main: "Main address",
    pickpost: "PickPost",
    mypost24: "My Post 24",
    post_office: "Post office",
    sign_out: "Sign out",
    signed_out: "Signed out. The shop has forgotten your addresses.",
    chosen: "{label} chosen.",
};

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn every_language_has_its_placeholders() {
        for lang in [Lang::De, Lang::Fr, Lang::It, Lang::En] {
            let strings = lang.connector();
            assert!(strings.signed_in.contains("{name}"));
            assert!(strings.chosen.contains("{label}"));
        }
    }
}
