#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# The two GnuCOBOL screen programs (built by make from hooks/screens/*.cob with the generated
# copybooks) drive onshi_link.so the way the host's screens would:
#   1. registration: ask by insurance number for seeded patient 101 (whose branch number the
#      host does not know), the engine and the terminal simulator answer, poll until done,
#      show status and differences, accept the branch-number update; the host row changed.
#   2. reception: a person the clinic does not know checks in with a card; the reception
#      screen creates the new patient from the returned data.
#   3. apply: patient 101's result applied as a changed card, then as an added insurance; the
#      host rows checked after each apply and after each undo (byte-equal to before).

#   3b. pre-fill: in apply mode prefill the add writes nothing but a pre-fill; the registration
#      screen loads it, the rows are saved as ORCA's registration writes them, the screen tells
#      onshi-link (insurance_saved); host rows, pre-fill, result and audit checked after each step.
#   4. notices: the notice screen shows that check-in's notice (no patient) and acknowledges
#      every notice at one workstation; another workstation still sees them.
# The COBOL runtime loads the module by name: COB_LIBRARY_PATH + COB_PRE_LOAD=onshi_link.
set -eu
b="${ONSHI_BUILDDIR:-$(pwd)}"
ONSHI_SRCDIR="${ONSHI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export ONSHI_SRCDIR
if [ "${1:-}" != "--inside" ]; then
  exec sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" run sh "$0" --inside
fi
src=$ONSHI_SRCDIR
work=$(mktemp -d "${TMPDIR:-/tmp}/onshi-cobol.XXXXXX")
trap 'rm -rf "$work"' EXIT
share="$work/share"
mkdir -p "$share/req" "$share/res" "$share/face" "$work/quarantine"

fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qAt -v ON_ERROR_STOP=1 -c "$1"; }

# An older host (no branch numbers known), upgraded by the migrations, facility 1 enabled.
createdb orca
PGDATABASE=orca
export PGDATABASE
psql -q -v ON_ERROR_STOP=1 -f "$src/tests/host/reference_host_schema.sql"
# The fixtures' sample people only (written the way ORCA stores rows; seed_host generates them).
"$b/tests/host/seed_host" --patients 0 --data-dir "$src/tests/host" | psql -q -v ON_ERROR_STOP=1 >/dev/null
"$b/plugin/admin/onshi-admin" migrate >/dev/null
"$b/plugin/admin/onshi-admin" enable --hospnum 1 --institution-code 1312345678 \
  --share "$share" >/dev/null

sim="$b/plugin/sim/onshi-terminal-sim"
scenario="$src/tests/sim/scenario-demo.json"
cat > "$work/engine-step.sh" <<STEP
#!/bin/sh
# One engine round: queue pass -> the simulator answers -> every answer imported.
"$b/hooks/tests/engine_step" queue "$work/quarantine" 2>/dev/null
"$sim" run --once --delay-ms 0 --share "$share" --scenario "$scenario" >/dev/null 2>&1
"$b/hooks/tests/engine_step" import "$work/quarantine" 2>/dev/null
STEP
COB_LIBRARY_PATH="$b/hooks/.libs"
COB_PRE_LOAD=onshi_link
ONSHI_LOCALE_DIR="$b/po/locale"
ONSHI_ENGINE_STEP="sh $work/engine-step.sh"
export COB_LIBRARY_PATH COB_PRE_LOAD ONSHI_LOCALE_DIR ONSHI_ENGINE_STEP
# In a sanitizer build the COBOL programs (not instrumented) must load the ASan and UBSan
# runtimes before the module; only they get it (psql and the shell must not). Leaks are valgrind_init.sh's job in
# a plain build; libcob's own are not ours.
screen=""
if [ "${ONSHI_SANITIZERS:-no}" = yes ]; then
  preload="$(${CC:-cc} -print-file-name=libasan.so):$(${CC:-cc} -print-file-name=libubsan.so)"
  screen="env LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0"
fi

echo "== registration screen (COBOL): patient 101, ask by insurance number, accept branch"
[ -z "$(q "SELECT edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101")" ] ||
  fail "patient 101 already has a branch number"
ONSHI_PTID=101 ONSHI_ACCEPT=branch ONSHI_LANG=ja $screen "$b/hooks/screens/registration-screen" ||
  fail "registration screen program failed"
