// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Creating a host patient (tbl_ptinf, tbl_ptnum, tbl_pthkninf) from the new-patient proposal
/// of a confirmation (onshi_confirmation.new_patient_proposal), as staff asked on the
/// reception screen.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// ORCA-style insurance kind (hknnum) from the insurer number: 6 digits national insurance
/// (060), 39xxxxxx late-elderly (039), otherwise 0 + the law number (01 -> 001, ...).
std::string insurance_kind(const std::string& insurer);

struct NewPatient {
  long long ptid = 0;
  std::string ptnum;
};

/// Creates the patient (new ptid = max + 1 under a table lock; the first free 6-digit number
/// from the ptid on) and, unless public assistance, its insurance row 1. Runs in the caller's
/// transaction. `day`/`time`/`opid`: creymd, upymd, uphms, opid.
/// @return nullopt when the confirmation has no proposal (nothing usable was written: the
/// caller rolls back)
std::optional<NewPatient> create_patient_from_proposal(db::Connection& conn, int hospnum,
                                                       long long confirmation_id,
                                                       const std::string& opid,
                                                       const std::string& day,
                                                       const std::string& time);

}  // namespace onshi::host
