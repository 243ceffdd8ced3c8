//! `POST /OAuth/token`: one endpoint, two grants. The form (or query, §2.1) is read and the client
//! authenticated here, then `client_credentials` goes to [`crate::auth`] and `authorization_code` (the Login
//! Post Connector) to [`crate::connector`]; neither of those knows the other.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use swisspost::TokenRequest;

use crate::SharedState;
use crate::auth::{client_credentials, oauth_error};

/// `POST /OAuth/token`: the parameters may come in the form body or in the query string (§2.1).
pub async fn token(
    State(state): State<SharedState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let from_query: TokenRequest =
        query.as_deref().and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let Ok(from_body) = serde_urlencoded::from_bytes::<TokenRequest>(&body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the form body is not application/x-www-form-urlencoded",
        );
    };
    let pick = |a: String, b: String| if a.is_empty() { b } else { a };
    let request = TokenRequest {
        grant_type: pick(from_body.grant_type, from_query.grant_type),
        client_id: pick(from_body.client_id, from_query.client_id),
        client_secret: pick(from_body.client_secret, from_query.client_secret),
        scope: from_body.scope.or(from_query.scope),
        code: pick(from_body.code, from_query.code),
        redirect_uri: pick(from_body.redirect_uri, from_query.redirect_uri),
        code_verifier: pick(from_body.code_verifier, from_query.code_verifier),
    };

    let code_grant = match request.grant_type.as_str() {
        "client_credentials" => false,
        "authorization_code" => true,
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only client_credentials and authorization_code are supported",
            );
        }
    };
    let Some(client) = state.clients.iter().find(|c| c.id == request.client_id && c.secret == request.client_secret)
    else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client or wrong secret");
    };
    if code_grant {
        crate::connector::exchange_code(&state, client, &request, &headers)
    } else {
        client_credentials(&state, client, &request)
    }
}
