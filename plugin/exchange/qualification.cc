// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/qualification.h"

#include <algorithm>
#include <set>

#include "common/clock.h"
#include "common/error.h"
#include "db/connection.h"
#include "exchange/consent_withdrawal.h"
#include "exchange/insurance_apply.h"
#include "exchange/reference_numbers.h"
#include "exchange/requests.h"
#include "host/confirmation.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "json/document_json.h"
#include "match/linker.h"
#include "model/messages.h"
#include "model/validate.h"
#include "store/confirmations.h"
#include "store/jobs.h"
#include "store/notices.h"
#include "store/public_assistance.h"
#include "text/normalize.h"

namespace onshi::exchange {
namespace {

using model::MessageKind;
using model::ResultOfQualificationConfirmation;

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

/// Everything needed to store one result.
struct ResultContext {
  int hospnum;
  const ResultFile* file;  // its file_id() before the first write of each result
  long long job_id;
  const char* source;  // face | single | bulk
  const char* kind;
  std::string date;
  bool valid_file;  // SegmentOfResult 1
  // Body-level status (single/face) or unit-level (bulk).
  const model::Text* status;
  const model::Text* code;
  const model::Text* message;
  const model::Text* validity;
  const model::QualificationConfirmSearchInfo* echo;
  /// A registration is queued for each after the results.
  PendingRegistrations* registrations;
  /// The body's PrescriptionIssueSelect (doc/decisions.md 6: in the body or in each result).
  const model::Text* prescription = nullptr;
  /// A new patient's own registration check (our request named no patient): no notice for
  /// "no patient".
  bool own_registration = false;
};

/// The context of a result file's confirmations; the status fields are set per body or unit.
ResultContext context_of(const ResultFile& file, const char* source,
                         PendingRegistrations& registrations) {
  const model::MessageHeader& h = file.doc.header;
  return ResultContext{file.facility.hospnum,
                       &file,
                       file.job_id,
                       source,
                       model::kind_name(file.kind),
                       confirmation_date(h),
                       model::text_or_empty(h.SegmentOfResult) == "1",
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr,
                       &registrations};
}

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
  ins.emplace_back("hknjanum",
                   std::string(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber))));
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
                         const ResultOfQualificationConfirmation& r,
                         const match::ResultLink& link) {
  json::Object done;
  const bool public_assistance = model::text_or_empty(r.InsuredCardClassification) == "A1";
  const std::string today = local_date8(), time = local_time6();
  const host::Stamp stamp{today, time};
  if (public_assistance) {
    const std::string payer =
        std::string(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber)));
    const std::string recipient = model::text_or_empty(r.InsuredIdentificationNumber);
    if (host::confirm_public_expense(conn, ctx.hospnum, link.ptid, ctx.date, payer, recipient,
                                     stamp))
      done.emplace_back("kakuninymd", ctx.date);
    // The tickets' issue numbers into the host, as ORCA's KOFUTNK 1 (facility setting).
    if (r.PublicExpenseResultList && !payer.empty() && !recipient.empty() && ctx.date <= today &&
        store::copy_issue_number_setting(conn, ctx.hospnum)) {
      std::vector<host::TicketIssue> tickets;
      for (const model::MedicalTicketInfo& t : r.PublicExpenseResultList->MedicalTicketInfo)
        tickets.push_back({model::text_or_empty(t.IssueNumber),
                           model::text_or_empty(t.MedicalTreatmentMonth),
                           model::text_or_empty(t.MedicalTreatmentType)});
      const host::IssueNumberCopy copy =
          host::copy_issue_numbers(conn, ctx.hospnum, link.ptid, payer, recipient, tickets, stamp);
      if (!copy.skipped.empty()) {
        done.emplace_back("issue_numbers_skipped", copy.skipped);
      } else {
        json::Array rows;
        for (const host::IssueNumberWrite& w : copy.writes) {
          json::Object o;
          o.emplace_back("seq", static_cast<std::int64_t>(w.seq));
          o.emplace_back("kohid", static_cast<std::int64_t>(w.kohid));
          o.emplace_back("sryym", w.sryym);
          o.emplace_back("nyugaikbn", w.nyugaikbn);
          o.emplace_back("issue_number", w.issue_number);
          o.emplace_back("outcome", w.outcome);
          rows.push_back(std::move(o));
        }
        done.emplace_back("issue_numbers", std::move(rows));
      }
    }
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
  if (const std::optional<int> hknid =
          host::confirm_insurance(conn, ctx.hospnum, link.ptid, c, stamp)) {
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

/// A link certain enough to apply certificates without staff (exchange/insurance_apply.h): by
/// reference number, our own request or the card, with no difference of name and nothing for
/// staff to look at. A wrong link is worse than no link: anything else waits for staff.
bool certain_link(const match::ResultLink& l) {
  return l.state == match::LinkState::linked &&
         (l.by == match::LinkedBy::reference_number || l.by == match::LinkedBy::request ||
          l.by == match::LinkedBy::insurance) &&
         l.host_status.empty() && !l.name_differs && !l.kana_differs && !l.name_unrepresentable;
}

/// Writes one confirmation row (and its consents, certificates, host updates).
/// `result` is null for a file or unit that carries no result (error, validity 4, still busy).
bool store_confirmation(db::Connection& conn, const ResultContext& ctx, int index,
                        const ResultOfQualificationConfirmation* result,
                        const match::ResultLink* link) {
  const ResultOfQualificationConfirmation empty;
  const ResultOfQualificationConfirmation& r = result ? *result : empty;
  // The file's row first (its claim went with the patient lookups): a duplicate stops here,
  // before any write.
  const long long file_id = ctx.file->file_id();
  const bool linked = link && link->state == match::LinkState::linked;
  std::optional<long long> ptid;
  if (linked) ptid = link->ptid;
  // Definite (processing status 1, validity 1); valid also needs a file-level SegmentOfResult 1.
  const bool definite =
      model::text_or_empty(*ctx.status) == "1" && model::text_or_empty(*ctx.validity) == "1";
  const bool valid = ctx.valid_file && definite;

  json::Object differences;
  if (link && link->name_differs) differences.emplace_back("name", model::text_or_empty(r.Name));
  if (link && link->kana_differs)
    differences.emplace_back("kana", model::text_or_empty(r.NameKana));
  json::Object host_updates;
  if (linked && valid && result) host_updates = update_host(conn, ctx, r, *link);

  std::string candidate_array = "{";
  if (link)
    for (std::size_t i = 0; i < link->candidates.size(); ++i)
      candidate_array += (i ? "," : "") + std::to_string(link->candidates[i]);
  candidate_array += "}";

  // A card check-in of a person the host does not have, or whose card is registered for someone
  // else (a dependent, an unknown twin): staff may register the person from the proposal.
  const bool propose =
      result && link && std::string(ctx.source) == "face" &&
      (link->state == match::LinkState::no_patient ||
       (link->state == match::LinkState::candidates && link->host_status == "person_differs"));
  std::string host_status = link ? link->host_status : std::string();
  // One statement per result (store/confirmations.h): the row, its consents and certificates
  // and the reference-number bookkeeping.
  store::ConfirmationRow row;
  row.hospnum = ctx.hospnum;
  row.file_id = file_id;
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
  row.prescription_issue_select = r.PrescriptionIssueSelect
                                      ? r.PrescriptionIssueSelect
                                      : (ctx.prescription ? *ctx.prescription : std::nullopt);
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
  // A result that needs staff: a notice for the screens, in this transaction (store/notices.h).
  const std::string notice = store::result_notice_kind(
      row.processing_status.value_or(""), row.validity.value_or(""), row.link_state, host_status,
      !differences.empty(), ctx.own_registration);
  if (!notice.empty()) {
    store::NewNotice n;
    n.hospnum = ctx.hospnum;
    n.kind = notice;
    n.confirmation_id = stored->confirmation_id;
    if (ctx.job_id) n.job_id = ctx.job_id;
    n.ptid = ptid;
    n.subject = model::text_or_empty(r.Name);
    n.detail = model::text_or_empty(*ctx.validity);
    store::add_notice(conn, n);
  }
  // The facility may have its certificates applied at once (audited as the engine's apply).
  if (valid && result && link && certain_link(*link) && !certificates.empty() &&
      model::text_or_empty(r.InsuredCardClassification) != "A1")
    apply_certificates_automatically(conn, ctx.hospnum, stored->confirmation_id);
  if (stored->needs_registration && ctx.registrations)
    ctx.registrations->emplace_back(*ptid, stored->confirmation_id);
  return linked;
}

/// Stores every result of a single or card result file.
void store_qualification(db::Connection& conn, ResultContext ctx, const model::Document& doc,
                         std::optional<long long> request_ptid, StoredRows& out) {
  ctx.own_registration = std::string(ctx.source) == "single" && ctx.job_id && !request_ptid;
  const auto& body = doc.as<model::QualificationResultBody>();
  ctx.status = &body.ProcessingResultStatus;
  ctx.code = &body.ProcessingResultCode;
  ctx.message = &body.ProcessingResultMessage;
  ctx.validity = &body.QualificationValidity;
  ctx.echo = body.QualificationConfirmSearchInfo ? &*body.QualificationConfirmSearchInfo : nullptr;
  ctx.prescription = &body.PrescriptionIssueSelect;
  if (body.Results.empty()) {
    store_confirmation(conn, ctx, 0, nullptr, nullptr);
    ++out.confirmations;
    return;
  }
  host::PgPatientSource source(conn, ctx.hospnum);
  std::vector<match::ResultLink> links = match::link_results(body.Results, request_ptid, source);
  for (std::size_t i = 0; i < body.Results.size(); ++i) {
    if (store_confirmation(conn, ctx, static_cast<int>(i), &body.Results[i], &links[i]))
      ++out.linked;
    ++out.confirmations;
  }
}

/// Stores every unit of a bulk final result; a unit is linked through its reference number or
/// the "<ptnum>_<n>" ArbitraryIdentifier our pre-check requests carry (a consented-information
/// bulk's units: reference number, card, name and birth date, as a card check-in).
void store_bulk(db::Connection& conn, ResultContext ctx, const ResultFile& file, StoredRows& out) {
  host::PgPatientSource source(conn, ctx.hospnum);
  int index = 0;
  const model::Document& doc = file.doc;
  for_each_bulk_unit(file, [&](const model::BulkConfirmUnit& unit) {
    ctx.status = &unit.ProcessingResultStatus;
    ctx.code = &unit.ProcessingResultCode;
    ctx.message = &unit.ProcessingResultMessage;
    ctx.validity = &unit.QualificationValidity;
    ctx.echo =
        unit.QualificationConfirmSearchInfo ? &*unit.QualificationConfirmSearchInfo : nullptr;
    std::optional<long long> unit_ptid;
    // Only the pre-check asked about persons (its "<ptnum>_<hknid>"); a consented-information
    // bulk asked by criteria: its units are linked by reference number or card alone.
    if (doc.kind == model::MessageKind::OQSmuquc02res && ctx.echo &&
        ctx.echo->ArbitraryIdentifier) {
      const std::string& ai = *ctx.echo->ArbitraryIdentifier;
      if (auto p = source.by_ptnum(ai.substr(0, ai.find('_')))) unit_ptid = p->ptid;
    }
    if (unit.Results.empty()) {
      store_confirmation(conn, ctx, index++, nullptr, nullptr);
      ++out.confirmations;
      return;
    }
    std::vector<ResultOfQualificationConfirmation> results = unit.Results;
    for (auto& r : results)
      if (!r.ReferenceNumber && unit.ReferenceNumber) r.ReferenceNumber = unit.ReferenceNumber;
    std::vector<match::ResultLink> links = match::link_results(results, unit_ptid, source);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (store_confirmation(conn, ctx, index++, &results[i], &links[i])) ++out.linked;
      ++out.confirmations;
    }
  });
}

