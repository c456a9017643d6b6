#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# The programs built for Windows (`make windows-programs`: windows/bin/onshi-terminal-sim.exe,
# onshi-admin.exe, libpq.dll) run under wine, in the wine prefix of the build tree, against the
# Linux programs of the same build (README "Windows side"):
#   sim_answers_request   the Windows simulator answers a fixture request into a share folder;
#                         the answer is byte for byte the one the Linux simulator writes (but
#                         for the times it takes from the clock) and inspect accepts it
#   inspect_same_json     onshi-admin.exe inspect prints the lines and exit status of the Linux
#                         onshi-admin inspect for every file of the fixture corpus
#   admin_over_tcp        onshi-admin.exe migrate and status on a throw-away PostgreSQL over
#                         127.0.0.1 (tests/pg/pg-tmp with ONSHI_PG_TCP=yes); status as on Linux
#                         but for its first line (the connection)
#   engine_imports_once   onshi-exchanged.exe --once (over 127.0.0.1) imports two card check-ins
#                         the Linux simulator wrote into a share folder, and removes them, and
#                         writes its request into req/; the Linux simulator answers it; a second
#                         run imports the answer, and the same check-ins delivered again add
#                         nothing
#   engine_checks_insurance  onshi-admin.exe check queues an insurance-number check; the engine
#                         (--once) writes the request, the Linux simulator answers, the engine
#                         imports the answer: job answered, result linked to the patient
#   engine_quarantines    two refused files (one read-only) moved to the quarantine (a Z: path)
#                         byte for byte, their refusals and copies' paths recorded, nothing left
#   release_zip           make dist-windows; from the unpacked zip alone: --check-config of its
#                         configuration, inspect of a fixture; every file there, CR/LF texts
#   engine_watches_share  onshi-exchanged.exe running under wine (ReadDirectoryChangesW), the Linux
#                         simulator answering on the same folder: two check-ins and the answer to
#                         the engine's request imported once; Ctrl+C (SIGINT) stops it cleanly
#   service_refusals      --install-service / --uninstall-service: refusals (absent: 66, twice:
#                         73, no or a relative --config: 64, a bad configuration: 78), the
#                         service and its event source registered and removed; --service from a
#                         console: 64
#   service_runs_engine   the engine installed as a service, started with sc start (wine's
#                         services.exe), RUNNING once ready, a check-in imported over 127.0.0.1,
#                         sc stop: ONSHI-I-ENGINE-004 and STOPPED with exit code 0; log_file holds
#                         stamped lines with the message IDs; uninstalled
#   service_waits_for_database  the database down: START_PENDING, RUNNING after the start wait
#                         (30 s; else it could not be stopped), ONSHI-E-DB-001, sc stop stops it
#   event_log_lines       syslog = yes: every line also an event (wine has no event log: its
#                         ReportEventW prints the events on its debug channel eventlog)
#   messages_in_japanese  the catalogs beside the programs: LANGUAGE=ja gives onshi-admin.exe's
#                         usage as the Linux program prints it, onshi-exchanged.exe's in Japanese
# Usage: sh tests/windows/run_windows_programs.sh [CASE...]
# make check runs it; it builds the programs first only after ./configure --enable-windows-tests
# and once windows/build-deps.sh has filled windows/deps. Exit 77 (SKIP) with the reason otherwise.
set -u
builddir=$(cd "${ONSHI_BUILDDIR:-.}" && pwd)
srcdir=$(cd "${ONSHI_SRCDIR:-.}" && pwd)
fixtures=${ONSHI_FIXTURES:-$srcdir/../shared/fixtures/oqs}
deps=${WINDOWS_DEPS:-$builddir/windows/deps}
bin=$builddir/windows/bin
if [ "${ONSHI_WINDOWS_TESTS:-yes}" = no ]; then
  echo "SKIP: Windows programs under wine: they need ./configure --enable-windows-tests (or =auto)" \
    "with x86_64-w64-mingw32-g++-posix and wine64, and windows/build-deps.sh run once"
  exit 77
fi
if [ ! -f "$bin/onshi-terminal-sim.exe" ] || [ ! -f "$bin/onshi-admin.exe" ]; then
  if [ ! -f "$deps/lib/libpq.a" ]; then
    echo "SKIP: Windows programs not built: no Windows libraries in $deps (sh windows/build-deps.sh" \
      "builds them, 12-25 min; README \"Windows side\")"
  else
    echo "SKIP: Windows programs not built: they need ./configure --enable-windows-tests (make" \
      "check then builds them) or make windows-programs"
  fi
  exit 77
fi
wine=""
for w in wine64 wine /usr/lib/wine/wine64; do
  if command -v "$w" >/dev/null 2>&1; then
    wine=$(command -v "$w")
    break
  fi
done
if [ -z "$wine" ]; then
  echo "SKIP: Windows programs: no wine64 or wine to run them (Debian package wine64)"
  exit 77
fi
linux_admin=${ONSHI_ADMIN:-$builddir/plugin/admin/onshi-admin}
linux_sim=$builddir/plugin/sim/onshi-terminal-sim
# The prefix of the watcher tests (made on the first run, about 20 s), no debug output, no
# Mono/Gecko installer prompts; wine's own lines go to a log.
WINEPREFIX=$builddir/tests/windows/wineprefix
WINEDEBUG=-all
WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES
# The Linux programs compared against speak English, and so do the Windows ones in the C locale.
LC_ALL=C
export LC_ALL
winelog=$builddir/tests/windows/wine-programs.log
: >"$winelog"
work=$builddir/tests/windows/programs-work
rm -rf "$work"
mkdir -p "$work"

# win EXE ARGS...: a Windows program under wine, without the PG* variables of a unix-socket
# server (the Windows libpq is given host=127.0.0.1 instead); its stderr to $work/stderr, \r
# (text-mode line ends) stripped from stdout.
win() {
  exe=$1
  shift
  env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE "$wine" "$bin/$exe" "$@" \
    >"$work/stdout.raw" 2>"$work/stderr"
  win_rc=$?
  tr -d '\r' <"$work/stdout.raw"
  return $win_rc
}
# The Windows view of a path of this machine (wine's drive Z: is /).
zpath() { printf 'Z:%s' "$1"; }

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL $1: $2"
  [ -s "$work/stderr" ] && sed 's/^/  stderr: /' "$work/stderr" | head -n 10
}

