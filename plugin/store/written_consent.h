// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Consents given in writing (onshi_written_consent, sql/0021_written_consent.sql) and the
/// patient's consent state per type: the newest consent of each type, from the card reader
/// (onshi_consent) or in writing. The rules (which types, how long) are
/// exchange/written_consent.h; the medical-information gate reads store::latest_consent().

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// A written consent as recorded.
struct RecordedConsent {
  long long written_id = 0;
  std::string until;  ///< YYYYMMDDHHMMSS
};

/// Records a written consent (flag 1) given at `given_at` (YYYYMMDDHHMMSS, local), available
/// for `hours` hours, recorded by `userid`.
RecordedConsent insert_written_consent(db::Connection& conn, int hospnum, long long ptid,
                                       const std::string& type, const std::string& given_at,
                                       int hours, const std::string& userid);

/// The newest consent of one type.
struct ConsentState {
  std::string type;
  std::string flag;              ///< 0 no, 1 yes, 2 expired, 3 difficult
  std::string given;             ///< YYYYMMDDHHMMSS, "" when none
  std::string until;             ///< YYYYMMDDHHMMSS, "" when none
  std::string source;            ///< card | written
  std::string recorded_by;       ///< written: the staff member
  bool still_available = false;  ///< until is in the future
};

/// The patient's newest consent of every type (card or written), by type name.
std::vector<ConsentState> consent_states(db::Connection& conn, int hospnum, long long ptid);

}  // namespace onshi::store
