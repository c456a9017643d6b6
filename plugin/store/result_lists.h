// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The result lists of the screens like ORCA's P031 (every result of one day) and P032 (one
/// patient's confirmations): which confirmations, the nearest days with results, and what a row
/// shows beyond store::load_confirmation(): the consents and certificates returned with it, the
/// card's end date and reference number, and what differed from the host when it arrived.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// The facility's confirmations received on `day` (YYYYMMDD, local), newest first.
std::vector<long long> day_confirmations(db::Connection& conn, int hospnum, const std::string& day);

/// The nearest days (YYYYMMDD) before and after `day` with confirmations; "" when none.
struct AdjacentDays {
  std::string previous, next;
};
AdjacentDays adjacent_result_days(db::Connection& conn, int hospnum, const std::string& day);

/// The confirmations of one patient (linked to it, or asked for it and not linked), newest first.
std::vector<long long> patient_confirmations(db::Connection& conn, int hospnum, long long ptid);

/// One consent as returned with a confirmation.
struct ReturnedConsent {
  std::string type;   ///< onshi_consent.consent_type
  std::string flag;   ///< 0 / 1 / 2 / 3
  std::string given;  ///< YYYYMMDDHHMMSS, "" when none
  std::string until;  ///< YYYYMMDDHHMMSS, "" when none
};

/// What a day-list or history row shows beyond the confirmation view.
struct ResultExtras {
  std::vector<ReturnedConsent> consents;
  bool limit = false;             ///< a limit certificate came back
  std::string limit_class;        ///< its application class (A01 ...)
  bool specific_disease = false;  ///< a specific disease certificate came back
  std::string card_end;           ///< InsuredCardExpirationDate, YYYYMMDD
  std::string reference_number;
  std::string received;  ///< YYYYMMDDHHMMSS (local)
  /// What differed from the host when it arrived, as stored: the differing items (name,
  /// kana) and the host state (suspect, branch_missing, ...), in that order.
  std::vector<std::string> differences;
  std::vector<std::string> host_updates;  ///< what was written into the host then
};
/// The extras of one confirmation of the facility; nullopt when there is none.
std::optional<ResultExtras> result_extras(db::Connection& conn, int hospnum,
                                          long long confirmation_id);

/// The consent of `type` in `extras` (nullptr when none came back).
const ReturnedConsent* find_consent(const ResultExtras& extras, const std::string& type);

}  // namespace onshi::store