/// The request kind of a payload's 診療区分.
MessageKind kind_of_flag(const std::string& flag) {
  if (flag == "2") return MessageKind::OQSsihvq01req;
  if (flag == "3") return MessageKind::OQSsionq01req;
  return MessageKind::OQSsiquc01req;
}

/// The request document of one attempt, from the search values of the job's payload.
model::Document request_document(const db::FacilitySettings& f,
                                 const store::QualificationPayload& v, const std::string& key) {
  model::Document doc = model::Document::make(kind_of_flag(v.treatment_flag));
  doc.encoding = request_encoding(f);
  doc.header.QualificationConfirmationDate = v.confirmation_date;
  doc.header.MedicalInstitutionCode = f.institution_code;
  doc.header.ArbitraryFileIdentifier = key;
  model::QualificationConfirmSearchInfo s;
  s.InsurerNumber = v.insurer_number;  // the writer pads a 6-digit number (doc/decisions.md 5)
  if (v.symbol && !v.symbol->empty()) s.InsuredCardSymbol = *v.symbol;
  s.InsuredIdentificationNumber = v.number;
  s.InsuredBranchNumber = v.branch.value_or("");  // unknown: an empty element, never invented
  s.Birthdate = v.birthdate;
  s.LimitApplicationCertificateRelatedConsFlg = v.limit_flag;
  if (v.ptnum && !v.ptnum->empty()) s.ArbitraryIdentifier = *v.ptnum;
  if (v.treatment_flag == "2" || v.treatment_flag == "3") s.MedicalTreatmentFlag = v.treatment_flag;
  doc.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo = std::move(s);
  return doc;
}

