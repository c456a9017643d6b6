// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/requests.h"
#include "exchange/reference_numbers.h"

#include <algorithm>
#include <stdexcept>

#include "common/clock.h"
#include "common/error.h"
#include "db/connection.h"
#include "db/transaction.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "host/reference_numbers.h"
#include "model/messages.h"

namespace onshi::exchange {
namespace {

using model::MessageKind;

/// Text of a failed answer: code and message (either may be missing).
std::string reason(const model::Text& code, const model::Text& message) {
  std::string r = model::text_or_empty(code);
  if (!model::text_or_empty(message).empty()) r += (r.empty() ? "" : " ") + model::text_or_empty(message);
  return r.empty() ? std::string("refused without a reason") : r;
}

/// Reason of a file-level failure (SegmentOfResult not 1).
std::string file_failure(const model::Document& doc) {
  return "SegmentOfResult " + model::text_or_empty(doc.header.SegmentOfResult) + ": " +
         reason(doc.header.ErrorCode, doc.header.ErrorMessage);
}

/// Builds the registration info of one card from text columns (insurer, symbol, number, branch).
model::ReferenceNumberRegistrationInfo card_info(const std::string& ref, const std::string& insurer,
                                                 const std::optional<std::string>& symbol,
                                                 const std::string& number,
                                                 const std::optional<std::string>& branch) {
  model::ReferenceNumberRegistrationInfo info;
  info.ReferenceNumber = ref;
  info.InsurerNumber = insurer;  // the writer pads a 6-digit number (decision 5)
  if (symbol && !symbol->empty()) info.InsuredCardSymbol = *symbol;
  info.InsuredIdentificationNumber = number;
  if (branch && !branch->empty()) info.InsuredBranchNumber = *branch;  // never invented
  return info;
}

/// Seconds until the next download poll after `polls` "still processing" answers.
long long poll_delay(int polls) {
  return std::min(30, 2 * (polls + 1));
}

/// Marks the cards of a chunk that are still pending as refused with `why`.
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

/// Queues the upload of a chunk and marks its patients' numbers pending.
void send_chunk(db::Connection& conn, int hospnum, long long run_id, int chunk_no,
                const std::string& by) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, requested_by) "
      "VALUES ($1, 'OQSmuimm01req', jsonb_build_object('run_id', $2::bigint, 'chunk_no', "
      "$3::integer), $4) RETURNING job_id",
      {hospnum, run_id, chunk_no, by});
  const long long job = j.integer(0, 0);
  conn.exec(
      "UPDATE onshi_refnum_chunk SET state = 'uploading', upload_job_id = $3, updated_at = now() "
      "WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no, job});
  conn.exec(
      "INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state, job_id) "
      "SELECT e.hospnum, e.ptid, e.reference_number, 'pending', $3 FROM onshi_refnum_entry e "
      "WHERE e.run_id = $1 AND e.chunk_no = $2 AND NOT EXISTS (SELECT 1 FROM "
      "  onshi_reference_number o WHERE o.hospnum = e.hospnum AND o.reference_number = "
      "  e.reference_number AND o.ptid <> e.ptid) "
      "ON CONFLICT (hospnum, ptid) DO UPDATE SET state = 'pending', "
      "reference_number = EXCLUDED.reference_number, job_id = EXCLUDED.job_id, error = NULL, "
      "updated_at = now() WHERE onshi_reference_number.state <> 'registered'",
      {run_id, chunk_no, job});
}

