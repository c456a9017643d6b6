#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# The main job (`make demo`): a scripted front-desk day against a throw-away PostgreSQL with the
# reference host, the terminal simulator and the exchange engine, printing a readable log and a
# final summary, then stopping everything (also on errors and Ctrl-C).
#   usage: front-desk-day.sh BUILDDIR      (ONSHI_SRCDIR, ONSHI_FIXTURES set by make)
# Exit status: 0 when every step finished in time, 1 otherwise.
set -eu
# This script reads what the programs print: their messages in English (gettext's C locale
# ignores LANGUAGE), whatever the caller's locale.
LC_ALL=C; export LC_ALL; unset LANGUAGE
BUILD=$(cd "$1" && pwd)
ONSHI_SRCDIR="${ONSHI_SRCDIR:?ONSHI_SRCDIR must point at the source tree}"
ONSHI_FIXTURES="${ONSHI_FIXTURES:?ONSHI_FIXTURES must point at the sample files}"
. "$ONSHI_SRCDIR/tests/e2e/e2e_lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/onshi-demo.XXXXXX")
SHARE="$WORK/share"
QUAR="$WORK/quarantine"
ENGINE_LOG="$WORK/engine.log"
SIM_LOG="$WORK/sim.log"
ENGINE_PID=""
SIM_PID=""
PG_DIR=""
STEP_FAILED=0
cleanup() {
  st=$?
  trap - EXIT INT TERM
  echo "== stopping: simulator, engine, PostgreSQL"
  [ -z "$SIM_PID" ] || stop_engine "$SIM_PID" || true
  if [ -n "$ENGINE_PID" ]; then
    if stop_engine "$ENGINE_PID"; then echo "   engine stopped cleanly (SIGTERM)"
    else echo "   engine did not stop cleanly"; st=1; fi
  fi
  [ -z "$PG_DIR" ] || sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" stop "$PG_DIR" || true
  rm -rf "$WORK"
  exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face" "$QUAR"

say() { printf '%s\n' "$*"; }
validity_label() {
  case "$1" in
    1) echo "valid" ;; 2) echo "invalid" ;; 3) echo "invalid, newer qualification exists" ;;
    4) echo "no qualification on that date" ;; 5) echo "several matches" ;;
    6) echo "valid (public assistance)" ;; "") echo "-" ;; *) echo "validity $1" ;;
  esac
}

# outcome FILE-NAME: one line per confirmation of an imported (or refused) file.
outcome() {
  sql "SELECT f.state, coalesce(f.refusal, ''), coalesce(c.validity, ''),
              coalesce(c.link_state, ''), coalesce(trim(n.ptnum), ''),
              coalesce(array_length(c.candidates, 1), 0), coalesce(c.name_unrepresentable, false)
         FROM onshi_received_file f
         LEFT JOIN onshi_confirmation c ON c.file_id = f.file_id
         LEFT JOIN tbl_ptnum n ON n.hospnum = c.hospnum AND n.ptid = c.ptid
        WHERE f.hospnum = 1 AND f.file_name = '$1' ORDER BY c.result_index" |
  while IFS='|' read -r state refusal validity link ptnum ncand mark; do
    case "$state" in
      refused) say "      -> refused ($refusal), moved to the host's quarantine folder" ;;
      *)
        line="      -> $state: $(validity_label "$validity");"
        case "$link" in
          linked) line="$line linked to patient $ptnum" ;;
          candidates) line="$line $ncand candidate patients: waits for staff (same-name check)" ;;
          no_patient) line="$line no such patient yet: waits for staff (new chart)" ;;
          *) line="$line $link" ;;
        esac
        [ "$mark" = t ] && line="$line; name carries the unrepresentable mark, stored name kept"
        say "$line" ;;
    esac
  done
}

# wait_file PATH: bounded wait until the engine took PATH from the share.
wait_file() {
  if ! wait_until 30 "[ ! -e '$1' ] && [ -n \"\$(sql \"SELECT 1 FROM onshi_received_file WHERE file_name = '$(basename "$1")'\")\" ]"; then
    say "      !! not handled within 30 s"
    STEP_FAILED=1
    return 1
  fi
}

