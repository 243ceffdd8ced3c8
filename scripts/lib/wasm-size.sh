# The compiler settings of every size-built wasm (the element bundles, bench/size-floor), written once: the
# standard library rebuilt with `-C panic=immediate-abort` (no panic messages or unwinding), no source paths
# for `#[track_caller]` locations (`-Z location-detail=none`; Leptos' reactive graph records them) and `Debug`
# formatting compiled to nothing (`-Z fmt-debug=none`; the widget never shows `{:?}`). Unstable flags on the
# pinned stable toolchain: RUSTC_BOOTSTRAP. Sourced by scripts/build-element.sh and bench/size-floor.sh.
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
# Cargo arguments of a size build: the standard library from source with the flags above.
WASM_SIZE_CARGO=(--target wasm32-unknown-unknown --profile wasm-release -Zbuild-std=std,panic_abort)
