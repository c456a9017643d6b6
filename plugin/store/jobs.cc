// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/jobs.h"

#include "db/connection.h"

namespace onshi::store {

long long enqueue_qualification_job(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const QualificationPayload& v,
                                    long long min_lifetime_s, const std::string& requested_by,
                                    const char* kind) {
  // The office check's payload names no 診療区分 (as before home-visit and online care).
  db::Result j = conn.exec(
      "WITH v AS (SELECT jsonb_build_object('insurer_number', $4::text, 'symbol', $5::text, "
      "    'number', $6::text, 'branch', $7::text, 'birthdate', $8::text, 'limit_flag', '1', "
      "    'confirmation_date', $9::text, 'ptnum', $10::text) "
      "    || CASE WHEN $14::text = '' THEN '{}'::jsonb "
      "            ELSE jsonb_build_object('treatment_flag', $14::text) END AS payload), "
      "existing AS (SELECT j.job_id FROM onshi_job j, v WHERE j.hospnum = $1 AND j.ptid = $2 "
      "    AND j.hknid IS NOT DISTINCT FROM $3::integer AND j.kind = $13 "
      "    AND j.state IN ('pending', 'sent') "
      "    AND j.payload = v.payload ORDER BY j.job_id LIMIT 1), "
      "ins AS (INSERT INTO onshi_job (hospnum, kind, ptid, hknid, payload, state, due_at, "
      "    next_attempt_at, expires_at, requested_by) "
      "  SELECT $1, $13, $2, $3::integer, v.payload, 'pending', now(), now(), "
      "    greatest(to_timestamp($9::text, 'YYYYMMDD') + interval '1 day', "
      "             now() + make_interval(secs => $11)), $12 "
      "  FROM v WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING job_id) "
      "SELECT job_id FROM existing UNION ALL SELECT job_id FROM ins",
      {hospnum, ptid, hknid ? db::Param(*hknid) : db::Param(), v.insurer_number, v.symbol, v.number,
       v.branch, v.birthdate, v.confirmation_date, v.ptnum, min_lifetime_s, requested_by, kind,
       v.treatment_flag});
  return j.integer(0, j.column("job_id"));
}

std::optional<DueJob> claim_due_job(db::Connection& conn, int hospnum, const std::string& kinds) {
  db::Result r = conn.exec(
      "SELECT job_id, kind, attempts, "
      "  (expires_at IS NOT NULL AND expires_at <= now()) AS expired, "
      "  payload->>'insurer_number' AS insurer_number, payload->>'symbol' AS symbol, "
      "  payload->>'number' AS number, payload->>'branch' AS branch, "
      "  payload->>'birthdate' AS birthdate, coalesce(payload->>'limit_flag', '1') AS limit_flag, "
      "  payload->>'confirmation_date' AS confirmation_date, payload->>'ptnum' AS ptnum, "
      "  coalesce(payload->>'treatment_flag', '') AS treatment_flag, "
      "  request_file, correlation_key, ptid, "
      "  greatest(0, extract(epoch FROM now() - due_at))::bigint AS age "
      "FROM onshi_job "
      "WHERE hospnum = $1 AND state = 'pending' AND next_attempt_at <= now() "
      "  AND kind = ANY($2::text[]) "
      "ORDER BY next_attempt_at, job_id FOR UPDATE SKIP LOCKED LIMIT 1",
      {hospnum, kinds});
  if (r.rows() == 0) return std::nullopt;
  auto col = [&r](const char* name) { return r.column(name); };
  DueJob j;
  j.job_id = r.integer(0, col("job_id"));
  j.kind = r.text(0, col("kind"));
  j.attempts = static_cast<int>(r.integer(0, col("attempts")));
  j.expired = r.text(0, col("expired")) == "t";
  j.payload.insurer_number = r.text(0, col("insurer_number"));
  j.payload.symbol = r.optional(0, col("symbol"));
  j.payload.number = r.text(0, col("number"));
  j.payload.branch = r.optional(0, col("branch"));
  j.payload.birthdate = r.text(0, col("birthdate"));
  j.payload.limit_flag = r.text(0, col("limit_flag"));
  j.payload.confirmation_date = r.text(0, col("confirmation_date"));
  j.payload.ptnum = r.optional(0, col("ptnum"));
  j.payload.treatment_flag = r.text(0, col("treatment_flag"));
  j.request_file = r.optional(0, col("request_file"));
  j.correlation_key = r.optional(0, col("correlation_key"));
  j.age_s = r.integer(0, col("age"));
  if (!r.is_null(0, col("ptid"))) j.ptid = r.integer(0, col("ptid"));
  return j;
}

void mark_expired(db::Connection& conn, long long job_id) {
  conn.exec(
      "UPDATE onshi_job SET state = 'expired', updated_at = now(), "
      "last_error = 'expired before it could be sent (after ' || attempts || "
      "' attempts)' WHERE job_id = $1",
      {job_id});
}

void mark_failed(db::Connection& conn, long long job_id, const std::string& reason) {
  conn.exec(
      "UPDATE onshi_job SET state = 'failed', last_error = $2, updated_at = now() "
      "WHERE job_id = $1",
      {job_id, reason});
}

void postpone(db::Connection& conn, long long job_id, long long delay_s,
              const std::string& reason) {
  conn.exec(
      "UPDATE onshi_job SET next_attempt_at = now() + make_interval(secs => $2), "
      "last_error = $3, updated_at = now() WHERE job_id = $1",
      {job_id, delay_s, reason});
}

void mark_sent(db::Connection& conn, long long job_id, int attempt, const std::string& file,
               const std::string& key, int timeout_s) {
  conn.exec(
      "UPDATE onshi_job SET state = 'sent', attempts = $2, request_file = $3, "
      "correlation_key = $4, next_attempt_at = now() + make_interval(secs => $5), "
      "last_error = NULL, updated_at = now() WHERE job_id = $1",
      {job_id, attempt, file, key, timeout_s});
  conn.exec_prepared(
      "INSERT INTO onshi_request_name (hospnum, name, job_id, correlation_key) "
      "SELECT hospnum, $2, job_id, $3 FROM onshi_job WHERE job_id = $1 "
      "ON CONFLICT (hospnum, name) DO UPDATE SET job_id = EXCLUDED.job_id, "
      "correlation_key = EXCLUDED.correlation_key, written_at = now()",
      {job_id, file, key});
}

void unmark_sent(db::Connection& conn, long long job_id, const std::string& key,
                 const std::optional<std::string>& previous_file,
                 const std::optional<std::string>& previous_key, long long delay_s,
                 const std::string& reason) {
  conn.exec(
      "UPDATE onshi_job SET state = 'pending', attempts = attempts - 1, "
      "request_file = $3, correlation_key = $4, "
      "next_attempt_at = now() + make_interval(secs => $5), last_error = $6, "
      "updated_at = now() "
      "WHERE job_id = $1 AND state = 'sent' AND correlation_key = $2",
      {job_id, key, previous_file, previous_key, delay_s, reason});
  // Never written: an answer under that name could not be ours.
  conn.exec("DELETE FROM onshi_request_name WHERE job_id = $1 AND correlation_key = $2",
            {job_id, key});
}

void retry(db::Connection& conn, long long job_id, long long delay_s, const std::string& reason) {
  conn.exec(
      "UPDATE onshi_job SET state = 'pending', "
      "next_attempt_at = now() + make_interval(secs => $2), last_error = $3, "
      "updated_at = now() WHERE job_id = $1",
      {job_id, delay_s, reason});
}

void mark_answered(db::Connection& conn, long long job_id) {
  conn.exec_prepared(
      "UPDATE onshi_job SET state = 'answered', updated_at = now(), last_error = NULL "
      "WHERE job_id = $1 AND state IN ('pending', 'sent', 'failed', 'expired')",
      {job_id});
}

std::optional<OurRequest> find_our_request(db::Connection& conn, int hospnum,
                                           const std::string& request_name) {
  db::Result r = conn.exec_prepared(
      "SELECT job_id, correlation_key FROM onshi_request_name WHERE hospnum = $1 AND name = $2 "
      "UNION ALL SELECT job_id, correlation_key FROM onshi_job "
      "WHERE hospnum = $1 AND request_file = $2 LIMIT 1",
      {hospnum, request_name});
  if (r.rows() == 0) return std::nullopt;
  OurRequest out;
  if (!r.is_null(0, 0)) out.job_id = r.integer(0, 0);
  out.correlation_key = r.optional(0, 1);
  return out;
}

bool request_file_known(db::Connection& conn, int hospnum, const std::string& file) {
  return conn.exec(
                 "SELECT 1 FROM onshi_job WHERE hospnum = $1 AND request_file = $2 UNION ALL "
                 "SELECT 1 FROM onshi_request_name WHERE hospnum = $1 AND name = $2",
                 {hospnum, file})
             .rows() > 0;
}

std::optional<LockedJob> lock_job_by_request_file(db::Connection& conn, int hospnum,
                                                  const std::string& file) {
  db::Result r = conn.exec(
      "SELECT job_id, state, request_file FROM onshi_job "
      "WHERE hospnum = $1 AND request_file = $2 FOR UPDATE SKIP LOCKED",
      {hospnum, file});
  if (r.rows() == 0) return std::nullopt;
  return LockedJob{r.integer(0, r.column("job_id")), r.text(0, r.column("state"))};
}

std::optional<OverdueJob> claim_overdue_job(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "SELECT job_id, attempts, request_file FROM onshi_job "
      "WHERE hospnum = $1 AND state = 'sent' AND next_attempt_at <= now() "
      "ORDER BY next_attempt_at, job_id FOR UPDATE SKIP LOCKED LIMIT 1",
      {hospnum});
  if (r.rows() == 0) return std::nullopt;
  return OverdueJob{r.integer(0, r.column("job_id")),
                    static_cast<int>(r.integer(0, r.column("attempts"))),
                    r.optional(0, r.column("request_file"))};
}

