#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# The GnuCOBOL screen programs (built by make from hooks/screens/*.cob with the generated
# copybooks) drive onshi_link.so the way the host's screens would:
#   1. registration: ask by insurance number for seeded patient 101 (whose branch number the
#      host does not know), the engine and the terminal simulator answer, poll until done,
#      show status and differences, accept the branch-number update; the host row changed.
#   2. reception: a person the clinic does not know checks in with a card; the reception
#      screen creates the new patient from the returned data.
#   3. apply: returned vs registered shown first (every returned field beside the host's, the
#      answer's results); patient 101's result applied as a changed card, then as an added insurance; the
#      host rows checked after each apply and after each undo (byte-equal to before).
#   3c. new patient pre-filled: 新規患者 in prefill mode writes nothing; the registration screen
#      shows the patient (A1: with the public expense), the receipt program saves, the result is
#      linked to the saved patient.
#   3b. pre-fill: in apply mode prefill the add writes nothing but a pre-fill; the registration
#      screen loads it, the rows are saved as ORCA's registration writes them, the screen tells
#      onshi-link (insurance_saved); host rows, pre-fill, result and audit checked after each step.
#   4. notices: the notice screen shows that check-in's notice (no patient) and acknowledges
#      every notice at one workstation; another workstation still sees them.
#   5. drug-information viewer: doctor1 requests patient 101's drug information, the simulator
#      answers, the viewer shows the stored rows page by page and the PDF in chunks (decoded
#      into a file equal to the stored bytes); clerk1 is refused; every view and refusal audited.
#   6. reservation: tomorrow's pre-check summary, run now, the engine and the simulator answer,
#      the summary counts them.
#   7. outage: while the terminal is down the desk records two statements (one refused, nothing
#      stored), links the one without a patient, the re-check after recovery is answered and the
#      list shows what the answer changed; a reception reported by the screen queues the
#      automatic check once.
#   8. day list: every result of the day (more than a page) shown page by page as stored, with
#      consents, certificates and reference numbers; filter S; the day before and after.
#   9. patient history: patient 101's confirmations as stored; the forced re-check queues a new
#      insurance-number check (the job row), answered by the engine, shown as the newest row.
#  10. certificates: saburo's specific-disease certificate applied through the apply screen (the
#      tbl_ptkohinf row, the combination), undone (rows as before); an ended limit refused;
#      valid again, applied with the category and copay rate before and after shown.
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
sim_pid=""
trap '[ -z "$sim_pid" ] || kill "$sim_pid" 2>/dev/null; rm -rf "$work"' EXIT
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
"$b/hooks/tests/engine_step" queue "$work/quarantine" 2>>"$work/engine.log"
"$sim" run --once --delay-ms 0 --share "$share" --scenario "$scenario" >/dev/null 2>>"$work/engine.log"
"$b/hooks/tests/engine_step" import "$work/quarantine" 2>>"$work/engine.log"
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
out=$(ONSHI_RESULT=$rid ONSHI_PTID=101 ONSHI_MODE=change ONSHI_LANG=ja $screen \
  "$b/hooks/screens/apply-screen") || { echo "$out"; fail "apply screen (change) failed"; }
echo "$out"
# Returned vs registered first (P033): the number differs, the card class is named, the name
# the host keeps stands beside the returned one; the answer's one result is the one shown.
echo "$out" | grep -q "^RETURNED|number|番号|424242||.*|1$" ||
  fail "the screen did not show the returned number beside the registered one as differing"
echo "$out" | grep -q "^RETURNED|card_class|被保険者証区分|01|被保険者証（一般）||0$" ||
  fail "the screen did not name the card class"
echo "$out" | grep -q "^RETURNED|name|氏名|.*|0$" || fail "the screen did not show the name"
echo "$out" | grep -q "^ANSWER|0*$rid|1|被保険者証（一般）|424242$" ||
  fail "the screen did not list the result of its answer"
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
# The saved pre-fill is undone like a direct apply: the rows as before the pre-fill.
audit=$(q "SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply' AND info_id = $rid")
ONSHI_ACTION=U ONSHI_AUDIT=$audit $screen "$b/hooks/screens/apply-screen" ||
  fail "apply screen (undo of the saved pre-fill) failed"
[ "$(rows)" = "$before" ] || fail "the undo of the saved pre-fill did not restore the rows"

echo "== new patient pre-filled (COBOL): 新規患者 in prefill mode; registration numbers and saves the patient"
# fumiko (not known here) checks in with a public-assistance (A1) result. The reception screen's
# 新規患者 writes nothing: a pre-fill; the registration screen shows the patient and the
# public-expense row, the receipt program numbers and saves them, and says so.
"$sim" checkin --share "$share" --scenario "$scenario" --person fumiko >/dev/null 2>&1
patients=$(q "SELECT count(*) || '/' || (SELECT count(*) FROM tbl_ptnum) FROM tbl_ptinf")
out=$(ONSHI_ENGINE_STEP="$b/hooks/tests/engine_step import $work/quarantine" ONSHI_LANG=en \
  ONSHI_ACTION=N $screen "$b/hooks/screens/reception-screen") ||
  { echo "$out"; fail "reception screen (new patient, prefill mode) failed"; }
