//! The barcode module (POST-API.md §6): `POST /barcode/v1/generateAddressLabel`, scope `DCAPI_BARCODE_READ`.
//!
//! As §6 records it: exactly one `item`; `imageResolution` accepted as a string; `labelDefinition` echoed
//! with `imageFileType` lower-cased and `colorPrintRequired` added; an 18-digit identcode `99` + franking
//! licence + an item number, unique per label; `itemID` echoed. Business errors are HTTP 200 with
//! `item.errors` and no label, warnings come with the label, messages in the request's `language`; a
//! malformed body is a 400 `ValidationError[]`, an unknown `customer` property an empty-body 400.
//!
//! The label is drawn by `swisspost-label`: PDF (also for `sPDF`), PNG or ZPL2 (code page 437), A5, A6 or
//! A7, "SPECIMEN" across it with `printPreview`, and always marked as a sandbox label.
//!
//! The sandbox's own rules, INFERRED where §6 names a code but not its exact trigger (written in the README):
//! - a base product (`PRI`, `ECO`, `SEM`, `SKB`, `DIR`) exactly once, else E1000 (none, or an unknown code)
//!   or E1001 (two); `SA` and time windows only with `PRI` (E1001);
//! - a time window (`ZFZ…`, `ZF…`) only for an address in the delivery module's urban areas, same day
//!   (`SKB`, `DIR`) only in its same-day cities: E1005 otherwise, the same rules as `delivery.rs`;
//! - `LQ` needs `unnumbers` of at most four digits (E2038);
//! - recipient: `name1`, `zip` and `city` needed, 35 characters a line and 10 for `houseNo`, printable
//!   characters only (E2001); a Swiss postcode the data does not know (E2032); `labelAddress` 2–5 lines of
//!   35 (E2064); sender 25 characters a line (E2017); `itemID` up to 200 of `A–Z a–z 0–9 _ - +` (E2045);
//!   weight over 99 999 g (E2037) or negative (E2036), missing a warning (W2012) with the label (0 passes
//!   without one, as recorded); an
//!   `identCode` in the request is ignored with W2011; `GIF`, `JPG` and `EPS` are not drawn here (E2012);
//!   a resolution other than 200, 300 or 600 (E2013); layout `FE` is for letters (E1007).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use label::{Label, Layout};
use serde_json::Value;
use swisspost::barcode::{
    CUSTOMER_PROPERTIES, GenerateLabel, GenerateLabelResponse, LabelDefinitionEcho, LabelItemResponse, LabelMessage,
    LabelRecipient, ValidationError,
};
use swisspost::location::type_id;
use swisspost::scope;

use crate::SharedState;
use crate::address::Failure;
use crate::delivery::{SAME_DAY_CITIES, URBAN_AREAS, in_ranges};
use crate::lang::Lang;

/// The franking licence of the sandbox's account, used when a request names none (a recorded real request
/// without one got a label with its account's licence). Not a real licence.
pub const ACCOUNT_FRANKING_LICENSE: &str = "42000001";

const BASE_PRODUCTS: [&str; 5] = ["PRI", "ECO", "SEM", "SKB", "DIR"];
const ADDITIONAL_SERVICES: [&str; 14] =
    ["SA", "SI", "AS", "FRA", "MAN", "RMP", "BLN", "LQ", "COLD", "AMB", "DLOG", "AZS", "SP", "NOTIME_PickupPoint"];
const WINDOWS: [&str; 8] =
    ["ZFZ0912", "ZFZ1114", "ZFZ1217", "ZF16302100", "ZF16301800", "ZF17301900", "ZF18302000", "ZF19302100"];

/// Where a labelled parcel goes: what its tracking events are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Journey {
    /// To the recipient's door.
    Home,
    /// To a PickPost point or My Post 24 terminal, where it waits to be collected.
    PickupPoint { name: String },
    /// A return collected at the customer's door (pick@home) on `collect_on`, back to the shop.
    Return { collect_on: time::Date },
}

