#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Peak RSS (/usr/bin/time, "Maximum resident set size") of `onshi-admin inspect` and of
# `onshi-exchanged --once` on a bulk pre-check result (OQSmuquc02res) of about the kind's limit
# (64 MiB), made by tests/bench/gen_bulk_result from the terminal simulator's answer; plus
# inspect on a CP932 one and on one just over the limit. The engine imports the answer to a
# real bulk run (reservations, `onshi-admin`'s schema, the simulator's reception number) on a
# throw-away PostgreSQL (tests/pg/pg-tmp). Run from the build dir:
#
#   sh tests/bench/bigfile-rss.sh [BYTES]          (default 67108864)
#
# ONSHI_ADMIN_BIN / ONSHI_EXCHANGED_BIN measure other builds (an older one, for "before").
# Not part of make check: the figures are measured, not asserted.
set -eu

BUILD=${BUILD:-$(pwd)}
ONSHI_SRCDIR=${ONSHI_SRCDIR:-$BUILD}
export BUILD ONSHI_SRCDIR
LIMIT=${1:-67108864}
GEN="$BUILD/tests/bench/gen_bulk_result"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/onshi-bigfile.XXXXXX")
PGDIR=""
cleanup() {
  [ -z "$PGDIR" ] || sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. "$ONSHI_SRCDIR/tests/e2e/e2e_lib.sh"

# peak_rss LABEL FILE CMD...: runs CMD (stdout to /dev/null) and prints the figures.
peak_rss() {
  _label=$1 _file=$2
  shift 2
  _st=0
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || _st=$?
  _kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
  printf '%-34s %10s bytes  peak RSS %7s KiB (%s MiB)  exit %s\n' "$_label" \
    "$(wc -c <"$_file" | tr -d ' ')" "$_kb" "$(( _kb / 1024 ))" "$_st"
}

mkdir -p "$WORK/in" "$WORK/cp932" "$WORK/over"
"$GEN" --scenario "$SCENARIO" --bytes "$LIMIT" --out "$WORK/in" >/dev/null
"$GEN" --scenario "$SCENARIO" --bytes "$LIMIT" --encoding cp932 --out "$WORK/cp932" >/dev/null
"$GEN" --scenario "$SCENARIO" --bytes "$LIMIT" --over --out "$WORK/over" >/dev/null
for d in in cp932 over; do
  f=$(ls "$WORK/$d"/*.xml)
  peak_rss "inspect ($d)" "$f" "$ADMIN" inspect "$f"
  [ "$d" != in ] || head -c 300 "$WORK/out.txt" | sed 's/^/  | /'; echo
done

# The engine: a real bulk run for tomorrow's reservations, answered with the big file.
eval "$(sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" start)"
PGDIR=$PGHOST
PGDATABASE=bigfile
export PGDATABASE
make_host_template bigfile 200 >/dev/null
SHARE="$WORK/share"
mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face" "$WORK/quarantine"
"$ADMIN" enable --hospnum 1 --institution-code 1312345678 --share "$SHARE" >/dev/null
write_engine_config "$WORK/engine.conf" "$WORK/quarantine" inotify
tomorrow=$(sql "SELECT to_char(localtimestamp + interval '1 day', 'YYYYMMDD')")
sql "DELETE FROM tbl_yyk WHERE hospnum = 1" >/dev/null
i=0
for pt in 101 102 104 106 124 126; do
  i=$(( i + 1 ))
  band=$(( 800 + i * 100 ))
  sql "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, yykmaxcnt, yykcnt,
         yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi)
       VALUES (1, '01', '10001', '$tomorrow', $band, 0, 10, 1, 0, 0, '', '', '', '', ' '),
              (1, '01', '10001', '$tomorrow', $band, 1, 0, 0, $(( band + 30 )), $pt, '', '01', '01', '  ', ' ')" >/dev/null
done
sql "UPDATE onshi_facility SET batch_time = '00:00', enabled_at = now() - interval '1 day',
     bulk_poll_s = 1" >/dev/null
engine_once() { "$ENGINE" --once --config "$WORK/engine.conf" >>"$WORK/engine.log" 2>&1; }
# up to: the upload request written, answered by the simulator, the download request written.
wait_until 30 'engine_once; ls "$SHARE"/req/OQSmuquc01req_*.xml' || { echo "no upload request"; exit 1; }
cp "$SHARE"/req/OQSmuquc01req_*.xml "$WORK/up.xml"
"$SIM" run --once --share "$SHARE" --scenario "$SCENARIO" --delay-ms 0 --poll-ms 50 \
  --still-processing 0 >>"$WORK/sim.log" 2>&1
wait_until 30 'engine_once; ls "$SHARE"/req/OQSmuquc02req_*.xml' || { echo "no download request"; exit 1; }
mkdir -p "$WORK/down"
cp "$SHARE"/req/OQSmuquc02req_*.xml "$WORK/down/"  # the answer is named after it
rm -f "$SHARE"/req/*.xml                          # taken by the terminal
"$GEN" --scenario "$SCENARIO" --bytes "$LIMIT" --upload "$WORK/up.xml" \
  --download "$(ls "$WORK"/down/*.xml)" --out "$SHARE/res" >/dev/null
big=$(ls "$SHARE"/res/OQSmuquc02res_*.xml)
cp "$big" "$WORK/big.xml"
peak_rss "onshi-exchanged --once (import)" "$WORK/big.xml" "$ENGINE" --once --config "$WORK/engine.conf"
echo "  | $(sql "SELECT state || ' ' || size_bytes FROM onshi_received_file
                 WHERE kind = 'OQSmuquc02res'") bytes recorded," \
  "$(sql "SELECT count(*) FROM onshi_confirmation WHERE source = 'bulk'") confirmations"
