// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/bulk.h"

#include "db/connection.h"

namespace onshi::store {

std::map<long long, PrecheckRequestState> precheck_requests_of_day(db::Connection& conn,
                                                                   int hospnum,
                                                                   const std::string& day) {
  db::Result r = conn.exec(
      "WITH jobs AS (SELECT j.job_id, j.payload, (j.state IN ('failed', 'expired') "
      "      OR c.state = 'error' OR (c.state = 'waiting' AND d.state IN ('failed', 'expired'))) "
      "      AS failed "
      "    FROM onshi_job j LEFT JOIN onshi_bulk_chunk c ON c.upload_job_id = j.job_id "
      "    LEFT JOIN onshi_job d ON d.job_id = c.download_job_id WHERE j.hospnum = $1 "
      "    AND j.kind = 'OQSmuquc01req' AND j.payload->>'day' = $2 AND j.state <> 'cancelled'), "
      "req AS (SELECT (jsonb_array_elements_text(payload->'ptids'))::bigint AS ptid, "
      "    failed FROM jobs) "
      "SELECT ptid, coalesce(bool_and(failed), false) AS failed FROM req GROUP BY ptid",
      {hospnum, day});
  std::map<long long, PrecheckRequestState> out;
  const int c_ptid = r.column("ptid"), c_failed = r.column("failed");
  for (int i = 0; i < r.rows(); ++i) out[r.integer(i, c_ptid)].failed = r.text(i, c_failed) == "t";
  return out;
}

std::map<long long, PrecheckResult> precheck_results_of_day(db::Connection& conn, int hospnum,
                                                            const std::string& day) {
  db::Result r = conn.exec(
      "SELECT DISTINCT ON (ptid) ptid, confirmation_id, "
      "    coalesce(btrim(validity), '') AS validity, "
      "    coalesce(btrim(processing_status), '') AS status FROM onshi_confirmation "
      "    WHERE hospnum = $1 AND source = 'bulk' AND kind = 'OQSmuquc02res' "
      "    AND confirmation_date = $2 AND ptid IS NOT NULL "
      "    ORDER BY ptid, confirmation_id DESC",
      {hospnum, day});
  std::map<long long, PrecheckResult> out;
  const int c_ptid = r.column("ptid"), c_id = r.column("confirmation_id"),
            c_validity = r.column("validity"), c_status = r.column("status");
  for (int i = 0; i < r.rows(); ++i)
    out[r.integer(i, c_ptid)] = {r.integer(i, c_id), r.text(i, c_validity), r.text(i, c_status)};
  return out;
}

}  // namespace onshi::store

namespace onshi::store {

BulkSettings bulk_settings(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "SELECT bulk_chunk_max, bulk_poll_s, bulk_max_polls FROM onshi_facility WHERE hospnum = $1",
      {hospnum});
  BulkSettings s;
  if (r.rows() == 0) return s;
  s.chunk_max = static_cast<int>(r.integer(0, r.column("bulk_chunk_max")));
  s.poll_s = static_cast<int>(r.integer(0, r.column("bulk_poll_s")));
  s.max_polls = static_cast<int>(r.integer(0, r.column("bulk_max_polls")));
  return s;
}

long long insert_batch(db::Connection& conn, const NewBatch& b) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_bulk_batch (hospnum, day, trigger, patients, skipped_test, "
      "  skipped_no_insurance, skipped_invalid, requested_by, flow, criteria) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING batch_id",
      {b.hospnum, b.day, b.trigger, b.patients, b.skipped_test, b.skipped_no_insurance,
       b.skipped_invalid, b.requested_by, b.flow, b.criteria});
  return r.integer(0, r.column("batch_id"));
}

void insert_chunk(db::Connection& conn, long long batch_id, int chunk_no, int hospnum,
                  const std::string& entries, int patients, long long upload_job_id) {
  conn.exec(
      "INSERT INTO onshi_bulk_chunk (batch_id, chunk_no, hospnum, entries, patients, "
      "  upload_job_id) VALUES ($1, $2, $3, $4::jsonb, $5, $6)",
      {batch_id, chunk_no, hospnum, entries, patients, upload_job_id});
}

