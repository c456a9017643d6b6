// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Byte-level decoding of exchange files (doc/decisions.md 2): XML declaration, UTF-8 BOM, strict
/// UTF-8 validation and CP932 (Windows-31J) through ICU. Errors name the input and the byte offset.

#include <string>
#include <string_view>

#include "model/encoding.h"

namespace onshi::text {

/// What the XML declaration says, if there is one.
struct Declaration {
  bool present = false;
  std::string encoding;  ///< as written ("" when the declaration names none)
};

/// Reads the `<?xml ...?>` declaration at the start of `bytes` (after any BOM was removed).
Declaration read_declaration(std::string_view bytes);

/// Maps an encoding label to our encodings: UTF-8 or Shift_JIS family (treated as CP932).
/// @return false for anything else (UTF-16, EUC-JP, ISO-2022-JP, ...)
bool encoding_from_label(std::string_view label, model::Encoding& out);

/// Result of decoding a file's bytes.
struct Decoded {
  model::Encoding encoding = model::Encoding::utf8;
  bool had_bom = false;
  std::string converted;  ///< CP932 input converted to UTF-8 (empty for UTF-8 input)

  /// The whole document as UTF-8 without BOM. `bytes` must be the input that was decoded:
  /// valid UTF-8 input is not copied.
  std::string_view text(std::string_view bytes) const {
    return encoding == model::Encoding::utf8 ? bytes.substr(had_bom ? 3 : 0)
                                             : std::string_view(converted);
  }
};

/// Decodes an XML file. UTF-8 input is validated in place; CP932 is converted through ICU. Refuses
/// UTF-16/UTF-32 bytes (with or without a byte-order mark, whatever the declaration says), a NUL
/// byte anywhere (malformed, "NUL byte at offset N"), unknown encodings, a BOM that contradicts
/// the declaration, and undecodable bytes (RefusedError naming `label` and offset).
Decoded decode_xml_bytes(std::string_view bytes, std::string_view label);

/// decode_xml_bytes() without the whole converted copy: the same checks and refusals (CP932
/// input is converted and the result thrown away, chunk by chunk), `converted` stays empty. The
/// text is then read with Cp932Reader (CP932) or from the bytes (UTF-8, after `had_bom`).
Decoded check_xml_bytes(std::string_view bytes, std::string_view label);

/// CP932 -> UTF-8 a piece at a time (at most 12 KiB of UTF-8 per piece), so that a large file
/// is never held converted as a whole. Uses the thread's converter: one reader at a time per
/// thread, and no other CP932 conversion on that thread while it is in use.
class Cp932Reader {
 public:
  Cp932Reader(std::string_view bytes, std::string_view label);
  Cp932Reader(const Cp932Reader&) = delete;
  Cp932Reader& operator=(const Cp932Reader&) = delete;

  /// The next piece of UTF-8 (valid until the next call), empty at the end.
  /// @throws RefusedError (encoding) with the offset of the first undecodable byte sequence
  std::string_view next();

 private:
  const char* src_;
  const char* const begin_;
  const char* const end_;
  std::string label_;
  bool done_ = false;
  std::string piece_;
};

/// Offset of the first byte that is not part of well-formed UTF-8 (shortest form, no surrogates,
/// <= U+10FFFF), or npos when all of `s` is valid.
std::size_t find_invalid_utf8(std::string_view s);

/// Converts CP932 bytes to UTF-8. @throws RefusedError (encoding) with the offset of the first
/// undecodable byte sequence.
std::string cp932_to_utf8(std::string_view bytes, std::string_view label);

/// Converts UTF-8 to CP932. @throws EncodeError naming the first character that CP932 cannot
/// represent (never substitutes).
std::string utf8_to_cp932(std::string_view utf8);

}  // namespace onshi::text
