// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/reference_numbers.h"

#include "db/connection.h"

namespace onshi::store {

std::string reference_number_source(db::Connection& conn, int hospnum) {
  db::Result f = conn.exec_prepared(
      "SELECT reference_number_source FROM onshi_facility WHERE hospnum = $1::integer", {hospnum});
  return f.rows() ? f.text(0, 0) : std::string("ptnum");
}

std::optional<std::string> lock_reference_number_state(db::Connection& conn, int hospnum,
                                                       long long ptid) {
  db::Result existing = conn.exec(
      "SELECT state FROM onshi_reference_number WHERE hospnum = $1 AND ptid = $2 FOR UPDATE",
      {hospnum, ptid});
  if (existing.rows() != 1) return std::nullopt;
  return existing.text(0, existing.column("state"));
}

bool reference_number_held_by_other(db::Connection& conn, int hospnum, const std::string& ref,
                                    long long ptid) {
  return conn.exec(
                 "SELECT 1 FROM onshi_reference_number WHERE hospnum = $1 AND "
                 "reference_number = $2 AND ptid <> $3 AND state <> 'deleted'",
                 {hospnum, ref, ptid})
             .rows() > 0;
}

void mark_reference_number_pending(db::Connection& conn, int hospnum, long long ptid,
                                   const std::string& ref, long long job_id) {
  conn.exec(
      "INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state, job_id) "
      "VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (hospnum, ptid) DO UPDATE SET "
      "state = 'pending', reference_number = EXCLUDED.reference_number, "
      "job_id = EXCLUDED.job_id, error = NULL, updated_at = now()",
      {hospnum, ptid, ref, job_id});
}

void record_registration_answer(db::Connection& conn, int hospnum, const std::string& ref,
                                std::optional<long long> job_id, const std::string& state,
                                const std::optional<std::string>& error) {
  conn.exec(
      "UPDATE onshi_reference_number SET state = $4, error = $5, updated_at = now(), "
      "registered_at = CASE WHEN $4 = 'registered' THEN now() ELSE registered_at END, "
      "job_id = coalesce($3, job_id) "
      "WHERE hospnum = $1 AND ($4 = 'registered' OR state <> 'registered') "
      "  AND CASE WHEN $3::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM "
      "  onshi_reference_number y WHERE y.hospnum = $1 AND y.job_id = $3::bigint) "
      "  THEN job_id = $3::bigint ELSE reference_number = $2 END",
      {hospnum, ref, job_id ? db::Param(*job_id) : db::Param(), state, error});
}

namespace {

constexpr const char* kChangeColumns =
    "change_id, hospnum, ptid, hknid, action, old_number, new_number, insurer_number, "
    "coalesce(card_symbol, '') AS card_symbol, card_number, "
    "coalesce(branch_number, '') AS branch_number, state, job_id, error, requested_by, "
    "to_char(created_at, 'YYYY-MM-DD HH24:MI:SS') AS created, "
    "to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') AS updated ";

std::vector<ReferenceChange> changes_at(const db::Result& r) {
  std::vector<ReferenceChange> out;
  for (int i = 0; i < r.rows(); ++i) {
    ReferenceChange c;
    c.change_id = r.integer(i, r.column("change_id"));
    c.hospnum = static_cast<int>(r.integer(i, r.column("hospnum")));
    if (!r.is_null(i, r.column("ptid"))) c.ptid = r.integer(i, r.column("ptid"));
    if (!r.is_null(i, r.column("hknid")))
      c.hknid = static_cast<int>(r.integer(i, r.column("hknid")));
    c.action = r.text(i, r.column("action"));
    c.old_number = r.optional(i, r.column("old_number"));
    c.new_number = r.optional(i, r.column("new_number"));
    c.card = {r.text(i, r.column("insurer_number")), r.text(i, r.column("card_symbol")),
              r.text(i, r.column("card_number")), r.text(i, r.column("branch_number"))};
    c.state = r.text(i, r.column("state"));
    if (!r.is_null(i, r.column("job_id"))) c.job_id = r.integer(i, r.column("job_id"));
    c.error = r.optional(i, r.column("error"));
    c.requested_by = r.text(i, r.column("requested_by"));
    c.created_at = r.text(i, r.column("created"));
    c.updated_at = r.text(i, r.column("updated"));
    out.push_back(std::move(c));
  }
  return out;
}

db::Param opt_text(const std::string& v) {
  return v.empty() ? db::Param() : db::Param(v);
}

}  // namespace

std::optional<ReferenceNumberRow> reference_number_row(db::Connection& conn, int hospnum,
                                                       long long ptid) {
  db::Result r = conn.exec(
      "SELECT reference_number, state, error FROM onshi_reference_number WHERE hospnum = $1 "
      "AND ptid = $2",
      {hospnum, ptid});
  if (r.rows() == 0) return std::nullopt;
  return ReferenceNumberRow{r.text(0, r.column("reference_number")), r.text(0, r.column("state")),
                            r.optional(0, r.column("error"))};
}

bool has_open_change(db::Connection& conn, int hospnum, long long ptid) {
  return conn.exec(
                 "SELECT 1 FROM onshi_refnum_change WHERE hospnum = $1 AND ptid = $2 AND "
                 "state = 'pending'",
                 {hospnum, ptid})
             .rows() > 0;
}

long long insert_change(db::Connection& conn, const ReferenceChange& c) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_refnum_change (hospnum, ptid, hknid, action, old_number, new_number, "
      "insurer_number, card_symbol, card_number, branch_number, requested_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING change_id",
      {c.hospnum, c.ptid ? db::Param(*c.ptid) : db::Param(),
       c.hknid ? db::Param(*c.hknid) : db::Param(), c.action, c.old_number, c.new_number,
       c.card.insurer, opt_text(c.card.symbol), c.card.number, opt_text(c.card.branch),
       c.requested_by});
  return r.integer(0, r.column("change_id"));
}

