// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Element tables of the message model. Codes and formats follow spec/oqs-exchange.md section 8;
// where the sources disagree the wider set is accepted (e.g. PreschoolClassification 1/2).
#include "model/messages.h"

namespace onshi::model {
namespace {

// --- code tables (OQSCDnnn) ----------------------------------------------------------------
const char* const kCci[] = {"0", "1", nullptr};                                              // 005
const char* const kRefClass[] = {"1", "2", nullptr};                                         // 002
const char* const kStatus[] = {"1", "2", nullptr};                                           // 004
const char* const kValidity[] = {"1", "2", "3", "4", "5", "6", nullptr};                     // 006
const char* const kSex[] = {"1", "2", "3", nullptr};                                         // 007
const char* const kReasonOfLoss[] = {"01", "02", "03", "99", nullptr};                       // 008
const char* const kPersonalFamily[] = {"1", "2", nullptr};                                   // 009
const char* const kCardClass[] = {"01", "02", "03", "04", "05", "06", "07", "A1", nullptr};  // 010
const char* const kLimitClass[] = {"01", "02", "03", nullptr};                               // 011
const char* const kLimitFlag[] = {"A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02",  "B03",
                                  "B04", "B05", "B06", "B07", "B08", "B09", "B10", nullptr};  // 012
const char* const kDiseaseCategory[] = {"1", "2", "3", nullptr};                              // 013
const char* const kZeroOne[] = {"0", "1", nullptr};                            // 001, 014, 026, ...
const char* const kPreschool[] = {"1", "2", nullptr};                          // 015 (+RESW's 2)
const char* const kConsent[] = {"0", "1", "2", "3", nullptr};                  // 016
const char* const kPrescription[] = {"1", "2", nullptr};                       // 017
const char* const kTicketType[] = {"01", "02", nullptr};                       // 018
const char* const kTreatmentType[] = {"01", "02", "03", "04", "05", nullptr};  // 019
const char* const kOneTwo2[] = {"01", "02", nullptr};                          // 020, 021, 023-025
const char* const kTreatmentFlag[] = {"1", "2", "3", "4", nullptr};            // 028
const char* const kFileCategory[] = {"1", "2", "3", "4", nullptr};

Rule code(const char* const* codes, bool required = false) {
  Rule r;
  r.format = Format::code;
  r.codes = codes;
  r.required = required;
  return r;
}
Rule fmt(Format f, bool required = false) {
  Rule r;
  r.format = f;
  r.required = required;
  return r;
}
Rule len(std::uint16_t max_len, bool required = false) {
  Rule r;
  r.max_len = max_len;
  r.required = required;
  return r;
}
Rule digits(std::uint16_t min_len, std::uint16_t max_len, bool required = false) {
  Rule r;
  r.format = Format::digits;
  r.min_len = min_len;
  r.max_len = max_len;
  r.required = required;
  return r;
}

const Rule kDate = fmt(Format::date8);
const Rule kDateTime = fmt(Format::datetime14);
const Rule kMonth = fmt(Format::month6);
const Rule kInsurer = fmt(Format::insurer_number);
const Rule kSymbol = len(20);
const Rule kNumber = len(20);
const Rule kBranch = digits(2, 2);
const Rule kMic = digits(10, 10);
const Rule kRefNumber = len(50);
const Rule kRatio = digits(3, 3);

}  // namespace

// --- header ----------------------------------------------------------------------------------
const Schema& QuaInf::schema() {
  using T = QuaInf;
  static const Schema s("QuaInf",
                        {text<&T::Name>("Name"), text<&T::KanaName>("KanaName"),
                         text<&T::Birth>("Birth", kDate), text<&T::AdmGendCode>("AdmGendCode")});
  return s;
}

const Schema& QualificationsInfo::schema() {
  using T = QualificationsInfo;
  static const Schema s("QualificationsInfo",
                        {text<&T::Name>("Name"), text<&T::KanasName>("KanasName"),
                         text<&T::Birthday>("Birthday", kDate),
                         text<&T::AdministrativeGenderCode>("AdministrativeGenderCode")});
  return s;
}

const Schema& MessageHeader::schema() {
  using T = MessageHeader;
  static const Schema s(
      "MessageHeader",
      {text<&T::ProcessExecutionTime>("ProcessExecutionTime", kDateTime),
       text<&T::QualificationConfirmationDate>("QualificationConfirmationDate", kDate),
       text<&T::MedicalInstitutionCode>("MedicalInstitutionCode", kMic),
       text<&T::ArbitraryFileIdentifier>("ArbitraryFileIdentifier", len(100)),
       text<&T::ReferenceClassification>("ReferenceClassification", code(kRefClass)),
       // doc/decisions.md 9: any SegmentOfResult other than 1/2 is "failed", never a parse error.
       text<&T::SegmentOfResult>("SegmentOfResult", len(8)),
       text<&T::ErrorCode>("ErrorCode", len(64)), text<&T::ErrorMessage>("ErrorMessage"),
       text<&T::CharacterCodeIdentifier>("CharacterCodeIdentifier", code(kCci)),
       text<&T::ReceptionNumber>("ReceptionNumber", len(100)),
       text<&T::NumberOfProcessingResult>("NumberOfProcessingResult", digits(1, 9)),
       text<&T::NumberOfNormalProcessing>("NumberOfNormalProcessing", digits(1, 9)),
       text<&T::NumberOfError>("NumberOfError", digits(1, 9)),
       text<&T::InsurerNumber>("InsurerNumber", kInsurer),
       text<&T::InsuranceCardSymbol>("InsuranceCardSymbol", kSymbol),
       text<&T::InsuredPersonIdentificationNumber>("InsuredPersonIdentificationNumber", kNumber),
       text<&T::BranchNumber>("BranchNumber", kBranch), text<&T::ResultCode>("ResultCode", len(8)),
       text<&T::MessageContents>("MessageContents"), block<&T::QuaInf>("QuaInf"),
       block<&T::QualificationsInfo>("QualificationsInfo")});
  return s;
}

// --- search / registration blocks -------------------------------------------------------------
const Schema& QualificationConfirmSearchInfo::schema() {
  using T = QualificationConfirmSearchInfo;
  static const Schema s(
      "QualificationConfirmSearchInfo",
      // A person's keys are required per kind (validate.cc: require_person), not here: the
      // same block carries the criteria of a consented-information bulk.
      {text<&T::InsurerNumber>("InsurerNumber", kInsurer),
       text<&T::InsuredCardSymbol>("InsuredCardSymbol", kSymbol),
       text<&T::InsuredIdentificationNumber>("InsuredIdentificationNumber", len(20)),
       text<&T::InsuredBranchNumber>("InsuredBranchNumber", kBranch),
       text<&T::Birthdate>("Birthdate", kDate),
       text<&T::LimitApplicationCertificateRelatedConsFlg>(
           "LimitApplicationCertificateRelatedConsFlg", code(kZeroOne)),
       text<&T::ArbitraryIdentifier>("ArbitraryIdentifier", len(100)),
       text<&T::ConsentDateFrom>("ConsentDateFrom", kDate),
       text<&T::ConsentDateTo>("ConsentDateTo", kDate),
       text<&T::ExaminationDateFrom>("ExaminationDateFrom", kDate),
       text<&T::ExaminationDateTo>("ExaminationDateTo", kDate),
       text<&T::MedicalTreatmentFlag>("MedicalTreatmentFlag", code(kTreatmentFlag))});
  return s;
}

const Schema& ReferenceNumberRegistrationInfo::schema() {
  using T = ReferenceNumberRegistrationInfo;
  static const Schema s(
      "ReferenceNumberRegistrationInfo",
      // Empty in a single request (and its echo) deletes the card's number (manual ch. 7 (2);
      // tests/fixtures/refnum/README.md); validate() requires it everywhere else.
      {text<&T::ReferenceNumber>("ReferenceNumber", len(50)),
       text<&T::InsurerNumber>("InsurerNumber", fmt(Format::insurer_number, true)),
       text<&T::InsuredCardSymbol>("InsuredCardSymbol", kSymbol),
       text<&T::InsuredIdentificationNumber>("InsuredIdentificationNumber", len(20, true)),
       text<&T::InsuredBranchNumber>("InsuredBranchNumber", kBranch)});
  return s;
}

// --- result sub-structures -------------------------------------------------------------------
const Schema& LimitApplicationCertificateRelatedInfo::schema() {
  using T = LimitApplicationCertificateRelatedInfo;
  static const Schema s(
      "LimitApplicationCertificateRelatedInfo",
      {text<&T::LimitApplicationCertificateClassification>(
           "LimitApplicationCertificateClassification", code(kLimitClass)),
       text<&T::LimitApplicationCertificateClassificationFlag>(
           "LimitApplicationCertificateClassificationFlag", code(kLimitFlag)),
       text<&T::LimitApplicationCertificateDate>("LimitApplicationCertificateDate", kDate),
       text<&T::LimitApplicationCertificateValidStartDate>(
           "LimitApplicationCertificateValidStartDate", kDate),
       text<&T::LimitApplicationCertificateValidEndDate>("LimitApplicationCertificateValidEndDate",
                                                         kDate),
       text<&T::LimitApplicationCertificateLongTermDate>("LimitApplicationCertificateLongTermDate",
                                                         kDate)});
  return s;
}

const Schema& SpecificDiseasesCertificateInfo::schema() {
  using T = SpecificDiseasesCertificateInfo;
  static const Schema s(
      "SpecificDiseasesCertificateInfo",
      {text<&T::SpecificDiseasesDiseaseCategory>("SpecificDiseasesDiseaseCategory",
                                                 code(kDiseaseCategory)),
       text<&T::SpecificDiseasesCertificateDate>("SpecificDiseasesCertificateDate", kDate),
       text<&T::SpecificDiseasesValidStartDate>("SpecificDiseasesValidStartDate", kDate),
       text<&T::SpecificDiseasesValidEndDate>("SpecificDiseasesValidEndDate", kDate),
       text<&T::SpecificDiseasesSelfPay>("SpecificDiseasesSelfPay", digits(1, 9))});
  return s;
}

const Schema& SpecificDiseasesCertificateList::schema() {
  using T = SpecificDiseasesCertificateList;
  // doc/decisions.md 7: List -> Info*, and a flat repetition of List elements holding Info's
  // fields.
  static const Schema s("SpecificDiseasesCertificateList",
                        {flat(list<&T::SpecificDiseasesCertificateInfo>(
                            "SpecificDiseasesCertificateInfo", {}, 100))});
  return s;
}

const Schema& ElderlyRecipientCertificateInfo::schema() {
  using T = ElderlyRecipientCertificateInfo;
  static const Schema s(
      "ElderlyRecipientCertificateInfo",
      {text<&T::ElderlyRecipientCertificateDate>("ElderlyRecipientCertificateDate", kDate),
       text<&T::ElderlyRecipientValidStartDate>("ElderlyRecipientValidStartDate", kDate),
       text<&T::ElderlyRecipientValidEndDate>("ElderlyRecipientValidEndDate", kDate),
       text<&T::ElderlyRecipientContributionRatio>("ElderlyRecipientContributionRatio", kRatio)});
  return s;
}

const Schema& MedicalTicketInfo::schema() {
  using T = MedicalTicketInfo;
  static const Schema s(
      "MedicalTicketInfo",
      {text<&T::TicketType>("TicketType", code(kTicketType)),
       text<&T::MedicalTicketValidDate>("MedicalTicketValidDate", kDate),
       text<&T::MedicalTicketExpirationDate>("MedicalTicketExpirationDate", kDate),
       text<&T::IssueNumber>("IssueNumber", len(20)),
       text<&T::MedicalTreatmentMonth>("MedicalTreatmentMonth", kMonth),
       text<&T::DesignatedMedicalInstitutionCode>("DesignatedMedicalInstitutionCode", kMic),
       text<&T::DesignatedMedicalInstitutionFlag>("DesignatedMedicalInstitutionFlag",
                                                  code(kZeroOne)),
       text<&T::DesignatedMedicalInstitutionName>("DesignatedMedicalInstitutionName"),
       text<&T::PrescriptionIssuerMedicalInstitutionCode>(
           "PrescriptionIssuerMedicalInstitutionCode", kMic),
       text<&T::PrescriptionIssuerMedicalInstitutionName>(
           "PrescriptionIssuerMedicalInstitutionName"),
       text<&T::InjuryName1>("InjuryName1"),
       text<&T::InjuryName2>("InjuryName2"),
       text<&T::InjuryName3>("InjuryName3"),
       text<&T::MedicalTreatmentType>("MedicalTreatmentType", code(kTreatmentType)),
       text<&T::SelfPayAmount>("SelfPayAmount", digits(1, 9)),
       text<&T::DistrictContactName>("DistrictContactName"),
       text<&T::HandlingContactName>("HandlingContactName"),
       text<&T::SingleOrCombinedUse>("SingleOrCombinedUse", code(kOneTwo2)),
       text<&T::StatusOfSocialInsurance>("StatusOfSocialInsurance", code(kOneTwo2)),
       text<&T::ConsistencyFlag>("ConsistencyFlag", code(kZeroOne)),
       text<&T::StatusOfInfecton>("StatusOfInfecton", code(kOneTwo2)),
       text<&T::StatusOfElderlyMedicalCare>("StatusOfElderlyMedicalCare", code(kOneTwo2)),
       text<&T::StatusOfPrefecturalExpenses>("StatusOfPrefecturalExpenses", code(kOneTwo2)),
       text<&T::Remarks1>("Remarks1"),
       text<&T::Remarks2>("Remarks2"),
       text<&T::Remarks3>("Remarks3")});
  return s;
}

const Schema& PublicExpenseResultList::schema() {
  using T = PublicExpenseResultList;
  static const Schema s("PublicExpenseResultList",
                        {list<&T::MedicalTicketInfo>("MedicalTicketInfo", {}, 100)});
  return s;
}

std::vector<Consent> ResultOfQualificationConfirmation::consents() const {
  return {
      {"limit_certificate", &LimitApplicationCertificateRelatedConsFlg,
       &LimitApplicationCertificateRelatedConsTime, nullptr},
      {"specific_diseases", &SpecificDiseasesCertificateRelatedConsFlg,
       &SpecificDiseasesCertificateRelatedConsTime, nullptr},
      {"specific_health_checkups", &SpecificHealthCheckupsInfoConsFlg,
       &SpecificHealthCheckupsInfoConsTime, &SpecificHealthCheckupsInfoAvailableTime},
      {"pharmacists", &PharmacistsInfoConsFlg, &PharmacistsInfoConsTime,
       &PharmacistsInfoAvailableTime},
      {"diagnosis", &DiagnosisInfoConsFlg, &DiagnosisInfoConsTime, &DiagnosisInfoAvailableTime},
      {"operation", &OperationInfoConsFlg, &OperationInfoConsTime, &OperationInfoAvailableTime},
      {"diagnosis_name", &DiagnosisNameConsFlg, &DiagnosisNameConsTime,
       &DiagnosisNameAvailableTime},
      {"infectious", &InfectiousInfoConsFlg, &InfectiousInfoConsTime, &InfectiousInfoAvailableTime},
      {"allergy", &AllergyInfoConsFlg, &AllergyInfoConsTime, &AllergyInfoAvailableTime},
      {"contraindication", &ContraindicationInfoConsFlg, &ContraindicationInfoConsTime,
       &ContraindicationInfoAvailableTime},
      {"test", &TestInfoConsFlg, &TestInfoConsTime, &TestInfoAvailableTime},
      {"prescription", &PrescriptionInfoConsFlg, &PrescriptionInfoConsTime,
       &PrescriptionInfoAvailableTime},
  };
}

#define ONSHI_CONSENT(T, P)                            \
  text<&T::P##ConsFlg>(#P "ConsFlg", code(kConsent)),  \
      text<&T::P##ConsTime>(#P "ConsTime", kDateTime), \
      text<&T::P##AvailableTime>(#P "AvailableTime", kDateTime)

const Schema& ResultOfQualificationConfirmation::schema() {
  using T = ResultOfQualificationConfirmation;
  // Required set as in the most careful public validator (spec 2.3).
  static const Schema s(
      "ResultOfQualificationConfirmation",
      {text<&T::InsuredCardClassification>("InsuredCardClassification", code(kCardClass, true)),
       text<&T::InsurerNumber>("InsurerNumber", kInsurer),
       text<&T::InsuredCardSymbol>("InsuredCardSymbol", kSymbol),
       text<&T::InsuredIdentificationNumber>("InsuredIdentificationNumber", kNumber),
       text<&T::InsuredBranchNumber>("InsuredBranchNumber", kBranch),
       text<&T::PersonalFamilyClassification>("PersonalFamilyClassification",
                                              code(kPersonalFamily)),
       text<&T::InsuredName>("InsuredName", len(100)),
       text<&T::Name>("Name", len(100, true)),
       text<&T::NameOfOther>("NameOfOther", len(100)),
       text<&T::NameKana>("NameKana", len(100)),
       text<&T::NameOfOtherKana>("NameOfOtherKana", len(100)),
       text<&T::Sex1>("Sex1", code(kSex, true)),
       text<&T::Sex2>("Sex2", code(kSex)),
       text<&T::Birthdate>("Birthdate", fmt(Format::date8, true)),
       text<&T::Address>("Address", len(200)),
       text<&T::PostNumber>("PostNumber", fmt(Format::post_number)),
       text<&T::QualificationDate>("QualificationDate", kDate),
       text<&T::DisqualificationDate>("DisqualificationDate", kDate),
       text<&T::InsuredCertificateIssuanceDate>("InsuredCertificateIssuanceDate", kDate),
       text<&T::InsuredCardValidDate>("InsuredCardValidDate", kDate),
       text<&T::InsuredCardExpirationDate>("InsuredCardExpirationDate", kDate),
       text<&T::InsuredPartialContributionRatio>("InsuredPartialContributionRatio", kRatio),
       text<&T::PreschoolClassification>("PreschoolClassification", code(kPreschool)),
       text<&T::ReasonOfLoss>("ReasonOfLoss", code(kReasonOfLoss)),
       text<&T::InsurerName>("InsurerName", len(100, true)),
       block<&T::ElderlyRecipientCertificateInfo>("ElderlyRecipientCertificateInfo"),
       text<&T::LimitApplicationCertificateRelatedConsFlg>(
           "LimitApplicationCertificateRelatedConsFlg", code(kZeroOne)),
       text<&T::LimitApplicationCertificateRelatedConsTime>(
           "LimitApplicationCertificateRelatedConsTime", kDateTime),
       block<&T::LimitApplicationCertificateRelatedInfo>("LimitApplicationCertificateRelatedInfo"),
       text<&T::SpecificDiseasesCertificateRelatedConsFlg>(
           "SpecificDiseasesCertificateRelatedConsFlg", code(kConsent)),
       text<&T::SpecificDiseasesCertificateRelatedConsTime>(
           "SpecificDiseasesCertificateRelatedConsTime", kDateTime),
       block<&T::SpecificDiseasesCertificateList>("SpecificDiseasesCertificateList"),
       block<&T::PublicExpenseResultList>("PublicExpenseResultList"),
       ONSHI_CONSENT(T, SpecificHealthCheckupsInfo),
       ONSHI_CONSENT(T, PharmacistsInfo),
       ONSHI_CONSENT(T, DiagnosisInfo),
       ONSHI_CONSENT(T, OperationInfo),
       ONSHI_CONSENT(T, DiagnosisName),
       ONSHI_CONSENT(T, InfectiousInfo),
       ONSHI_CONSENT(T, AllergyInfo),
       ONSHI_CONSENT(T, ContraindicationInfo),
       ONSHI_CONSENT(T, TestInfo),
       ONSHI_CONSENT(T, PrescriptionInfo),
       text<&T::ArbitraryIdentifier>("ArbitraryIdentifier", len(100)),
       text<&T::ReferenceNumber>("ReferenceNumber", kRefNumber),
       text<&T::PrescriptionIssueSelect>("PrescriptionIssueSelect", code(kPrescription)),
       text<&T::LimitApplicationCertificateChanged>("LimitApplicationCertificateChanged",
                                                    code(kZeroOne))});
  return s;
}
#undef ONSHI_CONSENT

// --- bodies ----------------------------------------------------------------------------------
const Schema& QualificationRequestBody::schema() {
  using T = QualificationRequestBody;
  static const Schema s(
      "MessageBody", {block<&T::QualificationConfirmSearchInfo>("QualificationConfirmSearchInfo")});
  return s;
}

const Schema& QualificationResultBody::schema() {
  using T = QualificationResultBody;
  static const Schema s(
      "MessageBody",
      {block<&T::QualificationConfirmSearchInfo>("QualificationConfirmSearchInfo"),
       text<&T::ProcessingResultStatus>("ProcessingResultStatus", code(kStatus)),
       text<&T::ProcessingResultCode>("ProcessingResultCode", len(64)),
       text<&T::ProcessingResultMessage>("ProcessingResultMessage"),
       text<&T::QualificationValidity>("QualificationValidity", code(kValidity)),
       text<&T::PrescriptionIssueSelect>("PrescriptionIssueSelect", code(kPrescription)),
       json_as(list<&T::Results>("ResultOfQualificationConfirmation", "ResultList",
                                 kMaxResultsPerSingle),
               "Results", true)});
  return s;
}

const Schema& BulkCriteriaSearchInfo::schema() {
  using T = BulkCriteriaSearchInfo;
  static const Schema s("QualificationConfirmSearchInfo",
                        {text<&T::MedicalTreatmentMonth>("MedicalTreatmentMonth", kMonth)});
  return s;
}

const Schema& BulkCriteriaRequestBody::schema() {
  using T = BulkCriteriaRequestBody;
  static const Schema s(
      "MessageBody", {block<&T::QualificationConfirmSearchInfo>("QualificationConfirmSearchInfo")});
  return s;
}

const Schema& BulkQualificationRequestBody::schema() {
  using T = BulkQualificationRequestBody;
  static const Schema s(
      "MessageBody", {list<&T::QualificationConfirmSearchInfo>("QualificationConfirmSearchInfo")});
  return s;
}

const Schema& ReceptionBody::schema() {
  using T = ReceptionBody;
  static const Schema s("MessageBody",
                        {text<&T::ReceptionNumber>("ReceptionNumber", len(100)),
                         text<&T::ReceptionDateTime>("ReceptionDateTime", kDateTime),
                         text<&T::ProcessingResultStatus>("ProcessingResultStatus", code(kStatus)),
                         text<&T::ProcessingResultCode>("ProcessingResultCode", len(64)),
                         text<&T::ProcessingResultMessage>("ProcessingResultMessage")});
  return s;
}

const Schema& BulkConfirmUnit::schema() {
  using T = BulkConfirmUnit;
  // doc/decisions.md 8: results directly under the unit, or wrapped in a ResultList.
  static const Schema s(
      "BulkConfirmUnit",
      {block<&T::QualificationConfirmSearchInfo>("QualificationConfirmSearchInfo"),
       text<&T::ProcessingResultStatus>("ProcessingResultStatus", code(kStatus)),
       text<&T::ProcessingResultCode>("ProcessingResultCode", len(64)),
       text<&T::ProcessingResultMessage>("ProcessingResultMessage"),
       text<&T::QualificationValidity>("QualificationValidity", code(kValidity)),
       json_as(list<&T::Results>("ResultOfQualificationConfirmation", {}, kMaxResultsPerSingle),
               "Results"),
       alias(list<&T::Results>("ResultOfQualificationConfirmation", "ResultList",
                               kMaxResultsPerSingle)),
       text<&T::ReferenceNumber>("ReferenceNumber", kRefNumber)});
  return s;
}

const Schema& BulkConfirmBody::schema() {
  using T = BulkConfirmBody;
  static const Schema s("MessageBody", {json_as(list<&T::BulkConfirmUnit>("BulkConfirmUnit"),
                                                "BulkConfirmUnit", true)});
  return s;
}

const Schema& ReferenceRegistrationRequestBody::schema() {
  using T = ReferenceRegistrationRequestBody;
  static const Schema s(
      "MessageBody",
      {block<&T::ReferenceNumberRegistrationInfo>("ReferenceNumberRegistrationInfo")});
  return s;
}

const Schema& ReferenceRegistrationResultBody::schema() {
  using T = ReferenceRegistrationResultBody;
  static const Schema s(
      "MessageBody", {block<&T::ReferenceNumberRegistrationInfo>("ReferenceNumberRegistrationInfo"),
                      text<&T::ProcessingResultStatus>("ProcessingResultStatus", code(kStatus)),
                      text<&T::ProcessingResultCode>("ProcessingResultCode", len(64)),
                      text<&T::ProcessingResultMessage>("ProcessingResultMessage")});
  return s;
}

const Schema& BulkReferenceRegistrationRequestBody::schema() {
  using T = BulkReferenceRegistrationRequestBody;
  static const Schema s(
      "MessageBody",
      {list<&T::ReferenceNumberRegistrationInfo>("ReferenceNumberRegistrationInfo")});
  return s;
}

const Schema& BulkRegistrationUnit::schema() {
  using T = BulkRegistrationUnit;
  static const Schema s(
      "BulkRegistrationUnit",
      {block<&T::ReferenceNumberRegistrationInfo>("ReferenceNumberRegistrationInfo"),
       text<&T::ProcessingResultStatus>("ProcessingResultStatus", code(kStatus)),
       text<&T::ProcessingResultCode>("ProcessingResultCode", len(64)),
       text<&T::ProcessingResultMessage>("ProcessingResultMessage")});
  return s;
}

const Schema& BulkRegistrationBody::schema() {
  using T = BulkRegistrationBody;
  static const Schema s("MessageBody",
                        {json_as(list<&T::BulkRegistrationUnit>("BulkRegistrationUnit"),
                                 "BulkRegistrationUnit", true)});
  return s;
}

const Schema& MedicalInfoRequestBody::schema() {
  using T = MedicalInfoRequestBody;
  static const Schema s(
      "MessageBody",
      {text<&T::StartDate>("StartDate", kMonth), text<&T::EndDate>("EndDate", kMonth),
       text<&T::FileCategory>("FileCategory", code(kFileCategory, true)),
       text<&T::PrDiInfClassification>("PrDiInfClassification", digits(1, 2)),
       text<&T::MedicalTreatmentFlag>("MedicalTreatmentFlag", code(kTreatmentFlag))});
  return s;
}

// --- 薬剤情報 ----------------------------------------------------------------------------------
const Schema& DrugInf::schema() {
  using T = DrugInf;
  static const Schema s("DrugInf", {text<&T::DrugC>("DrugC", len(20)), text<&T::DrugN>("DrugN"),
                                    text<&T::IngreN>("IngreN"), text<&T::Qua1>("Qua1", len(20)),
                                    text<&T::Unit>("Unit", len(40)), text<&T::UsageN>("UsageN"),
                                    text<&T::SpInst>("SpInst"), text<&T::Times>("Times", len(20)),
                                    text<&T::MeTrIdCl>("MeTrIdCl", len(8))});
  return s;
}
const Schema& DrugInfs::schema() {
  using T = DrugInfs;
  static const Schema s("DrugInfs", {list<&T::DrugInf>("DrugInf")});
  return s;
}
const Schema& MeTrInf::schema() {
  using T = MeTrInf;
  static const Schema s("MeTrInf",
                        {text<&T::SinInfN>("SinInfN"), text<&T::SinInfCd>("SinInfCd", len(20)),
                         text<&T::MeTrIdCl>("MeTrIdCl", len(8)), text<&T::Qua1>("Qua1", len(20)),
                         text<&T::Times>("Times", len(20)), text<&T::Unit>("Unit", len(40))});
  return s;
}
const Schema& MeTrInfs::schema() {
  using T = MeTrInfs;
  static const Schema s("MeTrInfs", {list<&T::MeTrInf>("MeTrInf")});
  return s;
}
const Schema& DiDateInf::schema() {
  using T = DiDateInf;
  static const Schema s("DiDateInf",
                        {text<&T::DiDate>("DiDate", kDate), text<&T::PrDate>("PrDate", kDate),
                         block<&T::DrugInfs>("DrugInfs"), block<&T::MeTrInfs>("MeTrInfs")});
  return s;
}
const Schema& DiDateInfs::schema() {
  using T = DiDateInfs;
  static const Schema s("DiDateInfs", {list<&T::DiDateInf>("DiDateInf")});
  return s;
}
const Schema& MeTrMonthInf::schema() {
  using T = MeTrMonthInf;
  static const Schema s(
      "MeTrMonthInf", {text<&T::DiOrg>("DiOrg", len(4)), text<&T::MeTrDiHCd>("MeTrDiHCd", len(10)),
                       text<&T::MeTrDiHNm>("MeTrDiHNm"), text<&T::MeTrMonth>("MeTrMonth", kMonth),
                       text<&T::PrlsHCd>("PrlsHCd", len(10)), text<&T::PrlsHNm>("PrlsHNm"),
                       text<&T::PrIsOrg>("PrIsOrg", len(4)), text<&T::InOut>("InOut", len(4)),
                       block<&T::DiDateInfs>("DiDateInfs")});
  return s;
}

const Schema& CzDrugInf::schema() {
  using T = CzDrugInf;
  static const Schema s(
      "CzDrugInf", {text<&T::CzDrugC>("CzDrugC", len(20)), text<&T::CzQua1>("CzQua1", len(20)),
                    text<&T::CzUsageN>("CzUsageN"), text<&T::CzSpInst>("CzSpInst"),
                    text<&T::CzTimes>("CzTimes", len(20)), text<&T::CzIngreN>("CzIngreN"),
                    text<&T::CzUsageCl>("CzUsageCl", len(8)), text<&T::CzUnit>("CzUnit", len(40)),
                    text<&T::CzDrugN>("CzDrugN")});
  return s;
}
const Schema& CzDrugInfs::schema() {
  using T = CzDrugInfs;
  static const Schema s("CzDrugInfs", {list<&T::CzDrugInf>("CzDrugInf")});
  return s;
}
const Schema& CzDiDateInf::schema() {
  using T = CzDiDateInf;
  static const Schema s(
      "CzDiDateInf", {text<&T::CzDiDate>("CzDiDate", kDate), text<&T::CzPrDate>("CzPrDate", kDate),
                      block<&T::CzDrugInfs>("CzDrugInfs")});
  return s;
}
const Schema& CzDiDateInfs::schema() {
  using T = CzDiDateInfs;
  static const Schema s("CzDiDateInfs", {list<&T::CzDiDateInf>("CzDiDateInf")});
  return s;
}
const Schema& CzDiMonthInf::schema() {
  using T = CzDiMonthInf;
  static const Schema s(
      "CzDiMonthInf",
      {text<&T::CzDiOrg>("CzDiOrg", len(4)), text<&T::CzMeTrDiHCd>("CzMeTrDiHCd", len(10)),
       text<&T::CzPrlsHCd>("CzPrlsHCd", len(10)), text<&T::CzMeTrDiHNm>("CzMeTrDiHNm"),
       text<&T::CzDiMonth>("CzDiMonth", kMonth), text<&T::CzPrlsHNm>("CzPrlsHNm"),
       text<&T::CzPrIsOrg>("CzPrIsOrg", len(4)), text<&T::CzPrCl>("CzPrCl", len(4)),
       block<&T::CzDiDateInfs>("CzDiDateInfs"), block<&T::CzDrugInfs>("CzDrugInfs")});
  return s;
}
const Schema& CzDiInf::schema() {
  using T = CzDiInf;
  static const Schema s("CzDiInf", {list<&T::CzDiMonthInf>("CzDiMonthInf")});
  return s;
}

const Schema& ShDrugInf::schema() {
  using T = ShDrugInf;
  static const Schema s(
      "ShDrugInf", {text<&T::ShDrugC>("ShDrugC", len(20)), text<&T::ShQua1>("ShQua1", len(20)),
                    text<&T::ShUsageN>("ShUsageN"), text<&T::ShSpInst>("ShSpInst"),
                    text<&T::ShTimes>("ShTimes", len(20)), text<&T::ShIngreN>("ShIngreN"),
                    text<&T::ShUsageCl>("ShUsageCl", len(8)), text<&T::ShUnit>("ShUnit", len(40)),
                    text<&T::ShDrugN>("ShDrugN")});
  return s;
}
const Schema& ShDrugInfs::schema() {
  using T = ShDrugInfs;
  static const Schema s("ShDrugInfs", {list<&T::ShDrugInf>("ShDrugInf")});
  return s;
}
const Schema& ShPrDateInf::schema() {
  using T = ShPrDateInf;
  static const Schema s(
      "ShPrDateInf", {text<&T::ShPrDate>("ShPrDate", kDate), block<&T::ShDrugInfs>("ShDrugInfs")});
  return s;
}
const Schema& ShPrDateInfs::schema() {
  using T = ShPrDateInfs;
  static const Schema s("ShPrDateInfs", {list<&T::ShPrDateInf>("ShPrDateInf")});
  return s;
}
const Schema& ShPrMonthInf::schema() {
  using T = ShPrMonthInf;
  static const Schema s(
      "ShPrMonthInf",
      {text<&T::ShPrOrg>("ShPrOrg", len(4)), text<&T::ShMeTrDiHCd>("ShMeTrDiHCd", len(10)),
       text<&T::ShPrHCd>("ShPrHCd", len(10)), text<&T::ShMeTrDiHNm>("ShMeTrDiHNm"),
       text<&T::ShPrMonth>("ShPrMonth", kMonth), text<&T::ShPrHNm>("ShPrHNm"),
       text<&T::ShPrIsOrg>("ShPrIsOrg", len(4)), text<&T::ShPrCl>("ShPrCl", len(4)),
       block<&T::ShPrDateInfs>("ShPrDateInfs"), block<&T::ShDrugInfs>("ShDrugInfs")});
  return s;
}
const Schema& ShPrInf::schema() {
  using T = ShPrInf;
  static const Schema s("ShPrInf", {list<&T::ShPrMonthInf>("ShPrMonthInf")});
  return s;
}

const Schema& DrugInfoBody::schema() {
  using T = DrugInfoBody;
  static const Schema s(
      "MessageBody",
      {text<&T::ResultCode>("ResultCode", len(8)), text<&T::MessageContents>("MessageContents"),
       list<&T::MeTrMonthInf>("MeTrMonthInf"), block<&T::CzDiInf>("CzDiInf"),
       block<&T::ShPrInf>("ShPrInf")});
  return s;
}

// --- 特定健診 ----------------------------------------------------------------------------------
const Schema& HealthCheckupResultAndQuestionInfo::schema() {
  using T = HealthCheckupResultAndQuestionInfo;
  static const Schema s("HealthCheckupResultAndQuestionInfo",
                        {text<&T::ItemCode>("ItemCode", len(32)), text<&T::ItemName>("ItemName"),
                         text<&T::DataType>("DataType", len(4)), text<&T::DataValue>("DataValue"),
                         text<&T::Unit>("Unit", len(40)), text<&T::Oid>("Oid", len(128)),
                         text<&T::DataValueName>("DataValueName")});
  return s;
}
const Schema& HealthCheckupResultAndQuestionInfos::schema() {
  using T = HealthCheckupResultAndQuestionInfos;
  static const Schema s(
      "HealthCheckupResultAndQuestionInfos",
      {list<&T::HealthCheckupResultAndQuestionInfo>("HealthCheckupResultAndQuestionInfo")});
  return s;
}
const Schema& SpecificHealthCheckupInfo::schema() {
  using T = SpecificHealthCheckupInfo;
  static const Schema s(
      "SpecificHealthCheckupInfo",
      {text<&T::EffectiveTime>("EffectiveTime", kDate),
       block<&T::HealthCheckupResultAndQuestionInfos>("HealthCheckupResultAndQuestionInfos")});
  return s;
}
const Schema& CheckupInfoBody::schema() {
  using T = CheckupInfoBody;
  static const Schema s(
      "MessageBody",
      {text<&T::ResultCode>("ResultCode", len(8)), text<&T::MessageContents>("MessageContents"),
       list<&T::SpecificHealthCheckupInfo>("SpecificHealthCheckupInfo")});
  return s;
}

// --- 診療区分 ------------------------------------------------------------------------------------
namespace {
const char* const kTreatmentNames[] = {"outpatient", "homevisit", "online", "emergency"};
}  // namespace

std::string treatment_flag_of(std::string_view v) {
  for (int i = 0; i < 4; ++i)
    if (v == kTreatmentFlag[i] || v == kTreatmentNames[i]) return kTreatmentFlag[i];
  return "";
}

const char* treatment_flag_name(std::string_view code) {
  for (int i = 0; i < 4; ++i)
    if (code == kTreatmentFlag[i]) return kTreatmentNames[i];
  return "";
}

// --- documents -------------------------------------------------------------------------------
Body empty_body(MessageKind kind) {
  switch (kind) {
    case MessageKind::OQSsiquc01req:
    case MessageKind::OQSsihvd01req:
    case MessageKind::OQSsihvq01req:
    case MessageKind::OQSsionq01req:
      return QualificationRequestBody{};
    case MessageKind::OQSsiquc01res:
    case MessageKind::OQSsiquc01res_face:
    case MessageKind::OQSsihvd01res:
    case MessageKind::OQSsihvq01res:
    case MessageKind::OQSsionq01res:
      return QualificationResultBody{};
    case MessageKind::OQSmuquc01req:
    case MessageKind::OQSmuhvq01req:
    case MessageKind::OQSmuonq01req:
      return BulkQualificationRequestBody{};
    case MessageKind::OQSmuquc01res:
    case MessageKind::OQSmuquc02req:
    case MessageKind::OQSmuimm01res:
    case MessageKind::OQSmuimm02req:
    case MessageKind::OQSmutic01res:
    case MessageKind::OQSmutic02req:
    case MessageKind::OQSmuhvq01res:
    case MessageKind::OQSmuhvq02req:
    case MessageKind::OQSmuonq01res:
    case MessageKind::OQSmuonq02req:
      return ReceptionBody{};
    case MessageKind::OQSmuquc02res:
    case MessageKind::OQSmutic02res:
    case MessageKind::OQSmuhvq02res:
    case MessageKind::OQSmuonq02res:
      return BulkConfirmBody{};
    case MessageKind::OQSmutic01req:
      return BulkCriteriaRequestBody{};
    case MessageKind::OQSsiimm01req:
      return ReferenceRegistrationRequestBody{};
    case MessageKind::OQSsiimm01res:
      return ReferenceRegistrationResultBody{};
    case MessageKind::OQSmuimm01req:
      return BulkReferenceRegistrationRequestBody{};
    case MessageKind::OQSmuimm02res:
      return BulkRegistrationBody{};
    case MessageKind::YZKsiquc01req:
    case MessageKind::TKKsiquc01req:
      return MedicalInfoRequestBody{};
    case MessageKind::YZKsiquc01res:
      return DrugInfoBody{};
    case MessageKind::TKKsiquc01res:
      return CheckupInfoBody{};
    case MessageKind::unknown:
      break;
  }
  return QualificationResultBody{};
}

const Schema& body_schema(const Body& body) {
  return std::visit([](const auto& b) -> const Schema& { return b.schema(); }, body);
}
const void* body_ptr(const Body& body) {
  return std::visit([](const auto& b) -> const void* { return &b; }, body);
}
void* body_ptr(Body& body) {
  return std::visit([](auto& b) -> void* { return &b; }, body);
}

Document Document::make(MessageKind kind) {
  Document d;
  d.kind = kind;
  d.body = empty_body(kind);
  return d;
}

}  // namespace onshi::model