echo "$out"
line=$(echo "$out" | grep '^NEWPREFILL|') || fail "新規患者 in prefill mode made no pre-fill"
IFS='|' read -r _ npid ncid <<EOF2
$line
EOF2
npid=$(expr "$npid" + 0); ncid=$(expr "$ncid" + 0)
[ "$(q "SELECT count(*) || '/' || (SELECT count(*) FROM tbl_ptnum) FROM tbl_ptinf")" = \
  "$patients" ] || fail "a patient was written before registration saved it"
[ "$(q "SELECT link_state FROM onshi_confirmation WHERE confirmation_id = $ncid")" != linked ] ||
  fail "the result was linked before registration saved the patient"
out=$(ONSHI_RESULT=$ncid ONSHI_PREFILL=load ONSHI_LANG=en $screen \
  "$b/hooks/screens/registration-screen") || { echo "$out"; fail "registration screen (load new patient) failed"; }
echo "$out"
line=$(echo "$out" | grep '^PATIENT|') || fail "the screen showed no patient to register"
IFS='|' read -r _ pname _ psex pbirth _ _ pkohnum ppayer precip _ <<EOF2
$line
EOF2
[ "$pbirth|$pkohnum" = \
  "$(q "SELECT birthdate FROM onshi_confirmation WHERE confirmation_id = $ncid")|012" ] ||
  fail "the pre-fill does not show the patient with the public expense (012): $line"
[ -n "$pname" ] && [ -n "$ppayer" ] && [ -n "$precip" ] || fail "the pre-fill lacks name or numbers: $line"
# The receipt program's registration (ORCGP029) numbers and saves the patient and the row.
nptid=$("$b/hooks/tests/engine_step" register "$ncid") || fail "registration of the new patient failed"
out=$(ONSHI_PTID=$nptid ONSHI_PREFILL=saved ONSHI_PREFILL_ID=$npid ONSHI_SAVED_KOHID=1 \
  ONSHI_LANG=en $screen "$b/hooks/screens/registration-screen") ||
  { echo "$out"; fail "registration screen (new patient saved) failed"; }
echo "$out"
echo "$out" | grep -q "^NEWPATIENT|0*$nptid|" || fail "the saved new patient was not reported"
[ "$(q "SELECT link_state || '|' || ptid || '|' || resolution FROM onshi_confirmation
         WHERE confirmation_id = $ncid")" = "linked|$nptid|new_patient" ] ||
  fail "the result is not linked to the saved patient"
[ "$(q "SELECT state || '|' || differences::text FROM onshi_prefill WHERE prefill_id = $npid")" = \
  "saved|[]" ] || fail "the new-patient pre-fill was not closed as saved, as proposed"
[ "$(q "SELECT count(*) FROM onshi_audit WHERE detail LIKE 'new patient $nptid from result $ncid%'")" = 1 ] ||
  fail "the saved new patient was not audited"
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

echo "== drug-information viewer (COBOL): request, rows a page at a time, PDF in chunks, refusal"
# taro (patient 101) consents to drug information at the card reader; doctor1 may view it,
# clerk1 may not.
"$sim" checkin --share "$share" --scenario "$scenario" --person taro >/dev/null 2>&1
"$b/hooks/tests/engine_step" import "$work/quarantine" 2>/dev/null
q "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view) VALUES (1, 'doctor1', true)"
views() {
  q "SELECT count(*) FROM onshi_audit WHERE action = 'view' AND info_kind = 'drug' AND ptid = 101
       AND userid = '$1' AND detail LIKE '$2'"
}
ONSHI_ACTION=R ONSHI_PTID=101 ONSHI_FROM=202501 ONSHI_LANG=en $screen \
  "$b/hooks/screens/medinfo-screen" || fail "the viewer's drug-information request failed"
job=$(q "SELECT max(job_id) FROM onshi_job WHERE kind = 'YZKsiquc01req' AND hospnum = 1")
[ -n "$job" ] || fail "no drug-information request queued"
sh "$work/engine-step.sh"
info=$(q "SELECT info_id FROM onshi_drug_info WHERE job_id = $job AND format = 'xml'")
[ -n "$info" ] || fail "the simulator's drug information was not stored"
received=$(q "SELECT count(*) FROM onshi_drug_info_row WHERE info_id = $info")
[ "$received" -gt 0 ] || fail "the stored answer has no rows"
# More rows than one page holds (20): the stored answer padded to 45 rows.
q "INSERT INTO onshi_drug_info_row (info_id, seq, treatment_month, dispensing_date, drug_code,
     drug_name, quantity, unit)
   SELECT $info, s, '202505', '20250520', '6999' || lpad(s::text, 5, '0'), 'padding ' || s, '1', 'T'
     FROM generate_series($received + 1, 45) s"
out=$(ONSHI_PTID=101 ONSHI_LANG=en $screen "$b/hooks/screens/medinfo-screen") ||
  { echo "$out"; fail "the viewer failed"; }
