// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/reference_numbers.h"

#include <algorithm>
#include <stdexcept>

#include "common/clock.h"
#include "common/error.h"
#include "db/connection.h"
#include "db/transaction.h"
#include "exchange/requests.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "host/reference_numbers.h"
#include "model/messages.h"
#include "store/jobs.h"
#include "store/reference_numbers.h"

namespace onshi::exchange {
namespace {

using model::MessageKind;

/// Text of a failed answer: code and message (either may be missing).
std::string reason(const model::Text& code, const model::Text& message) {
  std::string r = model::text_or_empty(code);
  if (!model::text_or_empty(message).empty())
    r += (r.empty() ? "" : " ") + model::text_or_empty(message);
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
  info.InsurerNumber = insurer;  // the writer pads a 6-digit number (doc/decisions.md 5)
  if (symbol && !symbol->empty()) info.InsuredCardSymbol = *symbol;
  info.InsuredIdentificationNumber = number;
  if (branch && !branch->empty()) info.InsuredBranchNumber = *branch;  // never invented
  return info;
}

/// Seconds until the next download poll after `polls` "still processing" answers.
long long poll_delay(int polls) {
  return std::min(30, 2 * (polls + 1));
}

/// Queues the upload of a chunk and marks its patients' numbers pending.
void send_chunk(db::Connection& conn, int hospnum, long long run_id, int chunk_no,
                const std::string& by) {
  const long long job =
      store::enqueue_bulk_registration_upload_job(conn, hospnum, run_id, chunk_no, by);
  store::chunk_uploading(conn, run_id, chunk_no, job);
}

/// One step of a running run, inside the caller's transaction (run row locked here).
void advance_locked(db::Connection& conn, int hospnum) {
  const std::optional<store::RunningRun> run = store::lock_running_run(conn, hospnum);
  if (!run) return;
  const long long run_id = run->run_id;
  const std::string& by = run->started_by;
  // A chunk whose current job gave up (no answer, .err file, expired) fails with its reason.
  for (const auto& [chunk_no, why] : store::stuck_chunks(conn, run_id))
    store::refuse_chunk(conn, run_id, chunk_no, why);
  if (store::run_has_busy_chunk(conn, run_id)) return;
  if (const std::optional<int> next = store::next_pending_chunk(conn, run_id)) {
    send_chunk(conn, hospnum, run_id, *next, by);
    store::touch_run(conn, run_id);
    return;
  }
  store::finish_run(conn, run_id);
}

std::optional<BulkRegistrationStatus> status_of(db::Connection& conn, int hospnum) {
  const std::optional<store::RunStatus> run = store::run_status(conn, hospnum);
  if (!run) return std::nullopt;
  BulkRegistrationStatus s;
  s.run_id = run->run_id;
  s.state = run->state;
  s.total = run->total;
  s.registered = run->registered;
  s.refused = run->refused;
  s.pending = run->pending;
  s.chunks = run->chunks;
  s.chunks_done = run->chunks_done;
  if (run->current_chunk) {
    s.current =
        "chunk " + std::to_string(*run->current_chunk) + "/" + std::to_string(s.chunks) +
        (run->current_state == "uploading"
             ? std::string(" uploading")
             : " waiting for the result (" + std::to_string(run->current_polls) + " polls)");
  }
  s.reasons = run->reasons;
  return s;
}

/// A request of `job`'s kind with the facility's header (encoding, institution, correlation key).
model::Document request_document(const db::FacilitySettings& f, const RequestJob& job) {
  model::Document doc = model::Document::make(job.kind);
  doc.encoding = request_encoding(f);
  doc.header.MedicalInstitutionCode = f.institution_code;
  doc.header.ArbitraryFileIdentifier = job.correlation_key;
  return doc;
}

/// OQSmuimm01res: the chunk's reception number and its first download request, or the chunk
/// refused.
void upload_answered(db::Connection& conn, const db::FacilitySettings& facility,
                     const model::Document& doc, long long job_id) {
  const auto& body = doc.as<model::ReceptionBody>();
  const auto chunk = store::lock_chunk_of(conn, facility.hospnum, "upload_job_id", job_id, "");
  if (!chunk) return;  // not one of our runs: kept as a received file only
  const auto [run_id, chunk_no] = *chunk;
  if (store::refnum_chunk(conn, run_id, chunk_no).state != "uploading")
    return;  // a late duplicate answer
  if (model::text_or_empty(doc.header.SegmentOfResult) != "1") {
    store::refuse_chunk(conn, run_id, chunk_no, "upload refused: " + file_failure(doc));
  } else if (model::text_or_empty(body.ProcessingResultStatus) == "2" ||
             model::text_or_empty(body.ReceptionNumber).empty()) {
    store::refuse_chunk(
        conn, run_id, chunk_no,
        "upload refused: " + reason(body.ProcessingResultCode, body.ProcessingResultMessage));
  } else {
    const std::string rn = model::text_or_empty(body.ReceptionNumber);
    const long long download = store::enqueue_bulk_registration_download_job(
        conn, facility.hospnum, run_id, chunk_no, rn, poll_delay(0));
    store::chunk_processing(conn, run_id, chunk_no, rn, download);
    return;
  }
  advance_locked(conn, facility.hospnum);
}

/// OQSmuimm02res: "still processing" polls again; a final result records each unit and moves
/// the run on to its next chunk.
void result_answered(db::Connection& conn, const db::FacilitySettings& facility,
                     const model::Document& doc, long long job_id) {
  // By reception number first: a final result may echo the upload's correlation key.
  const std::string rn = model::text_or_empty(doc.header.ReceptionNumber);
  std::optional<std::pair<long long, int>> chunk;
  if (!rn.empty()) chunk = store::lock_chunk_of(conn, facility.hospnum, "download_job_id", -1, rn);
  if (!chunk) chunk = store::lock_chunk_of(conn, facility.hospnum, "download_job_id", job_id, "");
  if (!chunk) return;
  const auto [run_id, chunk_no] = *chunk;
  const store::RefnumChunk state = store::refnum_chunk(conn, run_id, chunk_no);
  if (state.state != "processing") return;
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  const long long current = state.download_job_id.value_or(0);
  // Only the current poll's "still processing" counts (an old poll answered late is ignored);
  // a final answer also answers the current poll.
  if (segment == "2" && job_id && current && current != job_id) return;
  if (current) store::mark_answered(conn, current);
  if (segment == "2") {
    const int polls = state.polls + 1;
    const long long download = store::enqueue_bulk_registration_download_job(
        conn, facility.hospnum, run_id, chunk_no, state.reception_number, poll_delay(polls));
    store::next_refnum_poll(conn, run_id, chunk_no, polls, download);
    return;
  }
  if (segment != "1") {
    store::refuse_chunk(conn, run_id, chunk_no, "download refused: " + file_failure(doc));
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
    store::record_unit_answer(conn, run_id, chunk_no, ref, ok ? "registered" : "failed",
                              ok ? std::nullopt : std::optional<std::string>(why),
                              static_cast<int>(i + 1));
  }
  store::refuse_chunk(conn, run_id, chunk_no, "not in the final result");
  store::finish_refnum_chunk(conn, run_id, chunk_no);
  advance_locked(conn, facility.hospnum);
}

}  // namespace

std::optional<std::string> reference_number_for(db::Connection& conn, int hospnum, long long ptid) {
  const std::optional<std::string> value = host::reference_number_source_value(conn, hospnum, ptid);
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
  const std::optional<std::string> existing =
      store::lock_reference_number_state(conn, hospnum, ptid);
  if (existing && *existing != "failed") return 0;
  // Another patient holding this number (a stale row): leave it to staff.
  if (store::reference_number_held_by_other(conn, hospnum, *ref, ptid)) return 0;
  const long long job = store::enqueue_reference_registration_job(
      conn, hospnum, ptid, *ref, confirmation_id, requested_by,
      host::patient_number(conn, hospnum, ptid));
  store::mark_reference_number_pending(conn, hospnum, ptid, *ref, job);
  return job;
}

std::string build_reference_registration_request(db::Connection& conn,
                                                 const db::FacilitySettings& f,
                                                 const RequestJob& job) {
  if (job.kind != MessageKind::OQSsiimm01req)
    throw Error(std::string("not a reference-number registration request: ") +
                model::kind_name(job.kind));
  model::Document doc = request_document(f, job);
  const std::optional<store::ReferenceRegistrationJob> j =
      store::reference_registration_job(conn, job.job.job_id);
  if (!j || !j->ptid || !j->reference_number)
    throw Error("the registration job names no patient or number");
  const long long ptid = *j->ptid;
  const std::string ref = *j->reference_number;
  // The insurance the result matched, else the patient's current insurance.
  host::CurrentInsuranceQuery q;
  q.require_number = true;
  if (j->coverage_id) q.prefer_hknid = static_cast<int>(*j->coverage_id);
  const std::optional<host::Insurance> h = host::current_insurance(conn, f.hospnum, ptid, q);
  if (!h) throw Error("the patient has no current insurance to register with");
  doc.as<model::ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo =
      card_info(ref, h->insurer, h->symbol, h->number, h->branch);
  return encode_request_document(doc, f);
}

std::string build_bulk_registration_request(db::Connection& conn, const db::FacilitySettings& f,
                                            const RequestJob& job) {
  const long long job_id = job.job.job_id;
  if (job.kind == MessageKind::OQSmuimm01req) {
    model::Document doc = request_document(f, job);
    const std::vector<store::RefnumCard> cards = store::cards_of_upload_job(conn, job_id);
    if (cards.empty()) throw Error("the bulk registration chunk has no cards");
    auto& infos =
        doc.as<model::BulkReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo;
    for (const store::RefnumCard& c : cards)
      infos.push_back(card_info(c.reference_number, c.insurer_number, c.card_symbol, c.card_number,
                                c.branch_number));
    return encode_request_document(doc, f);
  }
  if (job.kind == MessageKind::OQSmuimm02req) {
    model::Document doc = request_document(f, job);
    const std::optional<std::string> reception = store::job_reception_number(conn, job_id);
    if (!reception) throw Error("the download job has no reception number");
    doc.as<model::ReceptionBody>().ReceptionNumber = *reception;
    return encode_request_document(doc, f);
  }
  throw Error(std::string("not a bulk registration request: ") + model::kind_name(job.kind));
}

StoredRows handle_reference_registration_result(db::Connection& conn, const ResultFile& file) {
  if (file.kind != MessageKind::OQSsiimm01res)
    throw Error(std::string("not a reference-number registration result: ") +
                model::kind_name(file.kind));
  const model::Document& doc = file.doc;
  const long long job_id = file.job_id;
  const auto& body = doc.as<model::ReferenceRegistrationResultBody>();
  const std::string ref =
      body.ReferenceNumberRegistrationInfo
          ? model::text_or_empty(body.ReferenceNumberRegistrationInfo->ReferenceNumber)
          : std::string();
  const bool segment_ok = model::text_or_empty(doc.header.SegmentOfResult) == "1";
  const bool ok = segment_ok && model::text_or_empty(body.ProcessingResultStatus) == "1";
  const std::string error = ok ? std::string()
                            : segment_ok
                                ? reason(body.ProcessingResultCode, body.ProcessingResultMessage)
                                : file_failure(doc);
  // The row of the job this answers; else (foreign or late answer) the row with this number.
  store::record_registration_answer(
      conn, file.facility.hospnum, ref, job_id ? std::optional<long long>(job_id) : std::nullopt,
      ok ? "registered" : "failed", ok ? std::nullopt : std::optional<std::string>(error));
  return {};
}

StoredRows handle_bulk_registration_result(db::Connection& conn, const ResultFile& file) {
  if (file.kind == MessageKind::OQSmuimm01res)
    upload_answered(conn, file.facility, file.doc, file.job_id);  // reception number
  else if (file.kind == MessageKind::OQSmuimm02res)
    result_answered(conn, file.facility, file.doc, file.job_id);  // units / next poll
  else
    throw Error(std::string("not a bulk registration result: ") + model::kind_name(file.kind));
  return {};
}

BulkRegistrationStatus queue_bulk_registration(db::Connection& conn, int hospnum, int chunk_size,
                                               const std::string& by, bool& resumed) {
  if (chunk_size < 1 || chunk_size > 10000)
    throw Error("the chunk size must be 1..10000, not " + std::to_string(chunk_size));
  db::load_enabled_facility(conn, hospnum);
  db::Transaction tx(conn);
  // Serializes starters of one facility (the unique index would refuse the second anyway).
  store::lock_facility_for_run(conn, hospnum);
  resumed = store::run_is_running(conn, hospnum);
  if (!resumed) {
    const long long run_id = store::insert_run(conn, hospnum, chunk_size, by);
    // Every patient (not a test patient) with current insurance and no registered or pending
    // number; one card per patient (the current insurance, latest first).
    host::fill_bulk_registration(conn, hospnum, run_id, chunk_size);
  }
  advance_locked(conn, hospnum);
  tx.commit();
  return *status_of(conn, hospnum);
}

std::optional<BulkRegistrationStatus> advance_bulk_registration(db::Connection& conn, int hospnum) {
  db::Transaction tx(conn);
  advance_locked(conn, hospnum);
  tx.commit();
  return status_of(conn, hospnum);
}

std::optional<BulkRegistrationStatus> bulk_registration_status(db::Connection& conn, int hospnum) {
  return status_of(conn, hospnum);
}

}  // namespace onshi::exchange
