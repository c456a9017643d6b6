// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The pre-fill way of applying a result (ORCA's own: spec/orca52-host.md 6, 6.2): instead of
/// writing, the host's registration screen is filled with what the direct apply
/// (host/insurance_apply.h) would write, and registration saves it. The rows proposed are
/// therefore taken from the direct apply itself: the caller runs it inside a savepoint, reads
/// images() before and after, and keeps proposal() of the two before rolling back. When the
/// host says registration saved, saved_differences() reads the rows back and lists where they
/// differ from the proposal.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// What the direct apply changed between two images() (JSON objects) as one JSON object (text):
/// {"hknid": the insurance applied, "insurance": its tbl_pthkninf row after (null when it did
/// not change), "insurance_new": true when it is a new row, "ended": [{hknid, tekedymd}] other
/// insurance rows changed (ended the day before), "public_expense": [{"row": tbl_ptkohinf row
/// after, "new": bool}]}.
std::string proposal(db::Connection& conn, const std::string& before_images,
                     const std::string& after_images, long long hknid);

/// The insurance fields the registration screen shows (values as stored: padded columns
/// trimmed on the right).
struct ProposedInsurance {
  long long hknid = 0;
  bool is_new = false;  ///< a new insurance (保険追加); else the same row changed in place
  std::string hknnum, insurer, symbol, number, branch, family, hojokbn, insured_name;
  std::string acquired, from, to, confirmed;
};
/// An insurance ended by the new one.
struct ProposedEnd {
  long long hknid = 0;
  std::string to;
};
/// A public-expense row (certificate) the registration adds or updates.
struct ProposedPublicExpense {
  long long kohid = 0;
  bool is_new = false;
  std::string kohnum, paykbn, ftnjanum, jkysnum, from, to;
};
/// The patient a new-patient pre-fill proposes: the tbl_ptinf columns ORCA's registration screen
/// is filled with for 新規患者 (spec/orca52-host.md 6.2), as create_patient() stores them.
struct ProposedPatient {
  std::string name, kananame, sex, birthday, post, address;
};
struct Proposal {
  long long hknid = 0;                     ///< the insurance the apply concerns
  std::optional<ProposedPatient> patient;  ///< a new patient (mode "new")
  std::optional<ProposedInsurance> insurance;
  std::vector<ProposedEnd> ended;
  std::vector<ProposedPublicExpense> public_expense;
};
/// proposal() of a new patient: every row create_patient() wrote for `ptid` is new, and the
/// patient's own columns are added as "patient": {name, kananame, sex, birthday, home_post,
/// home_adrs}.
std::string new_patient_proposal(db::Connection& conn, int hospnum, long long ptid,
                                 const std::string& after_images, long long hknid);

/// Reads a proposal() text.
Proposal read_proposal(db::Connection& conn, const std::string& proposal);

/// One place where the host's saved rows are not what the pre-fill proposed.
struct Difference {
  std::string table;  ///< tbl_pthkninf, tbl_ptkohinf, tbl_hkncombi
  std::string key;    ///< hknid or kohid of the row
  std::string field;  ///< the column (hknid / kohid: the row itself is missing or another)
  std::string proposed, saved;
};

/// Compares the patient's rows with `proposal`: for a new patient its tbl_ptinf columns; the
/// insurance row `saved_hknid` (0: none saved)
/// and the public-expense rows `saved_kohids` (in the proposal's order), the ended insurances,
/// and that each saved insurance and public expense has a combination. @return the differences
/// as a JSON array (text) of {table, key, field, proposed, saved}; "[]" when none
std::string saved_differences(db::Connection& conn, int hospnum, long long ptid,
                              const std::string& proposal, long long saved_hknid,
                              const std::vector<long long>& saved_kohids);

/// Reads a saved_differences() text.
std::vector<Difference> read_differences(db::Connection& conn, const std::string& differences);

}  // namespace onshi::host
