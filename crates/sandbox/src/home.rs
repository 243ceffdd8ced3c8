//! `GET /`: the sandbox's own page, for a person setting up a client. It names every module the sandbox
//! serves, the base URL to configure in place of each live Swiss Post host, the test credentials and their
//! scopes, the Login Post Connector's registered redirect URIs and test shoppers (with their passwords: they
//! are test accounts), and the test knobs. Plain HTML, no script.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::HOST;
use axum::response::Html;

use crate::html::escape;
use crate::{LOCATION_PREFIX, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SharedState};

/// One module of the Swiss Post API: the live host it stands in for and its routes (method, path, scope).
struct Module {
    name: &'static str,
    live_base: &'static str,
    /// Appended to the sandbox's base URL to give the URL a client configures in place of `live_base`.
    sandbox_suffix: &'static str,
    routes: &'static [(&'static str, &'static str, &'static str)],
}

const MODULES: &[Module] = &[
    Module {
        name: "OAuth 2 token (client credentials)",
        live_base: "https://api.post.ch",
        sandbox_suffix: "",
        routes: &[("POST", "/OAuth/token", "the scopes asked for")],
    },
    Module {
        name: "Address (autocomplete and validation)",
        live_base: "https://dcapi.apis.post.ch",
        sandbox_suffix: "",
        routes: &[
            ("GET", "/address/v1/zips", "DCAPI_ADDRESS_AUTOCOMPLETE"),
            ("GET", "/address/v1/streets", "DCAPI_ADDRESS_AUTOCOMPLETE"),
            ("GET", "/address/v1/houses", "DCAPI_ADDRESS_READ"),
            ("POST", "/address/v1/addresses/validation", "DCAPI_ADDRESS_VALIDATE"),
        ],
    },
    Module {
        name: "Delivery (deliverabilities, holidays)",
        live_base: "https://dcapi.apis.post.ch",
        sandbox_suffix: "",
        routes: &[
            ("GET, POST", "/api/delivery/v1/deliverabilities/when", "DCAPI_DELIVERY"),
            ("GET", "/api/delivery/v1/options/holidays", "DCAPI_DELIVERY"),
        ],
    },
    Module {
        name: "PickPost / My Post 24 user ids",
        live_base: "https://dcapi.apis.post.ch",
        sandbox_suffix: "",
        routes: &[("POST", "/pickpost/v1/users", "DCAPI_PICKPOST")],
    },
    Module {
        name: "Barcode (parcel labels: PDF, PNG, ZPL2; every label marked as the sandbox's)",
        live_base: "https://dcapi.apis.post.ch",
        sandbox_suffix: "",
        routes: &[("POST", "/barcode/v1/generateAddressLabel", "DCAPI_BARCODE_READ")],
    },
    Module {
        name: "Shipment tracking for business customers (events move on the clock_ahead_minutes knob)",
        live_base: "https://mysb.apis.post.ch",
        sandbox_suffix: "",
        routes: &[
            ("POST", "/logistics/mailpiece/tracking/business/v1/mailpieces", "MYSB_MAILPIECE_TRACKING_B2B_READ"),
            (
                "GET",
                "/logistics/mailpiece/tracking/business/v1/mailpieces/{key}/detail",
                "MYSB_MAILPIECE_TRACKING_B2B_READ",
            ),
            (
                "GET",
                "/logistics/mailpiece/tracking/business/v1/mailpieces/{key}/events/",
                "MYSB_MAILPIECE_TRACKING_B2B_READ",
            ),
        ],
    },
    Module {
        name: "pick@home (returns collected at the door; body member names INFERRED)",
        live_base: "https://dcapi.apis.post.ch",
        sandbox_suffix: "",
        routes: &[
            (
                "GET",
                "/delivery/collection/order/v2/houses/{houseKey}/collection/instructions",
                "DCAPI_DELIVERY_COLLECTION_ORDER",
            ),
            ("POST", "/delivery/collection/order/v2/orders", "DCAPI_DELIVERY_COLLECTION_ORDER"),
            ("POST", "/delivery/collection/order/v2/orders/{orderKey}/approval", "DCAPI_DELIVERY_COLLECTION_ORDER"),
        ],
    },
    Module {
        name: "Location service (post offices, PickPost, My Post 24, letter boxes, Postomats), keyless; tags as \
               today's clients hard-code them (T1 PickPost, T6 My Post 24, T9 post offices, T12 letter boxes), \
               resolve them through /Types",
        live_base: "https://places.post.ch/StandortSuche/StaoCacheServiceV2/api/v1",
        sandbox_suffix: LOCATION_PREFIX,
        routes: &[
            ("GET", "/Types?lang=de", "none"),
            ("GET", "/Find?extent=minLon,minLat,maxLon,maxLat&query=T9,T12&maxpois=20000", "none"),
            ("GET", "/Geocode?query=St.%20Gallen&pois=T9&limit=10", "none"),
            ("GET", "/Poi?id=001PST_001126000 (XML)", "none"),
        ],
    },
    Module {
        name: "Login Post Connector: the shopper's sign-in and consent, the code grant, userinfo (OAuth 2 \
               authorization code with PKCE S256 and OpenID Connect; paths INFERRED)",
        live_base: "https://api.post.ch",
        sandbox_suffix: "",
        routes: &[
            (
                "GET",
                "/OAuth/authorization?client_id&amp;scope&amp;response_type=code&amp;redirect_uri&amp;nonce&amp;state\
                 &amp;code_challenge&amp;code_challenge_method=S256&amp;lang=de|fr|it|en (the sign-in page)",
                "WEDEC_READ_ADDRESS openid profile email address (INFERRED), asked of the shopper",
            ),
            ("POST", "/OAuth/token with grant_type=authorization_code", "the scopes the shopper granted"),
            ("GET", "/OAuth/userinfo", "openid (a user token)"),
        ],
    },
    Module {
        name: "Login Post Connector: the shopper's saved addresses (paths INFERRED)",
        live_base: "https://dcapi.apis.post.ch",
        sandbox_suffix: "",
        routes: &[
            ("GET", "/address/v1/users/current/addresses", "WEDEC_READ_ADDRESS (a user token, INFERRED)"),
            ("GET", "/address/v1/users/current/addresses/main", "WEDEC_READ_ADDRESS (a user token, INFERRED)"),
            ("GET", "/address/v1/users/current/addresses/{id}", "WEDEC_READ_ADDRESS (a user token, INFERRED)"),
        ],
    },
];

