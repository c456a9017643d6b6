// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// libFuzzer target: exchange-file bytes -> read_document. The first input byte picks the message
// kind (byte % 17 -> every kind, so every body shape and the PDF path are reached); the rest is
// the file. Refusals (onshi::Error and its RefusedError) are the expected outcome for most input.
// Anything else is a finding: a crash or sanitizer report, another exception type, a timeout.
//
// Property checked on every accepted document: the writer reproduces it, and the written file is
// read back and written again to the same bytes (canonical form is a fixed point).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/error.h"
#include "model/kind.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace {

using onshi::model::MessageKind;

constexpr MessageKind kKinds[] = {
    MessageKind::OQSsiquc01req, MessageKind::OQSsiquc01res, MessageKind::OQSsiquc01res_face,
    MessageKind::OQSsiimm01req, MessageKind::OQSsiimm01res, MessageKind::OQSmuquc01req,
    MessageKind::OQSmuquc01res, MessageKind::OQSmuquc02req, MessageKind::OQSmuquc02res,
    MessageKind::OQSmuimm01req, MessageKind::OQSmuimm01res, MessageKind::OQSmuimm02req,
    MessageKind::OQSmuimm02res, MessageKind::YZKsiquc01req, MessageKind::YZKsiquc01res,
    MessageKind::TKKsiquc01req, MessageKind::TKKsiquc01res,
};
constexpr std::size_t kKindCount = sizeof kKinds / sizeof kKinds[0];
static_assert(kKindCount == 17, "run-fuzzers.sh maps file-name prefixes to these indexes");

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_xml_reader: FINDING: %s: %s\n", what, detail.c_str());
  std::abort();
}

/// Accepted document -> bytes -> document -> the same bytes.
void check_round_trip(const onshi::model::Document& doc, MessageKind kind) {
  std::string first;
  try {
    first = onshi::xml::write_document(doc, doc.encoding);
  } catch (const onshi::EncodeError& e) {
    // A Shift_JIS file may hold a character reference (&#x1F600;) that CP932 cannot write back.
    if (doc.encoding == onshi::model::Encoding::cp932) return;
    finding("write_document refused an accepted UTF-8 document", e.what());
  } catch (const std::exception& e) {
    finding("write_document threw on an accepted document", e.what());
  }
  if (doc.is_pdf) return;
  try {
    onshi::model::Document again = onshi::xml::read_document(first, kind, "round-trip");
    std::string second = onshi::xml::write_document(again, again.encoding);
    if (second != first) finding("write(read(write(doc))) differs from write(doc)", first);
  } catch (const std::exception& e) {
    finding("the writer's output is refused by the reader", std::string(e.what()) + "\n" + first);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const MessageKind kind = kKinds[data[0] % kKindCount];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  onshi::model::Document doc;
  try {
    doc = onshi::xml::read_document(bytes, kind, "fuzz");
  } catch (const onshi::Error&) {
    return 0;  // RefusedError (and the other library errors): an expected refusal
  }
  check_round_trip(doc, kind);
  return 0;
}
