// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Message kinds (the API 識別ID file-name prefixes) and the file-naming rules of the exchange.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onshi::model {

/// Every message kind this project reads or writes.
enum class MessageKind {
  unknown,
  OQSsiquc01req,       ///< 資格確認 by insurance number: request
  OQSsiquc01res,       ///< ... result (res/)
  OQSsiquc01res_face,  ///< My Number card check-in result (face/)
  OQSsiimm01req,       ///< 照会番号 registration (single): request
  OQSsiimm01res,       ///< ... result
  OQSmuquc01req,       ///< 一括照会 upload request
  OQSmuquc01res,       ///< ... upload result (受付番号)
  OQSmuquc02req,       ///< ... download request
  OQSmuquc02res,       ///< ... final result (BulkConfirmUnit)
  OQSmuimm01req,       ///< 照会番号 bulk registration upload request
  OQSmuimm01res,       ///< ... upload result (受付番号)
  OQSmuimm02req,       ///< ... download request
  OQSmuimm02res,       ///< ... final result (BulkRegistrationUnit)
  YZKsiquc01req,       ///< 薬剤情報 request
  YZKsiquc01res,       ///< ... result (XML or PDF)
  TKKsiquc01req,       ///< 特定健診情報 request
  TKKsiquc01res,       ///< ... result (XML or PDF)
  OQSmutic01req,  ///< 委託先資格情報の一括取得 (医療扶助, by treatment month): upload request
  OQSmutic01res,  ///< ... upload result (受付番号)
  OQSmutic02req,  ///< ... download request
  OQSmutic02res,  ///< ... final result (BulkConfirmUnit per ticket holder)
  // 訪問診療等 / オンライン診療等 (tests/fixtures/homevisit/README.md: the facts and sources)
  OQSmuhvq01req,  ///< 同意済資格情報一括取得（訪問診療等） upload request (criteria)
  OQSmuhvq01res,  ///< ... upload result (受付番号)
  OQSmuhvq02req,  ///< ... download request
  OQSmuhvq02res,  ///< ... final result (BulkConfirmUnit)
  OQSmuonq01req,  ///< 同意済資格情報一括取得（オンライン診療等） upload request (criteria)
  OQSmuonq01res,  ///< ... upload result (受付番号)
  OQSmuonq02req,  ///< ... download request
  OQSmuonq02res,  ///< ... final result (BulkConfirmUnit)
  OQSsihvd01req,  ///< 閲覧同意取消（訪問診療等） request
  OQSsihvd01res,  ///< ... result
  OQSsihvq01req,  ///< 資格確認（訪問診療等） of one person by card (OQS-IF-025)
  OQSsihvq01res,  ///< ... result (OQS-IF-026)
  OQSsionq01req,  ///< 資格確認（オンライン診療等） of one person by card (OQS-IF-027)
  OQSsionq01res,  ///< ... result (OQS-IF-028)
};

/// Static facts about one kind.
struct KindInfo {
  MessageKind kind;
  const char* name;       ///< e.g. "OQSsiquc01res_face"
  const char* prefix;     ///< file-name prefix including the trailing '_'
  bool request;           ///< written by us into req/
  bool may_be_pdf;        ///< 薬剤/特定健診 results
  std::size_t max_bytes;  ///< refuse larger files before parsing
  MessageKind answer;     ///< for requests: the result kind; else unknown
};

/// Facts about `kind` (the `unknown` entry for unknown).
const KindInfo& kind_info(MessageKind kind);

/// Every kind of the exchange (not `unknown`): each request and result kind, once.
std::vector<MessageKind> all_kinds();

/// Name of a kind, e.g. "OQSmuquc02res".
inline const char* kind_name(MessageKind kind) {
  return kind_info(kind).name;
}

/// Kind from a name as printed by kind_name(); unknown if none matches.
MessageKind kind_from_name(std::string_view name);

/// Default size limits (doc/decisions.md 11).
constexpr std::size_t kDefaultMaxBytes = 16u << 20;
constexpr std::size_t kBulkMaxBytes = 64u << 20;
constexpr std::size_t kMaxResultsPerSingle = 50;

/// Result of checking a file name against the exchange's naming rules.
struct FileName {
  MessageKind kind = MessageKind::unknown;
  std::string id;    ///< identifier part after the prefix (without extension)
  bool pdf = false;  ///< extension .pdf
};

/// Classifies a base file name (no directory part). Returns kind unknown when the name does not
/// follow the rules: known prefix, identifier of [0-9A-Za-z_-] (1-64 chars; for face files
/// 10-digit institution code + 20 hex + '_' + 14-digit timestamp), extension .xml (or .pdf for
/// 薬剤/特定健診 results).
FileName classify_file_name(std::string_view base_name);

/// Base name of a path ("a/b/c.xml" -> "c.xml").
std::string_view base_name(std::string_view path);

/// Request identifier per doc/decisions.md 4: yyyyMMdd + 4-digit daily sequence (1..9999).
/// @throws std::invalid_argument on a malformed date or an out-of-range sequence
std::string make_request_id(std::string_view yyyymmdd, unsigned sequence);

/// `<prefix>req_<id>.xml` for a request kind. @throws std::invalid_argument on a bad id/kind
std::string request_file_name(MessageKind request_kind, std::string_view id);

/// The result file name a request is answered with (`req_` -> `res_`, `.pdf` for PDF results).
/// @throws std::invalid_argument when `request_name` is not a request file name
std::string result_file_name(std::string_view request_name, bool pdf = false);

/// The request file a result answers, the inverse of result_file_name() (`res_` -> `req_`,
/// `.pdf` -> `.xml`); nullopt for a name that answers no request kind (a card check-in, a
/// request, a name of no kind).
std::optional<std::string> request_file_name_for(std::string_view result_name);

}  // namespace onshi::model
