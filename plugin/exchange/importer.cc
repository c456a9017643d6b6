// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/importer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/log.h"
#include "common/sha256.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/bulk_check.h"
#include "exchange/medical_info.h"
#include "exchange/reference_numbers.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "json/document_json.h"
#include "host/confirmation.h"
#include "host/patients.h"
#include "store/confirmations.h"
#include "store/jobs.h"
#include "store/received_files.h"
#include "model/kind.h"
#include "text/encoding.h"
#include "text/normalize.h"
#include "xml/reader.h"

namespace onshi::exchange {
namespace {

using model::MessageKind;
using model::ResultOfQualificationConfirmation;


/// Hex digest -> the 32 raw bytes the table stores.
std::string digest_bytes(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

/// YYYYMMDDHHMMSS -> "YYYY-MM-DD HH:MM:SS" (already validated by the reader), or NULL.
std::optional<std::string> timestamp(const model::Text& t) {
  if (!t || t->size() != 14) return std::nullopt;
  const std::string& s = *t;
  return std::string(s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + " " +
                   s.substr(8, 2) + ":" + s.substr(10, 2) + ":" + s.substr(12, 2));
}

/// The date the confirmation is for: QualificationConfirmationDate, else the processing day.
std::string confirmation_date(const model::MessageHeader& h) {
  if (h.QualificationConfirmationDate && h.QualificationConfirmationDate->size() == 8)
    return *h.QualificationConfirmationDate;
  if (h.ProcessExecutionTime && h.ProcessExecutionTime->size() == 14)
    return h.ProcessExecutionTime->substr(0, 8);
  return local_date8();
}

/// Job id from our own correlation key of this facility ("onshi-<hospnum>-<job_id>-<attempt>",
/// requests.h), or 0.
long long job_from_correlation(const std::string& key, int hospnum) {
  const std::optional<CorrelationKey> k = parse_correlation_key(key);
  return k && k->hospnum == hospnum ? k->job_id : 0;
}

/// The request a result file answers, "" when it answers none.
std::string request_name_for(const std::string& result_name) {
  return model::request_file_name_for(result_name).value_or("");
}

struct JobRef {
  long long job_id = 0;
  std::optional<long long> ptid;
};

/// Finds (and locks) the job a result answers and marks it answered.
JobRef answer_job(db::Connection& conn, int hospnum, const model::Document& doc,
                  const std::string& file_name) {
  const std::string afi = model::text_or_empty(doc.header.ArbitraryFileIdentifier);
  const std::string req_name = request_name_for(file_name);
  const std::optional<store::AnsweredJob> job = store::find_job_for_answer(
      conn, hospnum, afi, req_name, job_from_correlation(afi, hospnum));
  JobRef ref;
  if (!job) return ref;
  ref.job_id = job->job_id;
  ref.ptid = job->ptid;
  // A late answer after a retry or a timeout still answers the job: nothing is thrown away.
  store::mark_answered(conn, ref.job_id);
  return ref;
}

/// Everything needed to store one result.
struct ResultContext {
  int hospnum;
  long long file_id;
  long long job_id;
  const char* source;  // face | single | bulk
  const char* kind;
  std::string date;
  bool valid_file;     // SegmentOfResult 1
  // Body-level status (single/face) or unit-level (bulk).
  const model::Text* status;
  const model::Text* code;
  const model::Text* message;
  const model::Text* validity;
  const model::QualificationConfirmSearchInfo* echo;
  /// Linked, valid results of patients with no registered or pending reference number:
  /// (ptid, confirmation_id), in file order. A registration is queued for each after the results.
  std::vector<std::pair<long long, long long>>* registrations;
};

json::Value proposal_for(const ResultOfQualificationConfirmation& r) {
  json::Object p;
  p.emplace_back("name", model::text_or_empty(r.Name));
  p.emplace_back("name_unrepresentable", r.Name && text::has_unrepresentable_mark(*r.Name));
  p.emplace_back("kananame", text::kana_name_for_host(model::text_or_empty(r.NameKana)));
  p.emplace_back("sex", model::text_or_empty(r.Sex1));
  p.emplace_back("birthday", model::text_or_empty(r.Birthdate));
  std::string post = model::text_or_empty(r.PostNumber);
  if (post.size() == 8 && post[3] == '-') post.erase(3, 1);
  p.emplace_back("home_post", post);
  p.emplace_back("home_adrs", model::text_or_empty(r.Address));
  json::Object ins;
  ins.emplace_back("card_classification", model::text_or_empty(r.InsuredCardClassification));
  ins.emplace_back("hknjanum", std::string(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber))));
  ins.emplace_back("kigo", model::text_or_empty(r.InsuredCardSymbol));
  ins.emplace_back("num", model::text_or_empty(r.InsuredIdentificationNumber));
  ins.emplace_back("edaban", model::text_or_empty(r.InsuredBranchNumber));
  ins.emplace_back("honkzkkbn", model::text_or_empty(r.PersonalFamilyClassification));
  ins.emplace_back("hihknjaname", model::text_or_empty(r.InsuredName));
  ins.emplace_back("skkgetymd", model::text_or_empty(r.QualificationDate));
  ins.emplace_back("tekstymd", model::text_or_empty(r.InsuredCardValidDate));
  ins.emplace_back("tekedymd", model::text_or_empty(r.InsuredCardExpirationDate));
  ins.emplace_back("insurer_name", model::text_or_empty(r.InsurerName));
  p.emplace_back("insurance", std::move(ins));
  return p;
}

/// Applies a valid, linked result to the host: last confirmation date, an empty branch filled.
/// Names are never touched. @return what was changed, for the confirmation row.
json::Object update_host(db::Connection& conn, const ResultContext& ctx,
                         const ResultOfQualificationConfirmation& r, const match::ResultLink& link) {
  json::Object done;
  const bool public_assistance = model::text_or_empty(r.InsuredCardClassification) == "A1";
  const std::string today = local_date8(), time = local_time6();
  const host::Stamp stamp{today, time};
  if (public_assistance) {
    if (host::confirm_public_expense(
            conn, ctx.hospnum, link.ptid, ctx.date,
            std::string(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber))),
            model::text_or_empty(r.InsuredIdentificationNumber), stamp))
      done.emplace_back("kakuninymd", ctx.date);
    return done;
  }
  // The insurance row: the one the card matched, else the patient's row with these numbers.
  host::InsuranceConfirmation c;
  c.date = ctx.date;
  c.fill_branch = link.fill_branch;
  c.hknid = link.coverage_id;
  c.insurer = std::string(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber)));
  c.symbol = model::text_or_empty(r.InsuredCardSymbol);
  c.number = model::text_or_empty(r.InsuredIdentificationNumber);
  if (const std::optional<int> hknid = host::confirm_insurance(conn, ctx.hospnum, link.ptid, c, stamp)) {
    done.emplace_back("hknid", static_cast<std::int64_t>(*hknid));
    // The host's confirmation date moves only with the visit day's own result (never a future
    // date: the evening pre-check for tomorrow is stored, the day's confirmation applies it).
    if (ctx.date <= today) done.emplace_back("kakuninymd", ctx.date);  // (or a newer one kept)
    if (link.fill_branch) done.emplace_back("edaban", *link.fill_branch);
  }
  return done;
}