# A simulator's answer with the times it took from the clock (today's yyyyMMddHHmmss) as NOW:
# the two simulators run a second or so apart.
answer_bytes() {
  today=$(date +%Y%m%d)
  yesterday=$(date -d yesterday +%Y%m%d 2>/dev/null || echo "$today")
  sed "s/>\($today\|$yesterday\)[0-9]\{6\}</>NOW</g" "$1"
}

case_sim_answers_request() {
  req=OQSsiquc01req_202506120001.xml
  for side in linux windows; do
    mkdir -p "$work/share-$side/req" "$work/share-$side/res" "$work/share-$side/face"
    cp "$fixtures/req/$req" "$work/share-$side/req/"
    # (the corpus is read-only; Windows never removes a read-only file, Linux does)
    chmod u+w "$work/share-$side/req/$req"
  done
  "$linux_sim" run --share "$work/share-linux" --scenario "$srcdir/tests/sim/scenario-demo.json" \
    --once --delay-ms 0 2>/dev/null
  win onshi-terminal-sim.exe run --share "$(zpath "$work/share-windows")" \
    --scenario "$(zpath "$srcdir/tests/sim/scenario-demo.json")" --once --delay-ms 0 >/dev/null
  rc=$?
  answer=$(cd "$work/share-windows/res" && ls)
  expected=$(cd "$work/share-linux/res" && ls)
  if [ $rc -ne 0 ]; then
    fail sim_answers_request "exit $rc"
  elif [ -z "$answer" ] || [ "$answer" != "$expected" ]; then
    fail sim_answers_request "res/ holds \"$answer\", the Linux simulator wrote \"$expected\""
  elif [ -e "$work/share-windows/req/$req" ]; then
    fail sim_answers_request "the request is still in req/"
  elif ! answer_bytes "$work/share-windows/res/$answer" >"$work/answer-windows.xml" ||
    ! answer_bytes "$work/share-linux/res/$expected" >"$work/answer-linux.xml" ||
    ! cmp -s "$work/answer-linux.xml" "$work/answer-windows.xml"; then
    fail sim_answers_request "res/$answer differs from the Linux simulator's (but for the times):"
    diff "$work/answer-linux.xml" "$work/answer-windows.xml" | head -n 6
  elif ! "$linux_admin" inspect "$work/share-windows/res/$answer" >/dev/null 2>&1; then
    fail sim_answers_request "onshi-admin inspect refuses res/$answer"
  else
    ok "sim_answers_request ($req -> res/$answer)"
  fi
}