# card_checkin PERSON DESCRIPTION [SCENARIO]
card_checkin() {
  say "   $(date +%H:%M:%S) card check-in: $1 ($2)"
  f=$(checkin "$SHARE" "$1" "" "${3:-}")
  wait_file "$f" && outcome "$(basename "$f")"
}

# insurance_check PTNUM DESCRIPTION
insurance_check() {
  say "   $(date +%H:%M:%S) insurance-number check: patient $1 ($2)"
  job=$("$ADMIN" check --hospnum 1 --patient "$1" | sed -n 's/.* job \([0-9][0-9]*\) queued.*/\1/p')
  [ -n "$job" ] || { say "      !! onshi-admin check failed"; STEP_FAILED=1; return 0; }
  if ! wait_until 40 "[ \"\$(sql 'SELECT state FROM onshi_job WHERE job_id = $job')\" != pending ] && [ \"\$(sql 'SELECT state FROM onshi_job WHERE job_id = $job')\" != sent ]"; then
    say "      !! job $job not answered within 40 s (state $(sql "SELECT state FROM onshi_job WHERE job_id = $job"))"
    STEP_FAILED=1
    return 0
  fi
  say "      job $job: $(sql "SELECT state || ' (request ' || coalesce(request_file, '-') || ')' FROM onshi_job WHERE job_id = $job")"
  name=$(sql "SELECT file_name FROM onshi_received_file WHERE job_id = $job ORDER BY file_id DESC LIMIT 1")
  [ -z "$name" ] || outcome "$name"
}

# deliver SOURCE NAME DESCRIPTION: a file dropped into face/ the way the terminal does (rename).
deliver() {
  say "   $(date +%H:%M:%S) file in face/: $3"
  cp "$1" "$SHARE/.incoming"
  mv "$SHARE/.incoming" "$SHARE/face/$2"
  wait_file "$SHARE/face/$2" && outcome "$2"
}

say "== 1. setup: throw-away PostgreSQL (tests/pg/pg-tmp), reference host, migrate, seed, enable"
eval "$(sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" start)"
PG_DIR=$PGHOST
# The simulated national system knows the generated patients too (their cards as the insurers
# have them), so that the evening bulk pre-check is answered like a real evening.
ONSHI_DEMO_SHARE=$SHARE ONSHI_DEMO_POPULATION=$WORK/population.json \
  sh "$ONSHI_SRCDIR/tests/host/load_demo_host.sh" "$BUILD" 2>&1 | sed 's/^/   /'
PGDATABASE=orca; export PGDATABASE

say "== 2. the terminal simulator (answers after 500 ms) and the engine"
"$SIM" run --share "$SHARE" --scenario "$SCENARIO" --population "$WORK/population.json" \
  --delay-ms 500 --poll-ms 200 >>"$SIM_LOG" 2>&1 &
SIM_PID=$!
write_engine_config "$WORK/onshi-exchanged.conf" "$QUAR" auto
say "   onshi-exchanged --foreground --config $WORK/onshi-exchanged.conf (log: engine lines below)"
start_engine "$WORK/onshi-exchanged.conf" "$ENGINE_LOG" || true
grep -q ONSHI-I-ENGINE-002 "$ENGINE_LOG" || { cat "$ENGINE_LOG"; say "   !! the engine did not start"; exit 1; }
sed 's/^/   | /' "$ENGINE_LOG"
shown=$(wc -l <"$ENGINE_LOG")

say "== 3. morning: patients check in with their My Number card"
card_checkin taro "a known patient"
card_checkin kenichi "known patient with a registered reference number"
card_checkin towa "a person the clinic does not know yet"
card_checkin ichiko "twin; the clinic has no branch number for the twins"
card_checkin jiro_twin "the other twin"
card_checkin shiro "name with a character the national system cannot represent"
card_checkin mutsuko "public assistance (medical aid)"

say "== 4. registration desk: insurance-number checks through the terminal"
insurance_check 000102 "dependent, branch number 01"
insurance_check 000111 "card replaced by a newer one"
insurance_check 000115 "twin, no branch number registered"