/// The consents a result carries, as rows of its confirmation.
std::vector<store::ConsentRow> consent_rows(const ResultOfQualificationConfirmation& r) {
  std::vector<store::ConsentRow> rows;
  for (const model::Consent& c : r.consents()) {
    if (!*c.flag || c.flag->value().empty()) continue;
    rows.push_back({c.type, **c.flag, timestamp(*c.time),
                    c.available_until ? timestamp(*c.available_until) : std::nullopt});
  }
  return rows;
}

/// The certificates returned with a result (limit, elderly, specific diseases, public-assistance
/// tickets), as rows of its confirmation.
std::vector<store::CertificateRow> certificate_rows(const ResultOfQualificationConfirmation& r) {
  std::vector<store::CertificateRow> rows;
  auto row = [&](const char* kind, int seq, const model::Text& cls, const model::Text& flag,
                 const model::Text& ratio, const model::Text& self_pay, const model::Text& start,
                 const model::Text& end, const json::Value& detail) {
    rows.push_back({kind, seq, cls, flag, ratio, self_pay, start, end, json::dump(detail)});
  };
  const model::Text none;
  if (const auto& l = r.LimitApplicationCertificateRelatedInfo)
    row("limit", 0, l->LimitApplicationCertificateClassification,
        l->LimitApplicationCertificateClassificationFlag, none, none,
        l->LimitApplicationCertificateValidStartDate, l->LimitApplicationCertificateValidEndDate,
        json::block_to_json(l->schema(), &*l));
  if (const auto& e = r.ElderlyRecipientCertificateInfo)
    row("elderly", 0, none, none, e->ElderlyRecipientContributionRatio, none,
        e->ElderlyRecipientValidStartDate, e->ElderlyRecipientValidEndDate,
        json::block_to_json(e->schema(), &*e));
  if (const auto& list = r.SpecificDiseasesCertificateList) {
    int seq = 0;
    for (const auto& s : list->SpecificDiseasesCertificateInfo)
      row("specific_disease", seq++, s.SpecificDiseasesDiseaseCategory, none, none,
          s.SpecificDiseasesSelfPay, s.SpecificDiseasesValidStartDate,
          s.SpecificDiseasesValidEndDate, json::block_to_json(s.schema(), &s));
  }
  if (const auto& list = r.PublicExpenseResultList) {
    int seq = 0;
    for (const auto& t : list->MedicalTicketInfo)
      row("public_assistance", seq++, t.TicketType, none, none, t.SelfPayAmount,
          t.MedicalTicketValidDate, t.MedicalTicketExpirationDate,
          json::block_to_json(t.schema(), &t));
  }
  return rows;
}

