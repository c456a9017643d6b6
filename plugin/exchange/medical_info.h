// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Drug information (yakuzai jouhou, YZKsiquc01req/res), specific health checkup information
/// (tokutei kenshin jouhou, TKKsiquc01req/res) and diagnosis and surgery information (shinryo /
/// shujutsu jouhou: a YZKsiquc01req with FileCategory 3 or 4, whose answer carries the treatment
/// records MeTrInfs/MeTrInf besides the drugs), exchange spec section 6; consent as data
/// (doc/decisions.md 10).
///
/// The kinds differ only in their facts (medical_info_facts): consent, permissions, request kind
/// and FileCategory. A diagnosis answer's drugs are stored as drug information too (the request
/// needs the drug permission as well); its surgery records (MeTrIdCl 50) are stored only while
/// the patient's operation consent (OperationInfoConsFlg) is current when the answer is imported,
/// else counted as withheld.
///
/// A request may be made only while the patient's latest consent of that type has flag 1 and an
/// available-until time in the future, and only by a staff member holding the matching
/// permission flag (the host's staff table, host/staff.h). The check runs when the
/// request is queued and again when the queue sends it (consent may have expired meanwhile).
/// Every request, refusal and receipt is written to onshi_audit. Results are stored per patient:
/// parsed rows for XML, the bytes for PDF; a refusal (ResultCode not 1) is stored with the
/// terminal's MessageContents for the screen. With onshi_facility.emr_dir set, a copy of each
/// successful result is written atomically into that host folder, named per patient.

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "db/facility.h"
#include "exchange/flows.h"
#include "host/staff.h"
#include "model/kind.h"

namespace onshi::db {
class Connection;
}
namespace onshi::model {
struct Document;
}

namespace onshi::exchange {

/// Which information.
enum class MedicalInfoKind { drug, checkup, diagnosis };

/// What each kind is called in our tables and which staff permission it needs.
struct MedicalInfoFacts {
  const char* name;                 ///< onshi_audit.info_kind, job payload info_kind
  const char* consent;              ///< onshi_consent.consent_type
  host::ViewPermission permission;  ///< the staff member's permission
  const char* job_kind;             ///< request kind
  const char* label;                ///< for messages
  const char* file_category_pdf;    ///< FileCategory of a PDF request
  const char* file_category_xml;    ///< FileCategory of an XML request
  bool months;                      ///< StartDate/EndDate sent (a range of months)
  /// A permission needed besides `permission`: the answer carries that information too.
  std::optional<host::ViewPermission> also_permission;
  /// The consent under which surgery records of an answer are kept (nullptr: none carried).
  const char* surgery_consent;
};
const MedicalInfoFacts& medical_info_facts(MedicalInfoKind k);

/// The kind named `name` (MedicalInfoFacts::name: drug, checkup, diagnosis); nullopt otherwise.
std::optional<MedicalInfoKind> medical_info_kind(std::string_view name);

/// Whether staff member `userid` holds every permission kind `k` needs; nullopt when the
/// facility has no such staff member.
std::optional<bool> may_view(db::Connection& conn, int hospnum, const std::string& userid,
                             MedicalInfoKind k);

/// MeTrIdCl of a surgery record (the claim's shinryo shikibetsu 50, shujutsu).
bool is_surgery_record(const std::string& treatment_class);

/// Why a request is refused (none = allowed).
enum class MedicalRefusal {
  none,
  unknown_patient,    ///< no such patient, or a test patient
  unknown_staff,      ///< the user id is not a staff member of the facility
  no_permission,      ///< the staff member lacks the permission flag
  no_consent,         ///< no consent of that type, or its flag is not 1
  consent_expired,    ///< flag 1 (or 2 = expired) but available-until is past
  consent_withdrawn,  ///< home-visit care: the consent was withdrawn (consent_withdrawal.h)
};

/// "none", "unknown_patient", ...
const char* medical_refusal_name(MedicalRefusal r);

/// The audit log's wording of a refusal: "no permission", "consent expired", ...
const char* medical_refusal_audit_text(MedicalRefusal r);

/// The decision on one request.
struct MedicalAccess {
  MedicalRefusal refusal = MedicalRefusal::none;
  std::string message;          ///< why, in words the screen can show ("" when allowed)
  std::string available_until;  ///< YYYYMMDDHHMMSS of the consent used ("" when none)
  long long consent_confirmation_id = 0;
  long long consent_written_id = 0;  ///< the consent used was given in writing (0: card)
  /// Drug information without a current consent under the facility's disaster declaration
  /// (exchange/outage.h): "since ... by ..." of the declaration; "" otherwise.
  std::string disaster;
  bool allowed() const { return refusal == MedicalRefusal::none; }
};

/// Decides whether `userid` may request `kind` for `ptid` now. Reads only.
MedicalAccess check_medical_access(db::Connection& conn, int hospnum, long long ptid,
                                   MedicalInfoKind kind, const std::string& userid);

/// A refused request (the access decision says why).
class MedicalInfoRefused : public Error {
 public:
  explicit MedicalInfoRefused(MedicalAccess access)
      : Error(access.message), access_(std::move(access)) {}
  const MedicalAccess& access() const noexcept { return access_; }