std::optional<long long> next_job_event_ms(db::Connection& conn, int hospnum,
                                           const std::string& kinds) {
  db::Result r = conn.exec(
      "SELECT greatest(0, ceil(extract(epoch FROM m - now()) * 1000))::bigint AS ms FROM ("
      "  SELECT min(next_attempt_at) AS m FROM onshi_job WHERE hospnum = $1 "
      "    AND ((state = 'pending' AND kind = ANY($2::text[])) OR state = 'sent')) x "
      "WHERE m IS NOT NULL",
      {hospnum, kinds});
  if (r.rows() == 0 || r.is_null(0, r.column("ms"))) return std::nullopt;
  return r.integer(0, r.column("ms"));
}

std::optional<AnsweredJob> find_job_for_answer(db::Connection& conn, int hospnum,
                                               const std::string& correlation_key,
                                               const std::string& request_file, long long job_id) {
  db::Result r = conn.exec_prepared(
      "SELECT job_id, ptid FROM onshi_job WHERE hospnum = $1 AND "
      "((correlation_key IS NOT NULL AND correlation_key = $2) OR "
      " (request_file IS NOT NULL AND request_file = $3) OR job_id = $4) "
      "ORDER BY (correlation_key = $2) DESC NULLS LAST LIMIT 1 FOR UPDATE",
      {hospnum, correlation_key, request_file, job_id});
  if (r.rows() == 0) return std::nullopt;
  AnsweredJob j;
  j.job_id = r.integer(0, r.column("job_id"));
  if (!r.is_null(0, r.column("ptid"))) j.ptid = r.integer(0, r.column("ptid"));
  return j;
}

