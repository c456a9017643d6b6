// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin notices`: the notices raised for the front desk (store/notices.h), for
/// administrators: what was raised, when, and how many workstations acknowledged it.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `notices list [--facility N] [--pending] [--limit N] [-d CONNINFO]`: newest first (50 by
/// default), every facility unless --facility; --pending: only those no workstation has
/// acknowledged. Exit statuses: 0, kExitUsage, kExitConfig, kExitUnavailable, kExitSoftware.
int run_notices(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
