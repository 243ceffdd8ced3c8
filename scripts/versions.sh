# Pinned tool versions, in one place. The wasm-bindgen pin must also equal `wasm-bindgen = "=…"` in
# Cargo.toml and `[tools] wasm_bindgen` in Trunk.toml; scripts/setup.sh checks that they agree.
WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=version_132   # from the npm package binaryen@132.0.0 (package.json)
SCHEMATHESIS_VERSION=4.32.5      # PyPI, in .venv: property-based tests of /openapi.json
CARGO_FUZZ_VERSION=0.13.2        # crates.io: the fuzz targets in fuzz/
WASM_SPLIT_VERSION=0.2.4         # crates.io wasm_split_cli_support: splits the pickup part off the element's wasm
