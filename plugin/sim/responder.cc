// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Answers in the shapes of ../shared/fixtures/oqs/res and face (see fixtures/oqs/README.md).
#include "sim/responder.h"

#include <algorithm>
#include <cstdio>

#include "common/error.h"
#include "text/encoding.h"
#include "text/normalize.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace onshi::sim {

using model::Document;
using model::MessageKind;
using model::Text;

struct Responder::Built {
  Document doc;
  std::vector<const Person*> persons;  ///< whose faults apply
  std::string summary;
};

namespace {

using namespace std::chrono_literals;

std::string val(const Text& t) {
  return t ? *t : std::string();
}

bool is_set(const Text& t) {
  return t && !t->empty();
}

std::string base64(const unsigned char* p, std::size_t n) {
  static const char* const k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < n; i += 3) {
    unsigned v = static_cast<unsigned>(p[i]) << 16;
    if (i + 1 < n) v |= static_cast<unsigned>(p[i + 1]) << 8;
    if (i + 2 < n) v |= p[i + 2];
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += i + 1 < n ? k[(v >> 6) & 63] : '=';
    out += i + 2 < n ? k[v & 63] : '=';
  }
  return out;
}

/// File-level failure (SegmentOfResult 9) with ErrorCode/ErrorMessage and an empty body.
void file_error(Document& d, const Message& m) {
  d.header.SegmentOfResult = "9";
  if (!m.code.empty()) d.header.ErrorCode = m.code;
  d.header.ErrorMessage = m.text;
  d.body = model::empty_body(d.kind);
}

}  // namespace

Responder::Responder(Scenario scenario, Now now)
    : scenario_(std::move(scenario)), now_(std::move(now)), random_(std::random_device{}()) {
  if (!now_) now_ = [] { return Clock::now(); };
  for (const Person& p : scenario_.people)
    if (p.reference_number) references_[p.id] = *p.reference_number;
}

std::optional<std::string> Responder::reference_number(std::string_view person_id) const {
  auto it = references_.find(std::string(person_id));
  if (it == references_.end()) return std::nullopt;
  return it->second;
}

std::string Responder::random_hex(std::size_t n) {
  static const char* const k = "0123456789abcdef";
  std::string out;
  while (out.size() < n) out += k[random_() & 15];
  return out;
}

std::string Responder::random_token() {
  unsigned char bytes[11];
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(random_() & 0xff);
  return base64(bytes, sizeof bytes);
}

std::string Responder::new_reception_number(Clock::time_point now) {
  // yyyyMMddHHmmssSSS_NNNN (operator-manual examples); unique within the run.
  Clock::time_point t = now;
  std::string stamp = stamp17(t);
  while (stamp <= last_reception_stamp_) {
    t += 1ms;
    stamp = stamp17(t);
  }
  last_reception_stamp_ = stamp;
  return stamp + "_" + scenario_.settings.terminal_number;
}

std::vector<const Person*> Responder::match_card(const Text& insurer, const Text& symbol,
                                                 const Text& number, const Text& branch) const {
  std::vector<const Person*> out;
  const std::string wanted_insurer = val(insurer);  // strip_insurer_padding returns a view into it
  std::string_view want = text::strip_insurer_padding(wanted_insurer);
  for (const Person& p : scenario_.people) {
    if (text::strip_insurer_padding(val(p.card.InsurerNumber)) != want) continue;
    if (val(p.card.InsuredCardSymbol) != val(symbol)) continue;
    if (val(p.card.InsuredIdentificationNumber) != val(number)) continue;
    if (is_set(branch) && val(p.card.InsuredBranchNumber) != *branch) continue;
    out.push_back(&p);
  }
  return out;
}

std::vector<const Person*> Responder::match(const model::QualificationConfirmSearchInfo& s) const {
  std::vector<const Person*> out;
  for (const Person* p : match_card(s.InsurerNumber, s.InsuredCardSymbol,
                                    s.InsuredIdentificationNumber, s.InsuredBranchNumber))
    if (val(p->card.Birthdate) == val(s.Birthdate)) out.push_back(p);
  return out;
}

