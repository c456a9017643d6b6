// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin apply`: staff apply a result's insurance to the host, or undo an apply of the
/// same day (exchange/insurance_apply.h).
///
/// `apply RESULT-ID nochange|change|add --hospnum N --staff USERID [--patient PTNUM]` applies
/// result RESULT-ID (onshi_confirmation id; --patient: the patient it must be linked to) and
/// prints the audit id; `apply undo AUDIT-ID --hospnum N --staff USERID` undoes it. Both with
/// `[-d CONNINFO]`. Exit statuses: 0, kExitUsage, kExitRefused (the refusal's name and why),
/// kExitUnknownFacility, kExitConfig, kExitUnavailable, kExitNoPermission, kExitSoftware.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

int run_apply(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
