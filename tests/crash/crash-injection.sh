#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Crash injection: keeps a backlog of result files flowing into a share (the benchmark
# generator's realistic mix: card check-ins, 資格確認 results, 照会番号, bulk finals with 20-100
# units, 薬剤/特定健診, UTF-8 and CP932, plus the refused files of the fixtures' bad/ folder) and
# an insurance-number check now and then (answered by the terminal simulator), and kills the
# real onshi-exchanged with SIGKILL at random moments, starting it again each time.
#
# After every kill (engine dead): every delivered file that left the share has a committed
# onshi_received_file row with its name and SHA-256 (nothing removed before its commit).
# At the end (engine started once more, share drained, SIGTERM):
#   * no file is left on the share (res/, face/, req/); the engine exited cleanly;
#   * every delivered file has exactly one row, with its hash; no content recorded twice;
#   * per file: state, refusal and number of confirmation rows equal those of a reference import
#     of the same files without kills (onshi-exchanged --once on a fresh database);
#   * confirmations unique per (file_id, result_index); no job left pending or sent;
#   * the backlog was imported in groups (several files in one transaction) at least once.
# Prints the figures and "crash-injection: PASS" / "FAIL"; exit status 0 / 1 (2: setup error).
#
#   tests/crash/crash-injection.sh [--kills N] [--seed S] [--max-delay-ms M] [--keep]
#   (run from the build dir, or set BUILD; default 100 kills, the CI run; 1000 for the full one)
# Not part of `make check` (it takes minutes); .ci/run runs the 100-kill version.
set -u
# This script reads what the programs print: their messages in English (gettext's C locale
# ignores LANGUAGE), whatever the caller's locale.
LC_ALL=C; export LC_ALL; unset LANGUAGE

kills=100
seed=1
max_delay=1200
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --kills) kills=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --max-delay-ms) max_delay=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    *) echo "usage: $0 [--kills N] [--seed S] [--max-delay-ms M] [--keep]" >&2; exit 2 ;;
  esac
done
case $kills$seed$max_delay in *[!0-9]*) echo "$0: numbers expected" >&2; exit 2 ;; esac