void set_change_job(db::Connection& conn, long long change_id, long long job_id) {
  conn.exec("UPDATE onshi_refnum_change SET job_id = $2, updated_at = now() WHERE change_id = $1",
            {change_id, job_id});
}

std::optional<ReferenceChange> lock_change_of_job(db::Connection& conn, long long job_id) {
  auto v = changes_at(conn.exec(std::string("SELECT ") + kChangeColumns +
                                    "FROM onshi_refnum_change WHERE job_id = $1 FOR UPDATE",
                                {job_id}));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<ReferenceChange> lock_pending_changes_for(db::Connection& conn, int hospnum,
                                                      const CardKeys& card,
                                                      const std::string& number) {
  return changes_at(conn.exec(
      std::string("SELECT ") + kChangeColumns +
          "FROM onshi_refnum_change WHERE hospnum = $1 AND state = 'pending' "
          "AND insurer_number = $2 AND coalesce(card_symbol, '') = $3 AND card_number = $4 "
          "AND coalesce(branch_number, '') = $5 AND coalesce(new_number, '') = $6 "
          "ORDER BY change_id FOR UPDATE",
      {hospnum, card.insurer, card.symbol, card.number, card.branch, number}));
}

void fail_given_up_changes(db::Connection& conn, int hospnum) {
  conn.exec(
      "UPDATE onshi_refnum_change c SET state = 'failed', updated_at = now(), "
      "error = coalesce(j.last_error, 'request ' || j.state) FROM onshi_job j "
      "WHERE c.hospnum = $1 AND c.state = 'pending' AND j.job_id = c.job_id "
      "AND j.state IN ('failed', 'expired', 'cancelled')",
      {hospnum});
}

void finish_change(db::Connection& conn, long long change_id, const std::string& state,
                   const std::optional<std::string>& error, long long file_id) {
  conn.exec(
      "UPDATE onshi_refnum_change SET state = $2, error = $3, file_id = $4, updated_at = now() "
      "WHERE change_id = $1",
      {change_id, state, error, file_id ? db::Param(file_id) : db::Param()});
}

long long insert_unmatched_change(db::Connection& conn, int hospnum, const std::string& action,
                                  const std::optional<std::string>& number, const CardKeys& card,
                                  const std::string& error, long long file_id) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_refnum_change (hospnum, action, new_number, insurer_number, "
      "card_symbol, card_number, branch_number, state, error, file_id, requested_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, 'unmatched', $8, $9, 'terminal') RETURNING change_id",
      {hospnum, action, number, card.insurer, opt_text(card.symbol), card.number,
       opt_text(card.branch), error, file_id ? db::Param(file_id) : db::Param()});
  return r.integer(0, r.column("change_id"));
}