bool scheduled_run_due(db::Connection& conn, int hospnum, const std::string& today,
                       const std::string& time6) {
  db::Result due = conn.exec(
      "SELECT 1 FROM onshi_facility f WHERE f.hospnum = $1 AND f.enabled "
      "AND to_char(f.batch_time, 'HH24MISS') <= $3 "
      // A facility enabled after today's batch time starts tomorrow (no surprise run at once).
      "AND (f.enabled_at IS NULL OR "
      "     to_char(f.enabled_at, 'YYYYMMDDHH24MISS') < ($2 || to_char(f.batch_time, 'HH24MISS'))) "
      "AND NOT EXISTS (SELECT 1 FROM onshi_bulk_run r WHERE r.hospnum = $1 AND r.run_date >= $2)",
      {hospnum, today, time6});
  return due.rows() > 0;
}

bool claim_scheduled_run(db::Connection& conn, int hospnum, const std::string& today) {
  db::Result claimed = conn.exec(
      "INSERT INTO onshi_bulk_run (hospnum, run_date) SELECT $1, $2 "
      "WHERE NOT EXISTS (SELECT 1 FROM onshi_bulk_run WHERE hospnum = $1 AND run_date > $2) "
      "ON CONFLICT DO NOTHING RETURNING run_date",
      {hospnum, today});
  return claimed.rows() > 0;
}

std::optional<long long> batch_created_on(db::Connection& conn, int hospnum, const std::string& day,
                                          const std::string& today) {
  db::Result earlier = conn.exec(
      "SELECT batch_id FROM onshi_bulk_batch WHERE hospnum = $1 AND day = $2 "
      "AND created_at::date = to_date($3, 'YYYYMMDD') ORDER BY batch_id DESC LIMIT 1",
      {hospnum, day, today});
  if (earlier.rows() == 0) return std::nullopt;
  return earlier.integer(0, earlier.column("batch_id"));
}

void finish_scheduled_run(db::Connection& conn, int hospnum, const std::string& today,
                          const std::optional<std::string>& day, std::optional<long long> batch_id,
                          const std::optional<std::string>& note) {
  conn.exec(
      "UPDATE onshi_bulk_run SET day = $3, batch_id = $4, note = $5 "
      "WHERE hospnum = $1 AND run_date = $2",
      {hospnum, today, day, batch_id ? db::Param(*batch_id) : db::Param(), note});
}

std::optional<ChunkEntries> chunk_entries_of_upload(db::Connection& conn, long long job_id) {
  db::Result r = conn.exec(
      "SELECT b.day, c.entries::text AS entries, b.flow, b.criteria::text AS criteria "
      "FROM onshi_bulk_chunk c JOIN onshi_bulk_batch b USING (batch_id) WHERE c.upload_job_id = $1",
      {job_id});
  if (r.rows() == 0) return std::nullopt;
  return ChunkEntries{r.text(0, r.column("day")), r.text(0, r.column("entries")),
                      r.text(0, r.column("flow")), r.optional(0, r.column("criteria"))};
}

namespace {

/// The columns of a locked chunk (chunk c joined with its batch b), read by locked_chunk().
constexpr const char* kLockedChunkColumns =
    "SELECT c.batch_id, c.chunk_no, c.state, coalesce(c.download_job_id, 0) AS download_job_id, "
    "c.polls, c.reception_number, b.day, b.flow "
    "FROM onshi_bulk_chunk c JOIN onshi_bulk_batch b USING (batch_id) ";

std::optional<LockedChunk> locked_chunk(const db::Result& c) {
  if (c.rows() == 0) return std::nullopt;
  LockedChunk k;
  k.batch_id = c.integer(0, c.column("batch_id"));
  k.chunk_no = static_cast<int>(c.integer(0, c.column("chunk_no")));
  k.state = c.text(0, c.column("state"));
  k.download_job_id = c.integer(0, c.column("download_job_id"));
  k.polls = static_cast<int>(c.integer(0, c.column("polls")));
  k.reception_number = c.optional(0, c.column("reception_number"));
  k.has_reception_number = k.reception_number.has_value();
  k.day = c.text(0, c.column("day"));
  k.flow = c.text(0, c.column("flow"));
  return k;
}

}  // namespace

