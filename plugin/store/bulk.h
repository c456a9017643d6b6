// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Our bulk pre-check tables (onshi_bulk_batch, onshi_bulk_chunk, onshi_bulk_run; the jobs
/// themselves are store/jobs.h) and what the reservation screen shows of them.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// A patient's part in the pre-check requests of one day.
struct PrecheckRequestState {
  bool failed = false;  ///< every request that includes the patient failed
};

/// The patients included in a (not cancelled) pre-check upload of `day`, by ptid.
std::map<long long, PrecheckRequestState> precheck_requests_of_day(db::Connection& conn,
                                                                   int hospnum,
                                                                   const std::string& day);

/// A patient's latest bulk result of a day.
struct PrecheckResult {
  long long confirmation_id = 0;
  std::string validity;  ///< trimmed, "" when none
  std::string status;    ///< processing status, trimmed, "" when none
};

/// The latest bulk result (confirmation date `day`) of every linked patient, by ptid.
std::map<long long, PrecheckResult> precheck_results_of_day(db::Connection& conn, int hospnum,
                                                            const std::string& day);

// --- settings, batches, chunks and runs of the pre-check flow (exchange/bulk_check.h) ----------

/// The per-facility bulk settings (onshi_facility; the defaults when there is no row).
struct BulkSettings {
  int chunk_max = 1000;
  int poll_s = 300;
  int max_polls = 30;
};
BulkSettings bulk_settings(db::Connection& conn, int hospnum);

/// The skip counts and who asked, recorded with a batch.
struct NewBatch {
  int hospnum = 0;
  std::string day;
  std::string trigger;
  int patients = 0;
  int skipped_test = 0, skipped_no_insurance = 0, skipped_invalid = 0;
  std::string requested_by;
  /// precheck (OQSmuquc, persons) | homevisit (OQSmuhvq) | online (OQSmuonq): by criteria
  std::string flow = "precheck";
  std::optional<std::string> criteria;  ///< JSON object of a criteria bulk's search values
};
/// Records a pre-check batch. @return its batch_id
long long insert_batch(db::Connection& conn, const NewBatch& b);

/// Records chunk `chunk_no` of a batch: `entries` (JSON array) uploaded by job `upload_job_id`.
void insert_chunk(db::Connection& conn, long long batch_id, int chunk_no, int hospnum,
                  const std::string& entries, int patients, long long upload_job_id);

/// True when the facility's evening run of `today` is due at `time6` (enabled, batch time
/// reached, enabled before today's batch time, no run recorded for today or later).
bool scheduled_run_due(db::Connection& conn, int hospnum, const std::string& today,
                       const std::string& time6);
/// Records today's run. @return false when another engine recorded it (or a later one)
bool claim_scheduled_run(db::Connection& conn, int hospnum, const std::string& today);
/// The latest batch of reservation day `day` created on `today`; nullopt when none.
std::optional<long long> batch_created_on(db::Connection& conn, int hospnum, const std::string& day,
                                          const std::string& today);
/// Completes today's run record with the day, batch and note (nullopt = NULL).
void finish_scheduled_run(db::Connection& conn, int hospnum, const std::string& today,
                          const std::optional<std::string>& day, std::optional<long long> batch_id,
                          const std::optional<std::string>& note);

/// The reservation day and the entries (JSON text) of the chunk uploaded by job `job_id`.
struct ChunkEntries {
  std::string day;
  std::string entries;
  std::string flow;                     ///< the batch's flow (NewBatch::flow)
  std::optional<std::string> criteria;  ///< the batch's criteria (JSON), for a criteria bulk
};
std::optional<ChunkEntries> chunk_entries_of_upload(db::Connection& conn, long long job_id);

/// A chunk, locked (FOR UPDATE) until the transaction ends.
struct LockedChunk {
  long long batch_id = 0;
  int chunk_no = 0;
  std::string state;  ///< uploading | waiting | done | error
  bool has_reception_number = false;
  std::optional<std::string> reception_number;
  long long download_job_id = 0;  ///< 0 when none
  int polls = 0;
  std::string day;   ///< the batch's reservation day
  std::string flow;  ///< the batch's flow (NewBatch::flow)
};
/// The chunk uploaded by job `job_id`, locked; nullopt when the job is no pre-check upload.
std::optional<LockedChunk> lock_chunk_of_upload(db::Connection& conn, int hospnum,
                                                long long job_id);
/// The chunk with reception number `reception_number` (else the one polled by job
/// `download_job_id`), locked; nullopt when none.
std::optional<LockedChunk> lock_chunk_of_download(db::Connection& conn, int hospnum,
                                                  const std::string& reception_number,
                                                  long long download_job_id);

/// Marks the chunk failed with `why` (at most 1000 characters).
void fail_chunk(db::Connection& conn, long long batch_id, int chunk_no, const std::string& why);
/// The upload was accepted: the chunk waits for its result (download job `download_job_id`).
void chunk_waiting(db::Connection& conn, long long batch_id, int chunk_no,
                   const std::string& reception_number, const std::string& reception_time,
                   long long download_job_id);
/// The final result (file `file_id`) came: the chunk is done with these unit counts.
void chunk_done(db::Connection& conn, long long batch_id, int chunk_no, int units, int valid,
                int invalid, int errors, long long file_id);
/// Records `polls` "still processing" answers.
void set_chunk_polls(db::Connection& conn, long long batch_id, int chunk_no, int polls);
/// Records `polls` answers and the next download job.
void next_chunk_poll(db::Connection& conn, long long batch_id, int chunk_no, int polls,
                     long long download_job_id);

/// Ties the error rows of bulk result file `file_id` (no result, not linked) to the patients of
/// the chunk through their ArbitraryIdentifier "<ptnum>_<hknid>" (onshi_confirmation).
void link_bulk_error_rows(db::Connection& conn, long long batch_id, int chunk_no,
                          long long file_id);

/// One batch with its chunks' counts, as `onshi-admin bulk status` needs them.
struct BatchCounts {
  long long batch_id = 0;
  int hospnum = 0;
  std::string day, trigger;
  std::string flow;                     ///< NewBatch::flow
  std::optional<std::string> criteria;  ///< JSON, for a criteria bulk
  std::string created_at;               ///< YYYY-MM-DD HH:MM:SS
  int chunks = 0, patients = 0;
  int units = 0, valid = 0, invalid = 0, errors = 0;  ///< of done chunks
  int failed_patients = 0;                            ///< persons of failed chunks
  int open_patients = 0;                              ///< persons of uploading / waiting chunks
  int polls = 0, skipped = 0;
  int failed_chunks = 0, open_chunks = 0, waiting_chunks = 0;
  std::string failures;  ///< "chunk N: reason" of failed chunks, "; "-joined
};
/// Batches of a facility (or all, hospnum 0) and day (or all, ""), newest first, at most `limit`.
std::vector<BatchCounts> batch_counts(db::Connection& conn, int hospnum, const std::string& day,
                                      int limit);

}  // namespace onshi::store
