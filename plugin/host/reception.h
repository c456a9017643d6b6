// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's front desk: receptions (tbl_uketuke) and reservations (tbl_yyk).

#include <optional>
#include <string>
#include <vector>

#include "host/insurance.h"

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// The patient of reception `ukeid` on `ukeymd`; nullopt when there is no such reception or it
/// names no patient.
std::optional<long long> reception_patient(db::Connection& conn, int hospnum,
                                           const std::string& ukeymd, long long ukeid);

/// The first day after `after` (YYYYMMDD), at most `horizon_days` later, with a reservation
/// of a patient; nullopt when none.
std::optional<std::string> next_reservation_day(db::Connection& conn, int hospnum,
                                                const std::string& after, int horizon_days);

/// One reserved patient of a day with the insurance a pre-check would send.
struct ReservedPatient {
  long long ptid = 0;
  bool unknown = false;                ///< the reservation names a patient the host does not have
  std::string test_flag;               ///< tstptnumkbn, "" when none
  std::string ptnum;                   ///< trimmed, "" when none
  std::string birthday;                ///< trimmed, "" when none
  std::optional<Insurance> insurance;  ///< current on the day (current_insurance rules)
  /// Without an insurance: the public assistance current on the day (current_public_assistance)
  std::optional<PublicAssistance> assistance;
};

/// Every patient with a reservation on `day`, once, by ptid.
std::vector<ReservedPatient> reserved_patients(db::Connection& conn, int hospnum,
                                               const std::string& day);

/// One row of the reservation screen: a reserved patient (test patients left out).
struct ReservationRow {
  long long ptid = 0;
  std::string ptnum;  ///< "" when none
  std::string name;   ///< "" when none
  std::string time;   ///< keyyyktime of the patient's first reservation that day
};

/// The reservations of `day`, one row per patient (the earliest), by time then ptid.
std::vector<ReservationRow> reservations_of_day(db::Connection& conn, int hospnum,
                                                const std::string& day);

/// One patient's reception of a day (the automatic checks, exchange/auto_check.h).
struct ReceptionRow {
  long long ukeid = 0;
  long long ptid = 0;
};

/// The receptions of `day` with a patient and a number above `after_ukeid`, by ukeid (the
/// table's key: hospnum, ukeymd, ukeid), at most `limit`: the engine's look at the day's new
/// receptions while its trigger on tbl_uketuke is missing.
std::vector<ReceptionRow> receptions_after(db::Connection& conn, int hospnum,
                                           const std::string& day, long long after_ukeid,
                                           int limit);

/// Whether the host records a confirmation of the patient's insurance on `day`: kakuninymd =
/// `day` on the insurance current that day (current_insurance rules), or, when the patient has
/// none, on the public assistance current that day. ORCA sets it when its reception screen or a
/// result confirms the insurance (spec/orca52-host.md 7.2), and so do our results.
bool insurance_confirmed_on(db::Connection& conn, int hospnum, long long ptid,
                            const std::string& day);

}  // namespace onshi::host
