// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/staff.h"

#include "db/connection.h"
#include "store/staff.h"
#include "text/utf8.h"

namespace onshi::host {
namespace {

/// Bytes [from, from + len) of a fixed-layout system-management text, counted as ORCA's COBOL
/// records count them (EUC-JP bytes: ASCII 1, everything else 2; JIS X 0212 kanji, 3 bytes in
/// EUC-JP, do not occur in these fields), trailing blanks removed. No converter is opened: this
/// runs in the host's screen process, where ICU's converter cache would outlive dlclose().
std::string kanritbl_field(const std::string& kanritbl, std::size_t from, std::size_t len) {
  std::string out;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < kanritbl.size() && bytes < from + len;) {
    const std::size_t start = i;
    const char32_t c = text::next_code_point(kanritbl, i);
    const std::size_t w = c < 0x80 ? 1 : 2;
    if (bytes >= from && bytes + w <= from + len) out.append(kanritbl, start, i - start);
    bytes += w;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  const std::string ideographic_space = "\xE3\x80\x80";
  while (out.size() >= 3 && out.compare(out.size() - 3, 3, ideographic_space) == 0)
    out.resize(out.size() - 3);
  return out;
}

}  // namespace

std::optional<StaffMember> staff_member(db::Connection& conn, int hospnum,
                                        const std::string& userid) {
  db::Result u = conn.exec(
      "SELECT rtrim(u.userid) AS userid, coalesce(u.supervisor, '') AS supervisor, "
      "  (SELECT s.kanritbl FROM tbl_syskanri s WHERE s.hospnum = u.hospnum "
      "     AND s.kanricd = '1010' AND rtrim(substr(s.kanritbl, 1, 16)) = rtrim(u.userid) "
      "     ORDER BY s.edyukymd DESC LIMIT 1) AS staff "
      "FROM tbl_sysuser u WHERE u.userid = $2::text AND u.hospnum = $1::integer",
      {hospnum, userid});
  if (u.rows() == 0) return std::nullopt;
  StaffMember m;
  m.userid = u.text(0, u.column("userid"));
  m.supervisor = u.text(0, u.column("supervisor")) == "T";
  m.name = kanritbl_field(u.text(0, u.column("staff")), 96, 80);  // NAME X(80) at 97
  return m;
}

std::optional<bool> may_view(db::Connection& conn, int hospnum, const std::string& userid,
                             ViewPermission permission) {
  if (!staff_member(conn, hospnum, userid)) return std::nullopt;
  const store::Permissions p = store::permissions(conn, hospnum, userid);
  switch (permission) {
    case ViewPermission::drug:
      return p.drug_view;
    case ViewPermission::checkup:
      return p.checkup_view;
    case ViewPermission::diagnosis:
      return p.diagnosis_view;
  }
  return false;
}

std::optional<StaffPermissions> staff_permissions(db::Connection& conn, int hospnum,
                                                  const std::string& userid) {
  std::optional<StaffMember> m = staff_member(conn, hospnum, userid);
  if (!m) return std::nullopt;
  const store::Permissions p = store::permissions(conn, hospnum, userid);
  return StaffPermissions{p.drug_view ? "1" : "0", p.checkup_view ? "1" : "0",
                          p.diagnosis_view ? "1" : "0", m->name};
}

bool set_staff_permissions(db::Connection& conn, int hospnum, const std::string& userid,
                           const std::string& drug_view, const std::string& checkup_view,
                           const std::string& /*day*/, const std::string& /*time*/,
                           const std::string& opid,
                           const std::optional<std::string>& diagnosis_view) {
  if (!staff_member(conn, hospnum, userid)) return false;
  const bool diagnosis = diagnosis_view ? *diagnosis_view == "1"
                                        : store::permissions(conn, hospnum, userid).diagnosis_view;
  store::set_permissions(conn, hospnum, userid, {drug_view == "1", checkup_view == "1", diagnosis},
                         opid);
  return true;
}

std::optional<std::string> institution_code(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "SELECT substr(kanritbl, 1, 10) AS code FROM tbl_syskanri "
      "WHERE hospnum = $1::integer AND kanricd = '1001' AND kbncd = '*' "
      "  AND styukymd <= to_char(localtimestamp, 'YYYYMMDD') "
      "  AND edyukymd >= to_char(localtimestamp, 'YYYYMMDD') "
      "ORDER BY styukymd DESC LIMIT 1",
      {hospnum});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, r.column("code"));
}

void store_plugin_password(db::Connection& conn, int hospnum, const std::string& password) {
  store::store_plugin_password(conn, hospnum, password, "onshi");
}

bool plugin_password_matches(db::Connection& conn, int hospnum, const std::string& password) {
  return store::plugin_password_matches(conn, hospnum, password);
}

bool plugin_password_set(db::Connection& conn, int hospnum) {
  return store::plugin_password_set(conn, hospnum);
}

}  // namespace onshi::host
