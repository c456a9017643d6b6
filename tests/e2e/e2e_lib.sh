# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Shell helpers shared by the end-to-end tests and the front-desk demo (sourced, not run).
# Needs: BUILD (build dir), ONSHI_SRCDIR, PG* pointing at the server.

ADMIN="${ONSHI_ADMIN_BIN:-$BUILD/plugin/admin/onshi-admin}"
SIM="${ONSHI_SIM_BIN:-$BUILD/plugin/sim/onshi-terminal-sim}"
ENGINE="${ONSHI_EXCHANGED_BIN:-$BUILD/plugin/daemon/onshi-exchanged}"
SCENARIO="$ONSHI_SRCDIR/tests/sim/scenario-demo.json"

# sql QUERY: one value (or rows, |-separated) from the current database.
sql() { psql -X -Atq -v ON_ERROR_STOP=1 -c "$1"; }

# wait_until SECONDS SHELL-CONDITION: polls every 0.1 s; status 1 on timeout (never hangs).
wait_until() {
  _limit=$(( $1 * 10 )); shift
  _i=0
  while ! eval "$@" >/dev/null 2>&1; do
    _i=$(( _i + 1 ))
    [ "$_i" -lt "$_limit" ] || return 1
    sleep 0.1
  done
  return 0
}

# files_in DIR: number of visible files in DIR.
files_in() { find "$1" -maxdepth 1 -type f ! -name '.*' | wc -l | tr -d ' '; }

# make_host_template NAME PATIENTS: a database with the reference host, migrations and the seed.
make_host_template() {
  createdb "$1"
  PGDATABASE=$1 psql -X -q -v ON_ERROR_STOP=1 -f "$ONSHI_SRCDIR/tests/host/reference_host_schema.sql"
  PGDATABASE=$1 "$ADMIN" migrate >/dev/null
  "$BUILD/tests/host/seed_host" --seed 1 --patients "$2" --data-dir "$ONSHI_SRCDIR/tests/host" \
    2>/dev/null | PGDATABASE=$1 psql -X -q -v ON_ERROR_STOP=1 >/dev/null
}

# write_engine_config FILE QUARANTINE BACKEND [EXTRA LINES]: a fast-reacting engine config.
write_engine_config() {
  {
    echo "watch_backend = $3"
    echo "poll_interval_ms = 200"
    echo "settle_ms = 100"
    echo "recheck_ms = 200"
    echo "not_ready_grace_ms = 500"
    echo "queue_interval_ms = 200"
    echo "db_retry_ms = 500"
    echo "quarantine_dir = $2"
    # E2E_LOG_LEVEL: the privacy scan (tests/faults) runs the cases with debug logging.
    [ -z "${E2E_LOG_LEVEL:-}" ] || echo "log_level = $E2E_LOG_LEVEL"
    [ $# -lt 4 ] || printf '%s\n' "$4"
  } >"$1"
}

# start_engine CONFIG LOG: starts onshi-exchanged in the background; sets ENGINE_PID. Waits
# until it logged "ready" (bounded).
start_engine() {
  "$ENGINE" --foreground --config "$1" >>"$2" 2>&1 &
  ENGINE_PID=$!
  wait_until 20 "grep -q ONSHI-I-ENGINE-002 '$2' || ! kill -0 $ENGINE_PID"
}

# stop_engine PID: SIGTERM, bounded wait; status = the engine's exit status (124 on timeout).
stop_engine() {
  kill -TERM "$1" 2>/dev/null || return 0
  _i=0
  while kill -0 "$1" 2>/dev/null; do
    _i=$(( _i + 1 ))
    if [ "$_i" -gt 100 ]; then kill -KILL "$1" 2>/dev/null; wait "$1" 2>/dev/null; return 124; fi
    sleep 0.1
  done
  _st=0
  wait "$1" 2>/dev/null || _st=$?
  return "$_st"
}

# checkin SHARE PERSON [TIME] [SCENARIO]: a card check-in written by the simulator; prints its path.
checkin() {
  if [ -n "${3:-}" ]; then
    "$SIM" checkin --share "$1" --scenario "${4:-$SCENARIO}" --person "$2" --time "$3" \
      2>>"${SIM_LOG:-/dev/null}"
  else
    "$SIM" checkin --share "$1" --scenario "${4:-$SCENARIO}" --person "$2" 2>>"${SIM_LOG:-/dev/null}"
  fi
}

# other_institution_scenario FILE: the demo scenario as another clinic's terminal would answer.
other_institution_scenario() {
  sed 's/"institution_code": "1312345678"/"institution_code": "2712345671"/' "$SCENARIO" >"$1"
}