say "== 5. trouble at the share"
bad=OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml
deliver "$ONSHI_FIXTURES/bad/$bad" "$bad" "a refused file (DOCTYPE with an external entity, from bad/)"
other_institution_scenario "$WORK/other.json"
card_checkin taro "a result that names another institution" "$WORK/other.json"
again=$(sql "SELECT file_name FROM onshi_received_file WHERE state = 'imported' AND folder = 'face' ORDER BY file_id LIMIT 1")
say "   $(date +%H:%M:%S) the terminal delivers $again a second time"
sql "SELECT encode(raw, 'base64') FROM onshi_received_file WHERE file_name = '$again'" |
  base64 -d >"$SHARE/.again"
mv "$SHARE/.again" "$SHARE/face/$again"
if wait_until 30 "[ ! -e '$SHARE/face/$again' ]"; then
  say "      -> removed; rows for it: $(sql "SELECT count(*) FROM onshi_received_file WHERE file_name = '$again'") (nothing imported twice)"
else
  say "      !! not handled within 30 s"; STEP_FAILED=1
fi

say "== 5b. reference numbers and drug information"
say "   $(date +%H:%M:%S) patient 000101 had no reference number: his first valid result registered one"
if wait_until 30 "[ \"\$(sql \"SELECT r.state FROM onshi_reference_number r JOIN tbl_ptnum n ON n.hospnum = r.hospnum AND n.ptid = r.ptid WHERE r.hospnum = 1 AND btrim(n.ptnum) = '000101'\")\" = registered ]"; then
  say "      -> $(sql "SELECT 'reference number ' || r.reference_number || ' registered (OQSsiimm01req, job ' || r.job_id || ')' FROM onshi_reference_number r JOIN tbl_ptnum n ON n.hospnum = r.hospnum AND n.ptid = r.ptid WHERE r.hospnum = 1 AND btrim(n.ptnum) = '000101'")"
else
  say "      !! not registered within 30 s"; STEP_FAILED=1
fi
sql "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view) VALUES (1, 'doctor1', true)" >/dev/null
say "   $(date +%H:%M:%S) doctor1 asks for the drug information of 000101 (consented at the card reader)"
say "   onshi-admin medinfo request --hospnum 1 --patient 000101 --kind drug --user doctor1 --from 202501"
if "$ADMIN" medinfo request --hospnum 1 --patient 000101 --kind drug --user doctor1 --from 202501 >"$WORK/med.txt" 2>&1; then
  sed 's/^/      /' "$WORK/med.txt"
  job=$(sed -n 's/.* job \([0-9][0-9]*\) queued.*/\1/p' "$WORK/med.txt")
  if wait_until 30 "[ -n \"\$(sql 'SELECT 1 FROM onshi_drug_info WHERE job_id = $job')\" ]"; then
    sql "SELECT '      -> ' || i.format || ' result ' || i.result_code || ', ' ||
                (SELECT count(*) FROM onshi_drug_info_row x WHERE x.info_id = i.info_id) ||
                ' drug rows stored; audit rows: ' ||
                (SELECT count(*) FROM onshi_audit a WHERE a.ptid = i.ptid AND a.info_kind = 'drug')
           FROM onshi_drug_info i WHERE i.job_id = $job"
  else
    say "      !! no answer within 30 s"; STEP_FAILED=1
  fi
else
  sed 's/^/      /' "$WORK/med.txt"; say "      !! the request was refused"; STEP_FAILED=1
fi

say "== 5c. the receipt program's own screens (GnuCOBOL programs calling onshi_link.so)"
# The host's screens call the plugin through its C ABI; these two programs play them with the
# generated copybooks. The running engine and simulator do the exchange.
COB_LIBRARY_PATH="$BUILD/hooks/.libs"; COB_PRE_LOAD=onshi_link; ONSHI_LOCALE_DIR="$BUILD/po/locale"
export COB_LIBRARY_PATH COB_PRE_LOAD ONSHI_LOCALE_DIR
say "   $(date +%H:%M:%S) registration screen: patient 000105, ask by insurance number, show returned vs registered"
# The engine fills an empty branch number itself when exactly one patient matches, so there is
# nothing left to accept here (the hook tests cover accepting a proposed update).
if ONSHI_PTID=105 ONSHI_ACCEPT=none "$BUILD/hooks/screens/registration-screen" >"$WORK/reg-screen.txt" 2>&1; then
  sed 's/^/      /' "$WORK/reg-screen.txt"
  say "      -> host insurance of 000105 now: branch $(sql "SELECT coalesce(nullif(btrim(edaban), ''), '(none)') FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 105 AND hknid = 1"), confirmed $(sql "SELECT coalesce(nullif(btrim(kakuninymd), ''), '-') FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 105 AND hknid = 1")"