/// One step of a running run, inside the caller's transaction (run row locked here).
void advance_locked(db::Connection& conn, int hospnum) {
  db::Result run = conn.exec(
      "SELECT run_id, started_by FROM onshi_refnum_run WHERE hospnum = $1 AND state = 'running' "
      "FOR UPDATE",
      {hospnum});
  if (run.rows() == 0) return;
  const long long run_id = run.integer(0, 0);
  const std::string by = run.text(0, 1);
  // A chunk whose current job gave up (no answer, .err file, expired) fails with its reason.
  db::Result stuck = conn.exec(
      "SELECT c.chunk_no, coalesce(j.last_error, 'request ' || j.state) FROM onshi_refnum_chunk c "
      "JOIN onshi_job j ON j.job_id = CASE WHEN c.state = 'uploading' THEN c.upload_job_id "
      "  ELSE c.download_job_id END "
      "WHERE c.run_id = $1 AND c.state IN ('uploading', 'processing') "
      "  AND j.state IN ('failed', 'expired', 'cancelled')",
      {run_id});
  for (int i = 0; i < stuck.rows(); ++i)
    refuse_chunk(conn, run_id, static_cast<int>(stuck.integer(i, 0)), stuck.text(i, 1));
  db::Result busy = conn.exec(
      "SELECT 1 FROM onshi_refnum_chunk WHERE run_id = $1 AND state IN ('uploading', "
      "'processing') LIMIT 1",
      {run_id});
  if (busy.rows() > 0) return;
  db::Result next = conn.exec(
      "SELECT chunk_no FROM onshi_refnum_chunk WHERE run_id = $1 AND state = 'pending' "
      "ORDER BY chunk_no LIMIT 1",
      {run_id});
  if (next.rows() > 0) {
    send_chunk(conn, hospnum, run_id, static_cast<int>(next.integer(0, 0)), by);
    conn.exec("UPDATE onshi_refnum_run SET updated_at = now() WHERE run_id = $1", {run_id});
    return;
  }
  conn.exec(
      "UPDATE onshi_refnum_run SET state = 'done', finished_at = now(), updated_at = now() "
      "WHERE run_id = $1",
      {run_id});
}

std::optional<BulkRegistrationStatus> status_of(db::Connection& conn, int hospnum) {
  db::Result run = conn.exec(
      "SELECT run_id, state, total FROM onshi_refnum_run WHERE hospnum = $1 "
      "ORDER BY (state = 'running') DESC, run_id DESC LIMIT 1",
      {hospnum});
  if (run.rows() == 0) return std::nullopt;
  BulkRegistrationStatus s;
  s.run_id = run.integer(0, 0);
  s.state = run.text(0, 1);
  s.total = static_cast<int>(run.integer(0, 2));
  db::Result counts = conn.exec(
      "SELECT count(*) FILTER (WHERE state = 'registered'), count(*) FILTER (WHERE state = "
      "'failed'), count(*) FILTER (WHERE state = 'pending') FROM onshi_refnum_entry "
      "WHERE run_id = $1",
      {s.run_id});
  s.registered = static_cast<int>(counts.integer(0, 0));
  s.refused = static_cast<int>(counts.integer(0, 1));
  s.pending = static_cast<int>(counts.integer(0, 2));
  db::Result chunks = conn.exec(
      "SELECT count(*), count(*) FILTER (WHERE state IN ('done', 'failed')) "
      "FROM onshi_refnum_chunk WHERE run_id = $1",
      {s.run_id});
  s.chunks = static_cast<int>(chunks.integer(0, 0));
  s.chunks_done = static_cast<int>(chunks.integer(0, 1));
  db::Result cur = conn.exec(
      "SELECT chunk_no, state, polls FROM onshi_refnum_chunk WHERE run_id = $1 "
      "AND state IN ('uploading', 'processing') ORDER BY chunk_no LIMIT 1",
      {s.run_id});
  if (cur.rows() > 0) {
    s.current = "chunk " + cur.text(0, 0) + "/" + std::to_string(s.chunks) +
                (cur.text(0, 1) == "uploading"
                     ? std::string(" uploading")
                     : " waiting for the result (" + cur.text(0, 2) + " polls)");
  }
  db::Result reasons = conn.exec(
      "SELECT coalesce(error, '(no reason)'), count(*) FROM onshi_refnum_entry "
      "WHERE run_id = $1 AND state = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
      {s.run_id});
  for (int i = 0; i < reasons.rows(); ++i)
    s.reasons.emplace_back(reasons.text(i, 0), static_cast<int>(reasons.integer(i, 1)));
  return s;
}

