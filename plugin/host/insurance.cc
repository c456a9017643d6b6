// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/insurance.h"

#include <vector>

#include "db/connection.h"
#include "text/normalize.h"

namespace onshi::host {
namespace {

Insurance insurance_at(const db::Result& r) {
  Insurance i;
  i.hknid = static_cast<int>(r.integer(0, r.column("hknid")));
  i.insurer = r.text(0, r.column("insurer"));
  // Sent to the terminal half-width (ORCA may hold them full-width): the card key.
  if (std::optional<std::string> s = r.optional(0, r.column("symbol"))) {
    std::string k = text::card_key(*s);
    if (!k.empty()) i.symbol = k;
  }
  i.number = text::card_key(r.text(0, r.column("number")));
  i.branch = r.optional(0, r.column("branch"));
  return i;
}

const char* const kInsuranceColumns =
    "SELECT h.hknid, btrim(h.hknjanum) AS insurer, nullif(btrim(h.kigo), '') AS symbol, "
    "coalesce(btrim(h.num), '') AS number, nullif(btrim(h.edaban), '') AS branch, "
    "coalesce(h.sakjokbn, '') AS sakjokbn FROM tbl_pthkninf h ";

const char* const kRegisteredColumns =
    "SELECT hknid, coalesce(btrim(hknjanum), '') AS insurer, coalesce(btrim(kigo), '') AS symbol, "
    "coalesce(btrim(num), '') AS number, coalesce(btrim(edaban), '') AS branch, "
    "coalesce(btrim(honkzkkbn), '') AS family, coalesce(hihknjaname, '') AS insured_name, "
    "coalesce(hknnum, '') AS kind, coalesce(btrim(skkgetymd), '') AS acquired, "
    "coalesce(btrim(tekstymd), '') AS valid_from, coalesce(btrim(tekedymd), '') AS valid_to, "
    "coalesce(btrim(hojokbn), '') AS hojokbn FROM tbl_pthkninf ";

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
  i.acquired = r.text(0, r.column("acquired"));
  i.from = r.text(0, r.column("valid_from"));
  i.to = r.text(0, r.column("valid_to"));
  i.hojokbn = r.text(0, r.column("hojokbn"));
  return i;
}

}  // namespace

const char* const kTodaySql = "to_char(localtimestamp, 'YYYYMMDD')";

std::string current_insurance_condition(const std::string& a, const std::string& date_sql,
                                        bool require_number) {
  // Not deleted (a blank flag is SPACE, '' or NULL), a real insurer (not ORCA's 9xx kinds:
  // self-pay, work accident, ...), valid on the day.
  return "coalesce(" + a + ".sakjokbn, '') <> '1' AND coalesce(btrim(" + a +
         ".hknjanum), '') <> '' " + "AND coalesce(" + a + ".hknnum, '') NOT LIKE '9%' " +
         (require_number ? "AND coalesce(btrim(" + a + ".num), '') <> '' " : std::string()) +
         "AND coalesce(btrim(" + a + ".tekstymd), '') <= " + date_sql + " " +
         "AND (coalesce(btrim(" + a + ".tekedymd), '') = '' OR " + a + ".tekedymd >= " + date_sql +
         ") ";
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
  const std::string prefer = "$" + std::to_string(params.size()) + "::bigint";
  db::Result r =
      conn.exec(std::string(kInsuranceColumns) +
                    "WHERE h.hospnum = $1::integer AND h.ptid = $2::bigint AND " +
                    current_insurance_condition("h", date_sql, q.require_number) +
                    "ORDER BY (h.hknid = " + prefer +
                    ") DESC NULLS LAST, h.tekedymd DESC NULLS LAST, h.tekstymd DESC NULLS LAST, "
                    "h.hknid LIMIT 1",
                params);
  if (r.rows() == 0) return std::nullopt;
  return insurance_at(r);
}

std::optional<Insurance> insurance_by_id(db::Connection& conn, int hospnum, long long ptid,
                                         int hknid) {
  db::Result r = conn.exec(
      std::string(kInsuranceColumns) +
          "WHERE h.hospnum = $1::integer AND h.ptid = $2::bigint AND h.hknid = $3::bigint",
      {hospnum, ptid, hknid});
  if (r.rows() == 0) return std::nullopt;
  Insurance i = insurance_at(r);
  i.deleted = r.text(0, r.column("sakjokbn")) == "1";
  return i;
}