else
  sed 's/^/      /' "$WORK/reg-screen.txt"; say "      !! the registration screen failed"; STEP_FAILED=1
fi
say "   $(date +%H:%M:%S) reception screen: the unknown card check-in becomes a new patient"
if ONSHI_ACTION=N "$BUILD/hooks/screens/reception-screen" >"$WORK/rcp-screen.txt" 2>&1; then
  sed 's/^/      /' "$WORK/rcp-screen.txt"
else
  sed 's/^/      /' "$WORK/rcp-screen.txt"; say "      !! the reception screen failed"; STEP_FAILED=1
fi
say "   $(date +%H:%M:%S) drug-information viewer: doctor1 opens the answer of 5b (its rows, 20 a page)"
if ONSHI_PTID=101 ONSHI_USERID=doctor1 "$BUILD/hooks/screens/medinfo-screen" >"$WORK/med-screen.txt" 2>&1; then
  sed 's/^/      /' "$WORK/med-screen.txt"
  say "      -> $(grep -c '^row ' "$WORK/med-screen.txt") rows shown; audit rows of doctor1's views: $(sql "SELECT count(*) FROM onshi_audit WHERE hospnum = 1 AND userid = 'doctor1' AND action = 'view' AND info_kind = 'drug'")"
else
  sed 's/^/      /' "$WORK/med-screen.txt"; say "      !! the drug-information viewer failed"; STEP_FAILED=1
fi
say "   $(date +%H:%M:%S) drug-information viewer: clerk1 (no drug-information permission) is refused"
if ONSHI_PTID=101 ONSHI_USERID=clerk1 ONSHI_EXPECT=08 "$BUILD/hooks/screens/medinfo-screen" >"$WORK/med-refused.txt" 2>&1; then
  grep 'ONSHI-W-6011' "$WORK/med-refused.txt" | sed 's/^/      /'
  say "      -> refusal audited: $(sql "SELECT count(*) FROM onshi_audit WHERE hospnum = 1 AND userid = 'clerk1' AND action = 'view' AND detail = 'refused: no permission'") row"
else
  sed 's/^/      /' "$WORK/med-refused.txt"; say "      !! clerk1 was not refused"; STEP_FAILED=1
fi

say "== 5d. staff apply returned certificates to the host (onshi-admin apply): refused, applied, undone"
# kenichi's check-in returned a limit certificate (限度額適用認定証, with his consent): staff accept
# it as ORCA's P034 does, a public-expense row with its combination; the same day it can be
# undone. A certificate whose validity has ended is refused (nothing is written): the sample
# certificate ended 2026-03-31.
cid=$(sql "SELECT c.confirmation_id FROM onshi_certificate_detail d
             JOIN onshi_confirmation c USING (confirmation_id)
            WHERE d.kind = 'limit' AND c.hospnum = 1 AND c.link_state = 'linked'
            ORDER BY c.confirmation_id DESC LIMIT 1")
# The patient $pt's public-expense rows.
kohrows() {
  sql "SELECT '      tbl_ptkohinf: ' || coalesce(string_agg(kohid || ' kohnum ' || kohnum || ' ' ||
              trim(jkysnum) || ' ' || tekstymd || '-' || tekedymd, '; ' ORDER BY kohid), 'none')
         FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = $pt AND sakjokbn = ' '"
}
if [ -n "$cid" ]; then
  pt=$(sql "SELECT ptid FROM onshi_confirmation WHERE confirmation_id = $cid")
  say "   result $cid (patient id $pt), before:"
  kohrows
  if "$ADMIN" apply "$cid" limit --hospnum 1 --staff clerk1 >"$WORK/apply.txt" 2>&1; then
    sed 's/^/      /' "$WORK/apply.txt"
    say "   after:"
    kohrows
    audit=$(sql "SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply' AND info_id = $cid")
    if "$ADMIN" apply undo "$audit" --hospnum 1 --staff clerk1 >"$WORK/undo.txt" 2>&1; then
      sed 's/^/      /' "$WORK/undo.txt"
      say "   after the undo:"
      kohrows
    else
      sed 's/^/      /' "$WORK/undo.txt"; say "      !! the undo was refused"; STEP_FAILED=1
    fi
  elif grep -q "expired" "$WORK/apply.txt"; then
    sed 's/^/      /' "$WORK/apply.txt"
    say "   refused: the certificate's end date $(sql "SELECT valid_end FROM onshi_certificate_detail
           WHERE kind = 'limit' AND confirmation_id = $cid") has passed; the host rows are unchanged:"
    kohrows
  else
    sed 's/^/      /' "$WORK/apply.txt"; say "      !! the apply was refused"; STEP_FAILED=1
  fi