/// Writes one confirmation row (and its consents, certificates, host updates).
/// `result` is null for a file or unit that carries no result (error, validity 4, still busy).
bool store_confirmation(db::Connection& conn, const ResultContext& ctx, int index,
                        const ResultOfQualificationConfirmation* result,
                        const match::ResultLink* link) {
  const ResultOfQualificationConfirmation empty;
  const ResultOfQualificationConfirmation& r = result ? *result : empty;
  const bool linked = link && link->state == match::LinkState::linked;
  std::optional<long long> ptid;
  if (linked) ptid = link->ptid;
  // Definite (processing status 1, validity 1); valid also needs a file-level SegmentOfResult 1.
  const bool definite =
      model::text_or_empty(*ctx.status) == "1" && model::text_or_empty(*ctx.validity) == "1";
  const bool valid = ctx.valid_file && definite;

  json::Object differences;
  if (link && link->name_differs) differences.emplace_back("name", model::text_or_empty(r.Name));
  if (link && link->kana_differs) differences.emplace_back("kana", model::text_or_empty(r.NameKana));
  json::Object host_updates;
  if (linked && valid && result) host_updates = update_host(conn, ctx, r, *link);

  std::string candidate_array = "{";
  if (link)
    for (std::size_t i = 0; i < link->candidates.size(); ++i)
      candidate_array += (i ? "," : "") + std::to_string(link->candidates[i]);
  candidate_array += "}";

  // A card check-in of a person the host does not have, or whose card is registered for someone
  // else (a dependent, an unknown twin): staff may register the person from the proposal.
  const bool propose = result && link && std::string(ctx.source) == "face" &&
                       (link->state == match::LinkState::no_patient ||
                        (link->state == match::LinkState::candidates &&
                         link->host_status == "person_differs"));
  std::string host_status = link ? link->host_status : std::string();
  // One statement per result (store/confirmations.h): the row, its consents and certificates
  // and the reference-number bookkeeping.
  store::ConfirmationRow row;
  row.hospnum = ctx.hospnum;
  row.file_id = ctx.file_id;
  if (ctx.job_id) row.job_id = ctx.job_id;
  row.result_index = index;
  row.source = ctx.source;
  row.kind = ctx.kind;
  row.confirmation_date = ctx.date;
  if (ctx.echo) row.request_echo = json::dump(json::block_to_json(ctx.echo->schema(), ctx.echo));
  row.processing_status = *ctx.status;
  row.processing_code = *ctx.code;
  row.processing_message = *ctx.message;
  row.validity = *ctx.validity;
  row.insurer_number = r.InsurerNumber;
  row.card_symbol = r.InsuredCardSymbol;
  row.card_number = r.InsuredIdentificationNumber;
  row.branch_number = r.InsuredBranchNumber;
  row.personal_family = r.PersonalFamilyClassification;
  row.card_classification = r.InsuredCardClassification;
  row.name = r.Name;
  row.name_kana = r.NameKana;
  if (r.Birthdate && r.Birthdate->size() == 8) row.birthdate = *r.Birthdate;
  if (r.Sex1 && r.Sex1->size() == 1) row.sex = *r.Sex1;
  row.insured_name = r.InsuredName;
  row.insurer_name = r.InsurerName;
  row.qualification_date = r.QualificationDate;
  row.disqualification_date = r.DisqualificationDate;
  row.reason_of_loss = r.ReasonOfLoss;
  row.contribution_ratio = r.InsuredPartialContributionRatio;
  row.reference_number = r.ReferenceNumber;
  if (result) row.returned = json::dump(json::block_to_json(r.schema(), &r));
  if (result && !conn.representable(row.returned)) {
    // An EUC-JP host cannot hold some returned character: the text columns get U+3013 (the
    // connection's conversion), the exact block is kept as UTF-8 bytes, staff see the flag.
    row.encoding_substituted = true;
    row.returned_utf8 = row.returned;
  }
  row.name_unrepresentable = link && link->name_unrepresentable;
  row.link_state = link ? match::link_state_name(link->state) : "not_applicable";
  row.ptid = ptid;
  row.candidates = candidate_array;
  if (!host_status.empty()) row.host_status = host_status;
  if (propose) row.new_patient_proposal = json::dump(proposal_for(r));
  row.differences = json::dump(differences);
  row.host_updates = json::dump(host_updates);
  if (link && link->coverage_id) row.coverage_id = link->coverage_id;
  if (link) row.linked_by = match::linked_by_name(link->by);
  std::vector<store::ConsentRow> consents;
  std::vector<store::CertificateRow> certificates;
  if (result) {
    consents = consent_rows(r);
    certificates = certificate_rows(r);
  }
  // Reference numbers: a linked result that carries the patient's number records it as
  // registered (e.g. registered on the terminal) ...
  store::ReferenceBookkeeping refs;
  const std::string ref = model::text_or_empty(r.ReferenceNumber);
  if (linked && result && !ref.empty() && ref.size() <= 50) refs.record_registered = ref;
  // ... and a valid one of a patient without a registered or pending number asks for one.
  refs.ask_registration =
      linked && result && definite && model::text_or_empty(r.InsuredCardClassification) != "A1";
  const std::optional<store::StoredConfirmation> stored =
      store::insert_confirmation(conn, row, consents, certificates, refs);
  if (!stored) return false;
  if (stored->needs_registration && ctx.registrations)
    ctx.registrations->emplace_back(*ptid, stored->confirmation_id);
  return linked;
}

