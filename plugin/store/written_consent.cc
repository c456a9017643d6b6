// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/written_consent.h"

#include "db/connection.h"

namespace onshi::store {

RecordedConsent insert_written_consent(db::Connection& conn, int hospnum, long long ptid,
                                       const std::string& type, const std::string& given_at,
                                       int hours, const std::string& userid) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_written_consent (hospnum, ptid, consent_type, consent_time, "
      "  available_until, recorded_by) "
      "SELECT $1, $2, $3, t, t + make_interval(hours => $5::int), $6 "
      "FROM (SELECT to_timestamp($4, 'YYYYMMDDHH24MISS')::timestamp AS t) g "
      "RETURNING written_id, to_char(available_until, 'YYYYMMDDHH24MISS') AS until",
      {hospnum, ptid, type, given_at, hours, userid});
  return {r.integer(0, r.column("written_id")), r.text(0, r.column("until"))};
}

std::vector<ConsentState> consent_states(db::Connection& conn, int hospnum, long long ptid) {
  // The same choice as latest_consent() (store/medical_info.h): newest consent time first.
  db::Result r = conn.exec(
      "SELECT DISTINCT ON (consent_type) consent_type, flag, "
      "  coalesce(to_char(consent_time, 'YYYYMMDDHH24MISS'), '') AS given, "
      "  coalesce(to_char(available_until, 'YYYYMMDDHH24MISS'), '') AS until, source, "
      "  recorded_by, available_until IS NOT NULL AND available_until > localtimestamp AS "
      "available "
      "FROM (SELECT consent_type, flag, consent_time, available_until, 'card' AS source, "
      "        '' AS recorded_by, confirmation_id AS id, 0 AS written "
      "      FROM onshi_consent WHERE hospnum = $1 AND ptid = $2 "
      "      UNION ALL "
      "      SELECT consent_type, flag, consent_time, available_until, 'written', recorded_by, "
      "        written_id, 1 FROM onshi_written_consent WHERE hospnum = $1 AND ptid = $2) x "
      "ORDER BY consent_type, consent_time DESC NULLS LAST, written DESC, id DESC",
      {hospnum, ptid});
  std::vector<ConsentState> out;
  for (int i = 0; i < r.rows(); ++i) {
    ConsentState s;
    s.type = r.text(i, r.column("consent_type"));
    s.flag = r.text(i, r.column("flag"));
    s.given = r.text(i, r.column("given"));
    s.until = r.text(i, r.column("until"));
    s.source = r.text(i, r.column("source"));
    s.recorded_by = r.text(i, r.column("recorded_by"));
    s.still_available = r.text(i, r.column("available")) == "t";
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace onshi::store