else
  say "      !! no linked result with a limit certificate"; STEP_FAILED=1
fi

# The patient $pt's insurance, with the copay class ORCA computes the share from (hojokbn:
# 7 = 3割 for an employees' insurance), and the combinations (tbl_hkncombi) the receipt uses.
hknpay() {
  sql "SELECT '      tbl_pthkninf: ' || coalesce(string_agg('hknid ' || hknid || ' ' || hknnum || ' ' ||
              btrim(hknjanum) || ' copay class hojokbn ' || coalesce(nullif(btrim(hojokbn), ''), '-') ||
              ' ' || tekstymd || '-' || tekedymd, '; ' ORDER BY hknid), 'none')
         FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = $pt AND sakjokbn = ' '"
}
combirows() {
  sql "SELECT '      tbl_hkncombi: ' || coalesce(string_agg('combination ' || hkncombinum || ' = hknid ' ||
              coalesce(hknid, 0) || coalesce(' (' || nullif(btrim(hknnum), '') || ')', '') ||
              coalesce(' + kohid ' || nullif(koh1id, 0) || ' (' || koh1hknnum || ')', '') || ' ' ||
              tekstymd || '-' || tekedymd, '; ' ORDER BY hkncombinum), 'none')
         FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = $pt AND coalesce(delkbn, ' ') <> '1'"
}
# copay_line RESULT: the limit consent / category and the copay ratio of the result as the day
# list shows them (onshi-admin results; the national system returns a copay ratio only on the
# late-elderly's cards, "-" otherwise).
copay_line() {
  "$ADMIN" results --hospnum 1 | awk -v id="$1" '$2 + 0 == id + 0' |
    sed -n 's/.* \(limit [^ ]*\) disease [^ ]* \(copay [^ ]*\) .*/      the result as onshi-admin results lists it: \1 (consent\/category) \2 (ratio)/p'
}

