// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin bulk`: the next-day bulk pre-check on demand and its progress
/// (exchange/bulk_check.h). `bulk run` queues the pre-check of one reservation day now, as the
/// evening run does; `bulk status` shows each batch's requested / done / valid / invalid /
/// error / still-processing counts.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `bulk consented --hospnum N --care homevisit|online [--by consent|examination] --from D
/// --to D` queues a consented-information bulk (exit kExitConfig when the facility does not
/// use that care, kExitUsage for bad criteria). `bulk run --hospnum N [--date YYYYMMDD]` and `bulk
/// status [--hospnum N] [--date YYYYMMDD]
/// [--limit N]`, both with `[-d CONNINFO]`. `run` without --date takes the next open day after
/// today. Exit statuses: 0, kExitUsage, kExitRefused (nobody to check that day, no open day),
/// kExitUnknownFacility, kExitConfig, kExitUnavailable, kExitNoPermission, kExitSoftware.
int run_bulk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
