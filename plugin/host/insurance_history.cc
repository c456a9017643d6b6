// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/insurance_history.h"

#include "common/clock.h"
#include "db/connection.h"

namespace onshi::host {
namespace {

std::string blank_trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

ConfirmationWrite set_confirmation_date(db::Connection& conn, int hospnum, long long ptid,
                                        long long hknid, const std::string& date,
                                        const std::string& opid) {
  db::Result r = conn.exec_prepared(
      "SELECT coalesce(kakuninymd, '') AS kakuninymd FROM tbl_pthkninf "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
      "  AND coalesce(sakjokbn, '') <> '1' FOR UPDATE",
      {hospnum, ptid, hknid});
  if (r.rows() == 0) return ConfirmationWrite{};
  return set_locked_confirmation_date(conn, hospnum, ptid, hknid, r.text(0, 0), date, opid);
}

ConfirmationWrite set_locked_confirmation_date(db::Connection& conn, int hospnum, long long ptid,
                                               long long hknid, const std::string& current,
                                               const std::string& date, const std::string& opid) {
  ConfirmationWrite w;
  w.found = true;
  w.previous = blank_trimmed(current);
  // Never backwards: a late import of an older result leaves a newer confirmation alone.
  if (w.previous == date || (!w.previous.empty() && w.previous > date)) return w;
  conn.exec_prepared(
      "UPDATE tbl_pthkninf SET kakuninymd = $4::text, opid = $5::text, upymd = $6::text, "
      "  uphms = $7::text "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint",
      {hospnum, ptid, hknid, date, opid.substr(0, 16), local_date8(), local_time6()});
  w.changed = true;
  if (!w.previous.empty())
    record_previous_confirmation(conn, hospnum, ptid, hknid, w.previous, opid);
  return w;
}

void record_previous_confirmation(db::Connection& conn, int hospnum, long long ptid,
                                  long long hknid, const std::string& previous,
                                  const std::string& opid) {
  // As ORCA does: the rows of this insurance are deleted and written again, the passed date as
  // rennum 1 and the older ones after it (keeping their creymd), at most five in all; nothing
  // when the passed date already is the newest history row. One statement: every part sees the
  // rows as they were before it, and the sort reads all deleted rows before any is written.
  const char* const newest_is_previous =
      "EXISTS (SELECT 1 FROM tbl_pthknrrk n WHERE n.hospnum = $1::integer "
      "AND n.ptid = $2::bigint AND n.hknid = $3::bigint AND n.rennum = 1 "
      "AND rtrim(coalesce(n.kakuninymd, '')) = $4::text)";
  conn.exec_prepared(
      std::string("WITH gone AS (DELETE FROM tbl_pthknrrk WHERE hospnum = $1::integer "
                  "  AND ptid = $2::bigint AND hknid = $3::bigint AND NOT ") +
          newest_is_previous +
          "  RETURNING rennum, coalesce(kakuninymd, '')::text AS kakuninymd, "
          "  coalesce(termid, '')::text AS termid, coalesce(creymd, '')::text AS creymd), "
          "kept AS (SELECT 0 AS first, 0 AS rennum, $4::text AS kakuninymd, ''::text AS termid, "
          "  $6::text AS creymd WHERE NOT " +
          newest_is_previous +
          "  UNION ALL SELECT 1, rennum, kakuninymd, termid, creymd FROM gone "
          "  ORDER BY first, rennum LIMIT 5) "
          "INSERT INTO tbl_pthknrrk (hospnum, ptid, hknid, rennum, kakuninymd, termid, opid, "
          "  creymd, upymd, uphms) "
          "SELECT $1::integer, $2::bigint, $3::bigint, row_number() OVER (ORDER BY first, rennum), "
          "  kakuninymd, termid, $5::text, creymd, $6::text, $7::text FROM kept",
      {hospnum, ptid, hknid, previous, opid.substr(0, 16), local_date8(), local_time6()});
}

}  // namespace onshi::host