bool dismiss_change(db::Connection& conn, int hospnum, long long change_id,
                    const std::string& reason) {
  return conn.exec(
                 "UPDATE onshi_refnum_change SET state = 'dismissed', updated_at = now(), "
                 "error = coalesce(error || '; ', '') || 'dismissed: ' || $3 "
                 "WHERE hospnum = $1 AND change_id = $2 AND state IN ('unmatched', 'failed') "
                 "RETURNING 1",
                 {hospnum, change_id, reason})
             .rows() > 0;
}

std::vector<ReferenceChange> list_changes(db::Connection& conn, int hospnum, bool open_only,
                                          int limit) {
  return changes_at(
      conn.exec(std::string("SELECT ") + kChangeColumns +
                    "FROM onshi_refnum_change WHERE hospnum = $1 AND (NOT $2::boolean OR state IN "
                    "('pending', 'unmatched', 'failed')) ORDER BY change_id DESC LIMIT $3",
                {hospnum, open_only, limit}));
}

std::optional<ReferenceChange> latest_change(db::Connection& conn, int hospnum, long long ptid) {
  auto v = changes_at(conn.exec(std::string("SELECT ") + kChangeColumns +
                                    "FROM onshi_refnum_change WHERE hospnum = $1 AND ptid = $2 "
                                    "ORDER BY change_id DESC LIMIT 1",
                                {hospnum, ptid}));
  if (v.empty()) return std::nullopt;
  return v.front();
}

void number_registered(db::Connection& conn, int hospnum, long long ptid, const std::string& number,
                       std::optional<long long> job_id) {
  conn.exec(
      "INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state, job_id, "
      "registered_at) VALUES ($1, $2, $3, 'registered', $4, now()) "
      "ON CONFLICT (hospnum, ptid) DO UPDATE SET reference_number = EXCLUDED.reference_number, "
      "state = 'registered', error = NULL, job_id = coalesce(EXCLUDED.job_id, "
      "onshi_reference_number.job_id), registered_at = now(), updated_at = now()",
      {hospnum, ptid, number, job_id ? db::Param(*job_id) : db::Param()});
}

void number_deleted(db::Connection& conn, int hospnum, long long ptid,
                    std::optional<long long> job_id) {
  conn.exec(
      "UPDATE onshi_reference_number SET state = 'deleted', error = NULL, updated_at = now(), "
      "job_id = coalesce($3, job_id) WHERE hospnum = $1 AND ptid = $2",
      {hospnum, ptid, job_id ? db::Param(*job_id) : db::Param()});
}

void lock_facility_for_run(db::Connection& conn, int hospnum) {
  conn.exec("SELECT 1 FROM onshi_facility WHERE hospnum = $1 FOR UPDATE", {hospnum});
}

bool run_is_running(db::Connection& conn, int hospnum) {
  return conn.exec("SELECT run_id FROM onshi_refnum_run WHERE hospnum = $1 AND state = 'running'",
                   {hospnum})
             .rows() > 0;
}

