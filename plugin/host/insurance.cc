// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/insurance.h"

#include <vector>

#include "db/connection.h"

namespace onshi::host {
namespace {

Insurance insurance_at(const db::Result& r) {
  Insurance i;
  i.hknid = static_cast<int>(r.integer(0, r.column("hknid")));
  i.insurer = r.text(0, r.column("insurer"));
  i.symbol = r.optional(0, r.column("symbol"));
  i.number = r.text(0, r.column("number"));
  i.branch = r.optional(0, r.column("branch"));
  return i;
}

const char* const kInsuranceColumns =
    "SELECT h.hknid, btrim(h.hknjanum) AS insurer, nullif(btrim(h.kigo), '') AS symbol, "
    "coalesce(btrim(h.num), '') AS number, nullif(btrim(h.edaban), '') AS branch, "
    "h.sakjokbn FROM tbl_pthkninf h ";

const char* const kRegisteredColumns =
    "SELECT hknid, coalesce(btrim(hknjanum), '') AS insurer, coalesce(btrim(kigo), '') AS symbol, "
    "coalesce(btrim(num), '') AS number, coalesce(btrim(edaban), '') AS branch, "
    "coalesce(btrim(honkzkkbn), '') AS family, coalesce(hihknjaname, '') AS insured_name, "
    "coalesce(hknnum, '') AS kind FROM tbl_pthkninf ";

std::optional<RegisteredInsurance> registered_at(const db::Result& r) {
  if (r.rows() == 0) return std::nullopt;
  RegisteredInsurance i;
  i.hknid = static_cast<int>(r.integer(0, r.column("hknid")));
  i.insurer = r.text(0, r.column("insurer"));
  i.symbol = r.text(0, r.column("symbol"));
  i.number = r.text(0, r.column("number"));
  i.branch = r.text(0, r.column("branch"));
  i.family = r.text(0, r.column("family"));
  i.insured_name = r.text(0, r.column("insured_name"));
  i.kind = r.text(0, r.column("kind"));
  return i;
}

}  // namespace

const char* const kTodaySql = "to_char(localtimestamp, 'YYYYMMDD')";

std::string current_insurance_condition(const std::string& a, const std::string& date_sql,
                                        bool require_number) {
  return a + ".sakjokbn <> '1' AND coalesce(btrim(" + a + ".hknjanum), '') <> '' " +
         (require_number ? "AND coalesce(btrim(" + a + ".num), '') <> '' " : std::string()) +
         "AND coalesce(btrim(" + a + ".tekstymd), '') <= " + date_sql + " " +
         "AND (coalesce(btrim(" + a + ".tekedymd), '') = '' OR " + a + ".tekedymd >= " +
         date_sql + ") ";
}

std::optional<Insurance> current_insurance(db::Connection& conn, int hospnum, long long ptid,
                                           const CurrentInsuranceQuery& q) {
  std::vector<db::Param> params{hospnum, ptid};
  std::string date_sql = kTodaySql;
  if (q.date) {
    params.emplace_back(*q.date);
    date_sql = "$3::text";
  }
  params.push_back(q.prefer_hknid ? db::Param(*q.prefer_hknid) : db::Param());
  const std::string prefer = "$" + std::to_string(params.size()) + "::int";
  db::Result r = conn.exec(
      std::string(kInsuranceColumns) + "WHERE h.hospnum = $1 AND h.ptid = $2 AND " +
          current_insurance_condition("h", date_sql, q.require_number) + "ORDER BY (h.hknid = " +
          prefer + ") DESC NULLS LAST, h.tekstymd DESC NULLS LAST, h.hknid DESC LIMIT 1",
      params);
  if (r.rows() == 0) return std::nullopt;
  return insurance_at(r);
}

std::optional<Insurance> insurance_by_id(db::Connection& conn, int hospnum, long long ptid,
                                         int hknid) {
  db::Result r = conn.exec(
      std::string(kInsuranceColumns) + "WHERE h.hospnum = $1 AND h.ptid = $2 AND h.hknid = $3",
      {hospnum, ptid, hknid});
  if (r.rows() == 0) return std::nullopt;
  Insurance i = insurance_at(r);
  i.deleted = r.text(0, r.column("sakjokbn")) == "1";
  return i;
}

std::optional<RegisteredInsurance> registered_insurance(db::Connection& conn, int hospnum,
                                                        long long ptid, int hknid) {
  return registered_at(conn.exec(
      std::string(kRegisteredColumns) +
          "WHERE hospnum = $1 AND ptid = $2 AND hknid = $3 AND sakjokbn <> '1'",
      {hospnum, ptid, hknid}));
}

std::optional<RegisteredInsurance> registered_insurance_by_card(db::Connection& conn, int hospnum,
                                                                long long ptid,
                                                                const std::string& insurer,
                                                                const std::string& number,
                                                                const std::string& symbol) {
  db::Result r = conn.exec(
      std::string(kRegisteredColumns) +
          "WHERE hospnum = $1 AND ptid = $2 AND sakjokbn <> '1' AND btrim(hknjanum) = $3 "
          "AND btrim(num) = $4 AND btrim(coalesce(kigo, '')) = $5 ORDER BY hknid DESC LIMIT 1",
      {hospnum, ptid, insurer, number, symbol});
  if (r.rows() != 1) return std::nullopt;
  return registered_at(r);
}

}  // namespace onshi::host
