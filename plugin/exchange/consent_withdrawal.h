// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Withdrawing a home-visit patient's consent to view (閲覧同意取消（訪問診療等）,
/// OQSsihvd01req -> OQSsihvd01res; verification system manual chapter 3 section 6: when the
/// patient died or the care contract ended, the clinic withdraws every consent the patient gave
/// it for home-visit care). The request names the patient's insurance card and birth date with
/// 診療区分 2; facts, sources and what is inferred: tests/fixtures/homevisit/README.md.
///
/// `queue_consent_withdrawal` checks the patient and the card and queues the request (a row of
/// onshi_consent_withdrawal with the card as sent, audited); the queue writes it with
/// `build_consent_withdrawal_request` (the facility must still use home-visit care); the answer
/// closes the row with `handle_consent_withdrawal_result`: done on ProcessingResultStatus 1,
/// failed with the terminal's code and message otherwise. An answer whose echo names another
/// card than the one sent closes nothing as done (failed, "names another card"): a withdrawal
/// recorded for the wrong card is worse than none.

#include <optional>
#include <string>

#include "common/error.h"
#include "exchange/flows.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Why a withdrawal is refused.
enum class WithdrawalRefusal {
  no_patient,    ///< no such patient
  test_patient,  ///< never sent to the national system
  no_insurance,  ///< no usable card (deleted, no insured number, none current)
  invalid_data,  ///< the patient's values cannot form a request (birth date, characters)
  busy,          ///< a withdrawal of the patient is in flight
  not_used,      ///< the facility does not use home-visit care
};
const char* withdrawal_refusal_name(WithdrawalRefusal r);

class ConsentWithdrawalRefused : public Error {
 public:
  ConsentWithdrawalRefused(WithdrawalRefusal reason, const std::string& message)
      : Error(message), reason_(reason) {}
  WithdrawalRefusal reason() const noexcept { return reason_; }

 private:
  WithdrawalRefusal reason_;
};

/// A queued withdrawal.
struct QueuedWithdrawal {
  long long withdrawal_id = 0;
  long long job_id = 0;
};

/// Queues the withdrawal of patient `ptid`'s consents for the card of insurance `hknid` (nullopt:
/// the patient's current one) in one transaction of its own, audited (kind consent) with
/// `userid`; a refusal is audited too. Must be called outside a transaction.
/// @throws db::UnknownFacilityError / db::FacilityDisabledError, ConsentWithdrawalRefused
QueuedWithdrawal queue_consent_withdrawal(db::Connection& conn, int hospnum, long long ptid,
                                          std::optional<int> hknid, const std::string& userid);

/// The request bytes of an OQSsihvd01req job: the card and birth date of its withdrawal row,
/// MedicalTreatmentFlag 2. @throws Error (the job fails) when the facility no longer uses
/// home-visit care or the job belongs to no withdrawal
std::string build_consent_withdrawal_request(db::Connection& conn,
                                             const db::FacilitySettings& facility,
                                             const RequestJob& job);

/// Whether requests for the patient's care of 診療区分 `treatment_flag` are barred by a completed
/// withdrawal: only home-visit care (2) has one; it is in force until a newer consent arrives
/// (store::withdrawal_in_force: a home-visit consented-information bulk or single check, imported
/// after it, showing a consent to view given after it). Home-visit drug, checkup and diagnosis
/// requests and single checks are refused meanwhile (when queued and again when sent).
/// @return nullopt when not barred, else why ("consent withdrawn on YYYY-MM-DD (withdrawal N)")
std::optional<std::string> withdrawn_consent(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& treatment_flag);

/// Closes the withdrawal the OQSsihvd01res answers (by its job), in the import transaction.
StoredRows handle_consent_withdrawal_result(db::Connection& conn, const ResultFile& file);

}  // namespace onshi::exchange
