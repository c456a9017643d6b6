// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The work queue (onshi_job): enqueue, claim due jobs (FOR UPDATE SKIP LOCKED), mark them
/// sent / answered / failed / expired, find them by correlation key or request file, and the
/// daily request-number sequence (onshi_request_seq) the request names are drawn from.
/// The job states are described in exchange/requests.h.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// The search values of a qualification check (its payload).
struct QualificationPayload {
  std::string insurer_number;
  std::optional<std::string> symbol;
  std::string number;
  std::optional<std::string> branch;
  std::string birthdate;
  std::string limit_flag = "1";
  std::string confirmation_date;
  std::optional<std::string> ptnum;
  /// 診療区分 of a home-visit (2, OQSsihvq01req) or online (3, OQSsionq01req) check; "" for the
  /// office check (OQSsiquc01req), whose payload has none.
  std::string treatment_flag;
};

/// The kinds of a single qualification check: the office's and home-visit / online care's,
/// as a text[] literal.
inline constexpr const char* kQualificationCheckKinds =
    "{OQSsiquc01req,OQSsihvq01req,OQSsionq01req}";

/// Queues an OQSsiquc01req of patient `ptid`/`hknid` (limit flag 1), due now, expiring at the
/// end of the confirmation day but not before `min_lifetime_s` from now; a pending or sent job
/// with the same values is reused. `hknid` nullopt: a public-assistance check (no insurance row).
/// `kind` OQSsihvq01req / OQSsionq01req with `v.treatment_flag` 2 / 3: a home-visit / online
/// care check. @return the job id
long long enqueue_qualification_job(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const QualificationPayload& v,
                                    long long min_lifetime_s, const std::string& requested_by,
                                    const char* kind = "OQSsiquc01req");

/// One due job, claimed (row locked until the caller's transaction ends).
struct DueJob {
  long long job_id = 0;
  std::string kind;
  int attempts = 0;
  bool expired = false;                     ///< past expires_at
  QualificationPayload payload;             ///< the qualification-check values (if any)
  std::optional<std::string> request_file;  ///< of the previous attempt
  std::optional<std::string> correlation_key;
  long long age_s = 0;            ///< seconds since it became due
  std::optional<long long> ptid;  ///< the job's patient
};

/// Claims the next pending job of `kinds` (a text[] literal) whose attempt is due.
std::optional<DueJob> claim_due_job(db::Connection& conn, int hospnum, const std::string& kinds);

/// state expired ("expired before it could be sent (after N attempts)").
void mark_expired(db::Connection& conn, long long job_id);
/// state failed with `reason`.
void mark_failed(db::Connection& conn, long long job_id, const std::string& reason);
/// Keeps the state, next attempt after `delay_s`, last_error `reason`.
void postpone(db::Connection& conn, long long job_id, long long delay_s, const std::string& reason);
/// state sent: attempt `attempt`, its request file and key, answer due after `timeout_s`; the
/// name is remembered as ours (find_our_request) for as long as the retention keeps it.
void mark_sent(db::Connection& conn, long long job_id, int attempt, const std::string& file,
               const std::string& key, int timeout_s);
/// Undoes mark_sent() of the attempt with key `key` after a failed write: pending again with
/// the previous attempt's file and key, next attempt after `delay_s`, last_error `reason`.
void unmark_sent(db::Connection& conn, long long job_id, const std::string& key,
                 const std::optional<std::string>& previous_file,
                 const std::optional<std::string>& previous_key, long long delay_s,
                 const std::string& reason);
/// state pending again (an unanswered attempt), next attempt after `delay_s`.
void retry(db::Connection& conn, long long job_id, long long delay_s, const std::string& reason);
/// state answered (from pending, sent, failed or expired).
void mark_answered(db::Connection& conn, long long job_id);

/// True when a job of the facility records this request file, or we wrote it once.
bool request_file_known(db::Connection& conn, int hospnum, const std::string& file);

/// A job found by its request file, locked (SKIP LOCKED: nullopt when another engine holds it).
struct LockedJob {
  long long job_id = 0;
  std::string state;
};
std::optional<LockedJob> lock_job_by_request_file(db::Connection& conn, int hospnum,
                                                  const std::string& file);