long long insert_run(db::Connection& conn, int hospnum, int chunk_size, const std::string& by) {
  db::Result run = conn.exec(
      "INSERT INTO onshi_refnum_run (hospnum, chunk_size, started_by) VALUES ($1, $2, $3) "
      "RETURNING run_id",
      {hospnum, chunk_size, by});
  return run.integer(0, run.column("run_id"));
}

std::optional<RunningRun> lock_running_run(db::Connection& conn, int hospnum) {
  db::Result run = conn.exec(
      "SELECT run_id, started_by FROM onshi_refnum_run WHERE hospnum = $1 AND state = 'running' "
      "FOR UPDATE",
      {hospnum});
  if (run.rows() == 0) return std::nullopt;
  return RunningRun{run.integer(0, run.column("run_id")), run.text(0, run.column("started_by"))};
}

void touch_run(db::Connection& conn, long long run_id) {
  conn.exec("UPDATE onshi_refnum_run SET updated_at = now() WHERE run_id = $1", {run_id});
}

void finish_run(db::Connection& conn, long long run_id) {
  conn.exec(
      "UPDATE onshi_refnum_run SET state = 'done', finished_at = now(), updated_at = now() "
      "WHERE run_id = $1",
      {run_id});
}

std::vector<std::pair<int, std::string>> stuck_chunks(db::Connection& conn, long long run_id) {
  db::Result stuck = conn.exec(
      "SELECT c.chunk_no, coalesce(j.last_error, 'request ' || j.state) AS reason "
      "FROM onshi_refnum_chunk c "
      "JOIN onshi_job j ON j.job_id = CASE WHEN c.state = 'uploading' THEN c.upload_job_id "
      "  ELSE c.download_job_id END "
      "WHERE c.run_id = $1 AND c.state IN ('uploading', 'processing') "
      "  AND j.state IN ('failed', 'expired', 'cancelled')",
      {run_id});
  std::vector<std::pair<int, std::string>> out;
  const int c_no = stuck.column("chunk_no"), c_reason = stuck.column("reason");
  for (int i = 0; i < stuck.rows(); ++i)
    out.emplace_back(static_cast<int>(stuck.integer(i, c_no)), stuck.text(i, c_reason));
  return out;
}

bool run_has_busy_chunk(db::Connection& conn, long long run_id) {
  return conn.exec(
                 "SELECT 1 FROM onshi_refnum_chunk WHERE run_id = $1 AND state IN ('uploading', "
                 "'processing') LIMIT 1",
                 {run_id})
             .rows() > 0;
}

std::optional<int> next_pending_chunk(db::Connection& conn, long long run_id) {
  db::Result next = conn.exec(
      "SELECT chunk_no FROM onshi_refnum_chunk WHERE run_id = $1 AND state = 'pending' "
      "ORDER BY chunk_no LIMIT 1",
      {run_id});
  if (next.rows() == 0) return std::nullopt;
  return static_cast<int>(next.integer(0, next.column("chunk_no")));
}

void refuse_chunk(db::Connection& conn, long long run_id, int chunk_no, const std::string& why) {
  conn.exec(
      "WITH e AS (UPDATE onshi_refnum_entry SET state = 'failed', error = $3 "
      "  WHERE run_id = $1 AND chunk_no = $2 AND state = 'pending' "
      "  RETURNING hospnum, ptid, reference_number), "
      "r AS (UPDATE onshi_reference_number x SET state = 'failed', error = $3, updated_at = now() "
      "  FROM e WHERE x.hospnum = e.hospnum AND x.ptid = e.ptid AND x.state = 'pending' "
      "  AND x.reference_number = e.reference_number RETURNING 1) "
      "UPDATE onshi_refnum_chunk c SET state = 'failed', error = $3, updated_at = now(), "
      "  registered = (SELECT count(*) FROM onshi_refnum_entry WHERE run_id = $1 AND chunk_no = $2 "
      "                AND state = 'registered'), "
      "  refused = (SELECT count(*) FROM onshi_refnum_entry WHERE run_id = $1 AND chunk_no = $2 "
      "             AND state <> 'registered') "
      "WHERE c.run_id = $1 AND c.chunk_no = $2",
      {run_id, chunk_no, why});
}

