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
#include "store/confirmations.h"
#include "store/jobs.h"
#include "store/reference_numbers.h"
#include "store/staff.h"
#include "text/normalize.h"

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

/// The card of a registration block as compared with what we stored (store::CardKeys).
store::CardKeys card_keys(const model::ReferenceNumberRegistrationInfo& info) {
  auto trim = [](const std::string& v) {
    const auto b = v.find_first_not_of(' '), e = v.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
  };
  return {std::string(text::strip_insurer_padding(model::text_or_empty(info.InsurerNumber))),
          text::card_key(model::text_or_empty(info.InsuredCardSymbol)),
          text::card_key(model::text_or_empty(info.InsuredIdentificationNumber)),
          trim(model::text_or_empty(info.InsuredBranchNumber))};
}

/// The card keys of a host insurance row, as a change stores them.
store::CardKeys card_keys(const host::Insurance& h) {
  model::ReferenceNumberRegistrationInfo info;
  info.InsurerNumber = h.insurer;
  info.InsuredCardSymbol = h.symbol.value_or("");
  info.InsuredIdentificationNumber = h.number;
  info.InsuredBranchNumber = h.branch.value_or("");
  return card_keys(info);
}

/// Applies the answer `ok`/`error` to change `c` (locked, pending) of file `file_id`.
void answer_change(db::Connection& conn, const store::ReferenceChange& c,
                   const model::ReferenceNumberRegistrationInfo* echo, bool ok,
                   const std::string& error, long long file_id) {
  // The answer must name the card and the number the change sent: else nothing is changed.
  if (echo) {
    const std::string echoed = model::text_or_empty(echo->ReferenceNumber);
    if (!(card_keys(*echo) == c.card) || echoed != c.new_number.value_or("")) {
      store::finish_change(conn, c.change_id, "unmatched",
                           std::string("the answer names another card or number than the "
                                       "change sent"),
                           file_id);
      return;
    }
  }
  if (!ok) {
    store::finish_change(conn, c.change_id, "failed", error, file_id);
    return;
  }
  if (c.action == "delete") {
    store::number_deleted(conn, c.hospnum, *c.ptid, c.job_id);
  } else {
    if (store::reference_number_held_by_other(conn, c.hospnum, *c.new_number, *c.ptid)) {
      store::finish_change(conn, c.change_id, "unmatched",
                           std::string("registered, but another patient's row holds this number"),
                           file_id);
      return;
    }
    store::number_registered(conn, c.hospnum, *c.ptid, *c.new_number, c.job_id);
  }
  store::finish_change(conn, c.change_id, "done", std::nullopt, file_id);
}