model::ResultOfQualificationConfirmation Responder::insurance_result(const Person& p,
                                                                     const Text& limit_flag,
                                                                     Clock::time_point now) const {
  model::ResultOfQualificationConfirmation r = p.card;
  r.LimitApplicationCertificateRelatedInfo.reset();
  r.SpecificDiseasesCertificateList.reset();  // needs consent at the card reader
  if (val(r.InsuredCardClassification) != "A1") {
    // The insurance-number route echoes the request's limit-certificate consent flag.
    std::string flag = val(limit_flag) == "1" ? "1" : "0";
    r.LimitApplicationCertificateRelatedConsFlg = flag;
    if (flag == "1") {
      r.LimitApplicationCertificateRelatedConsTime = stamp14(now - 1s);
      r.LimitApplicationCertificateRelatedInfo = p.card.LimitApplicationCertificateRelatedInfo;
    }
  }
  if (auto ref = reference_number(p.id)) r.ReferenceNumber = *ref;
  return r;
}

model::ResultOfQualificationConfirmation Responder::card_result(const Person& p,
                                                                Clock::time_point at) const {
  model::ResultOfQualificationConfirmation r = p.card;
  r.LimitApplicationCertificateRelatedInfo.reset();
  r.SpecificDiseasesCertificateList.reset();
  const bool assistance = val(r.InsuredCardClassification) == "A1";
  const std::string default_time = stamp14(at - 13s);  // consent given at the reader just before
  std::size_t index = 0;
  for (const model::Consent& c : r.consents()) {
    // consents() hands out const pointers into `r`, which is ours to change.
    Text* flag = const_cast<Text*>(c.flag);
    Text* time = const_cast<Text*>(c.time);
    Text* until = const_cast<Text*>(c.available_until);
    const bool classic = index++ < 6;  // the six types every card result carries
    const ConsentGiven* g = p.consent(c.type);
    if (!g) {
      if (classic && !(assistance && index <= 2)) *flag = "0";
      continue;
    }
    *flag = g->flag;
    if (g->flag == "0") continue;
    *time = g->time.empty() ? default_time : g->time;
    if (until) {
      if (!g->available_until.empty())
        *until = g->available_until;
      else if (g->flag == "1")
        *until = add_seconds(**time, 24 * 3600);
    }
  }
  if (val(r.LimitApplicationCertificateRelatedConsFlg) == "1")
    r.LimitApplicationCertificateRelatedInfo = p.card.LimitApplicationCertificateRelatedInfo;
  if (val(r.SpecificDiseasesCertificateRelatedConsFlg) == "1")
    r.SpecificDiseasesCertificateList = p.card.SpecificDiseasesCertificateList;
  if (auto ref = reference_number(p.id)) r.ReferenceNumber = *ref;
  return r;
}

std::string Responder::encode(Document& doc, std::string& summary) const {
  if (doc.is_pdf) return doc.pdf;
  model::Encoding enc = scenario_.settings.encoding;
  const bool oqs = doc.kind != MessageKind::YZKsiquc01res && doc.kind != MessageKind::TKKsiquc01res;
  if (oqs) doc.header.CharacterCodeIdentifier = enc == model::Encoding::cp932 ? "1" : "0";
  doc.encoding = enc;
  try {
    return xml::write_document(doc, enc);
  } catch (const EncodeError&) {
    if (enc != model::Encoding::cp932) throw;
    // A character outside CP932: answer in UTF-8 rather than lose it.
    summary += ", not representable in CP932: sent UTF-8";
    if (oqs) doc.header.CharacterCodeIdentifier = "0";
    doc.encoding = model::Encoding::utf8;
    return xml::write_document(doc, model::Encoding::utf8);
  }
}

std::string Responder::encode_text(const std::string& s) const {
  if (scenario_.settings.encoding == model::Encoding::cp932) {
    try {
      return text::utf8_to_cp932(s);
    } catch (const std::exception&) {
      // keep UTF-8
    }
  }
  return s;
}

// --- request kinds -------------------------------------------------------------------------------

bool Responder::start_answer(Built& b, const Document& req, MessageKind answer,
                             Clock::time_point now) const {
  b.doc = Document::make(answer);
  model::MessageHeader& h = b.doc.header;
  h.ProcessExecutionTime = stamp14(now);
  h.MedicalInstitutionCode = scenario_.institution_code;
  h.ArbitraryFileIdentifier = req.header.ArbitraryFileIdentifier;
  h.SegmentOfResult = "1";
  if (req.header.MedicalInstitutionCode == scenario_.institution_code) return true;
  file_error(b.doc, scenario_.messages.institution_mismatch);
  b.summary = "SegmentOfResult 9 (other institution)";
  return false;
}

