// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The next-day bulk pre-check (ikkatsu shokai, exchange spec section 4): the host's reservations
/// of one day become one or more OQSmuquc01req requests (one QualificationConfirmSearchInfo
/// per patient, ArbitraryIdentifier "<ptnum>_<hknid>", at most onshi_facility.bulk_chunk_max per
/// request); each OQSmuquc01res gives a reception number, after which OQSmuquc02req asks for the
/// result, again while the answer says "still processing" (SegmentOfResult 2), with back-off;
/// the final OQSmuquc02res is imported by the importer (one confirmation per BulkConfirmUnit,
/// source 'bulk', confirmation date = the reservation day) and counted here.
///
/// Tables (sql/0008_bulk_precheck.sql): onshi_bulk_batch (one per run and reservation day),
/// onshi_bulk_chunk (one per OQSmuquc01req: job ids, reception number, polls, counts) and
/// onshi_bulk_run (the scheduled evening run of each local date). Requests are ordinary jobs of
/// the queue (store/jobs.h) written by run_queue (requests.h) with build_bulk_precheck_request;
/// the importer hands their results to handle_bulk_precheck_result (the table of flows, flows.h).
///
/// "Next open day": the host's calendar of open days is not in the subset this project reads, so
/// it is the first day after the given date that has at least one reservation, looking at most
/// kOpenDayHorizonDays ahead (a clinic closed on Sunday gets Saturday evening's run for Monday).

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
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

/// How far ahead the next open day is looked for.
constexpr int kOpenDayHorizonDays = 7;

/// What started a batch (onshi_bulk_batch.trigger).
enum class BulkTrigger { schedule, admin, screen };
const char* bulk_trigger_name(BulkTrigger t);

/// A pre-check that was queued (or found nothing to send).
struct BulkStart {
  long long batch_id = 0;      ///< 0: nothing to send, no batch recorded
  std::string day;             ///< the reservation day (= confirmation date sent)
  int patients = 0;            ///< persons requested (one per patient)
  int chunks = 0;              ///< OQSmuquc01req jobs queued
  long long first_job_id = 0;  ///< the first chunk's job
  int skipped_test = 0;        ///< test patients with a reservation
  int skipped_no_insurance = 0;
  int skipped_invalid = 0;  ///< no patient number, no insured number or birthdate, ...
};

/// The first day after `after` (YYYYMMDD) with a reservation of the facility, at most
/// kOpenDayHorizonDays ahead; nullopt when there is none.
std::optional<std::string> next_open_day(db::Connection& conn, int hospnum,
                                         const std::string& after);

/// Collects the reservations of `day` (one entry per patient; test patients, patients without
/// an insurance valid that day and patients whose data cannot form a request are counted and
/// skipped), splits them into chunks of the facility's bulk_chunk_max and queues one
/// OQSmuquc01req job per chunk (payload {day, confirmation_date, ptids, batch_id, chunk_no},
/// expiring at the end of `day`). Runs no transaction of its own (a screen hook calls it inside
/// its own). @throws db::UnknownFacilityError / db::FacilityDisabledError, Error for a bad day
BulkStart queue_bulk_precheck(db::Connection& conn, int hospnum, const std::string& day,
                              BulkTrigger trigger, const std::string& requested_by);

/// What the scheduler did for one facility.
struct ScheduledRun {
  bool ran = false;  ///< this call recorded today's run
  std::string note;  ///< why nothing was queued, "" when a batch was
  BulkStart start;
};

/// The daily evening run: when the local time `time6` (HHMMSS) of `today` (YYYYMMDD) is at or
/// after the facility's batch_time, the facility was enabled before today's batch time (one
/// enabled later starts tomorrow) and no run is recorded for `today` or a later date, records
/// the run (onshi_bulk_run, so several engines, restarts and clock jumps never run a date twice;
/// an engine that was down at batch_time catches up later the same evening) and queues the
/// pre-check of the next open day after `today`, unless that day already has a batch queued
/// today. One transaction. Must be called outside any transaction.
ScheduledRun run_scheduled_precheck(db::Connection& conn, const db::FacilitySettings& facility,
                                    const std::string& today, const std::string& time6);

/// The scheduler with the engine's local clock.
ScheduledRun run_scheduled_precheck(db::Connection& conn, const db::FacilitySettings& facility);

/// The request bytes of a bulk job (OQSmuquc01req: the chunk's persons; OQSmuhvq01req /
/// OQSmuonq01req: the batch's criteria, refused when the facility no longer uses the flow;
/// the 02req kinds: the chunk's reception number). @throws Error (not DbError) when the job cannot
/// form a request (reason for last_error)
std::string build_bulk_precheck_request(db::Connection& conn, const db::FacilitySettings& facility,
                                        const RequestJob& job);

/// Stores a bulk result (pre-check, or consented-information bulk alike) inside the import
/// transaction. OQSmuquc01res: the reception
/// number goes on the chunk of the job it answers and the first OQSmuquc02req is queued after
/// bulk_poll_s, or the chunk fails (SegmentOfResult other than 1, no reception number).
/// OQSmuquc02res: a final result (SegmentOfResult 1) stores one confirmation per
/// BulkConfirmUnit (qualification.h, source 'bulk') and counts the units (valid / invalid /
/// error), finishing the chunk; 2 queues the next OQSmuquc02req with back-off (or fails the
/// chunk after bulk_max_polls answers); anything else fails the chunk with the terminal's
/// error. The OQSmuquc02req it answers (by file name) is marked answered.
StoredRows handle_bulk_precheck_result(db::Connection& conn, const ResultFile& file);