std::optional<LockedChunk> lock_chunk_of_upload(db::Connection& conn, int hospnum,
                                                long long job_id) {
  return locked_chunk(conn.exec(std::string(kLockedChunkColumns) +
                                    "WHERE c.hospnum = $1 AND c.upload_job_id = $2 FOR UPDATE OF c",
                                {hospnum, job_id}));
}

std::optional<LockedChunk> lock_chunk_of_download(db::Connection& conn, int hospnum,
                                                  const std::string& reception_number,
                                                  long long download_job_id) {
  return locked_chunk(
      conn.exec(std::string(kLockedChunkColumns) +
                    "WHERE c.hospnum = $1 AND ((c.reception_number = $2 AND $2 <> '') OR "
                    "c.download_job_id = $3) "
                    "ORDER BY (c.reception_number = $2) DESC LIMIT 1 FOR UPDATE OF c",
                {hospnum, reception_number, download_job_id}));
}

void fail_chunk(db::Connection& conn, long long batch_id, int chunk_no, const std::string& why) {
  conn.exec(
      "UPDATE onshi_bulk_chunk SET state = 'error', last_error = $3, updated_at = now() "
      "WHERE batch_id = $1 AND chunk_no = $2",
      {batch_id, chunk_no, why.substr(0, 1000)});
}

void chunk_waiting(db::Connection& conn, long long batch_id, int chunk_no,
                   const std::string& reception_number, const std::string& reception_time,
                   long long download_job_id) {
  conn.exec(
      "UPDATE onshi_bulk_chunk SET state = 'waiting', reception_number = $3, "
      "reception_time = CASE WHEN $4 ~ '^[0-9]{14}$' THEN to_timestamp($4, 'YYYYMMDDHH24MISS') "
      "  ::timestamp END, download_job_id = $5, last_error = NULL, updated_at = now() "
      "WHERE batch_id = $1 AND chunk_no = $2",
      {batch_id, chunk_no, reception_number, reception_time, download_job_id});
}

void chunk_done(db::Connection& conn, long long batch_id, int chunk_no, int units, int valid,
                int invalid, int errors, long long file_id) {
  conn.exec(
      "UPDATE onshi_bulk_chunk SET state = 'done', units = $3, valid = $4, invalid = $5, "
      "errors = $6, result_file_id = $7, last_error = NULL, updated_at = now() "
      "WHERE batch_id = $1 AND chunk_no = $2",
      {batch_id, chunk_no, units, valid, invalid, errors, file_id});
}

void set_chunk_polls(db::Connection& conn, long long batch_id, int chunk_no, int polls) {
  conn.exec("UPDATE onshi_bulk_chunk SET polls = $3 WHERE batch_id = $1 AND chunk_no = $2",
            {batch_id, chunk_no, polls});
}

void next_chunk_poll(db::Connection& conn, long long batch_id, int chunk_no, int polls,
                     long long download_job_id) {
  conn.exec(
      "UPDATE onshi_bulk_chunk SET polls = $3, download_job_id = $4, updated_at = now() "
      "WHERE batch_id = $1 AND chunk_no = $2",
      {batch_id, chunk_no, polls, download_job_id});
}

void link_bulk_error_rows(db::Connection& conn, long long batch_id, int chunk_no,
                          long long file_id) {
  conn.exec(
      "UPDATE onshi_confirmation c SET ptid = (e->>'ptid')::bigint, linked_by = 'request' "
      "FROM onshi_bulk_chunk k, jsonb_array_elements(k.entries) e "
      "WHERE k.batch_id = $1 AND k.chunk_no = $2 AND c.file_id = $3 AND c.ptid IS NULL "
      "  AND c.link_state = 'not_applicable' "
      "  AND c.request_echo->>'ArbitraryIdentifier' = "
      "      coalesce(e->>'identifier', (e->>'ptnum') || '_' || (e->>'hknid'))",
      {batch_id, chunk_no, file_id});
}

