//! `swiss-checkout-proxy`, the production binary: Swiss Post credentials, or it does not start. It carries
//! neither the sandbox nor the example shop (those are `swiss-checkout-demo`'s).

/// See `mimalloc` in Cargo.toml: the hot path's small allocations, served from per-thread free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    proxy::run::main(proxy::run::Program::Proxy).await
}