/// Queues the upload of a chunk and marks its patients' numbers pending. Its entries are checked
/// again first (host and our rows); those no longer right are refused, not sent. @return false
/// when nothing was left to send (the chunk is closed)
bool send_chunk(db::Connection& conn, int hospnum, long long run_id, int chunk_no,
                const std::string& by) {
  settle_reference_changes(conn, hospnum);  // a change whose request gave up is no longer open
  host::drop_changed_bulk_entries(conn, hospnum, run_id, chunk_no);
  if (store::choose_chunk_entries(conn, run_id, chunk_no) == 0) {
    store::refuse_chunk(conn, run_id, chunk_no, "nothing left to send");
    store::finish_refnum_chunk(conn, run_id, chunk_no);
    return false;
  }
  const long long job =
      store::enqueue_bulk_registration_upload_job(conn, hospnum, run_id, chunk_no, by);
  store::chunk_uploading(conn, run_id, chunk_no, job);
  return true;
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
  while (const std::optional<int> next = store::next_pending_chunk(conn, run_id)) {
    if (send_chunk(conn, hospnum, run_id, *next, by)) {
      store::touch_run(conn, run_id);
      return;
    }
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
    // By the echoed number and card (a patient's cards share the number); a unit without an
    // echo by its position.
    const std::optional<store::CardKeys> card =
        u.ReferenceNumberRegistrationInfo
            ? std::optional<store::CardKeys>(card_keys(*u.ReferenceNumberRegistrationInfo))
            : std::nullopt;
    store::record_unit_answer(conn, run_id, chunk_no, ref, card, ok ? "registered" : "failed",
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
  // The number is registered on the card the result returned: a public-assistance result (card
  // class A1: a public-expense row, no insurance) has none to register it on.
  if (confirmation_id)
    if (const std::optional<store::ConfirmationView> c =
            store::load_confirmation(conn, hospnum, confirmation_id);
        c && c->card_classification == "A1")
      return 0;
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
  // A change: exactly the card and number it recorded ("" deletes the card's number).
  if (const std::optional<store::ReferenceChange> c =
          store::lock_change_of_job(conn, job.job.job_id)) {
    if (c->state != "pending") throw Error("the reference-number change is " + c->state);
    // Checked again when sent: the card must still be that insurance of the patient and a
    // number still the patient's own, else a number would go on a card that is not (or no
    // longer) the patient's. The job fails; the change fails with this reason.
    const std::optional<host::Insurance> h =
        c->ptid && c->hknid ? host::insurance_by_id(conn, f.hospnum, *c->ptid, *c->hknid)
                            : std::nullopt;
    if (!h || h->deleted || !(card_keys(*h) == c->card))
      throw Error("the insurance of the change was deleted or changed since it was queued");
    if (c->new_number && reference_number_for(conn, f.hospnum, *c->ptid) != c->new_number)
      throw Error("the patient's reference number changed since the change was queued");
    model::ReferenceNumberRegistrationInfo info =
        card_info(c->new_number.value_or(""), c->card.insurer, c->card.symbol, c->card.number,
                  c->card.branch);
    info.ReferenceNumber = c->new_number.value_or("");  // present, empty for a delete
    doc.as<model::ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo = info;
    return encode_request_document(doc, f);
  }
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
  const model::ReferenceNumberRegistrationInfo* echo =
      body.ReferenceNumberRegistrationInfo ? &*body.ReferenceNumberRegistrationInfo : nullptr;
  // A change's answer: by its job, else (no job of ours) when exactly one pending change sent
  // this card and number.
  std::optional<store::ReferenceChange> change;
  if (job_id) change = store::lock_change_of_job(conn, job_id);
  if (!change && !job_id && echo) {
    std::vector<store::ReferenceChange> open =
        store::lock_pending_changes_for(conn, file.facility.hospnum, card_keys(*echo), ref);
    if (open.size() == 1) change = std::move(open.front());
  }
  if (change) {
    if (change->state == "pending") {
      answer_change(conn, *change, echo, ok, error, file.file_id());
    } else if (change->state == "failed" && ok) {
      // The change was given up (no answer in time) or refused, and now the terminal says it
      // was done: nothing is changed by itself, staff look at it.
      store::insert_unmatched_change(conn, file.facility.hospnum, change->action,
                                     change->new_number, echo ? card_keys(*echo) : change->card,
                                     "a late success for change " +
                                         std::to_string(change->change_id) +
                                         ", which was closed as failed",
                                     file.file_id());
    }
    return {};  // else a late duplicate of a closed change changes nothing
  }
  if (echo && ref.empty()) {
    // A delete no change of ours explains: staff look at it.
    store::insert_unmatched_change(
        conn, file.facility.hospnum, "delete", std::nullopt, card_keys(*echo),
        ok ? std::string("a deletion no change of ours asked for") : error, file.file_id());
    return {};
  }
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

const char* reference_change_refusal_name(ReferenceChangeRefusal r) {
  switch (r) {
    case ReferenceChangeRefusal::no_patient:
      return "no_patient";
    case ReferenceChangeRefusal::test_patient:
      return "test_patient";
    case ReferenceChangeRefusal::no_number:
      return "no_number";
    case ReferenceChangeRefusal::name_insurance:
      return "name_insurance";
    case ReferenceChangeRefusal::no_insurance:
      return "no_insurance";
    case ReferenceChangeRefusal::busy:
      return "busy";
    case ReferenceChangeRefusal::held_by_other:
      return "held_by_other";
    case ReferenceChangeRefusal::nothing_to_change:
      return "nothing_to_change";
  }
  return "refused";
}

void settle_reference_changes(db::Connection& conn, int hospnum) {
  store::fail_given_up_changes(conn, hospnum);
}

QueuedReferenceChange queue_reference_change(db::Connection& conn, int hospnum, long long ptid,
                                             std::optional<int> hknid, bool remove,
                                             const std::string& userid, const std::string& by) {
  db::load_enabled_facility(conn, hospnum);
  settle_reference_changes(conn, hospnum);
  const std::optional<std::string> ptnum = host::patient_number(conn, hospnum, ptid);
  const std::string who = "patient " + ptnum.value_or("ptid " + std::to_string(ptid));
  const char* verb = remove ? "delete" : "register again";
  try {
    db::Transaction tx(conn);
    const std::optional<std::string> test = host::test_patient_flag(conn, hospnum, ptid);
    if (!test) throw ReferenceChangeRefused(ReferenceChangeRefusal::no_patient, "no such patient");
    if (*test == "1")
      throw ReferenceChangeRefused(ReferenceChangeRefusal::test_patient,
                                   "test patients are never sent to the national system");
    const std::optional<std::string> state =
        store::lock_reference_number_state(conn, hospnum, ptid);
    if ((state && *state == "pending") || store::has_open_change(conn, hospnum, ptid))
      throw ReferenceChangeRefused(ReferenceChangeRefusal::busy,
                                   "a registration or change of this patient is waiting for its "
                                   "answer");
    const std::optional<store::ReferenceNumberRow> row =
        store::reference_number_row(conn, hospnum, ptid);
    if (remove && row && row->state == "deleted")
      throw ReferenceChangeRefused(ReferenceChangeRefusal::nothing_to_change,
                                   "the number is deleted already");
    // The card: the one named, else the only current one.
    int id = 0;
    if (hknid) {
      id = *hknid;
    } else {
      const std::vector<int> ids = host::current_insurance_ids(conn, hospnum, ptid);
      if (ids.size() != 1)
        throw ReferenceChangeRefused(
            ids.empty() ? ReferenceChangeRefusal::no_insurance
                        : ReferenceChangeRefusal::name_insurance,
            ids.empty() ? std::string("the patient has no current insurance with a number")
                        : "the patient has " + std::to_string(ids.size()) +
                              " current insurances: name the one to change",
            ids);
      id = ids.front();
    }
    const std::optional<host::Insurance> h = host::insurance_by_id(conn, hospnum, ptid, id);
    if (!h || h->deleted || h->number.empty() || h->insurer.empty())
      throw ReferenceChangeRefused(ReferenceChangeRefusal::no_insurance,
                                   "insurance " + std::to_string(id) +
                                       " of the patient does not exist, is deleted or has no "
                                       "insured number");
    store::ReferenceChange c;
    c.hospnum = hospnum;
    c.ptid = ptid;
    c.hknid = id;
    c.card = card_keys(*h);
    c.requested_by = by;
    if (row) c.old_number = row->reference_number;
    if (remove) {
      c.action = "delete";
    } else {
      const std::optional<std::string> ref = reference_number_for(conn, hospnum, ptid);
      if (!ref)
        throw ReferenceChangeRefused(ReferenceChangeRefusal::no_number,
                                     "the patient has no reference number to register");
      if (store::reference_number_held_by_other(conn, hospnum, *ref, ptid))
        throw ReferenceChangeRefused(ReferenceChangeRefusal::held_by_other,
                                     "another patient's row holds the number " + *ref);
      c.new_number = *ref;
      c.action = row && row->reference_number != *ref ? "update" : "register";
    }
    const long long change_id = store::insert_change(conn, c);
    const long long job = store::enqueue_reference_registration_job(
        conn, hospnum, ptid, c.new_number.value_or(""), 0, by, ptnum);
    store::set_change_job(conn, change_id, job);
    store::audit_administration(conn, hospnum, userid, "change", "refnum",
                                who + ", insurance " + std::to_string(id) + ": " + c.action +
                                    " queued (change " + std::to_string(change_id) + ", job " +
                                    std::to_string(job) + ")");
    tx.commit();
    return {change_id, job, c.action, c.new_number.value_or(""), id};
  } catch (const ReferenceChangeRefused& e) {
    store::audit_administration(conn, hospnum, userid, "refused", "refnum",
                                who + ": " + verb + " refused (" +
                                    reference_change_refusal_name(e.refusal()) + "): " + e.what());
    throw;
  }
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
    // Every patient (not a test patient) with current insurance and no registered, pending or
    // deleted number; every current card of the patient (each is checked again when sent).
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
