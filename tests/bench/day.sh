#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# make bench-day: the touch rate of a synthetic clinic day (issue 15, README "Touch rate"). A
# benchmark, not a test: it prints figures and fails only when the day cannot be played or a
# result is linked to the wrong patient.
#
# The day: a throw-away PostgreSQL with the ORCA 5.2-shaped host and a generated clinic
# (tests/host/seed_host: households, twins without branch numbers, same-name strangers, late-
# elderly, public assistance, test patients, replaced and deleted cards, `●` names in the
# fixtures' sample people), the terminal simulator answering from the generated population (the
# insurers' truth: replaced and lost cards) plus walk-in people the clinic does not know, and the
# engine. Every reception of facility 1 today arrives in reception order, as at ORCA's front
# desk: a patient with a My Number card first checks in at the reader (a check-in file in face/),
# then the reception row is written into tbl_uketuke. With the automatic checks on (the default,
# DAY_AUTO=1: card check-in of the last minutes, else an insurance-number request) nobody asks
# for anything: the trigger on tbl_uketuke tells the engine. With DAY_AUTO=0 every patient
# without a card check-in is checked explicitly (onshi-admin check), as before the automatic
# checks. In the middle the terminal stops answering for DAY_OUTAGE_S seconds (SIGSTOP; the
# day's 10 minutes, shortened), longer than the facility's answer timeout (DAY_ANSWER_TIMEOUT_S),
# so the screens get the "terminal silent" notice and then "answers again". Other programs'
# files lie on the share all day. In the evening the bulk pre-check of tomorrow's reservations
# runs.
#
# Then, compared with the generator's truth (which patient each card belongs to):
#   receptions, those a rule can resolve (a valid card that points at exactly one host patient),
#   those linked and confirmed with no staff action (and their share of the rule-resolvable),
#   staff actions needed by reason (onshi-admin results --staff-only), wrong links (must be 0).
#
# usage: day.sh BUILDDIR   (env: DAY_PATIENTS=5500 DAY_CARD_PERCENT=65 DAY_WALKINS=8
#                                DAY_OUTAGE_S=20 DAY_ANSWER_TIMEOUT_S=8 DAY_AUTO=1 DAY_SEED=1)
set -eu
LC_ALL=C; export LC_ALL; unset LANGUAGE
BUILD=$(cd "$1" && pwd)
ONSHI_SRCDIR="${ONSHI_SRCDIR:?ONSHI_SRCDIR must point at the source tree}"
ONSHI_FIXTURES="${ONSHI_FIXTURES:?ONSHI_FIXTURES must point at the sample files}"
. "$ONSHI_SRCDIR/tests/e2e/e2e_lib.sh"
PATIENTS=${DAY_PATIENTS:-5500}
CARD_PERCENT=${DAY_CARD_PERCENT:-65}
WALKINS=${DAY_WALKINS:-8}
OUTAGE_S=${DAY_OUTAGE_S:-20}
ANSWER_TIMEOUT_S=${DAY_ANSWER_TIMEOUT_S:-8}
AUTO=${DAY_AUTO:-1}
SEED=${DAY_SEED:-1}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/onshi-day.XXXXXX")
SHARE="$WORK/share"
QUAR="$WORK/quarantine"
ENGINE_LOG="$WORK/engine.log"
SIM_LOG="$WORK/sim.log"
POP="$WORK/population.json"
ENGINE_PID=""
SIM_PID=""
LISTEN_PID=""
PG_DIR=""
cleanup() {
  st=$?
  trap - EXIT INT TERM
  [ -z "$SIM_PID" ] || { kill -CONT "$SIM_PID" 2>/dev/null; stop_engine "$SIM_PID" || true; }
  [ -z "$LISTEN_PID" ] || stop_engine "$LISTEN_PID" || true
  [ -z "$ENGINE_PID" ] || stop_engine "$ENGINE_PID" || st=1
  [ -z "$PG_DIR" ] || sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" stop "$PG_DIR" || true
  if [ "$st" -ne 0 ] && [ -z "${DAY_KEEP:-}" ]; then tail -n 20 "$ENGINE_LOG" 2>/dev/null || true; fi
  [ -n "${DAY_KEEP:-}" ] && echo "bench-day: work dir kept: $WORK" || rm -rf "$WORK"
  exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$SHARE/req" "$SHARE/res" "$SHARE/face" "$QUAR"
say() { printf '%s\n' "$*"; }
TODAY=$(date +%Y%m%d)

say "== bench-day: $PATIENTS generated patients (seed $SEED), card check-ins $CARD_PERCENT%, $WALKINS walk-ins, outage ${OUTAGE_S}s (answer timeout ${ANSWER_TIMEOUT_S}s), automatic checks $( [ "$AUTO" = 1 ] && echo on || echo off)"
eval "$(sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" start)"
PG_DIR=$PGHOST
createdb -E UTF8 -T template0 --lc-collate=C --lc-ctype=C orca
PGDATABASE=orca; export PGDATABASE
psql -X -q -v ON_ERROR_STOP=1 -f "$ONSHI_SRCDIR/tests/host/reference_host_schema.sql"
"$ADMIN" migrate >/dev/null
"$BUILD/tests/host/seed_host" --seed "$SEED" --patients "$PATIENTS" --today "$TODAY" \
  --data-dir "$ONSHI_SRCDIR/tests/host" --population "$POP" 2>"$WORK/seed.txt" |
  psql -X -q -v ON_ERROR_STOP=1 >/dev/null
