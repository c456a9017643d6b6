// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The typed OQS message model: one struct per XML block, members named exactly like the OQS
/// elements (so spec/oqs-exchange.md reads as code). Every member is optional text; presence and
/// values are checked by the validator, not by the types. See messages.cc for the element tables.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/encoding.h"
#include "model/kind.h"
#include "model/schema.h"

namespace onshi::model {

// ---------------------------------------------------------------------------------------------
// Header

/// 薬剤情報 result header block `QuaInf`.
struct QuaInf {
  Text Name, KanaName, Birth, AdmGendCode;
  static const Schema& schema();
};

/// 特定健診 result header block `QualificationsInfo` (`KanasName` sic).
struct QualificationsInfo {
  Text Name, KanasName, Birthday, AdministrativeGenderCode;
  static const Schema& schema();
};

/// `MessageHeader`: the union of the header elements of every message kind.
struct MessageHeader {
  Text ProcessExecutionTime, QualificationConfirmationDate, MedicalInstitutionCode,
      ArbitraryFileIdentifier, ReferenceClassification, SegmentOfResult, ErrorCode, ErrorMessage,
      CharacterCodeIdentifier, ReceptionNumber, NumberOfProcessingResult, NumberOfNormalProcessing,
      NumberOfError;
  // 薬剤/特定健診 requests carry the patient keys here, under their own names.
  Text InsurerNumber, InsuranceCardSymbol, InsuredPersonIdentificationNumber, BranchNumber;
  // 薬剤/特定健診 results.
  Text ResultCode, MessageContents;
  std::optional<model::QuaInf> QuaInf;
  std::optional<model::QualificationsInfo> QualificationsInfo;
  static const Schema& schema();
};

// ---------------------------------------------------------------------------------------------
// Search and registration blocks

/// `QualificationConfirmSearchInfo`: one person's keys in a 資格確認 request (and its echo), or
/// the criteria of a consented-information bulk (spec 4.5: consent or examination dates and the
/// 診療区分). Which elements a kind needs is validate()'s per-kind rule (a person's keys for
/// OQSsiquc01req, each OQSmuquc01req person and their echoes; dates and flag for the criteria).
struct QualificationConfirmSearchInfo {
  Text InsurerNumber, InsuredCardSymbol, InsuredIdentificationNumber, InsuredBranchNumber,
      Birthdate, LimitApplicationCertificateRelatedConsFlg, ArbitraryIdentifier;
  // 訪問診療等 / オンライン診療等 (OQSmuhvq, OQSmuonq, OQSsihvd): criteria and 診療区分 (OQSCD028).
  Text ConsentDateFrom, ConsentDateTo, ExaminationDateFrom, ExaminationDateTo, MedicalTreatmentFlag;
  static const Schema& schema();
};

/// `ReferenceNumberRegistrationInfo`: 照会番号 registration of one insurance card.
struct ReferenceNumberRegistrationInfo {
  Text ReferenceNumber, InsurerNumber, InsuredCardSymbol, InsuredIdentificationNumber,
      InsuredBranchNumber;
  static const Schema& schema();
};

// ---------------------------------------------------------------------------------------------
// Result sub-structures (spec section 7)

struct LimitApplicationCertificateRelatedInfo {
  Text LimitApplicationCertificateClassification, LimitApplicationCertificateClassificationFlag,
      LimitApplicationCertificateDate, LimitApplicationCertificateValidStartDate,
      LimitApplicationCertificateValidEndDate, LimitApplicationCertificateLongTermDate;
  static const Schema& schema();
};

struct SpecificDiseasesCertificateInfo {
  Text SpecificDiseasesDiseaseCategory, SpecificDiseasesCertificateDate,
      SpecificDiseasesValidStartDate, SpecificDiseasesValidEndDate, SpecificDiseasesSelfPay;
  static const Schema& schema();
};

/// `SpecificDiseasesCertificateList`: read as List -> Info*, a flat repetition of List accepted.
struct SpecificDiseasesCertificateList {
  std::vector<model::SpecificDiseasesCertificateInfo> SpecificDiseasesCertificateInfo;
  static const Schema& schema();
};

struct ElderlyRecipientCertificateInfo {
  Text ElderlyRecipientCertificateDate, ElderlyRecipientValidStartDate,
      ElderlyRecipientValidEndDate, ElderlyRecipientContributionRatio;
  static const Schema& schema();
};

/// 医療扶助 medical ticket (spec 7.4); `StatusOfInfecton` is the spec's own spelling.
struct MedicalTicketInfo {
  Text TicketType, MedicalTicketValidDate, MedicalTicketExpirationDate, IssueNumber,
      MedicalTreatmentMonth, DesignatedMedicalInstitutionCode, DesignatedMedicalInstitutionFlag,
      DesignatedMedicalInstitutionName, PrescriptionIssuerMedicalInstitutionCode,
      PrescriptionIssuerMedicalInstitutionName, InjuryName1, InjuryName2, InjuryName3,
      MedicalTreatmentType, SelfPayAmount, DistrictContactName, HandlingContactName,
      SingleOrCombinedUse, StatusOfSocialInsurance, ConsistencyFlag, StatusOfInfecton,
      StatusOfElderlyMedicalCare, StatusOfPrefecturalExpenses, Remarks1, Remarks2, Remarks3;
  static const Schema& schema();
};

struct PublicExpenseResultList {
  std::vector<model::MedicalTicketInfo> MedicalTicketInfo;
  static const Schema& schema();
};

/// One consent as sent (doc/decisions.md 10): flag, consent time, available-until (may be absent).
struct Consent {
  const char* type;  ///< stable name, e.g. "pharmacists" (drug information)
  const Text* flag;
  const Text* time;
  const Text* available_until;
};

/// `ResultOfQualificationConfirmation` (spec 2.3), shared by single, card and bulk results.
struct ResultOfQualificationConfirmation {
  Text InsuredCardClassification, InsurerNumber, InsuredCardSymbol, InsuredIdentificationNumber,
      InsuredBranchNumber, PersonalFamilyClassification, InsuredName, Name, NameOfOther, NameKana,
      NameOfOtherKana, Sex1, Sex2, Birthdate, Address, PostNumber, QualificationDate,
      DisqualificationDate, InsuredCertificateIssuanceDate, InsuredCardValidDate,
      InsuredCardExpirationDate, InsuredPartialContributionRatio, PreschoolClassification,
      ReasonOfLoss, InsurerName;
  std::optional<model::ElderlyRecipientCertificateInfo> ElderlyRecipientCertificateInfo;
  Text LimitApplicationCertificateRelatedConsFlg, LimitApplicationCertificateRelatedConsTime;
  std::optional<model::LimitApplicationCertificateRelatedInfo>
      LimitApplicationCertificateRelatedInfo;
  Text SpecificDiseasesCertificateRelatedConsFlg, SpecificDiseasesCertificateRelatedConsTime;
  std::optional<model::SpecificDiseasesCertificateList> SpecificDiseasesCertificateList;
  std::optional<model::PublicExpenseResultList> PublicExpenseResultList;
  Text SpecificHealthCheckupsInfoConsFlg, SpecificHealthCheckupsInfoConsTime,
      SpecificHealthCheckupsInfoAvailableTime;
  Text PharmacistsInfoConsFlg, PharmacistsInfoConsTime, PharmacistsInfoAvailableTime;
  Text DiagnosisInfoConsFlg, DiagnosisInfoConsTime, DiagnosisInfoAvailableTime;
  Text OperationInfoConsFlg, OperationInfoConsTime, OperationInfoAvailableTime;
  // Newer consent categories (spec 6.4), names as ORCA's API re-exposes them.
  Text DiagnosisNameConsFlg, DiagnosisNameConsTime, DiagnosisNameAvailableTime;
  Text InfectiousInfoConsFlg, InfectiousInfoConsTime, InfectiousInfoAvailableTime;
  Text AllergyInfoConsFlg, AllergyInfoConsTime, AllergyInfoAvailableTime;
  Text ContraindicationInfoConsFlg, ContraindicationInfoConsTime, ContraindicationInfoAvailableTime;
  Text TestInfoConsFlg, TestInfoConsTime, TestInfoAvailableTime;
  Text PrescriptionInfoConsFlg, PrescriptionInfoConsTime, PrescriptionInfoAvailableTime;
  Text ArbitraryIdentifier, ReferenceNumber, PrescriptionIssueSelect,
      LimitApplicationCertificateChanged;