Responder::Built Responder::qualification(const Document& req) {
  Built b;
  Clock::time_point now = now_();
  // OQSsihvq01req / OQSsionq01req (home-visit / online care) are answered alike, as their own
  // result kind, with the consents the person gave for that care.
  const bool ours = start_answer(b, req, model::kind_info(req.kind).answer, now);
  b.doc.header.QualificationConfirmationDate = req.header.QualificationConfirmationDate;
  b.doc.header.ReferenceClassification = "2";
  if (!ours) return b;
  auto& body = b.doc.as<model::QualificationResultBody>();
  const auto& s = *req.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo;
  body.QualificationConfirmSearchInfo = s;
  if (!scenario_.knows_insurer(val(s.InsurerNumber))) {
    const Message& m = scenario_.messages.unknown_insurer;
    body.ProcessingResultStatus = "2";
    if (!m.code.empty()) body.ProcessingResultCode = m.code;
    body.ProcessingResultMessage = m.text;
    b.summary = "ProcessingResultStatus 2 " + m.code + " (unknown insurer)";
    return b;
  }
  std::vector<const Person*> found = match(s);
  body.ProcessingResultStatus = "1";
  if (found.empty()) {
    body.QualificationValidity = "4";
    b.summary = "validity 4 (no match)";
  } else if (found.size() == 1) {
    body.QualificationValidity = found[0]->validity;
    body.Results.push_back(
        insurance_result(*found[0], s.LimitApplicationCertificateRelatedConsFlg, now));
    b.summary = "validity " + found[0]->validity;
  } else {
    body.QualificationValidity = "5";
    for (const Person* p : found)
      body.Results.push_back(
          insurance_result(*p, s.LimitApplicationCertificateRelatedConsFlg, now));
    b.summary = "validity 5 (" + std::to_string(found.size()) + " candidates)";
  }
  if (req.kind != MessageKind::OQSsiquc01req)
    for (std::size_t i = 0; i < body.Results.size(); ++i)
      visit_consents(*found[i], req.kind == MessageKind::OQSsihvq01req, now, body.Results[i]);
  b.persons = found;
  return b;
}

void Responder::visit_consents(const Person& p, bool home, Clock::time_point now,
                               model::ResultOfQualificationConfirmation& r) const {
  // Consented for this care (home visits: and not withdrawn since): the consents to view as
  // the person gave them; else none (flag 0). The limit and specific-disease flags stay the
  // insurance route's.
  const auto w = withdrawn_.find(p.id);
  const bool withdrawn = w != withdrawn_.end() && w->second;
  const bool consented =
      home ? p.home_visit_consented && !withdrawn : p.online_consented.has_value();
  const model::ResultOfQualificationConfirmation given = card_result(p, now);
  const std::vector<model::Consent> from = given.consents();
  const std::vector<model::Consent> to = r.consents();
  for (std::size_t i = 2; i < to.size() && i < from.size(); ++i) {
    Text* flag = const_cast<Text*>(to[i].flag);
    Text* time = const_cast<Text*>(to[i].time);
    Text* until = const_cast<Text*>(to[i].available_until);
    if (!consented) {
      if (*flag || i < 6) *flag = "0";  // the six types every result carries: explicitly not
      time->reset();
      if (until) until->reset();
      continue;
    }
    *flag = *from[i].flag;
    *time = *from[i].time;
    if (until) *until = *from[i].available_until;
  }
}

Responder::Built Responder::registration(const Document& req) {
  Built b;
  Clock::time_point now = now_();
  if (!start_answer(b, req, MessageKind::OQSsiimm01res, now)) return b;
  auto& body = b.doc.as<model::ReferenceRegistrationResultBody>();
  const auto& info =
      *req.as<model::ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo;
  body.ReferenceNumberRegistrationInfo = info;
  std::vector<const Person*> found;
  if (scenario_.knows_insurer(val(info.InsurerNumber)))
    found = match_card(info.InsurerNumber, info.InsuredCardSymbol, info.InsuredIdentificationNumber,
                       info.InsuredBranchNumber);
  // An empty number deletes the card's registration (verification system manual ch. 7 (2));
  // a new number replaces the registered one (7 (1)).
  const bool remove = val(info.ReferenceNumber).empty();
  if (found.size() == 1 && !(remove && !reference_number(found[0]->id))) {
    const bool had = reference_number(found[0]->id).has_value();
    if (remove)
      references_.erase(found[0]->id);
    else
      references_[found[0]->id] = val(info.ReferenceNumber);
    body.ProcessingResultStatus = "1";
    b.persons = found;
    b.summary = remove ? "deleted" : had ? "updated" : "registered";
  } else {
    const Message& m = scenario_.messages.registration_refused;
    body.ProcessingResultStatus = "2";
    if (!m.code.empty()) body.ProcessingResultCode = m.code;
    body.ProcessingResultMessage = m.text;
    b.summary = "ProcessingResultStatus 2 " + m.code +
                (found.empty()       ? " (no such qualification)"
                 : found.size() == 1 ? " (no number to delete)"
                                     : " (several qualifications)");
  }
  return b;
}

