//! `swisspost-sandbox`: the sandbox on its own, for trying the Swiss Post contract by hand.
//!
//! `SANDBOX_ADDR` (default 127.0.0.1:8090) sets where it listens (port 0: any free one, printed);
//! `SANDBOX_TOKEN_LIFETIME_SECS`, `SANDBOX_LATENCY_MS`, `SANDBOX_ERROR_RATE` and `SANDBOX_OUTAGE` preset the
//! fault knobs; `SANDBOX_CLIENT_ID` and `SANDBOX_CLIENT_SECRET` replace the built-in client (for tests
//! that play a shop with credentials of its own).

use std::net::SocketAddr;

use sandbox::{Client, KnobSettings, SandboxConfig};

fn env<T: std::str::FromStr>(name: &str) -> Result<Option<T>, String> {
    match std::env::var(name) {
        Ok(value) => value.parse().map(Some).map_err(|_| format!("{name}={value:?} is not valid")),
        Err(_) => Ok(None),
    }
}

#[tokio::main]
async fn main() -> Result<(), String> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let addr: SocketAddr = env("SANDBOX_ADDR")?.unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8090)));
    let knobs = KnobSettings {
        latency_ms: env("SANDBOX_LATENCY_MS")?,
        error_rate: env("SANDBOX_ERROR_RATE")?,
        outage: env("SANDBOX_OUTAGE")?,
        token_lifetime_secs: env("SANDBOX_TOKEN_LIFETIME_SECS")?,
        fail_next: None,
        clock_ahead_minutes: env("SANDBOX_CLOCK_AHEAD_MINUTES")?,
    };
    let mut config = SandboxConfig { knobs, ..SandboxConfig::default() };
    let custom_client = match (std::env::var("SANDBOX_CLIENT_ID"), std::env::var("SANDBOX_CLIENT_SECRET")) {
        (Ok(id), Ok(secret)) => Some(Client { id, secret, ..Client::sandbox_default() }),
        _ => None,
    };
    let client_id = custom_client.as_ref().map_or(sandbox::SANDBOX_CLIENT_ID.to_owned(), |c| c.id.clone());
    if let Some(client) = custom_client {
        config.clients = vec![client];
    }
    let sandbox = sandbox::spawn_on(config, addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    // The built-in secret is public test data; a secret given in the environment is never printed.
    println!("Swiss Post sandbox on {} (client id {client_id:?}); Ctrl-C stops it", sandbox.base_url());
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    Ok(())
}