# hachiro (patient 000107) consented at the reader to his limit certificate (category ウ, still
# valid): staff apply it with onshi-admin apply RESULT limit and it stays applied. The program
# computes no copay amount: ORCA caps the 3割 share at the category's monthly limit from the
# public-expense row (kohnum 967) and its combination shown here.
card_checkin hachiro "limit certificate category ウ (valid until 2099-12-31), consented at the reader"
cid=$(sql "SELECT max(c.confirmation_id) FROM onshi_certificate_detail d
             JOIN onshi_confirmation c USING (confirmation_id)
            WHERE d.kind = 'limit' AND c.hospnum = 1 AND c.ptid = 107 AND c.link_state = 'linked'")
if [ -n "$cid" ]; then
  pt=107
  say "   result $cid (patient 000107): certificate $(sql "SELECT coalesce(d.classification, '-') || '/' ||
         coalesce(d.classification_flag, '-') || ' ' || coalesce(d.valid_start, '-') || '-' || coalesce(d.valid_end, '-')
         FROM onshi_certificate_detail d WHERE d.kind = 'limit' AND d.confirmation_id = $cid")"
  copay_line "$cid"
  say "   before:"
  hknpay; kohrows; combirows
  say "   onshi-admin apply $cid limit --hospnum 1 --user clerk1"
  if "$ADMIN" apply "$cid" limit --hospnum 1 --user clerk1 >"$WORK/apply.txt" 2>&1; then
    sed 's/^/      /' "$WORK/apply.txt"
    say "   after:"
    hknpay; kohrows; combirows
    [ -n "$(sql "SELECT 1 FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 107 AND kohnum = '967'
                   AND sakjokbn = ' '")" ] ||
      { say "      !! no limit-certificate row in the host"; STEP_FAILED=1; }
  else
    sed 's/^/      /' "$WORK/apply.txt"; say "      !! the apply was refused"; STEP_FAILED=1
  fi
else
  say "      !! no linked result with a limit certificate for patient 000107"; STEP_FAILED=1
fi

# saburo's card check-in returns his specific-disease certificate (特定疾病療養受療証, consented):
# staff apply it (kohnum 972 with its combination), then undo it the same day.
card_checkin saburo "specific-disease certificate, consented at the reader"
cid=$(sql "SELECT c.confirmation_id FROM onshi_certificate_detail d
             JOIN onshi_confirmation c USING (confirmation_id)
            WHERE d.kind = 'specific_disease' AND c.hospnum = 1 AND c.link_state = 'linked'
            ORDER BY c.confirmation_id DESC LIMIT 1")
if [ -n "$cid" ]; then
  pt=$(sql "SELECT ptid FROM onshi_confirmation WHERE confirmation_id = $cid")
  say "   result $cid (patient id $pt), before:"
  kohrows
  if "$ADMIN" apply "$cid" disease --hospnum 1 --staff clerk1 >"$WORK/apply.txt" 2>&1; then
    sed 's/^/      /' "$WORK/apply.txt"
    say "   after:"
    kohrows
    audit=$(sql "SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply' AND info_id = $cid")
    if "$ADMIN" apply undo "$audit" --hospnum 1 --staff clerk1 >"$WORK/undo.txt" 2>&1; then
      sed 's/^/      /' "$WORK/undo.txt"
      say "   after the undo:"
      kohrows
    else
      sed 's/^/      /' "$WORK/undo.txt"; say "      !! the undo was refused"; STEP_FAILED=1
    fi
  else
    sed 's/^/      /' "$WORK/apply.txt"; say "      !! the apply was refused"; STEP_FAILED=1
  fi
else
  say "      !! no linked result with a specific-disease certificate"; STEP_FAILED=1
fi

say "== 5e. a card the insurer replaced, applied to the host as a changed card (onshi-admin apply change)"
# Patient 000108's insurer issued a new card (new symbol and number); the clinic still has the
# old one. Her card check-in links through her registered reference number and shows the new
# card; staff accept it as ORCA's P033 "保険変更" (the registered card replaced in place).
card_checkin yuri "card replaced by the insurer; the clinic has the old card"
cid=$(sql "SELECT max(confirmation_id) FROM onshi_confirmation
            WHERE hospnum = 1 AND ptid = 108 AND link_state = 'linked' AND validity = '1'")
hknrows() {
  sql "SELECT '      tbl_pthkninf: ' || coalesce(string_agg('hknid ' || hknid || ' ' || btrim(hknjanum) ||
              ' symbol ' || coalesce(nullif(btrim(kigo), ''), '-') || ' number ' || btrim(num) ||
              ' branch ' || coalesce(nullif(btrim(edaban), ''), '-') || ' ' || tekstymd || '-' ||
              tekedymd || ' confirmed ' || coalesce(nullif(btrim(kakuninymd), ''), '-'),
              '; ' ORDER BY hknid), 'none')
         FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 108 AND sakjokbn = ' '"
}
if [ -n "$cid" ]; then
  say "   result $cid returned: $(sql "SELECT btrim(insurer_number) || ' symbol ' || card_symbol || ' number ' ||
                                            card_number || ' branch ' || coalesce(branch_number, '-')
                                       FROM onshi_confirmation WHERE confirmation_id = $cid")"
  say "   before:"
  hknrows
  say "   onshi-admin apply $cid change --hospnum 1 --staff clerk1 --patient 000108"
  if "$ADMIN" apply "$cid" change --hospnum 1 --staff clerk1 --patient 000108 >"$WORK/change.txt" 2>&1; then
    sed 's/^/      /' "$WORK/change.txt"
    say "   after:"
    hknrows
    [ -n "$(sql "SELECT 1 FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 108 AND hknid = 1
                   AND translate(num, '０１２３４５６７８９', '0123456789') = '30120'")" ] ||
      { say "      !! the new card is not in the host"; STEP_FAILED=1; }
  else
    sed 's/^/      /' "$WORK/change.txt"; say "      !! the apply was refused"; STEP_FAILED=1
  fi
else
  say "      !! no valid result linked to patient 000108"; STEP_FAILED=1
fi

say "== 5f. public assistance for a person the clinic does not know: a new patient from the result"
# fumiko checks in with her My Number card: a 医療扶助 qualification (card class A1) and no
# chart here. The reception screen creates her from the result (rcp_resolve N) with the
# public-expense row (kohnum 012, payer and recipient numbers) and its combination (the public
# expense alone, hknid 0) instead of an insurance row.
card_checkin fumiko "public assistance (medical aid), not known to the clinic"
say "   $(date +%H:%M:%S) reception screen: staff create the patient from the A1 result"
if ONSHI_ACTION=N "$BUILD/hooks/screens/reception-screen" >"$WORK/rcp-a1.txt" 2>&1; then
  sed 's/^/      /' "$WORK/rcp-a1.txt"
  pt=$(sql "SELECT ptid FROM onshi_confirmation
             WHERE hospnum = 1 AND link_state = 'linked' AND card_classification = 'A1'
               AND btrim(card_number) = '7654321' ORDER BY confirmation_id DESC LIMIT 1")
  if [ -n "$pt" ]; then
    sql "SELECT '      tbl_ptinf: patient ' || btrim(n.ptnum) || ' (id ' || p.ptid || ') ' || p.name ||
                ' / ' || p.kananame || ' ' || p.birthday || ' sex ' || p.sex
           FROM tbl_ptinf p JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid
          WHERE p.hospnum = 1 AND p.ptid = $pt"
    sql "SELECT '      tbl_ptnum: hknid ' || hknid || ', kohid ' || kohid || ', autocombinum ' ||
                autocombinum FROM tbl_ptnum WHERE hospnum = 1 AND ptid = $pt"
    hknrows_a1=$(sql "SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = $pt")
    say "      tbl_pthkninf: $hknrows_a1 rows (no insurance)"
    sql "SELECT '      tbl_ptkohinf: ' || coalesce(string_agg(kohid || ' kohnum ' || kohnum ||
                ' payer ' || btrim(ftnjanum) || ' recipient ' || btrim(jkysnum) || ' ' ||
                tekstymd || '-' || tekedymd, '; ' ORDER BY kohid), 'none')
           FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = $pt AND sakjokbn = ' '"
    combirows
    # The reception also queued the registration of her reference number; it names an
    # insurance card and she has none: the job fails (shown as it ends, not hidden).
    job=$(sed -n 's/.*reference job 0*\([0-9][0-9]*\).*/\1/p' "$WORK/rcp-a1.txt")
    if [ -n "$job" ]; then
      wait_until 30 "[ \"\$(sql 'SELECT state FROM onshi_job WHERE job_id = $job')\" != pending ] && [ \"\$(sql 'SELECT state FROM onshi_job WHERE job_id = $job')\" != sent ]" || true
      say "      reference-number registration job $job: $(sql "SELECT state || coalesce(': ' || last_error, '') FROM onshi_job WHERE job_id = $job")"
    fi
    [ -n "$(sql "SELECT 1 FROM tbl_ptkohinf k JOIN tbl_hkncombi c ON c.hospnum = k.hospnum
                   AND c.ptid = k.ptid AND c.koh1id = k.kohid AND coalesce(c.hknid, 0) = 0
                  WHERE k.hospnum = 1 AND k.ptid = $pt AND k.kohnum = '012'")" ] ||
      { say "      !! no public-expense row 012 with its combination"; STEP_FAILED=1; }
  else
    say "      !! no new patient linked to the A1 result"; STEP_FAILED=1
  fi