/// The chunk a bulk answer belongs to: run_id, chunk_no (by its job, else reception number).
std::optional<std::pair<long long, int>> chunk_of(db::Connection& conn, int hospnum,
                                                  const char* job_column, long long job_id,
                                                  const std::string& reception_number) {
  db::Result r = conn.exec(
      std::string("SELECT run_id, chunk_no FROM onshi_refnum_chunk WHERE hospnum = $1 AND (") +
          job_column + " = $2 OR (reception_number IS NOT NULL AND reception_number = $3)) "
          "ORDER BY (" + job_column + " = $2) DESC NULLS LAST LIMIT 1 FOR UPDATE",
      {hospnum, job_id, reception_number});
  if (r.rows() == 0) return std::nullopt;
  return std::make_pair(static_cast<long long>(r.integer(0, 0)), static_cast<int>(r.integer(0, 1)));
}

}  // namespace

std::optional<std::string> reference_number_for(db::Connection& conn, int hospnum, long long ptid) {
  const std::optional<std::string> value =
      host::reference_number_source_value(conn, hospnum, ptid);
  if (!value) return std::nullopt;
  std::string ref = *value;
  if (ref.empty() || ref.size() > 50) return std::nullopt;
  return ref;
}

long long queue_reference_registration(db::Connection& conn, int hospnum, long long ptid,
                                       long long confirmation_id, const std::string& requested_by) {
  const std::optional<std::string> test = host::test_patient_flag(conn, hospnum, ptid);
  if (!test || *test == "1") return 0;
  const std::optional<std::string> ref = reference_number_for(conn, hospnum, ptid);
  if (!ref) return 0;
  db::Result existing = conn.exec(
      "SELECT state FROM onshi_reference_number WHERE hospnum = $1 AND ptid = $2 FOR UPDATE",
      {hospnum, ptid});
  if (existing.rows() == 1 && existing.text(0, 0) != "failed") return 0;
  // Another patient holding this number (a stale row): leave it to staff.
  if (conn.exec("SELECT 1 FROM onshi_reference_number WHERE hospnum = $1 AND "
                "reference_number = $2 AND ptid <> $3",
                {hospnum, *ref, ptid})
          .rows() > 0)
    return 0;
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, ptid, payload, requested_by) "
      "VALUES ($1, 'OQSsiimm01req', $2, jsonb_build_object('reference_number', $3::text, "
      "'ptnum', $6::text, "
      "'confirmation_id', $4::bigint), $5) RETURNING job_id",
      {hospnum, ptid, *ref, confirmation_id ? db::Param(confirmation_id) : db::Param(),
       requested_by, host::patient_number(conn, hospnum, ptid)});
  const long long job = j.integer(0, 0);
  conn.exec(
      "INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state, job_id) "
      "VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (hospnum, ptid) DO UPDATE SET "
      "state = 'pending', reference_number = EXCLUDED.reference_number, "
      "job_id = EXCLUDED.job_id, error = NULL, updated_at = now()",
      {hospnum, ptid, *ref, job});
  return job;
}

