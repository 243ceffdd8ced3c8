//! `swiss-checkout-demo`, what `npm start` runs: the proxy, and with no Swiss Post credentials the embedded
//! sandbox and the example shop's pages (Cargo feature `demo`).

/// See `mimalloc` in Cargo.toml: the hot path's small allocations, served from per-thread free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    proxy::run::main(proxy::run::Program::Demo).await
}
