// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/insurance_history.h"

#include <algorithm>
#include <vector>

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
  ConfirmationWrite w;
  db::Result r = conn.exec_prepared(
      "SELECT coalesce(kakuninymd, '') AS kakuninymd FROM tbl_pthkninf "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
      "  AND coalesce(sakjokbn, '') <> '1' FOR UPDATE",
      {hospnum, ptid, hknid});
  if (r.rows() == 0) return w;
  w.found = true;
  w.previous = blank_trimmed(r.text(0, r.column("kakuninymd")));
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
  db::Result newest = conn.exec_prepared(
      "SELECT coalesce(kakuninymd, '') AS kakuninymd FROM tbl_pthknrrk "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint AND rennum = 1",
      {hospnum, ptid, hknid});
  if (newest.rows() && blank_trimmed(newest.text(0, 0)) == previous) return;
  // As ORCA does: the rows of this insurance are deleted and written again, the passed date as
  // rennum 1 and the older ones after it (keeping their creymd), at most five in all.
  const std::string day = local_date8(), time = local_time6(), op = opid.substr(0, 16);
  db::Result old = conn.exec_prepared(
      "DELETE FROM tbl_pthknrrk WHERE hospnum = $1::integer AND ptid = $2::bigint "
      "  AND hknid = $3::bigint RETURNING rennum, coalesce(kakuninymd, '') AS kakuninymd, "
      "  coalesce(termid, '') AS termid, coalesce(creymd, '') AS creymd",
      {hospnum, ptid, hknid});
  struct Row {
    long long rennum;
    std::string date, termid, creymd;
  };
  std::vector<Row> rows;
  for (int i = 0; i < old.rows(); ++i)
    rows.push_back({old.integer(i, old.column("rennum")), old.text(i, old.column("kakuninymd")),
                    old.text(i, old.column("termid")), old.text(i, old.column("creymd"))});
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.rennum < b.rennum; });
  rows.insert(rows.begin(), Row{0, previous, "", day});
  if (rows.size() > 5) rows.resize(5);
  for (std::size_t i = 0; i < rows.size(); ++i)
    conn.exec_prepared(
        "INSERT INTO tbl_pthknrrk (hospnum, ptid, hknid, rennum, kakuninymd, termid, opid, "
        "  creymd, upymd, uphms) "
        "VALUES ($1::integer, $2::bigint, $3::bigint, $4::integer, $5::text, $6::text, $7::text, "
        "  $8::text, $9::text, $10::text)",
        {hospnum, ptid, hknid, static_cast<int>(i + 1), rows[i].date, rows[i].termid, op,
         rows[i].creymd, day, time});
}

}  // namespace onshi::host
