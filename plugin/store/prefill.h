// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The facility's apply mode (onshi_facility.apply_mode, sql/0028: direct or prefill) and the
/// pre-fills (onshi_prefill): what the host's registration screen must show for an apply in
/// prefill mode, pending until the host saves it or staff cancel it (exchange/prefill.h).

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// "direct" or "prefill" ("direct" when the facility has no row).
std::string apply_mode_setting(db::Connection& conn, int hospnum);
/// Sets it. @return false when the facility has no row
bool set_apply_mode(db::Connection& conn, int hospnum, const std::string& mode);

/// One pre-fill as stored.
struct Prefill {
  long long prefill_id = 0;
  long long confirmation_id = 0;
  long long ptid = 0;                         ///< 0: a new patient
  std::string mode;                           ///< the apply mode (change, add, limit, ...)
  std::string state;                          ///< pending, saved, cancelled
  std::string proposal, before, differences;  ///< JSON texts
  long long saved_hknid = 0;
  long long audit_id = 0;
  std::string created_by, created_at;  ///< YYYYMMDDHHMMSS local
  std::string closed_by, closed_at;
};

/// Stores a pending pre-fill. @return its id
/// @throws db::UniqueViolation when the result has a pending one already
long long insert_prefill(db::Connection& conn, int hospnum, long long confirmation_id,
                         long long ptid, const std::string& mode, const std::string& proposal,
                         const std::string& before, const std::string& userid);

/// The pre-fill `prefill_id` of the facility (any state). `lock`: FOR UPDATE.
std::optional<Prefill> find_prefill(db::Connection& conn, int hospnum, long long prefill_id,
                                    bool lock = false);

/// The pending pre-fills of a result (at most one) or of a patient, oldest first.
std::vector<Prefill> pending_prefills(db::Connection& conn, int hospnum,
                                      std::optional<long long> confirmation_id,
                                      std::optional<long long> ptid);

/// The newest pre-fill of a result, any state; nullopt when none.
std::optional<Prefill> latest_prefill(db::Connection& conn, int hospnum, long long confirmation_id);

/// Closes a pending pre-fill as `state` (saved or cancelled) by `userid`. For saved: the
/// differences (JSON array), the host's saved insurance and public-expense ids and the audit row.
/// @return false when it was not pending (any more)
bool close_prefill(db::Connection& conn, int hospnum, long long prefill_id,
                   const std::string& state, const std::string& userid,
                   const std::string& differences = "[]", long long saved_hknid = 0,
                   const std::vector<long long>& saved_kohids = {}, long long audit_id = 0);

}  // namespace onshi::store