Responder::Built Responder::bulk_upload(const Document& req) {
  Built b;
  Clock::time_point now = now_();
  if (!start_answer(b, req, model::kind_info(req.kind).answer, now)) return b;
  Batch batch{req.kind, req, scenario_.settings.still_processing, {}};
  std::size_t entries = 0;
  if (req.kind == MessageKind::OQSmuimm01req) {
    // Registrations take effect when the batch is accepted; the final result reports them.
    for (const auto& info :
         req.as<model::BulkReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo) {
      std::vector<const Person*> found;
      if (scenario_.knows_insurer(val(info.InsurerNumber)))
        found = match_card(info.InsurerNumber, info.InsuredCardSymbol,
                           info.InsuredIdentificationNumber, info.InsuredBranchNumber);
      if (found.size() == 1) {
        references_[found[0]->id] = val(info.ReferenceNumber);
        batch.registered.emplace_back(found[0]->id);
      } else {
        batch.registered.emplace_back(std::nullopt);
      }
      ++entries;
    }
  } else if (req.kind == MessageKind::OQSmutic01req) {
    entries = 1;  // the criteria (a treatment month), no persons
  } else {        // persons (OQSmuquc01req) or one block of criteria (OQSmuhvq01req, OQSmuonq01req)
    entries = req.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo.size();
  }
  std::string rn = new_reception_number(now);
  auto& body = b.doc.as<model::ReceptionBody>();
  body.ReceptionNumber = rn;
  body.ReceptionDateTime = stamp14(now);
  batches_.emplace(rn, std::move(batch));
  b.summary = "ReceptionNumber " + rn + " (" + std::to_string(entries) + " entries)";
  return b;
}

