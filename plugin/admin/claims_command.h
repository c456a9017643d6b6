// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin claims`: claim transfer and split results (exchange/claim_transfers.h) for the
/// billing staff: import the files downloaded from the online billing system, list a month's
/// results with what to change, show one, link one that waits to a patient.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `claims import FILE...`, `claims list [--month YYYYMM] [--todo]`, `claims show ID`,
/// `claims resolve ID --patient PTNUM`, all with `[--hospnum N] [--user USERID] [-d CONNINFO]`
/// (facility 1 when --hospnum is not given). Exit statuses: 0, kExitUsage, kExitRefused (a file
/// refused, no such result or patient, a result linked already), kExitUnknownFacility,
/// kExitConfig, kExitUnavailable, kExitNoPermission, kExitSoftware.
int run_claims(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