case_inspect_same_json() {
  # Relative names, so that "file" is the same on both sides.
  files=$(cd "$fixtures" && ls req/* res/* face/* bad/* 2>/dev/null)
  n=$(printf '%s\n' "$files" | wc -l | tr -d ' ')
  # shellcheck disable=SC2086
  (cd "$fixtures" && "$linux_admin" inspect $files >"$work/inspect-linux.json" 2>/dev/null)
  linux_rc=$?
  # shellcheck disable=SC2086
  cd "$fixtures" && win onshi-admin.exe inspect $files >"$work/inspect-windows.json"
  win_rc=$?
  cd "$builddir" || return
  lines=$(wc -l <"$work/inspect-linux.json" | tr -d ' ')
  if [ "$lines" -lt "$n" ]; then
    fail inspect_same_json "the Linux onshi-admin printed $lines lines for $n files"
  elif ! cmp -s "$work/inspect-linux.json" "$work/inspect-windows.json"; then
    fail inspect_same_json "the lines differ (diff $work/inspect-linux.json $work/inspect-windows.json):"
    diff "$work/inspect-linux.json" "$work/inspect-windows.json" | head -n 6
  elif [ "$win_rc" != "$linux_rc" ]; then
    fail inspect_same_json "exit status $win_rc, on Linux $linux_rc"
  else
    ok "inspect_same_json ($n files, $lines identical lines, exit status $win_rc on both)"
  fi
}

case_admin_over_tcp() {
  if ! env=$(ONSHI_PG_TCP=yes sh "$srcdir/tests/pg/pg-tmp" start 2>"$work/stderr"); then
    fail admin_over_tcp "no PostgreSQL (tests/pg/pg-tmp)"
    return
  fi
  eval "$env"
  pgdir=$PGHOST
  createdb onshi_win &&
    PGDATABASE=onshi_win psql -X -q -v ON_ERROR_STOP=1 \
      -f "$srcdir/tests/host/reference_host_schema.sql" >/dev/null 2>&1
  conninfo="host=127.0.0.1 port=$PGPORT user=postgres dbname=onshi_win sslmode=disable"
  win onshi-admin.exe migrate --dbname "$conninfo" >"$work/migrate.out"
  rc=$?
  steps=$(ls "$srcdir"/sql/[0-9][0-9][0-9][0-9]_*.sql | wc -l | tr -d ' ')
  version=$(PGDATABASE=onshi_win psql -X -Atq -c "SELECT max(version) FROM onshi_schema_version" \
    2>/dev/null)
  win onshi-admin.exe status --dbname "$conninfo" >"$work/status-windows.out"
  status_rc=$?
  PGDATABASE=onshi_win "$linux_admin" status >"$work/status-linux.out" 2>/dev/null
  if [ $rc -ne 0 ]; then
    fail admin_over_tcp "migrate: exit $rc"
  elif [ "$version" != "$steps" ]; then
    fail admin_over_tcp "schema version \"$version\" after migrate, expected $steps"
  elif [ $status_rc -ne 0 ]; then
    fail admin_over_tcp "status: exit $status_rc"
  elif ! grep -q "^database: .*127\.0\.0\.1" "$work/status-windows.out"; then
    fail admin_over_tcp "status does not name the server at 127.0.0.1: $(head -n 1 "$work/status-windows.out")"
  elif [ "$(grep -v '^database: ' "$work/status-linux.out")" != \
    "$(grep -v '^database: ' "$work/status-windows.out")" ]; then
    # (the first line names the connection: a unix socket on Linux, 127.0.0.1 under wine)
    fail admin_over_tcp "status differs from the Linux onshi-admin status:"
    diff "$work/status-linux.out" "$work/status-windows.out" | head -n 6
  else
    ok "admin_over_tcp (migrate to version $version over 127.0.0.1:$PGPORT; status as on Linux)"
  fi
  sh "$srcdir/tests/pg/pg-tmp" stop "$pgdir" >/dev/null 2>&1
}

# engine_db CASE DBNAME SHARE: a throw-away PostgreSQL listening on 127.0.0.1 (pg-tmp with
# ONSHI_PG_TCP=yes; $pgdir, $PGPORT, PGDATABASE=DBNAME set), the reference host with its seed,
# our schema, and facility 1 enabled on SHARE (a folder here, made with req/ res/ face/) by
# onshi-admin.exe, named as Windows names it: drive Z:, Z:/... (migration 0031). Fails CASE
# (false) otherwise.
engine_db() {
  if [ ! -f "$bin/onshi-exchanged.exe" ]; then
    fail "$1" "windows/bin/onshi-exchanged.exe not built"
    return 1
  fi
  if ! env=$(ONSHI_PG_TCP=yes sh "$srcdir/tests/pg/pg-tmp" start 2>"$work/stderr"); then
    fail "$1" "no PostgreSQL (tests/pg/pg-tmp)"
    return 1
  fi
  eval "$env"
  pgdir=$PGHOST
  PGDATABASE=$2
  export PGDATABASE
  mkdir -p "$3/req" "$3/res" "$3/face"
  {
    createdb "$2" &&
      psql -X -q -v ON_ERROR_STOP=1 -f "$srcdir/tests/host/reference_host_schema.sql" &&
      "$linux_admin" migrate &&
      "$builddir/tests/host/seed_host" --seed 1 --patients 50 --data-dir "$srcdir/tests/host" |
      psql -X -q -v ON_ERROR_STOP=1 &&
      win onshi-admin.exe enable --hospnum 1 --institution-code 1312345678 \
        --share "$(zpath "$3")" \
        --dbname "host=127.0.0.1 port=$PGPORT user=postgres dbname=$2 sslmode=disable" &&
      [ "$(psql -X -Atq -c "SELECT share_dir FROM onshi_facility WHERE hospnum = 1")" = \
        "$(zpath "$3")" ]
  } >"$work/$2-setup.log" 2>&1 || {
    fail "$1" "setup failed (see $work/$2-setup.log)"
    sh "$srcdir/tests/pg/pg-tmp" stop "$pgdir" >/dev/null 2>&1
    return 1
  }
}

# engine_config DBNAME QUARANTINE [LINE...]: an engine configuration for onshi-exchanged.exe on
# the standard output (the server over 127.0.0.1, short settle and grace times).
engine_config() {
  echo "conninfo = host=127.0.0.1 port=$PGPORT user=postgres dbname=$1 sslmode=disable"
  echo "quarantine_dir = $2"
  echo "settle_ms = 100"
  echo "not_ready_grace_ms = 500"
  shift 2
  for line in "$@"; do echo "$line"; done
}

# engine_once CONF LOG: onshi-exchanged.exe --once with CONF; its log lines kept in LOG.
engine_once() {
  win onshi-exchanged.exe --once --config "$1" >/dev/null
  _rc=$?
  cp "$work/stderr" "$2"
  return $_rc
}

# engine_db_stop: the end of a case that called engine_db.
engine_db_stop() {
  unset PGDATABASE
  sh "$srcdir/tests/pg/pg-tmp" stop "$pgdir" >/dev/null 2>&1
}

case_engine_imports_once() {
  engine_db engine_imports_once onshi_engine "$work/engine-share" || return
  share=$work/engine-share
  # Two card check-ins written by the Linux simulator.
  for who in "taro 20250612091000" "towa 20250612091200"; do
    set -- $who
    "$linux_sim" checkin --share "$share" --scenario "$srcdir/tests/sim/scenario-demo.json" \
      --person "$1" --time "$2" >/dev/null 2>&1
  done
  mkdir -p "$work/face-copies"
  cp "$share/face/"* "$work/face-copies/"
  mkdir -p "$work/quarantine"
  engine_config onshi_engine "$work/quarantine" >"$work/engine.conf"
  engine_once "$work/engine.conf" "$work/engine-1.log"
  rc1=$?
  imported1=$(psql -X -Atq -c "SELECT count(*) FROM onshi_received_file WHERE state = 'imported'")
  confirmations1=$(psql -X -Atq -c "SELECT count(*) FROM onshi_confirmation")
  left=$(ls "$share/face" | wc -l | tr -d ' ')
  # The request the engine wrote into req/ (written under a temporary name, moved in without
  # replacing), answered by the Linux simulator into res/.
  requests=$(ls "$share/req" | wc -l | tr -d ' ')
  "$linux_sim" run --share "$share" --scenario "$srcdir/tests/sim/scenario-demo.json" --once \
    --delay-ms 0 >/dev/null 2>&1
  answers=$(ls "$share/res" | wc -l | tr -d ' ')
  # The same two files delivered again: nothing new.
  cp "$work/face-copies/"* "$share/face/"
  engine_once "$work/engine.conf" "$work/engine-2.log"
  rc2=$?
  imported2=$(psql -X -Atq -c "SELECT count(*) FROM onshi_received_file WHERE state = 'imported'")
  confirmations2=$(psql -X -Atq -c "SELECT count(*) FROM onshi_confirmation")
  left2=$(ls "$share/face" | wc -l | tr -d ' ')
  if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ]; then
    fail engine_imports_once "exit $rc1 and $rc2 (logs: $work/engine-1.log, engine-2.log)"
  elif [ "$imported1" != 2 ] || [ "$confirmations1" != 2 ] || [ "$left" != 0 ]; then
    fail engine_imports_once "first run: $imported1 imported, $confirmations1 confirmations, $left files left in face/"
  elif [ "$requests" -lt 1 ] || [ "$answers" != "$requests" ]; then
    fail engine_imports_once "first run: $requests requests in req/, $answers answers"
  elif [ "$imported2" != $((2 + answers)) ] || [ "$left2" != 0 ] ||
    [ "$(ls "$share/res" | wc -l | tr -d ' ')" != 0 ]; then
    fail engine_imports_once "second run: $imported2 imported (expected $((2 + answers))), $left2 files left in face/"
  else
    ok "engine_imports_once (2 check-ins imported and removed; $requests request written, answered by the Linux simulator, answer imported; check-ins delivered again: nothing new)"
  fi
  engine_db_stop
}

case_engine_checks_insurance() {
  engine_db engine_checks_insurance onshi_check "$work/check-share" || return
  share=$work/check-share
  mkdir -p "$work/check-quarantine"
  engine_config onshi_check "$work/check-quarantine" >"$work/check.conf"
  conninfo="host=127.0.0.1 port=$PGPORT user=postgres dbname=onshi_check sslmode=disable"
  # Staff ask for an insurance-number check of patient 000101 with the Windows onshi-admin; the
  # engine writes the request, the Linux simulator answers it, the engine imports the answer.
  queued_line=$(win onshi-admin.exe check --hospnum 1 --patient 000101 --dbname "$conninfo")
  queued=$?
  # "facility 1: job N queued (...)"
  job_id=$(printf '%s\n' "$queued_line" | sed -n 's/^facility 1: job \([0-9]*\) queued.*/\1/p')
  engine_once "$work/check.conf" "$work/check-1.log"
  rc1=$?
  requests=$(ls "$share/req" | wc -l | tr -d ' ')
  "$linux_sim" run --share "$share" --scenario "$srcdir/tests/sim/scenario-demo.json" --once \
    --delay-ms 0 >/dev/null 2>&1
  answers=$(ls "$share/res" | wc -l | tr -d ' ')
  engine_once "$work/check.conf" "$work/check-2.log"
  rc2=$?
  # (the answer, the patient's first valid result, queues the registration of his reference
  # number as the next job: only the check's own job is looked at)
  job=$(psql -X -Atq -c "SELECT state FROM onshi_job WHERE job_id = '${job_id:-0}'")
  linked=$(psql -X -Atq -c \
    "SELECT link_state || ptid FROM onshi_confirmation WHERE job_id = '${job_id:-0}'")
  if [ $queued -ne 0 ]; then
    fail engine_checks_insurance "onshi-admin.exe check: exit $queued"
  elif [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ]; then
    fail engine_checks_insurance "exit $rc1 and $rc2 (logs: $work/check-1.log, check-2.log)"
  elif [ "$requests" != 1 ] || [ "$answers" != 1 ]; then
    fail engine_checks_insurance "$requests requests written, $answers answers (expected 1 and 1)"
  elif [ "$job" != answered ] || [ "$linked" != linked101 ]; then
    fail engine_checks_insurance "job \"$job\", result \"$linked\" (expected answered, linked101)"
  elif [ -n "$(ls -A "$share/res")" ] || [ "$(ls "$share/req" | wc -l | tr -d ' ')" != "$(psql -X \
    -Atq -c "SELECT count(*) FROM onshi_job WHERE state = 'sent' AND job_id <> $job_id")" ]; then
    # (req/ holds only the requests of the jobs sent since: the reference-number registration)
    fail engine_checks_insurance "left on the share: $(ls "$share/req" "$share/res")"
  else
    ok "engine_checks_insurance (onshi-admin.exe check -> req/ -> Linux simulator -> res/ -> imported: job $job_id answered, result linked to patient 101, the answer removed)"
  fi
  engine_db_stop
}

case_engine_quarantines() {
  engine_db engine_quarantines onshi_quar "$work/quar-share" || return
  share=$work/quar-share
  quarantine=$work/quar-quarantine
  mkdir -p "$quarantine"
  # The quarantine as a drive path (wine's Z: is /): its copies' paths are recorded as such.
  engine_config onshi_quar "Z:$quarantine" >"$work/quar.conf"
  # A DOCTYPE (forbidden), read-only (Windows refuses to remove such a file unless asked to
  # ignore the attribute; wine maps a file without write permission to one), and a file whose
  # declaration and CharacterCodeIdentifier disagree (inconsistent).
  doctype=OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml
  liar=OQSsiquc01res_face_1312345678bad00000000000000006_20250612130006.xml
  for f in $doctype $liar; do cp "$fixtures/bad/$f" "$share/face/$f"; done
  chmod 0444 "$share/face/$doctype"
  chmod 0644 "$share/face/$liar"
  engine_once "$work/quar.conf" "$work/quar.log"
  rc=$?
  refusals=$(psql -X -Atq -c "SELECT string_agg(state || ' ' || refusal, ', ' ORDER BY file_name)
    FROM onshi_received_file")
  recorded=$(psql -X -Atq -c "SELECT count(*) FROM onshi_received_file
    WHERE archive_path LIKE 'Z:%' AND removed_from_share_at IS NOT NULL")
  held=$(find "$quarantine" -type f | wc -l | tr -d ' ')
  same=yes
  for f in $doctype $liar; do
    q=$(find "$quarantine" -type f -name "$f" | head -n 1)
    [ -n "$q" ] && cmp -s "$q" "$fixtures/bad/$f" || same=no
  done
  if [ $rc -ne 0 ]; then
    fail engine_quarantines "exit $rc (log: $work/quar.log)"
  elif [ "$refusals" != "refused forbidden, refused inconsistent" ]; then
    fail engine_quarantines "recorded: \"$refusals\" (log: $work/quar.log)"
  elif [ -n "$(ls -A "$share/face")" ]; then
    fail engine_quarantines "left in face/: $(ls "$share/face") (log: $work/quar.log)"
  elif [ "$held" != 2 ] || [ $same != yes ]; then
    fail engine_quarantines "the quarantine holds $held files, not the two refused ones byte for byte"
  elif [ "$recorded" != 2 ]; then
    fail engine_quarantines "$recorded of 2 quarantine copies recorded with their Z: path (archive_path)"
  elif psql -X -Atq -c "SELECT count(*) FROM onshi_confirmation" | grep -qv '^0$'; then
    fail engine_quarantines "a refused file left a confirmation"
  else
    ok "engine_quarantines (a DOCTYPE file, read-only, and an inconsistent one: refused, recorded, moved to the quarantine byte for byte and recorded with its drive path, nothing left in face/)"
  fi
  engine_db_stop
}

case_release_zip() {
  # make dist-windows, then the programs run from the unpacked zip alone (libpq.dll beside them):
  # the starting configuration is valid, inspect reads a fixture, the texts have CR/LF.
  version=$(sed -n 's/^VERSION = //p' "$builddir/Makefile")
  zip=$builddir/windows/onshi-link-$version-windows-x64.zip
  if ! make -C "$builddir" -s dist-windows >"$work/dist.log" 2>&1; then
    fail release_zip "make dist-windows failed (see $work/dist.log)"
    return
  fi
  rm -rf "$work/unzipped"
  mkdir -p "$work/unzipped"
  if ! (cd "$work/unzipped" && python3 -m zipfile -e "$zip" .); then
    fail release_zip "cannot unpack $zip"
    return
  fi
  dir=$work/unzipped/onshi-link-$version-windows-x64
  missing=""
  for f in onshi-exchanged.exe onshi-admin.exe onshi-terminal-sim.exe libpq.dll README.ja.md \
    README.en.md onshi-exchanged.conf onshi-exchanged.conf.example licenses/onshi-link.copyright \
    licenses/icu.copyright licenses/libxml2.copyright licenses/openssl.copyright \
    locale/ja/LC_MESSAGES/onshi-link.mo locale/en/LC_MESSAGES/onshi-link.mo; do
    [ -f "$dir/$f" ] || missing="$missing $f"
  done
  saved_bin=$bin
  bin=$dir
  win onshi-exchanged.exe --check-config --config "$(zpath "$dir/onshi-exchanged.conf")" \
    >"$work/zip-check.out"
  check_rc=$?
  f=OQSsiquc01res_face_1312345678bad00000000000000010_20250612130010.xml
  win onshi-admin.exe inspect "$(zpath "$fixtures/bad/$f")" >"$work/zip-inspect.out"
  inspect_rc=$?
  bin=$saved_bin
  if [ -n "$missing" ]; then
    fail release_zip "missing from the zip:$missing"
  elif [ $check_rc -ne 0 ]; then
    fail release_zip "onshi-exchanged.exe --check-config of the zip's configuration: exit $check_rc"
  elif ! grep -q "verify-full" "$work/zip-check.out"; then
    fail release_zip "--check-config does not show the configuration's conninfo"
  elif [ $inspect_rc -ne 0 ] || ! grep -q '"accepted":true' "$work/zip-inspect.out"; then
    fail release_zip "onshi-admin.exe inspect from the zip: exit $inspect_rc"
  elif [ "$(head -n 1 "$dir/README.ja.md" | tail -c 2 | od -An -c | tr -d ' ')" != '\r\n' ]; then
    fail release_zip "README.ja.md has no CR/LF line ends"
  else
    ok "release_zip ($(basename "$zip"): $(du -k "$zip" | cut -f1) KB; the programs run from it alone)"
  fi
}

# wait_for SECONDS CONDITION: true as soon as CONDITION holds, false after SECONDS.
wait_for() {
  _n=$(($1 * 10))
  while [ "$_n" -gt 0 ]; do
    eval "$2" && return 0
    sleep 0.1
    _n=$((_n - 1))
  done
  return 1
}

case_engine_watches_share() {
  engine_db engine_watches_share onshi_live "$work/live-share" || return
  share=$work/live-share
  mkdir -p "$work/live-quarantine"
  engine_config onshi_live "$work/live-quarantine" "queue_interval_ms = 200" >"$work/live.conf"
  # The engine under wine (watch_backend auto: ReadDirectoryChangesW), the Linux simulator
  # answering its requests on the same folder.
  env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE "$wine" "$bin/onshi-exchanged.exe" \
    --config "$work/live.conf" >/dev/null 2>"$work/live-engine.log" &
  engine=$!
  "$linux_sim" run --share "$share" --scenario "$srcdir/tests/sim/scenario-demo.json" \
    --delay-ms 0 --poll-ms 100 2>"$work/live-sim.log" &
  sim=$!
  ready=no
  wait_for 60 'grep -q ONSHI-I-ENGINE-002 "$work/live-engine.log"' && ready=yes
  for who in "taro 20250612091000" "towa 20250612091200"; do
    set -- $who
    "$linux_sim" checkin --share "$share" --scenario "$srcdir/tests/sim/scenario-demo.json" \
      --person "$1" --time "$2" >/dev/null 2>&1
  done
  q="SELECT count(*) FROM onshi_received_file WHERE state = 'imported'"
  # Two check-ins, then the answer to the request the engine wrote for the linked patient.
  wait_for 60 '[ "$(psql -X -Atq -c "$q")" -ge 3 ] && [ -z "$(ls -A "$share/face")$(ls -A "$share/res")" ]'
  imported=$(psql -X -Atq -c "$q")
  # Ctrl+C (wine turns SIGINT into the console control event): a clean stop.
  kill -INT "$engine" 2>/dev/null
  stopped=no
  wait_for 30 '! kill -0 "$engine" 2>/dev/null' && stopped=yes
  if [ $stopped = yes ]; then
    wait "$engine"
    engine_rc=$?
  else
    kill -KILL "$engine" 2>/dev/null
    engine_rc=killed
  fi
  kill -TERM "$sim" 2>/dev/null
  wait "$sim" 2>/dev/null
  if [ $ready != yes ]; then
    fail engine_watches_share "the engine did not get ready (log: $work/live-engine.log)"
  elif ! grep -q "ONSHI-I-WATCH-003.*(rdcw)" "$work/live-engine.log"; then
    fail engine_watches_share "not watching with ReadDirectoryChangesW (log: $work/live-engine.log)"
  elif [ "$imported" != 3 ]; then
    fail engine_watches_share "$imported files imported, expected 3 (log: $work/live-engine.log)"
  elif [ "$engine_rc" != 0 ] || ! grep -q ONSHI-I-ENGINE-004 "$work/live-engine.log"; then
    fail engine_watches_share "no clean stop after Ctrl+C: exit $engine_rc (log: $work/live-engine.log)"
  else
    ok "engine_watches_share (ReadDirectoryChangesW: 2 check-ins and the simulator's answer to the engine's request imported once; Ctrl+C: clean stop, exit 0)"
  fi
  engine_db_stop
}

# --- the engine as a Windows service (plugin/daemon/service_win.cc) and its log outputs ---------

# wine_sc ARGS...: wine's sc.exe (stdout without \r to $work/sc.out); its exit status.
wine_sc() {
  "$wine" sc.exe "$@" >"$work/sc.raw" 2>>"$winelog"
  _rc=$?
  tr -d '\r' <"$work/sc.raw" >"$work/sc.out"
  return $_rc
}
# The state sc query prints for service $1 (RUNNING, STOPPED, ...), "" when there is none.
service_state() {
  wine_sc query "$1" >/dev/null
  sed -n 's/^ *STATE *: *[0-9]* *\([A-Z_]*\).*/\1/p' "$work/sc.out"
}
event_source_key='HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application'
services_key='HKLM\SYSTEM\CurrentControlSet\Services'
# A wine session that lasts: wine ends a session (and the services it runs) a few seconds after its
# last program, and a new session's services.exe starts the automatic services again. The
# script's last step ends it (wineserver -k).
wine_session_persistent() {
  _server="$(dirname "$wine")/wineserver"
  [ -x "$_server" ] || _server=$(command -v wineserver 2>/dev/null || true)
  [ -n "$_server" ] || return 0
  "$_server" -k >/dev/null 2>&1
  "$_server" -p >/dev/null 2>&1
}

case_service_refusals() {
  name=onshi-refusals
  conf=$work/refusals.conf
  echo "conninfo = host=127.0.0.1 port=1 dbname=none sslmode=disable" >"$conf"
  # Nothing to remove yet.
  win onshi-exchanged.exe --uninstall-service --service-name "$name" >"$work/uninstall-absent.out"
  absent_rc=$?
  absent_msg=$(cat "$work/stderr")
  # No configuration, or a relative one: refused before the service manager is asked.
  win onshi-exchanged.exe --install-service --service-name "$name" >/dev/null
  noconf_rc=$?
  win onshi-exchanged.exe --install-service --service-name "$name" --config refusals.conf >/dev/null
  relative_rc=$?
  # A configuration the engine would refuse: not installed.
  echo "no_such_key = 1" >"$work/bad.conf"
  win onshi-exchanged.exe --install-service --service-name "$name" --config "$(zpath "$work/bad.conf")" >/dev/null
  badconf_rc=$?
  badconf_msg=$(cat "$work/stderr")
  wine_session_persistent
  state_after_refusals=$(service_state "$name")
  # Installed once, refused the second time; removed once, refused the second time.
  win onshi-exchanged.exe --install-service --service-name "$name" --config "$(zpath "$conf")" >"$work/install.out"
  install_rc=$?
  state_installed=$(service_state "$name")
  # (wine's sc.exe has no qc: the service's registry key)
  "$wine" reg.exe query "$services_key\\$name" >"$work/qc.raw" 2>>"$winelog"
  tr -d '\r' <"$work/qc.raw" >"$work/qc.out"
  "$wine" reg.exe query "$event_source_key\\$name" /v EventMessageFile >"$work/reg.raw" 2>>"$winelog"
  reg_rc=$?
  win onshi-exchanged.exe --install-service --service-name "$name" --config "$(zpath "$conf")" >/dev/null
  twice_rc=$?
  twice_msg=$(cat "$work/stderr")
  win onshi-exchanged.exe --uninstall-service --service-name "$name" >"$work/uninstall.out"
  uninstall_rc=$?
  state_removed=$(service_state "$name")
  "$wine" reg.exe query "$event_source_key\\$name" >/dev/null 2>>"$winelog"
  reg_after_rc=$?
  win onshi-exchanged.exe --uninstall-service --service-name "$name" >/dev/null
  again_rc=$?
  # --service from a console: not the service manager.
  win onshi-exchanged.exe --service --service-name "$name" --config "$(zpath "$conf")" >/dev/null
  console_rc=$?
  console_msg=$(cat "$work/stderr")
  if [ "$absent_rc" != 66 ] || ! printf '%s' "$absent_msg" | grep -q "service $name is not installed"; then
    fail service_refusals "uninstall of an absent service: exit $absent_rc ($absent_msg), expected 66"
  elif [ "$noconf_rc" != 64 ] || [ "$relative_rc" != 64 ]; then
    fail service_refusals "install without --config: exit $noconf_rc, with a relative one: $relative_rc; expected 64"
  elif [ "$badconf_rc" != 78 ] || ! printf '%s' "$badconf_msg" | grep -q "no_such_key: unknown key"; then
    fail service_refusals "install with a bad configuration: exit $badconf_rc ($badconf_msg), expected 78"
  elif [ -n "$state_after_refusals" ]; then
    fail service_refusals "a refused install left the service ($state_after_refusals)"
  elif [ "$install_rc" != 0 ] || [ "$state_installed" != STOPPED ]; then
    fail service_refusals "install: exit $install_rc, state \"$state_installed\" (expected 0, STOPPED)"
  elif ! grep -q "ImagePath.*onshi-exchanged.exe --service --service-name $name --config .*refusals.conf" "$work/qc.out" ||
    ! grep -q "Start.*REG_DWORD.*0x2\$" "$work/qc.out"; then
    fail service_refusals "the service's command line or start type (2: automatic): $(grep -E 'ImagePath|Start' "$work/qc.out")"
  elif [ $reg_rc -ne 0 ] || ! tr -d '\r' <"$work/reg.raw" | grep -qi "EventMessageFile.*REG_EXPAND_SZ.*onshi-exchanged.exe"; then
    fail service_refusals "event source $name not registered with the program's message table"
  elif [ "$twice_rc" != 73 ] || ! printf '%s' "$twice_msg" | grep -q "already installed"; then
    fail service_refusals "second install: exit $twice_rc ($twice_msg), expected 73"
  elif [ "$uninstall_rc" != 0 ] || [ -n "$state_removed" ] || [ $reg_after_rc -eq 0 ]; then
    fail service_refusals "uninstall: exit $uninstall_rc, state after \"$state_removed\", event source key left: $([ $reg_after_rc -eq 0 ] && echo yes || echo no)"
  elif [ "$again_rc" != 66 ]; then
    fail service_refusals "second uninstall: exit $again_rc, expected 66"
  elif [ "$console_rc" != 64 ] || ! printf '%s' "$console_msg" | grep -q "service manager"; then
    fail service_refusals "--service in a console: exit $console_rc ($console_msg), expected 64"
  else
    ok "service_refusals (uninstall absent: 66; install without or with a relative --config: 64, bad configuration: 78, nothing left; install: STOPPED, its command line, automatic start, event source registered; twice: 73; uninstall: service and event source gone; twice: 66; --service in a console: 64)"
  fi
  wine_sc delete "$name" >/dev/null 2>&1
}

case_service_runs_engine() {
  engine_db service_runs_engine onshi_svc "$work/svc-share" || return
  name=onshi-svc-test
  share=$work/svc-share
  mkdir -p "$work/svc-quarantine"
  # Rooted paths (no drive): the service resolves them on its program's drive (Z: here), not on
  # the system folder's.
  svclog=$work/svc.log
  {
    echo "conninfo = host=127.0.0.1 port=$PGPORT user=postgres dbname=onshi_svc sslmode=disable"
    echo "quarantine_dir = $work/svc-quarantine"
    echo "log_file = $svclog"
    echo "settle_ms = 100"
    echo "not_ready_grace_ms = 500"
    echo "queue_interval_ms = 200"
  } >"$work/svc.conf"
  wine_session_persistent
  win onshi-exchanged.exe --install-service --service-name "$name" --config "$(zpath "$work/svc.conf")" >/dev/null
  install_rc=$?
  wine_sc start "$name" >/dev/null
  start_rc=$?
  ready=no
  wait_for 60 'grep -q ONSHI-I-ENGINE-002 "$svclog" 2>/dev/null' && ready=yes
  running=no
  wait_for 30 '[ "$(service_state "$name")" = RUNNING ]' && running=yes
  "$linux_sim" checkin --share "$share" --scenario "$srcdir/tests/sim/scenario-demo.json" \
    --person taro --time 20250612091000 >/dev/null 2>&1
  q="SELECT count(*) FROM onshi_received_file WHERE state = 'imported'"
  wait_for 60 '[ "$(psql -X -Atq -c "$q")" -ge 1 ] && [ -z "$(ls -A "$share/face")" ]'
  imported=$(psql -X -Atq -c "$q")
  wine_sc stop "$name" >/dev/null
  stopped=no
  wait_for 60 '[ "$(service_state "$name")" = STOPPED ]' && stopped=yes
  wine_sc query "$name" >/dev/null
  exit_code=$(sed -n 's/^ *WIN32_EXIT_CODE *: *\([0-9]*\).*/\1/p' "$work/sc.out")
  win onshi-exchanged.exe --uninstall-service --service-name "$name" >/dev/null
  uninstall_rc=$?
  # Every line of the file: a local time, the level, "component: " and, for what an operator may
  # act on, the message ID.
  bad_lines=$(grep -cvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2} (DEBUG|INFO|WARNING|ERROR) [a-z]+: ' "$svclog" 2>/dev/null)
  if [ "$install_rc" != 0 ]; then
    fail service_runs_engine "install: exit $install_rc"
  elif [ $ready != yes ]; then
    fail service_runs_engine "sc start (exit $start_rc): no ONSHI-I-ENGINE-002 in $svclog"
  elif [ $running != yes ]; then
    fail service_runs_engine "ready, but the service manager does not show RUNNING"
  elif [ "$imported" != 1 ]; then
    fail service_runs_engine "$imported files imported, expected 1 (log: $svclog)"
  elif [ $stopped != yes ] || [ "$exit_code" != 0 ]; then
    fail service_runs_engine "sc stop: stopped $stopped, WIN32_EXIT_CODE \"$exit_code\" (log: $svclog)"
  elif ! grep -q "INFO engine: ONSHI-I-ENGINE-004 stopping" "$svclog"; then
    fail service_runs_engine "no ONSHI-I-ENGINE-004 in $svclog after sc stop"
  elif ! grep -q "INFO engine: ONSHI-I-IMPORT-001 facility 1 face/.*: imported" "$svclog"; then
    fail service_runs_engine "the import has no ONSHI-I-IMPORT-001 line in $svclog"
  elif [ "$bad_lines" != 0 ]; then
    fail service_runs_engine "$bad_lines lines of $svclog are not stamped log lines"
  elif [ "$uninstall_rc" != 0 ]; then
    fail service_runs_engine "uninstall: exit $uninstall_rc"
  else
    ok "service_runs_engine (installed, sc start: RUNNING once ready; a check-in imported; sc stop: ONSHI-I-ENGINE-004, STOPPED with exit code 0; uninstalled; $(wc -l <"$svclog" | tr -d ' ') stamped lines in log_file)"
  fi
  wine_sc stop "$name" >/dev/null 2>&1
  wine_sc delete "$name" >/dev/null 2>&1
  engine_db_stop
}

case_service_waits_for_database() {
  # The database is down: the service reports RUNNING after its start wait (30 s) anyway, so that
  # it can be stopped, logs ONSHI-E-DB-001, and stops cleanly with sc stop.
  name=onshi-svc-nodb
  svclog=$work/svc-nodb.log
  {
    echo "conninfo = host=127.0.0.1 port=1 dbname=none user=none sslmode=disable connect_timeout=2"
    echo "log_file = $svclog"
    echo "db_retry_ms = 1000"
  } >"$work/svc-nodb.conf"
  wine_session_persistent
  win onshi-exchanged.exe --install-service --service-name "$name" --config "$(zpath "$work/svc-nodb.conf")" >/dev/null
  install_rc=$?
  wine_sc start "$name" >/dev/null
  pending=$(service_state "$name")
  running=no
  wait_for 90 '[ "$(service_state "$name")" = RUNNING ]' && running=yes
  wine_sc stop "$name" >/dev/null
  stopped=no
  wait_for 60 '[ "$(service_state "$name")" = STOPPED ]' && stopped=yes
  wine_sc query "$name" >/dev/null
  exit_code=$(sed -n 's/^ *WIN32_EXIT_CODE *: *\([0-9]*\).*/\1/p' "$work/sc.out")
  win onshi-exchanged.exe --uninstall-service --service-name "$name" >/dev/null
  uninstall_rc=$?
  if [ "$install_rc" != 0 ]; then
    fail service_waits_for_database "install: exit $install_rc"
  elif [ "$pending" != START_PENDING ]; then
    fail service_waits_for_database "just after sc start the state is \"$pending\", not START_PENDING (log: $svclog)"
  elif [ $running != yes ]; then
    fail service_waits_for_database "not RUNNING after the start wait (log: $svclog)"
  elif grep -q ONSHI-I-ENGINE-002 "$svclog" || ! grep -q "ERROR engine: ONSHI-E-DB-001" "$svclog"; then
    fail service_waits_for_database "ready without a database, or no ONSHI-E-DB-001 (log: $svclog)"
  elif [ $stopped != yes ] || [ "$exit_code" != 0 ] || ! grep -q ONSHI-I-ENGINE-004 "$svclog"; then
    fail service_waits_for_database "sc stop: stopped $stopped, WIN32_EXIT_CODE \"$exit_code\" (log: $svclog)"
  elif [ "$uninstall_rc" != 0 ]; then
    fail service_waits_for_database "uninstall: exit $uninstall_rc"
  else
    ok "service_waits_for_database (START_PENDING, then RUNNING after the start wait without a database, ONSHI-E-DB-001 logged; sc stop: ONSHI-I-ENGINE-004, STOPPED with exit code 0)"
  fi
  wine_sc stop "$name" >/dev/null 2>&1
  wine_sc delete "$name" >/dev/null 2>&1
}

case_event_log_lines() {
  # syslog = yes is the event log on Windows. wine keeps no event log: its ReportEventW writes
  # each event's string on its debug channel "eventlog", which is what is looked at here.
  {
    echo "conninfo = host=127.0.0.1 port=1 dbname=none user=none sslmode=disable connect_timeout=2"
    echo "syslog = yes"
  } >"$work/evlog.conf"
  env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE WINEDEBUG=-all,+eventlog "$wine" \
    "$bin/onshi-exchanged.exe" --once --config "$(zpath "$work/evlog.conf")" \
    >/dev/null 2>"$work/evlog.err"
  rc=$?
  if [ $rc != 69 ]; then
    fail event_log_lines "exit $rc, expected 69 (database unreachable)"
  elif ! grep -q "err:eventlog:.*engine: ONSHI-E-DB-001 " "$work/evlog.err"; then
    fail event_log_lines "no error event with ONSHI-E-DB-001 (wine's eventlog channel: $work/evlog.err)"
  elif ! grep -q "^ERROR engine: ONSHI-E-DB-001 " "$work/evlog.err"; then
    fail event_log_lines "the console line is missing"
  else
    ok "event_log_lines (syslog = yes: each line also an event, the error as an error event, with its message ID)"
  fi
}

case_messages_in_japanese() {
  # The catalogs beside the programs (windows/bin/locale, read by common/nls_win.cc): LANGUAGE=ja
  # gives the text the Linux program prints with the same catalog; the C locale the English.
  LC_ALL=C.UTF-8 LANGUAGE=ja ONSHI_LOCALE_DIR=$builddir/po/locale "$linux_admin" --help \
    >"$work/help-linux-ja.out" 2>&1
  # (as gettext does, the C locale ignores LANGUAGE: C.UTF-8 does not)
  LANGUAGE=ja LC_ALL=C.UTF-8
  export LANGUAGE LC_ALL
  win onshi-admin.exe --help >"$work/help-windows-ja.out"
  admin_rc=$?
  win onshi-exchanged.exe --help >"$work/exchanged-ja.out"
  win onshi-exchanged.exe --no-such-option >/dev/null
  unknown_rc=$?
  cp "$work/stderr" "$work/exchanged-ja.err"
  LC_ALL=C
  win onshi-exchanged.exe --help >"$work/exchanged-c-language-ja.out"
  unset LANGUAGE
  win onshi-exchanged.exe --help >"$work/exchanged-c.out"
  if [ $admin_rc -ne 0 ] || ! grep -q "^使い方: onshi-admin" "$work/help-windows-ja.out"; then
    fail messages_in_japanese "onshi-admin.exe --help with LANGUAGE=ja: exit $admin_rc, $(head -n 1 "$work/help-windows-ja.out")"
  elif ! cmp -s "$work/help-linux-ja.out" "$work/help-windows-ja.out"; then
    fail messages_in_japanese "onshi-admin.exe --help differs from the Linux one in Japanese:"
    diff "$work/help-linux-ja.out" "$work/help-windows-ja.out" | head -n 6
  elif ! grep -q "^使い方: onshi-exchanged" "$work/exchanged-ja.out" ||
    ! grep -q "^Windows サービス:" "$work/exchanged-ja.out"; then
    fail messages_in_japanese "onshi-exchanged.exe --help with LANGUAGE=ja: $(head -n 1 "$work/exchanged-ja.out")"
  elif [ $unknown_rc -ne 64 ] || ! grep -q 'オプション "--no-such-option" は使用できません' "$work/exchanged-ja.err"; then
    fail messages_in_japanese "an unknown option with LANGUAGE=ja: exit $unknown_rc, $(head -n 1 "$work/exchanged-ja.err")"
  elif ! grep -q "^usage: onshi-exchanged" "$work/exchanged-c.out" || ! grep -q "^Windows service:" "$work/exchanged-c.out"; then
    fail messages_in_japanese "onshi-exchanged.exe --help in the C locale: $(head -n 1 "$work/exchanged-c.out")"
  elif ! cmp -s "$work/exchanged-c.out" "$work/exchanged-c-language-ja.out"; then
    fail messages_in_japanese "LC_ALL=C with LANGUAGE=ja is not English, as it is with gettext"
  else
    ok "messages_in_japanese (LANGUAGE=ja: onshi-admin.exe --help as the Linux program prints it, onshi-exchanged.exe's usage and errors in Japanese; C locale, with or without LANGUAGE: English)"
  fi
}

cases=${*:-sim_answers_request inspect_same_json admin_over_tcp engine_imports_once engine_checks_insurance
  engine_quarantines engine_watches_share release_zip service_refusals service_runs_engine
  service_waits_for_database event_log_lines messages_in_japanese}
for c in $cases; do
  "case_$c"
done
# Our prefix's wineserver only (it would linger a few seconds).
server="$(dirname "$wine")/wineserver"
[ -x "$server" ] || server=$(command -v wineserver 2>/dev/null || true)
[ -n "$server" ] && "$server" -k >/dev/null 2>&1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