/// A parcel the sandbox made a label for: what tracking follows.
#[derive(Clone, Debug)]
pub struct Mailpiece {
    pub ident_code: String,
    /// On the after-sale clock ([`crate::Knobs::now`]).
    pub issued_at: time::OffsetDateTime,
    /// The base product first ("PRI", "ECO"…).
    pub services: Vec<String>,
    /// "3011 Bern": where it goes.
    pub destination: String,
    /// "3030 Bern": where it comes from.
    pub origin: String,
    pub journey: Journey,
}

/// Item numbers issued so far, per franking licence (each label's identcode is new), and the parcels.
#[derive(Default)]
pub struct Issued {
    next: Mutex<HashMap<String, u32>>,
    mailpieces: Mutex<HashMap<String, Mailpiece>>,
}

/// The franking licence a request names (the account's when it names none), padded to the eight digits it has
/// in an identcode; `None` when it is not 4 to 8 digits.
pub fn franking_licence(given: Option<&str>) -> Option<String> {
    let licence = given.unwrap_or(ACCOUNT_FRANKING_LICENSE).trim();
    ((4..=8).contains(&licence.len()) && licence.bytes().all(|b| b.is_ascii_digit())).then(|| format!("{licence:0>8}"))
}

impl Issued {
    /// `99` + the licence + the next item number of that licence.
    pub fn ident_code(&self, licence: &str) -> String {
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        let number = next.entry(licence.to_owned()).or_insert(0);
        *number = (*number + 1) % 100_000_000;
        format!("99{licence}{:08}", *number)
    }

    pub fn record(&self, mailpiece: Mailpiece) {
        self.mailpieces.lock().unwrap_or_else(|p| p.into_inner()).insert(mailpiece.ident_code.clone(), mailpiece);
    }

    pub fn mailpiece(&self, ident_code: &str) -> Option<Mailpiece> {
        self.mailpieces.lock().unwrap_or_else(|p| p.into_inner()).get(ident_code).cloned()
    }
}