std::string build_reference_request(db::Connection& conn, const db::FacilitySettings& f,
                                    MessageKind kind, long long job_id, const std::string& key) {
  model::Document doc = model::Document::make(kind);
  doc.encoding = request_encoding(f);
  doc.header.MedicalInstitutionCode = f.institution_code;
  doc.header.ArbitraryFileIdentifier = key;
  if (kind == MessageKind::OQSsiimm01req) {
    db::Result j = conn.exec(
        "SELECT j.ptid, j.payload->>'reference_number', "
        "  (SELECT coverage_id FROM onshi_confirmation c WHERE c.confirmation_id = "
        "   (j.payload->>'confirmation_id')::bigint AND c.ptid = j.ptid) "
        "FROM onshi_job j WHERE j.job_id = $1",
        {job_id});
    if (j.rows() == 0 || j.is_null(0, 0) || j.is_null(0, 1))
      throw Error("the registration job names no patient or number");
    const long long ptid = j.integer(0, 0);
    const std::string ref = j.text(0, 1);
    // The insurance the result matched, else the patient's current insurance.
    host::CurrentInsuranceQuery q;
    q.require_number = true;
    if (!j.is_null(0, 2)) q.prefer_hknid = static_cast<int>(j.integer(0, 2));
    const std::optional<host::Insurance> h = host::current_insurance(conn, f.hospnum, ptid, q);
    if (!h) throw Error("the patient has no current insurance to register with");
    doc.as<model::ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo =
        card_info(ref, h->insurer, h->symbol, h->number, h->branch);
  } else if (kind == MessageKind::OQSmuimm01req) {
    db::Result e = conn.exec(
        "SELECT e.reference_number, e.insurer_number, e.card_symbol, e.card_number, "
        "e.branch_number FROM onshi_job j JOIN onshi_refnum_entry e ON "
        "e.run_id = (j.payload->>'run_id')::bigint AND e.chunk_no = "
        "(j.payload->>'chunk_no')::integer WHERE j.job_id = $1 ORDER BY e.seq",
        {job_id});
    if (e.rows() == 0) throw Error("the bulk registration chunk has no cards");
    auto& infos =
        doc.as<model::BulkReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo;
    for (int i = 0; i < e.rows(); ++i)
      infos.push_back(
          card_info(e.text(i, 0), e.text(i, 1), e.optional(i, 2), e.text(i, 3), e.optional(i, 4)));
  } else if (kind == MessageKind::OQSmuimm02req) {
    db::Result r = conn.exec("SELECT payload->>'reception_number' FROM onshi_job WHERE job_id = $1",
                             {job_id});
    if (r.rows() == 0 || r.is_null(0, 0)) throw Error("the download job has no reception number");
    doc.as<model::ReceptionBody>().ReceptionNumber = r.text(0, 0);
  } else {
    throw Error(std::string("not a reference-number request kind: ") + model::kind_name(kind));
  }
  return encode_request_document(doc, f);
}

void store_reference_registration(db::Connection& conn, const db::FacilitySettings& facility,
                                  const model::Document& doc, long long job_id) {
  const auto& body = doc.as<model::ReferenceRegistrationResultBody>();
  const std::string ref =
      body.ReferenceNumberRegistrationInfo
          ? model::text_or_empty(body.ReferenceNumberRegistrationInfo->ReferenceNumber)
          : std::string();
  const bool segment_ok = model::text_or_empty(doc.header.SegmentOfResult) == "1";
  const bool ok = segment_ok && model::text_or_empty(body.ProcessingResultStatus) == "1";
  const std::string error =
      ok ? std::string()
         : segment_ok ? reason(body.ProcessingResultCode, body.ProcessingResultMessage)
                      : file_failure(doc);
  // The row of the job this answers; else (foreign or late answer) the row with this number.
  conn.exec(
      "UPDATE onshi_reference_number SET state = $4, error = $5, updated_at = now(), "
      "registered_at = CASE WHEN $4 = 'registered' THEN now() ELSE registered_at END, "
      "job_id = coalesce($3, job_id) "
      "WHERE hospnum = $1 AND ($4 = 'registered' OR state <> 'registered') "
      "  AND CASE WHEN $3::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM "
      "  onshi_reference_number y WHERE y.hospnum = $1 AND y.job_id = $3::bigint) "
      "  THEN job_id = $3::bigint ELSE reference_number = $2 END",
      {facility.hospnum, ref, job_id ? db::Param(job_id) : db::Param(),
       ok ? "registered" : "failed", ok ? db::Param() : db::Param(error)});
}