echo "$out" | head -n 12
shown=$(echo "$out" | sed -n 's/^row [0-9]\{6\} [0-9]\{6\} [0-9]\{8\} \([^ ]*\) .*/\1/p' | tr '\n' ' ')
stored=$(q "SELECT string_agg(drug_code, ' ' ORDER BY seq) || ' ' FROM onshi_drug_info_row
             WHERE info_id = $info")
[ "$shown" = "$stored" ] || fail "the rows shown are not the stored rows: $shown"
echo "$out" | grep -q "^rows shown: 000045 of 000045 in 0003 pages" || fail "not every page shown"
[ "$(views doctor1 'listed')" -ge 1 ] || fail "the list was not audited"
for d in 'rows 1-20 of 45' 'rows 21-40 of 45' 'rows 41-45 of 45'; do
  [ "$(views doctor1 "$d")" = 1 ] || fail "the page \"$d\" was not audited"
done

# The same request as a PDF (facility setting), padded with every byte value so that it takes
# three chunks; the viewer writes the decoded bytes into a file.
q "UPDATE onshi_facility SET medical_info_format = 'pdf' WHERE hospnum = 1"
ONSHI_ACTION=R ONSHI_PTID=101 ONSHI_FROM=202501 $screen "$b/hooks/screens/medinfo-screen" >/dev/null ||
  fail "the viewer's PDF request failed"
job=$(q "SELECT max(job_id) FROM onshi_job WHERE kind = 'YZKsiquc01req' AND hospnum = 1")
sh "$work/engine-step.sh"
pdf=$(q "SELECT info_id FROM onshi_drug_info WHERE job_id = $job AND format = 'pdf'")
[ -n "$pdf" ] || fail "the simulator's PDF was not stored"
q "UPDATE onshi_facility SET medical_info_format = 'xml' WHERE hospnum = 1"
[ "$(q "SELECT substring(pdf FROM 1 FOR 5) FROM onshi_drug_info WHERE info_id = $pdf")" = '\x255044462d' ] ||
  fail "the stored answer is not a PDF"
q "UPDATE onshi_drug_info SET pdf = pdf || (SELECT string_agg(set_byte('\x00'::bytea, 0, i % 256),
     ''::bytea ORDER BY i) FROM generate_series(0, 7679) i) WHERE info_id = $pdf"
total=$(q "SELECT length(pdf) FROM onshi_drug_info WHERE info_id = $pdf")
out=$(ONSHI_PTID=101 ONSHI_INFO=$pdf ONSHI_PDF_OUT="$work/drug.pdf" ONSHI_LANG=en $screen \
  "$b/hooks/screens/medinfo-screen") || { echo "$out"; fail "the viewer failed on the PDF"; }
echo "$out" | grep "^chunk\|^PDF"
[ "$(od -An -tx1 -v "$work/drug.pdf" | tr -d ' \n')" = \
  "$(q "SELECT encode(pdf, 'hex') FROM onshi_drug_info WHERE info_id = $pdf")" ] ||
  fail "the PDF written by the viewer differs from the stored bytes"
echo "$out" | grep -q "^PDF bytes read: $(printf %010d "$total") of $(printf %010d "$total") in 0003 chunks" ||
  fail "the PDF was not read in three chunks"
for d in "PDF bytes 0-3000 of $total" "PDF bytes 3000-6000 of $total" "PDF bytes 6000-$total of $total"; do
  [ "$(views doctor1 "$d")" = 1 ] || fail "the chunk \"$d\" was not audited"
done

# clerk1 holds no drug-information permission: refused, the refusal audited, nothing shown.
out=$(ONSHI_PTID=101 ONSHI_USERID=clerk1 ONSHI_EXPECT=08 ONSHI_LANG=en $screen \
  "$b/hooks/screens/medinfo-screen") || { echo "$out"; fail "clerk1 was not refused"; }
echo "$out" | grep -q "ONSHI-W-6011" || fail "the refusal did not say why"
echo "$out" | grep -q "^answer " && fail "a refused viewer was shown the list"
[ "$(views clerk1 'refused: no permission')" = 1 ] || fail "the refusal was not audited"
out=$(ONSHI_PTID=101 ONSHI_USERID=clerk1 ONSHI_ACTION=R ONSHI_EXPECT=08 $screen \
  "$b/hooks/screens/medinfo-screen") || { echo "$out"; fail "clerk1's request was not refused"; }

echo "== reservation screen (COBOL): tomorrow's pre-check summary, run now, the answers"
day=$(q "SELECT to_char(current_date + 1, 'YYYYMMDD')")
# As ORCA stores them: per hour band a header row (yykid 0, ptid 0), then the reservations.
q "DELETE FROM tbl_yyk WHERE hospnum = 1 AND yykymd = '$day'"
q "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, yykmaxcnt, yykcnt,
     yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi)
   VALUES (1, '01', '10001', '$day', 1000, 0, 10, 2, 0, 0, '', '', '', '', ' '),
          (1, '01', '10001', '$day', 1100, 0, 10, 1, 0, 0, '', '', '', '', ' '),
          (1, '01', '10001', '$day', 1000, 1, 0, 0, 1000, 101, '', '01', '01', '  ', ' '),
          (1, '01', '10001', '$day', 1000, 2, 0, 0, 1030, 102, '', '01', '01', '  ', ' '),
          (1, '01', '10001', '$day', 1100, 1, 0, 0, 1100, 199, '', '01', '01', '  ', ' ')"
