//! `GET /openapi.json`: the OpenAPI 3.1 document of every route of the shop's listener (but the sandbox mode's
//! example pages and the static files), made from the same route lists as the router (`routes::browser`,
//! `server`, `public`), the handlers' annotations and the types of `crates/api`. The error answers are added
//! here in one place, from the same list the proxy's `AppError` maps to, so the document names every status
//! a caller can see.

use api::{PROBLEM_CONTENT_TYPE, Problem};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, HttpMethod, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "swiss-checkout proxy",
        description = "Swiss address autocomplete and validation, delivery options and the shop's server-side \
                       check, in front of the Swiss Post Digital Commerce API. Errors are RFC 9457 problem+json."
    ),
    components(schemas(Problem)),
    tags(
        (name = "address", description = "Postcode/locality, street and house-number suggestions, validation"),
        (name = "delivery", description = "Delivery options for an address"),
        (name = "pickup", description = "PickPost points, My Post 24 terminals and post offices; the shopper's user id"),
        (name = "connector", description = "\"Use my Swiss Post addresses\": the shopper's sign-in with Swiss Post (popup pages) and the session the widget reads"),
        (name = "after sale", description = "For the shopper, with a link token from the shop's server: tracking, returns"),
        (name = "server", description = "For the shop's server only: bearer server key, no browser origin"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

fn problem(description: &str) -> RefOr<Response> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name(Problem::name()))).build();
    ResponseBuilder::new().description(description).content(PROBLEM_CONTENT_TYPE, content).build().into()
}

/// Adds the problem+json answers of `AppError` to every operation, by what the route can meet.
struct ErrorAnswers;

impl Modify for ErrorAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "server_key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            let browser = path.starts_with(api::API_PREFIX);
            let server = path.starts_with("/server/");
            for method in [HttpMethod::Get, HttpMethod::Post, HttpMethod::Delete] {
                let operation: Option<&mut Operation> = match method {
                    HttpMethod::Get => item.get.as_mut(),
                    HttpMethod::Post => item.post.as_mut(),
                    HttpMethod::Delete => item.delete.as_mut(),
                    _ => None,
                };
                let Some(operation) = operation else { continue };
                let answers = &mut operation.responses.responses;
                let mut add = |status: &str, description: &str| {
                    answers.insert(status.to_owned(), problem(description));
                };
                if browser || server {
                    add("400", "A parameter or body field is missing or wrong; `field` names it");
                    add("403", "Origin not allowed, or the publishable key is missing or unknown");
                    add("502", "Swiss Post answered with an error; `manual_entry` is true");
                }
                if browser {
                    add("429", "Too many requests from this client; see `Retry-After`");
                }
                if server {
                    add("401", "The server key is missing or wrong");
                }
                if operation.request_body.is_some() {
                    add("413", "The request body is too large");
                }
                add("503", "Busy, timed out, or Swiss Post is not reachable; `manual_entry` is true");
            }
        }
    }
}

/// The whole document: the base above, every route's entry, and the error answers.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for routes in [routes::browser(), routes::connector_pages(), routes::server(), routes::public()] {
        doc.merge(routes.into_openapi());
    }
    ErrorAnswers.modify(&mut doc);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_described_with_its_errors() {
        let doc = document();
        let json = serde_json::to_value(&doc).unwrap();
        for path in [
            api::LOCALITIES_PATH,
            api::STREETS_PATH,
            api::HOUSE_NUMBERS_PATH,
            api::VALIDATE_PATH,
            api::DELIVERY_OPTIONS_PATH,
            api::CHECK_SELECTION_PATH,
        ] {
            let item = &json["paths"][path];
            let operation = if item["get"].is_object() { &item["get"] } else { &item["post"] };
            for status in ["200", "400", "503"] {
                assert!(operation["responses"][status].is_object(), "{path} lacks {status}");
            }
        }
        assert!(json["components"]["schemas"]["Problem"]["properties"]["type"].is_object());
        assert!(json["paths"]["/v1/localities"]["get"]["parameters"][0]["name"] == "q");
    }
}
