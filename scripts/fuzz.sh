#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a while (default 10 s each, as in `npm test`; longer by hand:
# `bash scripts/fuzz.sh 600`, or one target: `bash scripts/fuzz.sh 600 name_matching`). A crash stops the
# run with the input saved under fuzz/artifacts/<target>/; make it a regression test beside the code.
# cargo-fuzz needs nightly-only rustc flags: RUSTC_BOOTSTRAP lets the pinned stable toolchain take them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
export RUSTC_BOOTSTRAP=1
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
cargo fuzz build --fuzz-dir fuzz --target-dir target/fuzz -O
for target in "${targets[@]}"; do
  mkdir -p "target/fuzz/corpus/$target"
  printf '%-16s ' "$target"
  log="target/fuzz/$target.log"
  status=0
  cargo fuzz run --fuzz-dir fuzz --target-dir target/fuzz -O "$target" "target/fuzz/corpus/$target" \
    -- -max_total_time="$seconds" -print_final_stats=1 > "$log" 2>&1 || status=$?
  grep -E '^stat::number_of_executed_units' "$log" | sed 's/stat::number_of_executed_units: */runs: /' || true
  if [ "$status" -ne 0 ]; then
    grep -E -A3 'panicked|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
    echo "fuzz target $target failed; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
