// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin results` and `onshi-admin history`: the screens' day list (like ORCA's P031)
/// and one patient's confirmations (P032), printed one line per result. They run the screen
/// operations themselves (plugin/hooks/screens.h: day_list, patient_history), so the tool and
/// the host's screens always show the same rows.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `results --hospnum N [--day YYYYMMDD] [--staff-only] [-d CONNINFO]`: every result of the day
/// (default today; only those waiting for staff with --staff-only), newest first, then the
/// nearest days with results. Exit statuses: 0, kExitUsage, kExitRefused (bad day),
/// kExitUnknownFacility, kExitConfig, kExitUnavailable, kExitNoPermission, kExitSoftware.
int run_results(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `history --hospnum N (--patient PTNUM | --ptid N) [--recheck --user USERID] [-d CONNINFO]`:
/// the patient's confirmations, newest first, with what differed when each arrived;
/// --recheck first queues a new insurance-number check (forced re-check) by staff USERID.
/// Exit statuses as run_results (kExitRefused also: no such patient, the check refused).
int run_history(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
