// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// How ORCA classifies an insurance from its insurer number (保険番号 hknnum) and stores a copay
/// rate (補助区分 hojokbn), as its registration screen does for an online result
/// (spec/orca52-host.md section 1.3).

#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// hknnum for `insurer` (4, 6 or 8 digits, padding stripped): the facility's insurer master
/// (tbl_hknjainf, when the host has it), else 4 digits 001, 6 digits 060, 8 digits the insurance
/// kind of the law number (tbl_hknnum, main insurance with a payment class, valid on `today`; a
/// fixed table of the common law numbers when the master has none); card class 05 (被保険者資格
/// 証明書) turns 060/067/039 into 068/069/040. "" when the number has another length.
std::string insurance_kind(db::Connection& conn, int hospnum, const std::string& insurer,
                           const std::string& card_class, const std::string& today);

/// True for the national-insurance family whose rates are coded 1/2/3 (060, 067, 068, 069, 039,
/// 040).
bool national_family(const std::string& hknnum);

/// hojokbn for a copay rate as the terminal sends it ("010", "020", "030"; "" = none): 国保系
/// 1/2/3, other non-9xx insurance 9/8/7; "" when no rate or another value.
std::string copay_class(const std::string& hknnum, const std::string& rate);

/// The copay rate ("010", "020", "030") a copay class stands for (spec/orca52-host.md 1.3, the
/// hojokbn table): 国保系 1/2/3, 共済 and others 9/8/7 (共済's B/E/H and 船員's A-I with the rate
/// they carry); "" when the class carries no rate (blank, 国保 0, 9xx, 職務/下船 codes).
std::string copay_rate(const std::string& hknnum, const std::string& hojokbn);

}  // namespace onshi::host
