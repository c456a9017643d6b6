// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/reference_numbers.h"

#include "db/connection.h"
#include "host/insurance.h"

namespace onshi::host {
namespace {

/// SQL expression of the reference number of patient `p`/`n` (the host's patient and patient
/// number rows) per the facility row `fa` (onshi_facility).
constexpr const char* kReferenceExpr =
    "CASE WHEN fa.reference_number_source = 'ptid' THEN p.ptid::text "
    "ELSE nullif(btrim(n.ptnum), '') END";

}  // namespace

std::optional<std::string> reference_number_source_value(db::Connection& conn, int hospnum,
                                                         long long ptid) {
  db::Result r =
      conn.exec(std::string("SELECT ") + kReferenceExpr +
                    " AS ref FROM tbl_ptinf p JOIN onshi_facility fa ON fa.hospnum = p.hospnum "
                    "LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
                    "WHERE p.hospnum = $1::integer AND p.ptid = $2::bigint",
                {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  return r.optional(0, r.column("ref"));
}

std::vector<int> current_insurance_ids(db::Connection& conn, int hospnum, long long ptid) {
  db::Result r = conn.exec(
      "SELECT h.hknid FROM tbl_pthkninf h WHERE h.hospnum = $1::integer AND h.ptid = $2::bigint "
      "AND " +
          current_insurance_condition("h", kTodaySql, true) + " ORDER BY h.hknid",
      {hospnum, ptid});
  std::vector<int> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(static_cast<int>(r.integer(i, 0)));
  return out;
}

void fill_bulk_registration(db::Connection& conn, int hospnum, long long run_id, int chunk_size) {
  conn.exec(
      std::string("WITH cards AS (SELECT p.ptid, h.hknid, ") + kReferenceExpr +
          " AS ref, btrim(h.hknjanum) AS ins, nullif(onshi_card_key(h.kigo), '') AS sym, "
          "  onshi_card_key(h.num) AS num, nullif(btrim(h.edaban), '') AS br "
          "  FROM tbl_ptinf p JOIN onshi_facility fa ON fa.hospnum = p.hospnum "
          "  LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
          "  JOIN tbl_pthkninf h ON h.hospnum = p.hospnum AND h.ptid = p.ptid "
          "  WHERE p.hospnum = $1::integer AND coalesce(p.tstptnumkbn, '') <> '1' AND " +
          current_insurance_condition("h", kTodaySql, true) +
          "  AND NOT EXISTS (SELECT 1 FROM onshi_reference_number x WHERE x.hospnum = p.hospnum "
          "    AND x.ptid = p.ptid AND x.state IN ('registered', 'pending', 'deleted'))), "
          // Every current insurance of a patient with several (the terminal keeps the number per
          // qualification); the same card entered twice is sent once.
          "cand AS (SELECT DISTINCT ON (ptid, ins, coalesce(sym, ''), num, coalesce(br, '')) * "
          "  FROM cards ORDER BY ptid, ins, coalesce(sym, ''), num, coalesce(br, ''), hknid DESC), "
          "numbered AS (SELECT cand.*, row_number() OVER (ORDER BY ptid, hknid) - 1 AS i FROM cand "
          "  WHERE ref IS NOT NULL AND length(ref) <= 50), "
          "chunks AS (INSERT INTO onshi_refnum_chunk (run_id, chunk_no, hospnum, entries) "
          "  SELECT $2::bigint, i / $3::integer + 1, $1::integer, count(*) FROM numbered "
          "  GROUP BY i / $3::integer + 1 "
          "  RETURNING entries), "
          "entries AS (INSERT INTO onshi_refnum_entry (run_id, chunk_no, seq, hospnum, ptid, "
          "  hknid, reference_number, insurer_number, card_symbol, card_number, branch_number) "
          "  SELECT $2::bigint, i / $3::integer + 1, i % $3::integer + 1, $1::integer, ptid, "
          "hknid, "
          "  ref, ins, sym, num, br "
          "  FROM numbered RETURNING 1) "
          "UPDATE onshi_refnum_run SET total = (SELECT count(*) FROM entries) "
          "WHERE run_id = $2::bigint",
      {hospnum, run_id, chunk_size});
}

void drop_changed_bulk_entries(db::Connection& conn, int hospnum, long long run_id, int chunk_no) {
  // The entry as filled must still be the patient's number on one of the patient's current
  // cards with the same numbers: else the card would be sent with a number that is not (or no
  // longer) the patient's.
  conn.exec(std::string("UPDATE onshi_refnum_entry e SET state = 'failed', error = 'not sent: the "
                        "patient''s number or insurance changed since the run started' "
                        "WHERE e.run_id = $2::bigint AND e.chunk_no = $3::integer AND e.state = "
                        "'pending' AND NOT EXISTS (SELECT 1 FROM tbl_ptinf p "
                        "  JOIN onshi_facility fa ON fa.hospnum = p.hospnum "
                        "  LEFT JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid "
                        "  JOIN tbl_pthkninf h ON h.hospnum = p.hospnum AND h.ptid = p.ptid "
                        "  WHERE p.hospnum = $1::integer AND p.ptid = e.ptid AND h.hknid = e.hknid "
                        "  AND coalesce(p.tstptnumkbn, '') <> '1' AND ") +
                current_insurance_condition("h", kTodaySql, true) + " AND " + kReferenceExpr +
                " = e.reference_number AND btrim(h.hknjanum) = e.insurer_number "
                "  AND coalesce(onshi_card_key(h.kigo), '') = coalesce(e.card_symbol, '') "
                "  AND onshi_card_key(h.num) = e.card_number "
                "  AND coalesce(btrim(h.edaban), '') = coalesce(e.branch_number, ''))",
            {hospnum, run_id, chunk_no});
}

}  // namespace onshi::host
