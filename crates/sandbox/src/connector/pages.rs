//! The Login Post Connector's pages: sign-in, consent, and the page of a request that cannot go on.
//!
//! Plain HTML without any script (so whatever Content-Security-Policy a shop's tests set, they work), in the
//! request's language (de, fr, it, en), with the mark "Sandbox – not Swiss Post" at the top. Accessible: one
//! `<h1>`, every input labelled, an error in an element with `role="alert"` that the fields point to with
//! `aria-describedby` and mark with `aria-invalid`, buttons named by their text.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::shoppers::{SHOPPERS, Shopper};
use crate::html::escape;
use crate::lang::Lang;

/// Where the sign-in form posts.
pub const SIGN_IN_PATH: &str = "/OAuth/authorization/sign-in";
/// Where the consent form posts.
pub const CONSENT_PATH: &str = "/OAuth/authorization/consent";

/// Why a request cannot go on: the page says so, with status 400.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `client_id` missing, given twice or not a client of the sandbox.
    UnknownClient,
    /// `redirect_uri` missing, given twice or not registered for the client.
    UnregisteredRedirect,
    /// The sign-in's request id is unknown or expired.
    Expired,
    /// The form is not what the pages send.
    BadForm,
    /// Too many sign-ins at once (503).
    Busy,
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1a1a1a}\
main{max-width:40rem;margin:0 auto;padding:1rem}\
.mark{margin:0;padding:.5rem 1rem;background:#fff3b0;border-bottom:2px solid #8a6d00;font-weight:bold}\
input{font:inherit;padding:.4rem;width:100%;max-width:24rem;box-sizing:border-box}\
button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem}\
[role=alert]{color:#a00000;font-weight:bold}\
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left}";

/// An HTML answer that no cache keeps, no frame shows and no Referer carries on.
pub fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // No `form-action`: browsers apply it to the redirect back to the shop after the consent form.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

fn heading(lang: Lang) -> &'static str {
    lang.pick([
        "Mit Swiss Post anmelden",
        "Se connecter avec la Poste",
        "Accedi con la Posta",
        "Sign in with Swiss Post",
    ])
}

/// A whole page around `content` (which holds the one `<h1>`).
fn page(lang: Lang, title: &str, content: &str) -> String {
    let mark = lang.pick([
        "Sandbox – nicht Swiss Post. Nur Testkonten, keine echten Daten.",
        "Sandbox – pas la Poste. Comptes de test uniquement, aucune donnée réelle.",
        "Sandbox – non la Posta. Solo account di prova, nessun dato reale.",
        "Sandbox – not Swiss Post. Test accounts only, no real data.",
    ]);
    format!(
        r#"<!doctype html>
<html lang="{code}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Sandbox</title>
<style>{STYLE}</style></head>
<body>
<header><p class="mark" id="sandbox-mark">{mark}</p></header>
<main>
{content}
</main>
</body>
</html>
"#,
        code = lang.code(),
    )
}

fn hidden(request: &str, lang: Lang) -> String {
    format!(
        r#"<input type="hidden" name="request" value="{}"><input type="hidden" name="lang" value="{}">"#,
        escape(request),
        lang.code()
    )
}

fn test_shoppers_table(lang: Lang) -> String {
    let rows: String = SHOPPERS
        .iter()
        .map(|shopper| {
            let kinds = shopper.saved.iter().map(|s| s.kind).collect::<Vec<_>>().join(", ");
            format!(
                "<tr><th scope=\"row\">{}</th><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                escape(&shopper.name()),
                escape(shopper.email),
                escape(shopper.password),
                lang.pick(["Testkonto", "compte de test", "account di prova", "test account"]),
                kinds
            )
        })
        .collect();
    format!(
        r#"<h2>{title}</h2>
<p>{note}</p>
<table>
<caption>{caption}</caption>
<thead><tr><th scope="col">{name}</th><th scope="col">{email}</th><th scope="col">{password}</th><th scope="col">{account}</th><th scope="col">{saved}</th></tr></thead>
<tbody>{rows}</tbody>
</table>"#,
        title = lang.pick(["Testkonten", "Comptes de test", "Account di prova", "Test accounts"]),
        note = lang.pick([
            "Die Sandbox kennt keine echten Konten. Melden Sie sich mit einer dieser erfundenen Testpersonen an.",
            "La sandbox ne connaît aucun vrai compte. Connectez-vous avec l’une de ces personnes de test fictives.",
            "La sandbox non conosce account reali. Acceda con una di queste persone di prova fittizie.",
            "The sandbox knows no real accounts. Sign in as one of these made-up test shoppers.",
        ]),
        caption = lang.pick([
            "Testpersonen der Sandbox",
            "Personnes de test de la sandbox",
            "Persone di prova della sandbox",
            "The sandbox's test shoppers",
        ]),
        name = lang.pick(["Name", "Nom", "Nome", "Name"]),
        email = email_label(lang),
        password = password_label(lang),
        account = lang.pick(["Konto", "Compte", "Account", "Account"]),
        saved = lang.pick(["Gespeicherte Adressen", "Adresses enregistrées", "Indirizzi salvati", "Saved addresses"]),
    )
}

