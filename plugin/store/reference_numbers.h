// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Reference numbers (onshi_reference_number: each patient's registered or pending number) and
/// the bulk registration runs (onshi_refnum_run, onshi_refnum_chunk, onshi_refnum_entry) of
/// exchange/reference_numbers.h. The registration jobs themselves are store/jobs.h.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// What the facility registers as reference numbers (onshi_facility.reference_number_source):
/// "ptnum" (the default, as ORCA does) or "ptid".
std::string reference_number_source(db::Connection& conn, int hospnum);

// --- onshi_reference_number ------------------------------------------------------------------

/// The state of the patient's reference-number row, locked (FOR UPDATE); nullopt when none.
std::optional<std::string> lock_reference_number_state(db::Connection& conn, int hospnum,
                                                       long long ptid);
/// True when another patient than `ptid` holds `ref` (a deleted number is held by nobody).
bool reference_number_held_by_other(db::Connection& conn, int hospnum, const std::string& ref,
                                    long long ptid);
/// Records `ref` as the patient's pending number, asked by job `job_id` (replacing any row).
void mark_reference_number_pending(db::Connection& conn, int hospnum, long long ptid,
                                   const std::string& ref, long long job_id);
/// Records the answer to a single registration: the row of job `job_id` when it has one, else
/// the row with number `ref`, becomes `state` (registered | failed) with `error`; a registered
/// row is only overwritten by another registration.
void record_registration_answer(db::Connection& conn, int hospnum, const std::string& ref,
                                std::optional<long long> job_id, const std::string& state,
                                const std::optional<std::string>& error);

// --- changes of one card's number (onshi_refnum_change) -------------------------------------

/// One insurance card as sent in a ReferenceNumberRegistrationInfo: insurer without padding,
/// symbol and number as card keys (text::card_key), branch trimmed; "" = none.
struct CardKeys {
  std::string insurer, symbol, number, branch;
  bool operator==(const CardKeys& o) const {
    return insurer == o.insurer && symbol == o.symbol && number == o.number && branch == o.branch;
  }
};

/// The patient's row in onshi_reference_number.
struct ReferenceNumberRow {
  std::string reference_number, state;
  std::optional<std::string> error;
};
std::optional<ReferenceNumberRow> reference_number_row(db::Connection& conn, int hospnum,
                                                       long long ptid);

/// One change: register (the patient's own number again), update (the patient's number, which
/// differs from the registered one) or delete (no number).
struct ReferenceChange {
  long long change_id = 0;
  int hospnum = 0;
  std::optional<long long> ptid;
  std::optional<int> hknid;
  std::string action;  ///< register | update | delete
  std::optional<std::string> old_number, new_number;
  CardKeys card;
  std::string state;  ///< pending | done | failed | unmatched | dismissed
  std::optional<long long> job_id;
  std::optional<std::string> error;
  std::string requested_by, created_at, updated_at;
};

/// True when the patient has a pending change.
bool has_open_change(db::Connection& conn, int hospnum, long long ptid);
/// Records a pending change (its job comes with set_change_job). @return change_id
long long insert_change(db::Connection& conn, const ReferenceChange& c);
/// The job that sends change `change_id`.
void set_change_job(db::Connection& conn, long long change_id, long long job_id);
/// The change sent by job `job_id`, locked; nullopt when the job is not a change's.
std::optional<ReferenceChange> lock_change_of_job(db::Connection& conn, long long job_id);
/// The pending changes of the facility for this card and number ("" = a delete), locked.
std::vector<ReferenceChange> lock_pending_changes_for(db::Connection& conn, int hospnum,
                                                      const CardKeys& card,
                                                      const std::string& number);
/// Marks failed the facility's pending changes whose request job gave up (failed, expired,
/// cancelled), with the job's last error.
void fail_given_up_changes(db::Connection& conn, int hospnum);
/// Closes a change: `state` done | failed | unmatched, with the answer's file and reason.
void finish_change(db::Connection& conn, long long change_id, const std::string& state,
                   const std::optional<std::string>& error, long long file_id);
/// Records an answer no change explains (ptid NULL, state unmatched): staff look at it.
long long insert_unmatched_change(db::Connection& conn, int hospnum, const std::string& action,
                                  const std::optional<std::string>& number, const CardKeys& card,
                                  const std::string& error, long long file_id);
/// Dismisses an unmatched or failed change (staff looked at it). @return false when there is no
/// such change in those states
bool dismiss_change(db::Connection& conn, int hospnum, long long change_id,
                    const std::string& reason);
/// The facility's changes, newest first: open ones (pending, unmatched, failed) or all.
std::vector<ReferenceChange> list_changes(db::Connection& conn, int hospnum, bool open_only,
                                          int limit);
/// The patient's latest change; nullopt when none.
std::optional<ReferenceChange> latest_change(db::Connection& conn, int hospnum, long long ptid);
/// A register/update answered: the patient's number is `number`, registered (by job `job_id`).
void number_registered(db::Connection& conn, int hospnum, long long ptid, const std::string& number,
                       std::optional<long long> job_id);
