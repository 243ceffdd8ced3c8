#!/usr/bin/env bash
# The repository stands alone: a shop developer's clone has no ../shared (the team's reference folder), so
# no code, script or test may read it. Two checks: no tracked file names a path into it (comments aside),
# and, when `npm test` runs with ../shared hidden (scripts/test.sh mounts an empty folder over it where it
# can), that it really is hidden for the rest of the run, so any test that reads it fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
found=$(git grep -n -I -E '\.\./shared|/shared/(fixtures|data)' -- \
  '*.rs' '*.sh' '*.mjs' '*.js' '*.ts' '*.toml' '*.json' '*.py' '*.html' ':!tests/repo/self-contained.sh' \
  | grep -v -E '^[^:]+:[0-9]+:\s*(//|#|\*)' || true)
if [ -n "$found" ]; then
  printf 'these lines read the shared folder beside the checkout, which a clone of the repository does not have; copy what they use into the repository with its provenance:\n%s\n' "$found" >&2
  exit 1
fi
shared=$(cd .. && pwd)/shared
if [ -n "${SWISS_CHECKOUT_SHARED_HIDDEN:-}" ]; then
  if [ -n "$(ls -A "$shared")" ]; then echo "$shared is not hidden" >&2; exit 1; fi
  echo "self-contained: no tracked file reads $shared, and this run cannot see it (an empty mount)"
elif [ -d "$shared" ]; then
  echo "self-contained: no tracked file reads $shared (not hidden for this run: only npm test hides it, where the machine allows a private mount namespace)"
else
  echo "self-contained: no tracked file reads a shared folder, and there is none beside this clone"
fi
