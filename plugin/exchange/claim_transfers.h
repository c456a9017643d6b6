// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Claim transfer and split results (レセプト振替・分割結果; technical guide 001 2.2.3, table
/// 4.1.3-1): the review body re-routes a claim billed under an old qualification to the new one
/// (振替), splits it between the two (分割), or reports that it could not confirm a new
/// qualification (新資格確認不可). The clinic downloads the results from the online billing system
/// (not the OQS share); staff import the file here (onshi-admin claims import). Each result is
/// linked to a host patient (match::link_claim: the card billed, valid in the claim month, with
/// the birthdate; else kana name, birthdate and sex; ambiguous or unknown waits for staff) and
/// told what to change on the patient's insurance (claim_action). One transaction per file: a
/// refused file imports nothing and stays where it is.
///
/// The file is a CSV of records (Shift_JIS or UTF-8, detected) laid out in ONE table,
/// claim_layout(); tests/fixtures/claims/README.md gives each field's source (confirmed /
/// inferred / invented). A real layout is dropped in by changing that table.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "model/encoding.h"
#include "store/claim_transfers.h"

namespace onshi::db {
class Connection;
struct FacilitySettings;
}  // namespace onshi::db

namespace onshi::exchange {

/// How a field's text is checked and stored.
enum class ClaimFieldType {
  code,    ///< one of `allowed` ("1|2")
  digits,  ///< ASCII digits, min_len..max_len of them
  text,    ///< any text, at most max_len characters
  month,   ///< YYYYMM or the receipt form GYYMM (era 1 明治 .. 5 令和); stored YYYYMM
  date,    ///< YYYYMMDD or GYYMMDD; stored YYYYMMDD
};

/// When a field must not be empty.
enum class ClaimRequired {
  optional,
  always,
  transfer,  ///< when the result class is 1 振替 or 2 分割
  split,     ///< when the result class is 2 分割
};

/// One field of one record type: the whole layout is one table of these (claim_layout()).
struct ClaimField {
  const char* record;  ///< record type, the first column ("IR", "RE", ...)
  const char* name;    ///< our name (the column of onshi_claim_transfer where it is stored)
  const char* label;   ///< the Japanese name of the item, for messages
  int position;        ///< 1-based column (1 is the record type)
  ClaimFieldType type;
  ClaimRequired required;
  int min_len, max_len;  ///< digits: digit count; text: max characters
  const char* allowed;   ///< code: the values, "|"-separated
};

/// The layout of a transfer/split result file, record by record.
const std::vector<ClaimField>& claim_layout();

/// Files larger than this are refused before they are read.
constexpr std::size_t kMaxClaimFileBytes = 4u << 20;

/// A file refused: the text (translated) names the line and the field; `line` 0 = the whole file.
class ClaimFileError : public Error {
 public:
  ClaimFileError(int line, std::string record, std::string field, const std::string& message)
      : Error(message), line_(line), record_(std::move(record)), field_(std::move(field)) {}
  int line() const noexcept { return line_; }
  const std::string& record() const noexcept { return record_; }
  const std::string& field() const noexcept { return field_; }

 private:
  int line_;
  std::string record_, field_;
};

/// A file as parsed: the header and the results (not linked yet).
struct ParsedClaimFile {
  model::Encoding encoding = model::Encoding::utf8;
  std::string review_body;       ///< 1 支払基金, 2 国保連
  std::string institution_code;  ///< 10 digits: prefecture, point table, 7-digit code
  std::string institution_name;
  std::string billing_month;  ///< YYYYMM
  int header_line = 0;        ///< the line of the IR record
  std::vector<store::ClaimTransfer> results;
};

/// Decodes and parses a file's bytes. @throws ClaimFileError
ParsedClaimFile parse_claim_file(std::string_view bytes);

/// What importing one file did.
struct ClaimImport {
  bool duplicate = false;  ///< the same bytes were imported before (nothing done)
  store::ClaimTransferFile file;
  int linked = 0;  ///< results linked to a patient
  int todo = 0;    ///< results whose action is not "none"
};

/// Imports one file for `facility` as `userid` (one transaction). The header must name the
/// facility's institution code or its predecessor's (succession).
/// @throws ClaimFileError (refused: nothing stored), db::DbError
ClaimImport import_claim_file(db::Connection& conn, const db::FacilitySettings& facility,
                              const std::string& path, const std::string& userid);

/// Fills a linked result's host rows and action: the patient's insurance of the claim month with
/// the card billed (billed_hknid); the registered insurance with the new card (new_hknid);
/// action none / change / undecided, or link when not linked.
void decide_claim_action(db::Connection& conn, int hospnum, store::ClaimTransfer& t);

/// The screen message (common/message_ids.h, ONSHI-S-6050..6054) telling staff what to change.
struct ClaimActionMessage {
  const char* id;
  std::vector<std::string> args;
};
ClaimActionMessage claim_action(const store::ClaimTransfer& t);

/// "insurer / symbol / number / branch" of a card (empty parts left out).
std::string claim_card_text(const std::string& insurer, const std::optional<std::string>& symbol,
                            const std::string& number, const std::optional<std::string>& branch);

/// Why staff could not link a result.
enum class ClaimLinkRefusal { no_such_result, already_linked, no_such_patient, test_patient };
class ClaimLinkRefused : public Error {
 public:
  ClaimLinkRefused(ClaimLinkRefusal r, const std::string& message) : Error(message), reason_(r) {}
  ClaimLinkRefusal reason() const noexcept { return reason_; }

 private:
  ClaimLinkRefusal reason_;
};

/// Staff link a result that waits (candidates, no patient) to `ptid`, decide its action and
/// audit it (onshi_audit kind 'claim'), in one transaction. @throws ClaimLinkRefused
store::ClaimTransfer resolve_claim_transfer(db::Connection& conn, int hospnum,
                                            long long transfer_id, long long ptid,
                                            const std::string& userid);

}  // namespace onshi::exchange
