// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Drug, specific health checkup and diagnosis/surgery information (onshi_drug_info /
/// onshi_checkup_info / onshi_diagnosis_info and their rows), the consents they depend on
/// (onshi_consent) and the audit log (onshi_audit). The request jobs are store/jobs.h.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// Which information: drug (onshi_drug_info), checkup (onshi_checkup_info) or diagnosis and
/// surgery (onshi_diagnosis_info).
enum class MedicalTable { drug, checkup, diagnosis };

/// Appends one audit row (its own statement: a refusal is recorded too).
void insert_audit(db::Connection& conn, int hospnum, const std::string& userid,
                  const std::string& action, const std::string& info_kind,
                  std::optional<long long> ptid, std::optional<long long> info_id,
                  const std::string& detail);

/// The newest consent of a type, given at the card reader (onshi_consent) or in writing
/// (onshi_written_consent, store/written_consent.h): the one with the latest consent time.
struct LatestConsent {
  std::string flag;
  std::string available_until;    ///< YYYYMMDDHH24MISS, "" when none
  bool still_available = false;   ///< available_until is in the future
  long long confirmation_id = 0;  ///< the card result it came with (0: written)
  long long written_id = 0;       ///< the written consent (0: card)
};
std::optional<LatestConsent> latest_consent(db::Connection& conn, int hospnum, long long ptid,
                                            const std::string& consent_type);

/// One received answer (its header row).
struct MedicalInfo {
  int hospnum = 0;
  long long ptid = 0;
  long long job_id = 0;
  long long file_id = 0;
  std::string format;  ///< xml | pdf
  std::string result_code;
  std::optional<std::string> message;
  std::optional<std::string> pdf;                   ///< the PDF bytes
  std::optional<std::string> pdf_path;              ///< the EMR copy of a PDF
  std::optional<std::string> month_from, month_to;  ///< drug and diagnosis information only
  int surgery_withheld = 0;                         ///< diagnosis information only
};
/// Inserts the answer. @return its info_id
long long insert_medical_info(db::Connection& conn, MedicalTable table, const MedicalInfo& m);

/// One drug of a drug-information answer.
struct DrugInfoRow {
  std::optional<std::string> treatment_month, dispensing_date;
  std::string institution_kind, prescribing_kind, institution_name;  ///< "" = NULL
  std::optional<std::string> drug_code, drug_name, quantity, unit, usage, special_instruction;
  std::string detail = "{}";  ///< jsonb
};
void insert_drug_row(db::Connection& conn, long long info_id, int seq, const DrugInfoRow& r);

/// One item of a checkup-information answer.
struct CheckupInfoRow {
  std::optional<std::string> checkup_date;
  std::optional<std::string> item_code, item_name, data_value, unit, value_name;
  std::string detail = "{}";  ///< jsonb
};
void insert_checkup_row(db::Connection& conn, long long info_id, int seq, const CheckupInfoRow& r);

/// One treatment record (MeTrInf) of a diagnosis-information answer.
struct DiagnosisInfoRow {
  std::optional<std::string> treatment_month, treatment_date;
  std::optional<std::string> institution_code, institution_name;
  std::optional<std::string> treatment_class, treatment_code, treatment_name, quantity, times, unit;
  bool surgery = false;
  std::string detail = "{}";  ///< jsonb
};
void insert_diagnosis_row(db::Connection& conn, long long info_id, int seq,
                          const DiagnosisInfoRow& r);

/// A stored answer as the screen lists it.
struct MedicalInfoSummary {
  long long info_id = 0;
  std::string received;  ///< YYYYMMDDHH24MISS
  std::string format;
  std::string month_from, month_to;  ///< "" for checkups
  long long rows = 0;
  std::string result_code, message;
  int surgery_withheld = 0;  ///< diagnosis information only
};
/// The patient's stored answers, newest first, at most `limit`.
std::vector<MedicalInfoSummary> list_medical_info(db::Connection& conn, MedicalTable table,
                                                  int hospnum, long long ptid, int limit);

/// One stored row of any kind, in the screens' common shape (see hooks/abi.def, med_rows).
struct MedicalInfoDetailRow {
  int seq = 0;
  std::string month, date;     ///< YYYYMM / YYYYMMDD, "" when none
  std::string institution;     ///< name (drug, diagnosis)
  std::string category;        ///< drug: source; diagnosis: MeTrIdCl; checkup: ""
  std::string code, name;      ///< drug / treatment / checkup item
  std::string quantity, unit;  ///< checkup: value and unit
  std::string times;           ///< drug, diagnosis
  std::string note;            ///< drug: usage; checkup: value name; diagnosis: ""
  bool surgery = false;        ///< diagnosis: a surgery record
};

/// The rows of stored answer `info_id` of the facility, seq order, from row `start` (0-based),
/// at most `limit`; `total` receives the number of rows. nullopt when no such answer.
std::optional<std::vector<MedicalInfoDetailRow>> medical_info_rows(db::Connection& conn,
                                                                   MedicalTable table, int hospnum,
                                                                   long long info_id, int start,
                                                                   int limit, long long& total,
                                                                   long long& ptid);

/// `length` bytes of the stored PDF of answer `info_id` from byte `offset`; `total` receives
/// its size (0 when the answer has no PDF) and `ptid` the patient. nullopt when no such answer.
std::optional<std::string> medical_info_pdf(db::Connection& conn, MedicalTable table, int hospnum,
                                            long long info_id, long long offset, int length,
                                            long long& total, long long& ptid);

/// The table's name ("onshi_drug_info", ...).
const char* medical_table_name(MedicalTable table);

}  // namespace onshi::store