/// The message of `code` in `lang`; `{field}` names the field.
fn text(code: &str, lang: Lang) -> &'static str {
    let [de, fr, it, en] = match code {
        "E1000" => [
            "Ungültiger oder fehlender Basisdienst in przl.",
            "Prestation de base manquante ou invalide dans przl.",
            "Servizio di base mancante o non valido in przl.",
            "Missing or invalid base service in przl.",
        ],
        "E1001" => [
            "Diese Kombination von Dienstleistungen ist nicht erlaubt.",
            "Cette combinaison de prestations n'est pas autorisée.",
            "Questa combinazione di servizi non è ammessa.",
            "This combination of services is not allowed.",
        ],
        "E1005" => [
            "Die Dienstleistung {field} ist für diese Empfängeradresse nicht verfügbar.",
            "La prestation {field} n'est pas disponible pour cette adresse de destinataire.",
            "Il servizio {field} non è disponibile per questo indirizzo del destinatario.",
            "The service {field} is not available for this recipient address.",
        ],
        "E1007" => [
            "Das Format FE ist nur für Briefe zulässig.",
            "Le format FE n'est admis que pour les lettres.",
            "Il formato FE è ammesso solo per le lettere.",
            "The FE layout is for letters only.",
        ],
        "E2001" => [
            "Empfänger ungültig: {field}.",
            "Destinataire invalide : {field}.",
            "Destinatario non valido: {field}.",
            "Invalid recipient: {field}.",
        ],
        "E2010" => [
            "Die Frankierlizenz ist nicht berechtigt.",
            "La licence d'affranchissement n'est pas autorisée.",
            "La licenza d'affrancatura non è autorizzata.",
            "The franking licence is not authorised.",
        ],
        "E2012" => [
            "Bildformat nicht unterstützt (Sandbox: PDF, PNG, ZPL2).",
            "Format d'image non pris en charge (sandbox : PDF, PNG, ZPL2).",
            "Formato d'immagine non supportato (sandbox: PDF, PNG, ZPL2).",
            "Image format not supported (sandbox: PDF, PNG, ZPL2).",
        ],
        "E2013" => [
            "Auflösung ungültig (200, 300 oder 600).",
            "Résolution invalide (200, 300 ou 600).",
            "Risoluzione non valida (200, 300 o 600).",
            "Invalid resolution (200, 300 or 600).",
        ],
        "E2017" => [
            "Absender ungültig: {field}.",
            "Expéditeur invalide : {field}.",
            "Mittente non valido: {field}.",
            "Invalid sender: {field}.",
        ],
        "E2032" => [
            "Unbekannte Postleitzahl: {field}.",
            "Numéro postal inconnu : {field}.",
            "Numero postale sconosciuto: {field}.",
            "Unknown postcode: {field}.",
        ],
        "E2036" => [
            "Das Gewicht muss grösser als 0 sein.",
            "Le poids doit être supérieur à 0.",
            "Il peso deve essere superiore a 0.",
            "The weight must be greater than 0.",
        ],
        "E2037" => [
            "Das Gewicht darf höchstens 5 Stellen haben.",
            "Le poids ne peut avoir que 5 chiffres au plus.",
            "Il peso può avere al massimo 5 cifre.",
            "The weight may have at most 5 digits.",
        ],
        "E2038" => [
            "UN-Nummer fehlt oder ist ungültig.",
            "Numéro ONU manquant ou invalide.",
            "Numero ONU mancante o non valido.",
            "UN number missing or invalid.",
        ],
        "E2045" => [
            "itemID enthält unerlaubte Zeichen (erlaubt: A–Z a–z 0–9 _ - +).",
            "itemID contient des caractères non autorisés (autorisés : A–Z a–z 0–9 _ - +).",
            "itemID contiene caratteri non ammessi (ammessi: A–Z a–z 0–9 _ - +).",
            "itemID contains characters that are not allowed (allowed: A–Z a–z 0–9 _ - +).",
        ],
        "E2064" => [
            "labelLine: 2 bis 5 Zeilen zu höchstens 35 Zeichen.",
            "labelLine : 2 à 5 lignes de 35 caractères au plus.",
            "labelLine: da 2 a 5 righe di al massimo 35 caratteri.",
            "labelLine: 2 to 5 lines of at most 35 characters.",
        ],
        "W2011" => [
            "identCode und houseKey werden ignoriert.",
            "identCode et houseKey sont ignorés.",
            "identCode e houseKey vengono ignorati.",
            "identCode and houseKey are ignored.",
        ],
        "W2012" => ["Kein Gewicht angegeben.", "Aucun poids indiqué.", "Nessun peso indicato.", "No weight given."],
        _ => ["Fehler.", "Erreur.", "Errore.", "Error."],
    };
    lang.pick([de, fr, it, en])
}

/// Errors and warnings of one request.
struct Findings {
    lang: Lang,
    errors: Vec<LabelMessage>,
    warnings: Vec<LabelMessage>,
}

impl Findings {
    fn message(&self, code: &str, field: &str) -> LabelMessage {
        LabelMessage { code: code.into(), message: text(code, self.lang).replace("{field}", field) }
    }

    fn error(&mut self, code: &str, field: &str) {
        let message = self.message(code, field);
        if !self.errors.contains(&message) {
            self.errors.push(message);
        }
    }

    fn warn(&mut self, code: &str) {
        let message = self.message(code, "");
        self.warnings.push(message);
    }
}

/// A text field: at most `limit` characters, each printable on a label.
fn check_line(findings: &mut Findings, code: &str, field: &str, value: Option<&str>, limit: usize) {
    let Some(value) = value else { return };
    if value.chars().count() > limit {
        findings.error(code, &format!("{field} (> {limit})"));
    } else if let Some(c) = label::unprintable(value) {
        findings.error(code, &format!("{field} ({c:?})"));
    }
}

