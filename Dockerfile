# The proxy and the sandbox as an image, for compose.yaml. The proxy binary is the production one: it carries
# neither the sandbox's data nor the example shop's pages.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p swiss-checkout-proxy -p swisspost-sandbox

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/swiss-checkout-proxy /src/target/release/swisspost-sandbox /usr/local/bin/
USER nobody
