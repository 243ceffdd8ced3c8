//! `swiss-checkout-demo`, what `npm start` runs: the proxy, and with no Swiss Post credentials the embedded
//! sandbox and the example shop's pages (Cargo feature `demo`).

#[tokio::main]
async fn main() -> std::process::ExitCode {
    proxy::run::main(proxy::run::Program::Demo).await
}
