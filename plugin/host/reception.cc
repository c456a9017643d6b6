// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/reception.h"

#include "db/connection.h"
#include "text/normalize.h"

namespace onshi::host {

std::optional<long long> reception_patient(db::Connection& conn, int hospnum,
                                           const std::string& ukeymd, long long ukeid) {
  db::Result u = conn.exec(
      // ukeid 0 is the day's header row (its ptid holds the last number used), never a patient;
      // ptid 0 is a reception without a registered patient.
      "SELECT ptid::bigint AS ptid FROM tbl_uketuke WHERE hospnum = $1::integer "
      "  AND ukeymd = $2::bpchar AND ukeid = $3::bigint AND ukeid <> 0 AND ptid <> 0",
      {hospnum, ukeymd, ukeid});
  const int c = u.rows() ? u.column("ptid") : 0;
  if (u.rows() == 0 || u.is_null(0, c)) return std::nullopt;
  return u.integer(0, c);
}

std::optional<std::string> next_reservation_day(db::Connection& conn, int hospnum,
                                                const std::string& after, int horizon_days) {
  db::Result r = conn.exec(
      // Every reservation band has a header row (yykid 0, ptid 0): not a patient.
      "SELECT min(yykymd) AS day FROM tbl_yyk WHERE hospnum = $1::integer AND yykymd > $2::bpchar "
      "AND yykymd <= to_char(to_date($2::text, 'YYYYMMDD') + $3::int, 'YYYYMMDD') "
      "AND yykid <> 0 AND ptid <> 0",
      {hospnum, after, horizon_days});
  if (r.rows() == 0 || r.is_null(0, r.column("day"))) return std::nullopt;
  return r.text(0, r.column("day"));
}

std::vector<ReservedPatient> reserved_patients(db::Connection& conn, int hospnum,
                                               const std::string& day) {
  // The insurance chosen like a single check's (current_insurance on the day).
  db::Result r = conn.exec(
      "WITH p AS (SELECT DISTINCT ptid::bigint AS ptid FROM tbl_yyk WHERE hospnum = $1::integer "
      "    AND yykymd = $2::bpchar AND yykid <> 0 AND ptid <> 0) "
      "SELECT p.ptid, coalesce(t.tstptnumkbn, '') AS tstptnumkbn, "
      "  coalesce(btrim(n.ptnum), '') AS ptnum, coalesce(btrim(t.birthday), '') AS birthday, "
      "  h.hknid, btrim(h.hknjanum) AS insurer, nullif(btrim(h.kigo), '') AS symbol, "
      "  coalesce(btrim(h.num), '') AS number, nullif(btrim(h.edaban), '') AS branch, "
      "  t.ptid IS NULL AS unknown, a.kohid, coalesce(btrim(a.ftnjanum), '') AS payer, "
      "  coalesce(btrim(a.jkysnum), '') AS recipient "
      "FROM p LEFT JOIN tbl_ptinf t ON t.hospnum = $1::integer AND t.ptid = p.ptid "
      "LEFT JOIN tbl_ptnum n ON n.hospnum = $1::integer AND n.ptid = p.ptid "
      "LEFT JOIN LATERAL (SELECT hknid, hknjanum, kigo, num, edaban FROM tbl_pthkninf i "
      "    WHERE i.hospnum = $1::integer AND i.ptid = p.ptid AND " +
          current_insurance_condition("i", "$2::text", false) +
          "    ORDER BY i.tekedymd DESC NULLS LAST, i.tekstymd DESC NULLS LAST, i.hknid LIMIT 1) h "
          "ON true "
          // Public assistance only (manual chapter 6): asked by payer and recipient numbers.
          "LEFT JOIN LATERAL (SELECT kohid, ftnjanum, jkysnum FROM tbl_ptkohinf k "
          "    WHERE h.hknid IS NULL AND k.hospnum = $1::integer AND k.ptid = p.ptid AND " +
          current_public_assistance_condition("k", "$2::text") +
          "    ORDER BY k.tekstymd DESC NULLS LAST, k.kohid DESC LIMIT 1) a ON true "
          "ORDER BY p.ptid",
      {hospnum, day});
  const int c_ptid = r.column("ptid"), c_test = r.column("tstptnumkbn"),
            c_ptnum = r.column("ptnum"), c_birthday = r.column("birthday"),
            c_hknid = r.column("hknid"), c_insurer = r.column("insurer"),
            c_symbol = r.column("symbol"), c_number = r.column("number"),
            c_branch = r.column("branch"), c_unknown = r.column("unknown");
  std::vector<ReservedPatient> out;
  for (int i = 0; i < r.rows(); ++i) {
    ReservedPatient p;
    p.ptid = r.integer(i, c_ptid);
    p.unknown = r.text(i, c_unknown) == "t";
    p.test_flag = r.text(i, c_test);
    p.ptnum = r.text(i, c_ptnum);
    p.birthday = r.text(i, c_birthday);
    if (!r.is_null(i, c_hknid)) {
      Insurance h;
      h.hknid = static_cast<int>(r.integer(i, c_hknid));
      h.insurer = r.text(i, c_insurer);
      // Sent half-width (ORCA may hold them full-width).
      if (std::optional<std::string> sym = r.optional(i, c_symbol)) {
        std::string k = text::card_key(*sym);
        if (!k.empty()) h.symbol = k;
      }
      h.number = text::card_key(r.text(i, c_number));
      h.branch = r.optional(i, c_branch);
      p.insurance = std::move(h);
    } else if (!r.is_null(i, r.column("kohid"))) {
      PublicAssistance a;
      a.kohid = static_cast<int>(r.integer(i, r.column("kohid")));
      a.payer = r.text(i, r.column("payer"));
      a.recipient = text::card_key(r.text(i, r.column("recipient")));
      p.assistance = std::move(a);
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ReservationRow> reservations_of_day(db::Connection& conn, int hospnum,
                                                const std::string& day) {
  db::Result r = conn.exec(
      // keyyyktime is the hour band (numeric HHMM), yyktime the reservation's own time; header
      // rows (yykid 0, ptid 0) are not patients. The time is shown HHMMSS.
      "WITH r AS (SELECT DISTINCT ON (y.ptid) y.ptid::bigint AS ptid, "
      "    lpad((CASE WHEN y.yyktime > 0 THEN y.yyktime ELSE y.keyyyktime END)::int::text, 4, '0') "
      "      || '00' AS keyyyktime FROM tbl_yyk y "
      "    WHERE y.hospnum = $1::integer AND y.yykymd = $2::bpchar AND y.yykid <> 0 AND y.ptid <> "
      "0 "
      "    ORDER BY y.ptid, y.keyyyktime, y.yyktime) "
      "SELECT r.ptid, coalesce(rtrim(n.ptnum), '') AS ptnum, coalesce(p.name, '') AS name, "
      "  r.keyyyktime "
      "FROM r JOIN tbl_ptinf p ON p.hospnum = $1::integer AND p.ptid = r.ptid "
      "LEFT JOIN tbl_ptnum n ON n.hospnum = $1::integer AND n.ptid = r.ptid "
      "WHERE coalesce(p.tstptnumkbn, '') <> '1' "
      "ORDER BY r.keyyyktime, r.ptid",
      {hospnum, day});
  const int c_ptid = r.column("ptid"), c_ptnum = r.column("ptnum"), c_name = r.column("name"),
            c_time = r.column("keyyyktime");
  std::vector<ReservationRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.integer(i, c_ptid), r.text(i, c_ptnum), r.text(i, c_name), r.text(i, c_time)});
  return out;
}

std::vector<ReceptionRow> receptions_after(db::Connection& conn, int hospnum,
                                           const std::string& day, long long after_ukeid,
                                           int limit) {
  db::Result r = conn.exec_prepared(
      // ukeid 0 is the day's header row; ptid 0 a reception without a registered patient.
      "SELECT ukeid::bigint AS ukeid, ptid::bigint AS ptid FROM tbl_uketuke "
      "WHERE hospnum = $1::integer AND ukeymd = $2::bpchar AND ukeid > $3::bigint "
      "  AND ptid IS NOT NULL AND ptid <> 0 ORDER BY ukeid LIMIT $4::integer",
      {hospnum, day, after_ukeid, limit});
  std::vector<ReceptionRow> out;
  const int c_ukeid = r.column("ukeid"), c_ptid = r.column("ptid");
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.integer(i, c_ukeid), r.integer(i, c_ptid)});
  return out;
}

bool insurance_confirmed_on(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& day) {
  db::Result r = conn.exec_prepared(
      "WITH h AS (SELECT h.kakuninymd FROM tbl_pthkninf h "
      "    WHERE h.hospnum = $1::integer AND h.ptid = $2::bigint AND " +
          current_insurance_condition("h", "$3::text", false) +
          "    ORDER BY h.tekedymd DESC NULLS LAST, h.tekstymd DESC NULLS LAST, h.hknid LIMIT 1), "
          "k AS (SELECT k.kakuninymd FROM tbl_ptkohinf k "
          "    WHERE NOT EXISTS (SELECT 1 FROM h) AND k.hospnum = $1::integer "
          "      AND k.ptid = $2::bigint AND " +
          current_public_assistance_condition("k", "$3::text") +
          "    ORDER BY k.tekstymd DESC NULLS LAST, k.kohid DESC LIMIT 1) "
          "SELECT EXISTS (SELECT 1 FROM h WHERE h.kakuninymd = $3::bpchar) "
          "    OR EXISTS (SELECT 1 FROM k WHERE k.kakuninymd = $3::bpchar) AS confirmed",
      {hospnum, ptid, day});
  return r.rows() && r.text(0, 0) == "t";
}

}  // namespace onshi::host
