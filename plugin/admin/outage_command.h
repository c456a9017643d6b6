// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin outage record|list|link|cancel|recheck` and `onshi-admin disaster
/// declare|end|status` (exchange/outage.h, README "Outage mode"). All with `[-d CONNINFO]`.
/// Exit statuses: 0, kExitUsage, kExitRefused (a statement refused, no such patient or open
/// statement), kExitUnknownFacility, kExitUnavailable, kExitSoftware.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

int run_outage(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_disaster(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