fn check_recipient(state: &SharedState, findings: &mut Findings, recipient: Option<&LabelRecipient>) {
    let Some(r) = recipient else {
        findings.error("E2001", "recipient");
        return;
    };
    for (field, value) in [("name1", &r.name1), ("zip", &r.zip), ("city", &r.city)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            findings.error("E2001", field);
        }
    }
    for (field, value) in [
        ("title", &r.title),
        ("firstName", &r.first_name),
        ("name1", &r.name1),
        ("name2", &r.name2),
        ("name3", &r.name3),
        ("addressSuffix", &r.address_suffix),
        ("street", &r.street),
        ("pobox", &r.pobox),
        ("city", &r.city),
    ] {
        check_line(findings, "E2001", field, value.as_deref(), 35);
    }
    check_line(findings, "E2001", "houseNo", r.house_no.as_deref(), 10);
    let domestic = r.country.as_deref().is_none_or(|c| c.eq_ignore_ascii_case("CH"));
    if let Some(zip) = r.zip.as_deref().map(str::trim).filter(|z| !z.is_empty())
        && domestic
    {
        let known = zip.len() == 4 && state.data.localities_with_zip(zip).next().is_some();
        if !known {
            findings.error("E2032", zip);
        }
    }
    if let Some(lines) = r.label_address.as_ref().map(|a| &a.label_line) {
        let fits = (2..=5).contains(&lines.len()) && lines.iter().all(|l| l.chars().count() <= 35);
        if !fits {
            findings.error("E2064", "labelLine");
        }
        for line in lines {
            check_line(findings, "E2001", "labelLine", Some(line), usize::MAX);
        }
    }
}

fn check_services(findings: &mut Findings, request: &GenerateLabel) {
    let attributes = &request.item.attributes;
    let zip = request.item.recipient.as_ref().and_then(|r| r.zip.clone()).unwrap_or_default();
    let codes: Vec<&str> = attributes.przl.iter().map(|c| c.trim()).collect();
    let bases: Vec<&str> = codes.iter().copied().filter(|c| BASE_PRODUCTS.contains(c)).collect();
    let known = |c: &&str| {
        BASE_PRODUCTS.contains(c) || ADDITIONAL_SERVICES.contains(c) || WINDOWS.contains(c) || c.starts_with("ZAW")
    };
    if bases.is_empty() || !codes.iter().all(known) {
        findings.error("E1000", "przl");
        return;
    }
    if bases.len() > 1 {
        findings.error("E1001", "przl");
    }
    let needs_priority = codes.iter().any(|c| *c == "SA" || WINDOWS.contains(c));
    if needs_priority && bases != ["PRI"] {
        findings.error("E1001", "przl");
    }
    for code in codes.iter().filter(|c| WINDOWS.contains(c)) {
        if !in_ranges(&zip, URBAN_AREAS) {
            findings.error("E1005", code);
        }
    }
    for code in bases.iter().filter(|c| matches!(**c, "SKB" | "DIR")) {
        if !in_ranges(&zip, SAME_DAY_CITIES) {
            findings.error("E1005", code);
        }
    }
    if codes.contains(&"LQ") {
        let numbers = attributes.unnumbers.as_deref().unwrap_or_default();
        if numbers.is_empty() || numbers.iter().any(|n| *n > 9999) {
            findings.error("E2038", "unnumbers");
        }
    }
    match attributes.weight {
        // The recorded requests send 0 and got their labels without a warning.
        None => findings.warn("W2012"),
        Some(w) if w < 0.0 => findings.error("E2036", "weight"),
        Some(w) if w > 99_999.0 => findings.error("E2037", "weight"),
        Some(_) => {}
    }
}

/// The recipient block as printed: the label lines when given, else the fields; postcode and town last.
fn recipient_lines(r: &LabelRecipient) -> Vec<String> {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let place = format!("{} {}", text(&r.zip).unwrap_or_default(), text(&r.city).unwrap_or_default());
    if let Some(address) = &r.label_address {
        let mut lines = address.label_line.clone();
        lines.push(place);
        return lines;
    }
    let names = [text(&r.title), text(&r.first_name), text(&r.name1)].into_iter().flatten().collect::<Vec<_>>();
    let street = [text(&r.street), text(&r.house_no)].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let mut lines = vec![names.join(" ")];
    lines.extend([text(&r.name2), text(&r.name3), text(&r.address_suffix)].into_iter().flatten());
    lines.extend([Some(street).filter(|s| !s.is_empty()), text(&r.pobox)].into_iter().flatten());
    lines.push(place);
    lines
}

