// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Drug and specific health checkup information (onshi_drug_info / onshi_checkup_info and
/// their rows), the consents they depend on (onshi_consent) and the audit log (onshi_audit).
/// The request jobs are store/jobs.h.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// Which information: drug (onshi_drug_info) or checkup (onshi_checkup_info).
enum class MedicalTable { drug, checkup };

/// Appends one audit row (its own statement: a refusal is recorded too).
void insert_audit(db::Connection& conn, int hospnum, const std::string& userid,
                  const std::string& action, const std::string& info_kind, long long ptid,
                  std::optional<long long> info_id, const std::string& detail);

/// The newest consent of a type given at the card reader.
struct LatestConsent {
  std::string flag;
  std::string available_until;   ///< YYYYMMDDHH24MISS, "" when none
  bool still_available = false;  ///< available_until is in the future
  long long confirmation_id = 0;
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
  std::optional<std::string> month_from, month_to;  ///< drug information only
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

/// A stored answer as the screen lists it.
struct MedicalInfoSummary {
  long long info_id = 0;
  std::string received;  ///< YYYYMMDDHH24MISS
  std::string format;
  std::string month_from, month_to;  ///< "" for checkups
  long long rows = 0;
  std::string result_code, message;
};
/// The patient's stored answers, newest first, at most `limit`.
std::vector<MedicalInfoSummary> list_medical_info(db::Connection& conn, MedicalTable table,
                                                  int hospnum, long long ptid, int limit);

}  // namespace onshi::store