int choose_chunk_entries(db::Connection& conn, long long run_id, int chunk_no) {
  // Re-checked against our own rows when the chunk is sent (the run may be days old): a patient
  // with a change in flight, a number deleted on staff request, another number registered or
  // pending, or the number held by another patient's row is not sent (a wrong number on a card
  // is worse than none). The others get their position in the upload.
  db::Result r = conn.exec(
      "WITH why AS (SELECT e.seq, CASE "
      "  WHEN EXISTS (SELECT 1 FROM onshi_refnum_change c WHERE c.hospnum = e.hospnum "
      "    AND c.ptid = e.ptid AND c.state = 'pending') "
      "    THEN 'not sent: a change of the patient''s number waits for its answer' "
      "  WHEN x.state = 'deleted' "
      "    THEN 'not sent: the patient''s number was deleted on staff request' "
      "  WHEN x.state IN ('registered', 'pending') AND x.reference_number <> e.reference_number "
      "    THEN 'not sent: the patient has another number now' "
      "  WHEN EXISTS (SELECT 1 FROM onshi_reference_number o WHERE o.hospnum = e.hospnum "
      "    AND o.reference_number = e.reference_number AND o.ptid <> e.ptid "
      "    AND o.state <> 'deleted') "
      "    THEN 'not sent: another patient''s row holds this number' END AS reason "
      "  FROM onshi_refnum_entry e LEFT JOIN onshi_reference_number x "
      "    ON x.hospnum = e.hospnum AND x.ptid = e.ptid "
      "  WHERE e.run_id = $1 AND e.chunk_no = $2 AND e.state = 'pending'), "
      "skipped AS (UPDATE onshi_refnum_entry e SET state = 'failed', error = why.reason "
      "  FROM why WHERE e.run_id = $1 AND e.chunk_no = $2 AND e.seq = why.seq "
      "  AND why.reason IS NOT NULL RETURNING 1), "
      "sent AS (UPDATE onshi_refnum_entry e SET sent_seq = n.pos FROM (SELECT seq, "
      "  row_number() OVER (ORDER BY seq) AS pos FROM why WHERE reason IS NULL) n "
      "  WHERE e.run_id = $1 AND e.chunk_no = $2 AND e.seq = n.seq RETURNING 1) "
      "SELECT (SELECT count(*) FROM sent) AS sent, (SELECT count(*) FROM skipped) AS skipped",
      {run_id, chunk_no});
  return static_cast<int>(r.integer(0, r.column("sent")));
}

