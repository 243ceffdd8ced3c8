# Progress for the setup and build steps of `npm start` and `npm test` (sourced, not run).
#
# One line per step: what it does, how long it usually takes, how long it has been running. The step's own
# output (compiler lines and the like) goes to target/logs/<step>.log and is shown only when the step fails,
# then in full. On a terminal the line counts up every second; elsewhere (CI, a pipe) it is printed when the
# step starts, every 30 s while it runs, and when it ends.
#
#   step "installing wasm-bindgen-cli 0.2.130" "about 2 min the first time" -- cargo install …
#   step_start proxy "building the proxy" "about 3 min the first time" -- cargo build …   # in the background
#   step_wait proxy
#
# A failing step prints its log and exits the script with the step's status.

STEPS_LOG_DIR=${STEPS_LOG_DIR:-target/logs}
declare -A _step_pid _step_title _step_usual _step_log _step_start

_steps_on_terminal() { [ -t 1 ] && [ -z "${CI:-}" ]; }

# 83 → "1m23s".
steps_duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# step_start ID TITLE USUAL -- COMMAND…: runs COMMAND in the background, its output in the step's log.
step_start() {
  local id=$1 title=$2 usual=$3
  shift 3
  [ "${1:-}" = -- ] && shift
  mkdir -p "$STEPS_LOG_DIR"
  local log="$STEPS_LOG_DIR/$id.log"
  rm -f "$log.ended"
  # The time it ended, for a step that finished in the background long before it is waited for.
  # (A trap, not `|| status=$?`, so that `set -e` still stops a failing function at its failing line.)
  { trap 'date +%s >"$log.ended"' EXIT; "$@" >"$log" 2>&1 </dev/null; } &
  _step_pid[$id]=$!
  _step_title[$id]=$title
  _step_usual[$id]=$usual
  _step_log[$id]=$log
  _step_start[$id]=$(date +%s)
  _steps_on_terminal || printf '  … %s (%s)\n' "$title" "$usual"
}

# step_wait ID: waits for the step, showing its progress; on failure prints its log and exits.
step_wait() {
  local id=$1 pid=${_step_pid[$1]} title=${_step_title[$1]} usual=${_step_usual[$1]} log=${_step_log[$1]}
  local started=${_step_start[$1]} last_beat=$SECONDS status=0 took
  while kill -0 "$pid" 2>/dev/null; do
    if _steps_on_terminal; then
      printf '\r\033[K  … %s (%s): %s' "$title" "$usual" "$(steps_duration $(($(date +%s) - started)))"
    elif [ $((SECONDS - last_beat)) -ge 30 ]; then
      printf '    still %s: %s\n' "$title" "$(steps_duration $(($(date +%s) - started)))"
      last_beat=$SECONDS
    fi
    sleep 1
  done
  wait "$pid" || status=$?
  _steps_on_terminal && printf '\r\033[K'
  took=$(steps_duration $(($(cat "$log.ended" 2>/dev/null || date +%s) - started)))
  rm -f "$log.ended"
  if [ "$status" -ne 0 ]; then
    printf '  ✗ %s failed after %s; its output (%s):\n' "$title" "$took" "$log"
    cat "$log"
    exit "$status"
  fi
  printf '  ✓ %s: %s\n' "$title" "$took"
}

# step TITLE USUAL -- COMMAND…: one step in the foreground.
step() {
  local title=$1
  local id
  id=$(printf '%s' "$title" | tr -cs 'A-Za-z0-9.' '-' | cut -c1-60)
  step_start "$id" "$@"
  step_wait "$id"
}

# steps_heading TEXT: a heading between groups of steps.
steps_heading() { printf '\033[1m%s\033[0m\n' "$*"; }
