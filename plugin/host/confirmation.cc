// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/confirmation.h"

#include <vector>

#include "db/connection.h"

namespace onshi::host {

bool confirm_public_expense(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& date, const std::string& payer,
                            const std::string& recipient, const Stamp& stamp) {
  db::Result u = conn.exec_prepared(
      "UPDATE tbl_ptkohinf SET kakuninymd = $3, upymd = $5, uphms = $6, opid = 'ONSHI' "
      "WHERE hospnum = $1 AND ptid = $2 AND btrim(ftnjanum) = $4 AND btrim(jkysnum) = $7 "
      "AND coalesce(sakjokbn, '0') <> '1' RETURNING kohid",
      {hospnum, ptid, date, payer, stamp.day, stamp.time, recipient});
  return u.rows() > 0;
}

std::optional<int> confirm_insurance(db::Connection& conn, int hospnum, long long ptid,
                                     const InsuranceConfirmation& c, const Stamp& stamp) {
  db::Result u = conn.exec_prepared(
      "UPDATE tbl_pthkninf SET kakuninymd = $3, upymd = $4, uphms = $5, opid = 'ONSHI', "
      "edaban = CASE WHEN coalesce(btrim(edaban), '') = '' AND $6::text IS NOT NULL "
      "              THEN $6::text ELSE edaban END "
      "WHERE hospnum = $1 AND ptid = $2 AND coalesce(sakjokbn, '0') <> '1' AND "
      "CASE WHEN $7::int <> 0 THEN hknid = $7::int ELSE "
      "  btrim(hknjanum) = $8 AND btrim(coalesce(kigo, '')) = $9 AND btrim(num) = $10 END "
      "RETURNING hknid",
      {hospnum, ptid, c.date, stamp.day, stamp.time,
       c.fill_branch ? db::Param(*c.fill_branch) : db::Param(), c.hknid, c.insurer, c.symbol,
       c.number});
  if (u.rows() == 0) return std::nullopt;
  return static_cast<int>(u.integer(0, u.column("hknid")));
}

AcceptOutcome accept_returned_value(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const std::string& item,
                                    const std::string& value, const Stamp& stamp,
                                    const std::string& opid) {
  static const struct {
    const char* item;
    const char* table;
    const char* column;
  } kColumns[] = {{"name", "tbl_ptinf", "name"},         {"kana", "tbl_ptinf", "kananame"},
                  {"birthdate", "tbl_ptinf", "birthday"}, {"sex", "tbl_ptinf", "sex"},
                  {"branch", "tbl_pthkninf", "edaban"},   {"family", "tbl_pthkninf", "honkzkkbn"},
                  {"insured_name", "tbl_pthkninf", "hihknjaname"}};
  for (const auto& c : kColumns) {
    if (item != c.item) continue;
    const bool insurance = std::string(c.table) == "tbl_pthkninf";
    if (insurance && !hknid) return AcceptOutcome::needs_insurance;
    std::string sql = std::string("UPDATE ") + c.table + " SET " + c.column +
                      " = $3, upymd = $4, uphms = $5, opid = $6 WHERE hospnum = $1 AND ptid = $2";
    std::vector<db::Param> params{hospnum, ptid, value, stamp.day, stamp.time, opid};
    if (insurance) {
      sql += " AND hknid = $7";
      params.push_back(*hknid);
    }
    db::Result u = conn.exec(sql, params);
    return u.affected() == 1 ? AcceptOutcome::updated : AcceptOutcome::not_updated;
  }
  return AcceptOutcome::not_a_host_item;
}

}  // namespace onshi::host
