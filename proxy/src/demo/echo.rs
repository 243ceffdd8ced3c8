//! `POST /echo`, in sandbox mode only: the example shop page's form posts here, and the answer shows every
//! field that arrived, so a shop developer (and a browser test) sees what a plain `<form method="post">`
//! receives from the widget with no JavaScript of the shop's own. Never served with real credentials.

use axum::Form;
use axum::http::header;
use axum::response::IntoResponse;

/// The strict policy the example pages are written for.
pub const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'";

/// `text` as it may stand in HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An HTML page with a table of the posted fields, in the order they came.
pub async fn echo(Form(fields): Form<Vec<(String, String)>>) -> impl IntoResponse {
    let rows: String = fields
        .iter()
        .map(|(name, value)| format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(name), escape(value)))
        .collect();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>What the shop received</title><link rel=\"icon\" href=\"/element/favicon.svg\">\
         <link rel=\"stylesheet\" href=\"/element/swiss-checkout.css\"></head><body><main><h1>What the shop received</h1>\
         <p>Sandbox mode: this page shows the fields the checkout form posted.</p>\
         <table><caption>Posted fields</caption><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Value</th></tr></thead>\
         <tbody>{rows}</tbody></table></main></body></html>"
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, STRICT_CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
}