/// A delete answered: the patient's row is kept as 'deleted' (no registration by itself again).
void number_deleted(db::Connection& conn, int hospnum, long long ptid,
                    std::optional<long long> job_id);

// --- runs ------------------------------------------------------------------------------------

/// Locks the facility's settings row: serializes the starters of one facility's runs.
void lock_facility_for_run(db::Connection& conn, int hospnum);
/// True when the facility has a running run.
bool run_is_running(db::Connection& conn, int hospnum);
/// Records a new run. @return its run_id
long long insert_run(db::Connection& conn, int hospnum, int chunk_size, const std::string& by);

/// The facility's running run, locked; nullopt when none runs.
struct RunningRun {
  long long run_id = 0;
  std::string started_by;
};
std::optional<RunningRun> lock_running_run(db::Connection& conn, int hospnum);
/// Touches the run (updated_at).
void touch_run(db::Connection& conn, long long run_id);
/// Marks the run done.
void finish_run(db::Connection& conn, long long run_id);

/// The chunks of a run whose current job gave up (failed, expired, cancelled): chunk number and
/// reason.
std::vector<std::pair<int, std::string>> stuck_chunks(db::Connection& conn, long long run_id);
/// True when a chunk of the run is uploading or processing.
bool run_has_busy_chunk(db::Connection& conn, long long run_id);
/// The first pending chunk of the run; nullopt when none.
std::optional<int> next_pending_chunk(db::Connection& conn, long long run_id);

/// Marks the still pending cards of a chunk (and their patients' pending numbers) failed with
/// `why`, and the chunk failed with its counts.
void refuse_chunk(db::Connection& conn, long long run_id, int chunk_no, const std::string& why);
/// Before the chunk is sent: refuses ("not sent: ...") its pending entries that our rows say are
/// no longer right (a change of the patient in flight, the number deleted on staff request,
/// another number registered or pending, the number held by another patient's row) and numbers
/// the others (sent_seq, their position in the upload). @return the entries to send
int choose_chunk_entries(db::Connection& conn, long long run_id, int chunk_no);
/// The chunk is uploading with job `job_id`, and the numbers of its patients with an entry to
/// send are pending (one row per patient; a registered or deleted number is kept).
void chunk_uploading(db::Connection& conn, long long run_id, int chunk_no, long long job_id);

/// The chunk a bulk answer belongs to, locked: by its job in `job_column` (upload_job_id or
/// download_job_id), else by reception number.
std::optional<std::pair<long long, int>> lock_chunk_of(db::Connection& conn, int hospnum,
                                                       const char* job_column, long long job_id,
                                                       const std::string& reception_number);

/// A chunk's progress.
struct RefnumChunk {
  std::string state;  ///< pending | uploading | processing | done | failed
  int polls = 0;
  std::optional<long long> download_job_id;
  std::string reception_number;  ///< "" when none
};
RefnumChunk refnum_chunk(db::Connection& conn, long long run_id, int chunk_no);
/// The upload was accepted: the chunk waits for its result (download job `download_job_id`).
void chunk_processing(db::Connection& conn, long long run_id, int chunk_no,
                      const std::string& reception_number, long long download_job_id);
/// Records `polls` answers and the next download job.
void next_refnum_poll(db::Connection& conn, long long run_id, int chunk_no, int polls,
                      long long download_job_id);
/// Records the answer of one card and its patient's number: `state` registered | failed with
/// `error`. With an echo (`card`), the one pending entry with that number and card; without one,
/// the entry sent at position `seq` (sent_seq). A unit that names no entry exactly changes
/// nothing.
void record_unit_answer(db::Connection& conn, long long run_id, int chunk_no,
                        const std::string& ref, const std::optional<CardKeys>& card,
                        const std::string& state, const std::optional<std::string>& error, int seq);
/// Marks the chunk done (keeping the error "not in the final result" when a card had it).
void finish_refnum_chunk(db::Connection& conn, long long run_id, int chunk_no);

/// One card of a bulk registration upload.
struct RefnumCard {
  std::string reference_number, insurer_number;
  std::optional<std::string> card_symbol;
  std::string card_number;
  std::optional<std::string> branch_number;
};
/// The cards of the chunk uploaded by job `job_id` that choose_chunk_entries kept, in order.
std::vector<RefnumCard> cards_of_upload_job(db::Connection& conn, long long job_id);

/// The facility's current run (a running one, else the latest) with its counts.
struct RunStatus {
  long long run_id = 0;
  std::string state;
  int total = 0;
  int registered = 0, refused = 0, pending = 0;  ///< cards
  int chunks = 0, chunks_done = 0;
  std::optional<int> current_chunk;  ///< the chunk uploading or processing
  std::string current_state;
  int current_polls = 0;
  std::vector<std::pair<std::string, int>> reasons;  ///< failure reasons, most frequent first
};
std::optional<RunStatus> run_status(db::Connection& conn, int hospnum);

}  // namespace onshi::store
