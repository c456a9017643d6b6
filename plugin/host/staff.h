// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's staff and facility records: who is a staff member of a facility (the host's login
/// users, tbl_sysuser: one facility per user; the name from the staff rows, system management
/// 1010) and the institution code (system management 1001). The view permissions and the plugin
/// password are ours (store/staff.h, never in ORCA's tables); the functions here that combine
/// them keep the screens' and flows' calls in one place.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// A login user of the facility.
struct StaffMember {
  std::string userid;
  bool supervisor = false;  ///< tbl_sysuser.supervisor 'T'
  std::string name;         ///< from the staff row (1010) whose USERID is this user; "" if none
};

/// The user when it belongs to `hospnum` (tbl_sysuser), else nullopt.
std::optional<StaffMember> staff_member(db::Connection& conn, int hospnum,
                                        const std::string& userid);

/// The medical-information view permissions a staff member may hold.
enum class ViewPermission { drug, checkup, diagnosis };

/// Whether staff member `userid` may view that information ("1"); nullopt when the facility
/// has no such staff member.
std::optional<bool> may_view(db::Connection& conn, int hospnum, const std::string& userid,
                             ViewPermission permission);

/// A staff member's permissions as the admin screen shows them.
struct StaffPermissions {
  std::string drug_view;  ///< "1" / "0" as stored
  std::string checkup_view;
  std::string diagnosis_view;  ///< diagnosis and surgery information
  std::string name;            ///< "" when none
};
std::optional<StaffPermissions> staff_permissions(db::Connection& conn, int hospnum,
                                                  const std::string& userid);

/// Sets the permissions ("1"/"0"; `opid` recorded as who changed them; day/time unused, kept
/// for the callers; `diagnosis_view` nullopt keeps the stored one). @return false when there is
/// no such staff member
bool set_staff_permissions(db::Connection& conn, int hospnum, const std::string& userid,
                           const std::string& drug_view, const std::string& checkup_view,
                           const std::string& day, const std::string& time, const std::string& opid,
                           const std::optional<std::string>& diagnosis_view = std::nullopt);

/// The 10-digit medical institution code the host records for `hospnum` (system management 1001
/// valid today, positions 1-10).
std::optional<std::string> institution_code(db::Connection& conn, int hospnum);

/// Stores the bcrypt hash of the plugin password (our table). Runs in the caller's transaction.
void store_plugin_password(db::Connection& conn, int hospnum, const std::string& password);

/// True when a plugin password is stored and equals `password`.
bool plugin_password_matches(db::Connection& conn, int hospnum, const std::string& password);

/// True when a plugin password is stored for the facility.
bool plugin_password_set(db::Connection& conn, int hospnum);

}  // namespace onshi::host
