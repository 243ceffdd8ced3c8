//! `swiss-checkout-proxy`, the production binary: Swiss Post credentials, or it does not start. It carries
//! neither the sandbox nor the example shop (those are `swiss-checkout-demo`'s).

#[tokio::main]
async fn main() -> std::process::ExitCode {
    proxy::run::main(proxy::run::Program::Proxy).await
}
