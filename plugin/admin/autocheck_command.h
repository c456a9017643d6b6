// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin autocheck trigger install|remove|status [-d CONNINFO]`: the trigger on ORCA's
/// tbl_uketuke that queues receptions for the automatic checks (sql/0022, README "Automatic
/// checks"). ORCA's update scripts drop and re-create that table, which drops the trigger; the
/// engine then looks at the day's receptions itself (ONSHI-W-AUTO-002) until it is installed
/// again. The switches are facility settings (onshi-admin enable --auto-...).

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// Exit statuses: 0, kExitUsage, kExitUnavailable, kExitConfig (schema), kExitNoPermission
/// (install/remove by a role that may not change tbl_uketuke), kExitSoftware.
int run_autocheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
