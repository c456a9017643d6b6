// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin check`: queues an insurance-number check (OQSsiquc01req) of one patient, as the
/// registration screen's button will. The engine writes the request; `onshi-admin status` shows
/// the queue and its errors.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `check --hospnum N --patient PTNUM [--date YYYYMMDD] [--hknid ID] [-d CONNINFO]`: looks the
/// patient up by patient number, queues the check and prints the job id. Exit statuses: 0,
/// kExitUsage, kExitRefused (unknown patient, test patient, no insurance, bad data),
/// kExitUnknownFacility, kExitConfig (facility disabled, schema mismatch), kExitUnavailable,
/// kExitNoPermission, kExitSoftware.
int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
