//! What both binaries do: load the configuration (see `config.rs`), say whether the proxy runs against Swiss
//! Post or its sandbox, and serve until Ctrl-C or SIGTERM. `swiss-checkout-proxy` (production) refuses to
//! start without Swiss Post credentials; `swiss-checkout-demo` (feature `demo`) plays against the sandbox.

use std::process::ExitCode;

use crate::config::Config;

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutting down; finishing requests in flight");
}

/// Which binary runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// `swiss-checkout-proxy`: Swiss Post credentials or no start.
    Proxy,
    /// `swiss-checkout-demo`: the sandbox and the example shop when no credentials are set.
    Demo,
}

/// Runs `program` until Ctrl-C or SIGTERM.
pub async fn main(program: Program) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=warn")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            tracing::error!(%error, "configuration refused");
            return ExitCode::from(2);
        }
    };
    if program == Program::Proxy && config.sandbox_mode() {
        tracing::error!(error = %crate::StartError::NoCredentials, "cannot start");
        return ExitCode::from(2);
    }
    let proxy = match crate::build(config).await {
        Ok(proxy) => proxy,
        Err(error) => {
            tracing::error!(%error, "cannot start");
            return ExitCode::FAILURE;
        }
    };
    if !proxy.state.sandbox_mode {
        tracing::info!(token_url = %proxy.config.upstream.token_url, dcapi = %proxy.config.upstream.dcapi_base, "using Swiss Post");
    }
    let listener = match tokio::net::TcpListener::bind(proxy.config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%error, listen = %proxy.config.listen, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}/"),
        Err(_) => format!("http://{}/", proxy.config.listen),
    };
    tracing::info!("swiss-checkout listening on {url}");
    let operations = match proxy.config.operator_listen {
        None => None,
        Some(addr) => match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => {
                let addr = listener.local_addr().unwrap_or(addr);
                tracing::info!("operator routes (/metrics, /healthz, /readyz) on http://{addr}/");
                Some(listener)
            }
            // Metrics are not worth failing the checkout for: said loudly, and the shop's routes go on.
            Err(error) => {
                tracing::error!(%error, listen = %addr, "cannot listen for the operator routes; /metrics is not served");
                None
            }
        },
    };
    let listeners = crate::Listeners { app: listener, operations };
    match crate::serve(listeners, proxy, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server failed");
            ExitCode::FAILURE
        }
    }
}
