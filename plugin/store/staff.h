// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// What we keep per staff member and per facility in our own tables (never in ORCA's): the
/// medical-information view permissions (onshi_staff_permission) and the plugin password's bcrypt
/// hash (onshi_plugin_password). Who is a staff member of which facility is the host's
/// (host/staff.h).

#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// A staff member's permissions; both off when nothing is stored.
struct Permissions {
  bool drug_view = false;
  bool checkup_view = false;
  bool diagnosis_view = false;  ///< diagnosis and surgery information (migration 0015)
};

Permissions permissions(db::Connection& conn, int hospnum, const std::string& userid);

/// Stores the permissions (insert or update), with who changed them.
void set_permissions(db::Connection& conn, int hospnum, const std::string& userid,
                     const Permissions& p, const std::string& by);

/// Stores the bcrypt hash (pgcrypto, cost 10) of the plugin password.
void store_plugin_password(db::Connection& conn, int hospnum, const std::string& password,
                           const std::string& by);

/// True when a plugin password is stored and equals `password`.
bool plugin_password_matches(db::Connection& conn, int hospnum, const std::string& password);

/// True when a plugin password is stored for the facility.
bool plugin_password_set(db::Connection& conn, int hospnum);

/// Appends one administration audit row (onshi_audit): `action` change | refused, `kind`
/// staff | facility | password, `detail` what was done or why it was refused (no secrets).
void audit_administration(db::Connection& conn, int hospnum, const std::string& userid,
                          const std::string& action, const std::string& kind,
                          const std::string& detail);

}  // namespace onshi::store