 private:
  MedicalAccess access_;
};

/// Queues a YZKsiquc01req/TKKsiquc01req job (diagnosis: YZKsiquc01req with FileCategory 3/4)
/// after check_medical_access, with an audit row
/// either way (a refusal's audit row is its own statement, so it stays even when the caller
/// rolls back). `month_from`/`month_to` YYYYMM ("" = the default range: the last 6 months up to
/// the current one; drug and diagnosis information only). The format is the facility's
/// medical_info_format. The job expires with the consent. Runs no transaction of its own.
/// @return the job id. @throws MedicalInfoRefused, onshi::Error (malformed months)
/// `access` (optional) receives the decision, e.g. the consent's available-until for a screen.
/// `visit` is the 診療区分 the request is sent with (`MedicalTreatmentFlag`, OQSCD028: a code
/// 1-4 or its name, model::treatment_flag_of; "" = 1 outpatient): home visit (2) and online (3)
/// need the facility's home_visit / online_care setting.
/// @throws MedicalVisitRefused for a visit type that is not a code or that the facility does
/// not use (nothing queued, nothing audited)
long long queue_medical_info(db::Connection& conn, int hospnum, long long ptid,
                             MedicalInfoKind kind, const std::string& userid,
                             const std::string& month_from = "", const std::string& month_to = "",
                             MedicalAccess* access = nullptr, const std::string& operator_note = "",
                             const std::string& visit = "");

/// A visit type (診療区分) that is no OQSCD028 code (`unknown()`), or one the facility does not
/// use (home visits, online care).
class MedicalVisitRefused : public Error {
 public:
  MedicalVisitRefused(bool unknown, const std::string& message)
      : Error(message), unknown_(unknown) {}
  bool unknown() const noexcept { return unknown_; }

 private:
  bool unknown_;
};

/// The 診療区分 code of `visit` for facility `f` ("" -> "1").
/// @throws MedicalVisitRefused
std::string medical_treatment_flag(const db::FacilitySettings& f, const std::string& visit);

/// Builds the request bytes of a YZK/TKK job (called by the request queue inside its claim
/// transaction). Re-checks consent and permission for the staff member who asked; a refusal is
/// audited and thrown as onshi::Error with the screen-readable reason (the job fails).
std::string build_medical_info_request(db::Connection& conn, const db::FacilitySettings& facility,
                                       const RequestJob& job);

/// Importer handler for YZKsiquc01res/TKKsiquc01res (XML or PDF), inside its transaction:
/// stores the result with the patient of the job it answers (nothing without a job) as the
/// job's kind asked for, audits the receipt and writes the EMR copy of the file's bytes as
/// received, named after the result.
StoredRows handle_medical_info_result(db::Connection& conn, const ResultFile& file);

}  // namespace onshi::exchange
