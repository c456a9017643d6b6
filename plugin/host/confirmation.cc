// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/confirmation.h"

#include <vector>

#include "common/clock.h"
#include "db/connection.h"
#include "host/insurance_history.h"
#include "text/normalize.h"

namespace onshi::host {

bool confirm_public_expense(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& date, const std::string& payer,
                            const std::string& recipient, const Stamp& stamp) {
  // Public-expense confirmation dates have no history table in ORCA (reception writes them
  // directly); never a date after today.
  if (date > local_date8()) return false;
  db::Result u = conn.exec_prepared(
      "UPDATE tbl_ptkohinf SET kakuninymd = $3::text, upymd = $5::text, uphms = $6::text, "
      "  opid = 'ONSHI' "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND btrim(ftnjanum) = $4::text "
      "  AND onshi_card_key(jkysnum) = $7::text AND coalesce(sakjokbn, '') <> '1' RETURNING kohid",
      {hospnum, ptid, date, payer, stamp.day, stamp.time, text::card_key(recipient)});
  return u.rows() > 0;
}

std::optional<int> confirm_insurance(db::Connection& conn, int hospnum, long long ptid,
                                     const InsuranceConfirmation& c, const Stamp& stamp) {
  long long hknid = c.hknid;
  if (hknid == 0) {
    db::Result r = conn.exec_prepared(
        "SELECT hknid FROM tbl_pthkninf WHERE hospnum = $1::integer AND ptid = $2::bigint "
        "  AND coalesce(sakjokbn, '') <> '1' AND btrim(hknjanum) = $3::text "
        "  AND onshi_card_key(coalesce(kigo, '')) = $4::text AND onshi_card_key(num) = $5::text "
        "ORDER BY hknid DESC LIMIT 1",
        {hospnum, ptid, c.insurer, text::card_key(c.symbol), text::card_key(c.number)});
    if (r.rows() == 0) return std::nullopt;
    hknid = r.integer(0, r.column("hknid"));
  }
  // An empty branch number filled (only the branch number, as ORCA's own branch-number update:
  // kakuninymd is the confirmation's business, below).
  if (c.fill_branch)
    conn.exec_prepared(
        "UPDATE tbl_pthkninf SET edaban = $4::text, upymd = $5::text, uphms = $6::text, "
        "  opid = 'ONSHI' "
        "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
        "  AND coalesce(sakjokbn, '') <> '1' AND coalesce(btrim(edaban), '') = ''",
        {hospnum, ptid, hknid, c.fill_branch->substr(0, 2), stamp.day, stamp.time});
  // The confirmation date: only the day's own (a pre-check for tomorrow stores its result and
  // the visit day's confirmation applies it); the previous date goes to ORCA's history.
  if (c.date <= local_date8()) {
    const ConfirmationWrite w = set_confirmation_date(conn, hospnum, ptid, hknid, c.date, "ONSHI");
    if (!w.found) return std::nullopt;
  }
  return static_cast<int>(hknid);
}

AcceptOutcome accept_returned_value(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const std::string& item,
                                    const std::string& value, const Stamp& stamp,
                                    const std::string& opid) {
  static const struct {
    const char* item;
    const char* table;
    const char* column;
  } kColumns[] = {{"name", "tbl_ptinf", "name"},
                  {"kana", "tbl_ptinf", "kananame"},
                  {"birthdate", "tbl_ptinf", "birthday"},
                  {"sex", "tbl_ptinf", "sex"},
                  {"branch", "tbl_pthkninf", "edaban"},
                  {"family", "tbl_pthkninf", "honkzkkbn"},
                  {"insured_name", "tbl_pthkninf", "hihknjaname"}};
  for (const auto& c : kColumns) {
    if (item != c.item) continue;
    const bool insurance = std::string(c.table) == "tbl_pthkninf";
    if (insurance && !hknid) return AcceptOutcome::needs_insurance;
    std::string sql = std::string("UPDATE ") + c.table + " SET " + c.column +
                      " = $3::text, upymd = $4::text, uphms = $5::text, opid = $6::text "
                      "WHERE hospnum = $1::integer AND ptid = $2::bigint";
    // Names as ORCA stores returned text: full-width (kana in its name form).
    const std::string item_name = c.item;
    std::string stored = value;
    if (item_name == "name" || item_name == "insured_name")
      stored = text::to_fullwidth(text::fold_spaces(value));
    else if (item_name == "kana")
      stored = text::to_fullwidth(text::kana_name_for_host(value));
    std::vector<db::Param> params{hospnum, ptid, stored, stamp.day, stamp.time, opid.substr(0, 16)};
    if (insurance) {
      sql += " AND hknid = $7::bigint AND coalesce(sakjokbn, '') <> '1'";
      params.push_back(*hknid);
    }
    db::Result u = conn.exec(sql, params);
    return u.affected() == 1 ? AcceptOutcome::updated : AcceptOutcome::not_updated;
  }
  return AcceptOutcome::not_a_host_item;
}

}  // namespace onshi::host
