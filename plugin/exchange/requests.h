// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Requests to the terminal: jobs of the PostgreSQL work queue (store/jobs.h) become request files
/// in req/. A job is claimed with FOR UPDATE SKIP LOCKED (several engines never do the same work),
/// written under a temporary name and renamed into req/ (exchange/share.h), and marked sent with
/// its file name and correlation key (ArbitraryFileIdentifier "onshi-<hospnum>-<job_id>-<attempt>"
/// is stored as the job's correlation key; the importer finds the job by it, or by the request
/// file name that the result name mirrors). Unanswered requests are retried with back-off, then
/// failed visibly; an `.err` file next to a request fails it with its text.
///
/// Job states used here: pending -> sent (request file in req/, waiting for the answer) ->
/// answered (set by the importer) | pending again (no answer in time, attempts left) | failed
/// (attempts exhausted, `.err` file, request cannot be built) | expired (past expires_at before
/// it could be sent). A job put back to pending keeps the correlation key and request file of
/// its last attempt until it is sent again, so a late answer still finds it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "db/facility.h"
#include "model/messages.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Why a qualification check cannot be queued (queue_qualification_check, qualification.h; the
/// message says it in words staff understand).
class EnqueueError : public Error {
 public:
  enum class Reason {
    unknown_patient,  ///< no such patient in the facility
    test_patient,     ///< tstptnumkbn '1': never sent to the national system
    no_insurance,     ///< no (usable) insurance for the date, or the given hknid is absent/deleted
    invalid_data,     ///< the registered values cannot form a request (bad birthdate, ...)
    bad_argument,     ///< malformed confirmation date
    not_used,         ///< the facility does not use the flow (home visits, online care)
    consent_withdrawn,  ///< home-visit care: the patient's consent was withdrawn
  };
  EnqueueError(Reason reason, const std::string& message) : Error(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

/// A temporary request file (`.onshi-*.tmp` beside req/) this old is left over from a crash
/// between writing and renaming, and removed; a younger one may be another engine's write in
/// progress (a write takes milliseconds; one that took longer would fail and be retried).
constexpr std::chrono::seconds kStaleTempAge{600};

/// How long a job is worth sending when its confirmation day gives it less (a check queued for a
/// past visit date still gets this long).
constexpr std::chrono::seconds kMinimumJobLifetime{3600};

/// The facility's request encoding: Shift_JIS is written as CP932, anything else as UTF-8.
model::Encoding request_encoding(const db::FacilitySettings& f);

/// Bytes of a request document in the facility's encoding (every request kind uses this).
/// @throws onshi::Error with a reason fit for the job's last_error (invalid value, a character
/// the encoding cannot represent)
std::string encode_request_document(const model::Document& doc, const db::FacilitySettings& f);

/// Counts of one pass over the queue.
struct QueuePass {
  int sent = 0;         ///< request files written
  int retried = 0;      ///< unanswered jobs put back for another attempt
  int failed = 0;       ///< jobs given up (attempts exhausted, .err file, unbuildable request)
  int expired = 0;      ///< jobs past their expiry before they could be sent
  int deferred = 0;     ///< jobs put back because req/ could not be written (share unreachable)
  int unknown_err = 0;  ///< `.err` files in req/ that belong to no job of this facility (left)
  int stale_temps = 0;  ///< our temporary files left in the share by an interrupted write, removed
  /// The last write failure of this pass (OS reason, folder and file name only), "" when none:
  /// the daemon logs it, rate-limited, while the share stays unreachable.
  std::string write_error;
};

/// Removes our stale temporary request files from the share (kStaleTempAge), writes every due
/// job of `facility` as a request file (claimed with SKIP LOCKED, one short transaction per job;
/// the bytes come from the builder of the job's kind in the table of flows, flows.h),
/// then handles `.err` files in req/ and answer timeouts. Stops writing at
/// the first write failure of the pass (the share is probably down); that job is put back with
/// back-off and last_error. Must be called outside any transaction.
/// @throws db::DbError (the daemon retries the pass later); file problems are counted instead
QueuePass run_queue(db::Connection& conn, const db::FacilitySettings& facility);

/// Time until the facility's queue next needs a pass: the earliest pending job becoming due or
/// sent job timing out (zero when one is due now); nullopt when nothing is waiting. For the
/// daemon's timer (it also runs a pass after every poll interval for `.err` files).
std::optional<std::chrono::milliseconds> next_queue_event(db::Connection& conn, int hospnum);

// --- pure helpers (exposed for tests and the importer) ------------------------------------------

/// Delay before attempt `attempts + 1` after `attempts` unanswered ones: 30 s * 2^(attempts-1),
/// capped at 15 minutes (attempts <= 1 -> 30 s).
std::chrono::seconds retry_backoff(int attempts);

/// Delay after a failed write of a job that has been waiting `age` since it was queued: as long
/// as it has waited already (so delays double), at least 30 s, at most 15 minutes.
std::chrono::seconds write_failure_backoff(std::chrono::seconds age);

/// "onshi-<hospnum>-<job_id>-<attempt>", the ArbitraryFileIdentifier of one attempt.
std::string correlation_key(int hospnum, long long job_id, int attempt);

/// One parsed correlation key.
struct CorrelationKey {
  int hospnum = 0;
  long long job_id = 0;
  int attempt = 0;
};

/// Parses a key made by correlation_key(); nullopt for anything else (foreign identifiers).
std::optional<CorrelationKey> parse_correlation_key(std::string_view key);

/// The request file name an `.err` file reports on: "<base>.err" -> "<base>.xml" (also accepts
/// "<base>.xml.err"); nullopt when `err_name` is not a request's `.err` file.
std::optional<std::string> request_name_of_err_file(std::string_view err_name);

/// The text of an `.err` file as stored in last_error: UTF-8 (BOM dropped) or else CP932
/// decoded leniently (undecodable bytes become U+FFFD), control characters and runs of spaces
/// folded to one space, trimmed, cut to at most `max_bytes` bytes on a character boundary.
std::string error_file_text(std::string_view bytes, std::size_t max_bytes = 500);

}  // namespace onshi::exchange