void store_bulk_registration_upload(db::Connection& conn, const db::FacilitySettings& facility,
                                    const model::Document& doc, long long job_id) {
  const auto& body = doc.as<model::ReceptionBody>();
  const auto chunk = chunk_of(conn, facility.hospnum, "upload_job_id", job_id, "");
  if (!chunk) return;  // not one of our runs: kept as a received file only
  const auto [run_id, chunk_no] = *chunk;
  db::Result state = conn.exec(
      "SELECT state FROM onshi_refnum_chunk WHERE run_id = $1 AND chunk_no = $2", {run_id, chunk_no});
  if (state.text(0, 0) != "uploading") return;  // a late duplicate answer
  if (model::text_or_empty(doc.header.SegmentOfResult) != "1") {
    refuse_chunk(conn, run_id, chunk_no, "upload refused: " + file_failure(doc));
  } else if (model::text_or_empty(body.ProcessingResultStatus) == "2" || model::text_or_empty(body.ReceptionNumber).empty()) {
    refuse_chunk(conn, run_id, chunk_no,
                 "upload refused: " +
                     reason(body.ProcessingResultCode, body.ProcessingResultMessage));
  } else {
    db::Result j = conn.exec(
        "INSERT INTO onshi_job (hospnum, kind, payload, requested_by, due_at, next_attempt_at) "
        "SELECT $1, 'OQSmuimm02req', jsonb_build_object('run_id', $2::bigint, 'chunk_no', "
        "$3::integer, 'reception_number', $4::text), r.started_by, "
        "now() + make_interval(secs => $5), now() + make_interval(secs => $5) "
        "FROM onshi_refnum_run r WHERE r.run_id = $2 RETURNING job_id",
        {facility.hospnum, run_id, chunk_no, model::text_or_empty(body.ReceptionNumber), poll_delay(0)});
    conn.exec(
        "UPDATE onshi_refnum_chunk SET state = 'processing', reception_number = $3, "
        "download_job_id = $4, updated_at = now() WHERE run_id = $1 AND chunk_no = $2",
        {run_id, chunk_no, model::text_or_empty(body.ReceptionNumber), j.integer(0, 0)});
    return;
  }
  advance_locked(conn, facility.hospnum);
}

void store_bulk_registration_result(db::Connection& conn, const db::FacilitySettings& facility,
                                    const model::Document& doc, long long job_id) {
  // By reception number first: a final result may echo the upload's correlation key.
  const std::string rn = model::text_or_empty(doc.header.ReceptionNumber);
  std::optional<std::pair<long long, int>> chunk;
  if (!rn.empty()) chunk = chunk_of(conn, facility.hospnum, "download_job_id", -1, rn);
  if (!chunk) chunk = chunk_of(conn, facility.hospnum, "download_job_id", job_id, "");
  if (!chunk) return;
  const auto [run_id, chunk_no] = *chunk;
  db::Result state = conn.exec(
      "SELECT state, polls, download_job_id, reception_number FROM onshi_refnum_chunk "
      "WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no});
  if (state.text(0, 0) != "processing") return;
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  const long long current = state.is_null(0, 2) ? 0 : state.integer(0, 2);
  // Only the current poll's "still processing" counts (an old poll answered late is ignored);
  // a final answer also answers the current poll.
  if (segment == "2" && job_id && current && current != job_id) return;
  if (current)
    conn.exec(
        "UPDATE onshi_job SET state = 'answered', last_error = NULL, updated_at = now() "
        "WHERE job_id = $1 AND state IN ('pending', 'sent', 'failed', 'expired')",
        {current});
  if (segment == "2") {
    const int polls = static_cast<int>(state.integer(0, 1)) + 1;
    db::Result j = conn.exec(
        "INSERT INTO onshi_job (hospnum, kind, payload, requested_by, due_at, next_attempt_at) "
        "SELECT $1, 'OQSmuimm02req', jsonb_build_object('run_id', $2::bigint, 'chunk_no', "
        "$3::integer, 'reception_number', $4::text), r.started_by, "
        "now() + make_interval(secs => $5), now() + make_interval(secs => $5) "
        "FROM onshi_refnum_run r WHERE r.run_id = $2 RETURNING job_id",
        {facility.hospnum, run_id, chunk_no, state.text(0, 3), poll_delay(polls)});
    conn.exec(
        "UPDATE onshi_refnum_chunk SET polls = $3, download_job_id = $4, updated_at = now() "
        "WHERE run_id = $1 AND chunk_no = $2",
        {run_id, chunk_no, polls, j.integer(0, 0)});
    return;
  }
  if (segment != "1") {
    refuse_chunk(conn, run_id, chunk_no, "download refused: " + file_failure(doc));
    advance_locked(conn, facility.hospnum);
    return;
  }
  const auto& units = doc.as<model::BulkRegistrationBody>().BulkRegistrationUnit;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const model::BulkRegistrationUnit& u = units[i];
    const std::string ref =
        u.ReferenceNumberRegistrationInfo
            ? model::text_or_empty(u.ReferenceNumberRegistrationInfo->ReferenceNumber)
            : std::string();
    const bool ok = model::text_or_empty(u.ProcessingResultStatus) == "1";
    const std::string why =
        ok ? std::string() : reason(u.ProcessingResultCode, u.ProcessingResultMessage);
    // By the echoed number; a unit without one by its position.
    conn.exec(
        "WITH e AS (UPDATE onshi_refnum_entry SET state = $4, error = $5 "
        "  WHERE run_id = $1 AND chunk_no = $2 AND state = 'pending' AND "
        "  CASE WHEN $3 <> '' THEN reference_number = $3 ELSE seq = $6 END "
        "  RETURNING hospnum, ptid, reference_number) "
        "UPDATE onshi_reference_number x SET state = $4, error = $5, updated_at = now(), "
        "  registered_at = CASE WHEN $4 = 'registered' THEN now() ELSE x.registered_at END "
        "FROM e WHERE x.hospnum = e.hospnum AND x.ptid = e.ptid "
        "  AND x.reference_number = e.reference_number AND x.state <> 'registered'",
        {run_id, chunk_no, ref, ok ? "registered" : "failed", ok ? db::Param() : db::Param(why),
         static_cast<int>(i + 1)});
  }
  refuse_chunk(conn, run_id, chunk_no, "not in the final result");
  conn.exec(
      "UPDATE onshi_refnum_chunk SET state = 'done', error = CASE WHEN EXISTS (SELECT 1 FROM "
      "  onshi_refnum_entry WHERE run_id = $1 AND chunk_no = $2 AND error = "
      "  'not in the final result') THEN error END WHERE run_id = $1 AND chunk_no = $2",
      {run_id, chunk_no});
  advance_locked(conn, facility.hospnum);
}