SequenceNumber next_request_number(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_request_seq AS s (hospnum, day, last_seq) "
      "VALUES ($1, to_char(localtimestamp, 'YYYYMMDD'), 1) "
      "ON CONFLICT (hospnum, day) DO UPDATE SET last_seq = s.last_seq + 1, updated_at = now() "
      "RETURNING day, last_seq",
      {hospnum});
  return SequenceNumber{r.text(0, r.column("day")), r.integer(0, r.column("last_seq"))};
}

void give_back_request_number(db::Connection& conn, int hospnum, const std::string& day,
                              long long seq) {
  conn.exec(
      "UPDATE onshi_request_seq SET last_seq = last_seq - 1, updated_at = now() "
      "WHERE hospnum = $1 AND day = $2 AND last_seq = $3",
      {hospnum, day, seq});
}

void drop_old_request_numbers(db::Connection& conn, int hospnum) {
  conn.exec(
      "DELETE FROM onshi_request_seq WHERE hospnum = $1 "
      "AND day < to_char(localtimestamp - interval '2 days', 'YYYYMMDD')",
      {hospnum});
}

}  // namespace onshi::store

namespace onshi::store {

long long enqueue_new_patient_job(db::Connection& conn, int hospnum, const QualificationPayload& v,
                                  long long min_lifetime_s, const std::string& requested_by) {
  db::Result j = conn.exec(
      "WITH v AS (SELECT jsonb_build_object('insurer_number', $2::text, 'symbol', $3::text, "
      "    'number', $4::text, 'branch', $5::text, 'birthdate', $6::text, 'limit_flag', $7::text, "
      "    'confirmation_date', $8::text, 'ptnum', NULL) AS payload), "
      "existing AS (SELECT j.job_id FROM onshi_job j, v WHERE j.hospnum = $1 AND j.ptid IS NULL "
      "    AND j.kind = 'OQSsiquc01req' AND j.state IN ('pending', 'sent') "
      "    AND j.payload = v.payload ORDER BY j.job_id LIMIT 1), "
      "ins AS (INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "    expires_at, requested_by) "
      "  SELECT $1, 'OQSsiquc01req', v.payload, 'pending', now(), now(), "
      "    greatest(to_timestamp($8::text, 'YYYYMMDD') + interval '1 day', "
      "             now() + make_interval(secs => $9)), $10 "
      "  FROM v WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING job_id) "
      "SELECT job_id FROM existing UNION ALL SELECT job_id FROM ins",
      {hospnum, v.insurer_number, v.symbol, v.number, v.branch, v.birthdate, v.limit_flag,
       v.confirmation_date, min_lifetime_s, requested_by});
  return j.integer(0, j.column("job_id"));
}

