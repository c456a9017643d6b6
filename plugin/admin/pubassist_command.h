// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin pubassist`: public assistance (医療扶助; verification system manual chapter 6).
/// `show` prints a patient's public-assistance results with their state (未委託, 不整合あり) and
/// medical tickets (交付番号, treatment month, ...); `fetch` queues the bulk retrieval of
/// entrusted qualification information of one treatment month (OQSmutic, exchange/bulk_check.h)
/// and `fetches` lists those runs; `setting` shows or sets the facility's copy of issue numbers
/// into the host (onshi_facility.copy_issue_number, like ORCA's KOFUTNK).

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `pubassist show --hospnum N --patient PTNUM [--limit N]`, `pubassist fetch --hospnum N
/// --month YYYYMM`, `pubassist fetches --hospnum N [--limit N]`, `pubassist setting --hospnum N
/// [--copy-issue-number yes|no]`, all with `[-d CONNINFO]`. Exit statuses: 0, kExitUsage,
/// kExitRefused (unknown patient), kExitUnknownFacility, kExitConfig, kExitUnavailable,
/// kExitNoPermission, kExitSoftware.
int run_pubassist(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
