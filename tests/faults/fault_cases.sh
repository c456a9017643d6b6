#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Fault and untrusted-share cases, run by run_fault_tests.sh under pg-tmp from the build
# dir, like the end-to-end cases: real onshi-exchanged, simulator and admin tool, one database,
# share and quarantine per case, bounded waits, no timing assertions. The engine logs at debug
# level here; at the end every log is scanned for the sample people's personal values.
#   usage: fault_cases.sh [CASE...]   (default: every case)
set -u
# This script reads what the programs print: their messages in English (gettext's C locale
# ignores LANGUAGE), whatever the caller's locale.
LC_ALL=C; export LC_ALL; unset LANGUAGE
BUILD=${BUILD:-$(pwd)}
. "$ONSHI_SRCDIR/tests/e2e/e2e_lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/onshi-faults.XXXXXX")
chmod 755 "$WORK"
ENGINE_PID=""
MOUNTS=""
cleanup() {
  [ -n "$ENGINE_PID" ] && kill -KILL "$ENGINE_PID" 2>/dev/null
  for m in $MOUNTS; do umount "$m" 2>/dev/null; done
  [ -d "$WORK/readonly_req/share/req" ] && chattr -i "$WORK/readonly_req/share/req" 2>/dev/null
  [ -n "${E2E_KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
CASE=""
CASE_OK=yes
check() {
  if ! eval "$2" >/dev/null 2>&1; then echo "  FAIL $CASE: $1"; CASE_OK=no; fi
}
check_wait() {
  if ! wait_until "$2" "$3"; then echo "  FAIL $CASE: $1 (waited $2 s)"; CASE_OK=no; fi
}
note() { echo "  $CASE: $*"; }

begin() {
  CASE=$1
  CASE_OK=yes
  D="$WORK/$CASE"
  SHARE="$D/share"
  QUAR="$D/quarantine"
  CONF="$D/engine.conf"
  LOG="$D/engine.log"
  mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face" "$QUAR" "$D/outside"
  PGDATABASE="faults_$CASE"; export PGDATABASE
  createdb -T faults_template "$PGDATABASE"
  "$ADMIN" enable --hospnum 1 --institution-code 1312345678 --share "$SHARE" ${3:-} >/dev/null
  E2E_LOG_LEVEL=debug write_engine_config "$CONF" "$QUAR" "$2"
  : >"$LOG"
}

finish() {
  [ -n "$ENGINE_PID" ] && { stop_engine "$ENGINE_PID" || { echo "  FAIL $CASE: engine did not stop cleanly"; CASE_OK=no; }; }
  ENGINE_PID=""
  if [ "$CASE_OK" = yes ]; then
    passed=$(( passed + 1 )); echo "ok   $CASE"
  else
    failed=$(( failed + 1 )); echo "FAIL $CASE (engine log follows)"
    sed 's/^/  | /' "$LOG" | tail -n 30
  fi
}

# deliver SRC DIR NAME: copy then rename into the share (appears complete).
deliver() { cp "$1" "$D/.stage"; mv "$D/.stage" "$SHARE/$2/$3"; }
rows() { sql "SELECT count(*) FROM onshi_received_file WHERE $1"; }
state_of() { sql "SELECT state || ' ' || coalesce(refusal, '-') FROM onshi_received_file WHERE file_name = '$1'"; }
vm_hwm_kib() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
FACE=OQSsiquc01res_face_1312345678
RES=OQSsiquc01res_

# --- untrusted share -----------------------------------------------------------------------------

# Symlinks (to a file, to a folder), a folder and a fifo named as answers to requests we wrote:
# refused and recorded, never followed; the links and the folder are moved to the quarantine as
# they are, the targets outside the share stay untouched. Names with "..", a backslash, control
# characters, a wrong prefix, a request name in res/: no result kind of ours, so another
# program's (the share is shared): left where they are, never read, recorded or quarantined.
# Both watch backends (and the startup rescan: one link is there before the engine starts).
case_untrusted_names() {
  begin "untrusted_names${1:+_$1}" "${1:-inotify}"
  secret=$(checkin "$D/outside" taro 20250612100000)  # a valid check-in outside the share
  mkdir -p "$D/outside/dir"; echo keep >"$D/outside/dir/inner.xml"
  sum=$(sha256sum <"$secret")
  ln -s "$secret" "$SHARE/face/${FACE}aaaaaaaaaaaaaaaaaaaa_20250612100001.xml"  # present at start
  for n in 1 2 3 8; do  # the requests these answer were ours
    sql "INSERT INTO onshi_request_name (hospnum, name) VALUES (1, 'OQSsiquc01req_20250612000$n.xml')" >/dev/null
  done
  start_engine "$CONF" "$LOG"
  ln -s "$D/outside/dir" "$SHARE/res/${RES}202506120001.xml"
  ln -s "$secret" "$SHARE/res/${RES}202506120002.xml"
  mkdir "$SHARE/res/${RES}202506120003.xml"; echo x >"$SHARE/res/${RES}202506120003.xml/inner.xml"
  mkfifo "$SHARE/res/${RES}202506120008.xml"  # opening it would block
  good=$(checkin "$D" kenichi 20250612100100)
  for n in "${RES}2025..0004.xml" "$(printf "${RES}a\nb.xml")" \
           "$(printf "${RES}a\001b\033[31m.xml")" "XYZsiquc01res_202506120005.xml" \
           "OQSsiquc01req_202506120006.xml" "${RES}202506120007.XML"; do
    deliver "$good" res "$n"
  done
  deliver "$good" face "$(basename "$good")"
  check_wait "the real check-in imported" 30 \
    '[ "$(rows "state = '"'"'imported'"'"'")" = 1 ] && [ "$(sql "SELECT count(*) FROM onshi_confirmation")" = 1 ]'
  sleep 1  # a few more looks at the symlinks and the folder
  check "the symlinked file outside the share is untouched" \
    '[ "$(sha256sum <"$secret")" = "$sum" ]'
  check "the symlinked folder outside the share is untouched" \
    '[ "$(cat "$D/outside/dir/inner.xml")" = keep ]'
  check "nothing imported through a symlink" '[ "$(sql "SELECT count(*) FROM onshi_confirmation")" = 1 ]'
  check "no raw bytes stored for the unread ones" '[ "$(rows "state = '"'"'refused'"'"' AND raw IS NOT NULL")" = 0 ]'
  check_wait "the links, the folder and the fifo refused and recorded too" 10 \
    '[ "$(rows "state = '"'"'refused'"'"' AND refusal = '"'"'structure'"'"' AND error LIKE '"'"'%not a regular file%'"'"'")" = 5 ]'
  check_wait "only the six names of no result kind are left on the share" 10 \
    '[ "$(find "$SHARE/res" "$SHARE/face" -mindepth 1 -maxdepth 1 -printf x | wc -c)" = 6 ]'
  check "the six left alone: not recorded, bytes unchanged" \
    '[ "$(rows "true")" = 6 ] && [ "$(find "$SHARE/res" -type f -exec cmp -s "$good" {} \; -printf x | wc -c)" = 6 ]'
  check "one log line per refused entry (no line injection)" '[ "$(grep -c ONSHI-W-IMPORT-003 "$LOG")" = 5 ]'
  check "the links quarantined as links" '[ "$(find "$QUAR/1" -maxdepth 1 -type l | wc -l)" = 3 ]'
  check "a link still names its target (never followed, never copied)" \
    '[ "$(readlink "$QUAR/1/${RES}202506120002.xml")" = "$secret" ]'
  check "the folder quarantined as a whole" '[ "$(cat "$QUAR/1/${RES}202506120003.xml/inner.xml")" = x ]'
  check "the fifo quarantined" '[ -p "$QUAR/1/${RES}202506120008.xml" ]'
  check "the targets outside still untouched" \
    '[ "$(sha256sum <"$secret")" = "$sum" ] && [ "$(cat "$D/outside/dir/inner.xml")" = keep ]'
  check "the engine is still running" 'kill -0 "$ENGINE_PID"'
  check "log lines carry no control characters" '! LC_ALL=C grep -q "[[:cntrl:]]" "$LOG"'
  note "refusals: $(sql "SELECT refusal || ':' || count(*) FROM onshi_received_file WHERE state = 'refused' GROUP BY refusal ORDER BY 1" | tr '\n' ' ')"
  finish
}

case_untrusted_names_poll() { case_untrusted_names poll; }

# A file over the size limit is refused without being read (a sparse 17 MiB file).
case_too_large() {
  begin too_large inotify
  start_engine "$CONF" "$LOG"
  truncate -s 17M "$D/big"
  mv "$D/big" "$SHARE/face/${FACE}bbbbbbbbbbbbbbbbbbbb_20250612100002.xml"
  check_wait "refused as too large" 20 \
    '[ "$(state_of "${FACE}bbbbbbbbbbbbbbbbbbbb_20250612100002.xml")" = "refused too_large" ]'
  check "nothing of it stored" '[ "$(rows "raw IS NOT NULL")" = 0 ]'
  check_wait "moved off the share" 10 '[ "$(files_in "$SHARE/face")" = 0 ]'
  finish
}

# XXE, an entity bomb, deep nesting and invalid encodings: refused, quickly, in bounded memory.
case_hostile_xml() {
  begin hostile_xml inotify
  start_engine "$CONF" "$LOG"
  hwm0=$(vm_hwm_kib "$ENGINE_PID")
  h='<?xml version="1.0" encoding="UTF-8"?>'
  printf '%s\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<XmlMsg>&e;</XmlMsg>\n' "$h" \
    >"$D/xxe"
  { printf '%s\n<!DOCTYPE l [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' "$h"
    p=a; for e in b c d e f g h i j k; do
      printf '<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">' $e $p $p $p $p $p $p $p $p $p $p; p=$e
    done
    printf ']>\n<XmlMsg>&k;</XmlMsg>\n'; } >"$D/bomb"
  awk -v h="$h" 'BEGIN { printf "%s\n<XmlMsg>", h; for (i = 0; i < 200000; i++) printf "<a>";
    for (i = 0; i < 200000; i++) printf "</a>"; printf "</XmlMsg>\n" }' >"$D/deep"
  printf '%s\n<XmlMsg><MessageHeader>\377\376\300\200</MessageHeader></XmlMsg>\n' "$h" >"$D/badutf8"
  printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<XmlMsg>\201\377\240</XmlMsg>\n' >"$D/badsjis"
  printf '<?xml version="1.0" encoding="EBCDIC-JP"?>\n<XmlMsg/>\n' >"$D/badenc"
  i=0
  for f in xxe bomb deep badutf8 badsjis badenc; do
    i=$(( i + 1 ))
    deliver "$D/$f" face "${FACE}cccccccccccccccccccc_2025061210000$i.xml"
  done
  check_wait "all six refused" 30 '[ "$(rows "state = '"'"'refused'"'"'")" = 6 ]'
  check_wait "share emptied" 10 '[ "$(files_in "$SHARE/face")" = 0 ]'
  check "nothing imported" '[ "$(sql "SELECT count(*) FROM onshi_confirmation")" = 0 ]'
  check "the engine is still running" 'kill -0 "$ENGINE_PID"'
  check "no /etc/passwd content stored" \
    '[ "$(rows "position('"'"'root:'"'"'::bytea in coalesce(raw, '"''"'::bytea)) > 0")" = 0 ]'
  note "refusals: $(sql "SELECT refusal || ':' || count(*) FROM onshi_received_file GROUP BY refusal ORDER BY 1" | tr '\n' ' ')"
  note "engine peak RSS $hwm0 KiB before, $(vm_hwm_kib "$ENGINE_PID") KiB after (deep file $(wc -c <"$D/deep") bytes)"
  finish
}

# --- faults -------------------------------------------------------------------------------------

# A partial file that stays partial (and an empty one): "not ready" a few times, then refused
# after the grace; the looks are spaced out, not a flood.
case_partial_stays() {
  begin partial_stays inotify
  start_engine "$CONF" "$LOG"
  f=$(checkin "$D" goro 20250612100300)
  head -c 300 "$f" >"$SHARE/face/$(basename "$f")"
  : >"$SHARE/face/${FACE}dddddddddddddddddddd_20250612100301.xml"
  check_wait "truncated file refused as malformed" 20 \
    '[ "$(state_of "$(basename "$f")")" = "refused malformed" ]'
  check_wait "empty file refused as empty" 20 \
    '[ "$(state_of "${FACE}dddddddddddddddddddd_20250612100301.xml")" = "refused empty" ]'
  check "looked at again before (not ready)" 'grep -q ONSHI-I-IMPORT-004 "$LOG"'
  n=$(grep -c ONSHI-I-IMPORT-004 "$LOG")
  check "not-ready looks are bounded (<= 20 for two files)" '[ "$n" -le 20 ]'
  note "$n not-ready lines for two files"
  finish
}

# The share disappears and comes back (an SMB mount dropped and mounted again: a tmpfs mounted on
# the share folder is unmounted, where the machine allows it; else the folder is removed and made
# again); a file that arrives after is imported. The loss and the return are logged once per
# folder (ONSHI-E-WATCH-001, ONSHI-I-WATCH-002).
case_share_gone() {
  begin "share_gone_${1:-inotify}${2:+_$2}" "${1:-inotify}"
  mounted=""
  # The mount point itself is empty unless the case is about folders hidden under the mount.
  [ "${2:-}" = shadowed ] || rmdir "$SHARE/req" "$SHARE/res" "$SHARE/face"
  if mount -t tmpfs -o size=1m tmpfs "$SHARE" 2>/dev/null; then
    mounted=yes; MOUNTS="$SHARE $MOUNTS"; mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face"
  fi
  start_engine "$CONF" "$LOG"
  if [ -n "$mounted" ]; then umount "$SHARE"; else rm -rf "$SHARE"; fi
  check_wait "the loss is logged" 5 'grep -q ONSHI-E-WATCH-001 "$LOG"'
  sleep 1  # several rechecks while gone
  if [ -n "$mounted" ]; then mount -t tmpfs -o size=1m tmpfs "$SHARE"; fi
  mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face"
  checkin "$SHARE" taro 20250612100400 >/dev/null
  check_wait "the new file imported" 30 '[ "$(rows "state = '"'"'imported'"'"'")" = 1 ] && [ "$(files_in "$SHARE/face")" = 0 ]'
  check_wait "the return is logged" 5 'grep -q ONSHI-I-WATCH-002 "$LOG"'
  if [ "${2:-}" = shadowed ] && [ -n "$mounted" ]; then
    check "the folders hidden under the new mount are no longer watched (WATCH-004)" \
      'grep -q ONSHI-I-WATCH-004 "$LOG"'
  fi
  n=$(grep -c ONSHI-E-WATCH-001 "$LOG")
  check "one complaint per folder, not a flood (<= 3)" '[ "$n" -le 3 ]'
  note "${mounted:+tmpfs unmounted; }$n E-WATCH-001 lines, $(grep -c ONSHI-I-WATCH-002 "$LOG") WATCH-002 lines"
  stop_engine "$ENGINE_PID" || true; ENGINE_PID=""
  [ -z "$mounted" ] || { umount "$SHARE"; MOUNTS=""; }
  finish
}
case_share_gone_inotify() { case_share_gone inotify; }
case_share_gone_poll() { case_share_gone poll; }
# The share is unmounted while the mount point holds local res/ and face/ folders (made while it
# was not mounted), then mounted again: the watcher, having re-added the local folders, notices
# by their identity (st_dev, st_ino) that the path names the share's folders again and watches
# those; files on the share are imported.
case_share_gone_shadowed() { case_share_gone inotify shadowed; }

# A crash between writing a request's temporary file and renaming it into req/ leaves
# .onshi-<16 hex>.tmp in the share root (beside req/, where the link software never looks):
# patient data on the terminal for ever. The queue removes ours once they are 10 minutes old; a
# younger one may be another engine's write in progress on the same share and stays, and so do
# other programs' temporaries and anything of that name that is not a regular file. Requests
# are still written meanwhile.
case_stale_temp() {
  begin stale_temp inotify
  echo keep >"$D/outside/keep"
  printf '<XmlMsg/>' >"$SHARE/.onshi-0123456789abcdef.tmp"
  printf '<XmlMsg/>' >"$SHARE/.onshi-fedcba9876543210.tmp"  # young: another engine writing
  printf 'x' >"$SHARE/.tmp-OQSsiquc01res_1.xml"              # the terminal's
  ln -s "$D/outside/keep" "$SHARE/.onshi-aaaaaaaaaaaaaaaa.tmp"
  touch -d '-1 hour' "$SHARE/.onshi-0123456789abcdef.tmp" "$SHARE/.tmp-OQSsiquc01res_1.xml"
  touch -h -d '-1 hour' "$SHARE/.onshi-aaaaaaaaaaaaaaaa.tmp"
  touch -d '-1 minute' "$SHARE/.onshi-fedcba9876543210.tmp"
  start_engine "$CONF" "$LOG"
  check_wait "the stale temporary file removed" 10 '[ ! -e "$SHARE/.onshi-0123456789abcdef.tmp" ]'
  check_wait "its removal logged" 5 'grep -q ONSHI-I-QUEUE-004 "$LOG"'
  "$ADMIN" check --hospnum 1 --patient 000101 >/dev/null
  check_wait "a request written meanwhile" 20 '[ "$(files_in "$SHARE/req")" = 1 ]'
  sleep 1  # more queue passes
  check "the young one stays" '[ -f "$SHARE/.onshi-fedcba9876543210.tmp" ]'
  check "the terminal's stays" '[ -f "$SHARE/.tmp-OQSsiquc01res_1.xml" ]'
  check "a link of that name stays, its target untouched" \
    '[ -L "$SHARE/.onshi-aaaaaaaaaaaaaaaa.tmp" ] && [ "$(cat "$D/outside/keep")" = keep ]'
  check "logged once" '[ "$(grep -c ONSHI-I-QUEUE-004 "$LOG")" = 1 ]'
  check "no temporary file of the request left" \
    '[ "$(find "$SHARE" -maxdepth 1 -name ".onshi-*.tmp" -type f | wc -l)" = 1 ]'
  finish
}

# req/ cannot be written (made immutable with chattr +i: even root cannot create files in it): the
# job is not lost, the request is written once req/ is writable again.
case_readonly_req() {
  begin readonly_req inotify
  if ! chattr +i "$SHARE/req" 2>/dev/null; then
    note "skipped: chattr +i is not available here (needs root and ext4/xfs/btrfs)"; rm -rf "$D"; return
  fi
  start_engine "$CONF" "$LOG"
  "$ADMIN" check --hospnum 1 --patient 000101 >/dev/null
  check_wait "the write failure is recorded on the job" 20 \
    '[ -n "$(sql "SELECT last_error FROM onshi_job WHERE state = '"'"'pending'"'"'")" ]'
  check_wait "the write failure is logged (E-QUEUE-002)" 5 'grep -q "ONSHI-E-QUEUE-002" "$LOG"'
  check "the job is still pending" '[ "$(sql "SELECT state FROM onshi_job")" = pending ]'
  check "nothing in req/" '[ "$(files_in "$SHARE/req")" = 0 ]'
  check "status: req/ NOT WRITABLE" '"$ADMIN" status --hospnum 1 | grep -q "share: req/ NOT WRITABLE since"'
  n=$(grep -c ONSHI-E-QUEUE-002 "$LOG")
  chattr -i "$SHARE/req"
  check_wait "request written once req/ is writable (after the job's back-off)" 30 \
    '[ "$(files_in "$SHARE/req")" = 1 ]'
  check_wait "job sent" 10 '[ "$(sql "SELECT state FROM onshi_job")" = sent ]'
  check_wait "recovery logged (I-QUEUE-003)" 5 'grep -q ONSHI-I-QUEUE-003 "$LOG"'
  check "status: req/ writable again" '"$ADMIN" status --hospnum 1 | grep -q "share: req/ writable"'
  note "$n E-QUEUE-002 lines while read-only; job: $(sql "SELECT attempts || ' attempts, ' || state || ', next in ' || (next_attempt_at - now()) || ', ' || coalesce(last_error, '') FROM onshi_job")"
  finish
}

# The terminal stops answering: said once the facility's answer timeout (2 s here) has passed
# with no answer, long before the job's last attempt (20 here), and shown by onshi-admin status;
# said again, and no longer shown, once the terminal answers.
case_terminal_silent() {
  begin terminal_silent inotify "--answer-timeout 2 --max-attempts 20"
  start_engine "$CONF" "$LOG"
  "$ADMIN" check --hospnum 1 --patient 000101 >/dev/null
  check_wait "request written" 10 '[ "$(files_in "$SHARE/req")" = 1 ]'
  check_wait "the silence is logged (E-TERMINAL-001)" 20 'grep -q ONSHI-E-TERMINAL-001 "$LOG"'
  check "said before the job gave up" '[ "$(sql "SELECT state FROM onshi_job WHERE job_id = 1")" != failed ]'
  check "status: NOT ANSWERING" '"$ADMIN" status --hospnum 1 | grep -q "NOT ANSWERING since"'
  check "status: req/ writable" '"$ADMIN" status --hospnum 1 | grep -q "share: req/ writable"'
  check "recorded for the screens" \
    '[ "$(sql "SELECT silent_since IS NOT NULL FROM onshi_terminal_health")" = t ]'
  silent_notices="SELECT count(*) FROM onshi_notice WHERE hospnum = 1 AND kind = 'terminal_silent'"
  check "one notice for the screens, raised with the silence" '[ "$(sql "$silent_notices")" = 1 ]'
  check "onshi-admin notices list --pending shows it" \
    '"$ADMIN" notices list --facility 1 --pending | grep -q terminal_silent'
  "$SIM" run --share "$SHARE" --scenario "$SCENARIO" --delay-ms 100 --poll-ms 100 \
    >>"$D/sim.log" 2>&1 &
  sim=$!
  check_wait "job answered once the terminal is back" 60 \
    '[ "$(sql "SELECT state FROM onshi_job WHERE job_id = 1")" = answered ]'
  check_wait "recovery logged (I-TERMINAL-002)" 10 'grep -q ONSHI-I-TERMINAL-002 "$LOG"'
  check "status: answering again, with its answer time" \
    '"$ADMIN" status --hospnum 1 >"$D/status" && ! grep -q "NOT ANSWERING" "$D/status" && grep -q "answer time (last hour): median" "$D/status"'
  check "no longer recorded as silent" \
    '[ "$(sql "SELECT silent_since IS NULL FROM onshi_terminal_health")" = t ]'
  terminal_notices="SELECT string_agg(kind, ',' ORDER BY notice_id) FROM onshi_notice WHERE kind LIKE 'terminal%'"
  check "a notice that it answers again, and still one of the silence" \
    '[ "$(sql "$terminal_notices")" = "terminal_silent,terminal_answers" ]'
  note "$(grep -c ONSHI-E-TERMINAL-001 "$LOG") E-TERMINAL-001 line(s); job: $(sql "SELECT attempts || ' attempts' FROM onshi_job WHERE job_id = 1")"
  kill "$sim" 2>/dev/null; wait "$sim" 2>/dev/null
  finish
}

# The quarantine folder is full (a 256 KiB tmpfs, filled): the refused file stays on the share,
# recorded once; once there is room it is moved and nothing is recorded twice.
case_quarantine_full() {
  begin quarantine_full inotify
  if ! mount -t tmpfs -o size=256k tmpfs "$QUAR" 2>/dev/null; then
    note "skipped: cannot mount a small tmpfs here"; rm -rf "$D"; return
  fi
  MOUNTS="$QUAR $MOUNTS"
  dd if=/dev/zero of="$QUAR/filler" bs=4k 2>/dev/null
  start_engine "$CONF" "$LOG"
  name=OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml
  deliver "$ONSHI_FIXTURES/bad/$name" face "$name"
  check_wait "recorded as refused" 20 '[ "$(state_of "$name")" = "refused forbidden" ]'
  check_wait "the move failure is logged" 20 'grep -q ONSHI-E-IMPORT-006 "$LOG"'
  check "the file stays on the share meanwhile" '[ -f "$SHARE/face/$name" ]'
  rm -f "$QUAR/filler"
  check_wait "moved to the quarantine once there is room" 60 '[ ! -e "$SHARE/face/$name" ]'
  check "in the quarantine" '[ -n "$(find "$QUAR" -type f -name "$name")" ]'
  check "recorded once" '[ "$(rows "true")" = 1 ]'
  note "$(grep -c ONSHI-E-IMPORT-006 "$LOG") E-IMPORT-006 lines while full"
  stop_engine "$ENGINE_PID"; ENGINE_PID=""
  umount "$QUAR"; MOUNTS=""
  finish
}

# Control characters and invalid UTF-8 in names from the share (ESC sequences that would clear a
# terminal or set its title, CR that hides what came before, TAB, DEL, C1 CSI, a Shift_JIS byte,
# a long name whose escaped form is cut) and in an error text taken from a file (its XML
# declaration's encoding label). The names match no result kind: left alone (another
# program's), only named in the debug log; the file with the bad label is refused and recorded at
# once (no endless database error). The engine log holds them escaped (\xNN), never raw.
case_control_chars_logged() {
  begin control_chars_logged inotify
  start_engine "$CONF" "$LOG"
  good=$(checkin "$D" kenichi 20250612100700)
  for n in "$(printf "${RES}\033[2J\033]0;owned\007a.xml")" "$(printf "${RES}b\rINFO engine: fake.xml")" \
           "$(printf "${RES}c\td\177\302\233e\203.xml")"; do
    deliver "$good" res "$n"
  done
  # 240 bytes, 264 escaped for the database: its 255-byte cut must not split a character.
  long="${RES}$(printf '\001%.0s' 1 2 3 4 5 6 7 8 9 10 11 12)$(printf '\343\201\202%.0s' $(seq 70)).xml"
  deliver "$good" res "$long"
  printf '<?xml version="1.0" encoding="\033[31mX\rY\203"?>\n<XmlMsg/>\n' >"$D/label"
  deliver "$D/label" face "${FACE}eeeeeeeeeeeeeeeeeeee_20250612100701.xml"
  check_wait "the bad label refused and recorded" 30 '[ "$(rows "state = '"'"'refused'"'"'")" = 1 ]'
  check_wait "one refusal line" 5 '[ "$(grep -c ONSHI-W-IMPORT-003 "$LOG")" = 1 ]'
  check_wait "each name seen and left" 10 '[ "$(grep -c ": not ours (" "$LOG")" -ge 4 ]'
  check "the names of no result kind stay, unrecorded" \
    '[ "$(files_in "$SHARE/res")" = 4 ] && [ "$(files_in "$SHARE/face")" = 0 ] && [ "$(rows "true")" = 1 ]'
  check "no database error" '! grep -q ONSHI-E-IMPORT-005 "$LOG"'
  check "no control character in the recorded names and refusal texts" \
    '[ "$(rows "file_name ~ '"'"'[[:cntrl:]]'"'"' OR error ~ '"'"'[[:cntrl:]]'"'"'")" = 0 ]'
  check "no raw control character in the log" '! LC_ALL=C grep -q "[[:cntrl:]]" "$LOG"'
  check "the log is valid UTF-8" 'iconv -f UTF-8 -t UTF-8 "$LOG" >/dev/null'
  e1='res/OQSsiquc01res_\x1B[2J\x1B]0;owned\x07a.xml: not ours'
  e2='res/OQSsiquc01res_b\x0DINFO engine: fake.xml: not ours'
  e3='res/OQSsiquc01res_c\x09d\x7F\xC2\x9Be\x83.xml: not ours'
  e4='unsupported encoding "\x1B[31mX\x0DY\x83"'
  for e in "$e1" "$e2" "$e3" "$e4"; do
    check "shown escaped: $e" 'grep -F -q -- "$e" "$LOG"'
  done
  finish
}

# Clock jumps around the evening bulk pre-check's batch time (18:00). The engine's wall clock is
# moved with the test-only offset file (ONSHI_TEST_CLOCK_OFFSET_FILE, common/clock.h; replaced
# with mv, the engine logs each new offset); its timers run on the steady clock. Days 3-6 from
# now, each with a reservation on the next one. Forward past batch_time: it runs once. Back
# before batch_time, then past it again: not again that day. Over midnight: nothing before the
# next day's batch_time, then that day's run once; straight past the next batch_time too. Back
# to an earlier day: nothing.
case_clock_jumps() {
  begin clock_jumps inotify
  d0=$(date -d "+3 days" +%F); d1=$(date -d "+4 days" +%F); d2=$(date -d "+5 days" +%F)
  d3=$(date -d "+6 days" +%F)
  ymd() { echo "$1" | tr -d -; }
  sql "DELETE FROM tbl_yyk WHERE hospnum = 1" >/dev/null
  i=0
  for r in "$d1 101" "$d2 102" "$d3 104"; do
    i=$(( i + 1 ))
    sql "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, yykmaxcnt, yykcnt,
           yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi)
         VALUES (1, '01', '10001', '$(ymd ${r% *})', 1000, 0, 10, 1, 0, 0, '', '', '', '', ' '),
                (1, '01', '10001', '$(ymd ${r% *})', 1000, 1, 0, 0, 1015, ${r#* }, '', '01', '01', '  ', ' ')" >/dev/null
  done
  sql "UPDATE onshi_facility SET batch_time = '18:00', enabled_at = now() - interval '1 day'" >/dev/null
  runs() { grep -c ONSHI-I-BULK-001 "$LOG"; }
  # set_clock "YYYY-MM-DD HH:MM:SS": the engine's wall clock is there from its next look.
  set_clock() {
    OFF=$(( $(date -d "$1" +%s) - $(date +%s) ))
    echo "$OFF" >"$D/clock.tmp"; mv "$D/clock.tmp" "$D/clock"
  }
  # clock_at TIME: set_clock, a bounded wait until the engine logged the new offset (its next
  # queue pass), then 1 s more: five queue passes at queue_interval_ms 200.
  clock_at() {
    set_clock "$1"
    check_wait "the engine's clock moved to $1" 10 'grep -q "test clock offset $OFF s" "$LOG"'
    sleep 1
  }
  set_clock "$d0 17:59:00"
  ONSHI_TEST_CLOCK_OFFSET_FILE="$D/clock"; export ONSHI_TEST_CLOCK_OFFSET_FILE
  start_engine "$CONF" "$LOG"
  unset ONSHI_TEST_CLOCK_OFFSET_FILE
  check_wait "the engine's clock at $d0 17:59" 10 'grep -q "test clock offset $OFF s" "$LOG"'
  sleep 1
  check "not before batch_time" '[ "$(runs)" = 0 ] && [ "$(sql "SELECT count(*) FROM onshi_bulk_run")" = 0 ]'
  clock_at "$d0 18:00:30"
  check_wait "forward past batch_time: it runs" 10 '[ "$(runs)" = 1 ]'
  sleep 1
  check "once" '[ "$(runs)" = 1 ]'
  clock_at "$d0 17:30:00"
  check "back before batch_time: not again" '[ "$(runs)" = 1 ]'
  clock_at "$d0 18:05:00"
  check "past batch_time again the same day: not again" '[ "$(runs)" = 1 ]'
  clock_at "$d1 00:00:30"
  check "over midnight, before the next batch_time: not yet" '[ "$(runs)" = 1 ]'
  clock_at "$d1 18:00:10"
  check_wait "the next day at batch_time: it runs" 10 '[ "$(runs)" = 2 ]'
  sleep 1
  check "once" '[ "$(runs)" = 2 ]'
  clock_at "$d2 20:00:00"
  check_wait "over midnight straight past batch_time: it runs" 10 '[ "$(runs)" = 3 ]'
  sleep 1
  check "once" '[ "$(runs)" = 3 ]'
  clock_at "$d1 19:00:00"
  check "back a day: not again" '[ "$(runs)" = 3 ]'
  check "one run per day, recorded" \
    '[ "$(sql "SELECT string_agg(run_date || '"'"':'"'"' || coalesce(day, '"'"'-'"'"'), '"'"' '"'"' ORDER BY run_date) FROM onshi_bulk_run")" = "$(ymd $d0):$(ymd $d1) $(ymd $d1):$(ymd $d2) $(ymd $d2):$(ymd $d3)" ]'
  check "one scheduled batch per next day" \
    '[ "$(sql "SELECT string_agg(day || '"'"' '"'"' || trigger, '"'"','"'"' ORDER BY day) FROM onshi_bulk_batch")" = "$(ymd $d1) schedule,$(ymd $d2) schedule,$(ymd $d3) schedule" ]'
  check "the engine is still running" 'kill -0 "$ENGINE_PID"'
  note "runs: $(sql "SELECT string_agg(run_date || ' -> ' || coalesce(day, '-') || ' batch ' || coalesce(batch_id::text, coalesce(note, '-')), '; ' ORDER BY run_date) FROM onshi_bulk_run")"
  finish
}

# A name with a backslash (the Windows path separator) matches no result kind: another
# program's, left where it is, without a database error (it used to fail on every look,
# E-IMPORT-005, retried with back-off for ever) and without a record.
case_backslash_name() {
  begin backslash_name inotify
  start_engine "$CONF" "$LOG"
  f=$(checkin "$D" kenichi 20250612100600)
  deliver "$f" res "${RES}a\\b.xml"
  check_wait "seen and left alone" 20 'grep -F -q "b.xml: not ours" "$LOG"'
  check "still on the share, not recorded" '[ "$(files_in "$SHARE/res")" = 1 ] && [ "$(rows "true")" = 0 ]'
  check "no database error (E-IMPORT-005)" '! grep -q ONSHI-E-IMPORT-005 "$LOG"'
  finish
}

# Quarantined files and their folder are readable by the service user only (0600 / 0700).
case_quarantine_modes() {
  begin quarantine_modes inotify
  start_engine "$CONF" "$LOG"
  name=OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml
  cp "$ONSHI_FIXTURES/bad/$name" "$D/x"; chmod 644 "$D/x"; mv "$D/x" "$SHARE/face/$name"
  check_wait "quarantined" 20 '[ -n "$(find "$QUAR" -type f -name "$name")" ]'
  q=$(find "$QUAR" -type f -name "$name")
  note "modes: folder $(stat -c %a "$QUAR/1"), file $(stat -c %a "$q")"
  check "quarantine folder 0700" '[ "$(stat -c %a "$QUAR/1")" = 700 ]'
  check "quarantined file 0600" '[ "$(stat -c %a "$q")" = 600 ]'
  finish
}

# --- the same content twice ---------------------------------------------------------------------

# The same check-in delivered twice under two names is imported once (sql/0010).
case_same_content_two_names() {
  begin same_content_two_names inotify
  start_engine "$CONF" "$LOG"
  f=$(checkin "$D" taro 20250612100500)
  deliver "$f" face "$(basename "$f")"
  deliver "$f" face "$(basename "$f" | sed "s/_20250612100500/_20250612100559/")"
  check_wait "both taken from the share" 20 '[ "$(files_in "$SHARE/face")" = 0 ]'
  check "one confirmation" '[ "$(sql "SELECT count(*) FROM onshi_confirmation")" = 1 ]'
  check "the second logged as already imported" 'grep -q ONSHI-I-IMPORT-002 "$LOG"'
  note "rows: $(sql "SELECT file_name || ' ' || state || ' ' || coalesce(refusal, '') FROM onshi_received_file" | tr "\n" " ")"
  finish
}

# Refusals name the element and the rule, never the value: check-ins of sample people made invalid
# in a personal field (a birthdate that is no date, a postal code, a card number, a name too long,
# Sex2) are refused; the values put in are added to the privacy scan's list, which then reads the
# engine log, the refusal texts recorded in the database and `onshi-admin inspect`'s output.
case_private_refusals() {
  begin private_refusals inotify
  start_engine "$CONF" "$LOG"
  long=$(python3 -c 'print("架空長名" * 30)')
  i=10
  for spec in "Birthdate 19850231" "PostNumber 1a3-4567" "InsuredIdentificationNumber 9876543210987654321098765" \
              "Name $long" "Sex2 7" "Birthdate 2O250612"; do
    el=${spec%% *}; val=${spec#* }
    f=$(checkin "$D" taro "202506121100$i")
    sed "s|<$el>[^<]*</$el>|<$el>$val</$el>|" "$f" >"$D/edited"
    grep -q "<$el>$val</$el>" "$D/edited" || sed -i "s|</Name>|</Name><$el>$val</$el>|" "$D/edited"
    [ "$el" = Sex2 ] || printf '%s\n' "$val" >>"$WORK/injected-values"
    "$ADMIN" inspect "$D/edited" >>"$D/inspect.log" 2>&1 || true
    deliver "$D/edited" face "$(basename "$f")"
    i=$(( i + 1 ))
  done
  check_wait "the six refused as invalid" 30 \
    '[ "$(rows "state = '"'"'refused'"'"' AND refusal = '"'"'invalid'"'"'")" = 6 ]'
  sql "SELECT error FROM onshi_received_file WHERE error IS NOT NULL" >"$D/refusal-texts.log"
  check "each refusal names the element" \
    '[ "$(grep -c -E "Birthdate|PostNumber|InsuredIdentificationNumber|Name|Sex2" "$D/refusal-texts.log")" = 6 ]'
  check "inspect refused them too" '[ "$(grep -c "\"accepted\": *false" "$D/inspect.log")" = 6 ]'
  finish
}

# The terminal renames another check-in over a file whose import waits for the database (another
# session holds the received-file table): only the file that was read is removed; the new one
# stays, is looked at again (ONSHI-I-IMPORT-007) and imported too. Nothing lost, nothing twice.
case_replaced_while_waiting() {
  begin replaced_while_waiting inotify
  start_engine "$CONF" "$LOG"
  # The day's retention purge (first queue pass) runs on the engine's loop and would wait for the
  # table too, holding up the watcher: let it be done first.
  check_wait "the daily purge ran" 10 '[ "$(sql "SELECT count(*) FROM onshi_purge_run")" -ge 1 ]'
  first=$(checkin "$D" taro 20250612100800)
  second=$(checkin "$D" kenichi 20250612100801)
  name=$(basename "$first")
  psql -X -q -v ON_ERROR_STOP=1 -c "BEGIN; LOCK TABLE onshi_received_file IN SHARE ROW EXCLUSIVE MODE;
    SELECT pg_sleep(4); COMMIT;" >/dev/null 2>&1 &
  locker=$!
  wait_until 10 '[ "$(sql "SELECT count(*) FROM pg_locks WHERE relation = '"'"'onshi_received_file'"'"'::regclass AND mode = '"'"'ShareRowExclusiveLock'"'"' AND granted")" = 1 ]'
  deliver "$first" face "$name"
  # (the import's claim of the file, not the daily purge, which waits for the table too)
  check_wait "the import waits for the table" 10 \
    '[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = '"'"'Lock'"'"' AND datname = current_database() AND query LIKE '"'"'%INSERT INTO onshi_received_file%'"'"'")" -ge 1 ]'
  deliver "$second" face "$name"  # renamed over it meanwhile
  wait "$locker"
  check_wait "both imported: the first as read, the second at the next look" 20 \
    '[ "$(rows "state = '"'"'imported'"'"'")" = 2 ] && [ "$(sql "SELECT count(*) FROM onshi_confirmation")" = 2 ]'
  check "the replacement was noticed and left (IMPORT-007)" 'grep -q ONSHI-I-IMPORT-007 "$LOG"'
  check_wait "the share emptied after the second import" 10 '[ "$(files_in "$SHARE/face")" = 0 ]'
  check "the raw bytes of each are what was delivered" \
    '[ "$(sql "SELECT count(*) FROM onshi_received_file WHERE content_sha256 IN (decode('"'"'$(sha256sum <"$first" | cut -c1-64)'"'"', '"'"'hex'"'"'), decode('"'"'$(sha256sum <"$second" | cut -c1-64)'"'"', '"'"'hex'"'"'))")" = 2 ]'
  finish
}

# A malformed check-in whose modification time is a day ahead (a terminal with a wrong clock) is
# "not ready" at most for the grace period (here: refused at the first look), never for ever.
case_future_mtime() {
  begin future_mtime inotify
  start_engine "$CONF" "$LOG"
  f=$(checkin "$D" goro 20250612100900)
  head -c 300 "$f" >"$D/cut"
  touch -d "+1 day" "$D/cut"
  mv "$D/cut" "$SHARE/face/$(basename "$f")"
  check_wait "refused (a time in the future is no reason to wait)" 30 '[ "$(state_of "$(basename "$f")")" = "refused malformed" ]'
  n=$(grep -c ONSHI-I-IMPORT-004 "$LOG")
  check "few not-ready looks (<= 20)" '[ "$n" -le 20 ]'
  note "$n not-ready lines"
  finish
}

# req/ replaced by a symbolic link to a folder outside the share: no request (card numbers,
# birthdate) is ever written through it; the job waits and the failure is logged.
case_req_symlink() {
  begin req_symlink inotify
  mkdir -p "$D/elsewhere"
  rmdir "$SHARE/req" && ln -s "$D/elsewhere" "$SHARE/req"
  start_engine "$CONF" "$LOG"
  "$ADMIN" check --hospnum 1 --patient 000101 >/dev/null
  check_wait "the write failure is recorded on the job" 20 \
    '[ -n "$(sql "SELECT last_error FROM onshi_job WHERE state = '"'"'pending'"'"'")" ]'
  sleep 1
  check "nothing written through the link" '[ -z "$(ls -A "$D/elsewhere")" ]'
  check "nothing left in the share root either" '[ -z "$(find "$SHARE" -maxdepth 1 -type f)" ]'
  check "the failure names the link" 'grep ONSHI-E-QUEUE-002 "$LOG" | grep -q "symbolic link"'
  finish
}

# A refused 64 MiB check-in (sparse, over the 16 MiB limit) is quarantined onto another filesystem
# (a tmpfs share, the quarantine on disk): streamed in chunks, never read whole into memory.
case_large_across_filesystems() {
  begin large_across_filesystems inotify
  if ! mount -t tmpfs -o size=128m tmpfs "$SHARE" 2>/dev/null; then
    note "skipped: cannot mount a tmpfs here"; rm -rf "$D"; return
  fi
  MOUNTS="$SHARE"
  mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face"
  start_engine "$CONF" "$LOG"
  hwm0=$(awk '/VmHWM/ { print $2 }' "/proc/$ENGINE_PID/status")  # a sanitizer build starts high
  truncate -s 64M "$SHARE/.big"
  mv "$SHARE/.big" "$SHARE/face/${FACE}ffffffffffffffffffff_20250612101000.xml"
  check_wait "refused as too large and quarantined" 30 \
    '[ "$(state_of "${FACE}ffffffffffffffffffff_20250612101000.xml")" = "refused too_large" ] && [ "$(files_in "$SHARE/face")" = 0 ]'
  check "the quarantined copy is whole" \
    '[ "$(stat -c %s "$(find "$QUAR" -type f -name "${FACE}ffff*")")" = 67108864 ]'
  hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$ENGINE_PID/status")
  note "engine peak RSS ${hwm0} kB before, ${hwm} kB after"
  check "the engine's peak memory grows far less than the file (< 32 MiB)" '[ $(( hwm - hwm0 )) -lt 32768 ]'
  stop_engine "$ENGINE_PID"; ENGINE_PID=""
  umount "$SHARE"; MOUNTS=""
  finish
}

# --- privacy: no personal value of any sample person in any log line ----------------------------
privacy_scan() {
  CASE=privacy_scan
  CASE_OK=yes
  vals="$WORK/personal-values"
  python3 "$ONSHI_SRCDIR/tests/faults/personal_values.py" "$SCENARIO" \
    "$ONSHI_SRCDIR/tests/host/sample_people.sql" >"$vals" || { echo "FAIL privacy_scan: no values"; failed=$(( failed + 1 )); return; }
  # ... and the values the refusal cases put into invalid fields (case_private_refusals)
  [ ! -f "$WORK/injected-values" ] || cat "$WORK/injected-values" >>"$vals"
  LC_ALL=C grep -v '[^ -~]' "$vals" >"$vals.ascii"   # numbers, dates: whole words only
  LC_ALL=C grep '[^ -~]' "$vals" >"$vals.text"       # names, kana, addresses: anywhere
  logs=$(find "$WORK" -name '*.log' -type f | sort)
  hits=$(printf '%s\n' "$logs" | xargs -r grep -H -F -w -f "$vals.ascii" | head -n 5)
  hits=$hits$(printf '%s\n' "$logs" | xargs -r grep -H -F -f "$vals.text" | head -n 5)
  if [ -n "$hits" ]; then
    echo "  FAIL privacy_scan: personal values in logs:"; printf '%s\n' "$hits" | sed 's/^/  | /'
    CASE_OK=no
  fi
  echo "  privacy_scan: $(wc -l <"$vals") values, $(printf '%s\n' "$logs" | wc -l) logs, $(cat $logs | wc -l) lines"
  if [ "$CASE_OK" = yes ]; then passed=$(( passed + 1 )); echo "ok   privacy_scan"; else failed=$(( failed + 1 )); fi
}

# --- main ---------------------------------------------------------------------------------------
make_host_template faults_template 40 || { echo "template database failed"; echo "0 passed, 1 failed"; exit 1; }
default="untrusted_names untrusted_names_poll too_large hostile_xml partial_stays share_gone_inotify share_gone_poll share_gone_shadowed stale_temp readonly_req terminal_silent quarantine_full quarantine_modes backslash_name control_chars_logged clock_jumps same_content_two_names private_refusals replaced_while_waiting future_mtime req_symlink large_across_filesystems"
for c in ${*:-$default}; do
  "case_$c"
done
# The end-to-end cases again, with debug logging, for the privacy scan (all but reload, which
# appends its own log_level line).
if [ "${FAULTS_WITH_E2E:-yes}" = yes ]; then
  mkdir -p "$WORK/e2e"
  if TMPDIR="$WORK/e2e" E2E_KEEP=1 E2E_LOG_LEVEL=debug sh "$ONSHI_SRCDIR/tests/e2e/e2e_cases.sh" \
       engine_down checkin_links duplicate other_institution refused polling two_engines db_down \
       qualification_check >"$WORK/e2e.out" 2>&1; then
    echo "ok   e2e cases with debug logging ($(grep "passed," "$WORK/e2e.out"))"
  else
    echo "  note: e2e cases with debug logging: $(grep "passed," "$WORK/e2e.out") (their own test reports failures)"
  fi
fi
privacy_scan
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
