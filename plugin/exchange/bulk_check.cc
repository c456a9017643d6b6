// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/bulk_check.h"

#include <algorithm>
#include <stdexcept>

#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "host/reception.h"
#include "json/json.h"
#include "model/messages.h"
#include "model/validate.h"
#include "store/bulk.h"
#include "store/jobs.h"
#include "store/public_assistance.h"

namespace onshi::exchange {
namespace {

constexpr long long kMaxPollDelay = 1800;  // seconds

/// One person of a chunk, as stored in onshi_bulk_chunk.entries.
struct Entry {
  long long ptid = 0;
  int hknid = 0;
  int kohid = 0;  ///< public assistance only (hknid 0): the tbl_ptkohinf row asked about
  std::string ptnum, insurer_number, number, birthdate;
  std::optional<std::string> symbol, branch;

  /// ArbitraryIdentifier: "<ptnum>_<hknid>", or "<ptnum>_K<kohid>" for public assistance.
  std::string identifier() const {
    return ptnum + "_" + (kohid ? "K" + std::to_string(kohid) : std::to_string(hknid));
  }
};

model::QualificationConfirmSearchInfo search_info(const Entry& e) {
  model::QualificationConfirmSearchInfo s;
  s.InsurerNumber = e.insurer_number;  // the writer pads a 6-digit number (doc/decisions.md 5)
  if (e.symbol && !e.symbol->empty()) s.InsuredCardSymbol = *e.symbol;
  s.InsuredIdentificationNumber = e.number;
  s.InsuredBranchNumber = e.branch.value_or("");  // unknown: empty, never invented
  s.Birthdate = e.birthdate;
  // The patient is not at a reader the evening before: no verbal consent to limit information.
  s.LimitApplicationCertificateRelatedConsFlg = "0";
  s.ArbitraryIdentifier = e.identifier();
  return s;
}

model::Document upload_document(const db::FacilitySettings& f, const std::string& day,
                                const std::vector<Entry>& entries, const std::string& key) {
  model::Document doc = model::Document::make(model::MessageKind::OQSmuquc01req);
  doc.encoding = request_encoding(f);
  doc.header.QualificationConfirmationDate = day;
  doc.header.MedicalInstitutionCode = f.institution_code;
  doc.header.ArbitraryFileIdentifier = key;
  auto& list = doc.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo;
  for (const Entry& e : entries) list.push_back(search_info(e));
  return doc;
}

json::Value entry_json(const Entry& e) {
  json::Object o;
  o.emplace_back("ptid", static_cast<std::int64_t>(e.ptid));
  o.emplace_back("hknid", static_cast<std::int64_t>(e.hknid));
  if (e.kohid) o.emplace_back("kohid", static_cast<std::int64_t>(e.kohid));
  o.emplace_back("identifier", e.identifier());
  o.emplace_back("ptnum", e.ptnum);
  o.emplace_back("insurer_number", e.insurer_number);
  o.emplace_back("symbol", e.symbol ? json::Value(*e.symbol) : json::Value());
  o.emplace_back("number", e.number);
  o.emplace_back("branch", e.branch ? json::Value(*e.branch) : json::Value());
  o.emplace_back("birthdate", e.birthdate);
  return o;
}

/// Queues the download request of a chunk of `flow` (OQSmuquc02req, OQSmuhvq02req,
/// OQSmuonq02req) after `delay` seconds; @return the job id.
long long queue_download(db::Connection& conn, int hospnum, const std::string& flow,
                         long long batch_id, int chunk_no, const std::string& day,
                         const std::string& reception_number, int poll, long long delay) {
  return store::enqueue_bulk_download_job(conn, hospnum, batch_id, chunk_no, day, reception_number,
                                          poll, delay,
                                          static_cast<long long>(kMinimumJobLifetime.count()),
                                          model::kind_name(bulk_download_kind(flow)));
}

/// The flow a bulk request or result kind belongs to ("" for another kind).
std::string flow_of_kind(model::MessageKind kind) {
  using K = model::MessageKind;
  switch (kind) {
    case K::OQSmuquc01req:
    case K::OQSmuquc01res:
    case K::OQSmuquc02req:
    case K::OQSmuquc02res:
      return "precheck";
    case K::OQSmuhvq01req:
    case K::OQSmuhvq01res:
    case K::OQSmuhvq02req:
    case K::OQSmuhvq02res:
      return "homevisit";
    case K::OQSmuonq01req:
    case K::OQSmuonq01res:
    case K::OQSmuonq02req:
    case K::OQSmuonq02res:
      return "online";
    default:
      return "";
  }
}

/// The criteria as stored with the batch (JSON) and back.
std::string criteria_json(const ConsentedCriteria& c) {
  json::Object o;
  o.emplace_back("by", c.by);
  o.emplace_back("from", c.from);
  o.emplace_back("to", c.to);
  return json::dump(json::Value(std::move(o)));
}

ConsentedCriteria criteria_of(const std::string& flow, const std::string& text) {
  ConsentedCriteria c;
  c.flow = flow;
  const json::Value v = json::parse(text);
  auto at = [&v](const char* name) -> std::string {
    const json::Value* x = v.find(name);
    if (!x) throw Error(std::string("no ") + name);
    return x->as_string();
  };
  c.by = at("by");
  c.from = at("from");
  c.to = at("to");
  return c;
}

/// The OQSmuhvq01req / OQSmuonq01req document: the header's institution code and file
/// identifier, one QualificationConfirmSearchInfo with the dates and the 診療区分 (spec 4.5).
model::Document criteria_document(const db::FacilitySettings& f, const ConsentedCriteria& c,
                                  const std::string& key) {
  model::Document doc = model::Document::make(bulk_upload_kind(c.flow));
  doc.encoding = request_encoding(f);
  doc.header.MedicalInstitutionCode = f.institution_code;
  doc.header.ArbitraryFileIdentifier = key;
  model::QualificationConfirmSearchInfo s;
  if (c.by == "examination") {
    s.ExaminationDateFrom = c.from;
    s.ExaminationDateTo = c.to;
  } else {
    s.ConsentDateFrom = c.from;
    s.ConsentDateTo = c.to;
  }
  s.MedicalTreatmentFlag = c.flow == "homevisit" ? "2" : "3";
  doc.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo.push_back(
      std::move(s));
  return doc;
}

/// Why the facility may not use `flow` now ("" when it may).
std::string flow_refusal(const db::FacilitySettings& f, const std::string& flow) {
  if (flow == "homevisit" && !f.home_visit)
    return "facility " + std::to_string(f.hospnum) +
           " does not use home-visit care (onshi-admin enable --home-visit yes)";
  if (flow == "online" && !f.online_care)
    return "facility " + std::to_string(f.hospnum) +
           " does not use online care (onshi-admin enable --online-care yes)";
  return "";
}

std::string terminal_error(const model::MessageHeader& h) {
  std::string s = "SegmentOfResult " + (h.SegmentOfResult ? *h.SegmentOfResult : "(none)");
  if (!model::text_or_empty(h.ErrorCode).empty()) s += " " + model::text_or_empty(h.ErrorCode);
  if (!model::text_or_empty(h.ErrorMessage).empty())
    s += ": " + model::text_or_empty(h.ErrorMessage);
  return s;
}

/// OQSmuquc01res: stores the reception number on the chunk of the job it answers and queues the
/// first OQSmuquc02req after bulk_poll_s, or marks the chunk failed (SegmentOfResult other than
/// 1, no reception number).
void upload_answered(db::Connection& conn, const db::FacilitySettings& facility,
                     const model::Document& doc, long long job_id) {
  if (!job_id) return;
  const std::optional<store::LockedChunk> c =
      store::lock_chunk_of_upload(conn, facility.hospnum, job_id);
  if (!c) return;  // not a pre-check upload
  const long long batch_id = c->batch_id;
  const int chunk_no = c->chunk_no;
  if (c->state != "uploading" || c->has_reception_number) return;  // a late second answer
  const auto& body = doc.as<model::ReceptionBody>();
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  if (!segment.empty() && segment != "1") {
    store::fail_chunk(conn, batch_id, chunk_no, "upload refused: " + terminal_error(doc.header));
    return;
  }
  if (!model::text_or_empty(body.ProcessingResultStatus).empty() &&
      model::text_or_empty(body.ProcessingResultStatus) != "1") {
    store::fail_chunk(conn, batch_id, chunk_no,
                      "upload refused: ProcessingResultStatus " +
                          model::text_or_empty(body.ProcessingResultStatus) + " " +
                          model::text_or_empty(body.ProcessingResultCode) + " " +
                          model::text_or_empty(body.ProcessingResultMessage));
    return;
  }
  const std::string rn = model::text_or_empty(body.ReceptionNumber);
  if (rn.empty()) {
    store::fail_chunk(conn, batch_id, chunk_no, "the upload answer carries no ReceptionNumber");
    return;
  }
  const std::string rt = model::text_or_empty(body.ReceptionDateTime);
  const store::BulkSettings s = store::bulk_settings(conn, facility.hospnum);
  const long long download = queue_download(conn, facility.hospnum, c->flow, batch_id, chunk_no,
                                            c->day, rn, 1, bulk_poll_delay(s.poll_s, 0));
  store::chunk_waiting(conn, batch_id, chunk_no, rn, rt, download);
}

/// Every OQSmuquc02res (after the units of a final result were stored): SegmentOfResult 1 counts
/// the units (valid / invalid / error) and finishes the chunk; 2 queues the next OQSmuquc02req
/// with back-off (or fails the chunk after bulk_max_polls answers); anything else fails the
/// chunk with the terminal's error. The OQSmuquc02req it answers (by file name) is marked
/// answered.
void download_answered(db::Connection& conn, const ResultFile& file) {
  const db::FacilitySettings& facility = file.facility;
  const model::Document& doc = file.doc;
  const std::string& file_name = file.name;
  const long long file_id = file.file_id();
  const std::string flow = flow_of_kind(doc.kind);
  const int hospnum = facility.hospnum;
  // The download request this answers: the result name mirrors the request's.
  const std::string req_name = model::request_file_name_for(file_name).value_or("");
  const long long asked = store::lock_bulk_download_job(conn, hospnum, req_name).value_or(0);
  if (asked) store::mark_answered(conn, asked);
  const std::string rn = model::text_or_empty(doc.header.ReceptionNumber);
  const std::optional<store::LockedChunk> c =
      store::lock_chunk_of_download(conn, hospnum, rn, asked);
  if (!c || c->flow != flow) return;  // not one of our bulks of this flow
  const long long batch_id = c->batch_id;
  const int chunk_no = c->chunk_no;
  const std::string state = c->state;
  const long long current = c->download_job_id;
  const int polls = c->polls;
  if (state == "done") return;  // a second final answer: the first one counted
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  if (segment == "1") {
    int valid = 0, invalid = 0, errors = 0, units = 0;
    for_each_bulk_unit(file, [&](const model::BulkConfirmUnit& u) {
      ++units;
      const std::string validity = model::text_or_empty(u.QualificationValidity);
      if (model::text_or_empty(u.ProcessingResultStatus) != "1")
        ++errors;
      else if (validity == "1" || validity == "6")
        ++valid;
      else
        ++invalid;
    });
    // A unit without a result (an error) still belongs to the person we asked about: tie its
    // row to that patient through our own ArbitraryIdentifier, so that screens show the error.
    if (flow == "precheck") store::link_bulk_error_rows(conn, batch_id, chunk_no, file_id);
    store::chunk_done(conn, batch_id, chunk_no, units, valid, invalid, errors, file_id);
    if (current && current != asked)  // the final came for an earlier poll: stop the later one
      store::cancel_superseded_job(conn, current);
    return;
  }
  if (state == "error") return;
  if (segment == "2") {
    if (asked && current && asked != current) return;  // a late answer to an older poll
    const store::BulkSettings s = store::bulk_settings(conn, hospnum);
    const int n = polls + 1;
    if (n >= s.max_polls) {
      store::set_chunk_polls(conn, batch_id, chunk_no, n);
      store::fail_chunk(conn, batch_id, chunk_no,
                        "still processing after " + std::to_string(n) + " download requests");
      return;
    }
    const long long next =
        queue_download(conn, hospnum, flow, batch_id, chunk_no, c->day,
                       c->reception_number.value_or(""), n + 1, bulk_poll_delay(s.poll_s, n));
    store::next_chunk_poll(conn, batch_id, chunk_no, n, next);
    return;
  }
  store::fail_chunk(conn, batch_id, chunk_no, "download refused: " + terminal_error(doc.header));
}

/// OQSmutic01res: the reception number on the run of the job it answers, the first download
/// after bulk_poll_s; or the run fails.
void ticket_upload_answered(db::Connection& conn, const db::FacilitySettings& facility,
                            const model::Document& doc, long long job_id) {
  if (!job_id) return;
  const std::optional<store::TicketFetch> f =
      store::lock_fetch_of_upload(conn, facility.hospnum, job_id);
  if (!f || f->state != "uploading" || f->reception_number) return;  // not ours, or late
  const auto& body = doc.as<model::ReceptionBody>();
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  if (!segment.empty() && segment != "1") {
    store::fail_fetch(conn, f->fetch_id, "upload refused: " + terminal_error(doc.header));
    return;
  }
  const std::string status = model::text_or_empty(body.ProcessingResultStatus);
  if (!status.empty() && status != "1") {
    store::fail_fetch(conn, f->fetch_id,
                      "upload refused: ProcessingResultStatus " + status + " " +
                          model::text_or_empty(body.ProcessingResultCode) + " " +
                          model::text_or_empty(body.ProcessingResultMessage));
    return;
  }
  const std::string rn = model::text_or_empty(body.ReceptionNumber);
  if (rn.empty()) {
    store::fail_fetch(conn, f->fetch_id, "the upload answer carries no ReceptionNumber");
    return;
  }
  const store::BulkSettings s = store::bulk_settings(conn, facility.hospnum);
  const long long download = store::enqueue_ticket_fetch_download_job(
      conn, facility.hospnum, f->fetch_id, rn, 1, bulk_poll_delay(s.poll_s, 0));
  store::fetch_waiting(conn, f->fetch_id, rn, model::text_or_empty(body.ReceptionDateTime),
                       download);
}

/// OQSmutic02res, after a final result's units were stored (`rows`).
void ticket_download_answered(db::Connection& conn, const ResultFile& file,
                              const StoredRows& rows) {
  const int hospnum = file.facility.hospnum;
  const std::string req_name = model::request_file_name_for(file.name).value_or("");
  const long long asked =
      store::lock_ticket_fetch_download_job(conn, hospnum, req_name).value_or(0);
  if (asked) store::mark_answered(conn, asked);
  const std::optional<store::TicketFetch> f = store::lock_fetch_of_download(
      conn, hospnum, model::text_or_empty(file.doc.header.ReceptionNumber), asked);
  if (!f || f->state == "done") return;  // not ours, or a second final answer
  const long long current = f->download_job_id.value_or(0);
  const std::string segment = model::text_or_empty(file.doc.header.SegmentOfResult);
  if (segment == "1") {
    int units = 0, tickets = 0;
    for (const model::BulkConfirmUnit& u : file.doc.as<model::BulkConfirmBody>().BulkConfirmUnit) {
      ++units;
      for (const model::ResultOfQualificationConfirmation& r : u.Results)
        if (r.PublicExpenseResultList)
          tickets += static_cast<int>(r.PublicExpenseResultList->MedicalTicketInfo.size());
    }
    store::fetch_done(conn, f->fetch_id, units, rows.linked, tickets, file.file_id());
    if (current && current != asked) store::cancel_superseded_job(conn, current);
    return;
  }
  if (f->state == "error") return;
  if (segment == "2") {
    if (asked && current && asked != current) return;  // a late answer to an older poll
    const store::BulkSettings s = store::bulk_settings(conn, hospnum);
    const int n = f->polls + 1;
    if (n >= s.max_polls) {
      store::fetch_next_poll(conn, f->fetch_id, n, current);
      store::fail_fetch(conn, f->fetch_id,
                        "still processing after " + std::to_string(n) + " download requests");
      return;
    }
    const long long next = store::enqueue_ticket_fetch_download_job(
        conn, hospnum, f->fetch_id, f->reception_number.value_or(""), n + 1,
        bulk_poll_delay(s.poll_s, n));
    store::fetch_next_poll(conn, f->fetch_id, n, next);
    return;
  }
  store::fail_fetch(conn, f->fetch_id, "download refused: " + terminal_error(file.doc.header));
}

}  // namespace

TicketFetchStart queue_ticket_fetch(db::Connection& conn, int hospnum, const std::string& month,
                                    const std::string& requested_by) {
  db::load_enabled_facility(conn, hospnum);
  if (month.size() != 6 || !model::is_valid_date8(month + "01"))
    throw Error("the treatment month must be YYYYMM, not \"" + month + "\"");
  TicketFetchStart out;
  out.job_id = store::enqueue_ticket_fetch_upload_job(conn, hospnum, month, requested_by);
  out.fetch_id = store::insert_ticket_fetch(conn, hospnum, month, out.job_id, requested_by);
  return out;
}

std::string build_ticket_fetch_request(db::Connection& conn, const db::FacilitySettings& f,
                                       const RequestJob& job) {
  model::Document doc = model::Document::make(job.kind);
  doc.encoding = request_encoding(f);
  doc.header.MedicalInstitutionCode = f.institution_code;
  if (job.kind == model::MessageKind::OQSmutic02req) {
    const std::optional<std::string> reception = store::job_reception_number(conn, job.job.job_id);
    if (!reception || reception->empty())
      throw Error("the download request has no reception number");
    doc.as<model::ReceptionBody>().ReceptionNumber = *reception;
    return encode_request_document(doc, f);
  }
  if (job.kind != model::MessageKind::OQSmutic01req)
    throw Error(std::string("not a ticket retrieval request: ") + model::kind_name(job.kind));
  const std::optional<std::string> month = store::job_treatment_month(conn, job.job.job_id);
  if (!month || month->size() != 6) throw Error("the request has no treatment month");
  doc.header.ArbitraryFileIdentifier = job.correlation_key;
  model::BulkCriteriaSearchInfo c;
  c.MedicalTreatmentMonth = *month;
  doc.as<model::BulkCriteriaRequestBody>().QualificationConfirmSearchInfo = std::move(c);
  return encode_request_document(doc, f);
}

StoredRows handle_ticket_fetch_result(db::Connection& conn, const ResultFile& file) {
  if (file.kind == model::MessageKind::OQSmutic01res) {
    ticket_upload_answered(conn, file.facility, file.doc, file.job_id);
    return {};
  }
  if (file.kind != model::MessageKind::OQSmutic02res)
    throw Error(std::string("not a ticket retrieval result: ") + model::kind_name(file.kind));
  PendingRegistrations registrations;  // public assistance asks for none
  StoredRows rows;
  if (model::text_or_empty(file.doc.header.SegmentOfResult) == "1")
    rows = store_bulk_confirmations(conn, file, registrations, "entrusted");
  ticket_download_answered(conn, file, rows);
  queue_pending_registrations(conn, file.facility.hospnum, registrations);
  return rows;
}

const char* bulk_trigger_name(BulkTrigger t) {
  switch (t) {
    case BulkTrigger::schedule:
      return "schedule";
    case BulkTrigger::admin:
      return "admin";
    case BulkTrigger::screen:
      return "screen";
  }
  return "admin";
}

model::MessageKind bulk_upload_kind(const std::string& flow) {
  if (flow == "precheck") return model::MessageKind::OQSmuquc01req;
  if (flow == "homevisit") return model::MessageKind::OQSmuhvq01req;
  if (flow == "online") return model::MessageKind::OQSmuonq01req;
  throw Error("not a bulk flow: \"" + flow + "\"");
}

model::MessageKind bulk_download_kind(const std::string& flow) {
  if (flow == "precheck") return model::MessageKind::OQSmuquc02req;
  if (flow == "homevisit") return model::MessageKind::OQSmuhvq02req;
  if (flow == "online") return model::MessageKind::OQSmuonq02req;
  throw Error("not a bulk flow: \"" + flow + "\"");
}

BulkStart queue_consented_bulk(db::Connection& conn, int hospnum, const ConsentedCriteria& c,
                               BulkTrigger trigger, const std::string& requested_by) {
  using Reason = EnqueueError::Reason;
  const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
  if (c.flow != "homevisit" && c.flow != "online")
    throw EnqueueError(Reason::bad_argument,
                       "the care must be homevisit or online, not \"" + c.flow + "\"");
  if (c.by != "consent" && c.by != "examination")
    throw EnqueueError(Reason::bad_argument,
                       "the dates must be consent or examination dates, not \"" + c.by + "\"");
  if (c.flow == "homevisit" && c.by == "examination")
    throw EnqueueError(Reason::bad_argument,
                       "home-visit care is asked by consent dates only (examination dates are "
                       "for online care)");
  if (!model::is_valid_date8(c.from) || !model::is_valid_date8(c.to))
    throw EnqueueError(Reason::bad_argument, "the dates must be real dates YYYYMMDD, not \"" +
                                                 c.from + "\" and \"" + c.to + "\"");
  if (c.from > c.to)
    throw EnqueueError(Reason::bad_argument,
                       "the first date " + c.from + " is after the last date " + c.to);
  if (const std::string why = flow_refusal(f, c.flow); !why.empty())
    throw EnqueueError(Reason::not_used, why);
  // Refuse now what could never be sent.
  try {
    encode_request_document(criteria_document(f, c, correlation_key(hospnum, 1, 1)), f);
  } catch (const Error& e) {
    throw EnqueueError(Reason::invalid_data,
                       std::string("the criteria cannot be sent: ") + e.what());
  }
  BulkStart out;
  out.day = local_date8();
  store::NewBatch b;
  b.hospnum = hospnum;
  b.day = out.day;
  b.trigger = bulk_trigger_name(trigger);
  b.requested_by = requested_by;
  b.flow = c.flow;
  b.criteria = criteria_json(c);
  out.batch_id = store::insert_batch(conn, b);
  const long long job_id =
      store::enqueue_bulk_upload_job(conn, hospnum, out.day, "[]", out.batch_id, 1,
                                     static_cast<long long>(kMinimumJobLifetime.count()),
                                     requested_by, model::kind_name(bulk_upload_kind(c.flow)));
  store::insert_chunk(conn, out.batch_id, 1, hospnum, "[]", 0, job_id);
  out.first_job_id = job_id;
  out.chunks = 1;
  return out;
}

long long bulk_poll_delay(int poll_s, int polls) {
  const long long base = std::max(1, poll_s);
  const long long cap = std::max(base, kMaxPollDelay);
  long long d = base;
  for (int i = 1; i < polls && d < cap; ++i) d *= 2;
  return std::min(d, cap);
}

std::optional<std::string> next_open_day(db::Connection& conn, int hospnum,
                                         const std::string& after) {
  if (!model::is_valid_date8(after)) throw Error("not a date YYYYMMDD: \"" + after + "\"");
  return host::next_reservation_day(conn, hospnum, after, kOpenDayHorizonDays);
}

BulkStart queue_bulk_precheck(db::Connection& conn, int hospnum, const std::string& day,
                              BulkTrigger trigger, const std::string& requested_by) {
  const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
  if (!model::is_valid_date8(day))
    throw Error("the reservation day must be a real date YYYYMMDD, not \"" + day + "\"");
  BulkStart out;
  out.day = day;
  // One entry per reserved patient; the insurance chosen like a single check's (valid that day,
  // not deleted, with an insurer number; several -> the one valid from the latest date).
  std::vector<Entry> entries;
  for (const host::ReservedPatient& p : host::reserved_patients(conn, hospnum, day)) {
    if (p.unknown) {  // a reservation of an unknown patient
      ++out.skipped_invalid;
      continue;
    }
    if (p.test_flag == "1") {
      ++out.skipped_test;
      continue;
    }
    if (!p.insurance && !p.assistance) {
      ++out.skipped_no_insurance;
      continue;
    }
    Entry e;
    e.ptid = p.ptid;
    e.ptnum = p.ptnum;
    e.birthdate = p.birthday;
    if (p.insurance) {
      e.hknid = p.insurance->hknid;
      e.insurer_number = p.insurance->insurer;
      e.symbol = p.insurance->symbol;
      e.number = p.insurance->number;
      e.branch = p.insurance->branch;
    } else {  // public assistance only: payer and recipient numbers, no symbol or branch
      e.kohid = p.assistance->kohid;
      e.insurer_number = p.assistance->payer;
      e.number = p.assistance->recipient;
    }
    bool ok = !e.ptnum.empty() && !e.number.empty() && model::is_valid_date8(e.birthdate);
    if (ok) {
      // Refuse now what could never be sent, so that one person never fails a whole chunk.
      try {
        encode_request_document(upload_document(f, day, {e}, correlation_key(hospnum, 1, 1)), f);
      } catch (const Error&) {
        ok = false;
      }
    }
    if (!ok) {
      ++out.skipped_invalid;
      continue;
    }
    entries.push_back(std::move(e));
  }
  if (entries.empty()) return out;

  const store::BulkSettings s = store::bulk_settings(conn, hospnum);
  out.batch_id = store::insert_batch(
      conn,
      {hospnum, day, bulk_trigger_name(trigger), static_cast<int>(entries.size()), out.skipped_test,
       out.skipped_no_insurance, out.skipped_invalid, requested_by, "precheck", std::nullopt});
  out.patients = static_cast<int>(entries.size());
  const std::size_t chunk = static_cast<std::size_t>(std::max(1, s.chunk_max));
  for (std::size_t from = 0; from < entries.size(); from += chunk) {
    const int chunk_no = static_cast<int>(from / chunk) + 1;
    json::Array list, ptids;
    for (std::size_t i = from; i < std::min(entries.size(), from + chunk); ++i) {
      list.push_back(entry_json(entries[i]));
      ptids.push_back(static_cast<std::int64_t>(entries[i].ptid));
    }
    const int n = static_cast<int>(list.size());
    const long long job_id = store::enqueue_bulk_upload_job(
        conn, hospnum, day, json::dump(json::Value(std::move(ptids))), out.batch_id, chunk_no,
        static_cast<long long>(kMinimumJobLifetime.count()), requested_by);
    store::insert_chunk(conn, out.batch_id, chunk_no, hospnum,
                        json::dump(json::Value(std::move(list))), n, job_id);
    if (!out.first_job_id) out.first_job_id = job_id;
    ++out.chunks;
  }
  return out;
}

ScheduledRun run_scheduled_precheck(db::Connection& conn, const db::FacilitySettings& facility,
                                    const std::string& today, const std::string& time6) {
  ScheduledRun out;
  const int hospnum = facility.hospnum;
  // Cheap check first (every queue pass calls this).
  if (!store::scheduled_run_due(conn, hospnum, today, time6)) return out;

  db::Transaction tx(conn);
  if (!store::claim_scheduled_run(conn, hospnum, today)) {  // another engine ran it a moment ago
    tx.rollback();
    return out;
  }
  out.ran = true;
  const std::optional<std::string> day = next_open_day(conn, hospnum, today);
  if (!day) {
    out.note = "no reservations within " + std::to_string(kOpenDayHorizonDays) + " days";
  } else {
    if (const std::optional<long long> earlier =
            store::batch_created_on(conn, hospnum, *day, today)) {
      out.note = "already requested today (batch " + std::to_string(*earlier) + ")";
      out.start.day = *day;
    } else {
      out.start = queue_bulk_precheck(conn, hospnum, *day, BulkTrigger::schedule, "onshi-bulk");
      if (!out.start.batch_id) out.note = "nobody to check on " + *day;
    }
  }
  store::finish_scheduled_run(
      conn, hospnum, today, day,
      out.start.batch_id ? std::optional<long long>(out.start.batch_id) : std::nullopt,
      out.note.empty() ? std::nullopt : std::optional<std::string>(out.note));
  tx.commit();
  return out;
}

ScheduledRun run_scheduled_precheck(db::Connection& conn, const db::FacilitySettings& facility) {
  const std::time_t now = wall_clock_now();  // one instant for both (and the test clock offset)
  return run_scheduled_precheck(conn, facility, local_date8(now), local_time6(now));
}

std::string build_bulk_precheck_request(db::Connection& conn, const db::FacilitySettings& f,
                                        const RequestJob& job) {
  const model::MessageKind kind = job.kind;
  const long long job_id = job.job.job_id;
  const std::string& key = job.correlation_key;
  const std::string flow = flow_of_kind(kind);
  if (kind == bulk_download_kind("precheck") || kind == bulk_download_kind("homevisit") ||
      kind == bulk_download_kind("online")) {
    const std::optional<std::string> reception = store::job_reception_number(conn, job_id);
    if (!reception || reception->empty())
      throw Error("the download request has no reception number");
    model::Document doc = model::Document::make(kind);
    doc.encoding = request_encoding(f);
    doc.header.MedicalInstitutionCode = f.institution_code;
    doc.as<model::ReceptionBody>().ReceptionNumber = *reception;
    return encode_request_document(doc, f);
  }
  if (flow.empty()) throw Error(std::string("not a bulk request: ") + model::kind_name(kind));
  const std::optional<store::ChunkEntries> chunk = store::chunk_entries_of_upload(conn, job_id);
  if (!chunk)
    throw Error("the bulk request belongs to no pre-check batch (queued by an older version?)");
  if (chunk->flow != flow)
    throw Error("the bulk request belongs to a batch of another flow (" + chunk->flow + ")");
  if (flow != "precheck") {  // a consented-information bulk: its criteria
    if (const std::string why = flow_refusal(f, flow); !why.empty()) throw Error(why);
    ConsentedCriteria c;
    try {
      c = criteria_of(flow, chunk->criteria.value_or(""));
    } catch (const std::exception& e) {
      throw Error(std::string("the batch's criteria are unreadable: ") + e.what());
    }
    return encode_request_document(criteria_document(f, c, key), f);
  }
  std::vector<Entry> entries;
  try {
    const json::Value list = json::parse(chunk->entries);
    for (const json::Value& v : list.as_array()) {
      auto at = [&v](const char* name) -> const json::Value& {
        const json::Value* x = v.find(name);
        if (!x) throw Error(std::string("no ") + name);
        return *x;
      };
      Entry e;
      e.ptid = at("ptid").as_int();
      e.hknid = static_cast<int>(at("hknid").as_int());
      if (const json::Value* k = v.find("kohid")) e.kohid = static_cast<int>(k->as_int());
      e.ptnum = at("ptnum").as_string();
      e.insurer_number = at("insurer_number").as_string();
      if (!at("symbol").is_null()) e.symbol = at("symbol").as_string();
      e.number = at("number").as_string();
      if (!at("branch").is_null()) e.branch = at("branch").as_string();
      e.birthdate = at("birthdate").as_string();
      entries.push_back(std::move(e));
    }
  } catch (const std::exception& e) {
    throw Error(std::string("the chunk's entries are unreadable: ") + e.what());
  }
  if (entries.empty()) throw Error("the chunk has no entries");
  return encode_request_document(upload_document(f, chunk->day, entries, key), f);
}

StoredRows handle_bulk_precheck_result(db::Connection& conn, const ResultFile& file) {
  using K = model::MessageKind;
  if (file.kind == K::OQSmuquc01res || file.kind == K::OQSmuhvq01res ||
      file.kind == K::OQSmuonq01res) {  // the reception number, first poll
    upload_answered(conn, file.facility, file.doc, file.job_id);
    return {};
  }
  if (file.kind != K::OQSmuquc02res && file.kind != K::OQSmuhvq02res &&
      file.kind != K::OQSmuonq02res)
    throw Error(std::string("not a bulk result: ") + model::kind_name(file.kind));
  // A final result's units are confirmations of their patients (qualification.h), stored
  // before the chunk counts them; registrations are queued after its bookkeeping.
  PendingRegistrations registrations;
  StoredRows rows;
  if (model::text_or_empty(file.doc.header.SegmentOfResult) == "1")
    rows = store_bulk_confirmations(conn, file, registrations);
  download_answered(conn, file);  // counts, next poll
  queue_pending_registrations(conn, file.facility.hospnum, registrations);
  return rows;
}

std::vector<BulkBatchStatus> bulk_status(db::Connection& conn, int hospnum, const std::string& day,
                                         int limit) {
  std::vector<BulkBatchStatus> out;
  for (const store::BatchCounts& c : store::batch_counts(conn, hospnum, day, limit)) {
    BulkBatchStatus s;
    s.batch_id = c.batch_id;
    s.hospnum = c.hospnum;
    s.day = c.day;
    s.trigger = c.trigger;
    s.flow = c.flow;
    if (c.criteria) {
      try {
        const ConsentedCriteria k = criteria_of(c.flow, *c.criteria);
        s.criteria = k.by + " " + k.from + "-" + k.to;
      } catch (const std::exception&) {
        s.criteria = *c.criteria;
      }
    }
    s.created_at = c.created_at;
    s.chunks = c.chunks;
    s.requested = c.patients;
    s.done = c.units;
    s.valid = c.valid;
    s.invalid = c.invalid;
    s.error = c.errors + c.failed_patients;
    s.processing = c.open_patients;
    s.polls = c.polls;
    s.skipped = c.skipped;
    if (c.open_chunks > 0)
      s.state = c.waiting_chunks > 0 || s.done > 0 ? "processing" : "requested";
    else
      s.state = c.failed_chunks > 0 ? "error" : "done";
    s.errors = c.failures;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace onshi::exchange