void clear_limit_flag(db::Connection& conn, long long job_id) {
  conn.exec(
      "UPDATE onshi_job SET payload = jsonb_set(payload, '{limit_flag}', '\"0\"') "
      "WHERE job_id = $1 AND state = 'pending' AND attempts = 0",
      {job_id});
}

std::optional<long long> latest_qualification_job(db::Connection& conn, int hospnum,
                                                  long long ptid) {
  db::Result l = conn.exec(
      "SELECT max(job_id) AS job_id FROM onshi_job WHERE hospnum = $1 AND ptid = $2 "
      "AND kind = ANY($3::text[])",
      {hospnum, ptid, kQualificationCheckKinds});
  const int col = l.column("job_id");
  if (l.is_null(0, col)) return std::nullopt;
  return l.integer(0, col);
}

std::optional<QualificationJobState> qualification_job_state(db::Connection& conn, int hospnum,
                                                             long long job_id) {
  db::Result j = conn.exec(
      "SELECT state, coalesce(last_error, '') AS last_error, ptid, "
      "(SELECT confirmation_id FROM onshi_confirmation c WHERE c.job_id = j.job_id "
      " ORDER BY result_index LIMIT 1) AS confirmation_id FROM onshi_job j "
      "WHERE hospnum = $1 AND job_id = $2 AND kind = ANY($3::text[])",
      {hospnum, job_id, kQualificationCheckKinds});
  if (j.rows() == 0) return std::nullopt;
  QualificationJobState s;
  s.state = j.text(0, j.column("state"));
  s.last_error = j.text(0, j.column("last_error"));
  if (!j.is_null(0, j.column("ptid"))) s.ptid = j.integer(0, j.column("ptid"));
  if (!j.is_null(0, j.column("confirmation_id")))
    s.first_confirmation_id = j.integer(0, j.column("confirmation_id"));
  return s;
}

bool attach_patient_to_job(db::Connection& conn, int hospnum, long long job_id, long long ptid) {
  return conn.exec(
                 "UPDATE onshi_job SET ptid = $3, updated_at = now() WHERE hospnum = $1 AND "
                 "job_id = $2 AND ptid IS NULL AND kind = 'OQSsiquc01req' RETURNING job_id",
                 {hospnum, job_id, ptid})
             .rows() > 0;
}

long long enqueue_bulk_upload_job(db::Connection& conn, int hospnum, const std::string& day,
                                  const std::string& ptids, long long batch_id, int chunk_no,
                                  long long min_lifetime_s, const std::string& requested_by,
                                  const char* kind) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "  expires_at, requested_by) "
      "VALUES ($1, $8, jsonb_build_object('day', $2::text, "
      "  'confirmation_date', $2::text, 'ptids', $3::jsonb, 'batch_id', $4::bigint, "
      "  'chunk_no', $5::int), 'pending', now(), now(), "
      "  greatest(to_timestamp($2::text, 'YYYYMMDD') + interval '1 day', "
      "           now() + make_interval(secs => $6)), $7) RETURNING job_id",
      {hospnum, day, ptids, batch_id, chunk_no, min_lifetime_s, requested_by, kind});
  return j.integer(0, j.column("job_id"));
}