void chunk_uploading(db::Connection& conn, long long run_id, int chunk_no, long long job_id) {
  conn.exec(
      "UPDATE onshi_refnum_chunk SET state = 'uploading', upload_job_id = $3, updated_at = now() "
      "WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no, job_id});
  // One row per patient (a patient's cards carry the same number).
  conn.exec(
      "INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state, job_id) "
      "SELECT DISTINCT ON (e.ptid) e.hospnum, e.ptid, e.reference_number, 'pending', $3 "
      "FROM onshi_refnum_entry e WHERE e.run_id = $1 AND e.chunk_no = $2 "
      "AND e.state = 'pending' AND e.sent_seq IS NOT NULL ORDER BY e.ptid, e.seq "
      "ON CONFLICT (hospnum, ptid) DO UPDATE SET state = 'pending', "
      "reference_number = EXCLUDED.reference_number, job_id = EXCLUDED.job_id, error = NULL, "
      "updated_at = now() WHERE onshi_reference_number.state NOT IN ('registered', 'deleted')",
      {run_id, chunk_no, job_id});
}

std::optional<std::pair<long long, int>> lock_chunk_of(db::Connection& conn, int hospnum,
                                                       const char* job_column, long long job_id,
                                                       const std::string& reception_number) {
  db::Result r = conn.exec(
      std::string("SELECT run_id, chunk_no FROM onshi_refnum_chunk WHERE hospnum = $1 AND (") +
          job_column +
          " = $2 OR (reception_number IS NOT NULL AND reception_number = $3)) "
          "ORDER BY (" +
          job_column + " = $2) DESC NULLS LAST LIMIT 1 FOR UPDATE",
      {hospnum, job_id, reception_number});
  if (r.rows() == 0) return std::nullopt;
  return std::make_pair(static_cast<long long>(r.integer(0, r.column("run_id"))),
                        static_cast<int>(r.integer(0, r.column("chunk_no"))));
}

RefnumChunk refnum_chunk(db::Connection& conn, long long run_id, int chunk_no) {
  db::Result state = conn.exec(
      "SELECT state, polls, download_job_id, reception_number FROM onshi_refnum_chunk "
      "WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no});
  RefnumChunk c;
  c.state = state.text(0, state.column("state"));
  c.polls = static_cast<int>(state.integer(0, state.column("polls")));
  if (!state.is_null(0, state.column("download_job_id")))
    c.download_job_id = state.integer(0, state.column("download_job_id"));
  c.reception_number = state.text(0, state.column("reception_number"));
  return c;
}

void chunk_processing(db::Connection& conn, long long run_id, int chunk_no,
                      const std::string& reception_number, long long download_job_id) {
  conn.exec(
      "UPDATE onshi_refnum_chunk SET state = 'processing', reception_number = $3, "
      "download_job_id = $4, updated_at = now() WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no, reception_number, download_job_id});
}

void next_refnum_poll(db::Connection& conn, long long run_id, int chunk_no, int polls,
                      long long download_job_id) {
  conn.exec(
      "UPDATE onshi_refnum_chunk SET polls = $3, download_job_id = $4, updated_at = now() "
      "WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no, polls, download_job_id});
}

void record_unit_answer(db::Connection& conn, long long run_id, int chunk_no,
                        const std::string& ref, const std::optional<CardKeys>& card,
                        const std::string& state, const std::optional<std::string>& error,
                        int seq) {
  // Several cards of one patient carry the same number: with an echo, the number and the card
  // name the entry; exactly one pending entry or none is changed (LIMIT would pick one of many).
  conn.exec(
      "WITH m AS (SELECT seq FROM onshi_refnum_entry WHERE run_id = $1 AND chunk_no = $2 "
      "  AND state = 'pending' AND CASE WHEN $7::boolean THEN reference_number = $3 "
      "  AND insurer_number = $8 AND coalesce(card_symbol, '') = $9 AND card_number = $10 "
      "  AND coalesce(branch_number, '') = $11 ELSE sent_seq = $6 END), "
      "e AS (UPDATE onshi_refnum_entry SET state = $4, error = $5 "
      "  WHERE run_id = $1 AND chunk_no = $2 AND seq = (SELECT seq FROM m) "
      "  AND (SELECT count(*) FROM m) = 1 "
      "  RETURNING hospnum, ptid, reference_number) "
      "UPDATE onshi_reference_number x SET state = $4, error = $5, updated_at = now(), "
      "  registered_at = CASE WHEN $4 = 'registered' THEN now() ELSE x.registered_at END "
      "FROM e WHERE x.hospnum = e.hospnum AND x.ptid = e.ptid "
      "  AND x.reference_number = e.reference_number AND x.state NOT IN ('registered', 'deleted')",
      {run_id, chunk_no, ref, state, error, seq, card.has_value(), card ? card->insurer : "",
       card ? card->symbol : "", card ? card->number : "", card ? card->branch : ""});
}

void finish_refnum_chunk(db::Connection& conn, long long run_id, int chunk_no) {
  conn.exec(
      "UPDATE onshi_refnum_chunk SET state = 'done', error = CASE WHEN EXISTS (SELECT 1 FROM "
      "  onshi_refnum_entry WHERE run_id = $1 AND chunk_no = $2 AND error = "
      "  'not in the final result') THEN error END WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no});
}

std::vector<RefnumCard> cards_of_upload_job(db::Connection& conn, long long job_id) {
  db::Result e = conn.exec(
      "SELECT e.reference_number, e.insurer_number, e.card_symbol, e.card_number, "
      "e.branch_number FROM onshi_job j JOIN onshi_refnum_entry e ON "
      "e.run_id = (j.payload->>'run_id')::bigint AND e.chunk_no = "
      "(j.payload->>'chunk_no')::integer WHERE j.job_id = $1 AND e.sent_seq IS NOT NULL "
      "ORDER BY e.sent_seq",
      {job_id});
  std::vector<RefnumCard> out;
  const int c_ref = e.column("reference_number"), c_insurer = e.column("insurer_number"),
            c_symbol = e.column("card_symbol"), c_number = e.column("card_number"),
            c_branch = e.column("branch_number");
  for (int i = 0; i < e.rows(); ++i)
    out.push_back({e.text(i, c_ref), e.text(i, c_insurer), e.optional(i, c_symbol),
                   e.text(i, c_number), e.optional(i, c_branch)});
  return out;
}

std::optional<RunStatus> run_status(db::Connection& conn, int hospnum) {
  db::Result run = conn.exec(
      "SELECT run_id, state, total FROM onshi_refnum_run WHERE hospnum = $1 "
      "ORDER BY (state = 'running') DESC, run_id DESC LIMIT 1",
      {hospnum});
  if (run.rows() == 0) return std::nullopt;
  RunStatus s;
  s.run_id = run.integer(0, run.column("run_id"));
  s.state = run.text(0, run.column("state"));
  s.total = static_cast<int>(run.integer(0, run.column("total")));
  db::Result counts = conn.exec(
      "SELECT count(*) FILTER (WHERE state = 'registered') AS registered, "
      "count(*) FILTER (WHERE state = 'failed') AS refused, "
      "count(*) FILTER (WHERE state = 'pending') AS pending FROM onshi_refnum_entry "
      "WHERE run_id = $1",
      {s.run_id});
  s.registered = static_cast<int>(counts.integer(0, counts.column("registered")));
  s.refused = static_cast<int>(counts.integer(0, counts.column("refused")));
  s.pending = static_cast<int>(counts.integer(0, counts.column("pending")));
  db::Result chunks = conn.exec(
      "SELECT count(*) AS chunks, count(*) FILTER (WHERE state IN ('done', 'failed')) AS done "
      "FROM onshi_refnum_chunk WHERE run_id = $1",
      {s.run_id});
  s.chunks = static_cast<int>(chunks.integer(0, chunks.column("chunks")));
  s.chunks_done = static_cast<int>(chunks.integer(0, chunks.column("done")));
  db::Result cur = conn.exec(
      "SELECT chunk_no, state, polls FROM onshi_refnum_chunk WHERE run_id = $1 "
      "AND state IN ('uploading', 'processing') ORDER BY chunk_no LIMIT 1",
      {s.run_id});
  if (cur.rows() > 0) {
    s.current_chunk = static_cast<int>(cur.integer(0, cur.column("chunk_no")));
    s.current_state = cur.text(0, cur.column("state"));
    s.current_polls = static_cast<int>(cur.integer(0, cur.column("polls")));
  }
  db::Result reasons = conn.exec(
      "SELECT coalesce(error, '(no reason)') AS reason, count(*) AS cards FROM onshi_refnum_entry "
      "WHERE run_id = $1 AND state = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
      {s.run_id});
  const int c_reason = reasons.column("reason"), c_cards = reasons.column("cards");
  for (int i = 0; i < reasons.rows(); ++i)
    s.reasons.emplace_back(reasons.text(i, c_reason),
                           static_cast<int>(reasons.integer(i, c_cards)));
  return s;
}

}  // namespace onshi::store
