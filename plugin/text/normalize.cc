// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "text/normalize.h"

#include <stdexcept>

#include "text/utf8.h"

namespace onshi::text {
namespace {

// U+FF61..U+FF9F -> full-width equivalents.
constexpr char16_t kHalfToFull[] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
    0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB,
    0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
    0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
    0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
    0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C};
static_assert(sizeof(kHalfToFull) / sizeof(kHalfToFull[0]) == 0xFF9F - 0xFF61 + 1);

constexpr char32_t kVoicedMark = 0xFF9E, kSemiVoicedMark = 0xFF9F;

bool voiceable(char32_t c) {
  return (c >= 0x30AB && c <= 0x30C2 && (c % 2) == 1) || c == 0x30C4 || c == 0x30C6 ||
         c == 0x30C8 || (c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0);
}
bool semi_voiceable(char32_t c) {
  return c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0;
}

bool is_space(char32_t c) {
  return c == ' ' || c == 0x3000 || c == '\t';
}

/// Folds space runs; `sep` is the code point written for each run.
std::string fold(std::string_view s, char32_t sep) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) append_utf8(out, sep);
    pending = false;
    append_utf8(out, c);
  }
  return out;
}

}  // namespace

std::string halfwidth_kana_to_fullwidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (c < 0xFF61 || c > 0xFF9F) {
      append_utf8(out, c);
      continue;
    }
    char32_t full = kHalfToFull[c - 0xFF61];
    if (i < s.size()) {
      std::size_t j = i;
      char32_t mark = next_code_point(s, j);
      if (mark == kVoicedMark &&
          (voiceable(full) || full == 0x30A6 || full == 0x30EF || full == 0x30F2)) {
        full = full == 0x30A6   ? 0x30F4
               : full == 0x30EF ? 0x30F7
               : full == 0x30F2 ? 0x30FA
                                : full + 1;
        i = j;
      } else if (mark == kSemiVoicedMark && semi_voiceable(full)) {
        full += 2;
        i = j;
      }
    }
    append_utf8(out, full);
  }
  return out;
}

std::string kana_name_for_host(std::string_view s) {
  return fold(halfwidth_kana_to_fullwidth(s), 0x3000);
}

std::string fold_spaces(std::string_view s) {
  return fold(s, ' ');
}

std::string name_match_key(std::string_view s) {
  return fold(halfwidth_kana_to_fullwidth(s), ' ');
}

bool has_unrepresentable_mark(std::string_view s) {
  return s.find("\xE2\x97\x8F") != std::string_view::npos;  // U+25CF BLACK CIRCLE
}

std::string_view strip_insurer_padding(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

std::string pad_insurer_number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  for (char c : s)
    if (c < '0' || c > '9')
      throw std::invalid_argument("insurer number must be digits: \"" + std::string(s) + "\"");
  if (s.size() == 8) return std::string(s);
  if (s.size() == 6) return "  " + std::string(s);
  throw std::invalid_argument("insurer number must have 6 or 8 digits: \"" + std::string(s) + "\"");
}

std::string card_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (c == ' ' || c == 0x3000) continue;
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A) || c == 0xFF0D)
      c -= 0xFEE0;
    append_utf8(out, c);
  }
  return out;
}

std::string to_fullwidth(std::string_view s) {
  const std::string kana = halfwidth_kana_to_fullwidth(s);
  std::string out;
  out.reserve(kana.size() * 3);
  for (std::size_t i = 0; i < kana.size();) {
    char32_t c = next_code_point(kana, i);
    if (c == ' ')
      c = 0x3000;
    else if (c >= 0x21 && c <= 0x7E)
      c += 0xFEE0;
    append_utf8(out, c);
  }
  return out;
}

}  // namespace onshi::text