long long enqueue_bulk_download_job(db::Connection& conn, int hospnum, long long batch_id,
                                    int chunk_no, const std::string& day,
                                    const std::string& reception_number, int poll,
                                    long long delay_s, long long min_lifetime_s, const char* kind) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "  expires_at, requested_by) "
      "VALUES ($1, $9, jsonb_build_object('day', $2::text, "
      "  'confirmation_date', $2::text, 'batch_id', $3::bigint, 'chunk_no', $4::int, "
      "  'reception_number', $5::text, 'poll', $6::int), 'pending', "
      "  now() + make_interval(secs => $7), now() + make_interval(secs => $7), "
      "  greatest(to_timestamp($2::text, 'YYYYMMDD') + interval '1 day', "
      "           now() + make_interval(secs => $7 + $8)), 'onshi-bulk') "
      "RETURNING job_id",
      {hospnum, day, batch_id, chunk_no, reception_number, poll, delay_s, min_lifetime_s, kind});
  return j.integer(0, j.column("job_id"));
}

std::optional<std::string> job_reception_number(db::Connection& conn, long long job_id) {
  db::Result r = conn.exec(
      "SELECT payload->>'reception_number' AS reception_number FROM onshi_job WHERE job_id = $1",
      {job_id});
  if (r.rows() == 0) return std::nullopt;
  return r.optional(0, r.column("reception_number"));
}

std::optional<long long> lock_bulk_download_job(db::Connection& conn, int hospnum,
                                                const std::string& file) {
  db::Result j = conn.exec(
      "SELECT job_id FROM onshi_job WHERE hospnum = $1 AND request_file = $2 "
      "AND kind IN ('OQSmuquc02req', 'OQSmuhvq02req', 'OQSmuonq02req') FOR UPDATE",
      {hospnum, file});
  if (j.rows() == 0) return std::nullopt;
  return j.integer(0, j.column("job_id"));
}

void cancel_superseded_job(db::Connection& conn, long long job_id) {
  conn.exec(
      "UPDATE onshi_job SET state = 'cancelled', updated_at = now(), "
      "last_error = 'the result arrived for an earlier request' "
      "WHERE job_id = $1 AND state = 'pending'",
      {job_id});
}

long long enqueue_reference_registration_job(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& ref, long long confirmation_id,
                                             const std::string& requested_by,
                                             const std::optional<std::string>& ptnum) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, ptid, payload, requested_by) "
      "VALUES ($1, 'OQSsiimm01req', $2, jsonb_build_object('reference_number', $3::text, "
      "'ptnum', $6::text, "
      "'confirmation_id', $4::bigint), $5) RETURNING job_id",
      {hospnum, ptid, ref, confirmation_id ? db::Param(confirmation_id) : db::Param(), requested_by,
       ptnum});
  return j.integer(0, j.column("job_id"));
}

long long enqueue_bulk_registration_upload_job(db::Connection& conn, int hospnum, long long run_id,
                                               int chunk_no, const std::string& requested_by) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, requested_by) "
      "VALUES ($1, 'OQSmuimm01req', jsonb_build_object('run_id', $2::bigint, 'chunk_no', "
      "$3::integer), $4) RETURNING job_id",
      {hospnum, run_id, chunk_no, requested_by});
  return j.integer(0, j.column("job_id"));
}

long long enqueue_bulk_registration_download_job(db::Connection& conn, int hospnum,
                                                 long long run_id, int chunk_no,
                                                 const std::string& reception_number,
                                                 long long delay_s) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, requested_by, due_at, next_attempt_at) "
      "SELECT $1, 'OQSmuimm02req', jsonb_build_object('run_id', $2::bigint, 'chunk_no', "
      "$3::integer, 'reception_number', $4::text), r.started_by, "
      "now() + make_interval(secs => $5), now() + make_interval(secs => $5) "
      "FROM onshi_refnum_run r WHERE r.run_id = $2 RETURNING job_id",
      {hospnum, run_id, chunk_no, reception_number, delay_s});
  return j.integer(0, j.column("job_id"));
}

std::optional<ReferenceRegistrationJob> reference_registration_job(db::Connection& conn,
                                                                   long long job_id) {
  db::Result j = conn.exec(
      "SELECT j.ptid, j.payload->>'reference_number' AS reference_number, "
      "  (SELECT coverage_id FROM onshi_confirmation c WHERE c.confirmation_id = "
      "   (j.payload->>'confirmation_id')::bigint AND c.ptid = j.ptid) AS coverage_id "
      "FROM onshi_job j WHERE j.job_id = $1",
      {job_id});
  if (j.rows() == 0) return std::nullopt;
  ReferenceRegistrationJob r;
  if (!j.is_null(0, j.column("ptid"))) r.ptid = j.integer(0, j.column("ptid"));
  r.reference_number = j.optional(0, j.column("reference_number"));
  if (!j.is_null(0, j.column("coverage_id"))) r.coverage_id = j.integer(0, j.column("coverage_id"));
  return r;
}

