// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/new_patient.h"

#include "db/connection.h"

namespace onshi::host {

std::string insurance_kind(const std::string& insurer) {
  if (insurer.size() == 6) return "060";
  if (insurer.size() == 8) return insurer.substr(0, 2) == "39" ? "039" : "0" + insurer.substr(0, 2);
  return "";
}

std::optional<NewPatient> create_patient_from_proposal(db::Connection& conn, int hospnum,
                                                       long long confirmation_id,
                                                       const std::string& op,
                                                       const std::string& day,
                                                       const std::string& time) {
  // One new patient id at a time per facility (ids are max + 1, as the host numbers them).
  conn.exec("LOCK TABLE tbl_ptinf IN SHARE ROW EXCLUSIVE MODE");
  db::Result id = conn.exec(
      "SELECT coalesce(max(ptid), 0) + 1 AS ptid FROM tbl_ptinf WHERE hospnum = $1", {hospnum});
  NewPatient out;
  out.ptid = id.integer(0, id.column("ptid"));
  db::Result num = conn.exec(
      "SELECT n FROM (SELECT lpad(($2 + k)::text, 6, '0') AS n, k FROM generate_series(0, 1000) k) s "
      "WHERE NOT EXISTS (SELECT 1 FROM tbl_ptnum WHERE hospnum = $1 AND rtrim(ptnum) = s.n) "
      "ORDER BY k LIMIT 1",
      {hospnum, out.ptid});
  out.ptnum = num.text(0, num.column("n"));
  db::Result p = conn.exec(
      "INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, sex, birthday, home_post, home_adrs, "
      "  tstptnumkbn, deathkbn, opid, creymd, upymd, uphms) "
      "SELECT $1, $2, pr->>'kananame', pr->>'name', nullif(pr->>'sex', ''), "
      "  nullif(pr->>'birthday', ''), nullif(left(pr->>'home_post', 7), ''), pr->>'home_adrs', "
      "  '0', '0', $4, $5, $5, $6 "
      "FROM (SELECT new_patient_proposal AS pr FROM onshi_confirmation "
      "      WHERE hospnum = $1 AND confirmation_id = $3) s RETURNING ptid",
      {hospnum, out.ptid, confirmation_id, op, day, time});
  if (p.rows() != 1) return std::nullopt;
  conn.exec("INSERT INTO tbl_ptnum (hospnum, ptid, ptnum, opid, creymd, upymd, uphms) "
            "VALUES ($1, $2, $3, $4, $5, $5, $6)",
            {hospnum, out.ptid, out.ptnum, op, day, time});
  db::Result ins = conn.exec(
      "SELECT coalesce(pr->'insurance'->>'hknjanum', '') AS insurer, "
      "coalesce(pr->'insurance'->>'card_classification', '') AS card_classification "
      "FROM (SELECT new_patient_proposal AS pr FROM onshi_confirmation "
      "      WHERE hospnum = $1 AND confirmation_id = $2) s",
      {hospnum, confirmation_id});
  const std::string insurer = ins.text(0, ins.column("insurer"));
  if (!insurer.empty() && ins.text(0, ins.column("card_classification")) != "A1") {
    conn.exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, edaban, "
        "  honkzkkbn, hihknjaname, skkgetymd, tekstymd, tekedymd, kakuninymd, opid, creymd, "
        "  upymd, uphms) "
        "SELECT $1, $2, 1, $4::text, i->>'hknjanum', nullif(i->>'kigo', ''), i->>'num', "
        "  CASE WHEN $4::text = '039' THEN NULL ELSE nullif(i->>'edaban', '') END, "
        "  nullif(i->>'honkzkkbn', ''), nullif(i->>'hihknjaname', ''), "
        "  nullif(i->>'skkgetymd', ''), coalesce(nullif(i->>'tekstymd', ''), nullif(i->>'skkgetymd', '')), "
        "  coalesce(nullif(i->>'tekedymd', ''), '99999999'), c.confirmation_date, $5, $6, $6, $7 "
        "FROM (SELECT new_patient_proposal->'insurance' AS i, confirmation_date "
        "      FROM onshi_confirmation WHERE hospnum = $1 AND confirmation_id = $3) c",
        {hospnum, out.ptid, confirmation_id, insurance_kind(insurer), op, day, time});
  }
  return out;
}

}  // namespace onshi::host
