// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// A new host patient from a result's new-patient proposal (新規患者, after the candidates list;
/// spec/orca52-host.md 6.2): written at once (host/patient_registration.h) in a facility in apply
/// mode direct, or, in apply mode prefill (ORCA's own way), kept as a pre-fill of the host's
/// registration screen: create_patient() runs inside a savepoint, its rows and the patient's
/// columns are kept as the pre-fill's proposal (mode kNewPatientMode), the savepoint is rolled
/// back. Registration then numbers and saves the patient itself and says so through the hook
/// insurance_saved with the pre-fill and the new patient (exchange/prefill.h): the saved rows
/// are compared with the proposal, and the result is linked to the new patient only when the
/// patient is the result's person (same birthdate and sex, same kana or kanji name).

#include <optional>
#include <string>

#include "host/patient_registration.h"

namespace onshi::db {
class Connection;
}

namespace onshi::exchange {

/// The pre-fill mode of a new patient.
inline constexpr char kNewPatientMode[] = "new";

/// What the result's new-patient proposal says (public assistance, card class A1: with its
/// qualification and tickets); nullopt when the result has no proposal.
std::optional<host::PatientFromResult> patient_from_result(db::Connection& conn, int hospnum,
                                                           long long confirmation_id);

/// What prefill_new_patient() stored.
struct NewPatientPrefill {
  long long prefill_id = 0;
  host::CreatedPatient proposed;  ///< what registration is asked to write (its ptid/ptnum: none)
};

/// Stores the new-patient pre-fill of `confirmation_id` inside the caller's transaction (no host
/// row is left written). @throws ApplyRefused no_result (no proposal), prefill_pending;
/// host::NumberingError (the host cannot number the patient here: staff register it on the
/// host's own screen)
NewPatientPrefill prefill_new_patient(db::Connection& conn, int hospnum, long long confirmation_id,
                                      const host::PatientFromResult& patient,
                                      const std::string& today, const std::string& userid);

}  // namespace onshi::exchange
