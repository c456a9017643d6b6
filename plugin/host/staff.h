// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's staff and facility records: staff members and their view permissions
/// (tbl_passwd), the institution code (tbl_syskanri kanricd 1001) and the plugin's password
/// (tbl_syskanri kanricd 1051, kbncd ONSHILNK).

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// The two medical-information view permissions a staff member may hold.
enum class ViewPermission { drug, checkup };

/// Whether staff member `userid` may view that information ("1"); nullopt when the facility
/// has no such staff member.
std::optional<bool> may_view(db::Connection& conn, int hospnum, const std::string& userid,
                             ViewPermission permission);

/// A staff member's permissions as the admin screen shows them.
struct StaffPermissions {
  std::string drug_view;     ///< "1" / "0" as stored
  std::string checkup_view;
  std::string name;          ///< "" when none
};
std::optional<StaffPermissions> staff_permissions(db::Connection& conn, int hospnum,
                                                  const std::string& userid);

/// Sets both permissions (upymd/uphms/opid too). @return false when there is no such staff member
bool set_staff_permissions(db::Connection& conn, int hospnum, const std::string& userid,
                           const std::string& drug_view, const std::string& checkup_view,
                           const std::string& day, const std::string& time,
                           const std::string& opid);

/// The 10-digit medical institution code the host records for `hospnum` (the newest row).
std::optional<std::string> institution_code(db::Connection& conn, int hospnum);

/// Stores the bcrypt hash of the plugin password (updating or adding the host row). Runs in the
/// caller's transaction.
void store_plugin_password(db::Connection& conn, int hospnum, const std::string& password);

/// True when a plugin password is stored and equals `password`.
bool plugin_password_matches(db::Connection& conn, int hospnum, const std::string& password);

/// True when a plugin password is stored for the facility.
bool plugin_password_set(db::Connection& conn, int hospnum);

}  // namespace onshi::host