fn json(status: StatusCode, body: &impl serde::Serialize) -> Response {
    let mut response = (status, serde_json::to_vec_pretty(body).unwrap_or_default()).into_response();
    // As recorded (Jackson): `application/json;charset=UTF-8`.
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json;charset=UTF-8"));
    response
}

fn invalid(field: Option<&str>, error: impl Into<String>, rejected: Option<String>) -> Response {
    let entry = ValidationError { field: field.map(str::to_owned), error: error.into(), rejected_value: rejected };
    json(StatusCode::BAD_REQUEST, &vec![entry])
}

/// `POST /barcode/v1/generateAddressLabel`.
pub async fn generate_address_label(State(state): State<SharedState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refusal) = state.tokens.check(&headers, scope::BARCODE_READ) {
        return Failure::from(refusal).into_response();
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(error) => return invalid(None, format!("malformed JSON: {error}"), None),
    };
    // An unknown sender property: an empty 400, as a real client saw (§6.3).
    if let Some(customer) = value.get("customer").and_then(Value::as_object)
        && customer.keys().any(|k| !CUSTOMER_PROPERTIES.contains(&k.as_str()))
    {
        return StatusCode::BAD_REQUEST.into_response();
    }
    if value.get("item").is_some_and(Value::is_array) {
        return invalid(Some("item"), "must be one item, not an array", None);
    }
    let request: GenerateLabel = match serde_json::from_value(value) {
        Ok(request) => request,
        Err(error) => {
            let message = error.to_string();
            let field = message.split('`').nth(1).map(str::to_owned);
            return invalid(field.as_deref(), message, None);
        }
    };
    let Some(lang) = Lang::from_code(&request.language) else {
        return invalid(Some("language"), "must be DE, FR, IT or EN", Some(request.language.clone()));
    };
    let definition = &request.label_definition;
    let layout = match definition.label_layout.as_str() {
        "A5" => Some(Layout::A5),
        "A6" => Some(Layout::A6),
        "A7" => Some(Layout::A7),
        "FE" => None,
        other => return invalid(Some("labelDefinition.labelLayout"), "must be A5, A6, A7 or FE", Some(other.into())),
    };
    let file_type = definition.image_file_type.to_ascii_uppercase();
    if !["PDF", "SPDF", "PNG", "GIF", "JPG", "EPS", "ZPL2"].contains(&file_type.as_str()) {
        return invalid(Some("labelDefinition.imageFileType"), "unknown image file type", Some(file_type));
    }
    let resolution = definition.image_resolution.unwrap_or(300);
    let mut findings = Findings { lang, errors: Vec::new(), warnings: Vec::new() };
    if layout.is_none() {
        findings.error("E1007", "labelLayout");
    }
    if matches!(file_type.as_str(), "GIF" | "JPG" | "EPS") {
        findings.error("E2012", &file_type);
    }
    if ![200, 300, 600].contains(&resolution) {
        findings.error("E2013", "imageResolution");
    }
    let licence = franking_licence(request.franking_license.as_deref());
    if licence.is_none() {
        findings.error("E2010", "frankingLicense");
    }
    if let Some(id) = request.item.item_id.as_deref()
        && (id.chars().count() > 200 || !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+')))
    {
        findings.error("E2045", "itemID");
    }
    if request.item.ident_code.is_some() {
        findings.warn("W2011");
    }
    let sender = &request.customer;
    for (field, value) in
        [("name1", &sender.name1), ("street", &sender.street), ("zip", &sender.zip), ("city", &sender.city)]
    {
        if value.trim().is_empty() {
            findings.error("E2017", field);
        }
    }
    for (field, value) in [
        ("name1", Some(&sender.name1)),
        ("name2", sender.name2.as_ref()),
        ("street", Some(&sender.street)),
        ("pobox", sender.pobox.as_ref()),
        ("city", Some(&sender.city)),
    ] {
        check_line(&mut findings, "E2017", field, value.map(String::as_str), 25);
    }
    check_recipient(&state, &mut findings, request.item.recipient.as_ref());
    check_services(&mut findings, &request);

    let echo = LabelDefinitionEcho {
        label_layout: definition.label_layout.clone(),
        print_addresses: definition.print_addresses.clone(),
        image_file_type: definition.image_file_type.to_lowercase(),
        image_resolution: resolution,
        print_preview: definition.print_preview,
        // INFERRED: the recordings say true for PRI; economy is the one product printed in black only here.
        color_print_required: !request.item.attributes.przl.iter().any(|c| c == "ECO"),
    };
    let warnings = (!findings.warnings.is_empty()).then(|| findings.warnings.clone());
    let (Some(layout), Some(licence), true) = (layout, licence, findings.errors.is_empty()) else {
        let item = LabelItemResponse {
            item_id: request.item.item_id.clone(),
            errors: Some(findings.errors),
            warnings,
            ..Default::default()
        };
        return json(
            StatusCode::OK,
            &GenerateLabelResponse { label_definition: echo, sending_id: request.sending_id, item },
        );
    };
    let ident_code = state.labels.ident_code(&licence);
    if let Some(r) = &request.item.recipient {
        let place = |zip: &Option<String>, city: &Option<String>| {
            format!("{} {}", zip.as_deref().unwrap_or(""), city.as_deref().unwrap_or("")).trim().to_owned()
        };
        let name2 = r.name2.as_deref().unwrap_or("");
        let journey = if name2.starts_with("PickPost ") || name2.starts_with("MyPost24 ") {
            // The point at the recipient's address, by the location service's data.
            let street = swisspost::matching::canonical(
                format!("{} {}", r.street.as_deref().unwrap_or(""), r.house_no.as_deref().unwrap_or("")).trim(),
            );
            // A terminal and a counter may share an address: the kind the name2 line names first.
            let terminal = name2.starts_with("MyPost24 ");
            let at_address = |p: &&crate::location::Point| {
                Some(p.zip.as_str()) == r.zip.as_deref() && swisspost::matching::canonical(&p.street) == street
            };
            let pickup_kinds = [type_id::PICKPOST, type_id::MY_POST_24, type_id::POST_OFFICE];
            let point = state
                .location
                .places
                .points
                .iter()
                .filter(|p| pickup_kinds.contains(&p.type_id))
                .filter(at_address)
                .min_by_key(|p| (p.type_id == type_id::MY_POST_24) != terminal);
            Journey::PickupPoint { name: point.map_or_else(|| place(&r.zip, &r.city), |p| p.name.clone()) }
        } else {
            Journey::Home
        };
        state.labels.record(Mailpiece {
            ident_code: ident_code.clone(),
            issued_at: state.knobs.now(),
            services: request.item.attributes.przl.clone(),
            destination: place(&r.zip, &r.city),
            origin: format!("{} {}", sender.zip, sender.city),
            journey,
        });
    }
    // Made: the label exists whether or not the caller is still there for the answer.
    let hold = state.knobs.hold_made();
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    let print = definition.print_addresses.as_deref().unwrap_or("RECIPIENT_AND_CUSTOMER");
    let recipient = request.item.recipient.as_ref().map(recipient_lines).unwrap_or_default();
    let sender_lines =
        [Some(sender.name1.clone()), sender.name2.clone(), Some(sender.street.clone()), sender.pobox.clone()]
            .into_iter()
            .flatten()
            .chain([format!("{} {}", sender.zip, sender.city)])
            .collect();
    let label = Label {
        layout,
        ident_code: ident_code.clone(),
        services: request.item.attributes.przl.clone(),
        recipient: if matches!(print, "NONE" | "ONLY_CUSTOMER") { Vec::new() } else { recipient },
        sender: if matches!(print, "NONE" | "ONLY_RECIPIENT") { Vec::new() } else { sender_lines },
        specimen: definition.print_preview,
    };
    let bytes = match file_type.as_str() {
        "PNG" => label.png(resolution),
        "ZPL2" => label.zpl(resolution),
        _ => label.pdf(),
    };
    let item = LabelItemResponse {
        item_id: request.item.item_id.clone(),
        ident_code: Some(ident_code),
        label: Some(vec![base64::engine::general_purpose::STANDARD.encode(bytes)]),
        errors: None,
        warnings,
    };
    json(StatusCode::OK, &GenerateLabelResponse { label_definition: echo, sending_id: request.sending_id, item })
}