pub async fn page(State(state): State<SharedState>, headers: HeaderMap) -> Html<String> {
    let host = headers.get(HOST).and_then(|value| value.to_str().ok()).unwrap_or("127.0.0.1:8090");
    let base = format!("http://{}", escape(host));
    let mut modules = String::new();
    for module in MODULES {
        let routes: String = module
            .routes
            .iter()
            .map(|(method, path, scope)| format!("<li><code>{method} {path}</code>, scope {scope}</li>"))
            .collect();
        modules.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td><code>{}</code></td><td><code>{base}{}</code></td><td><ul>{routes}</ul></td></tr>",
            module.name, module.live_base, module.sandbox_suffix
        ));
    }
    let clients: String = state
        .clients
        .iter()
        .map(|client| {
            // Only the built-in client's secret is public; a client configured by hand keeps its own.
            let secret = if client.id == SANDBOX_CLIENT_ID { SANDBOX_CLIENT_SECRET } else { "(as configured)" };
            format!(
                "<tr><td><code>{}</code></td><td><code>{secret}</code></td><td>{}</td></tr>",
                escape(&client.id),
                client.scopes.join(" ")
            )
        })
        .collect();
    let redirect_uris: String = state
        .clients
        .iter()
        .map(|client| {
            let uris = state.connector.redirect_uris(&client.id);
            let list = if uris.is_empty() {
                "none yet".to_owned()
            } else {
                uris.iter().map(|uri| format!("<code>{}</code>", escape(uri))).collect::<Vec<_>>().join(", ")
            };
            format!("<li><code>{}</code>: {list}</li>", escape(&client.id))
        })
        .collect();
    let shoppers: String = crate::connector::shoppers::SHOPPERS
        .iter()
        .map(|shopper| {
            let saved = shopper
                .saved
                .iter()
                .map(|s| match s.id {
                    Some(id) => format!("{} <code>{id}</code>", s.kind),
                    None => s.kind.to_owned(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "<tr><td>{} (test account)</td><td><code>{}</code></td><td><code>{}</code></td><td>{saved}</td></tr>",
                escape(&shopper.name()),
                escape(shopper.email),
                escape(shopper.password)
            )
        })
        .collect();
    let data_files =
        crate::data::DataFiles::names().map(|name| format!("<code>{name}</code>")).collect::<Vec<_>>().join(", ");
    Html(format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Swiss Post sandbox</title></head>
<body>
<main>
<h1>Swiss Post sandbox</h1>
<p><strong>Sandbox, not Swiss Post.</strong> A local stand-in of the Swiss Post APIs on real Swiss data (postcodes,
Bern building addresses, St. Gallen post access points) and a flagged synthetic national set of pickup points.
Point a Swiss Post client at the base URLs below instead of the live hosts.</p>
<h2>Modules and base URLs</h2>
<table>
<thead><tr><th scope="col">module</th><th scope="col">live base URL</th><th scope="col">sandbox base URL</th><th scope="col">routes</th></tr></thead>
<tbody>{modules}</tbody>
</table>
<h2>Test credentials</h2>
<p>Token endpoint <code>{base}/OAuth/token</code>, grant type <code>client_credentials</code>, client id and secret in
the form body; tokens last 60 s, as Swiss Post's do. The same clients may use the Login Post Connector below.</p>
<table>
<thead><tr><th scope="col">client id</th><th scope="col">secret</th><th scope="col">scopes</th></tr></thead>
<tbody>{clients}</tbody>
</table>
<h2>Login Post Connector</h2>
<p>A shop sends the shopper's browser to <code>{base}/OAuth/authorization</code>; the shopper signs in as a test
shopper and allows or declines; the shop gets a code at its <code>redirect_uri</code> (registered exactly: the
flag <code>--redirect-uri URL</code>, or <code>register_redirect_uri</code> in-process), exchanges it at
<code>{base}/OAuth/token</code> (<code>grant_type=authorization_code</code>, client id and secret, the PKCE
verifier) for a user token of 300 s and an HS256 ID token signed with the client secret, and reads
<code>/OAuth/userinfo</code> and the saved addresses. Codes last 60 s and are good once. Registered redirect URIs:</p>
<ul>{redirect_uris}</ul>
<table>
<caption>Test shoppers: synthetic test accounts on real Bern buildings and St. Gallen access points</caption>
<thead><tr><th scope="col">name</th><th scope="col">e-mail</th><th scope="col">password</th><th scope="col">saved addresses (type and id)</th></tr></thead>
<tbody>{shoppers}</tbody>
</table>
<h2>Knobs for tests</h2>
<ul>
<li><code>GET, POST {base}/__sandbox/knobs</code>: <code>latency_ms</code>, <code>error_rate</code>, <code>outage</code>,
<code>token_lifetime_secs</code>, <code>fail_next</code>, <code>clock_ahead_minutes</code> (the sandbox's clock: tracking
events, pick@home dates, the location service's open-until and open-again), <code>hold_made_ms</code> (a label or
pick@home approval is held back this long after it is made: the answer a crash loses)</li>
<li><code>GET, DELETE {base}/__sandbox/calls</code>: calls per route</li>
<li><code>POST {base}/__sandbox/expire-tokens</code>: every token issued so far expires (the Login Post Connector's user
tokens too)</li>
</ul>
<h2>Starting it</h2>
<p><code>swisspost-sandbox --addr 127.0.0.1:8090 --data DIR --clock-ahead-minutes N --redirect-uri URL</code>;
<code>--help</code> lists every flag. <code>--data DIR</code>: a folder whose files replace the built-in data files of the
same name and columns
({data_files}).</p>
<p>Data: Swiss Post open data (St. Gallen access points, cite post.ch), swisstopo's directory of localities, GeoNames
(CC BY 4.0), the Federal Statistical Office's building register (Bern). Opening hours, collection times and the
national pickup points marked <code>Synthetic</code> are generated; the sandbox's own page lists them as such.</p>
</main>
</body>
</html>
"#
    ))
}

#[cfg(test)]
mod tests {
    use crate::html::escape;

    #[test]
    fn a_host_header_cannot_write_markup() {
        assert_eq!(escape("x<script>\"'&"), "x&lt;script&gt;&quot;&#39;&amp;");
    }
}
