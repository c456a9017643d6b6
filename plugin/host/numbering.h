// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's own numbering of new patients, from its system-management row 1009 (患者番号構成):
/// the internal patient id (positions 31-40, last issued) and the patient number staff see
/// (composition in positions 1-16, year 17-20, last serial 21-30). ORCA has no sequence: it reads
/// the row, adds one and writes the row back; we lock the row for the transaction and rewrite only
/// the counters we move (spec/orca52-host.md section 2).

#include <optional>
#include <string>

#include "common/error.h"

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// The host's numbering cannot issue a number here (free or extended composition, a check digit
/// we do not compute, an exhausted serial, no 1009 row): staff register the patient on the host's
/// own registration screen. what() says why in English; `reason()` is a stable keyword.
class NumberingError : public Error {
 public:
  NumberingError(std::string reason, const std::string& message)
      : Error(message), reason_(std::move(reason)) {}
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string reason_;
};

/// The parts of a 1009 row we use (1-based positions in its fixed layout).
struct PatientNumberSettings {
  char composition = ' ';  ///< pos 1: '1' free, '2' standard, '3' extended
  char standard_type =
      ' ';  ///< pos 5: '1' year+serial+check, '2' year+serial, '3' serial+check, '4' serial
  char year_kind = ' ';       ///< pos 6: '1' Japanese era (3 chars), otherwise 4-digit year
  int serial_digits = 0;      ///< pos 8-9
  std::string year;           ///< pos 17-20 (the year the serial belongs to)
  long long last_serial = 0;  ///< pos 21-30
  long long last_ptid = 0;    ///< pos 31-40
};

/// Parses a 1009 kanritbl (trailing blanks may be missing). Unreadable counters read as 0.
PatientNumberSettings parse_patient_number_settings(const std::string& kanritbl);

/// The patient number for `serial` under `s` (no check digit types: they throw NumberingError).
std::string format_patient_number(const PatientNumberSettings& s, long long serial);

/// A new patient's numbers, issued inside the caller's transaction.
struct IssuedNumbers {
  long long ptid = 0;
  std::string ptnum;
};

/// Locks the facility's 1009 row (valid on `today`), issues the next ptid and, unless `ptnum` is
/// given, the next patient number (skipping numbers already in use, as ORCA does), and writes both
/// counters back. @throws NumberingError, db::DbError
IssuedNumbers issue_patient_numbers(db::Connection& conn, int hospnum, const std::string& today,
                                    const std::string& opid,
                                    const std::optional<std::string>& ptnum = std::nullopt);

/// A registered patient's next public-expense id (tbl_ptnum.kohid + 1, ORCA's ORCGP02D/E) or
/// next automatic combination number (tbl_ptnum.autocombinum + 1, ORCGP02W3), kept above every
/// existing row (ORCA's own included) and written back to tbl_ptnum inside the caller's
/// transaction. @return the number issued
long long next_public_expense_id(db::Connection& conn, int hospnum, long long ptid,
                                 const std::string& today, const std::string& opid);
int next_combination_number(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& today, const std::string& opid);

}  // namespace onshi::host