Responder::Built Responder::bulk_download(const Document& req) {
  Built b;
  Clock::time_point now = now_();
  const bool quc = req.kind == MessageKind::OQSmuquc02req;
  const bool tic = req.kind == MessageKind::OQSmutic02req;
  const bool consented =
      req.kind == MessageKind::OQSmuhvq02req || req.kind == MessageKind::OQSmuonq02req;
  b.doc = Document::make(model::kind_info(req.kind).answer);
  model::MessageHeader& h = b.doc.header;
  const std::string rn = val(req.as<model::ReceptionBody>().ReceptionNumber);
  h.ProcessExecutionTime = stamp14(now);
  h.MedicalInstitutionCode = scenario_.institution_code;
  h.ReceptionNumber = rn;
  if (req.header.MedicalInstitutionCode != scenario_.institution_code) {
    file_error(b.doc, scenario_.messages.institution_mismatch);
    b.summary = "SegmentOfResult 9 (other institution)";
    return b;
  }
  auto it = batches_.find(rn);
  const MessageKind upload = quc                                      ? MessageKind::OQSmuquc01req
                             : tic                                    ? MessageKind::OQSmutic01req
                             : req.kind == MessageKind::OQSmuhvq02req ? MessageKind::OQSmuhvq01req
                             : req.kind == MessageKind::OQSmuonq02req ? MessageKind::OQSmuonq01req
                                                                      : MessageKind::OQSmuimm01req;
  if (it == batches_.end() || it->second.kind != upload) {
    file_error(b.doc, scenario_.messages.unknown_reception);
    b.summary = "SegmentOfResult 9 (unknown reception number)";
    return b;
  }
  Batch& batch = it->second;
  if (batch.polls_left > 0) {
    --batch.polls_left;
    const Message& m = scenario_.messages.still_processing;
    h.SegmentOfResult = "2";
    if (!m.code.empty()) h.ErrorCode = m.code;
    h.ErrorMessage = m.text;
    b.summary =
        "SegmentOfResult 2 (still processing, " + std::to_string(batch.polls_left) + " more)";
    return b;
  }
  h.SegmentOfResult = "1";
  h.ArbitraryFileIdentifier = batch.request.header.ArbitraryFileIdentifier;
  std::size_t normal = 0, errors = 0;
  if (tic || consented) {
    // A bulk by criteria: one unit per person found, no echo of the criteria, the reference
    // number at unit level.
    auto& units = b.doc.as<model::BulkConfirmBody>().BulkConfirmUnit;
    auto add_unit = [&](const Person& p, model::ResultOfQualificationConfirmation r) {
      model::BulkConfirmUnit& u = units.emplace_back();
      u.ProcessingResultStatus = "1";
      u.QualificationValidity = p.validity;
      r.ReferenceNumber.reset();
      u.Results.push_back(std::move(r));
      if (auto ref = reference_number(p.id)) u.ReferenceNumber = *ref;
      b.persons.push_back(&p);
      ++normal;
    };
    if (tic) {
      // 委託先資格情報の一括取得: one unit per person with public assistance (card class A1)
      // holding a ticket of the asked treatment month, those tickets only.
      const auto& c =
          batch.request.as<model::BulkCriteriaRequestBody>().QualificationConfirmSearchInfo;
      const std::string month = c ? val(c->MedicalTreatmentMonth) : std::string();
      for (const Person& p : scenario_.people) {
        if (val(p.card.InsuredCardClassification) != "A1" || !p.card.PublicExpenseResultList)
          continue;
        model::ResultOfQualificationConfirmation r = insurance_result(p, Text("0"), now);
        auto& tickets = r.PublicExpenseResultList->MedicalTicketInfo;
        tickets.erase(std::remove_if(tickets.begin(), tickets.end(),
                                     [&](const model::MedicalTicketInfo& t) {
                                       return val(t.MedicalTreatmentMonth) != month;
                                     }),
                      tickets.end());
        if (!tickets.empty()) add_unit(p, std::move(r));
      }
    } else {
      // Everyone whose consent (or online examination) day lies in the criteria's range, with
      // the current qualification (tests/fixtures/homevisit/README.md).
      const auto& c =
          batch.request.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo.at(
              0);
      const bool home = req.kind == MessageKind::OQSmuhvq02req;
      const bool by_exam = !home && c.ExaminationDateFrom;
      const std::string from = val(by_exam ? c.ExaminationDateFrom : c.ConsentDateFrom);
      const std::string to = val(by_exam ? c.ExaminationDateTo : c.ConsentDateTo);
      for (const Person& p : scenario_.people) {
        const std::optional<std::string>& day = home      ? p.home_visit_consented
                                                : by_exam ? p.online_examined
                                                          : p.online_consented;
        if (!day || *day < from || *day > to) continue;
        if (home && withdrawn_[p.id]) continue;
        add_unit(p, insurance_result(p, Text("0"), now));
      }
    }
    h.NumberOfProcessingResult = std::to_string(units.size());
    h.NumberOfNormalProcessing = std::to_string(normal);
    h.NumberOfError = "0";
  } else if (quc) {
    h.QualificationConfirmationDate = batch.request.header.QualificationConfirmationDate;
    auto& units = b.doc.as<model::BulkConfirmBody>().BulkConfirmUnit;
    for (const auto& s :
         batch.request.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo) {
      model::BulkConfirmUnit& u = units.emplace_back();
      u.QualificationConfirmSearchInfo = s;
      const Message* error = nullptr;
      std::vector<const Person*> found;
      if (!scenario_.knows_insurer(val(s.InsurerNumber)))
        error = &scenario_.messages.unknown_insurer;
      else
        found = match(s);
      if (!error && found.empty() && scenario_.settings.bulk_no_match_error)
        error = &scenario_.messages.bulk_no_match;
      if (error) {
        u.ProcessingResultStatus = "2";
        if (!error->code.empty()) u.ProcessingResultCode = error->code;
        u.ProcessingResultMessage = error->text;
        ++errors;
        continue;
      }
      ++normal;
      u.ProcessingResultStatus = "1";
      u.QualificationValidity = found.empty()       ? "4"
                                : found.size() == 1 ? found[0]->validity
                                                    : std::string("5");
      for (const Person* p : found) {
        model::ResultOfQualificationConfirmation r =
            insurance_result(*p, s.LimitApplicationCertificateRelatedConsFlg, now);
        r.ArbitraryIdentifier = s.ArbitraryIdentifier;
        r.LimitApplicationCertificateChanged = "0";
        r.ReferenceNumber.reset();  // reported at unit level
        u.Results.push_back(std::move(r));
        b.persons.push_back(p);
      }
      if (found.size() == 1)
        if (auto ref = reference_number(found[0]->id)) u.ReferenceNumber = *ref;
    }
    h.NumberOfProcessingResult = std::to_string(units.size());
    h.NumberOfNormalProcessing = std::to_string(normal);
    h.NumberOfError = std::to_string(errors);
  } else {
    auto& units = b.doc.as<model::BulkRegistrationBody>().BulkRegistrationUnit;
    const auto& infos = batch.request.as<model::BulkReferenceRegistrationRequestBody>()
                            .ReferenceNumberRegistrationInfo;
    for (std::size_t i = 0; i < infos.size(); ++i) {
      model::BulkRegistrationUnit& u = units.emplace_back();
      u.ReferenceNumberRegistrationInfo = infos[i];
      if (batch.registered[i]) {
        u.ProcessingResultStatus = "1";
        ++normal;
        if (const Person* p = scenario_.find(*batch.registered[i])) b.persons.push_back(p);
      } else {
        const Message& m = scenario_.messages.registration_refused;
        u.ProcessingResultStatus = "2";
        if (!m.code.empty()) u.ProcessingResultCode = m.code;
        u.ProcessingResultMessage = m.text;
        ++errors;
      }
    }
  }
  b.summary = "SegmentOfResult 1 (" + std::to_string(normal) + " normal, " +
              std::to_string(errors) + " error)";
  return b;
}

