// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Writing a confirmation result into the host: the last confirmation date (kakuninymd) of the
/// insurance or public-expense row, an empty branch number filled, and the returned values
/// staff accepted on the registration screen.

#include <optional>
#include <string>
#include <vector>

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

/// One medical ticket of a public-assistance result, as copy_issue_numbers() needs it.
struct TicketIssue {
  std::string issue_number;    ///< IssueNumber (交付番号)
  std::string month;           ///< MedicalTreatmentMonth YYYYMM ("" when none)
  std::string treatment_type;  ///< MedicalTreatmentType (01 入院, 02 入院外, ...)
};

/// What copy_issue_numbers() wrote for one ticket.
struct IssueNumberWrite {
  int seq = 0;  ///< the ticket's position in the result
  long long kohid = 0;
  std::string sryym, nyugaikbn, issue_number;
  std::string outcome;  ///< inserted, updated, unchanged
};

/// Why copy_issue_numbers() wrote nothing (empty when it ran).
struct IssueNumberCopy {
  std::string skipped;  ///< no_column, no_row, no_ticket; "" when it ran
  std::vector<IssueNumberWrite> writes;
};

/// Copies the tickets' issue numbers into the host as ORCA does with system management 1051
/// KOFUTNK 1 (ORCGP029 2302/23012, tickets as ORAPION013 stores them): for the patient's
/// not-deleted public-assistance row (kohnum 012) with this payer and recipient number, one
/// tbl_monthlynum row per ticket with an issue number (at most 10), keyed by its kohid, sryym =
/// the ticket's treatment month (this month when none) and nyugaikbn 1 for 入院 (01), else 2:
/// jkysnum = the recipient number, kofunum = the issue number in half-width (15 characters);
/// an existing row is updated only when one of them differs. Nothing is written when the host's
/// tbl_monthlynum has no kofunum column (ORCA before its 2024-01 public-assistance update).
IssueNumberCopy copy_issue_numbers(db::Connection& conn, int hospnum, long long ptid,
                                   const std::string& payer, const std::string& recipient,
                                   const std::vector<TicketIssue>& tickets, const Stamp& stamp);

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
