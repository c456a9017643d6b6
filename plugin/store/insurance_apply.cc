// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/insurance_apply.h"

#include "common/error.h"
#include "db/connection.h"

namespace onshi::store {
namespace {

const char* const kApplyColumns =
    "a.audit_id, a.ptid, a.info_id, a.apply_mode, a.userid, "
    "to_char(a.at, 'YYYYMMDDHH24MISS') AS at, a.at::date = current_date AS today, "
    "a.before_image::text AS before, a.after_image::text AS after, "
    "coalesce((SELECT u.audit_id FROM onshi_audit u WHERE u.undoes = a.audit_id), 0) AS undo_id ";

InsuranceApply apply_at(const db::Result& r, int i) {
  InsuranceApply a;
  a.audit_id = r.integer(i, 0);
  a.ptid = r.integer(i, 1);
  a.confirmation_id = r.integer(i, 2);
  a.mode = r.text(i, 3);
  a.userid = r.text(i, 4);
  a.at = r.text(i, 5);
  a.today = r.text(i, 6) == "t";
  a.before = r.text(i, 7);
  a.after = r.text(i, 8);
  a.undo_id = r.integer(i, 9);
  return a;
}

}  // namespace

long long insert_apply(db::Connection& conn, int hospnum, const std::string& userid, long long ptid,
                       long long confirmation_id, const std::string& mode,
                       const std::string& before, const std::string& after,
                       const std::string& detail) {
  return conn
      .exec(
          "INSERT INTO onshi_audit (hospnum, userid, action, info_kind, ptid, info_id, detail, "
          "  apply_mode, before_image, after_image) "
          "VALUES ($1, $2, 'apply', 'insurance', $3, $4, $5, $6, $7::jsonb, $8::jsonb) "
          "RETURNING audit_id",
          {hospnum, userid, ptid, confirmation_id, detail, mode, before, after})
      .integer(0, 0);
}

long long insert_undo(db::Connection& conn, int hospnum, const std::string& userid, long long ptid,
                      long long confirmation_id, long long apply_id, const std::string& before,
                      const std::string& after, const std::string& detail) {
  return conn
      .exec(
          "INSERT INTO onshi_audit (hospnum, userid, action, info_kind, ptid, info_id, detail, "
          "  undoes, before_image, after_image) "
          "VALUES ($1, $2, 'undo', 'insurance', $3, $4, $5, $6, $7::jsonb, $8::jsonb) "
          "RETURNING audit_id",
          {hospnum, userid, ptid, confirmation_id, detail, apply_id, before, after})
      .integer(0, 0);
}

std::optional<InsuranceApply> lock_apply(db::Connection& conn, int hospnum, long long audit_id) {
  db::Result r = conn.exec(std::string("SELECT ") + kApplyColumns +
                               "FROM onshi_audit a WHERE a.hospnum = $1 AND a.audit_id = $2 "
                               "AND a.action = 'apply' AND a.info_kind = 'insurance' FOR UPDATE",
                           {hospnum, audit_id});
  if (r.rows() == 0) return std::nullopt;
  return apply_at(r, 0);
}

std::vector<InsuranceApply> applies_of(db::Connection& conn, int hospnum,
                                       long long confirmation_id) {
  db::Result r = conn.exec(std::string("SELECT ") + kApplyColumns +
                               "FROM onshi_audit a WHERE a.hospnum = $1 AND a.info_id = $2 "
                               "AND a.action = 'apply' AND a.info_kind = 'insurance' "
                               "ORDER BY a.audit_id",
                           {hospnum, confirmation_id});
  std::vector<InsuranceApply> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(apply_at(r, i));
  return out;
}

ReturnedDates returned_dates(db::Connection& conn, int hospnum, long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT coalesce(btrim(qualification_date), ''), "
      "  coalesce(returned->>'InsuredCardValidDate', ''), "
      "  coalesce(returned->>'InsuredCardExpirationDate', '') "
      "FROM onshi_confirmation WHERE hospnum = $1 AND confirmation_id = $2",
      {hospnum, confirmation_id});
  ReturnedDates d;
  if (r.rows() == 0) return d;
  d.acquired = r.text(0, 0);
  d.valid_from = r.text(0, 1);
  d.valid_to = r.text(0, 2);
  return d;
}