/// Stores every result of a single or card result file.
void store_qualification(db::Connection& conn, ResultContext ctx, const model::Document& doc,
                         std::optional<long long> request_ptid, ImportOutcome& out) {
  const auto& body = doc.as<model::QualificationResultBody>();
  ctx.status = &body.ProcessingResultStatus;
  ctx.code = &body.ProcessingResultCode;
  ctx.message = &body.ProcessingResultMessage;
  ctx.validity = &body.QualificationValidity;
  ctx.echo = body.QualificationConfirmSearchInfo ? &*body.QualificationConfirmSearchInfo : nullptr;
  if (body.Results.empty()) {
    store_confirmation(conn, ctx, 0, nullptr, nullptr);
    ++out.confirmations;
    return;
  }
  host::PgPatientSource source(conn, ctx.hospnum);
  std::vector<match::ResultLink> links = match::link_results(body.Results, request_ptid, source);
  for (std::size_t i = 0; i < body.Results.size(); ++i) {
    if (store_confirmation(conn, ctx, static_cast<int>(i), &body.Results[i], &links[i])) ++out.linked;
    ++out.confirmations;
  }
}

/// Stores every unit of a bulk final result; a unit is linked through its reference number or
/// the "<ptnum>_<n>" ArbitraryIdentifier our bulk requests carry.
void store_bulk(db::Connection& conn, ResultContext ctx, const model::Document& doc,
                ImportOutcome& out) {
  host::PgPatientSource source(conn, ctx.hospnum);
  int index = 0;
  for (const model::BulkConfirmUnit& unit : doc.as<model::BulkConfirmBody>().BulkConfirmUnit) {
    ctx.status = &unit.ProcessingResultStatus;
    ctx.code = &unit.ProcessingResultCode;
    ctx.message = &unit.ProcessingResultMessage;
    ctx.validity = &unit.QualificationValidity;
    ctx.echo = unit.QualificationConfirmSearchInfo ? &*unit.QualificationConfirmSearchInfo : nullptr;
    std::optional<long long> unit_ptid;
    if (ctx.echo && ctx.echo->ArbitraryIdentifier) {
      const std::string& ai = *ctx.echo->ArbitraryIdentifier;
      if (auto p = source.by_ptnum(ai.substr(0, ai.find('_')))) unit_ptid = p->ptid;
    }
    if (unit.Results.empty()) {
      store_confirmation(conn, ctx, index++, nullptr, nullptr);
      ++out.confirmations;
      continue;
    }
    std::vector<ResultOfQualificationConfirmation> results = unit.Results;
    for (auto& r : results)
      if (!r.ReferenceNumber && unit.ReferenceNumber) r.ReferenceNumber = unit.ReferenceNumber;
    std::vector<match::ResultLink> links = match::link_results(results, unit_ptid, source);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (store_confirmation(conn, ctx, index++, &results[i], &links[i])) ++out.linked;
      ++out.confirmations;
    }
  }
}

