// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Reference numbers (shoukai bangou, spec oqs-exchange.md section 5): the key the clinic registers
/// with the national system for each patient so that later results carry it.
///
/// Single registration: after the first definite result of a patient without a registered or
/// pending number, the check's result handler (qualification.h) queues an OQSsiimm01req job
/// inside the import transaction; the request is built from the patient's insurance when the
/// queue sends it; the OQSsiimm01res updates onshi_reference_number. The number is the host's
/// patient number by default (onshi_facility.reference_number_source 'ptnum'), or the internal
/// patient id ('ptid').
///
/// Bulk registration (`onshi-admin refnum register-all`): a run (onshi_refnum_run) collects
/// every patient with current insurance and no registered number into chunks; one chunk at a
/// time goes through OQSmuimm01req -> 01res (reception number) -> OQSmuimm02req, polled while
/// the terminal answers "still processing" -> 02res (one unit per card: registered or refused
/// with the reason). Each answer's handler advances the run; the whole state is in the
/// database, so an interrupted run continues when the engine or the command runs again.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/facility.h"
#include "exchange/flows.h"
#include "model/kind.h"

namespace onshi::db {
class Connection;
}
namespace onshi::model {
struct Document;
}

namespace onshi::exchange {

/// The reference number the facility registers for `ptid` (per its reference_number_source);
/// nullopt when the patient has none (no patient number, or longer than 50 characters).
std::optional<std::string> reference_number_for(db::Connection& conn, int hospnum, long long ptid);

/// Queues the single registration (OQSsiimm01req) of a patient unless a number is registered or
/// pending: a pending onshi_reference_number row and the job. Runs in the caller's transaction.
/// `confirmation_id` (0 = none): the result whose insurance the request should carry.
/// @return the job id, 0 when nothing was queued (registered, pending, no number, test patient,
/// a public-assistance result, card class A1: no insurance card to register it on)
long long queue_reference_registration(db::Connection& conn, int hospnum, long long ptid,
                                       long long confirmation_id, const std::string& requested_by);

/// The request bytes of an OQSsiimm01req job (the patient's number with the insurance the
/// result matched, else the current one). Called by the request queue inside its claim
/// transaction. @throws onshi::Error with a reason for last_error when the job cannot form a
/// request (the job fails)
std::string build_reference_registration_request(db::Connection& conn,
                                                 const db::FacilitySettings& facility,
                                                 const RequestJob& job);

/// Stores an OQSsiimm01res inside the import transaction. The answer to a change (by its job, or
/// without a job when exactly one pending change has this card and number) closes the change:
/// done (the patient's number registered, or deleted), failed with the terminal's reason, or
/// unmatched when the echo names another card or number (nothing changes; staff look at it). An
/// empty number no change explains is recorded as unmatched, and so is a success for a change
/// closed as failed (given up or refused before). Else the number of the job it answers
/// (else, for a foreign or late answer, the row with this number) is registered or failed.
StoredRows handle_reference_registration_result(db::Connection& conn, const ResultFile& file);

// --- upkeep: register again, update, delete the number of one card (manual ch. 7) -----------

/// Why a change was refused; the screens map each to a message.
enum class ReferenceChangeRefusal {
  no_patient,         ///< no such patient
  test_patient,       ///< test patients are never sent
  no_number,          ///< the patient has no number per the facility's source
  name_insurance,     ///< several insurances: the change must name one (`candidates`)
  no_insurance,       ///< the named insurance does not exist, is deleted or has no number
  busy,               ///< a change or a registration of the patient is in flight
  held_by_other,      ///< another patient's row holds the number
  nothing_to_change,  ///< delete: the patient's number is deleted already
};

/// A refused change, with the reason for the log and the audit row.
class ReferenceChangeRefused : public Error {
 public:
  ReferenceChangeRefused(ReferenceChangeRefusal r, const std::string& what,
                         std::vector<int> candidates = {})
      : Error(what), refusal_(r), candidates_(std::move(candidates)) {}
  ReferenceChangeRefusal refusal() const noexcept { return refusal_; }
  /// name_insurance: the hknid of every insurance the change could name.
  const std::vector<int>& candidates() const noexcept { return candidates_; }

