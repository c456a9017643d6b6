// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The linker's view of the host's patients, read from the host tables (tbl_ptinf, tbl_ptnum,
/// tbl_pthkninf, tbl_ptkohinf) of one facility.

#include "match/linker.h"

namespace onshi::db {
class Connection;
}

namespace onshi::match {

class PgPatientSource final : public PatientSource {
 public:
  PgPatientSource(db::Connection& conn, int hospnum) : conn_(conn), hospnum_(hospnum) {}

  std::optional<Patient> by_ptnum(const std::string& ptnum) override;
  std::optional<Patient> by_ptid(long long ptid) override;
  std::vector<Coverage> by_card(const std::string& insurer, const std::string& symbol,
                                const std::string& number) override;
  std::vector<Coverage> by_public_expense(const std::string& payer,
                                          const std::string& recipient) override;
  std::vector<Patient> same_person(const std::string& kana_key, const std::string& birthday,
                                   const std::string& sex) override;

 private:
  db::Connection& conn_;
  int hospnum_;
};

}  // namespace onshi::match