/// Bytes of one attempt's request. @throws onshi::Error with a reason fit for last_error
std::string request_bytes(const db::FacilitySettings& f, const store::QualificationPayload& v,
                          const std::string& key) {
  return encode_request_document(request_document(f, v, key), f);
}

}  // namespace

MessageKind qualification_check_kind(const db::FacilitySettings& f, const std::string& visit) {
  using Reason = EnqueueError::Reason;
  const std::string flag = visit.empty() ? "1" : model::treatment_flag_of(visit);
  if (flag == "1") return MessageKind::OQSsiquc01req;
  if (flag != "2" && flag != "3")
    throw EnqueueError(Reason::bad_argument,
                       "the visit type of a single check must be outpatient, homevisit or online "
                       "(MedicalTreatmentFlag 1-3), not \"" +
                           visit + "\"");
  if (flag == "2" && !f.home_visit)
    throw EnqueueError(Reason::not_used, "facility " + std::to_string(f.hospnum) +
                                             " does not use home-visit care (onshi-admin enable "
                                             "--home-visit yes)");
  if (flag == "3" && !f.online_care)
    throw EnqueueError(Reason::not_used, "facility " + std::to_string(f.hospnum) +
                                             " does not use online care (onshi-admin enable "
                                             "--online-care yes)");
  return kind_of_flag(flag);
}

