// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/result_lists.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

std::vector<long long> ids(const db::Result& r) {
  std::vector<long long> out;
  const int col = r.column("confirmation_id");
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, col));
  return out;
}

std::vector<std::string> split(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p < csv.size()) {
    std::size_t e = csv.find(',', p);
    if (e == std::string::npos) e = csv.size();
    if (e > p) out.push_back(csv.substr(p, e - p));
    p = e + 1;
  }
  return out;
}

}  // namespace

std::vector<long long> day_confirmations(db::Connection& conn, int hospnum,
                                         const std::string& day) {
  return ids(
      conn.exec("SELECT confirmation_id FROM onshi_confirmation "
                "WHERE hospnum = $1 AND created_at >= to_date($2, 'YYYYMMDD') "
                "  AND created_at < to_date($2, 'YYYYMMDD') + 1 "
                "ORDER BY created_at DESC, confirmation_id DESC",
                {hospnum, day}));
}

AdjacentDays adjacent_result_days(db::Connection& conn, int hospnum, const std::string& day) {
  // Two index probes on (hospnum, created_at), not a scan of the days.
  db::Result r = conn.exec(
      "SELECT (SELECT to_char(max(created_at), 'YYYYMMDD') FROM onshi_confirmation "
      "         WHERE hospnum = $1 AND created_at < to_date($2, 'YYYYMMDD')) AS previous, "
      "       (SELECT to_char(min(created_at), 'YYYYMMDD') FROM onshi_confirmation "
      "         WHERE hospnum = $1 AND created_at >= to_date($2, 'YYYYMMDD') + 1) AS next",
      {hospnum, day});
  return {r.text(0, r.column("previous")), r.text(0, r.column("next"))};
}

std::vector<long long> patient_confirmations(db::Connection& conn, int hospnum, long long ptid) {
  return ids(
      conn.exec("SELECT confirmation_id, created_at FROM onshi_confirmation "
                "WHERE hospnum = $1 AND ptid = $2 "
                "UNION "
                "SELECT c.confirmation_id, c.created_at FROM onshi_job j "
                "JOIN onshi_confirmation c ON c.job_id = j.job_id "
                "WHERE j.hospnum = $1 AND j.ptid = $2 AND c.ptid IS NULL "
                "ORDER BY created_at DESC, confirmation_id DESC",
                {hospnum, ptid}));
}

std::optional<ResultExtras> result_extras(db::Connection& conn, int hospnum,
                                          long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT to_char(c.created_at, 'YYYYMMDDHH24MISS') AS received, "
      "  coalesce(btrim(c.reference_number), '') AS reference_number, "
      "  coalesce(c.returned->>'InsuredCardExpirationDate', '') AS card_end, "
      "  (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(c.differences) k) "
      "    AS differences, "
      "  coalesce(c.host_status, '') AS host_status, "
      "  (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(c.host_updates) k) "
      "    AS host_updates, "
      "  EXISTS (SELECT 1 FROM onshi_certificate_detail d "
      "          WHERE d.confirmation_id = c.confirmation_id AND d.kind = 'limit') AS has_limit, "
      "  (SELECT coalesce(d.classification_flag, '') FROM onshi_certificate_detail d "
      "    WHERE d.confirmation_id = c.confirmation_id AND d.kind = 'limit' "
      "    ORDER BY d.seq LIMIT 1) AS limit_class, "
      "  EXISTS (SELECT 1 FROM onshi_certificate_detail d WHERE d.confirmation_id = "
      "          c.confirmation_id AND d.kind = 'specific_disease') AS specific_disease "
      "FROM onshi_confirmation c WHERE c.hospnum = $1 AND c.confirmation_id = $2",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  auto text = [&r](const char* name) { return r.text(0, r.column(name)); };
  ResultExtras x;
  x.received = text("received");
  x.reference_number = text("reference_number");
  x.card_end = text("card_end");
  x.differences = split(text("differences"));
  if (!text("host_status").empty()) x.differences.push_back(text("host_status"));
  x.host_updates = split(text("host_updates"));
  x.limit = text("has_limit") == "t";
  x.limit_class = text("limit_class");
  x.specific_disease = text("specific_disease") == "t";
  db::Result c = conn.exec(
      "SELECT consent_type, flag, coalesce(to_char(consent_time, 'YYYYMMDDHH24MISS'), '') AS "
      "given, "
      "  coalesce(to_char(available_until, 'YYYYMMDDHH24MISS'), '') AS until "
      "FROM onshi_consent WHERE confirmation_id = $1 AND hospnum = $2 ORDER BY consent_type",
      {confirmation_id, hospnum});
  for (int i = 0; i < c.rows(); ++i)
    x.consents.push_back({c.text(i, c.column("consent_type")), c.text(i, c.column("flag")),
                          c.text(i, c.column("given")), c.text(i, c.column("until"))});
  return x;
}

const ReturnedConsent* find_consent(const ResultExtras& extras, const std::string& type) {
  for (const ReturnedConsent& c : extras.consents)
    if (c.type == type) return &c;
  return nullptr;
}

}  // namespace onshi::store
