// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/staff.h"

#include "db/connection.h"

namespace onshi::host {

std::optional<bool> may_view(db::Connection& conn, int hospnum, const std::string& userid,
                             ViewPermission permission) {
  const char* column =
      permission == ViewPermission::drug ? "onshi_drug_view" : "onshi_checkup_view";
  db::Result u = conn.exec(std::string("SELECT ") + column +
                               " FROM tbl_passwd WHERE hospnum = $1 AND userid = $2",
                           {hospnum, userid});
  if (u.rows() == 0) return std::nullopt;
  return u.text(0, u.column(column)) == "1";
}

std::optional<StaffPermissions> staff_permissions(db::Connection& conn, int hospnum,
                                                  const std::string& userid) {
  db::Result r = conn.exec(
      "SELECT onshi_drug_view, onshi_checkup_view, coalesce(name, '') AS name FROM tbl_passwd "
      "WHERE hospnum = $1 AND userid = $2",
      {hospnum, userid});
  if (r.rows() == 0) return std::nullopt;
  return StaffPermissions{r.text(0, r.column("onshi_drug_view")),
                          r.text(0, r.column("onshi_checkup_view")), r.text(0, r.column("name"))};
}

bool set_staff_permissions(db::Connection& conn, int hospnum, const std::string& userid,
                           const std::string& drug_view, const std::string& checkup_view,
                           const std::string& day, const std::string& time,
                           const std::string& opid) {
  db::Result u = conn.exec(
      "UPDATE tbl_passwd SET onshi_drug_view = $3, onshi_checkup_view = $4, upymd = $5, "
      "uphms = $6, opid = $7 WHERE hospnum = $1 AND userid = $2",
      {hospnum, userid, drug_view, checkup_view, day, time, opid});
  return u.affected() != 0;
}

std::optional<std::string> institution_code(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "SELECT substr(kanritbl, 1, 10) AS code FROM tbl_syskanri "
      "WHERE hospnum = $1 AND kanricd = '1001' ORDER BY edyukymd DESC LIMIT 1",
      {hospnum});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, r.column("code"));
}

void store_plugin_password(db::Connection& conn, int hospnum, const std::string& password) {
  db::Result r = conn.exec(
      "UPDATE tbl_syskanri SET onshi_password_hash = crypt($2, gen_salt('bf', 10)), "
      "  opid = 'onshi', upymd = to_char(now(), 'YYYYMMDD'), uphms = to_char(now(), 'HH24MISS') "
      "WHERE hospnum = $1 AND kanricd = '1051' AND kbncd = 'ONSHILNK'",
      {hospnum, password});
  if (r.affected() == 0)
    conn.exec(
        "INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl, "
        "  onshi_password_hash, opid, creymd, upymd, uphms) "
        "VALUES ($1, '1051', 'ONSHILNK', '00000000', '99999999', '', "
        "  crypt($2, gen_salt('bf', 10)), 'onshi', to_char(now(), 'YYYYMMDD'), "
        "  to_char(now(), 'YYYYMMDD'), to_char(now(), 'HH24MISS'))",
        {hospnum, password});
}

bool plugin_password_matches(db::Connection& conn, int hospnum, const std::string& password) {
  db::Result r = conn.exec(
      "SELECT onshi_password_hash = crypt($2, onshi_password_hash) AS matches FROM tbl_syskanri "
      "WHERE hospnum = $1 AND kanricd = '1051' AND kbncd = 'ONSHILNK' "
      "  AND onshi_password_hash IS NOT NULL",
      {hospnum, password});
  return r.rows() == 1 && r.text(0, r.column("matches")) == "t";
}

bool plugin_password_set(db::Connection& conn, int hospnum) {
  db::Result pw = conn.exec(
      "SELECT count(*) AS n FROM tbl_syskanri WHERE hospnum = $1 AND kanricd = '1051' "
      "AND kbncd = 'ONSHILNK' AND onshi_password_hash IS NOT NULL",
      {hospnum});
  return pw.integer(0, pw.column("n")) > 0;
}

}  // namespace onshi::host