/// A consented-information bulk (同意済資格情報一括取得, spec 4.5; facts in
/// tests/fixtures/homevisit/README.md): the patients who consented, during home-visit care
/// (OQSmuhvq) or online care (OQSmuonq), to their information being viewed, with their current
/// qualification, found by one block of criteria instead of a list of persons.
struct ConsentedCriteria {
  std::string flow;  ///< "homevisit" (MedicalTreatmentFlag 2) or "online" (3)
  /// "consent": ConsentDateFrom/To (both flows); "examination": ExaminationDateFrom/To (online)
  std::string by = "consent";
  std::string from, to;  ///< YYYYMMDD, from <= to
};

/// The request kinds of a bulk flow ("precheck", "homevisit", "online"): the upload (01req) and
/// the download (02req). @throws Error for another flow name
model::MessageKind bulk_upload_kind(const std::string& flow);
model::MessageKind bulk_download_kind(const std::string& flow);

/// Queues a consented-information bulk: one batch (flow and criteria recorded, `day` = today)
/// with one chunk whose upload job carries the criteria; the rest (reception number, polls,
/// final units stored as confirmations linked by reference number or card, counts) is the
/// pre-check's machinery. Runs no transaction of its own.
/// @throws db::UnknownFacilityError / db::FacilityDisabledError, EnqueueError (requests.h):
/// not_used when the facility does not use the flow (db::FacilitySettings::home_visit,
/// online_care), bad_argument for bad criteria
BulkStart queue_consented_bulk(db::Connection& conn, int hospnum, const ConsentedCriteria& c,
                               BulkTrigger trigger, const std::string& requested_by);

/// Wait before the next OQSmuquc02req after `polls` "still processing" answers (0: the first
/// request after the reception number): poll_s * 2^(polls-1), at least poll_s, at most
/// max(poll_s, 1800) seconds.
long long bulk_poll_delay(int poll_s, int polls);

/// One batch as `onshi-admin bulk status` shows it.
struct BulkBatchStatus {
  long long batch_id = 0;
  int hospnum = 0;
  std::string day;
  std::string trigger;
  std::string flow;        ///< precheck | homevisit | online
  std::string criteria;    ///< a criteria bulk's criteria ("consent 20260401-20260430"), or ""
  std::string created_at;  ///< local time YYYY-MM-DD HH:MM:SS
  std::string state;       ///< requested | processing | done | error
  int chunks = 0;
  int requested = 0;  ///< persons sent
  int done = 0;       ///< units answered (valid + invalid + unit errors)
  int valid = 0;
  int invalid = 0;
  int error = 0;       ///< unit errors + persons of failed chunks
  int processing = 0;  ///< persons whose chunk waits for the upload or the result
  int polls = 0;       ///< "still processing" answers so far
  int skipped = 0;     ///< test patients + no insurance + invalid data
  std::string errors;  ///< failed chunks' reasons, "; "-joined ("" when none)
};

/// Batches of a facility (or all, hospnum 0) and day (or all, ""), newest first, at most `limit`.
std::vector<BulkBatchStatus> bulk_status(db::Connection& conn, int hospnum, const std::string& day,
                                         int limit = 20);

// ---------------------------------------------------------------------------------------------
// Bulk retrieval of entrusted qualification information (委託先資格情報の一括取得, OQSmutic;
// verification system manual chapter 6.2, spec 4.5): every medical ticket naming this institution
// for one treatment month, including tickets registered after a visit made while the patient
// was 未委託. OQSmutic01req (QualificationConfirmSearchInfo/MedicalTreatmentMonth) -> 01res
// (reception number) -> OQSmutic02req, polled like the pre-check's download (bulk_poll_s,
// bulk_max_polls) -> 02res: each BulkConfirmUnit is stored as a confirmation of source
// 'entrusted' (linked by reference number or payer + recipient number, tickets as certificate
// rows; a linked valid one confirms the public-assistance row and, with the facility's
// copy_issue_number, copies the issue numbers into the host). Runs: onshi_ticket_fetch.

/// A retrieval that was queued.
struct TicketFetchStart {
  long long fetch_id = 0;
  long long job_id = 0;  ///< the OQSmutic01req
};

/// Queues the retrieval of `month` (YYYYMM). Runs no transaction of its own.
/// @throws db::UnknownFacilityError / db::FacilityDisabledError, Error for a bad month
TicketFetchStart queue_ticket_fetch(db::Connection& conn, int hospnum, const std::string& month,
                                    const std::string& requested_by);

/// The request bytes of OQSmutic01req (the month) and OQSmutic02req (the reception number).
/// @throws Error (not DbError) when the job cannot form a request
std::string build_ticket_fetch_request(db::Connection& conn, const db::FacilitySettings& facility,
                                       const RequestJob& job);

/// Stores an OQSmutic01res (reception number, first download after bulk_poll_s, or the run
/// fails) or OQSmutic02res (1: the units, the run done; 2: the next download with back-off, failed
/// after bulk_max_polls; else the run fails with the terminal's error).
StoredRows handle_ticket_fetch_result(db::Connection& conn, const ResultFile& file);

}  // namespace onshi::exchange