[ "$(q "SELECT edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101")" = "00" ] ||
  fail "the branch number was not written to the host"
[ "$(q "SELECT count(*) FROM onshi_confirmation WHERE ptid = 101 AND resolution = 'accepted'")" = 1 ] ||
  fail "the accepted update was not recorded"

echo "== reception screen (COBOL): card check-in of an unknown person -> new patient"
"$sim" checkin --share "$share" --scenario "$scenario" --person towa >/dev/null 2>&1
ONSHI_ENGINE_STEP="$b/hooks/tests/engine_step import $work/quarantine" ONSHI_LANG=en \
  ONSHI_ACTION=N $screen "$b/hooks/screens/reception-screen" || fail "reception screen program failed"
new=$(q "SELECT p.ptid || '|' || rtrim(n.ptnum) || '|' || h.hknjanum || '|' || h.num
           FROM tbl_ptinf p JOIN tbl_ptnum n USING (hospnum, ptid)
           JOIN tbl_pthkninf h USING (hospnum, ptid)
          WHERE p.hospnum = 1 AND p.birthday = '19990909'")
[ -n "$new" ] || fail "no new patient in the host"
echo "new patient: $new"
ptid=${new%%|*}
[ "$(q "SELECT state FROM onshi_reference_number WHERE hospnum = 1 AND ptid = $ptid")" = pending ] ||
  fail "the new patient's reference number was not queued"
echo "== apply screen (COBOL): patient 101's result applied (change, add), each undone"
rid=$(q "SELECT max(confirmation_id) FROM onshi_confirmation WHERE hospnum = 1 AND ptid = 101
           AND link_state = 'linked'")
[ -n "$rid" ] || fail "no linked result of patient 101"
rows() {
  for t in tbl_ptnum tbl_pthkninf tbl_pthknrrk tbl_hkncombi; do
    q "SELECT '$t:' || coalesce(string_agg(t::text, ' / ' ORDER BY t::text), '')
         FROM $t t WHERE hospnum = 1 AND ptid = 101"
  done
}
today=$(q "SELECT to_char(current_date, 'YYYYMMDD')")
yesterday=$(q "SELECT to_char(current_date - 1, 'YYYYMMDD')")
q "UPDATE onshi_confirmation SET card_number = '424242', branch_number = '01'
    WHERE confirmation_id = $rid"
before=$(rows)
ONSHI_RESULT=$rid ONSHI_PTID=101 ONSHI_MODE=change ONSHI_LANG=ja $screen \
  "$b/hooks/screens/apply-screen" || fail "apply screen (change) failed"
[ "$(q "SELECT num || '|' || edaban || '|' || kakuninymd || '|' || opid FROM tbl_pthkninf
         WHERE hospnum = 1 AND ptid = 101 AND hknid = 1")" = "４２４２４２|01|$today|clerk1" ] ||
  fail "the changed card is not in the host"
audit=$(q "SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply' AND info_id = $rid")
ONSHI_ACTION=U ONSHI_AUDIT=$audit ONSHI_LANG=en $screen "$b/hooks/screens/apply-screen" ||
  fail "apply screen (undo change) failed"
[ "$(rows)" = "$before" ] || fail "the undo of the change did not restore the rows"
ONSHI_ACTION=U ONSHI_AUDIT=$audit ONSHI_EXPECT=08 $screen "$b/hooks/screens/apply-screen" ||
  fail "a second undo was not refused"

q "UPDATE onshi_confirmation SET insurer_number = '138998', card_symbol = '千架',
    card_number = '777', contribution_ratio = '030' WHERE confirmation_id = $rid"
ONSHI_RESULT=$rid ONSHI_PTID=102 ONSHI_MODE=add ONSHI_EXPECT=08 $screen \
  "$b/hooks/screens/apply-screen" || fail "an apply for another patient was not refused"
[ "$(rows)" = "$before" ] || fail "a refused apply wrote to the host"
ONSHI_RESULT=$rid ONSHI_PTID=101 ONSHI_MODE=add $screen "$b/hooks/screens/apply-screen" ||
  fail "apply screen (add) failed"
new=$(q "SELECT hknid || '|' || hknnum || '|' || rtrim(hknjanum) || '|' || num || '|' || hojokbn
           || '|' || tekstymd || '|' || tekedymd FROM tbl_pthkninf
          WHERE hospnum = 1 AND ptid = 101 AND hknid > 1")
[ "$new" = "2|060|138998|７７７|3|$today|99999999" ] || fail "the added insurance is wrong: $new"
[ "$(q "SELECT tekedymd FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101 AND hknid = 1")" = \
  "$yesterday" ] || fail "the old insurance was not ended the day before"
[ "$(q "SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 101 AND hknid = 2
         AND tekstymd = '$today' AND tekedymd = '99999999'")" = 1 ] ||
  fail "no insurance combination for the added insurance"
ONSHI_RESULT=$rid ONSHI_PTID=101 ONSHI_MODE=add ONSHI_EXPECT=08 $screen \
  "$b/hooks/screens/apply-screen" || fail "a second apply was not refused"
audit=$(q "SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply' AND info_id = $rid")
ONSHI_ACTION=U ONSHI_AUDIT=$audit $screen "$b/hooks/screens/apply-screen" ||
  fail "apply screen (undo add) failed"
[ "$(rows)" = "$before" ] || fail "the undo of the add did not restore the rows"

echo "== pre-fill (COBOL): apply mode prefill; the add pre-fills the registration screen, which saves"
"$b/plugin/admin/onshi-admin" enable --hospnum 1 --apply-mode prefill >/dev/null
ONSHI_RESULT=$rid ONSHI_PTID=101 ONSHI_MODE=add $screen "$b/hooks/screens/apply-screen" ||
  fail "apply screen (add, prefill mode) failed"
[ "$(rows)" = "$before" ] || fail "an apply in prefill mode wrote to the host"
[ "$(q "SELECT state || '|' || mode FROM onshi_prefill WHERE confirmation_id = $rid")" = \
  "pending|add" ] || fail "no pending pre-fill"
[ "$(q "SELECT coalesce(resolution, '-') FROM onshi_confirmation WHERE confirmation_id = $rid")" \
  != applied ] || fail "the result was resolved before registration saved"
out=$(ONSHI_PTID=101 ONSHI_PREFILL=load ONSHI_LANG=en $screen \
  "$b/hooks/screens/registration-screen") || { echo "$out"; fail "registration screen (load pre-fill) failed"; }
echo "$out"
line=$(echo "$out" | grep '^PREFILL|') || fail "the screen showed no pre-fill"
# PREFILL|id|action|hknid|hknnum|insurer|symbol|number|branch|family|hojokbn|acquired|from|to|
# confirmed|end count|ended hknid|ended to|koh count|insured name|
IFS='|' read -r _ pid action _ hknnum insurer symbol number branch family hojokbn acquired from to \
  confirmed ends ended ended_to kohs name _ <<EOF2
$line
EOF2
[ "$action|$hknnum|$insurer|$number|$hojokbn|$from|$to|$ends|$ended|$ended_to|$kohs" = \
  "A|060|138998|７７７|3|$today|99999999|1|0001|$yesterday|0" ] ||
  fail "the pre-fill does not show the added card: $line"
# Registration (ORCGP029) saves what the screen shows: hknid = tbl_ptnum.hknid + 1, every column
# written (blank as '', never NULL), the combination (shaped as the patient's existing one), the
# replaced insurance and its combinations ended the day before.
new_hknid=$(q "UPDATE tbl_ptnum SET hknid = hknid + 1, autocombinum = autocombinum + 1,
                 upymd = '$today', uphms = '120000', opid = 'clerk1'
               WHERE hospnum = 1 AND ptid = 101 RETURNING hknid")
q "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, hihknjaname, honkzkkbn,
     hojokbn, contkbn, kigo, num, skkgetymd, tekstymd, tekedymd, kakuninymd, sakjokbn, termid, opid,
     creymd, upymd, uphms, edaban)
   VALUES (1, 101, $new_hknid, '$hknnum', '$insurer', '$name', '$family', '$hojokbn', '', '$symbol',
     '$number', '$acquired', '$from', '$to', '$today', '', '', 'clerk1', '$today', '$today',
     '120000', '$branch')"
q "INSERT INTO tbl_hkncombi SELECT (jsonb_populate_record(NULL::tbl_hkncombi, to_jsonb(c)
     || jsonb_build_object('hkncombinum', p.autocombinum, 'hknid', $new_hknid, 'hknnum', '$hknnum',
        'honkzkkbn', '$family', 'hojokbn', '$hojokbn', 'tekstymd', '$from', 'tekedymd', '$to',
        'creymd', '$today', 'upymd', '$today', 'opid', 'clerk1'))).*
   FROM tbl_hkncombi c JOIN tbl_ptnum p USING (hospnum, ptid)
   WHERE c.hospnum = 1 AND c.ptid = 101 AND c.hknid = $ended AND coalesce(c.koh1id, 0) = 0
   ORDER BY c.hkncombinum LIMIT 1"
q "UPDATE tbl_pthkninf SET tekedymd = '$ended_to' WHERE hospnum = 1 AND ptid = 101 AND hknid = $ended"
q "UPDATE tbl_hkncombi SET tekedymd = '$ended_to' WHERE hospnum = 1 AND ptid = 101
     AND hknid = $ended AND tekedymd > '$ended_to'"
ONSHI_PTID=101 ONSHI_PREFILL=saved ONSHI_SAVED_HKNID=$new_hknid ONSHI_LANG=ja $screen \
  "$b/hooks/screens/registration-screen" || fail "registration screen (saved) failed"
[ "$(q "SELECT state || '|' || saved_hknid || '|' || differences::text FROM onshi_prefill
         WHERE prefill_id = $pid")" = "saved|$new_hknid|[]" ] ||
  fail "the pre-fill was not closed as saved without differences"
[ "$(q "SELECT resolution FROM onshi_confirmation WHERE confirmation_id = $rid")" = applied ] ||
  fail "the result is not applied after registration saved"
[ "$(q "SELECT apply_mode || '|' || ptid FROM onshi_audit WHERE action = 'apply'
         AND info_id = $rid ORDER BY audit_id DESC LIMIT 1")" = "add|101" ] ||
  fail "the saved pre-fill was not audited"
[ "$(q "SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 101
         AND hknid = $new_hknid")" = 1 ] || fail "no combination of the saved insurance"
ONSHI_PTID=101 ONSHI_PREFILL=saved ONSHI_SAVED_HKNID=$new_hknid ONSHI_EXPECT=08 $screen \
  "$b/hooks/screens/registration-screen" || fail "a second save was not refused"
"$b/plugin/admin/onshi-admin" enable --hospnum 1 --apply-mode direct >/dev/null


echo "== notice screen (COBOL): the unknown person's notice shown and acknowledged at desk1"
[ "$(q "SELECT count(*) FROM onshi_notice WHERE kind = 'no_patient'")" -ge 1 ] ||
  fail "the check-in of an unknown person raised no notice"
pending=$(q "SELECT count(*) FROM onshi_notice")
out=$(ONSHI_LANG=en ONSHI_WORKSTATION=desk1 ONSHI_WAIT_MS=00100 $screen \
  "$b/hooks/screens/notice-screen") || { echo "$out"; fail "notice screen program failed"; }
echo "$out"
echo "$out" | grep -q "ONSHI-S-6080" || fail "the no-patient notice was not shown"
[ "$(q "SELECT count(*) FROM onshi_notice_ack WHERE workstation = 'desk1' AND staff = 'clerk1'")" = "$pending" ] ||
  fail "not every notice was acknowledged at desk1"
# Shown once per workstation: desk1 has nothing left, desk2 still sees them.
out=$(ONSHI_WORKSTATION=desk1 ONSHI_WAIT_MS=00000 $screen "$b/hooks/screens/notice-screen") ||
  fail "notice screen program failed at desk1"
echo "$out" | grep -q "acknowledged: 0000" || fail "desk1 was shown a notice twice"
out=$(ONSHI_WORKSTATION=desk2 ONSHI_WAIT_MS=00000 $screen "$b/hooks/screens/notice-screen") ||
  fail "notice screen program failed at desk2"
echo "$out" | grep -q "acknowledged: $(printf %04d "$pending")" || fail "desk2 did not see the notices"
echo "3 passed, 0 failed"
