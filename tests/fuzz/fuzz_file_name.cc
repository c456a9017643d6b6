// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// libFuzzer target: arbitrary bytes -> the exchange's file-name rules (classify_file_name,
// request_file_name, result_file_name). The whole input is taken as a base name read from the
// untrusted share; in addition the first byte picks a request kind and the rest is used as an
// identifier for request_file_name. Properties:
//   * classify_file_name never accepts a name that is not plain (is_plain_name), that holds a
//     byte outside [0-9A-Za-z_.-], or that does not equal prefix + id + (".xml" | ".pdf");
//   * ".pdf" only for kinds that may be PDF; the id is 1-64 id characters (face: the fixed form);
//   * for an accepted request name, request_file_name(kind, id) gives the name back and
//     result_file_name gives a name that classifies as the answer kind with the same id;
//   * request_file_name either throws std::invalid_argument or returns a name that classifies
//     back to the same kind and id; nothing else may be thrown.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "exchange/share.h"
#include "model/kind.h"

namespace {

using onshi::model::MessageKind;

constexpr MessageKind kRequestKinds[] = {
    MessageKind::OQSsiquc01req, MessageKind::OQSsiimm01req, MessageKind::OQSmuquc01req,
    MessageKind::OQSmuquc02req, MessageKind::OQSmuimm01req, MessageKind::OQSmuimm02req,
    MessageKind::YZKsiquc01req, MessageKind::TKKsiquc01req, MessageKind::OQSsiquc01res,
    MessageKind::unknown,  // not request kinds: request_file_name must refuse them
};
constexpr std::size_t kRequestKindCount = sizeof kRequestKinds / sizeof kRequestKinds[0];

[[noreturn]] void finding(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "fuzz_file_name: FINDING: %s: %s\ninput (hex):", what, detail.c_str());
  for (unsigned char c : input.substr(0, 300)) std::fprintf(stderr, " %02X", c);
  std::fprintf(stderr, "\n");
  std::abort();
}

bool is_id_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '-';
}

/// A result id beginning with "face_" makes a name that the face prefix claims first
/// ("OQSsiquc01res_" + "face_..." == "OQSsiquc01res_face_..."): such ids never come from
/// make_request_id (yyyyMMdd + sequence), so the round trip is not required for them.
bool shadowed_by_face_prefix(MessageKind answer, std::string_view id) {
  return answer == MessageKind::OQSsiquc01res && id.substr(0, 5) == "face_";
}

void check_classified(std::string_view name) {
  const onshi::model::FileName f = onshi::model::classify_file_name(name);
  if (f.kind == MessageKind::unknown) {
    if (!f.id.empty() || f.pdf) finding("unknown kind with an id or pdf flag", name, f.id);
    return;
  }
  const onshi::model::KindInfo& info = onshi::model::kind_info(f.kind);
  if (!onshi::exchange::is_plain_name(name)) finding("accepted a name that is not plain", name, "");
  for (char c : name)
    if (!is_id_char(c) && c != '.') finding("accepted a name with a foreign byte", name, "");
  if (name.find("..") != std::string_view::npos) finding("accepted a name with ..", name, "");
  if (f.pdf && !info.may_be_pdf) finding("pdf for a kind that has no PDF", name, info.name);
  if (f.id.empty() || f.id.size() > 64) finding("id length out of range", name, f.id);
  for (char c : f.id)
    if (!is_id_char(c)) finding("id with a foreign byte", name, f.id);
  const std::string rebuilt = std::string(info.prefix) + f.id + (f.pdf ? ".pdf" : ".xml");
  if (rebuilt != name) finding("name != prefix + id + extension", name, rebuilt);
  if (onshi::model::base_name(name) != name) finding("base_name changed a plain name", name, "");

  if (!info.request) {
    try {
      (void)onshi::model::result_file_name(name);
      finding("result_file_name accepted a non-request name", name, "");
    } catch (const std::invalid_argument&) {
    }
    return;
  }
  std::string again;
  try {
    again = onshi::model::request_file_name(f.kind, f.id);
  } catch (const std::exception& e) {
    finding("request_file_name refused an accepted request name", name, e.what());
  }
  if (again != name) finding("request_file_name(classify(name)) != name", name, again);
  for (bool pdf : {false, true}) {
    const onshi::model::KindInfo& answer = onshi::model::kind_info(info.answer);
    std::string res;
    try {
      res = onshi::model::result_file_name(name, pdf);
    } catch (const std::invalid_argument& e) {
      if (pdf && !answer.may_be_pdf) continue;
      finding("result_file_name refused an accepted request name", name, e.what());
    }
    if (pdf && !answer.may_be_pdf) finding("result_file_name made a PDF name", name, res);
    if (shadowed_by_face_prefix(info.answer, f.id)) continue;
    const onshi::model::FileName r = onshi::model::classify_file_name(res);
    if (r.kind != info.answer || r.id != f.id || r.pdf != pdf)
      finding("result name does not classify as the answer", name, res);
  }
}

void check_request_name(MessageKind kind, std::string_view id, std::string_view input) {
  std::string name;
  try {
    name = onshi::model::request_file_name(kind, id);
  } catch (const std::invalid_argument&) {
    return;
  } catch (const std::exception& e) {
    finding("request_file_name threw something else", input, e.what());
  }
  if (!onshi::model::kind_info(kind).request)
    finding("request name for a non-request kind", input, name);
  const onshi::model::FileName f = onshi::model::classify_file_name(name);
  if (f.kind != kind || f.id != id || f.pdf)
    finding("request_file_name's output does not classify back", input, name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    check_classified(bytes);
    if (size > 0) {
      const MessageKind kind = kRequestKinds[data[0] % kRequestKindCount];
      check_request_name(kind, bytes.substr(1), bytes);
    }
  } catch (const std::exception& e) {
    finding("unexpected exception", bytes, e.what());
  }
  return 0;
}
