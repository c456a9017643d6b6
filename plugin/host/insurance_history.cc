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

/// The history write after "WITH " (or after other CTEs): $1 hospnum, $2 ptid, $3 hknid, $4 the
/// previous date (trimmed), $5 opid, $6 today, $7 the time. As ORCA does: the rows of this
/// insurance are deleted and written again, the previous date as rennum 1 and the older ones
/// after it (keeping their terminal and creymd), at most five in all; nothing when the previous
/// date already is the newest history row. Every part sees the rows as they were before the
/// statement, and the sort reads all deleted rows before any is written.
std::string history_statement() {
  const std::string newest_is_previous =
      "EXISTS (SELECT 1 FROM tbl_pthknrrk n WHERE n.hospnum = $1::integer "
      "AND n.ptid = $2::bigint AND n.hknid = $3::bigint AND n.rennum = 1 "
      "AND rtrim(coalesce(n.kakuninymd, '')) = $4::text)";
  return "gone AS (DELETE FROM tbl_pthknrrk WHERE hospnum = $1::integer "
         "  AND ptid = $2::bigint AND hknid = $3::bigint AND NOT " +
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
         "  kakuninymd, termid, $5::text, creymd, $6::text, $7::text FROM kept";
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
  w.changed = true;
  // $4 is the new date alone, the previous one with the history (then the new one is $8).
  auto update = [](const char* new_date) {
    return std::string("UPDATE tbl_pthkninf SET kakuninymd = ") + new_date +
           "::text, opid = $5::text, upymd = $6::text, uphms = $7::text "
           "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint";
  };
  // The row is there and locked, and nothing is read back: the statement goes to the server
  // with the caller's next one, in its round trip (db::Connection::defer_prepared).
  if (w.previous.empty()) {  // from blank: no history (ORCA keeps only previous dates)
    conn.defer_prepared(update("$4"), {hospnum, ptid, hknid, date, opid.substr(0, 16),
                                       local_date8(), local_time6()});
    return w;
  }
  // The date and its history in one statement (both always run to completion).
  conn.defer_prepared(
      "WITH confirmed AS (" + update("$8") + "), " + history_statement(),
      {hospnum, ptid, hknid, w.previous, opid.substr(0, 16), local_date8(), local_time6(), date});
  return w;
}

void record_previous_confirmation(db::Connection& conn, int hospnum, long long ptid,
                                  long long hknid, const std::string& previous,
                                  const std::string& opid) {
  conn.exec_prepared(
      "WITH " + history_statement(),
      {hospnum, ptid, hknid, previous, opid.substr(0, 16), local_date8(), local_time6()});
}

}  // namespace onshi::host
