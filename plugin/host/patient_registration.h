// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// A new host patient from a card result, written as ORCA's registration writes one
/// (spec/orca52-host.md sections 2 and 6.2 新規患者): numbers from system management 1009, the
/// patient, its number and counters, the insurance (hknid 1) and its insurance combination
/// (hkncombinum 1), so that reception can take the patient with that insurance at once; from a
/// public-assistance result (card class A1) instead of an insurance the public-expense row and
/// its combination (host/public_assistance_apply.h: kohid 1, the public expense alone). Every
/// ORCA column is written (SPACE/'' for blank, 0 for counters, never NULL); text is converted to
/// the full-width form ORCA stores for online results.

#include <string>

#include "host/public_assistance_apply.h"

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// What the result says about the new patient (UTF-8, as returned).
struct PatientFromResult {
  std::string name, kananame, sex, birthday, post, address;
  /// The health insurance, when the result carries one (not for public assistance).
  bool has_insurance = false;
  std::string card_class, insurer, symbol, number, branch, family, insured_name;
  std::string acquired, valid_from, valid_to, copay_rate;
  /// Public assistance (card class A1): its public expense instead of an insurance.
  bool public_assistance = false;
  ReturnedAssistance assistance;
};

/// What was written.
struct CreatedPatient {
  long long ptid = 0;
  std::string ptnum;
  long long hknid = 0;  ///< 0 = no insurance row
  std::string hknnum;   ///< the insurance kind written ("" = none)
  long long kohid = 0;  ///< public assistance: the public-expense row written (0 = none)
  /// public assistance: what was written ("added") or why not (host::AssistanceOutcome name).
  std::string assistance;
  bool substituted = false;  ///< a value held characters the host's encoding cannot (U+3013)
};

/// Creates the patient inside the caller's transaction (the numbering row stays locked until it
/// ends). `today` is the registration (and confirmation) date. @throws NumberingError, DbError
CreatedPatient create_patient(db::Connection& conn, int hospnum, const PatientFromResult& p,
                              const std::string& today, const std::string& opid);

}  // namespace onshi::host