Responder::Built Responder::medical_info(const Document& req) {
  Built b;
  const bool drug = req.kind == MessageKind::YZKsiquc01req;
  const MessageKind kind = drug ? MessageKind::YZKsiquc01res : MessageKind::TKKsiquc01res;
  b.doc = Document::make(kind);
  model::MessageHeader& h = b.doc.header;
  h.MedicalInstitutionCode = scenario_.institution_code;
  h.ArbitraryFileIdentifier = req.header.ArbitraryFileIdentifier;
  auto refuse = [&](const Message& m, const char* why) {
    h.ResultCode = "2";
    h.MessageContents = m.text;
    b.summary = std::string("ResultCode 2 (") + why + ")";
  };
  if (req.header.MedicalInstitutionCode != scenario_.institution_code) {
    refuse(scenario_.messages.institution_mismatch, "other institution");
    return b;
  }
  std::vector<const Person*> found;
  if (scenario_.knows_insurer(val(req.header.InsurerNumber)))
    found = match_card(req.header.InsurerNumber, req.header.InsuranceCardSymbol,
                       req.header.InsuredPersonIdentificationNumber, req.header.BranchNumber);
  if (found.size() != 1) {
    refuse(scenario_.messages.no_person, "no such insured person");
    return b;
  }
  const Person& p = *found[0];
  b.persons = found;
  const ConsentGiven* consent = p.consent(drug ? "pharmacists" : "specific_health_checkups");
  if (!consent || consent->flag != "1") {
    refuse(drug ? scenario_.messages.no_consent_drug : scenario_.messages.no_consent_checkup,
           "no consent");
    return b;
  }
  const auto& rb = req.as<model::MedicalInfoRequestBody>();
  const std::string category = val(rb.FileCategory);
  // FileCategory 3/4 (drugs with treatment records, spec 6.1) need the diagnosis consent too;
  // surgery records (MeTrIdCl 50) go out only under the operation consent.
  const bool treatment = drug && (category == "3" || category == "4");
  if (treatment) {
    const ConsentGiven* d = p.consent("diagnosis");
    if (!d || d->flag != "1") {
      refuse(scenario_.messages.no_consent_diagnosis, "no diagnosis consent");
      return b;
    }
  }
  const ConsentGiven* operation = p.consent("operation");
  const bool surgery = treatment && operation && operation->flag == "1";
  if (category == "1" || category == "3") {
    std::vector<std::string> lines = {
        std::string("onshi-terminal-sim: simulated ") +
            (drug ? "drug information (YZK)" : "specific health checkup information (TKK)"),
        "Institution: " + scenario_.institution_code,
        "Request identifier: " + val(req.header.ArbitraryFileIdentifier), "No real data."};
    if (drug)
      lines.insert(lines.begin() + 2, "Period: " + val(rb.StartDate) + " .. " + val(rb.EndDate));
    if (treatment)
      lines.insert(lines.begin() + 1,
                   std::string("With treatment records") + (surgery ? " and surgery records" : ""));
    b.doc.is_pdf = true;
    b.doc.pdf = make_pdf(lines);
    b.summary = "ResultCode 1 (PDF)";
    return b;
  }
  h.ResultCode = "1";
  if (drug) {
    model::QuaInf q;
    q.Name = p.card.Name;
    q.KanaName = p.card.NameKana;
    q.Birth = p.card.Birthdate;
    q.AdmGendCode = p.card.Sex1;
    h.QuaInf = q;
    auto& body = b.doc.as<model::DrugInfoBody>();
    if (p.drug_info) {
      body = *p.drug_info;
      body.ResultCode.reset();
      body.MessageContents.reset();
      body.MeTrMonthInf.clear();
      const std::string from = val(rb.StartDate), to = val(rb.EndDate);
      for (model::MeTrMonthInf m : p.drug_info->MeTrMonthInf) {
        const std::string month = val(m.MeTrMonth);
        if ((!from.empty() && month < from) || (!to.empty() && month > to)) continue;
        if (m.DiDateInfs)  // treatment records only with FileCategory 4
          for (model::DiDateInf& d : m.DiDateInfs->DiDateInf) {
            if (!treatment) {
              d.MeTrInfs.reset();
            } else if (d.MeTrInfs && !surgery) {
              auto& t = d.MeTrInfs->MeTrInf;
              t.erase(
                  std::remove_if(t.begin(), t.end(),
                                 [](const model::MeTrInf& x) { return val(x.MeTrIdCl) == "50"; }),
                  t.end());
              if (t.empty()) d.MeTrInfs.reset();
            }
          }
        body.MeTrMonthInf.push_back(std::move(m));
      }
    }
    b.summary = "ResultCode 1 (XML, " + std::to_string(body.MeTrMonthInf.size()) + " months)";
  } else {
    model::QualificationsInfo q;
    q.Name = p.card.Name;
    q.KanasName = p.card.NameKana;
    q.Birthday = p.card.Birthdate;
    q.AdministrativeGenderCode = p.card.Sex1;
    h.QualificationsInfo = q;
    auto& body = b.doc.as<model::CheckupInfoBody>();
    if (p.checkup_info) {
      body = *p.checkup_info;
      body.ResultCode.reset();
      body.MessageContents.reset();
    }
    b.summary = "ResultCode 1 (XML, " + std::to_string(body.SpecificHealthCheckupInfo.size()) +
                " checkups)";
  }
  return b;
}

