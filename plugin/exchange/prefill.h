// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The pre-fill way of applying a result (issue 14; ORCA's own, spec/orca52-host.md 6, 6.2),
/// chosen per facility (store::apply_mode_setting: direct or prefill). In prefill mode every
/// apply other than "nochange" (which ORCA's P033 writes directly) writes no host row: the
/// direct apply runs inside a savepoint, what it would write is kept as the pre-fill's proposal
/// (host/prefill.h), and the savepoint is rolled back; the pre-fill waits (pending) until the
/// host's registration screen saves the rows (insurance_saved) or staff cancel it. On save the
/// rows are read back and compared with the proposal (the differences are kept and shown), the
/// result is resolved `applied` and the apply audited with the images before (when the pre-fill
/// was made) and after, exactly as a direct apply; the same undo applies.

#include <optional>
#include <string>
#include <vector>

#include "exchange/insurance_apply.h"
#include "host/insurance_apply.h"
#include "host/prefill.h"
#include "store/prefill.h"

namespace onshi::exchange {

/// Whether an apply of `mode` makes a pre-fill instead of writing (facility in prefill mode,
/// mode not nochange).
bool prefill_applies(db::Connection& conn, int hospnum, const std::string& mode);

/// Refuses (prefill_pending) when the result has a pending pre-fill.
void refuse_pending_prefill(db::Connection& conn, int hospnum, long long confirmation_id);

/// Called by apply_insurance() in prefill mode after the direct apply ran since SAVEPOINT
/// kPrefillSavepoint: keeps what it wrote as the proposal, rolls the writes back and stores the
/// pending pre-fill. `before`: the images before (with the result's resolution).
inline constexpr char kPrefillSavepoint[] = "onshi_prefill";
InsuranceApplied keep_prefill(db::Connection& conn, int hospnum, long long confirmation_id,
                              long long ptid, const std::string& mode, const std::string& userid,
                              const std::string& before, const host::AppliedInsurance& done);

/// A pre-fill with what the screen shows.
struct PrefillView {
  store::Prefill prefill;
  host::Proposal proposal;
  std::vector<host::Difference> differences;  ///< saved: where the host's rows differ
};

/// The pre-fill `prefill_id`; else the pending one of `confirmation_id` (or its newest), else the
/// pending one of `ptid`. @throws ApplyRefused no_prefill, several_prefills
PrefillView get_prefill(db::Connection& conn, int hospnum, std::optional<long long> prefill_id,
                        std::optional<long long> confirmation_id, std::optional<long long> ptid);

/// Cancels a pending pre-fill (chosen as get_prefill()) by staff `userid`, audited; the result
/// may be applied again. Its own transaction. @return the pre-fill
/// @throws ApplyRefused unknown_staff, no_prefill, several_prefills, prefill_closed
store::Prefill cancel_prefill(db::Connection& conn, int hospnum,
                              std::optional<long long> prefill_id,
                              std::optional<long long> confirmation_id,
                              std::optional<long long> ptid, const std::string& userid);

/// What insurance_saved() recorded.
struct PrefillSaved {
  long long prefill_id = 0;
  long long confirmation_id = 0;
  long long audit_id = 0;  ///< the apply's audit row (undo as a direct apply; 0: a new patient)
  std::string mode;
  long long ptid = 0;           ///< a new patient: the patient the result is now linked to
  long long reference_job = 0;  ///< a new patient: its reference-number registration (0: none)
  std::vector<host::Difference> differences;
};

/// The host's registration saved the pre-filled insurance of patient `ptid`: `hknid` the
/// insurance it wrote (0: none), `kohids` the public-expense rows (in the pre-fill's order).
/// `prefill_id` 0: the patient's pending pre-fill. Its own transaction.
/// A new-patient pre-fill (exchange/new_patient.h; it must be named by `prefill_id`):
/// registration saved the new patient `ptid`; when it is the result's person (else
/// other_person, nothing written), the saved rows are compared with the proposal (the patient's
/// columns too), the result is linked to it (resolution new_patient), its reference number
/// queued as after a direct creation, and the save audited (no undo: the host owns the patient).
/// @throws ApplyRefused unknown_staff, no_prefill, several_prefills, prefill_closed,
/// other_patient, other_person, already_applied
PrefillSaved insurance_saved(db::Connection& conn, int hospnum, long long ptid,
                             long long prefill_id, long long hknid,
                             const std::vector<long long>& kohids, const std::string& userid);

}  // namespace onshi::exchange
