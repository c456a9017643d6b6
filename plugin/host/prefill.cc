// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/prefill.h"

#include "db/connection.h"

namespace onshi::host {
namespace {

/// The insurance columns registration writes from the screen (spec/orca52-host.md 6.2).
const char* const kInsuranceColumns =
    "'hknnum', 'hknjanum', 'kigo', 'num', 'edaban', 'honkzkkbn', 'hojokbn', 'hihknjaname', "
    "'skkgetymd', 'tekstymd', 'tekedymd'";
/// ... and the public-expense columns (1.5, 6.3).
const char* const kPublicExpenseColumns =
    "'kohnum', 'paykbn', 'ftnjanum', 'jkysnum', 'tekstymd', 'tekedymd'";

/// ... and the patient's columns the registration screen is filled with for a new patient (6.2).
const char* const kPatientColumns =
    "'name', 'kananame', 'sex', 'birthday', 'home_post', 'home_adrs'";

std::string v(const std::string& expr) {
  return "rtrim(coalesce(" + expr + ", ''))";
}

}  // namespace

std::string proposal(db::Connection& conn, const std::string& before_images,
                     const std::string& after_images, long long hknid) {
  // Rows of the after image the before image does not hold (new or changed), per table.
  return conn
      .exec_prepared(
          "WITH b AS (SELECT $1::jsonb AS j), a AS (SELECT $2::jsonb AS j), "
          "ins AS (SELECT e FROM jsonb_array_elements((SELECT j FROM a) -> 'tbl_pthkninf') e "
          "  EXCEPT SELECT e FROM jsonb_array_elements((SELECT j FROM b) -> 'tbl_pthkninf') e), "
          "koh AS (SELECT e FROM jsonb_array_elements((SELECT j FROM a) -> 'tbl_ptkohinf') e "
          "  EXCEPT SELECT e FROM jsonb_array_elements((SELECT j FROM b) -> 'tbl_ptkohinf') e) "
          "SELECT jsonb_build_object("
          "  'hknid', $3::bigint, "
          "  'insurance', (SELECT e FROM ins WHERE (e ->> 'hknid')::bigint = $3::bigint), "
          "  'insurance_new', NOT EXISTS (SELECT 1 FROM jsonb_array_elements((SELECT j FROM b) "
          "    -> 'tbl_pthkninf') x WHERE (x ->> 'hknid')::bigint = $3::bigint), "
          "  'ended', coalesce((SELECT jsonb_agg(jsonb_build_object('hknid', (e ->> "
          "    'hknid')::bigint, 'tekedymd', e ->> 'tekedymd') ORDER BY (e ->> 'hknid')::bigint) "
          "    FROM ins WHERE (e ->> 'hknid')::bigint <> $3::bigint), '[]'::jsonb), "
          "  'public_expense', coalesce((SELECT jsonb_agg(jsonb_build_object('row', e, 'new', "
          "    NOT EXISTS (SELECT 1 FROM jsonb_array_elements((SELECT j FROM b) -> 'tbl_ptkohinf') "
          "      x WHERE x ->> 'kohid' = e ->> 'kohid')) ORDER BY (e ->> 'kohid')::bigint) "
          "    FROM koh), '[]'::jsonb))::text",
          {before_images, after_images, hknid})
      .text(0, 0);
}

std::string new_patient_proposal(db::Connection& conn, int hospnum, long long ptid,
                                 const std::string& after_images, long long hknid) {
  const std::string rows = proposal(conn, "{}", after_images, hknid);
  return conn
      .exec_prepared(
          "SELECT ($1::jsonb || jsonb_build_object('patient', (SELECT jsonb_build_object("
          "  'name', p.name, 'kananame', p.kananame, 'sex', p.sex, 'birthday', p.birthday, "
          "  'home_post', p.home_post, 'home_adrs', p.home_adrs) FROM tbl_ptinf p "
          "  WHERE p.hospnum = $2::integer AND p.ptid = $3::bigint)))::text",
          {rows, hospnum, ptid})
      .text(0, 0);
}

Proposal read_proposal(db::Connection& conn, const std::string& text) {
  Proposal p;
  db::Result pt = conn.exec_prepared("SELECT jsonb_typeof($1::jsonb -> 'patient') = 'object', " +
                                         v("$1::jsonb -> 'patient' ->> 'name'") + ", " +
                                         v("$1::jsonb -> 'patient' ->> 'kananame'") + ", " +
                                         v("$1::jsonb -> 'patient' ->> 'sex'") + ", " +
                                         v("$1::jsonb -> 'patient' ->> 'birthday'") + ", " +
                                         v("$1::jsonb -> 'patient' ->> 'home_post'") + ", " +
                                         v("$1::jsonb -> 'patient' ->> 'home_adrs'"),
                                     {text});
  if (pt.text(0, 0) == "t")
    p.patient = ProposedPatient{pt.text(0, 1), pt.text(0, 2), pt.text(0, 3),
                                pt.text(0, 4), pt.text(0, 5), pt.text(0, 6)};
  db::Result h = conn.exec_prepared(
      "SELECT coalesce(($1::jsonb ->> 'hknid')::bigint, 0), "
      "  jsonb_typeof($1::jsonb -> 'insurance') = 'object', "
      "  coalesce(($1::jsonb ->> 'insurance_new')::boolean, false), " +
          v("$1::jsonb -> 'insurance' ->> 'hknnum'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'hknjanum'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'kigo'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'num'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'edaban'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'honkzkkbn'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'hojokbn'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'hihknjaname'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'skkgetymd'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'tekstymd'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'tekedymd'") + ", " +
          v("$1::jsonb -> 'insurance' ->> 'kakuninymd'"),
      {text});
  p.hknid = h.integer(0, 0);
  if (h.text(0, 1) == "t") {
    ProposedInsurance i;
    i.hknid = p.hknid;
    i.is_new = h.text(0, 2) == "t";
    i.hknnum = h.text(0, 3);
    i.insurer = h.text(0, 4);
    i.symbol = h.text(0, 5);
    i.number = h.text(0, 6);
    i.branch = h.text(0, 7);
    i.family = h.text(0, 8);
    i.hojokbn = h.text(0, 9);
    i.insured_name = h.text(0, 10);
    i.acquired = h.text(0, 11);
    i.from = h.text(0, 12);
    i.to = h.text(0, 13);
    i.confirmed = h.text(0, 14);
    p.insurance = i;
  }
  db::Result e = conn.exec_prepared("SELECT (e ->> 'hknid')::bigint, " + v("e ->> 'tekedymd'") +
                                        " FROM jsonb_array_elements($1::jsonb -> 'ended') e",
                                    {text});
  for (int r = 0; r < e.rows(); ++r) p.ended.push_back({e.integer(r, 0), e.text(r, 1)});
  db::Result k = conn.exec_prepared(
      "SELECT (e -> 'row' ->> 'kohid')::bigint, (e ->> 'new')::boolean, " +
          v("e -> 'row' ->> 'kohnum'") + ", " + v("e -> 'row' ->> 'paykbn'") + ", " +
          v("e -> 'row' ->> 'ftnjanum'") + ", " + v("e -> 'row' ->> 'jkysnum'") + ", " +
          v("e -> 'row' ->> 'tekstymd'") + ", " + v("e -> 'row' ->> 'tekedymd'") +
          " FROM jsonb_array_elements($1::jsonb -> 'public_expense') e",
      {text});
  for (int r = 0; r < k.rows(); ++r) {
    ProposedPublicExpense x;
    x.kohid = k.integer(r, 0);
    x.is_new = k.text(r, 1) == "t";
    x.kohnum = k.text(r, 2);
    x.paykbn = k.text(r, 3);
    x.ftnjanum = k.text(r, 4);
    x.jkysnum = k.text(r, 5);
    x.from = k.text(r, 6);
    x.to = k.text(r, 7);
    p.public_expense.push_back(x);
  }
  return p;
}

std::string saved_differences(db::Connection& conn, int hospnum, long long ptid,
                              const std::string& proposal, long long saved_hknid,
                              const std::vector<long long>& saved_kohids) {
  std::string kohids = "{";
  for (std::size_t i = 0; i < saved_kohids.size(); ++i)
    kohids += (i ? "," : "") + std::to_string(saved_kohids[i]);
  kohids += "}";
  // $1 hospnum, $2 ptid, $3 proposal, $4 saved hknid (0 none), $5 saved kohids in order.
  const std::string sql =
      "WITH p AS (SELECT $3::jsonb AS j), "
      "pi AS (SELECT j -> 'insurance' AS r, (j ->> 'hknid')::bigint AS hknid, "
      "  coalesce((j ->> 'insurance_new')::boolean, false) AS isnew FROM p "
      "  WHERE jsonb_typeof(j -> 'insurance') = 'object'), "
      "si AS (SELECT to_jsonb(t) AS r FROM tbl_pthkninf t WHERE t.hospnum = $1::integer "
      "  AND t.ptid = $2::bigint AND t.hknid = $4::bigint AND coalesce(t.sakjokbn, '') <> '1'), "
      "pk AS (SELECT e -> 'row' AS r, (e ->> 'new')::boolean AS isnew, n::integer AS n FROM p, "
      "  jsonb_array_elements(p.j -> 'public_expense') WITH ORDINALITY x(e, n)), "
      "sk AS (SELECT pk.n, to_jsonb(t) AS r FROM pk JOIN tbl_ptkohinf t "
      "  ON t.hospnum = $1::integer AND t.ptid = $2::bigint "
      "  AND t.kohid = ($5::bigint[])[pk.n] AND coalesce(t.sakjokbn, '') <> '1'), "
      "pp AS (SELECT j -> 'patient' AS r FROM p WHERE jsonb_typeof(j -> 'patient') = 'object'), "
      "sp AS (SELECT to_jsonb(t) AS r FROM tbl_ptinf t WHERE t.hospnum = $1::integer "
      "  AND t.ptid = $2::bigint), "
      "d AS ("
      // A new patient: the patient's columns as the screen was filled.
      "  SELECT 0 AS o, c.n AS n, 'tbl_ptinf' AS tbl, $2::bigint::text AS key, c.col AS field, " +
      v("pp.r ->> c.col") + " AS proposed, " + v("sp.r ->> c.col") +
      " AS saved FROM pp, sp, unnest(ARRAY[" + kPatientColumns +
      "]) WITH ORDINALITY c(col, n) WHERE " + v("pp.r ->> c.col") + " <> " + v("sp.r ->> c.col") +
      "  UNION ALL "
      // The insurance: saved at all, and a change on the same row.
      "  SELECT 1, 0::bigint, 'tbl_pthkninf', pi.hknid::text, 'hknid', pi.hknid::text, "
      "    CASE WHEN EXISTS (SELECT 1 FROM si) THEN $4::bigint::text ELSE '' END "
      "  FROM pi WHERE NOT EXISTS (SELECT 1 FROM si) OR (NOT pi.isnew AND $4::bigint <> pi.hknid) "
      "  UNION ALL "
      "  SELECT 2, c.n, 'tbl_pthkninf', $4::bigint::text, c.col, " +
      v("pi.r ->> c.col") + ", " + v("si.r ->> c.col") + "  FROM pi, si, unnest(ARRAY[" +
      kInsuranceColumns +
      "]) WITH ORDINALITY c(col, n) "
      "  WHERE " +
      v("pi.r ->> c.col") + " <> " + v("si.r ->> c.col") +
      "  UNION ALL "
      // Insurances the new one ends.
      "  SELECT 3, (e ->> 'hknid')::bigint, 'tbl_pthkninf', e ->> 'hknid', 'tekedymd', " +
      v("e ->> 'tekedymd'") + ", coalesce((SELECT " + v("t.tekedymd") +
      " FROM tbl_pthkninf t WHERE t.hospnum = $1::integer AND t.ptid = $2::bigint "
      "    AND t.hknid = (e ->> 'hknid')::bigint), '') "
      "  FROM p, jsonb_array_elements(p.j -> 'ended') e "
      "  WHERE " +
      v("e ->> 'tekedymd'") + " IS DISTINCT FROM (SELECT " + v("t.tekedymd") +
      " FROM tbl_pthkninf t WHERE t.hospnum = $1::integer AND t.ptid = $2::bigint "
      "    AND t.hknid = (e ->> 'hknid')::bigint) "
      "  UNION ALL "
      // Reception needs a combination of the saved insurance.
      "  SELECT 4, 0, 'tbl_hkncombi', $4::bigint::text, 'hknid', $4::bigint::text, '' "
      "  FROM pi WHERE EXISTS (SELECT 1 FROM si) AND NOT EXISTS (SELECT 1 FROM tbl_hkncombi c "
      "    WHERE c.hospnum = $1::integer AND c.ptid = $2::bigint AND c.hknid = $4::bigint "
      "    AND coalesce(c.delkbn, '') <> '1') "
      "  UNION ALL "
      // Public expense: each proposed row saved (in the proposal's order) ...
      "  SELECT 5, pk.n, 'tbl_ptkohinf', pk.r ->> 'kohid', 'kohid', "
      "    CASE WHEN pk.isnew THEN " +
      v("pk.r ->> 'kohnum'") +
      " ELSE pk.r ->> 'kohid' END, "
      "    coalesce((($5::bigint[])[pk.n])::text, '') "
      "  FROM pk WHERE NOT EXISTS (SELECT 1 FROM sk WHERE sk.n = pk.n) "
      "    OR (NOT pk.isnew AND ($5::bigint[])[pk.n] <> (pk.r ->> 'kohid')::bigint) "
      "  UNION ALL "
      // ... with the proposed values ...
      "  SELECT 6, pk.n * 100 + c.n, 'tbl_ptkohinf', sk.r ->> 'kohid', c.col, " +
      v("pk.r ->> c.col") + ", " + v("sk.r ->> c.col") +
      "  FROM pk JOIN sk USING (n), unnest(ARRAY[" + kPublicExpenseColumns +
      "]) WITH ORDINALITY c(col, n) "
      "  WHERE " +
      v("pk.r ->> c.col") + " <> " + v("sk.r ->> c.col") +
      "  UNION ALL "
      // ... and a combination holding it.
      "  SELECT 7, pk.n, 'tbl_hkncombi', sk.r ->> 'kohid', 'kohid', sk.r ->> 'kohid', '' "
      "  FROM pk JOIN sk USING (n) WHERE NOT EXISTS (SELECT 1 FROM tbl_hkncombi c "
      "    WHERE c.hospnum = $1::integer AND c.ptid = $2::bigint "
      "    AND coalesce(c.delkbn, '') <> '1' AND (sk.r ->> 'kohid')::bigint "
      "      IN (c.koh1id, c.koh2id, c.koh3id, c.koh4id))"
      ") "
      "SELECT coalesce(jsonb_agg(jsonb_build_object('table', tbl, 'key', key, 'field', field, "
      "  'proposed', proposed, 'saved', saved) ORDER BY o, n), '[]'::jsonb)::text FROM d";
  return conn.exec_prepared(sql, {hospnum, ptid, proposal, saved_hknid, kohids}).text(0, 0);
}

std::vector<Difference> read_differences(db::Connection& conn, const std::string& differences) {
  db::Result r = conn.exec_prepared(
      "SELECT e ->> 'table', coalesce(e ->> 'key', ''), e ->> 'field', "
      "  coalesce(e ->> 'proposed', ''), coalesce(e ->> 'saved', '') "
      "FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY x(e, n) ORDER BY n",
      {differences});
  std::vector<Difference> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4)});
  return out;
}

}  // namespace onshi::host
