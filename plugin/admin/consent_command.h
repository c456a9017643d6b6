// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin consent`: withdrawing a home-visit patient's consent to view
/// (exchange/consent_withdrawal.h) and the withdrawals so far; the consent state per type and
/// written consents (exchange/written_consent.h).

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `consent withdraw --hospnum N --patient PTNUM [--hknid ID] --user USERID` queues the
/// withdrawal (prints its id and job id); `consent list --hospnum N [--patient PTNUM]
/// [--limit N]` prints the withdrawals, newest first; `consent show --hospnum N --patient PTNUM`
/// prints the consent state per type (card or written); `consent record --hospnum N --patient
/// PTNUM --type TYPE --user USERID [--given YYYYMMDD[HHMMSS]]` records a written consent
/// (exchange/written_consent.h). All with `[-d CONNINFO]`. Exit statuses:
/// 0, kExitUsage, kExitRefused (no such patient, test patient, no card, one in flight),
/// kExitConfig (the facility does not use home-visit care), kExitUnknownFacility,
/// kExitUnavailable, kExitNoPermission, kExitSoftware.
int run_consent(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
