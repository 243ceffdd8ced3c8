//! The demo (Cargo feature `demo`, the `swiss-checkout-demo` binary that `npm start` runs): with no Swiss
//! Post credentials the proxy starts the Swiss Post sandbox in-process, points its upstream at it, turns on
//! "Use my Swiss Post addresses" against it, and serves the example shop's pages (`echo`, `order`). The
//! production binary, `swiss-checkout-proxy`, is built without this module and its data.

pub mod echo;
pub mod order;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use sandbox::RunningSandbox;

use crate::config::{Config, ConnectorConfig, Credentials, Secret, Upstream};
use crate::{AppState, StartError};

/// Starts the sandbox on a free loopback port and points `config` at it; the credentials to use.
pub async fn start_sandbox(config: &mut Config) -> Result<(RunningSandbox, Vec<Credentials>), StartError> {
    let running = sandbox::spawn(sandbox::SandboxConfig::default()).await.map_err(StartError::Sandbox)?;
    // Only the URLs change; timeouts, breaker and key settings stay as configured.
    let local = Upstream::on_base(&running.base_url());
    config.upstream = Upstream {
        token_url: local.token_url,
        dcapi_base: local.dcapi_base,
        location_base: local.location_base,
        tracking_base: local.tracking_base,
        ..config.upstream.clone()
    };
    // The first thing the proxy says: nobody should mistake sample answers for Swiss Post's.
    tracing::warn!(
        sandbox = %running.base_url(),
        "SANDBOX MODE: no Swiss Post credentials configured (SWISS_CHECKOUT_CLIENT_ID, SWISS_CHECKOUT_CLIENT_SECRET); \
         answers come from the embedded Swiss Post sandbox, not from Swiss Post"
    );
    config.connector = Some(ConnectorConfig::on_sandbox(&running.base_url()));
    let credentials = vec![Credentials {
        client_id: sandbox::SANDBOX_CLIENT_ID.into(),
        client_secret: Secret::new(sandbox::SANDBOX_CLIENT_SECRET),
        expires: None,
    }];
    Ok((running, credentials))
}

/// The example shop's routes: the pages post here.
pub fn example_shop(app: Router<Arc<AppState>>) -> Router<Arc<AppState>> {
    app.route("/echo", post(echo::echo))
        .route("/order", post(order::order))
        .route("/order/{id}/{file}", get(order::label_file))
        .route("/order/clock", post(order::clock_ahead))
}

/// The embedded sandbox's sign-in sends the shopper back to the proxy's listener at `listening`: its callback
/// is registered there, exactly, now that the address is known.
pub fn register_callback(running: &RunningSandbox, state: &AppState, listening: SocketAddr) {
    if let Some(connector) = &state.connector
        && connector.redirect_uri().is_empty()
    {
        let uri = format!("http://{listening}{}", api::connector::CONNECTOR_CALLBACK_PATH);
        connector.set_redirect_uri(&uri);
        running.state().register_redirect_uri(sandbox::SANDBOX_CLIENT_ID, &uri);
    }
}
