//! Errors, mapped to RFC 9457 problem+json answers in one place.

use api::{PROBLEM_CONTENT_TYPE, Problem, problem_type};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What went wrong talking to Swiss Post (or the sandbox).
#[derive(Clone, Debug, thiserror::Error)]
pub enum UpstreamError {
    #[error("the upstream did not answer in time")]
    Timeout,
    #[error("the upstream could not be reached")]
    Unreachable,
    #[error("the upstream refused the proxy's credentials")]
    Credentials,
    #[error("the upstream answered {0}")]
    Status(u16),
    #[error("the upstream's answer could not be read")]
    Body,
    #[error("the upstream failed repeatedly; not calling it for a while")]
    CircuitOpen,
}

impl UpstreamError {
    /// A failure that may pass: worth one retry, and counted by the circuit breaker.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Timeout | Self::Unreachable) || matches!(self, Self::Status(500..=599))
    }

    pub fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() { Self::Timeout } else { Self::Unreachable }
    }
}

/// Every error a `/v1` handler can return.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{field}: {why}")]
    InvalidParameter { field: &'static str, why: String },
    #[error("no such route")]
    NotFound,
    #[error("this origin may not call the proxy")]
    ForbiddenOrigin,
    #[error("the publishable key is missing or unknown")]
    UnknownKey,
    #[error("too many requests; try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the proxy is busy or the request took too long")]
    Overloaded,
    #[error("the request body is too large")]
    TooLarge,
    #[error("this route wants the shop's server key as a bearer token")]
    Unauthorized,
    #[error("{why}")]
    NotShippable { field: &'static str, why: String },
    #[error("Swiss Post refused the label: {message}")]
    LabelRefused { code: String, message: String, field: Option<&'static str> },
    #[error("this Idempotency-Key came with another request")]
    IdempotencyConflict,
    #[error("this link is not valid (altered, expired or for something else)")]
    ForbiddenToken,
    #[error("Swiss Post knows no shipment with this identcode")]
    UnknownShipment,
    #[error("Swiss Post refused the collection order: {message}")]
    ReturnRefused { code: u32, message: String, field: Option<&'static str> },
    #[error("a request with this Idempotency-Key is still with Swiss Post; retry in {retry_after_secs} s")]
    RequestInProgress { retry_after_secs: u64 },
    #[error(
        "a request with this Idempotency-Key was sent to Swiss Post and its answer was lost when the instance \
         handling it stopped: whether it was made is unknown, and it is not made again. Look it up by the \
         parcel's item_id in tracking (GET /server/v1/shipments) or in Swiss Post's customer centre, and use a \
         new key only if it was not made"
    )]
    OutcomeUnknown,
    #[error("the proxy's store cannot be reached; nothing was done; retry in {retry_after_secs} s")]
    StoreUnavailable { retry_after_secs: u64 },
    #[error("{0}")]
    NotConfigured(&'static str),
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
}

impl AppError {
    pub fn invalid(field: &'static str, why: impl Into<String>) -> Self {
        Self::InvalidParameter { field, why: why.into() }
    }

    /// A body that axum could not read as the JSON the route wants: 413 when too large, else 400 `body`.
    pub fn from_json_rejection(rejection: axum::extract::rejection::JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::TooLarge
        } else {
            Self::invalid("body", rejection.body_text())
        }
    }

    fn problem(&self) -> Problem {
        let (kind, title, status, field, manual_entry) = match self {
            AppError::InvalidParameter { field, .. } => {
                (problem_type::INVALID_PARAMETER, "Invalid parameter", StatusCode::BAD_REQUEST, Some(*field), false)
            }
            AppError::NotFound => (problem_type::NOT_FOUND, "Not found", StatusCode::NOT_FOUND, None, false),
            AppError::ForbiddenOrigin => {
                (problem_type::FORBIDDEN_ORIGIN, "Origin not allowed", StatusCode::FORBIDDEN, None, false)
            }
            AppError::UnknownKey => (problem_type::UNKNOWN_KEY, "Unknown key", StatusCode::FORBIDDEN, None, false),
            AppError::Unauthorized => {
                (problem_type::UNAUTHORIZED, "Unauthorized", StatusCode::UNAUTHORIZED, None, false)
            }
            AppError::TooManyRequests { .. } => {
                (problem_type::TOO_MANY_REQUESTS, "Too many requests", StatusCode::TOO_MANY_REQUESTS, None, false)
            }
            AppError::Overloaded => (problem_type::OVERLOADED, "Busy", StatusCode::SERVICE_UNAVAILABLE, None, true),
            AppError::TooLarge => {
                (problem_type::TOO_LARGE, "Request too large", StatusCode::PAYLOAD_TOO_LARGE, Some("body"), false)
            }
            AppError::NotShippable { field, .. } => (
                problem_type::NOT_SHIPPABLE,
                "Cannot be shipped as selected",
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(*field),
                false,
            ),
            AppError::LabelRefused { field, .. } => (
                problem_type::LABEL_REFUSED,
                "Swiss Post refused the label",
                StatusCode::UNPROCESSABLE_ENTITY,
                *field,
                false,
            ),
            AppError::IdempotencyConflict => (
                problem_type::IDEMPOTENCY_CONFLICT,
                "Idempotency key reused",
                StatusCode::CONFLICT,
                Some("Idempotency-Key"),
                false,
            ),
            AppError::ForbiddenToken => {
                (problem_type::FORBIDDEN_TOKEN, "Link not valid", StatusCode::FORBIDDEN, None, false)
            }
            AppError::UnknownShipment => {
                (problem_type::NOT_FOUND, "Unknown shipment", StatusCode::NOT_FOUND, None, false)
            }
            AppError::ReturnRefused { field, .. } => (
                problem_type::RETURN_REFUSED,
                "Swiss Post refused the collection order",
                StatusCode::UNPROCESSABLE_ENTITY,
                *field,
                false,
            ),
            AppError::RequestInProgress { .. } => (
                problem_type::REQUEST_IN_PROGRESS,
                "Request in progress",
                StatusCode::CONFLICT,
                Some("Idempotency-Key"),
                false,
            ),
            AppError::OutcomeUnknown => {
                (problem_type::OUTCOME_UNKNOWN, "Outcome unknown", StatusCode::CONFLICT, Some("Idempotency-Key"), false)
            }
            AppError::StoreUnavailable { .. } => {
                (problem_type::STORE_UNAVAILABLE, "Store unavailable", StatusCode::SERVICE_UNAVAILABLE, None, false)
            }
            AppError::NotConfigured(_) => {
                (problem_type::NOT_CONFIGURED, "Not configured", StatusCode::SERVICE_UNAVAILABLE, None, false)
            }
            AppError::Upstream(
                UpstreamError::Timeout
                | UpstreamError::Unreachable
                | UpstreamError::Status(503)
                | UpstreamError::CircuitOpen,
            ) => (
                problem_type::UPSTREAM_UNAVAILABLE,
                "Swiss Post is not reachable",
                StatusCode::SERVICE_UNAVAILABLE,
                None,
                true,
            ),
            AppError::Upstream(_) => {
                (problem_type::UPSTREAM_ERROR, "Swiss Post answered with an error", StatusCode::BAD_GATEWAY, None, true)
            }
        };
        Problem {
            kind: kind.into(),
            title: title.into(),
            status: status.as_u16(),
            detail: Some(self.to_string()),
            field: field.map(str::to_owned),
            manual_entry,
            code: match self {
                AppError::LabelRefused { code, .. } => Some(code.clone()),
                AppError::ReturnRefused { code, .. } => Some(code.to_string()),
                _ => None,
            },
        }
    }
}

impl From<api::check::FieldError> for AppError {
    fn from(error: api::check::FieldError) -> Self {
        Self::InvalidParameter { field: error.field, why: error.why }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        if let AppError::Upstream(error) = &self {
            tracing::warn!(%error, "upstream call failed");
        }
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(problem)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
        if let AppError::Unauthorized = self {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let AppError::TooManyRequests { retry_after_secs }
        | AppError::RequestInProgress { retry_after_secs }
        | AppError::StoreUnavailable { retry_after_secs } = self
        {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}