/// The next sent job whose answer is overdue, locked (SKIP LOCKED).
struct OverdueJob {
  long long job_id = 0;
  int attempts = 0;
  std::optional<std::string> request_file;
};
std::optional<OverdueJob> claim_overdue_job(db::Connection& conn, int hospnum);

/// Milliseconds until the earliest pending job of `kinds` or sent job needs a pass (0 when
/// due); nullopt when none waits.
std::optional<long long> next_job_event_ms(db::Connection& conn, int hospnum,
                                           const std::string& kinds);

/// A request we wrote into req/ (any attempt), by its file name.
struct OurRequest {
  long long job_id = 0;                        ///< 0 when the job is gone
  std::optional<std::string> correlation_key;  ///< the ArbitraryFileIdentifier it carried
};

/// The request named `request_name` when we wrote it (onshi_request_name, or a job's current
/// request file); nullopt: not ours
/// (another program on the share wrote it, or we never did).
std::optional<OurRequest> find_our_request(db::Connection& conn, int hospnum,
                                           const std::string& request_name);

/// The job a result answers, by correlation key, request file or job id, locked.
struct AnsweredJob {
  long long job_id = 0;
  std::optional<long long> ptid;
};
std::optional<AnsweredJob> find_job_for_answer(db::Connection& conn, int hospnum,
                                               const std::string& correlation_key,
                                               const std::string& request_file, long long job_id);

// --- the daily request-number sequence --------------------------------------------------------

/// The next number of today's sequence (the counter row stays locked until the transaction ends).
struct SequenceNumber {
  std::string day;  ///< YYYYMMDD
  long long seq = 0;
};
SequenceNumber next_request_number(db::Connection& conn, int hospnum);
/// Gives `seq` of `day` back when it is still the last one taken.
void give_back_request_number(db::Connection& conn, int hospnum, const std::string& day,
                              long long seq);
/// Drops counters older than two days.
void drop_old_request_numbers(db::Connection& conn, int hospnum);

// --- the jobs of the other flows -------------------------------------------------------------

/// Queues an OQSsiquc01req of a patient not registered yet (no ptid; limit flag `v.limit_flag`),
/// due now, expiring like enqueue_qualification_job(); a pending or sent job with the same values
/// is reused. @return the job id
long long enqueue_new_patient_job(db::Connection& conn, int hospnum, const QualificationPayload& v,
                                  long long min_lifetime_s, const std::string& requested_by);

/// Sets limit flag 0 on a qualification job not sent yet (pending, no attempt).
void clear_limit_flag(db::Connection& conn, long long job_id);

/// The newest qualification job (kQualificationCheckKinds) of patient `ptid`; nullopt when none.
std::optional<long long> latest_qualification_job(db::Connection& conn, int hospnum,
                                                  long long ptid);

/// A qualification job as the registration screen polls it.
struct QualificationJobState {
  std::string state;
  std::string last_error;  ///< "" when none
  std::optional<long long> ptid;
  std::optional<long long> first_confirmation_id;  ///< of its answer (lowest result index)
};
std::optional<QualificationJobState> qualification_job_state(db::Connection& conn, int hospnum,
                                                             long long job_id);

/// Attaches the newly registered patient `ptid` to qualification job `job_id` (one without a
/// patient). @return false when there is no such job
bool attach_patient_to_job(db::Connection& conn, int hospnum, long long job_id, long long ptid);

/// Queues an OQSmuquc01req (a bulk pre-check upload of one chunk; or `kind` OQSmuhvq01req /
/// OQSmuonq01req, a consented-information bulk), due now, expiring at the end of `day` but not
/// before `min_lifetime_s` from now; `ptids` is a JSON array. @return the job id
long long enqueue_bulk_upload_job(db::Connection& conn, int hospnum, const std::string& day,
                                  const std::string& ptids, long long batch_id, int chunk_no,
                                  long long min_lifetime_s, const std::string& requested_by,
                                  const char* kind = "OQSmuquc01req");

/// Queues an OQSmuquc02req (poll `poll` of a pre-check chunk's result; or `kind` OQSmuhvq02req /
/// OQSmuonq02req) due after `delay_s`, expiring at the end of `day` but not before
/// `delay_s + min_lifetime_s` from now. @return the job id
long long enqueue_bulk_download_job(db::Connection& conn, int hospnum, long long batch_id,
                                    int chunk_no, const std::string& day,
                                    const std::string& reception_number, int poll,
                                    long long delay_s, long long min_lifetime_s,
                                    const char* kind = "OQSmuquc02req");

