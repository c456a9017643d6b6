// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Writing a confirmation result into the host: the last confirmation date (kakuninymd) of the
/// insurance or public-expense row, an empty branch number filled, and the returned values
/// staff accepted on the registration screen.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// Who and when of a host update (upymd, uphms, opid).
struct Stamp {
  std::string day;   ///< YYYYMMDD
  std::string time;  ///< HHMMSS
};

/// Sets kakuninymd = `date` on the patient's not-deleted public-expense rows with this payer
/// and recipient number (opid 'ONSHI'). @return true when a row was updated
bool confirm_public_expense(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& date, const std::string& payer,
                            const std::string& recipient, const Stamp& stamp);

/// Which insurance row a confirmation applies to: `hknid` when not 0, else the patient's rows
/// with this insurer, symbol ("" = none) and number.
struct InsuranceConfirmation {
  std::string date;                        ///< kakuninymd
  std::optional<std::string> fill_branch;  ///< sets an empty edaban to this
  int hknid = 0;
  std::string insurer, symbol, number;
};

/// Sets kakuninymd (and fills an empty branch number) on the patient's not-deleted insurance
/// row (opid 'ONSHI'). @return the hknid updated (the first one), nullopt when none was
std::optional<int> confirm_insurance(db::Connection& conn, int hospnum, long long ptid,
                                     const InsuranceConfirmation& c, const Stamp& stamp);

/// What accept_returned_value() did.
enum class AcceptOutcome {
  not_a_host_item,  ///< the item is not written into the host (nothing done)
  needs_insurance,  ///< an insurance item, but no insurance row is known (nothing done)
  updated,          ///< exactly one row updated
  not_updated,      ///< the row is gone (0 rows) or ambiguous
};

/// Writes one returned value staff accepted: items name, kana, birthdate, sex (the patient row)
/// and branch, family, insured_name (insurance row `hknid`), with upymd/uphms/opid.
AcceptOutcome accept_returned_value(db::Connection& conn, int hospnum, long long ptid,
                                    std::optional<int> hknid, const std::string& item,
                                    const std::string& value, const Stamp& stamp,
                                    const std::string& opid);

}  // namespace onshi::host