q "UPDATE onshi_facility SET bulk_poll_s = 1 WHERE hospnum = 1"
out=$(ONSHI_DAY=$day ONSHI_LANG=en $screen "$b/hooks/screens/reservation-screen") ||
  { echo "$out"; fail "the reservation screen failed"; }
echo "$out"
# The test patient (199) is never checked.
echo "$out" | grep -q "reserved 000002 requested 000000 done 000000 valid 000000 invalid 000000 error 000000 not-yet 000002" ||
  fail "wrong summary before the run"
[ "$(echo "$out" | grep -c '^patient .* not_yet ')" = 2 ] || fail "the reserved patients were not shown"
out=$(ONSHI_DAY=$day ONSHI_ACTION=R ONSHI_LANG=en $screen "$b/hooks/screens/reservation-screen") ||
  { echo "$out"; fail "the reservation screen (run now) failed"; }
echo "$out"
echo "$out" | grep -q "ONSHI-I-6013" || fail "the run was not confirmed"
echo "$out" | grep -q "patients 000002" || fail "the run did not include both patients"
echo "$out" | grep -q "requested 000002 done 000000" || fail "the summary does not show the request"
[ "$(q "SELECT count(*) FROM onshi_job WHERE kind = 'OQSmuquc01req' AND payload->>'day' = '$day'
         AND (payload->'ptids')::text = '[101, 102]'")" = 1 ] ||
  fail "no bulk request job for the day's reservations"
# The bulk exchange spans several requests (upload, then downloads until the final result):
# one simulator that keeps running remembers the reception number. Engine rounds until the
# final answer is in (the download is asked for one second after the reception number; the
# simulator first says "still processing" once); each round waits (bounded) for the answer.
"$sim" run --share "$share" --scenario "$scenario" --delay-ms 0 --poll-ms 50 \
  --still-processing 1 >/dev/null 2>>"$work/engine.log" &
sim_pid=$!
n=0
until [ "$(q "SELECT count(*) FROM onshi_confirmation WHERE source = 'bulk' AND ptid IN (101, 102)
              AND confirmation_date = '$day'")" = 2 ]; do
  n=$((n + 1))
  if [ "$n" -gt 10 ]; then
    q "SELECT job_id || ' ' || kind || ' ' || state || ' ' || coalesce(request_file, '-') || ' ' ||
              coalesce(last_error, '') FROM onshi_job WHERE kind LIKE 'OQSmuquc%'"
    tail -n 20 "$work/engine.log"
    fail "the bulk pre-check was not answered in 10 engine rounds"
  fi
  sleep 1
  sent=$("$b/hooks/tests/engine_step" queue "$work/quarantine" 2>&1 | tee -a "$work/engine.log")
  w=0
  case "$sent" in
    *" 0 request(s) written"*) ;;
    *) while { [ -n "$(ls "$share/req")" ] || [ -z "$(ls "$share/res")" ]; } && [ "$w" -lt 100 ]; do
         sleep 0.1; w=$((w + 1))
       done ;;
  esac
  "$b/hooks/tests/engine_step" import "$work/quarantine" 2>>"$work/engine.log"
done
kill "$sim_pid"
wait "$sim_pid" 2>/dev/null || true
sim_pid=""
[ -n "$(q "SELECT request_file FROM onshi_job WHERE kind = 'OQSmuquc01req'
             AND payload->>'day' = '$day' AND state = 'answered'")" ] ||
  fail "the bulk request was not written and answered"
out=$(ONSHI_DAY=$day ONSHI_LANG=en $screen "$b/hooks/screens/reservation-screen") ||
  { echo "$out"; fail "the reservation screen failed after the answers"; }
echo "$out"
echo "$out" | grep -q "reserved 000002 requested 000002 done 000002 valid 000002 invalid 000000 error 000000 not-yet 000000" ||
  fail "wrong summary after the answers"
[ "$(echo "$out" | grep -c '^patient .* valid [0-9]')" = 2 ] || fail "the rows do not show the results"
ONSHI_DAY=20990101 ONSHI_ACTION=R ONSHI_EXPECT=08 $screen "$b/hooks/screens/reservation-screen" >/dev/null ||
  fail "a run for a day without reservations was not refused"
echo "== outage screen (COBOL): statements while the terminal is down, the re-check, the list"
adm="$b/plugin/admin/onshi-admin"
# Refused (sex 3): nothing stored.
ONSHI_ACTION=R ONSHI_NAME="来院　太郎" ONSHI_SEX=3 ONSHI_BIRTHDATE=19800101 ONSHI_EXPECT=08 \
  ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen" >/dev/null || fail "a bad statement was not refused"
