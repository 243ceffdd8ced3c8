//! `swisspost-sandbox`: the sandbox on its own, for trying the Swiss Post contract by hand.
//!
//! `SANDBOX_ADDR` (default 127.0.0.1:8090) sets where it listens; `SANDBOX_TOKEN_LIFETIME_SECS`,
//! `SANDBOX_LATENCY_MS`, `SANDBOX_ERROR_RATE` and `SANDBOX_OUTAGE` preset the fault knobs.

use std::net::SocketAddr;

use sandbox::{KnobSettings, SandboxConfig};

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
    };
    let sandbox = sandbox::spawn_on(SandboxConfig { knobs, ..SandboxConfig::default() }, addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!(
        "Swiss Post sandbox on {} (client id {:?}, secret {:?}); Ctrl-C stops it",
        sandbox.base_url(),
        sandbox::SANDBOX_CLIENT_ID,
        sandbox::SANDBOX_CLIENT_SECRET
    );
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    Ok(())
}
