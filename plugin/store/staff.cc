// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/staff.h"

#include "db/connection.h"

namespace onshi::store {

Permissions permissions(db::Connection& conn, int hospnum, const std::string& userid) {
  db::Result r = conn.exec(
      "SELECT drug_view, checkup_view, diagnosis_view FROM onshi_staff_permission "
      "WHERE hospnum = $1::integer AND userid = $2::text",
      {hospnum, userid});
  Permissions p;
  if (r.rows()) {
    p.drug_view = r.text(0, r.column("drug_view")) == "t";
    p.checkup_view = r.text(0, r.column("checkup_view")) == "t";
    p.diagnosis_view = r.text(0, r.column("diagnosis_view")) == "t";
  }
  return p;
}

void set_permissions(db::Connection& conn, int hospnum, const std::string& userid,
                     const Permissions& p, const std::string& by) {
  conn.exec(
      "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view, "
      "  diagnosis_view, updated_by, updated_at) VALUES ($1::integer, $2::text, $3::boolean, "
      "  $4::boolean, $6::boolean, $5::text, now()) "
      "ON CONFLICT (hospnum, userid) DO UPDATE SET drug_view = EXCLUDED.drug_view, "
      "  checkup_view = EXCLUDED.checkup_view, diagnosis_view = EXCLUDED.diagnosis_view, "
      "  updated_by = EXCLUDED.updated_by, updated_at = now()",
      {hospnum, userid, p.drug_view, p.checkup_view, by, p.diagnosis_view});
}

void store_plugin_password(db::Connection& conn, int hospnum, const std::string& password,
                           const std::string& by) {
  conn.exec(
      "INSERT INTO onshi_plugin_password (hospnum, password_hash, updated_by, updated_at) "
      "VALUES ($1::integer, crypt($2::text, gen_salt('bf', 10)), $3::text, now()) "
      "ON CONFLICT (hospnum) DO UPDATE SET password_hash = EXCLUDED.password_hash, "
      "  updated_by = EXCLUDED.updated_by, updated_at = now()",
      {hospnum, password, by});
}

bool plugin_password_matches(db::Connection& conn, int hospnum, const std::string& password) {
  db::Result r = conn.exec(
      "SELECT password_hash = crypt($2::text, password_hash) AS matches "
      "FROM onshi_plugin_password WHERE hospnum = $1::integer",
      {hospnum, password});
  return r.rows() == 1 && r.text(0, r.column("matches")) == "t";
}

bool plugin_password_set(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "SELECT count(*) AS n FROM onshi_plugin_password WHERE hospnum = $1::integer", {hospnum});
  return r.integer(0, r.column("n")) > 0;
}

void audit_administration(db::Connection& conn, int hospnum, const std::string& userid,
                          const std::string& action, const std::string& kind,
                          const std::string& detail) {
  conn.exec(
      "INSERT INTO onshi_audit (hospnum, userid, action, info_kind, detail) "
      "VALUES ($1::integer, $2::text, $3::text, $4::text, $5::text)",
      {hospnum, userid, action, kind, detail});
}

}  // namespace onshi::store
