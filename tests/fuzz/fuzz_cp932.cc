// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// libFuzzer target: arbitrary bytes -> cp932_to_utf8. Expected outcomes: RefusedError (kind
// encoding) or valid UTF-8. Properties on success:
//   * the output is well-formed UTF-8 (find_invalid_utf8 == npos);
//   * utf8_to_cp932 of it succeeds or throws EncodeError (nothing else);
//   * when it succeeds, decoding those bytes gives the same text again (CP932 has duplicate
//     codes, e.g. NEC- and IBM-selected kanji, so the bytes may differ but the text may not).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/error.h"
#include "text/encoding.h"

namespace {

[[noreturn]] void finding(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "fuzz_cp932: FINDING: %s: %s\ninput (hex):", what, detail.c_str());
  for (unsigned char c : input.substr(0, 256)) std::fprintf(stderr, " %02X", c);
  std::fprintf(stderr, "\n");
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string utf8;
  try {
    utf8 = onshi::text::cp932_to_utf8(bytes, "fuzz");
  } catch (const onshi::RefusedError& e) {
    if (e.kind() != onshi::RefusalKind::encoding)
      finding("refusal of the wrong kind", bytes, onshi::refusal_kind_name(e.kind()));
    if (e.offset() != onshi::RefusedError::npos && e.offset() > size)
      finding("refusal offset beyond the input", bytes, std::to_string(e.offset()));
    return 0;
  }
  if (std::size_t bad = onshi::text::find_invalid_utf8(utf8); bad != std::string::npos)
    finding("cp932_to_utf8 produced invalid UTF-8", bytes, "at byte " + std::to_string(bad));

  std::string back;
  try {
    back = onshi::text::utf8_to_cp932(utf8);
  } catch (const onshi::EncodeError&) {
    return 0;  // a decodable character without an encoding (one-way mapping): allowed
  }
  std::string again;
  try {
    again = onshi::text::cp932_to_utf8(back, "fuzz re-encoded");
  } catch (const onshi::RefusedError& e) {
    finding("utf8_to_cp932 produced bytes the decoder refuses", bytes, e.what());
  }
  if (again != utf8) finding("decode(encode(decode(x))) != decode(x)", bytes, again);
  return 0;
}