ONSHI_SRCDIR=${ONSHI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export ONSHI_SRCDIR
BUILD=${BUILD:-$(pwd)}
export BUILD
ONSHI_FIXTURES=${ONSHI_FIXTURES:-$ONSHI_SRCDIR/../shared/fixtures/oqs}
export ONSHI_FIXTURES

# Re-run under a throw-away PostgreSQL (tests/pg/pg-tmp), once.
if [ -z "${ONSHI_CRASH_UNDER_PG:-}" ]; then
  ONSHI_CRASH_UNDER_PG=1 exec sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" run \
    sh "$0" --kills "$kills" --seed "$seed" --max-delay-ms "$max_delay" ${keep:+--keep}
fi

. "$ONSHI_SRCDIR/tests/e2e/e2e_lib.sh"
. "$ONSHI_SRCDIR/tests/crash/crash_lib.sh"
for b in "$ENGINE" "$ADMIN" "$SIM" "$BUILD/tests/bench/bench_codec" "$BUILD/tests/host/seed_host"; do
  [ -x "$b" ] || { echo "crash-injection: $b not built (make -j2 && make tests/bench/bench_codec)" >&2; exit 2; }
done

W=$(mktemp -d "${TMPDIR:-/tmp}/onshi-crash.XXXXXX")
SHARE=$W/share
POOL=$W/pool
ENGINE_PID=""
SIM_PID=""
cleanup() {
  for p in $ENGINE_PID $SIM_PID; do kill -KILL "$p" 2>/dev/null || true; done
  [ -n "$keep" ] && echo "kept $W" || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Private copies of the binaries: a rebuild in the build dir must not hit a kill cycle.
mkdir -p "$W/bin"
cp "$ENGINE" "$ADMIN" "$SIM" "$W/bin/"
ENGINE=$W/bin/$(basename "$ENGINE"); ADMIN=$W/bin/$(basename "$ADMIN"); SIM=$W/bin/$(basename "$SIM")
mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face" "$W/quarantine" "$W/stage" "$POOL" "$W/ref/res" \
  "$W/ref/face" "$W/ref/req"
fail=0
failure() { echo "  FAIL: $*"; fail=1; }

# --- files: generated mix + the refused fixtures, in a seeded random order ---------------------
nfiles=$(( kills * 3 + 50 ))
"$BUILD/tests/bench/bench_codec" --files "$nfiles" --seed "$seed" --write "$POOL" >/dev/null ||
  { echo "crash-injection: bench_codec --write failed" >&2; exit 2; }
# Bulk finals are 1% of the mix: add those of another 1,000 generated files (about 10), so that
# short runs have some too.
mkdir -p "$W/extra"
"$BUILD/tests/bench/bench_codec" --files 1000 --seed "$(( seed + 7919 ))" --write "$W/extra" >/dev/null ||
  { echo "crash-injection: bench_codec --write failed" >&2; exit 2; }
for f in "$W/extra"/OQSmuquc02res_*; do
  [ -e "$POOL/$(basename "$f")" ] || cp "$f" "$POOL/"
done
rm -rf "$W/extra"
for f in "$ONSHI_FIXTURES"/bad/OQS*; do
  [ -f "$f" ] && cp "$f" "$POOL/"
done
pool_manifest "$POOL" | awk -v seed="$seed" 'BEGIN { srand(seed) } { printf "%.9f %s\n", rand(), $0 }' |
  sort -k1,1 | cut -d' ' -f2- >"$W/pool.manifest"
: >"$W/delivered"

# --- database: reference host, migrations, seed; a template for the reference run --------------
make_host_template crash_template 40 || { echo "crash-injection: template failed" >&2; exit 2; }
# The generated answers stand for answers to requests the engine wrote (a share may be read by
# other programs too, and only those are ours): their request names are recorded as ours.
cut -d' ' -f1 "$W/pool.manifest" | grep -v '^OQSsiquc01res_face_' | sed 's/res_/req_/; s/\.pdf$/.xml/' |
  awk '{ printf "INSERT INTO onshi_request_name (hospnum, name) VALUES (1, $n$%s$n$) ON CONFLICT DO NOTHING;\n", $0 }' |
  psql -X -q -v ON_ERROR_STOP=1 -d crash_template >/dev/null ||
  { echo "crash-injection: recording request names failed" >&2; exit 2; }
createdb -T crash_template crash_ref
createdb -T crash_template crash_run
PGDATABASE=crash_run; export PGDATABASE
"$ADMIN" enable --hospnum 1 --institution-code 1312345678 --share "$SHARE" >/dev/null
write_engine_config "$W/engine.conf" "$W/quarantine" inotify
LOG=$W/engine.log
: >"$LOG"

"$SIM" run --share "$SHARE" --scenario "$SCENARIO" --delay-ms 100 --poll-ms 100 \
  >>"$W/sim.log" 2>&1 &
SIM_PID=$!

crash_plan "$seed" "$kills" "$max_delay" >"$W/plan"
patients="000101 000124 000102 000103"
exec 3<"$W/pool.manifest"
started=$(date +%s)
k=0
died=0
early=0
queued=0
while IFS=' ' read -r batch delay queue; do
  deliver "$batch"
  if [ "$queue" = 1 ]; then
    p=$(echo $patients | cut -d' ' -f$(( queued % 4 + 1 )))
    "$ADMIN" check --hospnum 1 --patient "$p" >/dev/null 2>&1 && queued=$(( queued + 1 ))
  fi
  "$ENGINE" --foreground --config "$W/engine.conf" >>"$LOG" 2>&1 &
  ENGINE_PID=$!
  sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
  if ! kill -0 "$ENGINE_PID" 2>/dev/null; then
    died=$(( died + 1 ))
    failure "kill $k: the engine exited on its own (see $LOG)"
  fi
  kill -KILL "$ENGINE_PID" 2>/dev/null
  wait "$ENGINE_PID" 2>/dev/null
  ENGINE_PID=""
  k=$(( k + 1 ))
  bad=$(check_no_early_removal)
  if [ -n "$bad" ]; then
    early=$(( early + $(printf '%s\n' "$bad" | wc -l) ))
    failure "after kill $k: removed from the share without a committed row: $(printf '%s' "$bad" | head -n 3 | tr '\n' ' ')"
  fi
  [ $(( k % 100 )) -eq 0 ] && echo "  $k kills, $(wc -l <"$W/delivered") files delivered, $(share_files | wc -l) on the share"
done <"$W/plan"
exec 3<&-
kill_secs=$(( $(date +%s) - started ))

# --- drain: one last engine, until the share is empty and no job waits -------------------------
start_engine "$W/engine.conf" "$LOG"
delivered=$(wc -l <"$W/delivered")
limit=$(( 60 + delivered / 10 ))
wait_until "$limit" '[ "$(share_files | wc -l)" = 0 ] && [ "$(files_in "$SHARE/req")" = 0 ] &&
  [ "$(sql "SELECT count(*) FROM onshi_job WHERE state IN ('"'"'pending'"'"', '"'"'sent'"'"')")" = 0 ]' ||
  failure "share not drained / jobs still waiting after $limit s"
stop_engine "$ENGINE_PID" || failure "the last engine did not stop cleanly (status $?)"
ENGINE_PID=""
kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null; SIM_PID=""

# --- reference: the same files imported once, without kills ------------------------------------
PGDATABASE=crash_ref "$ADMIN" enable --hospnum 1 --institution-code 1312345678 --share "$W/ref" \
  >/dev/null
write_engine_config "$W/ref.conf" "$W/ref-quarantine" inotify
sed -i 's/^not_ready_grace_ms = .*/not_ready_grace_ms = 0/' "$W/ref.conf"
while IFS=' ' read -r name sha; do
  case $name in OQSsiquc01res_face_*) d=face ;; *) d=res ;; esac
  cp "$POOL/$name" "$W/ref/$d/$name"