sed 's/^/   /' "$WORK/seed.txt"
"$ADMIN" enable --hospnum 1 --institution-code 1312345678 --share "$SHARE" \
  --answer-timeout "$ANSWER_TIMEOUT_S" >/dev/null
# Today's receptions of facility 1 are written when each patient arrives, as ORCA's reception
# screen does; the seed's rows wait in bench_uketuke until then.
sql "CREATE TABLE bench_uketuke AS SELECT * FROM tbl_uketuke
      WHERE hospnum = 1 AND ukeymd = '$TODAY' AND ukeid > 0" >/dev/null
sql "DELETE FROM tbl_uketuke WHERE hospnum = 1 AND ukeymd = '$TODAY' AND ukeid > 0" >/dev/null
if [ "$AUTO" = 1 ]; then
  "$ADMIN" enable --hospnum 1 --share "$SHARE" --auto-face yes --auto-request yes >/dev/null
  "$ADMIN" autocheck trigger status | grep -q installed ||
    { say "!! the reception trigger is not installed"; exit 1; }
fi

# Walk-ins: people the clinic has never seen (a copy of a generated person with another name,
# birthdate and card), and the truth table: which host patient each card belongs to (0: none).
python3 - "$POP" "$WALKINS" "$WORK/truth.csv" <<'EOF'
import json, sys
pop_path, walkins, truth_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pop = json.load(open(pop_path, encoding="utf-8"))
people = pop["people"]
base = [p for p in people if p["card"]["InsuredCardClassification"] == "01"][:walkins]
for i, p in enumerate(base):
    w = json.loads(json.dumps(p))
    w["id"] = "walkin-%d" % (i + 1)
    w["note"] = "walk-in: not a patient of the clinic"
    c = w["card"]
    c["InsuredIdentificationNumber"] = "9%07d" % (i + 1)
    c["Birthdate"] = "19%02d0%d1%d" % (40 + i, 1 + i % 9, i % 9)
    c["Name"] = "来院　新%d" % (i + 1)
    c["NameKana"] = "ﾗｲｲﾝ ｼﾝ%d" % (i + 1)
    c.pop("InsuredName", None)
    c["PersonalFamilyClassification"] = "1"
    w["validity"] = 1
    people.append(w)
json.dump(pop, open(pop_path, "w", encoding="utf-8"), ensure_ascii=False)
with open(truth_path, "w", encoding="utf-8") as t:
    for p in people:
        c = p["card"]
        ptid = p["id"].split("-")[2] if p["id"].startswith("seed-") else "0"
        t.write(",".join([p["id"], ptid, c["InsurerNumber"].strip(),
                          c["InsuredIdentificationNumber"], c.get("InsuredBranchNumber", ""),
                          c["Birthdate"], str(p.get("validity", 1)),
                          c["InsuredCardClassification"]]) + "\n")
EOF
sql "CREATE TABLE bench_truth (person text PRIMARY KEY, ptid bigint, insurer text, number text,
       branch text, birthdate text, validity text, card_class text)"
psql -X -q -v ON_ERROR_STOP=1 -c "\\copy bench_truth FROM '$WORK/truth.csv' WITH (FORMAT csv)"
sql "UPDATE bench_truth SET branch = '' WHERE branch IS NULL" >/dev/null  # CSV: empty = NULL