[ "$(q "SELECT count(*) FROM onshi_outage_statement")" = 0 ] || fail "a refused statement was stored"
# Patient 101 found at the desk, but a wrong birthdate stated; a second person not found.
out=$(ONSHI_ACTION=R ONSHI_PTID=101 ONSHI_NAME="架空　太郎" ONSHI_SEX=1 ONSHI_BIRTHDATE=19000101 \
  ONSHI_ADDRESS="東京都" ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen") ||
  { echo "$out"; fail "the statement of patient 101 was not recorded"; }
echo "$out" | grep -q "ONSHI-I-6176" || fail "no recorded message"
out=$(ONSHI_ACTION=R ONSHI_NAME="来院　花子" ONSHI_SEX=2 ONSHI_BIRTHDATE=19750101 ONSHI_LANG=en \
  $screen "$b/hooks/screens/outage-screen") || { echo "$out"; fail "the second statement was not recorded"; }
second=$(q "SELECT max(statement_id) FROM onshi_outage_statement")
# Registered meanwhile as patient 102: the desk links the statement.
ONSHI_ACTION=K ONSHI_STATEMENT="$second" ONSHI_PTID=102 ONSHI_USERID=clerk2 ONSHI_LANG=en \
  $screen "$b/hooks/screens/outage-screen" >/dev/null || fail "the statement was not linked"
[ "$(q "SELECT ptid || '|' || state FROM onshi_outage_statement WHERE statement_id = $second")" = "102|waiting" ] ||
  fail "the link was not stored"
# The terminal answers again: both re-checked with the visit date, answered.
"$adm" outage recheck --hospnum 1 >/dev/null
sh "$work/engine-step.sh"
"$adm" outage recheck --hospnum 1 >/dev/null
[ "$(q "SELECT string_agg(state, ',') FROM onshi_outage_statement")" = "answered,answered" ] ||
  fail "the re-checks were not answered: $(q "SELECT string_agg(state || ':' || coalesce(note, ''), ',') FROM onshi_outage_statement")"
out=$(ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen") || { echo "$out"; fail "the list failed"; }
echo "$out"
echo "$out" | grep -q "statements shown: 0002" || fail "the list does not show both statements"
echo "$out" | grep "19000101" | grep -q "changed \[.*birthdate" ||
  fail "the list does not show the stated birthdate as changed"
out=$(ONSHI_OPEN=1 ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen") || fail "the open list failed"
echo "$out" | grep -q "statements shown: 0000" || fail "answered statements are listed as open"
[ "$(q "SELECT count(*) FROM onshi_audit WHERE info_kind = 'outage'")" = 3 ] ||
  fail "recording and linking were not audited"
# The reception of patient 102 reported by the screen: the automatic check queued once.
out=$(ONSHI_ACTION=Q ONSHI_PTID=102 ONSHI_EXPECT=04 ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen") ||
  { echo "$out"; fail "the reception hook failed"; }
echo "$out" | grep -q "state off" || fail "a reception with the automatic checks off was not said so"
"$adm" enable --hospnum 1 --share "$share" --auto-request yes >/dev/null
out=$(ONSHI_ACTION=Q ONSHI_PTID=102 ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen") ||
  { echo "$out"; fail "the reception hook failed"; }
echo "$out" | grep -q "state queued" || fail "the reception was not queued"
out=$(ONSHI_ACTION=Q ONSHI_PTID=102 ONSHI_LANG=en $screen "$b/hooks/screens/outage-screen") ||
  { echo "$out"; fail "the reception hook failed"; }
echo "$out" | grep -q "state waiting" || fail "the reception was queued twice"
[ "$(q "SELECT count(*) || via FROM onshi_reception_event WHERE ptid = 102 GROUP BY via")" = "1hook" ] ||
  fail "the reception event is not the hook's one row"

echo "== day list (COBOL): every result of the day, page by page, filter S, the day before and after"
# More results than one page holds (20): check-ins of scenario people (saburo: specific-disease
# certificate and consents; kenichi: limit certificate and reference number), each imported.
for person in saburo kenichi jiro shiro hanako taro jiro shiro hanako taro jiro shiro hanako taro \
  jiro shiro hanako taro jiro shiro; do
  "$sim" checkin --share "$share" --scenario "$scenario" --person "$person" >/dev/null 2>&1
  "$b/hooks/tests/engine_step" import "$work/quarantine" 2>>"$work/engine.log"
done
# The first result of the day moved to three days ago: the day before with results.
moved=$(q "SELECT min(confirmation_id) FROM onshi_confirmation WHERE hospnum = 1
             AND created_at >= current_date")
q "UPDATE onshi_confirmation SET created_at = current_date - 3 + time '12:00'
    WHERE confirmation_id = $moved"
earlier=$(q "SELECT to_char(current_date - 3, 'YYYYMMDD')")
ids_of_day() {
  q "SELECT coalesce(string_agg(confirmation_id::text, ' ' ORDER BY created_at DESC,
       confirmation_id DESC), '') FROM onshi_confirmation WHERE hospnum = 1
       AND created_at >= to_date('$1', 'YYYYMMDD') AND created_at < to_date('$1', 'YYYYMMDD') + 1"
}
# The screens show ids zero-padded (the ABI's numbers); compared as numbers.
shown_ids() { echo "$1" | awk -F'|' '$1 == "ROW" {printf "%s%d", s, $2; s = " "}'; }
row_of() { echo "$1" | grep "^ROW|$(printf %012d "$2")|"; }
total=$(q "SELECT count(*) FROM onshi_confirmation WHERE hospnum = 1 AND created_at >= current_date
             AND created_at < current_date + 1")
[ "$total" -gt 20 ] || fail "the day has only $total results, not more than a page"
out=$(ONSHI_LANG=en $screen "$b/hooks/screens/day-list-screen") ||
  { echo "$out"; fail "the day list screen failed"; }
echo "$out" | head -n 8
[ "$(echo "$out" | grep '^DAY|')" = "DAY|||$(printf %06d "$total")|$earlier||" ] ||
  fail "the day's header is wrong: $(echo "$out" | grep '^DAY|')"
[ "$(shown_ids "$out")" = "$(ids_of_day "$today")" ] || fail "the rows shown are not the day's results"
pages=$(( (total + 19) / 20 ))
echo "$out" | grep -q "^rows shown: $(printf %06d "$total") of $(printf %06d "$total") in $(printf %04d "$pages") pages" ||
  fail "not every page of the day was shown"
# saburo (patient 105): consents per type and the specific-disease certificate, as stored.
sid=$(q "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 105 AND link_state = 'linked'")
[ -n "$sid" ] || fail "saburo's check-in was not linked to patient 105"
ptnum105=$(q "SELECT rtrim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 105")
row_of "$out" "$sid"
# ROW|id|time|source|staff|status|validity|ptid|ptnum|drug|until|checkup|until|diagnosis|until|
# operation|until|limit consent|disease consent|limit|class|disease|ratio|card end|reference|
IFS='|' read -r _ _ _ src _ _ _ pt pn drug _ checkup _ diag _ oper _ lc dc lim lclass dis ratio _ ref _ <<EOF2
$(row_of "$out" "$sid")
EOF2
[ "$src|$pt|$pn|$drug|$checkup|$diag|$oper|$lc|$dc|$lim|$lclass|$dis" = \
  "face|$(printf %010d 105)|$ptnum105|1|$checkup|1|1|$lc|1|0||1" ] ||
  fail "saburo's row is wrong: $(row_of "$out" "$sid")"
[ "$(q "SELECT string_agg(consent_type || '=' || flag, ',' ORDER BY consent_type) FROM onshi_consent
         WHERE confirmation_id = $sid")" = \
  "diagnosis=$diag,limit_certificate=$lc,operation=$oper,pharmacists=$drug,specific_diseases=$dc,specific_health_checkups=$checkup" ] ||
  fail "saburo's consents are not stored as shown: $(q "SELECT string_agg(consent_type || '=' || flag, ','
    ORDER BY consent_type) FROM onshi_consent WHERE confirmation_id = $sid")"
[ "$ratio" = "$(q "SELECT coalesce(contribution_ratio, '') FROM onshi_confirmation
                    WHERE confirmation_id = $sid")" ] || fail "saburo's copay is not the stored one"
# kenichi (patient 124): the limit certificate A04 and the reference number 000124.
kid=$(q "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 124 AND link_state = 'linked'")
[ -n "$kid" ] || fail "kenichi's check-in was not linked to patient 124"
row_of "$out" "$kid"
IFS='|' read -r _ _ _ src _ _ _ pt _ _ _ _ _ _ _ _ _ lc dc lim lclass dis _ _ ref _ <<EOF2
$(row_of "$out" "$kid")
EOF2
[ "$src|$pt|$lc|$lim|$lclass|$dis|$ref" = "face|$(printf %010d 124)|1|1|A04|0|000124" ] ||
  fail "kenichi's row is wrong: $(row_of "$out" "$kid")"
[ "$(q "SELECT classification_flag FROM onshi_certificate_detail WHERE confirmation_id = $kid
         AND kind = 'limit'")" = A04 ] || fail "kenichi's limit certificate is not stored as shown"
# Filter S: exactly the rows of the full list that wait for staff.
staff=$(echo "$out" | awk -F'|' '$1 == "ROW" && $5 == "1" {printf "%s%d", s, $2; s = " "}')
[ -n "$staff" ] || fail "no result of the day waits for staff"
out=$(ONSHI_FILTER=S ONSHI_LANG=en $screen "$b/hooks/screens/day-list-screen") ||
  { echo "$out"; fail "the day list screen (filter S) failed"; }
[ "$(shown_ids "$out")" = "$staff" ] || fail "filter S did not show the rows waiting for staff"
n=$(echo "$staff" | wc -w)
echo "$out" | grep -q "^DAY||S|$(printf %06d "$n")|" || fail "filter S counted wrong"
# The previous day (the screen's button), then back to the next one.
out=$(ONSHI_GO=P ONSHI_LANG=en $screen "$b/hooks/screens/day-list-screen") ||
  { echo "$out"; fail "the day list screen (previous day) failed"; }
[ "$(echo "$out" | grep '^DAY|' | tail -n 1)" = "DAY|$earlier||000001||$today|" ] ||
  fail "the previous day's header is wrong"
[ "$(shown_ids "$(echo "$out" | grep '^ROW|' | tail -n 1)")" = "$moved" ] ||
  fail "the previous day does not show the moved result"
out=$(ONSHI_DAY=$earlier ONSHI_GO=N ONSHI_LANG=en $screen "$b/hooks/screens/day-list-screen") ||
  { echo "$out"; fail "the day list screen (next day) failed"; }
[ "$(shown_ids "$out")" = "$moved $(ids_of_day "$today")" ] || fail "the next day is not today"
ONSHI_DAY=20261399 ONSHI_EXPECT=08 $screen "$b/hooks/screens/day-list-screen" >/dev/null ||
  fail "a day that does not exist was not refused"

echo "== patient history (COBOL): patient 101's confirmations, the forced re-check"
history_ids() {
  q "SELECT coalesce(string_agg(confirmation_id::text, ' ' ORDER BY created_at DESC,
       confirmation_id DESC), '') FROM (SELECT confirmation_id, created_at FROM onshi_confirmation
       WHERE hospnum = 1 AND ptid = 101 UNION SELECT c.confirmation_id, c.created_at
       FROM onshi_job j JOIN onshi_confirmation c ON c.job_id = j.job_id
       WHERE j.hospnum = 1 AND j.ptid = 101 AND c.ptid IS NULL) h"
}
hist_ids() { echo "$1" | awk -F'|' '$1 == "HIST" {printf "%s%d", s, $2; s = " "}'; }
ptnum101=$(q "SELECT rtrim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 101")
out=$(ONSHI_PTID=101 ONSHI_LANG=en $screen "$b/hooks/screens/history-screen") ||
  { echo "$out"; fail "the history screen failed"; }
echo "$out" | head -n 8
expected=$(history_ids)
n=$(echo "$expected" | wc -w)
[ "$(hist_ids "$out")" = "$expected" ] || fail "the history does not show patient 101's results"
echo "$out" | grep -q "^PATIENT|101|$ptnum101|.*|$(printf %06d "$n")||$" || fail "the history header is wrong"
# The registration screen's result (changed since by the apply section): its card, copay, what
# differed and what was written into the host, as stored.
reg=$(q "SELECT min(confirmation_id) FROM onshi_confirmation WHERE ptid = 101 AND resolution = 'accepted'")
line=$(echo "$out" | grep "^HIST|$(printf %012d "$reg")|") || fail "the accepted result is not in the history"
[ "$(echo "$line" | cut -d'|' -f3,5,8-15)" = "$(q "SELECT confirmation_date || '|' || source || '|'
    || btrim(insurer_number) || '|' || card_symbol || '|' || card_number || '|' || branch_number
    || '|' || contribution_ratio || '|' || CASE WHEN differences::text NOT IN ('{}', 'null')
    OR coalesce(host_status, '') <> '' THEN 1 ELSE 0 END || '||' || (SELECT string_agg(k, ','
    ORDER BY k) FROM jsonb_object_keys(host_updates) k) FROM onshi_confirmation
    WHERE confirmation_id = $reg")" ] || fail "the accepted result is not shown as stored: $line"
echo "$line" | cut -d'|' -f15 | grep -q accepted || fail "the history does not show the acceptance"
# The forced re-check: a new insurance-number check queued, answered by the next engine round.
out=$(ONSHI_PTID=101 ONSHI_RECHECK=1 ONSHI_LANG=en $screen "$b/hooks/screens/history-screen") ||
  { echo "$out"; fail "the history screen (re-check) failed"; }
echo "$out" | grep -q "ONSHI-I-6002" || fail "the re-check was not confirmed"
req=$(echo "$out" | sed -n 's/^PATIENT|101|[^|]*|[^|]*|[0-9]*|0*\([0-9][0-9]*\)|$/\1/p')
[ -n "$req" ] || fail "the re-check showed no request id"
[ "$(q "SELECT kind || '|' || state || '|' || ptid FROM onshi_job WHERE job_id = $req")" = \
  "OQSsiquc01req|pending|101" ] || fail "the re-check job is wrong: $(q "SELECT kind || '|' || state
  || '|' || coalesce(ptid::text, '-') FROM onshi_job WHERE job_id = $req")"
sh "$work/engine-step.sh"
[ "$(q "SELECT state FROM onshi_job WHERE job_id = $req")" = answered ] ||
  fail "the re-check was not answered"
new=$(q "SELECT confirmation_id FROM onshi_confirmation WHERE job_id = $req")
[ -n "$new" ] || fail "the re-check's answer was not stored"
out=$(ONSHI_PTID=101 ONSHI_LANG=en $screen "$b/hooks/screens/history-screen") ||
  { echo "$out"; fail "the history screen failed after the re-check"; }
[ "$(hist_ids "$out")" = "$new $expected" ] || fail "the re-check's result is not the newest row"
ONSHI_PTID=999999 ONSHI_EXPECT=08 $screen "$b/hooks/screens/history-screen" >/dev/null ||
  fail "the history of a patient who does not exist was not refused"

echo "== certificates (COBOL): saburo's specific disease applied and undone, an ended limit refused, then applied with the category shown"
crows() {
  for t in tbl_ptnum tbl_pthkninf tbl_pthknrrk tbl_hkncombi tbl_ptkohinf; do
    q "SELECT '$t:' || coalesce(string_agg(t::text, ' / ' ORDER BY t::text), '')
         FROM $t t WHERE hospnum = 1 AND ptid = $1"
  done
}
before=$(crows 105)
[ "$(q "SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 105")" = 0 ] ||
  fail "patient 105 already has a public expense"
out=$(ONSHI_RESULT=$sid ONSHI_PTID=105 ONSHI_MODE=disease ONSHI_LANG=en $screen \
  "$b/hooks/screens/apply-screen") || { echo "$out"; fail "apply screen (disease) failed"; }
echo "$out"
echo "$out" | grep -q "ONSHI-I-6100" || fail "the certificate apply was not confirmed"
[ "$(q "SELECT kohnum || '|' || tekstymd || '|' || opid || '|' || creymd FROM tbl_ptkohinf
         WHERE hospnum = 1 AND ptid = 105")" = "972|20240501|clerk1|$today" ] ||
  fail "the specific-disease row is wrong: $(q "SELECT t::text FROM tbl_ptkohinf t WHERE ptid = 105")"
kohid=$(q "SELECT kohid FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 105")
[ "$(q "SELECT kohid FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 105")" = "$kohid" ] ||
  fail "tbl_ptnum.kohid does not count the new public expense"
[ "$(q "SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 105 AND koh1id = $kohid")" = 1 ] ||
  fail "no insurance combination with the specific disease"
audit=$(q "SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply' AND info_id = $sid")
[ "$(q "SELECT apply_mode || '|' || ptid FROM onshi_audit WHERE audit_id = $audit")" = "disease|105" ] ||
  fail "the certificate apply was not audited"
ONSHI_RESULT=$sid ONSHI_PTID=105 ONSHI_MODE=disease ONSHI_EXPECT=08 $screen \
  "$b/hooks/screens/apply-screen" >/dev/null || fail "a second certificate apply was not refused"
ONSHI_ACTION=U ONSHI_AUDIT=$audit ONSHI_LANG=en $screen "$b/hooks/screens/apply-screen" >/dev/null ||
  fail "apply screen (undo disease) failed"
[ "$(crows 105)" = "$before" ] || fail "the undo of the certificate did not restore the rows"
# kenichi's limit certificate has ended (the end date is made yesterday whatever the scenario
# says): refused, nothing written.
q "UPDATE onshi_certificate_detail SET valid_end = '$yesterday' WHERE confirmation_id = $kid
    AND kind = 'limit'"
before=$(crows 124)
out=$(ONSHI_RESULT=$kid ONSHI_PTID=124 ONSHI_MODE=limit ONSHI_EXPECT=08 ONSHI_LANG=en $screen \
  "$b/hooks/screens/apply-screen") || { echo "$out"; fail "an ended limit certificate was not refused"; }
echo "$out" | grep -q "ONSHI-W-6100" || fail "the refusal did not say the certificate has ended"
[ "$(crows 124)" = "$before" ] || fail "a refused certificate apply wrote to the host"
[ "$(q "SELECT count(*) FROM onshi_audit WHERE action = 'apply' AND info_id = $kid")" = 0 ] ||
  fail "a refused certificate apply was audited as applied"
# Valid again: applied; the screen shows the category before and after (A04: エ, kohnum 967)
# and the insurance's copay rate, which a limit certificate leaves as it is.
q "UPDATE onshi_certificate_detail SET valid_end = '20991231' WHERE confirmation_id = $kid
    AND kind = 'limit'"
out=$(ONSHI_RESULT=$kid ONSHI_PTID=124 ONSHI_MODE=limit ONSHI_EXPECT=00 ONSHI_LANG=en $screen   "$b/hooks/screens/apply-screen") || { echo "$out"; fail "the valid limit certificate was not applied"; }
echo "$out" | grep -q "limit category  -> エ" ||
  { echo "$out"; fail "the apply screen did not show the limit category before and after"; }
rate=$(echo "$out" | sed -n 's/^copay rate \(...\) -> \(...\),.*/\1=\2/p')
[ -n "$rate" ] && [ "${rate%=*}" = "${rate#*=}" ] ||
  { echo "$out"; fail "the copay rate changed with a limit certificate ($rate)"; }
[ "$(q "SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 124 AND kohnum = '967'
         AND rtrim(jkysnum) = 'エ'")" = 1 ] || fail "the limit certificate's row is not in the host"
echo "12 passed, 0 failed"