BulkRegistrationStatus start_bulk_registration(db::Connection& conn, int hospnum, int chunk_size,
                                               const std::string& by, bool& resumed) {
  if (chunk_size < 1 || chunk_size > 10000)
    throw Error("the chunk size must be 1..10000, not " + std::to_string(chunk_size));
  db::load_enabled_facility(conn, hospnum);
  db::Transaction tx(conn);
  // Serializes starters of one facility (the unique index would refuse the second anyway).
  conn.exec("SELECT 1 FROM onshi_facility WHERE hospnum = $1 FOR UPDATE", {hospnum});
  db::Result running = conn.exec(
      "SELECT run_id FROM onshi_refnum_run WHERE hospnum = $1 AND state = 'running'", {hospnum});
  resumed = running.rows() > 0;
  if (!resumed) {
    db::Result run = conn.exec(
        "INSERT INTO onshi_refnum_run (hospnum, chunk_size, started_by) VALUES ($1, $2, $3) "
        "RETURNING run_id",
        {hospnum, chunk_size, by});
    const long long run_id = run.integer(0, 0);
    // Every patient (not a test patient) with current insurance and no registered or pending
    // number; one card per patient (the current insurance, latest first).
    host::fill_bulk_registration(conn, hospnum, run_id, chunk_size);
  }
  advance_locked(conn, hospnum);
  tx.commit();
  return *status_of(conn, hospnum);
}

std::optional<BulkRegistrationStatus> advance_bulk_registration(db::Connection& conn,
                                                                int hospnum) {
  db::Transaction tx(conn);
  advance_locked(conn, hospnum);
  tx.commit();
  return status_of(conn, hospnum);
}

std::optional<BulkRegistrationStatus> bulk_registration_status(db::Connection& conn, int hospnum) {
  return status_of(conn, hospnum);
}

}  // namespace onshi::exchange