std::optional<ReturnedLimit> returned_limit(db::Connection& conn, int hospnum,
                                            long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT coalesce(d.classification, ''), coalesce(d.classification_flag, ''), "
      "  coalesce(btrim(d.valid_start), ''), coalesce(btrim(d.valid_end), ''), "
      "  EXISTS (SELECT 1 FROM onshi_consent c WHERE c.confirmation_id = d.confirmation_id "
      "    AND c.consent_type = 'limit_certificate' AND c.flag = '1'), "
      "  coalesce(btrim(d.detail->>'LimitApplicationCertificateLongTermDate'), '') "
      "FROM onshi_certificate_detail d WHERE d.hospnum = $1 AND d.confirmation_id = $2 "
      "  AND d.kind = 'limit' ORDER BY d.seq LIMIT 1",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  ReturnedLimit l;
  l.classification = r.text(0, 0);
  l.flag = r.text(0, 1);
  l.valid_start = r.text(0, 2);
  l.valid_end = r.text(0, 3);
  l.consent = r.text(0, 4) == "t";
  l.long_term = r.text(0, 5);
  return l;
}

ReturnedDiseases returned_diseases(db::Connection& conn, int hospnum, long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT coalesce(btrim(d.classification), ''), coalesce(btrim(d.self_pay), ''), "
      "  coalesce(btrim(d.valid_start), ''), coalesce(btrim(d.valid_end), '') "
      "FROM onshi_certificate_detail d WHERE d.hospnum = $1 AND d.confirmation_id = $2 "
      "  AND d.kind = 'specific_disease' ORDER BY d.seq",
      {hospnum, confirmation_id});
  ReturnedDiseases out;
  for (int i = 0; i < r.rows(); ++i)
    out.certificates.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
  out.consent = conn.exec(
                        "SELECT 1 FROM onshi_consent WHERE hospnum = $1 AND confirmation_id = $2 "
                        "  AND consent_type = 'specific_diseases' AND flag = '1'",
                        {hospnum, confirmation_id})
                    .rows() > 0;
  return out;
}

std::optional<ReturnedElderly> returned_elderly(db::Connection& conn, int hospnum,
                                                long long confirmation_id) {
  db::Result r = conn.exec(
      "SELECT coalesce(btrim(d.valid_start), ''), coalesce(btrim(d.valid_end), ''), "
      "  coalesce(btrim(d.contribution_ratio), '') "
      "FROM onshi_certificate_detail d WHERE d.hospnum = $1 AND d.confirmation_id = $2 "
      "  AND d.kind = 'elderly' ORDER BY d.seq LIMIT 1",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  return ReturnedElderly{r.text(0, 0), r.text(0, 1), r.text(0, 2)};
}

bool auto_certificates(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec_prepared(
      "SELECT auto_certificates FROM onshi_facility WHERE hospnum = $1::integer", {hospnum});
  return r.rows() > 0 && r.text(0, 0) == "t";
}

void set_auto_certificates(db::Connection& conn, int hospnum, bool on) {
  if (conn.exec("UPDATE onshi_facility SET auto_certificates = $2, updated_at = now() "
                "WHERE hospnum = $1",
                {hospnum, on})
          .affected() == 0)
    throw Error("facility " + std::to_string(hospnum) + " has no settings (onshi-admin enable)");
}

std::string with_resolution_image(db::Connection& conn, int hospnum, long long confirmation_id,
                                  const std::string& host_images) {
  return conn
      .exec(
          "SELECT ($3::jsonb || jsonb_build_object('onshi_confirmation', "
          "  jsonb_build_object('resolution', resolution, 'resolution_note', resolution_note, "
          "  'resolved_by', resolved_by, 'resolved_at', resolved_at)))::text "
          "FROM onshi_confirmation WHERE hospnum = $1 AND confirmation_id = $2",
          {hospnum, confirmation_id, host_images})
      .text(0, 0);
}

void mark_applied(db::Connection& conn, int hospnum, long long confirmation_id,
                  const std::string& userid, const std::string& note) {
  conn.exec(
      "UPDATE onshi_confirmation SET resolution = 'applied', resolution_note = $4, "
      "  resolved_by = $3, resolved_at = now() "
      "WHERE hospnum = $1 AND confirmation_id = $2",
      {hospnum, confirmation_id, userid, note});
}

void restore_resolution(db::Connection& conn, int hospnum, long long confirmation_id,
                        const std::string& image) {
  conn.exec(
      "UPDATE onshi_confirmation c SET resolution = r.resolution, "
      "  resolution_note = r.resolution_note, resolved_by = r.resolved_by, "
      "  resolved_at = r.resolved_at "
      "FROM jsonb_to_record($3::jsonb -> 'onshi_confirmation') AS r(resolution text, "
      "resolution_note text, "
      "  resolved_by text, resolved_at timestamptz) "
      "WHERE c.hospnum = $1 AND c.confirmation_id = $2",
      {hospnum, confirmation_id, image});
}

}  // namespace onshi::store
