// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/jobs.h"

#include "db/connection.h"

namespace onshi::store {

long long enqueue_qualification_job(db::Connection& conn, int hospnum, long long ptid, int hknid,
                                    const QualificationPayload& v, long long min_lifetime_s,
                                    const std::string& requested_by) {
  db::Result j = conn.exec(
      "WITH v AS (SELECT jsonb_build_object('insurer_number', $4::text, 'symbol', $5::text, "
      "    'number', $6::text, 'branch', $7::text, 'birthdate', $8::text, 'limit_flag', '1', "
      "    'confirmation_date', $9::text, 'ptnum', $10::text) AS payload), "
      "existing AS (SELECT j.job_id FROM onshi_job j, v WHERE j.hospnum = $1 AND j.ptid = $2 "
      "    AND j.hknid = $3 AND j.kind = 'OQSsiquc01req' AND j.state IN ('pending', 'sent') "
      "    AND j.payload = v.payload ORDER BY j.job_id LIMIT 1), "
      "ins AS (INSERT INTO onshi_job (hospnum, kind, ptid, hknid, payload, state, due_at, "
      "    next_attempt_at, expires_at, requested_by) "
      "  SELECT $1, 'OQSsiquc01req', $2, $3, v.payload, 'pending', now(), now(), "
      "    greatest(to_timestamp($9::text, 'YYYYMMDD') + interval '1 day', "
      "             now() + make_interval(secs => $11)), $12 "
      "  FROM v WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING job_id) "
      "SELECT job_id FROM existing UNION ALL SELECT job_id FROM ins",
      {hospnum, ptid, hknid, v.insurer_number, v.symbol, v.number, v.branch, v.birthdate,
       v.confirmation_date, v.ptnum, min_lifetime_s, requested_by});
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
      "  request_file, correlation_key, "
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
  j.request_file = r.optional(0, col("request_file"));
  j.correlation_key = r.optional(0, col("correlation_key"));
  j.age_s = r.integer(0, col("age"));
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

bool request_file_known(db::Connection& conn, int hospnum, const std::string& file) {
  return conn.exec("SELECT 1 FROM onshi_job WHERE hospnum = $1 AND request_file = $2",
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
                                               const std::string& request_file,
                                               long long job_id) {
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
