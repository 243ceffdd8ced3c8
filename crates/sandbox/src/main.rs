//! `swisspost-sandbox`: the sandbox on its own, for this project's proxy or any other Swiss Post client
//! (`cargo install --path crates/sandbox`). Its page, `/`, lists every module with the base URL to configure
//! in place of each live host, the test credentials and scopes, and the knobs.
//!
//! Flags (each also an environment variable, the flag wins):
//! `--addr HOST:PORT` (`SANDBOX_ADDR`, default 127.0.0.1:8090; port 0: any free one, printed),
//! `--data DIR` (`SANDBOX_DATA`: a folder whose files replace the built-in data files of the same names, e.g. a
//! newer `swisspost_access_points_stgallen.csv` export; see `sandbox::data`),
//! `--clock-ahead-minutes N` (`SANDBOX_CLOCK_AHEAD_MINUTES`: the sandbox's clock, which tracking, pick@home and
//! the location service's opening states read),
//! `--latency-ms N`, `--error-rate R`, `--outage true|false`, `--token-lifetime-secs N` (the fault knobs,
//! `SANDBOX_LATENCY_MS`…),
//! `--redirect-uri URL` (`SANDBOX_REDIRECT_URI`, several separated by spaces; the flag may be repeated): the
//! Login Post Connector's registered redirect URIs of the client, compared exactly, each an absolute `http` or
//! `https` URL without a fragment; `SANDBOX_CLIENT_ID` and `SANDBOX_CLIENT_SECRET` replace the built-in client (a
//! secret stays out of the command line). The Swiss data is built into the binary unless `--data` says.

use std::net::SocketAddr;
use std::path::PathBuf;

use sandbox::data::DataFiles;
use sandbox::{Client, KnobSettings, SandboxConfig};

const USAGE: &str = "usage: swisspost-sandbox [--addr HOST:PORT] [--data DIR] [--clock-ahead-minutes N] \
[--latency-ms N] [--error-rate R] [--outage true|false] [--token-lifetime-secs N] [--redirect-uri URL]...";

/// The value of `--flag` on the command line, else of the environment variable `name`.
fn setting<T: std::str::FromStr>(args: &[String], flag: &str, name: &str) -> Result<Option<T>, String> {
    let from_args =
        args.iter().position(|a| a == flag).map(|i| args.get(i + 1).cloned().ok_or(format!("{flag} needs a value")));
    let value = match from_args {
        Some(value) => Some(value?),
        None => std::env::var(name).ok(),
    };
    value.map(|v| v.parse().map_err(|_| format!("{flag} {v:?} is not valid"))).transpose()
}

/// Every `--redirect-uri URL`, else the space-separated `SANDBOX_REDIRECT_URI`; each must be an absolute
/// `http(s)` URL without a fragment (RFC 6749 §3.1.2).
fn redirect_uris(args: &[String]) -> Result<Vec<String>, String> {
    let mut uris = Vec::new();
    for (i, arg) in args.iter().enumerate().filter(|(_, a)| *a == "--redirect-uri") {
        uris.push(args.get(i + 1).cloned().ok_or(format!("{arg} needs a value"))?);
    }
    if uris.is_empty() {
        uris =
            std::env::var("SANDBOX_REDIRECT_URI").unwrap_or_default().split_whitespace().map(str::to_owned).collect();
    }
    for uri in &uris {
        let scheme_ok = uri.starts_with("http://") || uri.starts_with("https://");
        if !scheme_ok || uri.contains('#') || uri.chars().any(char::is_whitespace) {
            return Err(format!("--redirect-uri {uri:?}: not an absolute http(s) URL without a fragment"));
        }
    }
    Ok(uris)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    const FLAGS: [&str; 8] = [
        "--addr",
        "--data",
        "--clock-ahead-minutes",
        "--latency-ms",
        "--error-rate",
        "--outage",
        "--token-lifetime-secs",
        "--redirect-uri",
    ];
    if let Some(unknown) = args.iter().step_by(2).find(|a| !FLAGS.contains(&a.as_str())) {
        return Err(format!("unknown argument {unknown:?}\n{USAGE}"));
    }
    let addr: SocketAddr =
        setting(&args, "--addr", "SANDBOX_ADDR")?.unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8090)));
    let knobs = KnobSettings {
        latency_ms: setting(&args, "--latency-ms", "SANDBOX_LATENCY_MS")?,
        error_rate: setting(&args, "--error-rate", "SANDBOX_ERROR_RATE")?,
        outage: setting(&args, "--outage", "SANDBOX_OUTAGE")?,
        token_lifetime_secs: setting(&args, "--token-lifetime-secs", "SANDBOX_TOKEN_LIFETIME_SECS")?,
        fail_next: None,
        clock_ahead_minutes: setting(&args, "--clock-ahead-minutes", "SANDBOX_CLOCK_AHEAD_MINUTES")?,
        hold_made_ms: None,
    };
    let data_dir: Option<PathBuf> = setting(&args, "--data", "SANDBOX_DATA")?;
    if let Some(dir) = data_dir.as_ref().filter(|dir| !dir.is_dir()) {
        return Err(format!("--data {}: not a folder", dir.display()));
    }
    let data = DataFiles { dir: data_dir };
    let mut config = SandboxConfig { knobs, data, ..SandboxConfig::default() };
    let custom_client = match (std::env::var("SANDBOX_CLIENT_ID"), std::env::var("SANDBOX_CLIENT_SECRET")) {
        (Ok(id), Ok(secret)) => Some(Client { id, secret, ..Client::sandbox_default() }),
        _ => None,
    };
    let client_id = custom_client.as_ref().map_or(sandbox::SANDBOX_CLIENT_ID.to_owned(), |c| c.id.clone());
    if let Some(client) = custom_client {
        config.clients = vec![client];
    }
    let redirect_uris = redirect_uris(&args)?;
    let sandbox = sandbox::spawn_on(config, addr).await.map_err(|e| format!("cannot start on {addr}: {e}"))?;
    for uri in &redirect_uris {
        sandbox.register_redirect_uri(&client_id, uri);
    }
    // The built-in secret is public test data; a secret given in the environment is never printed.
    println!("Swiss Post sandbox on {} (client id {client_id:?}); Ctrl-C stops it", sandbox.base_url());
    if !redirect_uris.is_empty() {
        println!("Login Post Connector redirect URIs: {}", redirect_uris.join(" "));
    }
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    Ok(())
}