else
  sed 's/^/      /' "$WORK/rcp-a1.txt"; say "      !! the reception screen failed"; STEP_FAILED=1
fi

say "== 6. evening: the bulk pre-check of the next open day's reservations"
# In production the engine starts it at batch_time (18:00); here staff start it now. Small
# requests and a quick first download request so that the steps show.
sql "UPDATE onshi_facility SET bulk_chunk_max = 20, bulk_poll_s = 1 WHERE hospnum = 1" >/dev/null
say "   $(date +%H:%M:%S) onshi-admin bulk run --hospnum 1"
if "$ADMIN" bulk run --hospnum 1 >"$WORK/bulk.txt" 2>&1; then
  sed 's/^/      /' "$WORK/bulk.txt"
  if wait_until 60 '"$ADMIN" bulk status --hospnum 1 --limit 1 | grep -q "): \(done\|error\)"'; then
    sql "SELECT '      request ' || chunk_no || ': ' || patients || ' patients, reception number ' ||
                coalesce(reception_number, '-') || ', still processing ' || polls ||
                'x, then ' || valid || ' valid / ' || invalid || ' invalid / ' || errors || ' error'
           FROM onshi_bulk_chunk WHERE hospnum = 1 ORDER BY batch_id, chunk_no"
  else
    say "      !! not finished within 60 s"; STEP_FAILED=1
  fi
  say "-- onshi-admin bulk status --hospnum 1"
  "$ADMIN" bulk status --hospnum 1 --limit 1 | sed 's/^/   /'
