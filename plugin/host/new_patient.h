// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Creating a host patient from the new-patient proposal of a confirmation
/// (onshi_confirmation.new_patient_proposal), as staff asked on the reception screen; the rows
/// are written by host/patient_registration.h the way ORCA's registration writes them.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

struct NewPatient {
  long long ptid = 0;
  std::string ptnum;
  bool substituted = false;  ///< a value held characters the host's encoding cannot (U+3013)
};

/// Creates the patient with its insurance (unless public assistance) and combination. Runs in
/// the caller's transaction. `day` is the registration date.
/// @return nullopt when the confirmation has no proposal (nothing was written)
/// @throws NumberingError when the host's numbering cannot issue a number here
std::optional<NewPatient> create_patient_from_proposal(db::Connection& conn, int hospnum,
                                                       long long confirmation_id,
                                                       const std::string& opid,
                                                       const std::string& day,
                                                       const std::string& time);

}  // namespace onshi::host
