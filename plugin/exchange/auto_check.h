// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The automatic checks of received patients (issue 15, README "Automatic checks"). When a
/// patient is received (a tbl_uketuke row for today: the trigger of sql/0022 queues it and
/// notifies channel onshi_reception), the engine settles the patient's insurance for the day,
/// once per facility, patient and day (store/auto_check.h), by the first of:
///   1. a card check-in of the patient linked within the last auto_face_minutes (auto_face):
///      that check-in is the day's check (its result is already stored and applied);
///   2. the insurance already confirmed that day (a valid result of a check-in or a single
///      check, or the host's own confirmation date, e.g. ORCA's reception screen): nothing asked;
///   3. the previous evening's pre-check result for the day, when it was definite and valid
///      (auto_bulk): its confirmation is applied to the host (the confirmation date of the
///      insurance, or of the public assistance), not asked again;
///   4. an insurance-number request (auto_request) through the request queue, as `onshi-admin
///      check` queues one (exchange/qualification.h; a patient covered only by public assistance
///      is asked about by that row). A request that cannot be built is recorded as refused.
/// When no switch applies nothing is recorded, and a later reception of the patient that day
/// is looked at again.

#include <string>

#include "common/error.h"
#include "db/facility.h"
#include "store/auto_check.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Counts of one pass.
struct AutoCheckPass {
  int receptions = 0;  ///< queued receptions taken
  int face = 0;        ///< settled by a recent card check-in
  int confirmed = 0;   ///< already confirmed that day
  int bulk = 0;        ///< by the evening pre-check's result
  int requests = 0;    ///< insurance-number requests queued
  int refused = 0;     ///< a request could not be built (test patient, no insurance, ...)
  int skipped = 0;     ///< not today, checked already, or no switch applied
  int deferred = 0;    ///< left for a later pass: a card check-in may still be on its way
  int total() const { return face + confirmed + bulk + requests + refused; }
};

/// A reception younger than this, with auto_face on and no card check-in of the patient stored
/// yet, is left for a later pass: the patient may have checked in at the reader a moment before
/// the reception was saved, and that file is still settling on the share or being imported
/// (the watcher's settle time, 300 ms by default, plus the import). Without it such a patient
/// would be asked about by insurance number as well.
inline constexpr long long kFaceGraceMs = 2000;

/// Handles every queued reception of `facility` (each in its own transaction, taken with SKIP
/// LOCKED so that several engines share the work), except those deferred (kFaceGraceMs). Receptions
/// of another day than today (common/clock.h) are dropped. Must be called outside any transaction.
/// @throws db::DbError
AutoCheckPass run_auto_checks(db::Connection& conn, const db::FacilitySettings& facility);

/// A reception the hook cannot queue: not a patient of the facility, or not today.
class ReceivedRefused : public Error {
 public:
  using Error::Error;
};

/// The automatic check of a received patient, as the reception hook reports it.
struct ReceivedState {
  /// queued (now), waiting (queued before, the engine has not taken it yet), checked (settled
  /// today: `check`), off (no automatic check turned on for the facility), none (not queued:
  /// only asked)
  std::string state;
  store::AutoCheck check;
};

/// The host's reception hook (rcp_received), a second source beside the trigger on tbl_uketuke:
/// queues the patient's reception of `day` (today only; `ukeid` 0 when the host has none) for
/// the engine and notifies it, unless the patient is checked today already, waits in the queue,
/// or the facility has no automatic check turned on; with `queue` false only reports the state.
/// One transaction. @throws ReceivedRefused
ReceivedState queue_received_patient(db::Connection& conn, int hospnum, long long ptid,
                                     const std::string& day, long long ukeid, bool queue);

/// The engine's look at today's receptions while the trigger on tbl_uketuke is missing: queues
/// the receptions numbered above `after_ukeid` (and moves it past them) that are not checked or
/// queued yet. @return how many were queued
int scan_receptions(db::Connection& conn, const db::FacilitySettings& facility,
                    long long& after_ukeid);

}  // namespace onshi::exchange