  /// Every consent type of this result, in a fixed order, present or not.
  std::vector<Consent> consents() const;
  static const Schema& schema();
};

// ---------------------------------------------------------------------------------------------
// Bodies, one per message shape

/// OQSsiquc01req body.
struct QualificationRequestBody {
  std::optional<model::QualificationConfirmSearchInfo> QualificationConfirmSearchInfo;
  static const Schema& schema();
};

/// OQSsiquc01res body, also the card check-in (`face`) result.
struct QualificationResultBody {
  std::optional<model::QualificationConfirmSearchInfo> QualificationConfirmSearchInfo;
  Text ProcessingResultStatus, ProcessingResultCode, ProcessingResultMessage, QualificationValidity,
      PrescriptionIssueSelect;
  std::vector<ResultOfQualificationConfirmation> Results;  ///< `ResultList` items
  static const Schema& schema();
};

/// OQSmuquc01req body: one search block per person.
struct BulkQualificationRequestBody {
  std::vector<model::QualificationConfirmSearchInfo> QualificationConfirmSearchInfo;
  static const Schema& schema();
};

/// The criteria of a bulk retrieval that asks for no persons (spec 4.5): `OQSmutic` carries
/// the treatment month (the terminal returns every ticket naming this institution for it).
struct BulkCriteriaSearchInfo {
  Text MedicalTreatmentMonth;
  static const Schema& schema();
};

/// OQSmutic01req body: one criteria block (element name QualificationConfirmSearchInfo).
struct BulkCriteriaRequestBody {
  std::optional<model::BulkCriteriaSearchInfo> QualificationConfirmSearchInfo;
  static const Schema& schema();
};

/// Reception-number bodies: OQSmuquc01res / OQSmuimm01res (answer) and 02req (download request).
struct ReceptionBody {
  Text ReceptionNumber, ReceptionDateTime, ProcessingResultStatus, ProcessingResultCode,
      ProcessingResultMessage;
  static const Schema& schema();
};

/// One person of the OQSmuquc02res bulk result.
struct BulkConfirmUnit {
  std::optional<model::QualificationConfirmSearchInfo> QualificationConfirmSearchInfo;
  Text ProcessingResultStatus, ProcessingResultCode, ProcessingResultMessage, QualificationValidity,
      ReferenceNumber;
  std::vector<ResultOfQualificationConfirmation> Results;  ///< direct or inside `ResultList`
  static const Schema& schema();
};

/// OQSmuquc02res body.
struct BulkConfirmBody {
  std::vector<model::BulkConfirmUnit> BulkConfirmUnit;
  static const Schema& schema();
};

/// OQSsiimm01req body.
struct ReferenceRegistrationRequestBody {
  std::optional<model::ReferenceNumberRegistrationInfo> ReferenceNumberRegistrationInfo;
  static const Schema& schema();
};

/// OQSsiimm01res body.
struct ReferenceRegistrationResultBody {
  std::optional<model::ReferenceNumberRegistrationInfo> ReferenceNumberRegistrationInfo;
  Text ProcessingResultStatus, ProcessingResultCode, ProcessingResultMessage;
  static const Schema& schema();
};

/// OQSmuimm01req body: one registration block per insurance card.
struct BulkReferenceRegistrationRequestBody {
  std::vector<model::ReferenceNumberRegistrationInfo> ReferenceNumberRegistrationInfo;
  static const Schema& schema();
};

struct BulkRegistrationUnit {
  std::optional<model::ReferenceNumberRegistrationInfo> ReferenceNumberRegistrationInfo;
  Text ProcessingResultStatus, ProcessingResultCode, ProcessingResultMessage;
  static const Schema& schema();
};

/// OQSmuimm02res body.
struct BulkRegistrationBody {
  std::vector<model::BulkRegistrationUnit> BulkRegistrationUnit;
  static const Schema& schema();
};

/// YZKsiquc01req / TKKsiquc01req body (patient keys are in the header).
struct MedicalInfoRequestBody {
  Text StartDate, EndDate, FileCategory, PrDiInfClassification, MedicalTreatmentFlag;
  static const Schema& schema();
};

// 薬剤情報 XML (spec 6.2), レセプト-derived part.
struct DrugInf {
  Text DrugC, DrugN, IngreN, Qua1, Unit, UsageN, SpInst, Times, MeTrIdCl;
  static const Schema& schema();
};
struct DrugInfs {
  std::vector<model::DrugInf> DrugInf;
  static const Schema& schema();
};
struct MeTrInf {
  Text SinInfN, SinInfCd, MeTrIdCl, Qua1, Times, Unit;
  static const Schema& schema();
};
struct MeTrInfs {
  std::vector<model::MeTrInf> MeTrInf;
  static const Schema& schema();
};
struct DiDateInf {
  Text DiDate, PrDate;
  std::optional<model::DrugInfs> DrugInfs;
  std::optional<model::MeTrInfs> MeTrInfs;
  static const Schema& schema();
};
struct DiDateInfs {
  std::vector<model::DiDateInf> DiDateInf;
  static const Schema& schema();
};
struct MeTrMonthInf {
  Text DiOrg, MeTrDiHCd, MeTrDiHNm, MeTrMonth, PrlsHCd, PrlsHNm, PrIsOrg, InOut;
  std::optional<model::DiDateInfs> DiDateInfs;
  static const Schema& schema();
};

// 調剤結果-derived part (names prefixed Cz).
struct CzDrugInf {
  Text CzDrugC, CzQua1, CzUsageN, CzSpInst, CzTimes, CzIngreN, CzUsageCl, CzUnit, CzDrugN;
  static const Schema& schema();
};
struct CzDrugInfs {
  std::vector<model::CzDrugInf> CzDrugInf;
  static const Schema& schema();
};
struct CzDiDateInf {
  Text CzDiDate, CzPrDate;
  std::optional<model::CzDrugInfs> CzDrugInfs;
  static const Schema& schema();
};
struct CzDiDateInfs {
  std::vector<model::CzDiDateInf> CzDiDateInf;
  static const Schema& schema();
};
struct CzDiMonthInf {
  Text CzDiOrg, CzMeTrDiHCd, CzPrlsHCd, CzMeTrDiHNm, CzDiMonth, CzPrlsHNm, CzPrIsOrg, CzPrCl;
  std::optional<model::CzDiDateInfs> CzDiDateInfs;
  std::optional<model::CzDrugInfs> CzDrugInfs;  ///< accepted at month level too
  static const Schema& schema();
};
struct CzDiInf {
  std::vector<model::CzDiMonthInf> CzDiMonthInf;
  static const Schema& schema();
};

// 電子処方箋-derived part (names prefixed Sh).
struct ShDrugInf {
  Text ShDrugC, ShQua1, ShUsageN, ShSpInst, ShTimes, ShIngreN, ShUsageCl, ShUnit, ShDrugN;
  static const Schema& schema();
};
struct ShDrugInfs {
  std::vector<model::ShDrugInf> ShDrugInf;
  static const Schema& schema();
};
struct ShPrDateInf {
  Text ShPrDate;
  std::optional<model::ShDrugInfs> ShDrugInfs;
  static const Schema& schema();
};
struct ShPrDateInfs {
  std::vector<model::ShPrDateInf> ShPrDateInf;
  static const Schema& schema();
};
struct ShPrMonthInf {
  Text ShPrOrg, ShMeTrDiHCd, ShPrHCd, ShMeTrDiHNm, ShPrMonth, ShPrHNm, ShPrIsOrg, ShPrCl;
  std::optional<model::ShPrDateInfs> ShPrDateInfs;
  std::optional<model::ShDrugInfs> ShDrugInfs;  ///< accepted at month level too
  static const Schema& schema();
};
struct ShPrInf {
  std::vector<model::ShPrMonthInf> ShPrMonthInf;
  static const Schema& schema();
};

/// YZKsiquc01res body (XML form).
struct DrugInfoBody {
  Text ResultCode, MessageContents;  ///< accepted here as well as in the header
  std::vector<model::MeTrMonthInf> MeTrMonthInf;
  std::optional<model::CzDiInf> CzDiInf;
  std::optional<model::ShPrInf> ShPrInf;
  static const Schema& schema();
};

struct HealthCheckupResultAndQuestionInfo {
  Text ItemCode, ItemName, DataType, DataValue, Unit, Oid, DataValueName;
  static const Schema& schema();
};
struct HealthCheckupResultAndQuestionInfos {
  std::vector<model::HealthCheckupResultAndQuestionInfo> HealthCheckupResultAndQuestionInfo;
  static const Schema& schema();
};
struct SpecificHealthCheckupInfo {
  Text EffectiveTime;
  std::optional<model::HealthCheckupResultAndQuestionInfos> HealthCheckupResultAndQuestionInfos;
  static const Schema& schema();
};

/// TKKsiquc01res body (XML form).
struct CheckupInfoBody {
  Text ResultCode, MessageContents;
  std::vector<model::SpecificHealthCheckupInfo> SpecificHealthCheckupInfo;
  static const Schema& schema();
};

/// 診療区分 (OQSCD028, `MedicalTreatmentFlag`): 1 外来 (outpatient), 2 訪問診療等 (home visit),
/// 3 オンライン診療等 (online), 4 救急時 (emergency). The code of a visit type given by its name
/// ("outpatient", "homevisit", "online", "emergency") or by its code; "" when it is neither.
std::string treatment_flag_of(std::string_view name_or_code);
/// The name of a 診療区分 code ("outpatient", ...); "" for another value.
const char* treatment_flag_name(std::string_view code);

/// The body of any message kind.
using Body =
    std::variant<QualificationRequestBody, QualificationResultBody, BulkQualificationRequestBody,
                 ReceptionBody, BulkConfirmBody, ReferenceRegistrationRequestBody,
                 ReferenceRegistrationResultBody, BulkReferenceRegistrationRequestBody,
                 BulkRegistrationBody, MedicalInfoRequestBody, DrugInfoBody, CheckupInfoBody,
                 BulkCriteriaRequestBody>;

/// An empty body of the shape that `kind` uses.
Body empty_body(MessageKind kind);

/// Schema of the alternative held by `body`, and a pointer to it.
const Schema& body_schema(const Body& body);
const void* body_ptr(const Body& body);
void* body_ptr(Body& body);

/// A decoded exchange file: an XML message, or the bytes of a PDF result.
struct Document {
  MessageKind kind = MessageKind::unknown;
  Encoding encoding = Encoding::utf8;  ///< of the file as read or to be written
  bool had_bom = false;                ///< UTF-8 byte-order mark was present
  MessageHeader header;
  Body body;
  bool is_pdf = false;  ///< 薬剤/特定健診 PDF result: `pdf` holds the bytes
  std::string pdf;

  /// A document of `kind` with an empty header and body of the right shape.
  static Document make(MessageKind kind);

  /// Body as a specific shape; throws std::bad_variant_access on the wrong shape.
  template <class B>
  B& as() {
    return std::get<B>(body);
  }
  template <class B>
  const B& as() const {
    return std::get<B>(body);
  }
};

}  // namespace onshi::model