/// The name as recorded: a hostile name (backslash, control characters, bytes that are not
/// UTF-8, e.g. a Shift_JIS name) is escaped as %XX so that it can be stored (the database
/// refuses invalid UTF-8) and shown, never interpreted.
std::string recorded_name(const std::string& name) {
  const bool utf8 = text::find_invalid_utf8(name) == std::string_view::npos;
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '\\' || c == '%' || (!utf8 && u >= 0x80)) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  if (out.size() > 255) {  // never in the middle of a character
    std::size_t n = 255;
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
    out.resize(n);
  }
  return out;
}

bool folder_fits(Folder folder, MessageKind kind) {
  const model::KindInfo& info = model::kind_info(kind);
  if (kind == MessageKind::unknown || info.request) return false;
  return (folder == Folder::face) == (kind == MessageKind::OQSsiquc01res_face);
}

/// True when the facility leaves the files of `folder` for another program (face_files = leave).
bool leaves(const db::FacilitySettings& facility, Folder folder) {
  return folder == Folder::face && facility.face_files == "leave";
}

/// Why a file is another program's, or "" when it is ours to import: in res/, an answer to a
/// request we did not write; in either folder, a name of no result kind of that folder.
std::string not_ours(db::Connection& conn, const db::FacilitySettings& facility, Folder folder,
                     const model::FileName& fname, const std::string& name) {
  if (!folder_fits(folder, fname.kind))
    return fname.kind == MessageKind::unknown
               ? "the name matches no result kind"
               : std::string(model::kind_name(fname.kind)) + " does not belong in " +
                     folder_name(folder) + "/";
  if (folder == Folder::face) return {};
  if (!store::find_our_request(conn, facility.hospnum, request_name_for(name)))
    return "answers no request we wrote";
  return {};
}

