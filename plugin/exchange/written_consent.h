// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Consents to view given in writing. With a general-purpose card reader staff check the
/// patient's identity by eye and obtain the consent to view drug and checkup information on a
/// consent form or the questionnaire (technical guide 001 section 4.3.3); the verification
/// system's own screens take the consents to view surgery, diagnosis (treatment), drug and
/// checkup information the same way, "in writing" (manual 004, chapter 3). Such a consent is
/// recorded here by a staff member (audited, kind consent) and counts like a card reader's in
/// the medical-information gate (exchange/medical_info.h): the newest consent of a type wins.
///
/// Rules: only those four types (pharmacists, specific_health_checkups, diagnosis, operation);
/// the limit and specific-disease certificate consents travel with the check itself (the card
/// reader, or reg_ask's limit_consent), so a written one would reach no certificate and is
/// refused. A consent holds for one visit: available until 24 hours after it was given, as the
/// card reader's (plan 000 Q&A: 同意後24H; every fixture's AvailableTime). It cannot be given
/// in the future, nor recorded once it would already have expired.

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// Hours a written consent stays available.
inline constexpr int kWrittenConsentHours = 24;

/// True for the consent types that can be given in writing.
bool consent_may_be_written(std::string_view type);

/// Why a written consent is refused.
enum class WrittenConsentRefusal {
  no_patient,      ///< no such patient
  test_patient,    ///< a test patient
  unknown_staff,   ///< the user is not a staff member of the facility
  not_in_writing,  ///< the type cannot be given in writing (or is no consent type)
  bad_time,        ///< not a time, in the future, or already expired
};
/// "no_patient", "test_patient", ...
const char* written_consent_refusal_name(WrittenConsentRefusal r);

class WrittenConsentRefused : public Error {
 public:
  WrittenConsentRefused(WrittenConsentRefusal reason, const std::string& message)
      : Error(message), reason_(reason) {}
  WrittenConsentRefusal reason() const noexcept { return reason_; }

 private:
  WrittenConsentRefusal reason_;
};

/// A recorded written consent.
struct WrittenConsent {
  long long written_id = 0;
  std::string given;  ///< YYYYMMDDHHMMSS
  std::string until;  ///< YYYYMMDDHHMMSS
};

/// Records that patient `ptid` gave consent `type` in writing at `given_at` (YYYYMMDDHHMMSS or
/// YYYYMMDD = 00:00:00 that day; "" = now), recorded by staff member `userid`; audited (action
/// change, kind consent). A refusal is audited too when patient and staff are known. Runs in
/// the caller's transaction, if any.
/// @throws WrittenConsentRefused, db errors
WrittenConsent record_written_consent(db::Connection& conn, int hospnum, long long ptid,
                                      const std::string& type, const std::string& given_at,
                                      const std::string& userid);

}  // namespace onshi::exchange