Responder::Built Responder::withdrawal(const Document& req) {
  Built b;
  Clock::time_point now = now_();
  if (!start_answer(b, req, MessageKind::OQSsihvd01res, now)) return b;
  auto& body = b.doc.as<model::QualificationResultBody>();
  const auto& s = *req.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo;
  body.QualificationConfirmSearchInfo = s;
  std::vector<const Person*> found;
  if (scenario_.knows_insurer(val(s.InsurerNumber))) found = match(s);
  if (found.size() != 1 || !found[0]->home_visit_consented || withdrawn_[found[0]->id]) {
    const Message& m = scenario_.messages.registration_refused;
    body.ProcessingResultStatus = "2";
    if (!m.code.empty()) body.ProcessingResultCode = m.code;
    body.ProcessingResultMessage = m.text;
    b.summary = "ProcessingResultStatus 2 (no home-visit consent for this card)";
    return b;
  }
  withdrawn_[found[0]->id] = true;
  body.ProcessingResultStatus = "1";
  b.persons = found;
  b.summary = "ProcessingResultStatus 1 (home-visit consent withdrawn)";
  return b;
}

Responder::Built Responder::handle(const Document& req) {
  switch (req.kind) {
    case MessageKind::OQSsihvd01req:
      return withdrawal(req);
    case MessageKind::OQSsiquc01req:
    case MessageKind::OQSsihvq01req:
    case MessageKind::OQSsionq01req:
      return qualification(req);
    case MessageKind::OQSsiimm01req:
      return registration(req);
    case MessageKind::OQSmuquc01req:
    case MessageKind::OQSmuimm01req:
    case MessageKind::OQSmutic01req:
    case MessageKind::OQSmuhvq01req:
    case MessageKind::OQSmuonq01req:
      return bulk_upload(req);
    case MessageKind::OQSmuquc02req:
    case MessageKind::OQSmuimm02req:
    case MessageKind::OQSmutic02req:
    case MessageKind::OQSmuhvq02req:
    case MessageKind::OQSmuonq02req:
      return bulk_download(req);
    case MessageKind::YZKsiquc01req:
    case MessageKind::TKKsiquc01req:
      return medical_info(req);
    default:
      break;
  }
  throw Error("not a request kind");
}

// --- entry points --------------------------------------------------------------------------------