/// The reception number in a job's payload; nullopt when the job is gone or has none.
std::optional<std::string> job_reception_number(db::Connection& conn, long long job_id);

/// The download job (OQSmuquc02req, OQSmuhvq02req, OQSmuonq02req) that wrote request file
/// `file`, locked; nullopt when none.
std::optional<long long> lock_bulk_download_job(db::Connection& conn, int hospnum,
                                                const std::string& file);

/// Cancels a pending job whose result arrived for an earlier request.
void cancel_superseded_job(db::Connection& conn, long long job_id);

/// Queues an OQSsiimm01req (register reference number `ref` of patient `ptid`, found from
/// confirmation `confirmation_id` when not 0). @return the job id
long long enqueue_reference_registration_job(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& ref, long long confirmation_id,
                                             const std::string& requested_by,
                                             const std::optional<std::string>& ptnum);

/// Queues an OQSmuimm01req (the upload of chunk `chunk_no` of bulk registration run `run_id`).
/// @return the job id
long long enqueue_bulk_registration_upload_job(db::Connection& conn, int hospnum, long long run_id,
                                               int chunk_no, const std::string& requested_by);

/// Queues an OQSmuimm02req (poll the result of a bulk registration chunk) after `delay_s`, asked
/// by whoever started the run. @return the job id
long long enqueue_bulk_registration_download_job(db::Connection& conn, int hospnum,
                                                 long long run_id, int chunk_no,
                                                 const std::string& reception_number,
                                                 long long delay_s);

/// An OQSsiimm01req job's values.
struct ReferenceRegistrationJob {
  std::optional<long long> ptid;
  std::optional<std::string> reference_number;
  std::optional<long long> coverage_id;  ///< of the confirmation it came from (same patient)
};
std::optional<ReferenceRegistrationJob> reference_registration_job(db::Connection& conn,
                                                                   long long job_id);

/// Queues a drug or checkup information request (`kind`) of patient `ptid`, expiring when the
/// consent does (`expires_at`: YYYYMMDDHH24MISS). @return the job id
struct MedicalInfoJob {
  std::string kind;       ///< YZKsiquc01req | TKKsiquc01req
  std::string info_kind;  ///< drug | checkup | diagnosis (payload info_kind)
  long long ptid = 0;
  std::string month_from, month_to;  ///< "" = none
  std::optional<std::string> ptnum;
  std::string format;
  long long consent_confirmation_id = 0;
  std::string requested_by;
  std::string expires_at;
  std::string treatment_flag = "1";  ///< 診療区分 (OQSCD028) the request is sent with
};
long long enqueue_medical_info_job(db::Connection& conn, int hospnum, const MedicalInfoJob& j);

/// A medical information job as the request writer reads it.
struct MedicalInfoRequestJob {
  std::optional<long long> ptid;
  std::string info_kind;             ///< payload info_kind, "" when none (older jobs)
  std::string requested_by;          ///< "" when none
  std::string month_from, month_to;  ///< "" when none
  std::string format;                ///< the job's, else `default_format`
  std::string this_month;            ///< YYYYMM, local
  std::string five_months_ago;       ///< YYYYMM, local
  std::string treatment_flag;        ///< payload treatment_flag, "1" for older jobs
};
std::optional<MedicalInfoRequestJob> medical_info_request_job(db::Connection& conn,
                                                              long long job_id,
                                                              const std::string& default_format);

/// A medical information job as its result is stored (only jobs with a patient).
struct MedicalInfoAnsweredJob {
  long long ptid = 0;
  std::string info_kind;  ///< payload info_kind, "" when none (older jobs)
  int hospnum = 0;
  std::string requested_by;  ///< "" when none
  std::optional<std::string> month_from, month_to;
};
std::optional<MedicalInfoAnsweredJob> medical_info_answered_job(db::Connection& conn,
                                                                long long job_id);

/// Jobs of the facility per state, in the order pending, sent, answered, failed, expired,
/// cancelled.
std::vector<std::pair<std::string, long long>> job_state_counts(db::Connection& conn, int hospnum);

}  // namespace onshi::store