else
  sed 's/^/      /' "$WORK/bulk.txt"; say "      !! onshi-admin bulk run failed"; STEP_FAILED=1
fi

# The bulk results queue the registration of the reference numbers they lacked: let the
# engine and the simulator finish them (bounded) so that the summary counts the whole day.
wait_until 60 "[ \"\$(sql \"SELECT count(*) FROM onshi_job WHERE hospnum = 1 AND state IN ('pending', 'sent')\")\" = 0 ]" ||
  say "   (requests still open after 60 s: $(sql "SELECT count(*) FROM onshi_job WHERE hospnum = 1 AND state IN ('pending', 'sent')"))"

say "== 7. what the engine logged during the day (file names and outcomes only)"
tail -n "+$(( shown + 1 ))" "$ENGINE_LOG" | sed 's/^/   | /'

say "== 8. summary"
sql "SELECT '   files imported            ' || count(*) FILTER (WHERE state = 'imported') || E'\n' ||
            '   files refused/quarantined ' || count(*) FILTER (WHERE state = 'refused')
       FROM onshi_received_file WHERE hospnum = 1"
sql "SELECT '   confirmations             ' || count(*) || E'\n' ||
            '   linked to a patient       ' || count(*) FILTER (WHERE link_state = 'linked') || E'\n' ||
            '   waiting for staff         ' ||
              count(*) FILTER (WHERE link_state IN ('candidates', 'no_patient', 'conflict'))
       FROM onshi_confirmation WHERE hospnum = 1"
sql "SELECT '   requests sent             ' || count(*) FILTER (WHERE request_file IS NOT NULL) || E'\n' ||
            '   requests answered         ' || count(*) FILTER (WHERE state = 'answered') || E'\n' ||
            '   requests failed/expired   ' || count(*) FILTER (WHERE state IN ('failed', 'expired'))
       FROM onshi_job WHERE hospnum = 1"
say "   share now: req/ $(files_in "$SHARE/req"), res/ $(files_in "$SHARE/res"), face/ $(files_in "$SHARE/face") files; quarantine: $(find "$QUAR" -type f | wc -l) files"
say "-- onshi-admin status --hospnum 1"
"$ADMIN" status --hospnum 1 | sed 's/^/   /'
[ "$STEP_FAILED" = 0 ] || { say "!! some steps did not finish in time"; exit 1; }
say "== the day is over"