/// An answer under one of our request names that carries another program's identifier (the
/// other program used the same name): not ours either.
bool foreign_identifier(db::Connection& conn, const db::FacilitySettings& facility,
                        const model::Document& doc, const std::string& name) {
  const std::string afi = model::text_or_empty(doc.header.ArbitraryFileIdentifier);
  if (afi.empty() || job_from_correlation(afi, facility.hospnum) != 0) return false;
  const std::optional<store::OurRequest> ours =
      store::find_our_request(conn, facility.hospnum, request_name_for(name));
  return ours && ours->correlation_key && *ours->correlation_key != afi;
}

/// Moves a refused file to the facility's quarantine folder when it is still the file that was
/// looked at (`read`); @return the new path ("" when it was gone or replaced).
std::string quarantine(const std::string& path, const db::FacilitySettings& facility, Folder folder,
                       const ImportOptions& options, const FileIdentity& read, ImportOutcome& out) {
  if (leaves(facility, folder)) {
    out.left = true;
    return {};
  }
  const int hospnum = facility.hospnum;
  if (options.quarantine_dir.empty())
    throw Error("no quarantine folder configured: refused file " + path + " left in place");
  std::string moved;
  const Disposal d =
      move_file_if_same(path, options.quarantine_dir + "/" + std::to_string(hospnum), read, &moved);
  out.replaced = d == Disposal::replaced;
  return moved;
}

/// Removes or moves an imported file from the share per the facility's policy, when it is still
/// the file that was read; @return the host copy ("" when removed, gone or replaced).
std::string dispose(const db::FacilitySettings& facility, Folder folder, const std::string& path,
                    const FileIdentity& read, ImportOutcome& out) {
  if (leaves(facility, folder)) {
    out.left = true;
    return {};
  }
  std::string moved;
  const Disposal d = facility.after_import == "move" && facility.move_dir
                         ? move_file_if_same(path, *facility.move_dir, read, &moved)
                         : remove_file_if_same(path, read);
  out.replaced = d == Disposal::replaced;
  return moved;
}

/// Records that the file left the share: now, or with the next flush of the caller's marks.
void mark_removed(db::Connection& conn, long long file_id, const std::string& host_copy,
                  const ImportOptions& options) {
  if (options.removal_marks) {
    options.removal_marks->add(file_id, host_copy);
    return;
  }
  RemovalMarks marks;
  marks.add(file_id, host_copy);
  marks.flush(conn);
}

}  // namespace

void RemovalMarks::flush(db::Connection& conn) {
  if (marks_.empty()) return;
  std::vector<store::RemovalMark> marks;
  marks.swap(marks_);  // forgotten even when the statement fails
  store::mark_removed_from_share(conn, marks);
}

const char* folder_name(Folder f) { return f == Folder::face ? "face" : "res"; }

const char* import_state_name(ImportState s) {
  switch (s) {
    case ImportState::imported: return "imported";
    case ImportState::duplicate: return "duplicate";
    case ImportState::refused: return "refused";
    case ImportState::not_ready: return "not_ready";
    case ImportState::foreign: return "foreign";
  }
  return "?";
}

