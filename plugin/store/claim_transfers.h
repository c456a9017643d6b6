// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Our tables of claim transfer and split results (sql/0019_claim_transfers.sql): one row per
/// imported file (onshi_claim_transfer_file, unique per facility and SHA-256) and one per result
/// (onshi_claim_transfer) with its link and the action staff must take. The import itself (parse,
/// link, decide) is exchange/claim_transfers.h.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// One imported file.
struct ClaimTransferFile {
  long long file_id = 0;
  int hospnum = 0;
  std::string sha256, file_name, encoding, institution_code, billing_month, review_body;
  long long file_size = 0;
  int results = 0;
  std::string imported_by, imported_at;
};

/// One result (one claim) as stored.
struct ClaimTransfer {
  long long transfer_id = 0, file_id = 0;
  int line = 0;
  std::string billing_month, claim_month, receipt_number;
  std::optional<std::string> receipt_kind, chart_number, kana;
  std::string name, birthdate, sex;
  std::string old_insurer, old_number;
  std::optional<std::string> old_symbol, old_branch;
  std::optional<long long> points;
  std::string result_class;  ///< transferred | split | unconfirmed
  std::optional<std::string> new_insurer, new_symbol, new_number, new_branch;
  std::optional<std::string> new_acquired, old_lost, split_date;  ///< YYYYMMDD
  std::optional<long long> new_points;
  std::string link_state;                ///< linked | candidates | no_patient
  std::optional<std::string> linked_by;  ///< insurance | name_birthdate | staff
  std::optional<long long> ptid;
  std::vector<long long> candidates;
  std::optional<long long> billed_hknid, new_hknid;
  std::string action;  ///< none | change | undecided | link
  std::optional<std::string> resolved_by, resolved_at;
};

/// The file this facility imported with these bytes, if any.
std::optional<ClaimTransferFile> find_claim_file(db::Connection& conn, int hospnum,
                                                 const std::string& sha256);

/// Inserts the file row; returns its id (the caller's transaction).
long long insert_claim_file(db::Connection& conn, const ClaimTransferFile& f);

/// Inserts one result of file `t.file_id`; returns its id.
long long insert_claim_transfer(db::Connection& conn, int hospnum, const ClaimTransfer& t);

/// The facility's results of claim month `month` (YYYYMM; nullopt = all), oldest first; `todo`:
/// only those whose action is not "none".
std::vector<ClaimTransfer> list_claim_transfers(db::Connection& conn, int hospnum,
                                                const std::optional<std::string>& month, bool todo);

/// One result; `lock` takes it FOR UPDATE (staff link). nullopt when the facility has none.
std::optional<ClaimTransfer> find_claim_transfer(db::Connection& conn, int hospnum,
                                                 long long transfer_id, bool lock = false);

/// Links a result to `ptid` by staff (linked_by 'staff', resolved_by/at) with the action and the
/// host rows decided for that patient.
void link_claim_transfer(db::Connection& conn, int hospnum, long long transfer_id, long long ptid,
                         std::optional<long long> billed_hknid, std::optional<long long> new_hknid,
                         const std::string& action, const std::string& userid);

}  // namespace onshi::store