long long queue_qualification_check(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const std::string& confirmation_date,
                                    const std::string& requested_by, std::optional<int> kohid,
                                    const std::string& visit) {
  using Reason = EnqueueError::Reason;
  const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
  const MessageKind kind = qualification_check_kind(f, visit);
  const std::string flag =
      kind == MessageKind::OQSsiquc01req ? "" : model::treatment_flag_of(visit);
  if (!model::is_valid_date8(confirmation_date))
    throw EnqueueError(
        Reason::bad_argument,
        "confirmation date must be a real date YYYYMMDD, not \"" + confirmation_date + "\"");

  const std::optional<host::RequestPatient> p = host::request_patient(conn, hospnum, ptid);
  if (!p)
    throw EnqueueError(
        Reason::unknown_patient,
        "facility " + std::to_string(hospnum) + " has no patient with id " + std::to_string(ptid));
  const std::optional<std::string> ptnum = p->ptnum;
  const std::string who = "patient " + (ptnum ? *ptnum : "id " + std::to_string(ptid));
  if (p->test_flag == "1")
    throw EnqueueError(Reason::test_patient,
                       who +
                           " is a test patient: test patients are never sent to the national "
                           "system");

  if (kohid && hknid)
    throw EnqueueError(Reason::bad_argument, "give an insurance or a public assistance, not both");
  std::optional<host::Insurance> h;
  std::optional<host::PublicAssistance> assistance;
  if (kohid) {
    assistance = host::public_assistance_by_id(conn, hospnum, ptid, *kohid);
    if (!assistance)
      throw EnqueueError(Reason::no_insurance, who + " has no public assistance (kohnum " +
                                                   host::kPublicAssistanceKohnum + ") " +
                                                   std::to_string(*kohid));
    if (assistance->deleted)
      throw EnqueueError(Reason::no_insurance, "public assistance " + std::to_string(*kohid) +
                                                   " of " + who + " is deleted");
  } else if (hknid) {
    h = host::insurance_by_id(conn, hospnum, ptid, *hknid);
    if (!h)
      throw EnqueueError(Reason::no_insurance, who + " has no insurance " + std::to_string(*hknid));
    if (h->deleted)
      throw EnqueueError(Reason::no_insurance,
                         "insurance " + std::to_string(*hknid) + " of " + who + " is deleted");
  } else {
    host::CurrentInsuranceQuery q;
    q.date = confirmation_date;
    h = host::current_insurance(conn, hospnum, ptid, q);
    // Public assistance only (manual chapter 6): asked by its payer and recipient numbers.
    if (!h) assistance = host::current_public_assistance(conn, hospnum, ptid, confirmation_date);
    if (!h && !assistance)
      throw EnqueueError(Reason::no_insurance, who +
                                                   " has no insurance with an insurer number "
                                                   "valid on " +
                                                   confirmation_date);
  }
  // The search values as registered now (limit flag 1: the patient is at the reader).
  store::QualificationPayload v;
  if (assistance) {
    v.insurer_number = assistance->payer;
    v.number = assistance->recipient;  // no symbol, no branch number
  } else {
    v.insurer_number = h->insurer;
    v.symbol = h->symbol;
    v.number = h->number;
    v.branch = h->branch;
  }
  v.birthdate = p->birthday;
  v.confirmation_date = confirmation_date;
  v.ptnum = ptnum;
  v.treatment_flag = flag;
  const std::optional<int> chosen = h ? std::optional<int>(h->hknid) : std::nullopt;
  const std::string which = (assistance ? "public assistance " + std::to_string(assistance->kohid)
                                        : "insurance " + std::to_string(*chosen)) +
                            " of " + who;
  if (v.insurer_number.empty())
    throw EnqueueError(Reason::no_insurance, which + " has no insurer number");
  if (v.number.empty()) throw EnqueueError(Reason::invalid_data, which + " has no insured number");
  if (!model::is_valid_date8(v.birthdate))
    throw EnqueueError(Reason::invalid_data, who + " has no valid birthdate");
  // Refuse now what could never be sent (the screen shows it at once).
  try {
    request_bytes(f, v, correlation_key(hospnum, 1, 1));
  } catch (const Error& e) {
    throw EnqueueError(Reason::invalid_data, which + " cannot be sent: " + e.what());
  }
  if (std::optional<std::string> why = withdrawn_consent(conn, hospnum, ptid, flag))
    throw EnqueueError(Reason::consent_withdrawn, who + ": " + *why);
  return store::enqueue_qualification_job(conn, hospnum, ptid, chosen, v,
                                          static_cast<long long>(kMinimumJobLifetime.count()),
                                          requested_by, model::kind_name(kind));
}