std::vector<BatchCounts> batch_counts(db::Connection& conn, int hospnum, const std::string& day,
                                      int limit) {
  db::Result r = conn.exec(
      "WITH c AS (SELECT c.*, CASE "
      "    WHEN c.state IN ('done', 'error') THEN c.state "
      "    WHEN c.state = 'uploading' AND uj.state IN ('failed', 'expired', 'cancelled') "
      "      THEN 'error' "
      "    WHEN c.state = 'waiting' AND dj.state IN ('failed', 'expired', 'cancelled') "
      "      THEN 'error' "
      "    ELSE c.state END AS eff, "
      "  coalesce(c.last_error, CASE WHEN c.state = 'uploading' THEN uj.last_error "
      "    ELSE dj.last_error END) AS why "
      "  FROM onshi_bulk_chunk c LEFT JOIN onshi_job uj ON uj.job_id = c.upload_job_id "
      "  LEFT JOIN onshi_job dj ON dj.job_id = c.download_job_id) "
      "SELECT b.batch_id, b.hospnum, b.day, b.trigger, b.flow, b.criteria::text AS criteria, "
      "  to_char(b.created_at, 'YYYY-MM-DD HH24:MI:SS') AS created_at, "
      "  count(c.chunk_no) AS chunks, b.patients, "
      "  coalesce(sum(c.units) FILTER (WHERE c.eff = 'done'), 0) AS units, "
      "  coalesce(sum(c.valid) FILTER (WHERE c.eff = 'done'), 0) AS valid, "
      "  coalesce(sum(c.invalid) FILTER (WHERE c.eff = 'done'), 0) AS invalid, "
      "  coalesce(sum(c.errors) FILTER (WHERE c.eff = 'done'), 0) AS errors, "
      "  coalesce(sum(c.patients) FILTER (WHERE c.eff = 'error'), 0) AS failed_patients, "
      "  coalesce(sum(c.patients) FILTER (WHERE c.eff IN ('uploading', 'waiting')), 0) "
      "    AS open_patients, "
      "  coalesce(sum(c.polls), 0) AS polls, "
      "  b.skipped_test + b.skipped_no_insurance + b.skipped_invalid AS skipped, "
      "  count(*) FILTER (WHERE c.eff = 'error') AS failed_chunks, "
      "  count(*) FILTER (WHERE c.eff IN ('uploading', 'waiting')) AS open_chunks, "
      "  count(*) FILTER (WHERE c.eff = 'waiting') AS waiting_chunks, "
      "  coalesce(string_agg('chunk ' || c.chunk_no || ': ' || coalesce(c.why, 'failed'), '; ' "
      "    ORDER BY c.chunk_no) FILTER (WHERE c.eff = 'error'), '') AS failures "
      "FROM onshi_bulk_batch b LEFT JOIN c ON c.batch_id = b.batch_id "
      "WHERE ($1 = 0 OR b.hospnum = $1) AND ($2 = '' OR b.day = $2) "
      "GROUP BY b.batch_id ORDER BY b.batch_id DESC LIMIT $3",
      {hospnum, day, limit});
  std::vector<BatchCounts> out;
  for (int i = 0; i < r.rows(); ++i) {
    auto n = [&](const char* name) { return static_cast<int>(r.integer(i, r.column(name))); };
    auto text = [&](const char* name) { return r.text(i, r.column(name)); };
    BatchCounts b;
    b.batch_id = r.integer(i, r.column("batch_id"));
    b.hospnum = n("hospnum");
    b.day = text("day");
    b.trigger = text("trigger");
    b.flow = text("flow");
    b.criteria = r.optional(i, r.column("criteria"));
    b.created_at = text("created_at");
    b.chunks = n("chunks");
    b.patients = n("patients");
    b.units = n("units");
    b.valid = n("valid");
    b.invalid = n("invalid");
    b.errors = n("errors");
    b.failed_patients = n("failed_patients");
    b.open_patients = n("open_patients");
    b.polls = n("polls");
    b.skipped = n("skipped");
    b.failed_chunks = n("failed_chunks");
    b.open_chunks = n("open_chunks");
    b.waiting_chunks = n("waiting_chunks");
    b.failures = text("failures");
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace onshi::store