done <"$W/delivered"
PGDATABASE=crash_ref "$ENGINE" --once --config "$W/ref.conf" >"$W/ref.log" 2>&1 ||
  failure "reference import failed (see $W/ref.log)"
per_file="SELECT f.file_name || ' ' || encode(f.content_sha256, 'hex') || ' ' || f.state || ' ' ||
  coalesce(f.refusal, '-') || ' ' || (SELECT count(*) FROM onshi_confirmation c WHERE c.file_id = f.file_id)
  FROM onshi_received_file f WHERE f.job_id IS NULL"
PGDATABASE=crash_ref sql "$per_file" | sort >"$W/ref.files"
sql "$per_file" | sort >"$W/run.files"

# --- final checks --------------------------------------------------------------------------------
left=$(( $(share_files | wc -l) + $(files_in "$SHARE/req") ))
[ "$left" = 0 ] || failure "$left files left on the share"
tmp_left=$(find "$SHARE" -name '.*' -type f | wc -l)
sort "$W/delivered" >"$W/delivered.snap"
missing=$(awk '{ print $1 " " $2 }' "$W/run.files" | sort | comm -13 - "$W/delivered.snap" | wc -l)
[ "$missing" = 0 ] || failure "$missing delivered files have no row with their hash"
dup_names=$(sql "SELECT count(*) FROM (SELECT file_name FROM onshi_received_file GROUP BY 1 HAVING count(*) > 1) d")
dup_content=$(sql "SELECT count(*) FROM (SELECT content_sha256 FROM onshi_received_file GROUP BY 1 HAVING count(*) > 1) d")
dup_conf=$(sql "SELECT count(*) FROM (SELECT file_id, result_index FROM onshi_confirmation WHERE file_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d")
[ "$dup_names" = 0 ] || failure "$dup_names file names recorded more than once"
[ "$dup_content" = 0 ] || failure "$dup_content contents recorded more than once"
[ "$dup_conf" = 0 ] || failure "$dup_conf (file_id, result_index) pairs with more than one confirmation"
differ=$(diff "$W/ref.files" "$W/run.files" | grep -c '^[<>]')
[ "$differ" = 0 ] || { failure "$differ per-file lines differ from the reference import"; diff "$W/ref.files" "$W/run.files" | head -n 10; }
stuck=$(sql "SELECT count(*) FROM onshi_job WHERE state IN ('pending', 'sent')")
[ "$stuck" = 0 ] || failure "$stuck jobs stuck (pending or sent)"
jobs=$(sql "SELECT state || ':' || count(*) FROM onshi_job GROUP BY state ORDER BY 1" | tr '\n' ' ')
job_files=$(sql "SELECT count(*) FROM onshi_received_file WHERE job_id IS NOT NULL")
job_dup=$(sql "SELECT count(*) FROM (SELECT job_id FROM onshi_received_file WHERE job_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d")
[ "$job_dup" = 0 ] || failure "$job_dup jobs answered by more than one recorded file"
imported=$(sql "SELECT count(*) FROM onshi_received_file WHERE state = 'imported' AND job_id IS NULL")
refused=$(sql "SELECT count(*) FROM onshi_received_file WHERE state = 'refused'")
confs=$(sql "SELECT count(*) FROM onshi_confirmation")
bulk=$(grep -c '^OQSmuquc02res_' "$W/delivered")
kinds=$(sed 's/^\(OQSsiquc01res_face\)_.*/\1/; t; s/_.*//' "$W/delivered" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
dupe_logs=$(grep -c ONSHI-I-IMPORT-002 "$LOG")
# Files committed together: an imported row's imported_at is its transaction's start.
groups=$(sql "SELECT count(*) || ' ' || coalesce(sum(n), 0) FROM (SELECT count(*) AS n
  FROM onshi_received_file WHERE imported_at IS NOT NULL GROUP BY imported_at HAVING count(*) > 1) g")
[ "${groups%% *}" -gt 0 ] || failure "no two files were committed in one transaction (no groups ran)"

echo "crash-injection: seed $seed, $k SIGKILLs in $kill_secs s ($died exits on their own)"
echo "  files delivered: $delivered ($kinds); bulk finals: $bulk"
echo "  rows: $imported imported + $refused refused; confirmations: $confs; disposals after a" \
  "crash (IMPORT-002 lines): $dupe_logs"
echo "  transactions with several files: ${groups%% *} (${groups#* } imported files)"
echo "  insurance-number checks queued: $queued; jobs: $jobs; answer files recorded: $job_files"
echo "  early removals: $early; missing: $missing; duplicates: names $dup_names, contents" \
  "$dup_content, confirmations $dup_conf, job answers $job_dup; differing from the reference: $differ"
echo "  left on the share: $left; stuck jobs: $stuck; engine temp files left in the share: $tmp_left"
if [ "$fail" = 0 ]; then echo "crash-injection: PASS"; else echo "crash-injection: FAIL"; fi
exit "$fail"
