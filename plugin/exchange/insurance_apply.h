// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Staff apply a result's insurance to the host (issue 14, Apply): from a valid result linked
/// to the patient, "nochange" (保険変更なし: the confirmation date and ORCA's history), "change"
/// (保険変更: the registered card updated in place) or "add" (保険追加: a new insurance with its
/// combination, the replaced one ended the day before) or "limit" (the limit certificate as the
/// public-expense row ORCA's P034 + registration write, its low-income rows and the consent
/// date), "disease" (the specific-disease certificate, kohnum 972/974), "elderly" (the elderly
/// recipient certificate into the insurance row) or "certs" (every certificate of the result the
/// host keeps); host/insurance_apply.h writes the rows. Limit and disease certificates only with
/// the patient's consent (flag 1); a certificate whose end has passed is refused (expired), one
/// registered and covering its end is already_registered. The insurance modes and each
/// certificate mode are applied once per result (until undone).
/// "pubassist" takes a public-assistance result (card class A1, for which ORCA refuses the
/// insurance actions with its error 0021) into the host's public-expense row (kohnum 012) and
/// its combinations (host/public_assistance_apply.h).
/// Each apply is one transaction (the result, the patient's numbers, insurance and combination
/// rows locked), audited (onshi_audit kind insurance, action apply) with the images of the host
/// rows before and after, and resolves the result `applied`. An undo on the same day puts the
/// rows of the before image back exactly, once (action undo), when nobody changed them since.
/// Refusals write nothing.

#include <optional>
#include <string>

#include "common/error.h"
#include "host/insurance_apply.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Why an apply or undo is refused.
enum class ApplyRefusal {
  bad_mode,            ///< not nochange, change, add or limit
  unknown_staff,       ///< the user is not a staff member of the facility
  no_result,           ///< no such result
  not_valid,           ///< the result is an error, not a valid qualification, or dismissed
  not_linked,          ///< the result is not linked to a patient
  other_patient,       ///< linked to another patient than the one on the screen
  already_applied,     ///< the result was applied already (undo it first)
  public_assistance,   ///< card class A1: no insurance to apply (ORCA 0021)
  no_insurance,        ///< nochange/change: the patient has no current insurance
  card_differs,        ///< nochange: the registered card is not the returned one
  already_registered,  ///< add: the same card is already valid
  bad_insurer,         ///< the insurer number gives no insurance kind
  overlap,             ///< add: an insurance starting on/after the new one's start
  no_certificate,      ///< no certificate (of that kind) ORCA keeps a row for, or no consent
  expired,             ///< the certificate's end date (pubassist: the qualification or every
                       ///< medical ticket) has passed
  no_apply,            ///< undo: no such apply
  already_undone,      ///< undo: undone already
  not_today,           ///< undo: the apply was not made today
  changed_since,       ///< undo: the host rows changed after the apply
  not_assistance,      ///< pubassist: the result is not card class A1
  // The pre-fill way (exchange/prefill.h).
  prefill_pending,   ///< the result has a pending pre-fill (saved or cancelled first)
  no_prefill,        ///< no such (pending) pre-fill
  several_prefills,  ///< the patient has several pending pre-fills: name one
  prefill_closed,    ///< the pre-fill was saved or cancelled already
  other_person,      ///< a new-patient pre-fill saved as a patient who is not the result's person
};
/// "bad_mode", "unknown_staff", ...
const char* apply_refusal_name(ApplyRefusal r);

class ApplyRefused : public Error {
 public:
  ApplyRefused(ApplyRefusal reason, const std::string& message) : Error(message), reason_(reason) {}
  ApplyRefusal reason() const noexcept { return reason_; }

 private:
  ApplyRefusal reason_;
};

/// What an apply did.
struct InsuranceApplied {
  long long audit_id = 0;
  long long ptid = 0;
  std::string mode;
  long long hknid = 0;        ///< the insurance confirmed, changed or added
  long long ended_hknid = 0;  ///< add: the insurance ended (0 = none)
  std::string ended_on;       ///< its new end date
  int hkncombinum = 0;        ///< the combination created (0 = none)
  long long kohid = 0;        ///< limit: the public-expense row written or updated
  std::string assistance;     ///< pubassist: "added" or "extended" (host::AssistanceOutcome)
  std::string assistance_combinations;  ///< pubassist: the combinations created, "3,4"
  std::string written;                  ///< certificates: the rows written, for staff ("" = none)
  long long prefill_id = 0;  ///< prefill mode: the pre-fill stored (nothing written, audit_id 0)
  /// What decides the copay before and after (host::copay_state(): the rate of the insurance
  /// applied, before: of the one it replaced; the limit category). Prefill: as proposed.
  host::CopayState copay_before, copay_after;
};

/// The insurance whose copay counts before an apply: the one an added insurance ended, else the
/// one applied.
long long copay_hknid_before(const host::AppliedInsurance& done);
/// "030/ウ" ("-" for an empty part), as the audit detail and onshi-admin print it.
std::string copay_text(const host::CopayState& c);

/// Refuses (unknown_staff) a user who is not a staff member of the facility: every apply, undo
/// and pre-fill action is made by one. @throws ApplyRefused
void require_apply_staff(db::Connection& conn, int hospnum, const std::string& userid);

/// Applies result `confirmation_id` with `mode` by staff member `userid`; `expected_ptid` =
/// the patient the staff member has open (refused when the result is linked to another).
/// In the facility's prefill mode a mode other than nochange stores a pre-fill instead
/// (exchange/prefill.h). Its own transaction. @throws ApplyRefused, db errors
InsuranceApplied apply_insurance(db::Connection& conn, int hospnum, long long confirmation_id,
                                 const std::string& mode, const std::string& userid,
                                 std::optional<long long> expected_ptid = std::nullopt);

/// The facility's automatic certificates (store::auto_certificates): when on, applies the
/// certificates of valid result `confirmation_id` ("certs"), whose link the caller found certain
/// (qualification.cc: by reference number, our request or the card, no difference), in the
/// caller's transaction (a savepoint: a refusal or an error leaves nothing), audited as an apply
/// by the engine (kEngineUser), undoable by staff. @return the apply, nullopt when nothing was
/// applied
std::optional<InsuranceApplied> apply_certificates_automatically(db::Connection& conn, int hospnum,
                                                                 long long confirmation_id);

/// The engine's own id in the audit and the host rows of an automatic apply.
inline constexpr const char* kEngineUser = "onshi-exchanged";

/// What an undo did.
struct InsuranceUndone {
  long long audit_id = 0;  ///< the undo's audit row
  long long apply_id = 0;
  long long ptid = 0;
  long long confirmation_id = 0;
};

/// Undoes apply `apply_id` (its audit id) by staff member `userid`. Its own transaction.
/// @throws ApplyRefused, db errors
InsuranceUndone undo_insurance_apply(db::Connection& conn, int hospnum, long long apply_id,
                                     const std::string& userid);

}  // namespace onshi::exchange
