// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "model/kind.h"

#include <array>
#include <stdexcept>

namespace onshi::model {
namespace {

using K = MessageKind;
constexpr std::size_t S = kDefaultMaxBytes;
constexpr std::size_t B = kBulkMaxBytes;

// Order matters for prefix matching: "OQSsiquc01res_face_" before "OQSsiquc01res_".
const std::array<KindInfo, 36> kKinds{{
    {K::unknown, "unknown", "", false, false, S, K::unknown},
    {K::OQSsiquc01res_face, "OQSsiquc01res_face", "OQSsiquc01res_face_", false, false, S,
     K::unknown},
    {K::OQSsiquc01req, "OQSsiquc01req", "OQSsiquc01req_", true, false, S, K::OQSsiquc01res},
    {K::OQSsiquc01res, "OQSsiquc01res", "OQSsiquc01res_", false, false, S, K::unknown},
    {K::OQSsiimm01req, "OQSsiimm01req", "OQSsiimm01req_", true, false, S, K::OQSsiimm01res},
    {K::OQSsiimm01res, "OQSsiimm01res", "OQSsiimm01res_", false, false, S, K::unknown},
    {K::OQSmuquc01req, "OQSmuquc01req", "OQSmuquc01req_", true, false, B, K::OQSmuquc01res},
    {K::OQSmuquc01res, "OQSmuquc01res", "OQSmuquc01res_", false, false, S, K::unknown},
    {K::OQSmuquc02req, "OQSmuquc02req", "OQSmuquc02req_", true, false, S, K::OQSmuquc02res},
    {K::OQSmuquc02res, "OQSmuquc02res", "OQSmuquc02res_", false, false, B, K::unknown},
    {K::OQSmuimm01req, "OQSmuimm01req", "OQSmuimm01req_", true, false, B, K::OQSmuimm01res},
    {K::OQSmuimm01res, "OQSmuimm01res", "OQSmuimm01res_", false, false, S, K::unknown},
    {K::OQSmuimm02req, "OQSmuimm02req", "OQSmuimm02req_", true, false, S, K::OQSmuimm02res},
    {K::OQSmuimm02res, "OQSmuimm02res", "OQSmuimm02res_", false, false, B, K::unknown},
    {K::YZKsiquc01req, "YZKsiquc01req", "YZKsiquc01req_", true, false, S, K::YZKsiquc01res},
    {K::YZKsiquc01res, "YZKsiquc01res", "YZKsiquc01res_", false, true, S, K::unknown},
    {K::TKKsiquc01req, "TKKsiquc01req", "TKKsiquc01req_", true, false, S, K::TKKsiquc01res},
    {K::TKKsiquc01res, "TKKsiquc01res", "TKKsiquc01res_", false, true, S, K::unknown},
    {K::OQSmutic01req, "OQSmutic01req", "OQSmutic01req_", true, false, S, K::OQSmutic01res},
    {K::OQSmutic01res, "OQSmutic01res", "OQSmutic01res_", false, false, S, K::unknown},
    {K::OQSmutic02req, "OQSmutic02req", "OQSmutic02req_", true, false, S, K::OQSmutic02res},
    {K::OQSmutic02res, "OQSmutic02res", "OQSmutic02res_", false, false, B, K::unknown},
    {K::OQSmuhvq01req, "OQSmuhvq01req", "OQSmuhvq01req_", true, false, S, K::OQSmuhvq01res},
    {K::OQSmuhvq01res, "OQSmuhvq01res", "OQSmuhvq01res_", false, false, S, K::unknown},
    {K::OQSmuhvq02req, "OQSmuhvq02req", "OQSmuhvq02req_", true, false, S, K::OQSmuhvq02res},
    {K::OQSmuhvq02res, "OQSmuhvq02res", "OQSmuhvq02res_", false, false, B, K::unknown},
    {K::OQSmuonq01req, "OQSmuonq01req", "OQSmuonq01req_", true, false, S, K::OQSmuonq01res},
    {K::OQSmuonq01res, "OQSmuonq01res", "OQSmuonq01res_", false, false, S, K::unknown},
    {K::OQSmuonq02req, "OQSmuonq02req", "OQSmuonq02req_", true, false, S, K::OQSmuonq02res},
    {K::OQSmuonq02res, "OQSmuonq02res", "OQSmuonq02res_", false, false, B, K::unknown},
    {K::OQSsihvd01req, "OQSsihvd01req", "OQSsihvd01req_", true, false, S, K::OQSsihvd01res},
    {K::OQSsihvd01res, "OQSsihvd01res", "OQSsihvd01res_", false, false, S, K::unknown},
    {K::OQSsihvq01req, "OQSsihvq01req", "OQSsihvq01req_", true, false, S, K::OQSsihvq01res},
    {K::OQSsihvq01res, "OQSsihvq01res", "OQSsihvq01res_", false, false, S, K::unknown},
    {K::OQSsionq01req, "OQSsionq01req", "OQSsionq01req_", true, false, S, K::OQSsionq01res},
    {K::OQSsionq01res, "OQSsionq01res", "OQSsionq01res_", false, false, S, K::unknown},
}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_id_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}
bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

const KindInfo& kind_info(MessageKind kind) {
  for (const KindInfo& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds[0];
}

std::vector<MessageKind> all_kinds() {
  std::vector<MessageKind> out;
  for (const KindInfo& k : kKinds)
    if (k.kind != K::unknown) out.push_back(k.kind);
  return out;
}

MessageKind kind_from_name(std::string_view name) {
  for (const KindInfo& k : kKinds)
    if (k.kind != K::unknown && name == k.name) return k.kind;
  return K::unknown;
}

std::string_view base_name(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

FileName classify_file_name(std::string_view name) {
  FileName out;
  const KindInfo* info = nullptr;
  for (const KindInfo& k : kKinds) {
    if (k.kind == K::unknown) continue;
    std::string_view prefix(k.prefix);
    if (name.substr(0, prefix.size()) == prefix) {
      info = &k;
      break;
    }
  }
  if (!info) return out;
  std::string_view rest = name.substr(std::string_view(info->prefix).size());
  bool pdf = false;
  if (ends_with(rest, ".xml")) {
    rest.remove_suffix(4);
  } else if (info->may_be_pdf && ends_with(rest, ".pdf")) {
    rest.remove_suffix(4);
    pdf = true;
  } else {
    return out;
  }
  if (info->kind == K::OQSsiquc01res_face) {
    // <10-digit institution code><20 hex>_<yyyyMMddHHmmss>
    if (rest.size() != 10 + 20 + 1 + 14 || !all_of(rest.substr(0, 10), is_digit) ||
        !all_of(rest.substr(10, 20), is_hex) || rest[30] != '_' ||
        !all_of(rest.substr(31), is_digit))
      return out;
  } else if (rest.empty() || rest.size() > 64 || !all_of(rest, is_id_char)) {
    return out;
  }
  out.kind = info->kind;
  out.id = std::string(rest);
  out.pdf = pdf;
  return out;
}

std::string make_request_id(std::string_view yyyymmdd, unsigned sequence) {
  if (yyyymmdd.size() != 8 || !all_of(yyyymmdd, is_digit))
    throw std::invalid_argument("request id: date must be YYYYMMDD");
  if (sequence < 1 || sequence > 9999)
    throw std::invalid_argument("request id: daily sequence must be 1..9999");
  std::string seq = std::to_string(sequence);
  return std::string(yyyymmdd) + std::string(4 - seq.size(), '0') + seq;
}

std::string request_file_name(MessageKind kind, std::string_view id) {
  const KindInfo& info = kind_info(kind);
  if (!info.request) throw std::invalid_argument("request file name: not a request kind");
  if (id.empty() || id.size() > 64 || !all_of(id, is_id_char))
    throw std::invalid_argument("request file name: identifier must be 1-64 of [0-9A-Za-z_-]");
  return std::string(info.prefix) + std::string(id) + ".xml";
}

std::string result_file_name(std::string_view request_name, bool pdf) {
  FileName f = classify_file_name(request_name);
  const KindInfo& info = kind_info(f.kind);
  if (!info.request) throw std::invalid_argument("result file name: not a request file name");
  const KindInfo& answer = kind_info(info.answer);
  if (pdf && !answer.may_be_pdf)
    throw std::invalid_argument("result file name: this kind has no PDF result");
  return std::string(answer.prefix) + f.id + (pdf ? ".pdf" : ".xml");
}

std::optional<std::string> request_file_name_for(std::string_view result_name) {
  const FileName f = classify_file_name(result_name);
  if (f.kind == MessageKind::unknown) return std::nullopt;
  for (const KindInfo& info : kKinds)
    if (info.request && info.answer == f.kind) return std::string(info.prefix) + f.id + ".xml";
  return std::nullopt;
}

}  // namespace onshi::model
