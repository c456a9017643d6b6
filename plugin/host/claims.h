// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The host's insurance rows (tbl_pthkninf) as a claim month sees them: which of a patient's
/// insurances was valid in the month a claim transfer result names (exchange/claim_transfers.h).
/// Reads only; deleted rows (sakjokbn '1') never count.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::host {

/// True when the patient's insurance row `hknid` is not deleted and valid on at least one day of
/// `month` (YYYYMM): valid from (tekstymd) on or before the month's last day, valid to (tekedymd)
/// blank or on or after its first day.
bool insurance_valid_in_month(db::Connection& conn, int hospnum, long long ptid, long long hknid,
                              const std::string& month);

/// The patient's insurance row with this card (insurer, symbol "" = none, number; compared as
/// card keys) valid in `month`, the newest (highest hknid) when several; nullopt when none.
std::optional<int> insurance_in_month_by_card(db::Connection& conn, int hospnum, long long ptid,
                                              const std::string& month, const std::string& insurer,
                                              const std::string& symbol, const std::string& number);

}  // namespace onshi::host