# Other programs' files on the share: left alone all day.
printf 'other vendor\n' >"$SHARE/res/NOTES.txt"
printf 'a,b\n' >"$SHARE/face/other_vendor_export.csv"
printf 'x' >"$SHARE/req/.other-tool.lock"

"$SIM" run --share "$SHARE" --scenario "$SCENARIO" --population "$POP" --delay-ms 150 \
  --poll-ms 100 >>"$SIM_LOG" 2>&1 &
SIM_PID=$!
write_engine_config "$WORK/onshi-exchanged.conf" "$QUAR" auto
start_engine "$WORK/onshi-exchanged.conf" "$ENGINE_LOG" || true
grep -q ONSHI-I-ENGINE-002 "$ENGINE_LOG" || { cat "$ENGINE_LOG"; say "!! the engine did not start"; exit 1; }
# A screen waiting for notices (LISTEN, as the notices hook does): when each one arrives.
"$BUILD/tests/bench/notice_listen" >"$WORK/notices.txt" 2>>"$WORK/notices.err" &
LISTEN_PID=$!
wait_until 10 "grep -q ready '$WORK/notices.txt'" || { say "!! the notice listener did not start"; exit 1; }
# card PERSON: a card check-in file written into face/; its name and the time just before the
# simulator was started to write it ("ms name": an upper bound of the file's own time, since
# the engine may import it before the simulator has even exited).
card() {
  t0=$(date +%s%3N)
  f=$("$SIM" checkin --share "$SHARE" --scenario "$SCENARIO" --population "$POP" --person "$1" \
        2>>"$SIM_LOG") || return 1
  echo "$t0 $(basename "$f") $(( $(date +%s%3N) - t0 ))" >>"$WORK/written.txt"
}

# Today's receptions of facility 1, in reception order, with the way each patient arrives.
sql "SELECT u.ptid::bigint, trim(n.ptnum), coalesce(t.person, ''), u.ukeid
       FROM bench_uketuke u JOIN tbl_ptnum n ON n.hospnum = u.hospnum AND n.ptid = u.ptid
       LEFT JOIN bench_truth t ON t.person = 'seed-1-' || u.ptid::bigint
      WHERE u.hospnum = 1 AND u.ukeymd = '$TODAY' AND u.ukeid > 0
      ORDER BY u.uketime, u.ukeid" >"$WORK/receptions.txt"
total=$(wc -l <"$WORK/receptions.txt" | tr -d ' ')
outage_from=$(( total / 2 ))
outage_to=$(( total / 2 + total / 10 ))
say "== the day: $total receptions of facility 1 (+ $WALKINS walk-ins); terminal down for receptions $outage_from-$outage_to"
: >"$WORK/arrivals.txt"
i=0
walkins=0
start=$(date +%s)
# receive UKEID: the reception row written, as ORCA's reception screen writes it.
receive() {
  sql "INSERT INTO tbl_uketuke SELECT * FROM bench_uketuke
        WHERE hospnum = 1 AND ukeymd = '$TODAY' AND ukeid = $1" >/dev/null
}
while IFS='|' read -r ptid ptnum person ukeid; do
  i=$(( i + 1 ))
  if [ "$i" -eq "$outage_from" ]; then kill -STOP "$SIM_PID"; outage_start=$(date +%s); fi
  if [ "$i" -eq "$outage_to" ]; then
    left=$(( OUTAGE_S - ($(date +%s) - outage_start) ))
    [ "$left" -le 0 ] || sleep "$left"
    kill -CONT "$SIM_PID"
  fi
  down=no
  [ "$i" -ge "$outage_from" ] && [ "$i" -lt "$outage_to" ] && down=yes
  if [ -n "$person" ] && [ "$down" = no ] && [ $(( ptid * 7919 % 100 )) -lt "$CARD_PERCENT" ]; then
    card "$person" && echo "$ptid|card" >>"$WORK/arrivals.txt"
    receive "$ukeid"
  elif [ "$AUTO" = 1 ]; then
    receive "$ukeid"
    echo "$ptid|reception" >>"$WORK/arrivals.txt"
  else
    receive "$ukeid"
    "$ADMIN" check --hospnum 1 --patient "$ptnum" >/dev/null 2>>"$WORK/check-errors.txt" &&
      echo "$ptid|number" >>"$WORK/arrivals.txt" || echo "$ptid|refused" >>"$WORK/arrivals.txt"
  fi
  # The walk-ins come in among the morning's patients.
  if [ $(( i % 25 )) -eq 0 ] && [ $(( i / 25 )) -le "$WALKINS" ] && [ "$down" = no ]; then
    card "walkin-$(( i / 25 ))" && walkins=$(( walkins + 1 ))
  fi
