// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Writing rows into ORCA's tables the way ORCA's middleware writes them (spec/orca52-host.md
/// section 0.2): every column named, a blank field as '' (a char(n) column pads it to spaces),
/// counters 0, never NULL. Shared by the patient registration and the insurance apply.

#include <string>
#include <utility>
#include <vector>

#include "db/connection.h"

namespace onshi::host {

/// At most `n` characters (the host's varchar(n) counts characters).
std::string fit(const std::string& s, std::size_t n);

/// The digits of `s`.
std::string digits_only(const std::string& s);

/// Eight digits (YYYYMMDD shape).
bool is_date(const std::string& s);

/// One INSERT naming every column: `values` are parameters (cast to the column by assignment),
/// `blank` columns get '', `zero` columns 0.
void insert_row(db::Connection& conn, const char* table,
                const std::vector<std::pair<const char*, db::Param>>& values,
                const std::vector<const char*>& blank, const std::vector<const char*>& zero);

/// The insurance combination's (tbl_hkncombi) columns beyond the ones a main-insurance-only
/// combination sets (spec/orca52-host.md 1.7): blank ones and zero ones.
void combination_columns(std::vector<const char*>& blank, std::vector<const char*>& zero);

/// Inserts the combination `hkncombinum` of the main insurance `hknid` alone (no public
/// expense), valid `from`..`to`, as the patient registration and the insurance apply write it.
void insert_main_combination(db::Connection& conn, int hospnum, long long ptid, int hkncombinum,
                             long long hknid, const std::string& hknnum, const std::string& family,
                             const std::string& hojokbn, const std::string& from,
                             const std::string& to, const std::string& today,
                             const std::string& time, const std::string& opid);

/// The same with one public expense (koh1): kohid, its kind (kohnum) and payment class.
void insert_combination(db::Connection& conn, int hospnum, long long ptid, int hkncombinum,
                        long long hknid, const std::string& hknnum, const std::string& family,
                        const std::string& hojokbn, long long kohid, const std::string& kohnum,
                        const std::string& paykbn, const std::string& from, const std::string& to,
                        const std::string& today, const std::string& time, const std::string& opid);

/// One insurance combination (tbl_hkncombi) as ORCA's combination builder (ORCGP02W2) writes
/// it: the main insurance (hknid 0 and blank kind for a public expense alone, e.g. 生活保護単独)
/// and at most one public expense (koh1) with its master's short name and kind class.
struct NewCombination {
  int hkncombinum = 0;
  long long hknid = 0;
  std::string hknnum, family, hojokbn;
  long long kohid = 0;  ///< 0 = no public expense
  std::string kohnum, paykbn;
  std::string koh_name;  ///< koh1_tanseidoname (tbl_hknnum.tanseidoname)
  std::string koh_kind;  ///< koh1_hknkohsbtkbn (tbl_hknnum.hknkohsbtkbn)
  std::string from, to;  ///< YYYYMMDD
};
void insert_combination(db::Connection& conn, int hospnum, long long ptid, const NewCombination& c,
                        const std::string& today, const std::string& time, const std::string& opid);

/// Inserts a public-expense row (tbl_ptkohinf) `kohid` as the registration writes it: kind,
/// payment class, payer (ftnjanum) and recipient (jkysnum) as given, valid `from`..`to`; the
/// confirmation date, deletion and end-check flags blank.
void insert_public_expense(db::Connection& conn, int hospnum, long long ptid, long long kohid,
                           const std::string& kohnum, const std::string& paykbn,
                           const std::string& payer, const std::string& recipient,
                           const std::string& from, const std::string& to, const std::string& today,
                           const std::string& time, const std::string& opid);

/// Late-elderly insurance kinds (039, 040): no branch number is kept for them.
bool late_elderly_kind(const std::string& hknnum);

/// A new main insurance as the registration writes it; values as returned or typed (converted
/// to ORCA's storage by insert_insurance()).
struct NewInsurance {
  long long hknid = 1;
  int hkncombinum = 1;
  std::string hknnum, insurer, hojokbn;
  std::string family;  ///< "2" dependent, anything else the insured person
  std::string insured_name, symbol, number, branch, acquired;
  std::string from, to;  ///< YYYYMMDD validity
};

/// Inserts the tbl_pthkninf row of `ins`, confirmed `today` (full-width symbol, number and
/// insured name; no branch number for late-elderly kinds), and its main-insurance-only
/// combination. @return the stored insured person's name (for representability checks)
std::string insert_insurance(db::Connection& conn, int hospnum, long long ptid,
                             const NewInsurance& ins, const std::string& today,
                             const std::string& time, const std::string& opid);

}  // namespace onshi::host
