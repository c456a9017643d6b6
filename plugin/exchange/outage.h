// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Outage mode (issue 15; reference 004 Ch.12 section 1, 002 disaster measures). While the terminal
/// or the national system is down, reception goes on: staff record the patient's statement and
/// what the My Number card shows (record_outage_statement). After recovery the engine checks
/// those patients again with the visit date (recheck_outage_statements, from its queue pass) and
/// the list shows what changed (outage_changes). A declared disaster lets drug information be
/// requested without a consent at the card reader (exchange/medical_info.cc; declare_disaster).

#include <string>
#include <vector>

#include "common/error.h"
#include "store/outage.h"

namespace onshi::db {
class Connection;
struct FacilitySettings;
}  // namespace onshi::db

namespace onshi::exchange {

/// Which input made outage mode refuse (screens show a message per reason).
enum class OutageRefusal {
  staff,       ///< no staff member given
  name,        ///< no name
  sex,         ///< sex not 1 or 2
  visit_date,  ///< not a real date, or in the future
  birthdate,   ///< not a real date, or after the visit
  patient,     ///< no such patient in the facility
  reason,      ///< disaster: no reason given
  until,       ///< disaster: --until not a real date, or past
};

/// A statement or declaration that cannot be recorded (the message says which field and why).
class OutageRefused : public Error {
 public:
  OutageRefused(OutageRefusal reason, const std::string& message)
      : Error(message), reason_(reason) {}
  OutageRefusal reason() const noexcept { return reason_; }

 private:
  OutageRefusal reason_;
};

/// Records a statement (validated: visit date and birthdate real dates, the birthdate not after
/// the visit, sex 1 or 2, a name; `s.ptid` a patient of the facility when given), audited with
/// `staff`, in one transaction. @return the statement id. @throws OutageRefused
long long record_outage_statement(db::Connection& conn, store::OutageStatement s,
                                  const std::string& staff);

/// What one re-check pass did.
struct OutageRecheckPass {
  int answered = 0;  ///< statements whose re-check was answered since the last pass
  int queued = 0;    ///< insurance-number checks queued (with the visit date)
  int staff = 0;     ///< statements the engine cannot check (no insurance, test patient)
};

/// Gives an open statement its patient (a patient of the facility; a new patient is registered
/// first); it waits for the re-check again. Audited with `staff`. @return false when the facility
/// has no such open statement @throws OutageRefused (patient) for a patient not of the facility
bool link_outage_statement(db::Connection& conn, int hospnum, long long statement_id,
                           long long ptid, const std::string& staff);

/// Cancels an open statement, audited with `staff`. @return false when there is no such open
/// statement
bool cancel_outage_statement(db::Connection& conn, int hospnum, long long statement_id,
                             const std::string& staff);

/// Settles answered re-checks and queues the due ones (store::claim_outage_rechecks: once the
/// terminal answers again, or at once with `force`), in one transaction. At most `limit` per pass.
OutageRecheckPass recheck_outage_statements(db::Connection& conn, const db::FacilitySettings& f,
                                            bool force = false, int limit = 50);

/// What the answer says differently from the statement: "name", "kana", "sex", "birthdate",
/// "validity" (not valid: the national code), "patient" (linked to another patient or not
/// linked). Empty for a statement without an answer.
std::vector<std::string> outage_changes(const store::OutageStatement& s);

/// Declares a disaster for the facility (`until`: YYYYMMDD, the last day; "" = until ended),
/// audited. @throws OutageRefused for a missing reason or a bad or past date
void declare_disaster(db::Connection& conn, int hospnum, const std::string& staff,
                      const std::string& reason, const std::string& until);

/// Ends the facility's declaration, audited. @return false when none was in force
bool end_disaster(db::Connection& conn, int hospnum, const std::string& staff);

}  // namespace onshi::exchange