 private:
  ReferenceChangeRefusal refusal_;
  std::vector<int> candidates_;
};

/// Stable name of a refusal ("busy", ...), for messages and the audit.
const char* reference_change_refusal_name(ReferenceChangeRefusal r);

/// A queued change.
struct QueuedReferenceChange {
  long long change_id = 0, job_id = 0;
  std::string action;  ///< register | update | delete
  std::string number;  ///< the number sent ("" for a delete)
  int hknid = 0;
};

/// Queues the change of the number registered on one insurance card of a patient, audited
/// (onshi_audit kind refnum; a refusal too): `remove` false sends the patient's own number (per
/// reference_number_source) again for that card: "update" when the registered number differs
/// (the patient number changed), "register" when it is the same (re-registration of a number found
/// wrong at the terminal); `remove` true sends an empty number: "delete". The card is named by
/// `hknid`; without one, the patient's only current insurance, and a patient with several must
/// name one. Its own transaction. @throws ReferenceChangeRefused, db::UnknownFacilityError /
/// db::FacilityDisabledError
QueuedReferenceChange queue_reference_change(db::Connection& conn, int hospnum, long long ptid,
                                             std::optional<int> hknid, bool remove,
                                             const std::string& userid, const std::string& by);

/// Fails the pending changes whose request gave up (no answer, .err file, expired) with the job's
/// reason. Its own statement; called before changes are listed or queued.
void settle_reference_changes(db::Connection& conn, int hospnum);

/// Progress and summary of one bulk registration run.
struct BulkRegistrationStatus {
  long long run_id = 0;
  std::string state;  ///< running | done | cancelled
  int total = 0, registered = 0, refused = 0, pending = 0;
  int chunks = 0, chunks_done = 0;
  std::string current;  ///< the chunk in flight, e.g. "chunk 3/7 waiting for the result (2 polls)"
  /// Refusal reasons with their counts, most frequent first.
  std::vector<std::pair<std::string, int>> reasons;
};

/// Default chunk size of a bulk registration.
constexpr int kDefaultBulkChunk = 100;

/// Starts a bulk registration run of `hospnum` (chunks of `chunk_size` cards), or resumes the
/// running one (then `chunk_size` is ignored), and queues the next chunk when none is in flight.
/// @param resumed set to true when a running run was found
/// @throws db::UnknownFacilityError / db::FacilityDisabledError, onshi::Error (bad chunk size)
BulkRegistrationStatus queue_bulk_registration(db::Connection& conn, int hospnum, int chunk_size,
                                               const std::string& by, bool& resumed);

/// The request bytes of a bulk registration job: OQSmuimm01req (the chunk's cards) or
/// OQSmuimm02req (the chunk's reception number). @throws onshi::Error like
/// build_reference_registration_request
std::string build_bulk_registration_request(db::Connection& conn,
                                            const db::FacilitySettings& facility,
                                            const RequestJob& job);

/// Stores a bulk registration answer inside the import transaction and moves the run on:
/// OQSmuimm01res gives the chunk's reception number (its first download request is queued) or
/// refuses the chunk; OQSmuimm02res polls again while "still processing", else records each
/// unit (registered or refused with the reason) and queues the next chunk. `file.job_id` 0:
/// the answer belongs to no job of ours.
StoredRows handle_bulk_registration_result(db::Connection& conn, const ResultFile& file);

/// Moves a running run on (its own transaction): a chunk whose job failed is marked failed with
/// the job's error (its cards refused), the next chunk is queued, a finished run is closed.
/// @return the run's status; nullopt when the facility never ran one
std::optional<BulkRegistrationStatus> advance_bulk_registration(db::Connection& conn, int hospnum);

/// The latest run's status without changing anything; nullopt when none.
std::optional<BulkRegistrationStatus> bulk_registration_status(db::Connection& conn, int hospnum);

}  // namespace onshi::exchange
