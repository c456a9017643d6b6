#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# PostgreSQL stopped for a while (default 60 s) and started again while files keep arriving
# (slow, so run by .ci/run, not by make check). Asserts: no file lost (every delivered
# file imported once, the share drained), automatic recovery, exactly one "down" line
# (ONSHI-E-DB-001; its reminder after 60 s is counted apart) and one "recovered" line
# (ONSHI-I-DB-002) for the outage, not a flood.
#   tests/faults/pg_outage.sh [SECONDS]   (run from the build dir, or set BUILD)
set -u
# This script reads what the programs print: their messages in English (gettext's C locale
# ignores LANGUAGE), whatever the caller's locale.
LC_ALL=C; export LC_ALL; unset LANGUAGE
outage=${1:-60}
ONSHI_SRCDIR=${ONSHI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export ONSHI_SRCDIR
BUILD=${BUILD:-$(pwd)}
export BUILD
if [ -z "${ONSHI_OUTAGE_UNDER_PG:-}" ]; then
  ONSHI_OUTAGE_UNDER_PG=1 exec sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" run sh "$0" "$outage"
fi
. "$ONSHI_SRCDIR/tests/e2e/e2e_lib.sh"

find_pg_ctl() {
  command -v pg_ctl 2>/dev/null && return 0
  ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -t/ -k5 -n -r | head -n 1
}
PG_CTL=$(find_pg_ctl)
[ -n "$PG_CTL" ] || { echo "pg_outage: pg_ctl not found" >&2; exit 2; }
owner=$(stat -c %U "$PGHOST/data")
as_owner() {
  if [ "$(id -un)" = "$owner" ]; then "$@"; else (cd / && runuser -u "$owner" -- "$@"); fi
}

W=$(mktemp -d "${TMPDIR:-/tmp}/onshi-outage.XXXXXX")
SHARE=$W/share
ENGINE_PID=""
trap '[ -n "$ENGINE_PID" ] && kill -KILL "$ENGINE_PID" 2>/dev/null; rm -rf "$W"' EXIT
mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face" "$W/quarantine"
make_host_template outage 40 >/dev/null || { echo "pg_outage: template failed" >&2; exit 2; }
PGDATABASE=outage; export PGDATABASE
"$ADMIN" enable --hospnum 1 --institution-code 1312345678 --share "$SHARE" >/dev/null
write_engine_config "$W/engine.conf" "$W/quarantine" inotify
LOG=$W/engine.log
fail=0
failure() { echo "  FAIL: $*"; fail=1; }

start_engine "$W/engine.conf" "$LOG"
people="taro kenichi goro jiro hanako saburo nanami kazumi matsuko umeko"
n=0
send() {  # send COUNT: check-ins with distinct times
  _c=$1
  while [ "$_c" -gt 0 ]; do
    p=$(echo $people | cut -d' ' -f$(( n % 10 + 1 )))
    checkin "$SHARE" "$p" "$(printf "20250612%02d%02d%02d" 11 $(( n / 60 )) $(( n % 60 )))" >/dev/null
    n=$(( n + 1 )); _c=$(( _c - 1 ))
  done
}
send 5
wait_until 20 '[ "$(files_in "$SHARE/face")" = 0 ]' || failure "first files not imported"
as_owner "$PG_CTL" -D "$PGHOST/data" -m fast -w -t 30 stop >/dev/null || { echo "pg_outage: stop failed" >&2; exit 2; }
down_at=$(date +%s)
# Files keep arriving while the server is down: one every 2 s.
while [ $(( $(date +%s) - down_at )) -lt "$outage" ]; do
  send 1
  sleep 2
done
during=$(( n - 5 ))
waiting=$(files_in "$SHARE/face")
as_owner "$PG_CTL" -D "$PGHOST/data" -l "$PGHOST/server.log" -w -t 60 start >/dev/null ||
  { echo "pg_outage: restart failed" >&2; exit 2; }
send 5
wait_until 60 '[ "$(files_in "$SHARE/face")" = 0 ]' || failure "share not drained after the restart"
wait_until 10 '[ "$(sql "SELECT count(*) FROM onshi_received_file WHERE state = '"'"'imported'"'"'")" = "$n" ]' ||
  failure "imported $(sql "SELECT count(*) FROM onshi_received_file WHERE state = 'imported'") of $n"
dups=$(sql "SELECT count(*) FROM (SELECT file_name FROM onshi_received_file GROUP BY 1 HAVING count(*) > 1) d")
[ "$dups" = 0 ] || failure "$dups files recorded twice"
kill -0 "$ENGINE_PID" 2>/dev/null || failure "the engine did not survive the outage"
stop_engine "$ENGINE_PID" || failure "the engine did not stop cleanly"
ENGINE_PID=""
# A complaint repeats after 60 s, then at doubling intervals ("still failing; N times since last
# report", log::Complaint): a reminder is not a second outage.
down=$(grep ONSHI-E-DB-001 "$LOG" | grep -vc 'still failing')
reminders=$(grep ONSHI-E-DB-001 "$LOG" | grep -c 'still failing')
up=$(grep -c ONSHI-I-DB-002 "$LOG")
other_errors=$(grep -c '^ERROR' "$LOG")
[ "$down" = 1 ] || failure "$down ONSHI-E-DB-001 lines (want 1)"
[ "$up" = 1 ] || failure "$up ONSHI-I-DB-002 lines (want 1)"
echo "pg_outage: server down ${outage} s; $n files ($during delivered during the outage, $waiting" \
  "waiting on the share at the restart); imported $(sql "SELECT count(*) FROM onshi_received_file")," \
  "duplicates $dups; log: $down E-DB-001 (+$reminders reminder), $up I-DB-002, $other_errors ERROR lines in total," \
  "$(wc -l <"$LOG") lines"
grep -E 'DB-00[12]|^ERROR' "$LOG" | cut -c1-160 | sed 's/^/  | /' | head -n 8
if [ "$fail" = 0 ]; then echo "pg_outage: PASS"; else echo "pg_outage: FAIL"; fi
exit "$fail"
