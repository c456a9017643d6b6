// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's patients: every read of tbl_ptinf / tbl_ptnum (and, for the linker, of the
/// insurance and public-expense rows that lead to a patient) of one facility. Creating a patient
/// is host/patient_registration.h; accepting returned values is host/confirmation.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"
#include "match/linker.h"

namespace onshi::host {

/// The linker's view of the host's patients (match::PatientSource over tbl_ptinf, tbl_ptnum,
/// tbl_pthkninf, tbl_ptkohinf).
class PgPatientSource final : public match::PatientSource {
 public:
  PgPatientSource(db::Connection& conn, int hospnum) : conn_(conn), hospnum_(hospnum) {}

  std::optional<match::Patient> by_ptnum(const std::string& ptnum) override;
  std::optional<match::Patient> by_reference_number(const std::string& ref) override;
  void expect_card(const std::string& insurer, const std::string& symbol,
                   const std::string& number) override;
  std::optional<match::Patient> by_ptid(long long ptid) override;
  std::vector<match::Coverage> by_card(const std::string& insurer, const std::string& symbol,
                                       const std::string& number) override;
  std::vector<match::Coverage> by_public_expense(const std::string& payer,
                                                 const std::string& recipient) override;
  std::vector<match::Patient> same_person(const std::string& kana_key, const std::string& birthday,
                                          const std::string& sex) override;

 private:
  /// The by_card() statement.
  db::Connection::Statement card_statement(const std::string& insurer, const std::string& symbol,
                                           const std::string& number) const;
  /// Forgets what expect_card() asked for and what was fetched with it.
  void forget() {
    expected_.clear();
    fetched_card_.clear();
    fetched_.reset();
  }
  db::Connection& conn_;
  int hospnum_;
  std::vector<std::string> expected_;      ///< expect_card(): insurer, symbol, number
  std::vector<std::string> fetched_card_;  ///< the card fetched with by_reference_number() ...
  std::optional<db::Result> fetched_;      ///< ... and its rows, for the very next call only
  std::uint64_t fetched_at_ = 0;           ///< conn_.calls() after that lookup
};

/// The test-patient flag (tstptnumkbn, "1" = test patient) of a patient; nullopt when the
/// facility has no such patient.
std::optional<std::string> test_patient_flag(db::Connection& conn, int hospnum, long long ptid);

/// The patient number (right-trimmed) of a patient; nullopt when none is recorded.
std::optional<std::string> patient_number(db::Connection& conn, int hospnum, long long ptid);

/// The patient ids whose number equals `ptnum` (both sides trimmed), in the host's order.
std::vector<long long> patients_by_number(db::Connection& conn, int hospnum,
                                          const std::string& ptnum);

/// What a qualification check needs of a patient.
struct RequestPatient {
  std::string test_flag;             ///< tstptnumkbn
  std::optional<std::string> ptnum;  ///< trimmed; nullopt when none or blank
  std::string birthday;              ///< trimmed, "" when none
};
std::optional<RequestPatient> request_patient(db::Connection& conn, int hospnum, long long ptid);

/// A patient as the screens show it (values "" when NULL; ptnum right-trimmed).
struct PatientSummary {
  long long ptid = 0;
  std::string test_flag;  ///< tstptnumkbn
  std::string ptnum;
  std::string name, kananame, birthday, sex;
  std::string post, address;  ///< home_post, home_adrs (trimmed)
};

/// Name, kana, birthdate and sex of a patient (the registered values a result is compared to).
std::optional<PatientSummary> patient_details(db::Connection& conn, int hospnum, long long ptid);

/// A patient with its number, when it has no number too (candidate lists).
std::optional<PatientSummary> patient_with_number(db::Connection& conn, int hospnum,
                                                  long long ptid);

/// Test flag and number of a patient staff chose to link a result to ("" when no number).
std::optional<PatientSummary> patient_to_link(db::Connection& conn, int hospnum, long long ptid);

/// Test flag and number of a patient that has a patient number (nullopt: no such patient or
/// no number).
std::optional<PatientSummary> numbered_patient(db::Connection& conn, int hospnum, long long ptid);

}  // namespace onshi::host
