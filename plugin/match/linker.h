// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Linking results to host patients, the way ORCA does it in the field (spec/orca-host.md):
/// reference number first; else the patient of our own request; else insurer number + symbol +
/// number + exact branch number (late-elderly exempt) against patient insurance. Never on name
/// alone, never to a test patient; several candidates or none wait for staff with the list.
/// A link by card numbers also needs the person to agree: the birthdate, the insured/dependent
/// class where the host records one, and at least one name the same (a kanji name carrying the
/// national system's mark is not compared, so the kana must then agree; a dependent or an unknown
/// twin on a registered person's card waits for staff, "person_differs").

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/messages.h"

namespace onshi::match {

/// A host patient as the linker needs it.
struct Patient {
  long long ptid = 0;
  std::string ptnum;
  bool test_patient = false;
  std::string name, kananame, birthday, sex;
};

/// One (not deleted) insurance or public-expense row of a host patient.
struct Coverage {
  Patient patient;
  int id = 0;          ///< hknid (insurance) or kohid (public expense)
  std::string kind;    ///< hknnum ("039" = late-elderly) or kohnum
  std::string branch;  ///< edaban; "" = unknown (never invented)
  std::string family;  ///< honkzkkbn: "1" insured person, "2" dependent, "" = not recorded
};

/// Read access to the host's patients. Implemented over PostgreSQL by the engine.
class PatientSource {
 public:
  virtual ~PatientSource() = default;
  virtual std::optional<Patient> by_ptnum(const std::string& ptnum) = 0;
  /// The patient a returned reference number names: the facility registers patient numbers by
  /// default, or internal ids (onshi_facility.reference_number_source 'ptid').
  virtual std::optional<Patient> by_reference_number(const std::string& ref) {
    return by_ptnum(ref);
  }
  /// Advice only: the next by_reference_number() may well be followed by this by_card(); a
  /// source may fetch both in one round trip. Changes no answer.
  virtual void expect_card(const std::string& /*insurer*/, const std::string& /*symbol*/,
                           const std::string& /*number*/) {}
  virtual std::optional<Patient> by_ptid(long long ptid) = 0;
  /// Insurance rows with this insurer number (padding stripped), symbol ("" = none) and number.
  virtual std::vector<Coverage> by_card(const std::string& insurer, const std::string& symbol,
                                        const std::string& number) = 0;
  /// Public-expense rows with this payer number and recipient number.
  virtual std::vector<Coverage> by_public_expense(const std::string& payer,
                                                  const std::string& recipient) = 0;
  /// Every patient with the same kana name (match key), birthdate and sex: the same-name check.
  virtual std::vector<Patient> same_person(const std::string& kana_key, const std::string& birthday,
                                           const std::string& sex) = 0;
};

enum class LinkState { linked, candidates, no_patient, test_patient, conflict };
enum class LinkedBy { none, reference_number, request, insurance, public_expense, name_birthdate };

const char* link_state_name(LinkState s);
const char* linked_by_name(LinkedBy b);

/// The decision for one ResultOfQualificationConfirmation.
struct ResultLink {
  LinkState state = LinkState::no_patient;
  LinkedBy by = LinkedBy::none;
  long long ptid = 0;                      ///< linked patient
  int coverage_id = 0;                     ///< hknid/kohid that matched (0 = none/unknown)
  std::vector<long long> candidates;       ///< for staff: several matches or same-name patients
  std::optional<std::string> fill_branch;  ///< empty host branch to fill with this value
  bool name_differs = false;               ///< kanji name differs from the host's
  bool kana_differs = false;               ///< kana name differs from the host's
  bool name_unrepresentable = false;       ///< returned name carries '●': never stored over ours
  std::string host_status;  ///< ORCA-style extra state ("branch_missing", "suspect", ...)
};

/// True for late-elderly insurance (後期高齢者): no branch number.
bool is_late_elderly(const std::string& insurer_number, const std::string& hknnum);

/// Links every result of one file. `request_ptid`: the patient our own request asked about (the
/// correlation key), when the file answers one. Several health-insurance results (twins, validity
/// 5) are never linked automatically; an insurance and a public-assistance result that disagree
/// on the patient are both marked conflict.
std::vector<ResultLink> link_results(
    const std::vector<model::ResultOfQualificationConfirmation>& results,
    std::optional<long long> request_ptid, PatientSource& source);

/// One claim (レセプト) of a claim transfer result (exchange/claim_transfers.h): the person and the
/// card it was billed on.
struct ClaimPerson {
  std::string insurer, symbol, number, branch;  ///< the card billed ("" = none)
  std::string name, kana, birthdate, sex;       ///< birthdate YYYYMMDD, sex 1/2
};

/// Links a claim to a host patient: the card it was billed on (insurer, symbol, number; the branch
/// number when both sides know it; late-elderly without) among the insurance rows `billed_in_month`
/// keeps (valid in the claim month), held by a patient with the same birthdate; else the kana
/// name, birthdate and sex (and the kanji name when both are known). One patient: linked (by
/// insurance / name_birthdate); several: candidates; a card held only by other people (another
/// birthdate): candidates, "person_differs"; nothing: no_patient. Never a test patient.
ResultLink link_claim(const ClaimPerson& claim, PatientSource& source,
                      const std::function<bool(const Coverage&)>& billed_in_month);

}  // namespace onshi::match
