//! The parts of a request as the handlers take them, rejecting through the one [`AppError`]: a body that is
//! not the JSON the route wants is a 400 naming `body` (413 when too large), so no handler maps an axum
//! rejection by hand.

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON body of type `T`.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let Json(value) = Json::<T>::from_request(request, state).await.map_err(AppError::from_json_rejection)?;
        Ok(Body(value))
    }
}

/// A selection as the shop's server has it: the JSON [`api::Selection`], or the checkout form's fields as they
/// came (`application/x-www-form-urlencoded`, name and value pairs in order).
pub enum SelectionBody {
    Json(Box<api::Selection>),
    Form(Vec<(String, String)>),
}

impl<S: Send + Sync> FromRequest<S> for SelectionBody {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let form = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
        if !form {
            let Body(selection) = Body::from_request(request, state).await?;
            return Ok(Self::Json(Box::new(selection)));
        }
        let bytes = bytes::Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::invalid("body", rejection.body_text())
            }
        })?;
        let fields = serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::invalid("body", "not a form body"))?;
        Ok(Self::Form(fields))
    }
}

/// The query string's parameters, by name. Read leniently: a malformed escape gives no parameters (and the
/// route's checks then name the one it needs), never a 500.
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(query: Option<&str>) -> Self {
        Self(query.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default())
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Ok(Self::parse(parts.uri.query()))
    }
}