std::string build_qualification_check_request(db::Connection& conn, const db::FacilitySettings& f,
                                              const RequestJob& job) {
  const store::QualificationPayload& v = job.job.payload;
  if (job.kind != kind_of_flag(v.treatment_flag))
    throw Error(std::string("the payload's visit type does not fit a ") +
                model::kind_name(job.kind) + " request");
  if (job.kind != MessageKind::OQSsiquc01req) {
    // The facility may have stopped using the care, or the consent been withdrawn, since.
    try {
      qualification_check_kind(f, v.treatment_flag);
    } catch (const EnqueueError& e) {
      throw Error(std::string("refused before sending: ") + e.what());
    }
    if (!job.job.ptid) throw Error("the request names no patient");
    if (std::optional<std::string> why =
            withdrawn_consent(conn, f.hospnum, *job.job.ptid, v.treatment_flag))
      throw Error("refused before sending: " + *why);
  }
  return request_bytes(f, v, job.correlation_key);
}

StoredRows handle_qualification_check_result(db::Connection& conn, const ResultFile& file) {
  PendingRegistrations registrations;
  StoredRows rows;
  const char* source = file.kind == MessageKind::OQSsiquc01res_face ? "face" : "single";
  store_qualification(conn, context_of(file, source, registrations), file.doc, file.job_ptid, rows);
  queue_pending_registrations(conn, file.facility.hospnum, registrations);
  return rows;
}

StoredRows store_bulk_confirmations(db::Connection& conn, const ResultFile& file,
                                    PendingRegistrations& registrations, const char* source) {
  StoredRows rows;
  store_bulk(conn, context_of(file, source, registrations), file, rows);
  return rows;
}

void queue_pending_registrations(db::Connection& conn, int hospnum,
                                 const PendingRegistrations& registrations) {
  std::set<long long> asked;
  for (const auto& [ptid, confirmation_id] : registrations)
    if (asked.insert(ptid).second)
      queue_reference_registration(conn, hospnum, ptid, confirmation_id, "onshi-exchanged");
}

host::StatisticsPass prepare_linking(db::Connection& conn) {
  return host::analyse_unplanned_tables(conn);
}

}  // namespace onshi::exchange
