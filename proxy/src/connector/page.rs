//! The page the popup shows when Swiss Post sends the shopper back: what happened, in the shopper's
//! language, and a script (a file of this proxy, so the page's strict policy allows it) that closes the
//! window. The checkout learns the outcome from the proxy, not from this page.

use api::connector::ConnectorStatus;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// (title, text) in de, fr, it, en.
fn texts(status: ConnectorStatus, lang: &str) -> (&'static str, &'static str) {
    let pick = |[de, fr, it, en]: [(&'static str, &'static str); 4]| match lang {
        "fr" => fr,
        "it" => it,
        "en" => en,
        _ => de,
    };
    match status {
        ConnectorStatus::SignedIn => pick([
            ("Angemeldet", "Ihre Adressen sind im Shop. Sie können dieses Fenster schliessen."),
            ("Connecté", "Vos adresses sont dans la boutique. Vous pouvez fermer cette fenêtre."),
            ("Accesso effettuato", "I vostri indirizzi sono nel negozio. Potete chiudere questa finestra."),
            ("Signed in", "Your addresses are in the shop. You can close this window."),
        ]),
        ConnectorStatus::Declined => pick([
            ("Nicht freigegeben", "Der Shop erhält Ihre Adressen nicht. Sie können dieses Fenster schliessen."),
            ("Non autorisé", "La boutique ne reçoit pas vos adresses. Vous pouvez fermer cette fenêtre."),
            ("Non consentito", "Il negozio non riceve i vostri indirizzi. Potete chiudere questa finestra."),
            ("Not shared", "The shop does not get your addresses. You can close this window."),
        ]),
        _ => pick([
            (
                "Anmeldung nicht möglich",
                "Die Anmeldung bei der Post hat nicht geklappt. Schliessen Sie dieses Fenster und geben Sie Ihre Adresse im Shop ein.",
            ),
            (
                "Connexion impossible",
                "La connexion à la Poste n'a pas abouti. Fermez cette fenêtre et saisissez votre adresse dans la boutique.",
            ),
            (
                "Accesso non riuscito",
                "L'accesso alla Posta non è riuscito. Chiudete questa finestra e inserite il vostro indirizzo nel negozio.",
            ),
            (
                "Sign-in did not work",
                "Signing in with Swiss Post did not work. Close this window and type your address in the shop.",
            ),
        ]),
    }
}

/// The callback page.
pub fn callback(status: ConnectorStatus, lang: &'static str) -> Response {
    let (title, text) = texts(status, lang);
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1>\
         <p>{text}</p></main><script src=\"{}\"></script></body></html>",
        api::connector::CONNECTOR_CLOSE_SCRIPT_PATH
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            // The URL holds the code: no page it links to may learn it.
            (header::REFERRER_POLICY, "no-referrer"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'",
            ),
        ],
        html,
    )
        .into_response()
}

/// The script the callback page runs: the popup closes itself (the checkout also closes it once it knows).
pub fn close_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        "setTimeout(function () { window.close(); }, 1200);\n",
    )
        .into_response()
}
