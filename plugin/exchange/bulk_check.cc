// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/bulk_check.h"

#include <algorithm>
#include <stdexcept>

#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/requests.h"
#include "host/reception.h"
#include "json/json.h"
#include "model/messages.h"

namespace onshi::exchange {
namespace {

constexpr long long kMaxPollDelay = 1800;  // seconds

bool is_date8(const std::string& d) {
  if (d.size() != 8 || d.find_first_not_of("0123456789") != std::string::npos) return false;
  const int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(4, 2)),
            day = std::stoi(d.substr(6, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || day < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// One person of a chunk, as stored in onshi_bulk_chunk.entries.
struct Entry {
  long long ptid = 0;
  int hknid = 0;
  std::string ptnum, insurer_number, number, birthdate;
  std::optional<std::string> symbol, branch;
};

model::QualificationConfirmSearchInfo search_info(const Entry& e) {
  model::QualificationConfirmSearchInfo s;
  s.InsurerNumber = e.insurer_number;  // the writer pads a 6-digit number (decision 5)
  if (e.symbol && !e.symbol->empty()) s.InsuredCardSymbol = *e.symbol;
  s.InsuredIdentificationNumber = e.number;
  s.InsuredBranchNumber = e.branch.value_or("");  // unknown: empty, never invented
  s.Birthdate = e.birthdate;
  // The patient is not at a reader the evening before: no verbal consent to limit information.
  s.LimitApplicationCertificateRelatedConsFlg = "0";
  s.ArbitraryIdentifier = e.ptnum + "_" + std::to_string(e.hknid);
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
  o.emplace_back("ptnum", e.ptnum);
  o.emplace_back("insurer_number", e.insurer_number);
  o.emplace_back("symbol", e.symbol ? json::Value(*e.symbol) : json::Value());
  o.emplace_back("number", e.number);
  o.emplace_back("branch", e.branch ? json::Value(*e.branch) : json::Value());
  o.emplace_back("birthdate", e.birthdate);
  return o;
}

/// The per-facility bulk settings (read each time: an admin may change them while running).
struct BulkSettings {
  int chunk_max = 1000;
  int poll_s = 300;
  int max_polls = 30;
};

BulkSettings bulk_settings(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec(
      "SELECT bulk_chunk_max, bulk_poll_s, bulk_max_polls FROM onshi_facility WHERE hospnum = $1",
      {hospnum});
  BulkSettings s;
  if (r.rows() == 0) return s;
  s.chunk_max = static_cast<int>(r.integer(0, 0));
  s.poll_s = static_cast<int>(r.integer(0, 1));
  s.max_polls = static_cast<int>(r.integer(0, 2));
  return s;
}

/// Queues an OQSmuquc02req of a chunk after `delay` seconds; @return the job id.
long long queue_download(db::Connection& conn, int hospnum, long long batch_id, int chunk_no,
                         const std::string& day, const std::string& reception_number, int poll,
                         long long delay) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
      "  expires_at, requested_by) "
      "VALUES ($1, 'OQSmuquc02req', jsonb_build_object('day', $2::text, "
      "  'confirmation_date', $2::text, 'batch_id', $3::bigint, 'chunk_no', $4::int, "
      "  'reception_number', $5::text, 'poll', $6::int), 'pending', "
      "  now() + make_interval(secs => $7), now() + make_interval(secs => $7), "
      "  greatest(to_timestamp($2::text, 'YYYYMMDD') + interval '1 day', "
      "           now() + make_interval(secs => $7 + $8)), 'onshi-bulk') "
      "RETURNING job_id",
      {hospnum, day, batch_id, chunk_no, reception_number, poll, delay,
       static_cast<long long>(kMinimumJobLifetime.count())});
  return j.integer(0, 0);
}

void fail_chunk(db::Connection& conn, long long batch_id, int chunk_no, const std::string& why) {
  conn.exec(
      "UPDATE onshi_bulk_chunk SET state = 'error', last_error = $3, updated_at = now() "
      "WHERE batch_id = $1 AND chunk_no = $2",
      {batch_id, chunk_no, why.substr(0, 1000)});
}

std::string terminal_error(const model::MessageHeader& h) {
  std::string s = "SegmentOfResult " + (h.SegmentOfResult ? *h.SegmentOfResult : "(none)");
  if (!model::text_or_empty(h.ErrorCode).empty()) s += " " + model::text_or_empty(h.ErrorCode);
  if (!model::text_or_empty(h.ErrorMessage).empty()) s += ": " + model::text_or_empty(h.ErrorMessage);
  return s;
}

}  // namespace

const char* bulk_trigger_name(BulkTrigger t) {
  switch (t) {
    case BulkTrigger::schedule: return "schedule";
    case BulkTrigger::admin: return "admin";
    case BulkTrigger::screen: return "screen";
  }
  return "admin";
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
  if (!is_date8(after)) throw Error("not a date YYYYMMDD: \"" + after + "\"");
  return host::next_reservation_day(conn, hospnum, after, kOpenDayHorizonDays);
}

BulkStart start_bulk_precheck(db::Connection& conn, int hospnum, const std::string& day,
                              BulkTrigger trigger, const std::string& requested_by) {
  const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
  if (!is_date8(day)) throw Error("the reservation day must be a real date YYYYMMDD, not \"" +
                                  day + "\"");
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
    if (!p.insurance) {
      ++out.skipped_no_insurance;
      continue;
    }
    Entry e;
    e.ptid = p.ptid;
    e.ptnum = p.ptnum;
    e.birthdate = p.birthday;
    e.hknid = p.insurance->hknid;
    e.insurer_number = p.insurance->insurer;
    e.symbol = p.insurance->symbol;
    e.number = p.insurance->number;
    e.branch = p.insurance->branch;
    bool ok = !e.ptnum.empty() && !e.number.empty() && is_date8(e.birthdate);
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

  const BulkSettings s = bulk_settings(conn, hospnum);
  db::Result b = conn.exec(
      "INSERT INTO onshi_bulk_batch (hospnum, day, trigger, patients, skipped_test, "
      "  skipped_no_insurance, skipped_invalid, requested_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING batch_id",
      {hospnum, day, bulk_trigger_name(trigger), static_cast<int>(entries.size()),
       out.skipped_test, out.skipped_no_insurance, out.skipped_invalid, requested_by});
  out.batch_id = b.integer(0, 0);
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
    db::Result j = conn.exec(
        "INSERT INTO onshi_job (hospnum, kind, payload, state, due_at, next_attempt_at, "
        "  expires_at, requested_by) "
        "VALUES ($1, 'OQSmuquc01req', jsonb_build_object('day', $2::text, "
        "  'confirmation_date', $2::text, 'ptids', $3::jsonb, 'batch_id', $4::bigint, "
        "  'chunk_no', $5::int), 'pending', now(), now(), "
        "  greatest(to_timestamp($2::text, 'YYYYMMDD') + interval '1 day', "
        "           now() + make_interval(secs => $6)), $7) RETURNING job_id",
        {hospnum, day, json::dump(json::Value(std::move(ptids))), out.batch_id, chunk_no,
         static_cast<long long>(kMinimumJobLifetime.count()), requested_by});
    const long long job_id = j.integer(0, 0);
    conn.exec(
        "INSERT INTO onshi_bulk_chunk (batch_id, chunk_no, hospnum, entries, patients, "
        "  upload_job_id) VALUES ($1, $2, $3, $4::jsonb, $5, $6)",
        {out.batch_id, chunk_no, hospnum, json::dump(json::Value(std::move(list))), n, job_id});
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
  db::Result due = conn.exec(
      "SELECT 1 FROM onshi_facility f WHERE f.hospnum = $1 AND f.enabled "
      "AND to_char(f.batch_time, 'HH24MISS') <= $3 "
      // A facility enabled after today's batch time starts tomorrow (no surprise run at once).
      "AND (f.enabled_at IS NULL OR "
      "     to_char(f.enabled_at, 'YYYYMMDDHH24MISS') < ($2 || to_char(f.batch_time, 'HH24MISS'))) "
      "AND NOT EXISTS (SELECT 1 FROM onshi_bulk_run r WHERE r.hospnum = $1 AND r.run_date >= $2)",
      {hospnum, today, time6});
  if (due.rows() == 0) return out;

  db::Transaction tx(conn);
  db::Result claimed = conn.exec(
      "INSERT INTO onshi_bulk_run (hospnum, run_date) SELECT $1, $2 "
      "WHERE NOT EXISTS (SELECT 1 FROM onshi_bulk_run WHERE hospnum = $1 AND run_date > $2) "
      "ON CONFLICT DO NOTHING RETURNING run_date",
      {hospnum, today});
  if (claimed.rows() == 0) {  // another engine ran it a moment ago
    tx.rollback();
    return out;
  }
  out.ran = true;
  const std::optional<std::string> day = next_open_day(conn, hospnum, today);
  if (!day) {
    out.note = "no reservations within " + std::to_string(kOpenDayHorizonDays) + " days";
  } else {
    db::Result earlier = conn.exec(
        "SELECT batch_id FROM onshi_bulk_batch WHERE hospnum = $1 AND day = $2 "
        "AND created_at::date = to_date($3, 'YYYYMMDD') ORDER BY batch_id DESC LIMIT 1",
        {hospnum, *day, today});
    if (earlier.rows() > 0) {
      out.note = "already requested today (batch " + earlier.text(0, 0) + ")";
      out.start.day = *day;
    } else {
      out.start = start_bulk_precheck(conn, hospnum, *day, BulkTrigger::schedule, "onshi-bulk");
      if (!out.start.batch_id) out.note = "nobody to check on " + *day;
    }
  }
  conn.exec(
      "UPDATE onshi_bulk_run SET day = $3, batch_id = $4, note = $5 "
      "WHERE hospnum = $1 AND run_date = $2",
      {hospnum, today, day ? db::Param(*day) : db::Param(),
       out.start.batch_id ? db::Param(out.start.batch_id) : db::Param(),
       out.note.empty() ? db::Param() : db::Param(out.note)});
  tx.commit();
  return out;
}

ScheduledRun run_scheduled_precheck(db::Connection& conn, const db::FacilitySettings& facility) {
  const std::time_t now = wall_clock_now();  // one instant for both (and the test clock offset)
  return run_scheduled_precheck(conn, facility, local_date8(now), local_time6(now));
}

std::string encode_bulk_request(db::Connection& conn, const db::FacilitySettings& f,
                                model::MessageKind kind, long long job_id,
                                const std::string& key) {
  if (kind == model::MessageKind::OQSmuquc02req) {
    db::Result r = conn.exec(
        "SELECT coalesce(payload->>'reception_number', '') FROM onshi_job WHERE job_id = $1",
        {job_id});
    if (r.rows() == 0 || r.text(0, 0).empty())
      throw Error("the download request has no reception number");
    model::Document doc = model::Document::make(kind);
    doc.encoding = request_encoding(f);
    doc.header.MedicalInstitutionCode = f.institution_code;
    doc.as<model::ReceptionBody>().ReceptionNumber = r.text(0, 0);
    return encode_request_document(doc, f);
  }
  if (kind != model::MessageKind::OQSmuquc01req)
    throw Error(std::string("not a bulk pre-check request: ") + model::kind_name(kind));
  db::Result r = conn.exec(
      "SELECT b.day, c.entries::text FROM onshi_bulk_chunk c JOIN onshi_bulk_batch b "
      "USING (batch_id) WHERE c.upload_job_id = $1",
      {job_id});
  if (r.rows() == 0)
    throw Error("the bulk request belongs to no pre-check batch (queued by an older version?)");
  std::vector<Entry> entries;
  try {
    const json::Value list = json::parse(r.text(0, 1));
    for (const json::Value& v : list.as_array()) {
      auto at = [&v](const char* name) -> const json::Value& {
        const json::Value* x = v.find(name);
        if (!x) throw Error(std::string("no ") + name);
        return *x;
      };
      Entry e;
      e.ptid = at("ptid").as_int();
      e.hknid = static_cast<int>(at("hknid").as_int());
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
  return encode_request_document(upload_document(f, r.text(0, 0), entries, key), f);
}

void on_bulk_upload_answer(db::Connection& conn, const db::FacilitySettings& facility,
                           const model::Document& doc, long long job_id) {
  if (!job_id) return;
  db::Result c = conn.exec(
      "SELECT c.batch_id, c.chunk_no, c.state, c.reception_number IS NOT NULL, b.day "
      "FROM onshi_bulk_chunk c JOIN onshi_bulk_batch b USING (batch_id) "
      "WHERE c.hospnum = $1 AND c.upload_job_id = $2 FOR UPDATE OF c",
      {facility.hospnum, job_id});
  if (c.rows() == 0) return;  // not a pre-check upload
  const long long batch_id = c.integer(0, 0);
  const int chunk_no = static_cast<int>(c.integer(0, 1));
  if (c.text(0, 2) != "uploading" || c.text(0, 3) == "t") return;  // a late second answer
  const auto& body = doc.as<model::ReceptionBody>();
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  if (!segment.empty() && segment != "1") {
    fail_chunk(conn, batch_id, chunk_no, "upload refused: " + terminal_error(doc.header));
    return;
  }
  if (!model::text_or_empty(body.ProcessingResultStatus).empty() && model::text_or_empty(body.ProcessingResultStatus) != "1") {
    fail_chunk(conn, batch_id, chunk_no,
               "upload refused: ProcessingResultStatus " + model::text_or_empty(body.ProcessingResultStatus) +
                   " " + model::text_or_empty(body.ProcessingResultCode) + " " +
                   model::text_or_empty(body.ProcessingResultMessage));
    return;
  }
  const std::string rn = model::text_or_empty(body.ReceptionNumber);
  if (rn.empty()) {
    fail_chunk(conn, batch_id, chunk_no, "the upload answer carries no ReceptionNumber");
    return;
  }
  const std::string rt = model::text_or_empty(body.ReceptionDateTime);
  const BulkSettings s = bulk_settings(conn, facility.hospnum);
  const long long download =
      queue_download(conn, facility.hospnum, batch_id, chunk_no, c.text(0, 4), rn, 1,
                     bulk_poll_delay(s.poll_s, 0));
  conn.exec(
      "UPDATE onshi_bulk_chunk SET state = 'waiting', reception_number = $3, "
      "reception_time = CASE WHEN $4 ~ '^[0-9]{14}$' THEN to_timestamp($4, 'YYYYMMDDHH24MISS') "
      "  ::timestamp END, download_job_id = $5, last_error = NULL, updated_at = now() "
      "WHERE batch_id = $1 AND chunk_no = $2",
      {batch_id, chunk_no, rn, rt, download});
}

void on_bulk_download_answer(db::Connection& conn, const db::FacilitySettings& facility,
                             const model::Document& doc, const std::string& file_name,
                             long long file_id) {
  const int hospnum = facility.hospnum;
  // The download request this answers: the result name mirrors the request's.
  std::string req_name = file_name;
  if (const std::size_t p = req_name.find("res_"); p != std::string::npos)
    req_name.replace(p, 4, "req_");
  db::Result j = conn.exec(
      "SELECT job_id FROM onshi_job WHERE hospnum = $1 AND request_file = $2 "
      "AND kind = 'OQSmuquc02req' FOR UPDATE",
      {hospnum, req_name});
  const long long asked = j.rows() ? j.integer(0, 0) : 0;
  if (asked)
    conn.exec(
        "UPDATE onshi_job SET state = 'answered', last_error = NULL, updated_at = now() "
        "WHERE job_id = $1 AND state IN ('pending', 'sent', 'failed', 'expired')",
        {asked});
  const std::string rn = model::text_or_empty(doc.header.ReceptionNumber);
  db::Result c = conn.exec(
      "SELECT c.batch_id, c.chunk_no, c.state, coalesce(c.download_job_id, 0), c.polls, "
      "  c.reception_number, b.day FROM onshi_bulk_chunk c JOIN onshi_bulk_batch b "
      "  USING (batch_id) WHERE c.hospnum = $1 AND "
      "  ((c.reception_number = $2 AND $2 <> '') OR c.download_job_id = $3) "
      "ORDER BY (c.reception_number = $2) DESC LIMIT 1 FOR UPDATE OF c",
      {hospnum, rn, asked});
  if (c.rows() == 0) return;  // not one of our pre-checks
  const long long batch_id = c.integer(0, 0);
  const int chunk_no = static_cast<int>(c.integer(0, 1));
  const std::string state = c.text(0, 2);
  const long long current = c.integer(0, 3);
  const int polls = static_cast<int>(c.integer(0, 4));
  if (state == "done") return;  // a second final answer: the first one counted
  const std::string segment = model::text_or_empty(doc.header.SegmentOfResult);
  if (segment == "1") {
    int valid = 0, invalid = 0, errors = 0, units = 0;
    for (const model::BulkConfirmUnit& u : doc.as<model::BulkConfirmBody>().BulkConfirmUnit) {
      ++units;
      const std::string validity = model::text_or_empty(u.QualificationValidity);
      if (model::text_or_empty(u.ProcessingResultStatus) != "1")
        ++errors;
      else if (validity == "1" || validity == "6")
        ++valid;
      else
        ++invalid;
    }
    // A unit without a result (an error) still belongs to the person we asked about: tie its
    // row to that patient through our own ArbitraryIdentifier, so that screens show the error.
    conn.exec(
        "UPDATE onshi_confirmation c SET ptid = (e->>'ptid')::bigint, linked_by = 'request' "
        "FROM onshi_bulk_chunk k, jsonb_array_elements(k.entries) e "
        "WHERE k.batch_id = $1 AND k.chunk_no = $2 AND c.file_id = $3 AND c.ptid IS NULL "
        "  AND c.link_state = 'not_applicable' "
        "  AND c.request_echo->>'ArbitraryIdentifier' = (e->>'ptnum') || '_' || (e->>'hknid')",
        {batch_id, chunk_no, file_id});
    conn.exec(
        "UPDATE onshi_bulk_chunk SET state = 'done', units = $3, valid = $4, invalid = $5, "
        "errors = $6, result_file_id = $7, last_error = NULL, updated_at = now() "
        "WHERE batch_id = $1 AND chunk_no = $2",
        {batch_id, chunk_no, units, valid, invalid, errors, file_id});
    if (current && current != asked)  // the final came for an earlier poll: stop the later one
      conn.exec(
          "UPDATE onshi_job SET state = 'cancelled', updated_at = now(), "
          "last_error = 'the result arrived for an earlier request' "
          "WHERE job_id = $1 AND state = 'pending'",
          {current});
    return;
  }
  if (state == "error") return;
  if (segment == "2") {
    if (asked && current && asked != current) return;  // a late answer to an older poll
    const BulkSettings s = bulk_settings(conn, hospnum);
    const int n = polls + 1;
    if (n >= s.max_polls) {
      conn.exec("UPDATE onshi_bulk_chunk SET polls = $3 WHERE batch_id = $1 AND chunk_no = $2",
                {batch_id, chunk_no, n});
      fail_chunk(conn, batch_id, chunk_no,
                 "still processing after " + std::to_string(n) + " download requests");
      return;
    }
    const long long next = queue_download(conn, hospnum, batch_id, chunk_no, c.text(0, 6),
                                          c.text(0, 5), n + 1, bulk_poll_delay(s.poll_s, n));
    conn.exec(
        "UPDATE onshi_bulk_chunk SET polls = $3, download_job_id = $4, updated_at = now() "
        "WHERE batch_id = $1 AND chunk_no = $2",
        {batch_id, chunk_no, n, next});
    return;
  }
  fail_chunk(conn, batch_id, chunk_no, "download refused: " + terminal_error(doc.header));
}

std::vector<BulkBatchStatus> bulk_status(db::Connection& conn, int hospnum, const std::string& day,
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
      "SELECT b.batch_id, b.hospnum, b.day, b.trigger, "
      "  to_char(b.created_at, 'YYYY-MM-DD HH24:MI:SS'), count(c.chunk_no), b.patients, "
      "  coalesce(sum(c.units) FILTER (WHERE c.eff = 'done'), 0), "
      "  coalesce(sum(c.valid) FILTER (WHERE c.eff = 'done'), 0), "
      "  coalesce(sum(c.invalid) FILTER (WHERE c.eff = 'done'), 0), "
      "  coalesce(sum(c.errors) FILTER (WHERE c.eff = 'done'), 0), "
      "  coalesce(sum(c.patients) FILTER (WHERE c.eff = 'error'), 0), "
      "  coalesce(sum(c.patients) FILTER (WHERE c.eff IN ('uploading', 'waiting')), 0), "
      "  coalesce(sum(c.polls), 0), "
      "  b.skipped_test + b.skipped_no_insurance + b.skipped_invalid, "
      "  count(*) FILTER (WHERE c.eff = 'error'), "
      "  count(*) FILTER (WHERE c.eff IN ('uploading', 'waiting')), "
      "  count(*) FILTER (WHERE c.eff = 'waiting'), "
      "  coalesce(string_agg('chunk ' || c.chunk_no || ': ' || coalesce(c.why, 'failed'), '; ' "
      "    ORDER BY c.chunk_no) FILTER (WHERE c.eff = 'error'), '') "
      "FROM onshi_bulk_batch b LEFT JOIN c ON c.batch_id = b.batch_id "
      "WHERE ($1 = 0 OR b.hospnum = $1) AND ($2 = '' OR b.day = $2) "
      "GROUP BY b.batch_id ORDER BY b.batch_id DESC LIMIT $3",
      {hospnum, day, limit});
  std::vector<BulkBatchStatus> out;
  for (int i = 0; i < r.rows(); ++i) {
    BulkBatchStatus s;
    auto n = [&](int col) { return static_cast<int>(r.integer(i, col)); };
    s.batch_id = r.integer(i, 0);
    s.hospnum = n(1);
    s.day = r.text(i, 2);
    s.trigger = r.text(i, 3);
    s.created_at = r.text(i, 4);
    s.chunks = n(5);
    s.requested = n(6);
    s.done = n(7);
    s.valid = n(8);
    s.invalid = n(9);
    s.error = n(10) + n(11);
    s.processing = n(12);
    s.polls = n(13);
    s.skipped = n(14);
    const int failed_chunks = n(15), open_chunks = n(16), waiting = n(17);
    if (open_chunks > 0)
      s.state = waiting > 0 || s.done > 0 ? "processing" : "requested";
    else
      s.state = failed_chunks > 0 ? "error" : "done";
    s.errors = r.text(i, 18);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace onshi::exchange