ImportOutcome import_file(db::Connection& conn, const db::FacilitySettings& facility,
                          const std::string& path, Folder folder, const ImportOptions& options) {
  ImportOutcome out;
  const std::string name(model::base_name(path));
  const model::FileName fname = model::classify_file_name(name);
  out.kind = model::kind_name(fname.kind);

  // Another program's file (the share is often shared): looked at by name only, left alone.
  if (std::string why = not_ours(conn, facility, folder, fname, name); !why.empty()) {
    out.state = ImportState::foreign;
    out.reason = "not_ours";
    out.detail = why;
    return out;
  }
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw Error("stat " + path + ": " + std::strerror(errno));
    out.reason = "gone";  // another engine took it, or the terminal withdrew it
    return out;
  }
  const auto age = std::chrono::system_clock::now() -
                   std::chrono::system_clock::time_point(
                       std::chrono::seconds(st.st_mtim.tv_sec) +
                       std::chrono::duration_cast<std::chrono::system_clock::duration>(
                           std::chrono::nanoseconds(st.st_mtim.tv_nsec)));

  // Decode, parse, validate: every problem with the file becomes a refusal (or "not ready").
  // The file disposed of later is exactly this one: the entry looked at, or the handle read.
  FileIdentity read = file_identity(st);
  std::string bytes;
  std::optional<model::Document> doc;
  RefusalKind refusal{};
  std::string detail;   // the whole refusal text, as recorded (status shows it)
  std::string located;  // without the name and kind the engine's line already says
  std::string hash_hex;
  bool refused = false;
  std::optional<std::string> predecessor;  // the predecessor's code, when the file names it
  try {
    if (!S_ISREG(st.st_mode))  // a link, folder, fifo ...: refused unread, never followed
      throw RefusedError(RefusalKind::structure, name,
                         std::string("not a regular file (") + entry_kind_name(st.st_mode) +
                             "; not followed, not read)");
    struct stat opened;
    bytes = xml::read_file_bytes(path, model::kind_info(fname.kind).max_bytes, &opened);
    read = file_identity(opened);
    hash_hex = sha256_hex(bytes);
    if (fname.pdf && bytes.substr(0, 5) != "%PDF-")
      throw RefusedError(RefusalKind::structure, name, "named .pdf but the content is not a PDF");
    doc = xml::read_document(bytes, fname.kind, name);
    const std::string named = model::text_or_empty(doc->header.MedicalInstitutionCode);
    if (!doc->is_pdf && named != facility.institution_code) {
      // Succession: the predecessor's results are this facility's, recorded as named.
      if (facility.predecessor_code && named == *facility.predecessor_code)
        predecessor = named;
      else
        throw RefusedError(RefusalKind::inconsistent, name,
                           "MedicalInstitutionCode " + named + " is not this facility's (" +
                               facility.institution_code + ")");
    }
  } catch (const RefusedError& e) {
    refused = true;
    refusal = e.kind();
    detail = e.what();
    located = e.located_detail();
  }
  if (!refused && folder == Folder::res && !doc->is_pdf && foreign_identifier(conn, facility, *doc, name)) {
    out.state = ImportState::foreign;
    out.reason = "not_ours";
    out.detail = "one of our request names, but another program's ArbitraryFileIdentifier";
    return out;
  }
  if (hash_hex.empty()) {
    // Unread (wrong name, too large, not a regular file): identify it by name, size and time.
    hash_hex = sha256_hex(name + "\n" + std::to_string(st.st_size) + "\n" +
                          std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec));
  }
  // Not ready is not bad (doc/decisions.md 12): an empty or cut file modified within the grace
  // period, either side of now (a modification time far in the future is no excuse: after the grace
  // it is refused like any other), and a file that grew past the limit while it was read (it
  // was within the limit when looked at).
  const bool recent = age < options.not_ready_grace && age > -options.not_ready_grace;
  const bool grew = refused && refusal == RefusalKind::too_large && fname.kind != MessageKind::unknown &&
                    static_cast<unsigned long long>(st.st_size) <= model::kind_info(fname.kind).max_bytes;
  if (refused && (((refusal == RefusalKind::empty || refusal == RefusalKind::malformed) && recent) || grew)) {
    out.reason = refusal_kind_name(refusal);
    out.detail = (grew ? "grew while it was read; looked at again later: "
                       : "recently modified; looked at again later: ") + detail;
    return out;
  }

  db::Transaction tx(conn);
  // The job this file answers, found (and locked) before the claim so that the received-file
  // row is written once, in its final state; a duplicate rolls all of it back.
  JobRef job;
  if (!refused && fname.kind != MessageKind::OQSsiquc01res_face)
    job = answer_job(conn, facility.hospnum, *doc, name);
  out.job_id = job.job_id;
  store::ReceivedFile claim;
  claim.hospnum = facility.hospnum;
  claim.folder = folder_name(folder);
  claim.file_name = recorded_name(name);
  claim.sha256 = digest_bytes(hash_hex);
  claim.size_bytes = read.size;
  if (fname.kind != MessageKind::unknown) claim.kind = out.kind;
  claim.state = refused ? "refused" : "imported";
  if (refused) {
    claim.refusal = refusal_kind_name(refusal);
    // The refusal text holds the name and may hold text of the file: made valid UTF-8 (the
    // database refuses anything else) without control characters (status shows it).
    claim.error = log::escape_line(detail);
  }
  if (options.archive_raw && !bytes.empty()) claim.raw = bytes;
  if (job.job_id) claim.job_id = job.job_id;
  claim.predecessor_code = predecessor;
  // Identical bytes are one event (sql/0010): card check-ins, answers with our identifier.
  claim.once_per_content =
      !refused && (folder == Folder::face ||
                   !model::text_or_empty(doc->header.ArbitraryFileIdentifier).empty());
  const std::optional<long long> file_id = store::claim_received_file(conn, claim);

  if (!file_id) {
    // Committed before (by us before a crash, or by another engine), or the same content was
    // imported under another name (the terminal sent it again): only dispose of the file.
    const std::optional<store::EarlierFile> prev =
        store::find_earlier_file(conn, facility.hospnum, claim.file_name, claim.sha256);
    tx.rollback();
    out.state = ImportState::duplicate;
    if (prev) {
      out.file_id = prev->file_id;
      if (prev->state == "refused") {
        out.moved_to = quarantine(path, facility, folder, options, read, out);
      } else {
        out.moved_to = dispose(facility, folder, path, read, out);
      }
      if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
    }
    return out;
  }
  out.file_id = *file_id;

  if (refused) {
    tx.commit();
    out.state = ImportState::refused;
    out.reason = refusal_kind_name(refusal);
    out.detail = located;
    out.moved_to = quarantine(path, facility, folder, options, read, out);
    if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
    return out;
  }

  std::vector<std::pair<long long, long long>> registrations;
  ResultContext ctx{facility.hospnum, out.file_id, job.job_id,
                    folder == Folder::face ? "face" : "single", out.kind.c_str(),
                    confirmation_date(doc->header), model::text_or_empty(doc->header.SegmentOfResult) == "1",
                    nullptr, nullptr, nullptr, nullptr, nullptr, &registrations};
  switch (fname.kind) {
    case MessageKind::OQSsiquc01res:
    case MessageKind::OQSsiquc01res_face:
      store_qualification(conn, ctx, *doc, job.ptid, out);
      break;
    case MessageKind::OQSmuquc02res:
      if (model::text_or_empty(doc->header.SegmentOfResult) == "1") {
        ctx.source = "bulk";
        store_bulk(conn, ctx, *doc, out);
      }
      on_bulk_download_answer(conn, facility, *doc, name, out.file_id);  // counts / next poll
      break;
    case MessageKind::OQSmuquc01res:
      on_bulk_upload_answer(conn, facility, *doc, job.job_id);  // reception number, first poll
      break;
    case MessageKind::OQSsiimm01res:
      store_reference_registration(conn, facility, *doc, job.job_id);
      break;
    case MessageKind::OQSmuimm01res:
      store_bulk_registration_upload(conn, facility, *doc, job.job_id);  // reception number
      break;
    case MessageKind::OQSmuimm02res:
      store_bulk_registration_result(conn, facility, *doc, job.job_id);  // units / next poll
      break;
    case MessageKind::YZKsiquc01res:
    case MessageKind::TKKsiquc01res:
      store_medical_info(conn, facility, *doc, job.job_id, out.file_id, name, bytes);
      break;
    default:
      break;
  }
  // The first definite result of a patient without a reference number registers one (the
  // queueing checks again: a later result of the file may have recorded the patient's number).
  std::set<long long> asked;
  for (const auto& [ptid, confirmation_id] : registrations)
    if (asked.insert(ptid).second)
      queue_reference_registration(conn, facility.hospnum, ptid, confirmation_id, "onshi-exchanged");
  tx.commit();

  out.state = ImportState::imported;
  out.moved_to = dispose(facility, folder, path, read, out);
  if (!out.left) mark_removed(conn, out.file_id, out.moved_to, options);
  return out;
}

}  // namespace onshi::exchange