std::optional<RegisteredInsurance> registered_insurance(db::Connection& conn, int hospnum,
                                                        long long ptid, int hknid) {
  return registered_at(
      conn.exec(std::string(kRegisteredColumns) +
                    "WHERE hospnum = $1::integer AND ptid = $2::bigint AND hknid = $3::bigint "
                    "AND coalesce(sakjokbn, '') <> '1'",
                {hospnum, ptid, hknid}));
}

std::optional<RegisteredInsurance> registered_insurance_by_card(db::Connection& conn, int hospnum,
                                                                long long ptid,
                                                                const std::string& insurer,
                                                                const std::string& number,
                                                                const std::string& symbol) {
  db::Result r = conn.exec(
      std::string(kRegisteredColumns) +
          "WHERE hospnum = $1::integer AND ptid = $2::bigint AND coalesce(sakjokbn, '') <> '1' "
          "AND btrim(hknjanum) = $3::text AND onshi_card_key(num) = $4::text "
          "AND onshi_card_key(coalesce(kigo, '')) = $5::text ORDER BY hknid DESC LIMIT 1",
      {hospnum, ptid, insurer, text::card_key(number), text::card_key(symbol)});
  if (r.rows() != 1) return std::nullopt;
  return registered_at(r);
}

const char* const kPublicAssistanceKohnum = "012";

namespace {

const char* const kAssistanceColumns =
    "SELECT k.kohid, coalesce(btrim(k.ftnjanum), '') AS payer, "
    "coalesce(btrim(k.jkysnum), '') AS recipient, coalesce(k.sakjokbn, '') AS sakjokbn "
    "FROM tbl_ptkohinf k ";

PublicAssistance assistance_at(const db::Result& r) {
  PublicAssistance a;
  a.kohid = static_cast<int>(r.integer(0, r.column("kohid")));
  a.payer = r.text(0, r.column("payer"));
  a.recipient = text::card_key(r.text(0, r.column("recipient")));  // sent half-width
  a.deleted = r.text(0, r.column("sakjokbn")) == "1";
  return a;
}

}  // namespace

std::string current_public_assistance_condition(const std::string& a, const std::string& date_sql) {
  return a + ".kohnum = '" + kPublicAssistanceKohnum + "' AND coalesce(" + a +
         ".sakjokbn, '') <> '1' AND coalesce(btrim(" + a + ".ftnjanum), '') <> '' " +
         "AND coalesce(btrim(" + a + ".jkysnum), '') <> '' " + "AND coalesce(btrim(" + a +
         ".tekstymd), '') <= " + date_sql + " " + "AND (coalesce(btrim(" + a +
         ".tekedymd), '') = '' OR " + a + ".tekedymd >= " + date_sql + ") ";
}

std::optional<PublicAssistance> current_public_assistance(db::Connection& conn, int hospnum,
                                                          long long ptid, const std::string& date) {
  db::Result r = conn.exec(std::string(kAssistanceColumns) +
                               "WHERE k.hospnum = $1::integer AND k.ptid = $2::bigint AND " +
                               current_public_assistance_condition("k", "$3::text") +
                               "ORDER BY k.tekstymd DESC NULLS LAST, k.kohid DESC LIMIT 1",
                           {hospnum, ptid, date});
  if (r.rows() == 0) return std::nullopt;
  return assistance_at(r);
}

std::optional<PublicAssistance> public_assistance_by_id(db::Connection& conn, int hospnum,
                                                        long long ptid, int kohid) {
  db::Result r = conn.exec(std::string(kAssistanceColumns) +
                               "WHERE k.hospnum = $1::integer AND k.ptid = $2::bigint "
                               "AND k.kohid = $3::bigint AND k.kohnum = $4::text",
                           {hospnum, ptid, kohid, std::string(kPublicAssistanceKohnum)});
  if (r.rows() == 0) return std::nullopt;
  return assistance_at(r);
}

}  // namespace onshi::host
