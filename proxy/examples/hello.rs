//! A bare axum server answering "hello" on `PORT` (default 8099): the baseline that `bench/load.sh`
//! measures the proxy against, on the same machine and in the same run.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8099);
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "hello" }));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("hello listening on http://{}/", listener.local_addr()?);
    axum::serve(listener, app).await
}