fn email_label(lang: Lang) -> &'static str {
    lang.pick(["E-Mail", "E-mail", "E-mail", "E-mail"])
}

fn password_label(lang: Lang) -> &'static str {
    lang.pick(["Passwort", "Mot de passe", "Password", "Password"])
}

/// The sign-in page; after wrong credentials with the error and the e-mail as typed.
pub fn sign_in(lang: Lang, request: &str, client: &str, failed: Option<&str>) -> Response {
    const ERROR_ID: &str = "sign-in-error";
    let (error, invalid) = match failed {
        Some(_) => (
            format!(
                r#"<p id="{ERROR_ID}" role="alert">{}</p>"#,
                lang.pick([
                    "E-Mail-Adresse oder Passwort ist falsch.",
                    "L’adresse e-mail ou le mot de passe est incorrect.",
                    "L’indirizzo e-mail o la password non è corretto.",
                    "The e-mail address or the password is wrong.",
                ])
            ),
            format!(r#" aria-invalid="true" aria-describedby="{ERROR_ID}""#),
        ),
        None => (String::new(), String::new()),
    };
    let intro = lang
        .pick([
            "{client} bittet Sie, sich mit Ihrem Swiss-Post-Konto anzumelden.",
            "{client} vous demande de vous connecter avec votre compte de la Poste.",
            "{client} le chiede di accedere con il suo account della Posta.",
            "{client} asks you to sign in with your Swiss Post account.",
        ])
        .replace("{client}", &format!("<strong>{}</strong>", escape(client)));
    let content = format!(
        r#"<h1>{heading}</h1>
<p>{intro}</p>
{error}
<form method="post" action="{SIGN_IN_PATH}">
{hidden}
<p><label for="email">{email_label}</label><br>
<input id="email" name="email" type="email" autocomplete="username" required value="{email}"{invalid}></p>
<p><label for="password">{password_label}</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required{invalid}></p>
<p><button type="submit">{button}</button></p>
</form>
{shoppers}"#,
        heading = heading(lang),
        hidden = hidden(request, lang),
        email_label = email_label(lang),
        email = escape(failed.unwrap_or_default()),
        password_label = password_label(lang),
        button = lang.pick(["Anmelden", "Se connecter", "Accedi", "Sign in"]),
        shoppers = test_shoppers_table(lang),
    );
    html(StatusCode::OK, page(lang, heading(lang), &content))
}

/// The consent page of a signed-in shopper.
pub fn consent(lang: Lang, request: &str, client: &str, shopper: &Shopper) -> Response {
    let signed_in = lang
        .pick([
            "Angemeldet als {name} ({email}, Testkonto).",
            "Connecté en tant que {name} ({email}, compte de test).",
            "Accesso effettuato come {name} ({email}, account di prova).",
            "Signed in as {name} ({email}, test account).",
        ])
        .replace("{name}", &escape(&shopper.name()))
        .replace("{email}", &escape(shopper.email));
    let question = lang
        .pick([
            "{client} möchte Ihren Namen, Ihre E-Mail-Adresse und Ihre gespeicherten Lieferadressen erhalten.",
            "{client} souhaite obtenir votre nom, votre adresse e-mail et vos adresses de livraison enregistrées.",
            "{client} desidera il suo nome, il suo indirizzo e-mail e i suoi indirizzi di consegna salvati.",
            "{client} would like your name, e-mail address and saved delivery addresses.",
        ])
        .replace("{client}", &format!("<strong>{}</strong>", escape(client)));
    let content = format!(
        r#"<h1>{heading}</h1>
<p>{signed_in}</p>
<p id="consent-question">{question}</p>
<form method="post" action="{CONSENT_PATH}" aria-describedby="consent-question">
{hidden}
<p><button type="submit" name="decision" value="allow">{allow}</button>
<button type="submit" name="decision" value="decline">{decline}</button></p>
</form>
<p>{note}</p>"#,
        heading = heading(lang),
        hidden = hidden(request, lang),
        allow = lang.pick(["Erlauben", "Autoriser", "Consenti", "Allow"]),
        decline = lang.pick(["Ablehnen", "Refuser", "Rifiuta", "Decline"]),
        note = lang.pick([
            "Wenn Sie ablehnen, erhält der Shop nichts.",
            "Si vous refusez, la boutique ne reçoit rien.",
            "Se rifiuta, il negozio non riceve nulla.",
            "If you decline, the shop receives nothing.",
        ]),
    );
    html(StatusCode::OK, page(lang, heading(lang), &content))
}

/// The page of a request that cannot go on (400; 503 when busy). It never redirects: a request whose client or
/// `redirect_uri` is not trusted must not send the browser anywhere (RFC 6749 §4.1.2.1).
pub fn problem(lang: Lang, problem: Problem) -> Response {
    let title =
        lang.pick(["Anmeldung nicht möglich", "Connexion impossible", "Accesso non possibile", "Sign-in not possible"]);
    let message = match problem {
        Problem::UnknownClient => lang.pick([
            "Der Shop ist der Sandbox nicht bekannt (client_id fehlt oder ist unbekannt).",
            "La boutique n’est pas connue de la sandbox (client_id manquant ou inconnu).",
            "Il negozio non è noto alla sandbox (client_id mancante o sconosciuto).",
            "The shop is not known to the sandbox (client_id missing or unknown).",
        ]),
        Problem::UnregisteredRedirect => lang.pick([
            "Die Rücksprungadresse des Shops (redirect_uri) ist für diesen Client nicht registriert.",
            "L’adresse de retour de la boutique (redirect_uri) n’est pas enregistrée pour ce client.",
            "L’indirizzo di ritorno del negozio (redirect_uri) non è registrato per questo client.",
            "The shop's return address (redirect_uri) is not registered for this client.",
        ]),
        Problem::Expired => lang.pick([
            "Diese Anmeldung ist abgelaufen oder unbekannt. Kehren Sie zum Shop zurück und beginnen Sie von vorn.",
            "Cette connexion a expiré ou est inconnue. Retournez à la boutique et recommencez.",
            "Questo accesso è scaduto o sconosciuto. Torni al negozio e ricominci.",
            "This sign-in has expired or is unknown. Go back to the shop and start again.",
        ]),
        Problem::BadForm => lang.pick([
            "Das Formular ist unvollständig. Kehren Sie zum Shop zurück und beginnen Sie von vorn.",
            "Le formulaire est incomplet. Retournez à la boutique et recommencez.",
            "Il modulo è incompleto. Torni al negozio e ricominci.",
            "The form is incomplete. Go back to the shop and start again.",
        ]),
        Problem::Busy => lang.pick([
            "Zu viele Anmeldungen gleichzeitig. Versuchen Sie es gleich noch einmal.",
            "Trop de connexions en même temps. Réessayez dans un instant.",
            "Troppi accessi contemporaneamente. Riprovi tra un momento.",
            "Too many sign-ins at once. Try again in a moment.",
        ]),
    };
    let content = format!(
        r#"<h1>{title}</h1>
<p role="alert">{message}</p>"#
    );
    let status = if problem == Problem::Busy { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::BAD_REQUEST };
    html(status, page(lang, title, &content))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[tokio::test]
    async fn pages_have_no_script_one_heading_and_labelled_fields() {
        for lang in [Lang::De, Lang::Fr, Lang::It, Lang::En] {
            let pages = [
                text(sign_in(lang, "r1", "shop", None)).await,
                text(sign_in(lang, "r1", "shop", Some("x\"><b>@y"))).await,
                text(consent(lang, "r2", "shop", &SHOPPERS[0])).await,
                text(problem(lang, Problem::Expired)).await,
            ];
            for page in &pages {
                assert!(!page.to_lowercase().contains("<script"), "{page}");
                assert_eq!(page.matches("<h1>").count(), 1);
                assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
                assert!(page.contains("id=\"sandbox-mark\""));
                for id in ["email", "password"] {
                    assert_eq!(page.contains(&format!("id=\"{id}\"")), page.contains(&format!("for=\"{id}\"")));
                }
            }
            assert!(pages[1].contains("role=\"alert\"") && pages[1].contains("aria-invalid=\"true\""));
            assert!(!pages[1].contains("<b>"), "the typed e-mail is escaped");
        }
    }
}
