//! The browser's `/v1` routes and `/healthz`: thin handlers that parse, call the upstream client and map
//! its answer to the types of `crates/api`.

use std::sync::Arc;

use api::{Health, LOCALITY_QUERY_MAX_CHARS, LocalitiesResponse, Locality};
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;
use swisspost::ZipType;

use crate::AppState;
use crate::error::AppError;

/// Query parameters as (name, value) pairs; malformed encoding is read leniently, never a 500.
fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default()
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Characters a Swiss postcode or place name can contain ("3011", "Biel/Bienne", "St. Gallen",
/// "Chavannes-près-Renens", "Val-d'Illiez").
fn is_place_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'' | '’' | '/' | '(' | ')' | ',')
}

/// Checks the `q` of a locality lookup: present, not blank, at most 40 characters, place-name characters.
pub fn locality_query(raw: Option<&str>) -> Result<String, AppError> {
    let pairs = query_pairs(raw);
    let q = first(&pairs, "q").map(str::trim).unwrap_or("");
    if q.is_empty() {
        return Err(AppError::invalid("q", "is required: the beginning of a postcode or town"));
    }
    if q.chars().count() > LOCALITY_QUERY_MAX_CHARS {
        return Err(AppError::invalid("q", format!("is longer than {LOCALITY_QUERY_MAX_CHARS} characters")));
    }
    if !q.chars().all(is_place_char) {
        return Err(AppError::invalid("q", "contains characters that are not part of a postcode or place name"));
    }
    Ok(q.to_owned())
}

/// `GET /v1/localities?q=…`: postcode/locality suggestions for home delivery.
pub async fn localities(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let q = locality_query(raw.as_deref())?;
    let zips = state.post.zips(&q, ZipType::Domicile).await?;
    let mut localities: Vec<Locality> = Vec::with_capacity(zips.zips.len());
    for zip in zips.zips {
        let locality = Locality { postcode: zip.zip, town: zip.city27 };
        if !localities.contains(&locality) {
            localities.push(locality);
        }
    }
    // Postcodes change rarely: the browser may keep an answer for a few minutes.
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Json(LocalitiesResponse { localities })))
}

/// `GET /healthz`: the process is up (it does not call the upstream).
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    Json(Health { status: "ok".into(), sandbox: state.sandbox_mode })
}

/// Unknown `/v1` routes: problem+json, like every other error of the API.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<String, AppError>) -> Option<&'static str> {
        match result {
            Err(AppError::InvalidParameter { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn accepts_postcodes_and_place_names() {
        for q in ["301", "zuri", "Biel/Bienne", "St. Gallen", "Val-d'Illiez", "3011 Bern", "Genève"] {
            let raw = serde_urlencoded::to_string([("q", q)]).unwrap();
            assert_eq!(locality_query(Some(&raw)).unwrap(), q);
        }
    }

    #[test]
    fn refuses_missing_blank_long_and_strange_input_naming_q() {
        assert_eq!(field_of(locality_query(None)), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%20%20"))), Some("q"));
        assert_eq!(field_of(locality_query(Some(&format!("q={}", "a".repeat(41))))), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%3Cscript%3E"))), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%FF%FE"))), Some("q"));
    }
}
