// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "model/validate.h"

#include "common/error.h"

namespace onshi::model {
namespace {

bool digits_only(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

void fail(const std::string& path, const std::string& why) {
  throw ValidationError(path, why);
}

const std::string* value_of(const Text& t) {
  return t ? &*t : nullptr;
}

bool present(const Text& t) {
  return t && !t->empty();
}

void require(const Text& t, const char* path) {
  if (!present(t)) fail(path, "required element missing or empty");
}

/// A person's keys in a search block (`path` is the block's): the elements a 資格確認 request
/// and its echo need; `limit_flag` also the limit-certificate consent flag. The block also
/// carries criteria (messages.h), so the schema leaves these optional and the kinds ask here.
void require_person(const QualificationConfirmSearchInfo& s, const std::string& path,
                    bool limit_flag = true) {
  if (!present(s.InsurerNumber)) fail(path + ".InsurerNumber", "required element missing or empty");
  if (!present(s.InsuredIdentificationNumber))
    fail(path + ".InsuredIdentificationNumber", "required element missing or empty");
  if (!present(s.Birthdate)) fail(path + ".Birthdate", "required element missing or empty");
  if (limit_flag && !present(s.LimitApplicationCertificateRelatedConsFlg))
    fail(path + ".LimitApplicationCertificateRelatedConsFlg", "required element missing or empty");
}

/// The criteria of a consented-information bulk (OQSmuhvq01req: consent dates, flag 2;
/// OQSmuonq01req: consent or examination dates, flag 3): one search block, one pair of dates.
void require_criteria(MessageKind kind, const BulkQualificationRequestBody& b) {
  const std::string path = "MessageBody.QualificationConfirmSearchInfo";
  if (b.QualificationConfirmSearchInfo.size() != 1)
    fail(path, "exactly one block of search criteria is required");
  const QualificationConfirmSearchInfo& c = b.QualificationConfirmSearchInfo.front();
  const bool home = kind == MessageKind::OQSmuhvq01req;
  const char* flag = home ? "2" : "3";
  if (!present(c.MedicalTreatmentFlag) || *c.MedicalTreatmentFlag != flag)
    fail(path + "[0].MedicalTreatmentFlag", std::string("must be ") + flag + " for this kind");
  const bool consent = present(c.ConsentDateFrom) || present(c.ConsentDateTo);
  const bool exam = present(c.ExaminationDateFrom) || present(c.ExaminationDateTo);
  if (home && exam) fail(path + "[0].ExaminationDateFrom", "not a criterion of this kind");
  if (consent == exam)
    fail(path + "[0]", "one pair of dates is required (consent or examination dates)");
  const Text& from = consent ? c.ConsentDateFrom : c.ExaminationDateFrom;
  const Text& to = consent ? c.ConsentDateTo : c.ExaminationDateTo;
  const std::string name = consent ? "ConsentDate" : "ExaminationDate";
  if (!present(from)) fail(path + "[0]." + name + "From", "required element missing or empty");
  if (!present(to)) fail(path + "[0]." + name + "To", "required element missing or empty");
  if (*from > *to) fail(path + "[0]." + name + "From", "after " + name + "To");
}

/// Element path of a field, kept as a chain on the stack and rendered only when a check fails.
struct PathNode {
  const PathNode* parent;
  std::string_view name;  ///< JSON key (unused for list items)
  std::size_t index;      ///< list item index, or npos for a named step
};
constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

std::string render(const PathNode* n) {
  if (!n) return {};
  std::string s = render(n->parent);
  if (n->index != kNoIndex) return s + "[" + std::to_string(n->index) + "]";
  if (!s.empty()) s += '.';
  s.append(n->name);
  return s;
}

/// Walks a struct: every present text is checked against its rule, required ones must exist.
/// The items of `streamed` (a list of this struct) are not there: its first error stands in.
void walk(const Schema& schema, const void* obj, const PathNode* path,
          const std::optional<ValidationError>* streamed_error = nullptr,
          const FieldDef* streamed = nullptr) {
  for (const FieldDef& f : schema.fields) {
    if (f.alias) continue;
    if (&f == streamed) {
      if (*streamed_error) throw **streamed_error;
      continue;
    }
    const PathNode here{f.hoist ? nullptr : path, json_key(f), kNoIndex};
    switch (f.kind) {
      case FieldKind::text: {
        const std::string* v = value_of(*f.ctext(obj));
        if (!v || v->empty()) {
          if (f.rule.required) fail(render(&here), "required element missing or empty");
          continue;
        }
        std::string why = check_value(f.rule, *v);
        // The element and the rule, never the value: refusals are logged and shown, and a
        // value here may be a birthdate, a name or a card number.
        if (!why.empty()) fail(render(&here), why);
        break;
      }
      case FieldKind::block:
        if (f.count(obj)) walk(*f.child, f.at(obj, 0), &here);
        break;
      case FieldKind::list: {
        std::size_t n = f.count(obj);
        for (std::size_t i = 0; i < n; ++i) {
          const PathNode item{&here, {}, i};
          walk(*f.child, f.at(obj, i), &item);
        }
        break;
      }
    }
  }
}

/// The per-kind rule on one item of a bulk result's units (validate()'s order: after the
/// element checks and the header's rules).
void check_unit_rule(MessageKind kind, const FieldDef& list, const void* item, std::size_t i) {
  const Text* status = nullptr;
  const bool consented = kind == MessageKind::OQSmuhvq02res || kind == MessageKind::OQSmuonq02res;
  if ((kind == MessageKind::OQSmuquc02res || kind == MessageKind::OQSmutic02res || consented) &&
      list.child == &BulkConfirmUnit::schema()) {
    const auto* unit = static_cast<const BulkConfirmUnit*>(item);
    status = &unit->ProcessingResultStatus;
    // The pre-check echoes the person asked about; a consented bulk asked by criteria.
    if (!consented && unit->QualificationConfirmSearchInfo)
      require_person(*unit->QualificationConfirmSearchInfo, std::string(json_key(list)) + "[" +
                                                                std::to_string(i) +
                                                                "].QualificationConfirmSearchInfo");
  } else if (kind == MessageKind::OQSmuimm02res && list.child == &BulkRegistrationUnit::schema())
    status = &static_cast<const BulkRegistrationUnit*>(item)->ProcessingResultStatus;
  if (status && !present(*status))
    fail(std::string(json_key(list)) + "[" + std::to_string(i) + "].ProcessingResultStatus",
         "required element missing or empty");
}

/// The body's list of `kind` that check_unit_rule() applies to, or nullptr.
const FieldDef* unit_list(MessageKind kind) {
  if (kind == MessageKind::OQSmuquc02res || kind == MessageKind::OQSmutic02res ||
      kind == MessageKind::OQSmuhvq02res || kind == MessageKind::OQSmuonq02res)
    return &BulkConfirmBody::schema().fields.front();
  if (kind != MessageKind::OQSmuimm02res) return nullptr;
  const Schema& s = BulkRegistrationBody::schema();
  return &s.fields.front();
}

}  // namespace

void StreamedItems::check(const void* item) {
  const std::size_t i = count_++;
  if (!element_error_) {
    const PathNode body{nullptr, "MessageBody", kNoIndex};
    const PathNode here{list_->hoist ? nullptr : &body, json_key(*list_), kNoIndex};
    const PathNode node{&here, {}, i};
    try {
      walk(*list_->child, item, &node);
    } catch (const ValidationError& e) {
      element_error_ = e;
    }
  }
  if (!rule_error_) {
    try {
      check_unit_rule(kind_, *list_, item, i);
    } catch (const ValidationError& e) {
      rule_error_ = e;
    }
  }
}

bool is_valid_date8(std::string_view s) {
  if (s.size() != 8 || !digits_only(s)) return false;
  int y = num(s.substr(0, 4)), m = num(s.substr(4, 2)), d = num(s.substr(6, 2));
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  int max = days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
  return d <= max;
}

bool is_valid_datetime14(std::string_view s) {
  if (s.size() != 14 || !digits_only(s) || !is_valid_date8(s.substr(0, 8))) return false;
  return num(s.substr(8, 2)) <= 23 && num(s.substr(10, 2)) <= 59 && num(s.substr(12, 2)) <= 59;
}

bool is_valid_month6(std::string_view s) {
  if (s.size() != 6 || !digits_only(s)) return false;
  int y = num(s.substr(0, 4)), m = num(s.substr(4, 2));
  return y >= 1800 && m >= 1 && m <= 12;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string check_value(const Rule& rule, std::string_view v) {
  if (v.size() > kMaxTextBytes) return "longer than " + std::to_string(kMaxTextBytes) + " bytes";
  std::size_t n = char_count(v);
  if (rule.max_len && n > rule.max_len)
    return "longer than " + std::to_string(rule.max_len) + " characters";
  if (rule.min_len && n < rule.min_len)
    return "shorter than " + std::to_string(rule.min_len) + " characters";
  switch (rule.format) {
    case Format::any:
      break;
    case Format::digits:
      if (!digits_only(v)) return "not a number";
      break;
    case Format::date8:
      if (!is_valid_date8(v)) return "not a real calendar date YYYYMMDD";
      break;
    case Format::month6:
      if (!is_valid_month6(v)) return "not a month YYYYMM";
      break;
    case Format::datetime14:
      if (!is_valid_datetime14(v)) return "not a real date and time YYYYMMDDHHMMSS";
      break;
    case Format::code: {
      for (const char* const* c = rule.codes; c && *c; ++c)
        if (v == *c) return {};
      return "not a known code";
    }
    case Format::insurer_number: {
      std::string_view d = v;
      while (!d.empty() && d.front() == ' ') d.remove_prefix(1);
      if (v.size() > 8 || !digits_only(d) || (d.size() != 6 && d.size() != 8))
        return "not an insurer number (8 digits, or 6 digits space-padded)";
      break;
    }
    case Format::post_number: {
      bool ok = (v.size() == 8 && v[3] == '-' && digits_only(v.substr(0, 3)) &&
                 digits_only(v.substr(4))) ||
                (v.size() == 7 && digits_only(v));
      if (!ok) return "not a postal code NNN-NNNN";
      break;
    }
  }
  return {};
}

void validate(const Document& doc, const StreamedItems* streamed) {
  if (doc.is_pdf) return;  // bytes only; the reader checked the magic
  const PathNode header{nullptr, "MessageHeader", kNoIndex}, body{nullptr, "MessageBody", kNoIndex};
  walk(MessageHeader::schema(), &doc.header, &header);
  walk(body_schema(doc.body), body_ptr(doc.body), &body,
       streamed ? &streamed->element_error_ : nullptr, streamed ? streamed->list_ : nullptr);

  const MessageHeader& h = doc.header;
  const KindInfo& info = kind_info(doc.kind);
  const bool segment_ok = h.SegmentOfResult && *h.SegmentOfResult == "1";
  const bool segment_done_or_busy = segment_ok || (h.SegmentOfResult && *h.SegmentOfResult == "2");

  if (doc.kind != MessageKind::unknown)
    require(h.MedicalInstitutionCode, "MessageHeader.MedicalInstitutionCode");
  const bool oqs_result = !info.request && doc.kind != MessageKind::YZKsiquc01res &&
                          doc.kind != MessageKind::TKKsiquc01res;
  if (oqs_result) require(h.SegmentOfResult, "MessageHeader.SegmentOfResult");

  switch (doc.kind) {
    case MessageKind::OQSsiquc01req:
    case MessageKind::OQSsihvq01req:
    case MessageKind::OQSsionq01req: {
      require(h.QualificationConfirmationDate, "MessageHeader.QualificationConfirmationDate");
      const auto& s = doc.as<QualificationRequestBody>().QualificationConfirmSearchInfo;
      if (!s) fail("MessageBody.QualificationConfirmSearchInfo", "required element missing");
      require_person(*s, "MessageBody.QualificationConfirmSearchInfo");
      // The single check of home-visit / online care names its 診療区分 (2 / 3), as the
      // manual's 資格情報照会（訪問診療等・オンライン診療等） screen does
      // (tests/fixtures/homevisit).
      if (doc.kind != MessageKind::OQSsiquc01req) {
        const char* flag = doc.kind == MessageKind::OQSsihvq01req ? "2" : "3";
        if (!present(s->MedicalTreatmentFlag) || *s->MedicalTreatmentFlag != flag)
          fail("MessageBody.QualificationConfirmSearchInfo.MedicalTreatmentFlag",
               std::string("must be ") + flag + " for this kind");
      }
      break;
    }
    case MessageKind::OQSsihvd01req: {
      // The card of the patient whose consent is withdrawn (tests/fixtures/homevisit).
      const auto& s = doc.as<QualificationRequestBody>().QualificationConfirmSearchInfo;
      if (!s) fail("MessageBody.QualificationConfirmSearchInfo", "required element missing");
      require_person(*s, "MessageBody.QualificationConfirmSearchInfo", false);
      if (!present(s->MedicalTreatmentFlag) || *s->MedicalTreatmentFlag != "2")
        fail("MessageBody.QualificationConfirmSearchInfo.MedicalTreatmentFlag",
             "must be 2 for this kind");
      break;
    }
    case MessageKind::OQSmuquc01req: {
      require(h.QualificationConfirmationDate, "MessageHeader.QualificationConfirmationDate");
      const auto& persons = doc.as<BulkQualificationRequestBody>().QualificationConfirmSearchInfo;
      if (persons.empty())
        fail("MessageBody.QualificationConfirmSearchInfo", "at least one person is required");
      for (std::size_t i = 0; i < persons.size(); ++i)
        require_person(persons[i],
                       "MessageBody.QualificationConfirmSearchInfo[" + std::to_string(i) + "]");
      break;
    }
    case MessageKind::OQSmuhvq01req:
    case MessageKind::OQSmuonq01req:
      require_criteria(doc.kind, doc.as<BulkQualificationRequestBody>());
      break;
    case MessageKind::OQSmutic01req: {
      const auto& c = doc.as<BulkCriteriaRequestBody>().QualificationConfirmSearchInfo;
      if (!c) fail("MessageBody.QualificationConfirmSearchInfo", "required element missing");
      require(c->MedicalTreatmentMonth,
              "MessageBody.QualificationConfirmSearchInfo.MedicalTreatmentMonth");
      break;
    }
    case MessageKind::OQSsiimm01req:
      if (!doc.as<ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo)
        fail("MessageBody.ReferenceNumberRegistrationInfo", "required element missing");
      break;
    case MessageKind::OQSmuimm01req: {
      const auto& cards =
          doc.as<BulkReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo;
      if (cards.empty())
        fail("MessageBody.ReferenceNumberRegistrationInfo", "at least one card is required");
      // A bulk run only registers: an empty number (a delete) exists for single requests only.
      for (std::size_t i = 0; i < cards.size(); ++i)
        if (!present(cards[i].ReferenceNumber))
          fail("MessageBody.ReferenceNumberRegistrationInfo[" + std::to_string(i) +
                   "].ReferenceNumber",
               "required element missing or empty");
      break;
    }
    case MessageKind::OQSmuquc02req:
    case MessageKind::OQSmuimm02req:
    case MessageKind::OQSmutic02req:
    case MessageKind::OQSmuhvq02req:
    case MessageKind::OQSmuonq02req:
      require(doc.as<ReceptionBody>().ReceptionNumber, "MessageBody.ReceptionNumber");
      break;
    case MessageKind::YZKsiquc01req:
    case MessageKind::TKKsiquc01req: {
      require(h.InsurerNumber, "MessageHeader.InsurerNumber");
      require(h.InsuredPersonIdentificationNumber,
              "MessageHeader.InsuredPersonIdentificationNumber");
      if (doc.kind == MessageKind::YZKsiquc01req) {
        const auto& b = doc.as<MedicalInfoRequestBody>();
        require(b.StartDate, "MessageBody.StartDate");
        require(b.EndDate, "MessageBody.EndDate");
        if (*b.StartDate > *b.EndDate) fail("MessageBody.StartDate", "after EndDate");
      }
      break;
    }
    case MessageKind::OQSsiquc01res:
    case MessageKind::OQSsiquc01res_face:
    case MessageKind::OQSsihvq01res:
    case MessageKind::OQSsionq01res: {
      const auto& b = doc.as<QualificationResultBody>();
      if (b.QualificationConfirmSearchInfo)
        require_person(*b.QualificationConfirmSearchInfo,
                       "MessageBody.QualificationConfirmSearchInfo");
      if (segment_ok) {
        require(b.ProcessingResultStatus, "MessageBody.ProcessingResultStatus");
        if (*b.ProcessingResultStatus == "1")
          require(b.QualificationValidity, "MessageBody.QualificationValidity");
      }
      break;
    }
    case MessageKind::OQSsihvd01res:
      // The echo is the card as asked (no limit flag); the outcome is the status alone.
      if (segment_ok)
        require(doc.as<QualificationResultBody>().ProcessingResultStatus,
                "MessageBody.ProcessingResultStatus");
      break;
    case MessageKind::OQSsiimm01res:
      if (segment_ok)
        require(doc.as<ReferenceRegistrationResultBody>().ProcessingResultStatus,
                "MessageBody.ProcessingResultStatus");
      break;
    case MessageKind::OQSmuquc01res:
    case MessageKind::OQSmuimm01res:
    case MessageKind::OQSmutic01res:
    case MessageKind::OQSmuhvq01res:
    case MessageKind::OQSmuonq01res: {
      const auto& b = doc.as<ReceptionBody>();
      if (segment_ok && !(b.ProcessingResultStatus && *b.ProcessingResultStatus == "2"))
        require(b.ReceptionNumber, "MessageBody.ReceptionNumber");
      break;
    }
    case MessageKind::OQSmuquc02res:
    case MessageKind::OQSmuimm02res:
    case MessageKind::OQSmutic02res:
    case MessageKind::OQSmuhvq02res:
    case MessageKind::OQSmuonq02res: {
      if (segment_done_or_busy) require(h.ReceptionNumber, "MessageHeader.ReceptionNumber");
      const FieldDef& list = *unit_list(doc.kind);
      if (streamed && streamed->list_ == &list) {
        if (streamed->rule_error_) throw *streamed->rule_error_;
        break;
      }
      const void* owner = body_ptr(doc.body);
      for (std::size_t i = 0; i < list.count(owner); ++i)
        check_unit_rule(doc.kind, list, list.at(owner, i), i);
      break;
    }
    case MessageKind::YZKsiquc01res:
      if (!present(h.ResultCode) && !present(doc.as<DrugInfoBody>().ResultCode))
        fail("MessageHeader.ResultCode", "required element missing or empty");
      break;
    case MessageKind::TKKsiquc01res:
      if (!present(h.ResultCode) && !present(doc.as<CheckupInfoBody>().ResultCode))
        fail("MessageHeader.ResultCode", "required element missing or empty");
      break;
    case MessageKind::unknown:
      break;
  }
}

}  // namespace onshi::model