done <"$WORK/receptions.txt"
[ "$i" -ge "$outage_to" ] || kill -CONT "$SIM_PID"

sql "UPDATE onshi_facility SET bulk_chunk_max = 200, bulk_poll_s = 1 WHERE hospnum = 1" >/dev/null
"$ADMIN" bulk run --hospnum 1 >"$WORK/bulk.txt" 2>&1 || { cat "$WORK/bulk.txt"; exit 1; }
if ! wait_until 300 "[ \"\$(sql \"SELECT count(*) FROM onshi_job WHERE hospnum = 1 AND state IN ('pending', 'sent')\")\" = 0 ] &&
                    [ \"\$(sql \"SELECT count(*) FROM onshi_reception_event WHERE handled_at IS NULL\")\" = 0 ] &&
                    [ \"\$(files_in '$SHARE/face')\" = 1 ] &&
                    \"$ADMIN\" bulk status --hospnum 1 --limit 1 | grep -q '): \\(done\\|error\\)'"; then
  say "!! the day did not settle within 300 s"
  sql "SELECT state, count(*) FROM onshi_job WHERE hospnum = 1 GROUP BY state"
  exit 1
fi
elapsed=$(( $(date +%s) - start ))

# --- figures --------------------------------------------------------------------------------
"$ADMIN" results --hospnum 1 --day "$TODAY" >"$WORK/results.txt"
# "HH:MM:SS ID SOURCE STATUS [*] patient ..." -> id|source|status|staff
sed -n 's/^[0-9:]* \([0-9][0-9]*\) \([a-z]*\) \([a-z_]*\)\( \*\)\{0,1\} patient.*/\1|\2|\3|\4/p' \
  "$WORK/results.txt" | sed 's/| \*$/|1/; s/|$/|0/' >"$WORK/results.csv"
sql "CREATE TABLE bench_result (confirmation_id bigint, source text, status text, staff int)"
psql -X -q -v ON_ERROR_STOP=1 -c "\\copy bench_result FROM '$WORK/results.csv' WITH (FORMAT csv, DELIMITER '|')"
# Which person each result is about: its card (insurer, number, branch when returned, birthdate).
sql "CREATE TABLE bench_link AS
       SELECT c.confirmation_id, c.source, c.link_state, c.ptid AS linked, r.status, r.staff,
              (SELECT t.ptid FROM bench_truth t
                WHERE t.insurer = trim(c.insurer_number) AND t.number = trim(c.card_number)
                  AND t.birthdate = c.birthdate
                  AND (t.branch = coalesce(trim(c.branch_number), '') OR t.card_class = 'A1')
                ORDER BY t.ptid LIMIT 1) AS truth
         FROM onshi_confirmation c JOIN bench_result r USING (confirmation_id)
        WHERE c.hospnum = 1" >/dev/null
# A rule can resolve a reception when the insurers know the card as valid (1, or 6 for public
# assistance) and it points at exactly one host patient (insurer, number, birthdate; the branch
# number when the host has one).
sql "CREATE TABLE bench_resolvable AS
       SELECT t.ptid FROM bench_truth t
        WHERE t.ptid > 0 AND t.validity IN ('1', '6')
          AND 1 = CASE WHEN t.card_class = 'A1' THEN
                (SELECT count(DISTINCT k.ptid) FROM tbl_ptkohinf k JOIN tbl_ptinf p USING (hospnum, ptid)
                  WHERE k.hospnum = 1 AND k.ftnjanum = t.insurer AND k.jkysnum = t.number
                    AND p.birthday = t.birthdate AND k.sakjokbn = ' ')
              ELSE
                (SELECT count(DISTINCT h.ptid) FROM tbl_pthkninf h JOIN tbl_ptinf p USING (hospnum, ptid)
                  WHERE h.hospnum = 1 AND rtrim(h.hknjanum) = t.insurer
                    AND translate(h.num, '０１２３４５６７８９', '0123456789') = t.number
                    AND p.birthday = t.birthdate AND h.sakjokbn = ' ' AND h.tekedymd >= '$TODAY'
                    AND (h.edaban = '' OR h.edaban = t.branch))
              END" >/dev/null
# Linked, but not a confirmed insurance: the national answer says the card is not valid (or
# could not be read); the rest of the statuses that need no staff (valid, a branch number to
# fill, copay or insured-name remarks) count as confirmed without staff.
NOT_CONFIRMED="'invalid', 'invalid_newer', 'no_qualification', 'several', 'error', 'dismissed'"
cut -d'|' -f1 "$WORK/arrivals.txt" | sort -u >"$WORK/arrived.txt"
sql "CREATE TABLE bench_arrived (ptid bigint PRIMARY KEY)"
psql -X -q -v ON_ERROR_STOP=1 -c "\\copy bench_arrived FROM '$WORK/arrived.txt'"

receptions=$(sql "SELECT count(*) FROM bench_arrived")
scored=$(sql "SELECT count(*) FROM bench_arrived a JOIN bench_truth t ON t.ptid = a.ptid")
resolvable=$(sql "SELECT count(*) FROM bench_arrived a JOIN bench_resolvable r USING (ptid)")
auto=$(sql "SELECT count(DISTINCT a.ptid) FROM bench_arrived a JOIN bench_resolvable r USING (ptid)
              JOIN bench_link l ON l.linked = a.ptid AND l.truth = a.ptid
             WHERE l.source IN ('face', 'single') AND l.staff = 0 AND l.link_state = 'linked'
               AND l.status NOT IN ($NOT_CONFIRMED)")
wrong=$(sql "SELECT count(*) FROM bench_link WHERE link_state = 'linked' AND truth IS NOT NULL
               AND linked <> truth")
untraced=$(sql "SELECT count(*) FROM bench_link WHERE link_state = 'linked' AND truth IS NULL")
rate=$(awk -v a="$auto" -v r="$resolvable" 'BEGIN { if (r > 0) printf "%.1f", 100 * a / r; else print "-" }')
say "== figures (day played in ${elapsed}s; sim and engine on this machine)"
say "   receptions (facility 1)                    $receptions ($scored of generated patients; the rest test or sample patients)"
say "   walk-ins (not patients of the clinic)      $walkins"
say "   arrivals: card $(grep -c '|card$' "$WORK/arrivals.txt" || true), reception only (automatic check) $(grep -c '|reception$' "$WORK/arrivals.txt" || true), insurance number asked by staff $(grep -c '|number$' "$WORK/arrivals.txt" || true), check refused $(grep -c '|refused$' "$WORK/arrivals.txt" || true)"
if [ "$AUTO" = 1 ]; then
  say "   automatic checks by source: $(sql "SELECT coalesce(string_agg(source || ' ' || n, ', ' ORDER BY source), 'none') FROM (SELECT source, count(*) n FROM onshi_auto_check WHERE hospnum = 1 AND day = '$TODAY' GROUP BY source) s")"
  say "   received patients with no automatic check  $(sql "SELECT count(*) FROM bench_arrived a WHERE NOT EXISTS (SELECT 1 FROM onshi_auto_check c WHERE c.hospnum = 1 AND c.day = '$TODAY' AND c.ptid = a.ptid)")"
  # Patients who checked in with the card but were still asked about: why (their check-in's
  # result as stored: status and link).
  grep '|card$' "$WORK/arrivals.txt" | cut -d'|' -f1 | sort -u >"$WORK/card.txt"
  sql "CREATE TABLE bench_card (ptid bigint PRIMARY KEY)"
  psql -X -q -v ON_ERROR_STOP=1 -c "\\copy bench_card FROM '$WORK/card.txt'"
  say "   card check-in, still asked by number       $(sql "SELECT count(*) FROM onshi_auto_check c JOIN bench_card USING (ptid) WHERE c.hospnum = 1 AND c.day = '$TODAY' AND c.source = 'request'")"
  sql "SELECT '     their check-in: ' || coalesce(l.status || ', ' || l.link_state, 'none stored') || ' (' || count(*) || ')'
         FROM onshi_auto_check c JOIN bench_card b USING (ptid)
         LEFT JOIN bench_link l ON l.truth = c.ptid AND l.source = 'face'
        WHERE c.hospnum = 1 AND c.day = '$TODAY' AND c.source = 'request'
        GROUP BY l.status, l.link_state"
  sql "SELECT '     not possible: ' || coalesce(note, '-') || ' (' || count(*) || ')' FROM onshi_auto_check
        WHERE hospnum = 1 AND day = '$TODAY' AND source = 'refused' GROUP BY note ORDER BY count(*) DESC LIMIT 5"
  say "   staff actions to ask for a check           0 (DAY_AUTO=0: one per patient without a card check-in)"
else
  say "   staff actions to ask for a check           $(grep -c '|\(number\|refused\)$' "$WORK/arrivals.txt" || true) (onshi-admin check, one per patient without a card check-in)"
fi
say "   a rule can resolve                         $resolvable"
say "   linked and confirmed, no staff action      $auto ($rate% of the rule-resolvable; target >= 95%)"
say "   results needing staff, by reason:"
sql "SELECT '     ' || rpad(status, 22) || count(*) FROM bench_result WHERE staff = 1
      GROUP BY status ORDER BY count(*) DESC, status"
say "   card or number results not valid (the patient is asked for the current card):"
sql "SELECT '     ' || rpad(status, 22) || count(*) FROM bench_result
      WHERE staff = 0 AND source IN ('face', 'single') AND status IN ($NOT_CONFIRMED)
      GROUP BY status ORDER BY count(*) DESC, status"
say "   results by source: $(sql "SELECT string_agg(source || ' ' || n, ', ' ORDER BY source) FROM (SELECT source, count(*) n FROM bench_result GROUP BY source) s")"
# Notice latency: a card check-in written into face/ -> its notice delivered to the listening
# screen (results that need staff: no patient, candidates, differences, invalid).
latency=$(awk 'NR == FNR { at[$2] = $1; next } ($4 in at) { print $1 - at[$4] }' \
  "$WORK/written.txt" "$WORK/notices.txt" | sort -n |
  awk '{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit }
         p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]
         printf "p50 %d ms, p99 %d ms over %d card check-ins", p50, p99, NR }')
say "   notices delivered to a waiting screen     $(grep -c '^[0-9]' "$WORK/notices.txt" || true) ($(awk '/^[0-9]/ { print $3 }' "$WORK/notices.txt" | sort | uniq -c | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }'))"
say "   notice latency (face/ file -> screen)      $latency"
say "     (an upper bound: from the start of the simulator process writing the file; that process"
say "      runs $(awk '{ print $3 }' "$WORK/written.txt" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') ms (median) from start to exit, loading the population)"
say "   wrong links (must be 0)                    $wrong"
say "   linked results with no generated truth     $untraced (sample or test patients)"
say "   other programs' files still on the share   $( [ -f "$SHARE/res/NOTES.txt" ] && [ -f "$SHARE/face/other_vendor_export.csv" ] && [ -f "$SHARE/req/.other-tool.lock" ] && echo yes || echo NO)"
say "   quarantined files                          $(files_in "$QUAR")"
if [ -n "${DAY_DEBUG:-}" ]; then
  sql "SELECT l.confirmation_id, l.source, l.status, l.linked, c.insurer_number, c.card_number,
              c.branch_number, c.birthdate, c.card_classification
         FROM bench_link l JOIN onshi_confirmation c USING (confirmation_id)
        WHERE l.truth IS NULL AND l.link_state = 'linked' LIMIT 15"
  sql "SELECT a.ptid, t.person, t.validity, string_agg(l.source || ':' || l.status || ':' || l.link_state || ':' || coalesce(l.linked::text, '-'), ' ')
         FROM bench_arrived a JOIN bench_resolvable r USING (ptid) JOIN bench_truth t ON t.ptid = a.ptid
         LEFT JOIN bench_link l ON l.truth = a.ptid
        WHERE NOT EXISTS (SELECT 1 FROM bench_link x WHERE x.linked = a.ptid AND x.truth = a.ptid
                            AND x.source IN ('face', 'single') AND x.staff = 0
                            AND x.link_state = 'linked' AND x.status NOT IN ($NOT_CONFIRMED))
        GROUP BY 1, 2, 3 LIMIT 25"
fi
if [ "$wrong" -ne 0 ]; then
  sql "SELECT 'WRONG: confirmation ' || confirmation_id || ' linked to ' || linked || ', card of ' || truth
         FROM bench_link WHERE link_state = 'linked' AND truth IS NOT NULL AND linked <> truth"
  exit 1
fi