long long enqueue_medical_info_job(db::Connection& conn, int hospnum, const MedicalInfoJob& m) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, ptid, payload, requested_by, expires_at) "
      "SELECT $1, $2, $3, jsonb_build_object('month_from', nullif($4, ''), 'month_to', "
      "  nullif($5, ''), 'ptnum', $10::text, 'format', $6::text, 'consent_confirmation_id', "
      "$7::bigint, 'info_kind', nullif($11::text, ''), 'treatment_flag', $12::text), $8, "
      "  to_timestamp($9, 'YYYYMMDDHH24MISS') RETURNING job_id",
      {hospnum, m.kind, m.ptid, m.month_from, m.month_to, m.format, m.consent_confirmation_id,
       m.requested_by, m.expires_at, m.ptnum, m.info_kind, m.treatment_flag});
  return j.integer(0, j.column("job_id"));
}

std::optional<MedicalInfoRequestJob> medical_info_request_job(db::Connection& conn,
                                                              long long job_id,
                                                              const std::string& default_format) {
  db::Result j = conn.exec(
      "SELECT ptid, coalesce(requested_by, '') AS requested_by, "
      "coalesce(payload->>'info_kind', '') AS info_kind, "
      "coalesce(payload->>'month_from', '') AS month_from, "
      "coalesce(payload->>'month_to', '') AS month_to, "
      "coalesce(payload->>'format', $2) AS format, "
      "coalesce(payload->>'treatment_flag', '1') AS treatment_flag, "
      "to_char(localtimestamp, 'YYYYMM') AS this_month, "
      "to_char(localtimestamp - interval '5 months', 'YYYYMM') AS five_months_ago "
      "FROM onshi_job WHERE job_id = $1",
      {job_id, default_format});
  if (j.rows() == 0) return std::nullopt;
  auto text = [&j](const char* name) { return j.text(0, j.column(name)); };
  MedicalInfoRequestJob m;
  if (!j.is_null(0, j.column("ptid"))) m.ptid = j.integer(0, j.column("ptid"));
  m.requested_by = text("requested_by");
  m.info_kind = text("info_kind");
  m.month_from = text("month_from");
  m.month_to = text("month_to");
  m.format = text("format");
  m.this_month = text("this_month");
  m.five_months_ago = text("five_months_ago");
  m.treatment_flag = text("treatment_flag");
  return m;
}

std::optional<MedicalInfoAnsweredJob> medical_info_answered_job(db::Connection& conn,
                                                                long long job_id) {
  db::Result j = conn.exec(
      "SELECT j.ptid, coalesce(j.requested_by, '') AS requested_by, "
      "coalesce(j.payload->>'info_kind', '') AS info_kind, "
      "j.payload->>'month_from' AS month_from, "
      "j.payload->>'month_to' AS month_to, j.hospnum FROM onshi_job j "
      "WHERE j.job_id = $1 AND j.ptid IS NOT NULL",
      {job_id});
  if (j.rows() == 0) return std::nullopt;
  MedicalInfoAnsweredJob m;
  m.ptid = j.integer(0, j.column("ptid"));
  m.hospnum = static_cast<int>(j.integer(0, j.column("hospnum")));
  m.requested_by = j.text(0, j.column("requested_by"));
  m.info_kind = j.text(0, j.column("info_kind"));
  m.month_from = j.optional(0, j.column("month_from"));
  m.month_to = j.optional(0, j.column("month_to"));
  return m;
}

std::vector<std::pair<std::string, long long>> job_state_counts(db::Connection& conn, int hospnum) {
  db::Result jobs = conn.exec(
      "SELECT s AS state, (SELECT count(*) FROM onshi_job j WHERE j.hospnum = $1 AND j.state = s) "
      "AS jobs FROM unnest(ARRAY['pending','sent','answered','failed','expired','cancelled']) s",
      {hospnum});
  std::vector<std::pair<std::string, long long>> out;
  const int c_state = jobs.column("state"), c_jobs = jobs.column("jobs");
  for (int i = 0; i < jobs.rows(); ++i)
    out.emplace_back(jobs.text(i, c_state), jobs.integer(i, c_jobs));
  return out;
}

}  // namespace onshi::store
