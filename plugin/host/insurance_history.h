// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The confirmation date of a patient's insurance (tbl_pthkninf.kakuninymd) and ORCA's history of
/// the previous dates (tbl_pthknrrk), written the way ORCA's own programs write them
/// (spec/orca52-host.md section 1.4): the current date stays in the insurance row; when it
/// changes from one non-blank date to another, the previous date becomes history row 1, older
/// rows move down, at most five are kept.

#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// What set_confirmation_date did.
struct ConfirmationWrite {
  bool found = false;    ///< the (not deleted) insurance row exists
  bool changed = false;  ///< kakuninymd was set to the new date
  std::string previous;  ///< the date it held before ("" = blank)
};

/// Sets the confirmation date of insurance (ptid, hknid) to `date` (YYYYMMDD) with ORCA's audit
/// columns, and records the previous date in the history when it was non-blank and different.
/// A date older than the one stored changes nothing (a late import never moves it back).
/// Deleted insurance (sakjokbn '1') is left alone. Runs in the caller's transaction.
ConfirmationWrite set_confirmation_date(db::Connection& conn, int hospnum, long long ptid,
                                        long long hknid, const std::string& date,
                                        const std::string& opid);

/// The same for a row the caller has already locked (SELECT ... FOR UPDATE, not deleted) and
/// whose kakuninymd (`current`, as read) it has: one statement fewer, and no round trip of its
/// own: the write is sent with the caller's next statement on `conn` (COMMIT at the latest;
/// db::Connection::defer_prepared), whose call throws should the write fail.
ConfirmationWrite set_locked_confirmation_date(db::Connection& conn, int hospnum, long long ptid,
                                               long long hknid, const std::string& current,
                                               const std::string& date, const std::string& opid);

/// Adds `previous` as the newest history date of (ptid, hknid) unless it is already the newest;
/// keeps at most five. (ORCA's history subprogram.)
void record_previous_confirmation(db::Connection& conn, int hospnum, long long ptid,
                                  long long hknid, const std::string& previous,
                                  const std::string& opid);

}  // namespace onshi::host