Reply Responder::respond(std::string_view request_name, std::string_view bytes) {
  Reply r;
  const model::FileName fn = model::classify_file_name(request_name);
  if (!model::kind_info(fn.kind).request) {
    r.summary = "not a request file name: ignored";
    return r;
  }
  ++handled_;
  const std::string err_name =
      std::string(request_name.substr(0, request_name.size() - 4)) + ".err";
  auto err_reply = [&](const Message& m, const std::string& summary) {
    r.action = Reply::Action::error_file;
    r.file_name = err_name;
    r.bytes = encode_text((m.code.empty() ? "" : m.code + " ") + m.text + "\n");
    r.summary = summary;
    return r;
  };
  Built b;
  try {
    Document req = xml::read_document(bytes, fn.kind, request_name);
    b = handle(req);
  } catch (const RefusedError& e) {
    // The link software cannot answer what it cannot read: the error side channel (spec 1.1).
    return err_reply(
        scenario_.messages.bad_request,
        std::string("unreadable request (") + refusal_kind_name(e.kind()) + "): .err written");
  } catch (const std::exception& e) {
    return err_reply(scenario_.messages.error_file, "simulator error: .err written");
  }

  const Settings& st = scenario_.settings;
  auto every = [&](int n) { return n > 0 && handled_ % static_cast<std::uint64_t>(n) == 0; };
  Fault fault = Fault::none;
  if (every(st.err_every))
    fault = Fault::err;
  else if (every(st.malformed_every))
    fault = Fault::malformed;
  else if (every(st.silent_every))
    fault = Fault::silent;
  else
    for (const Person* p : b.persons)
      if (p->fault != Fault::none) {
        fault = p->fault;
        break;
      }
  if (fault == Fault::err)
    return err_reply(scenario_.messages.error_file, b.summary + "; injected .err");
  if (fault == Fault::silent) {
    r.action = Reply::Action::silent;
    r.summary = b.summary + "; injected silence (no answer)";
    return r;
  }
  try {
    r.bytes = encode(b.doc, b.summary);
    r.file_name = model::result_file_name(request_name, b.doc.is_pdf);
  } catch (const ValidationError& e) {
    // Scenario data the writer refuses: say where, without the value.
    return err_reply(scenario_.messages.error_file,
                     "simulator error (answer invalid at " + e.element() + "): .err written");
  } catch (const std::exception& e) {
    return err_reply(scenario_.messages.error_file, "simulator error: .err written");
  }
  r.action = Reply::Action::answer;
  if (fault == Fault::malformed) {
    r.bytes.resize(r.bytes.size() / 2);
    r.malformed = true;
    b.summary += "; injected malformed answer";
  }
  r.document = std::move(b.doc);
  r.summary = b.summary;
  return r;
}

CheckIn Responder::check_in(std::string_view person_id, std::optional<Clock::time_point> at) {
  const Person* p = scenario_.find(person_id);
  if (!p) throw Error("unknown person \"" + std::string(person_id) + "\" (not in the scenario)");
  const Clock::time_point t = at ? *at : now_();
  CheckIn c;
  c.document = Document::make(MessageKind::OQSsiquc01res_face);
  model::MessageHeader& h = c.document.header;
  h.ProcessExecutionTime = stamp14(t);
  h.SegmentOfResult = "1";
  h.QualificationConfirmationDate = stamp8(t);
  h.ReferenceClassification = "1";
  h.ArbitraryFileIdentifier = random_token();
  h.MedicalInstitutionCode = scenario_.institution_code;
  auto& body = c.document.as<model::QualificationResultBody>();
  body.ProcessingResultStatus = "1";
  body.QualificationValidity = p->validity;
  if (p->prescription_issue_select) body.PrescriptionIssueSelect = *p->prescription_issue_select;
  body.Results.push_back(card_result(*p, t));
  std::string summary;
  c.bytes = encode(c.document, summary);
  c.file_name = "OQSsiquc01res_face_" + scenario_.institution_code + random_hex(20) + "_" +
                stamp14(t) + ".xml";
  return c;
}

std::string make_pdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 72 760 Td 16 TL";
  for (const std::string& line : lines) {
    content += " (";
    for (char ch : line) {
      if (ch == '(' || ch == ')' || ch == '\\') content += '\\';
      content += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
    }
    content += ") '";
  }
  content += " ET";
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R "
      ">> >> /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  int n = 1;
  for (const std::string& o : objects) {
    offsets.push_back(out.size());
    out += std::to_string(n++) + " 0 obj\n" + o + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 6\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace onshi::sim
