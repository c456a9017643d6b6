// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "common/error.h"
#include "text/utf8.h"

namespace onshi::text {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

/// A CP932 converter that stops at the first unmappable or illegal sequence.
Converter open_cp932() {
  UErrorCode status = U_ZERO_ERROR;
  // "windows-31j" is ICU's alias of ibm-943_P15A-2003, the Windows code page 932 table.
  Converter conv(ucnv_open("windows-31j", &status));
  if (U_FAILURE(status)) throw Error(std::string("ICU: cannot open CP932: ") + u_errorName(status));
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setFromUCallBack(conv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU: CP932 callbacks: ") + u_errorName(status));
  return conv;
}

/// Per-thread converter: opening one costs far more than a small file's conversion.
UConverter* thread_cp932() {
  thread_local Converter conv = open_cp932();
  return conv.get();
}

/// The thread's converter, reset for a new conversion.
UConverter* cp932() {
  UConverter* conv = thread_cp932();
  ucnv_reset(conv);
  return conv;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// A wide Unicode form recognised from a file's first bytes.
struct WideForm {
  const char* name = nullptr;  ///< nullptr: not a wide form
  std::size_t unit = 0;        ///< bytes per code unit
  bool big_endian = false;
  std::size_t bom = 0;  ///< length of the byte-order mark
};

/// UTF-16 or UTF-32 from a byte-order mark, or (XML 1.0 appendix F) from an ASCII character
/// written with zero bytes, as "<?xml" or "<XmlMsg" start in those forms.
WideForm wide_form(std::string_view b) {
  auto at = [&](std::size_t i) { return i < b.size() ? static_cast<unsigned char>(b[i]) : 0x100u; };
  auto ascii = [](unsigned c) { return c != 0 && c < 0x80; };
  if (at(0) == 0xFF && at(1) == 0xFE && at(2) == 0 && at(3) == 0) return {"UTF-32LE", 4, false, 4};
  if (at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF) return {"UTF-32BE", 4, true, 4};
  if (at(0) == 0xFF && at(1) == 0xFE) return {"UTF-16LE", 2, false, 2};
  if (at(0) == 0xFE && at(1) == 0xFF) return {"UTF-16BE", 2, true, 2};
  if (ascii(at(0)) && at(1) == 0 && at(2) == 0 && at(3) == 0) return {"UTF-32LE", 4, false, 0};
  if (at(0) == 0 && at(1) == 0 && at(2) == 0 && ascii(at(3))) return {"UTF-32BE", 4, true, 0};
  if (ascii(at(0)) && at(1) == 0) return {"UTF-16LE", 2, false, 0};
  if (at(0) == 0 && ascii(at(1))) return {"UTF-16BE", 2, true, 0};
  return {};
}

/// The leading ASCII characters of wide-form text (up to the first other character): enough to
/// read its XML declaration.
std::string wide_ascii_prefix(std::string_view b, const WideForm& form) {
  std::string out;
  for (std::size_t i = form.bom; i + form.unit <= b.size() && out.size() < 512; i += form.unit) {
    unsigned cp = 0;
    for (std::size_t k = 0; k < form.unit; ++k) {
      const auto byte =
          static_cast<unsigned char>(b[i + (form.big_endian ? k : form.unit - 1 - k)]);
      cp = (cp << 8) | byte;
    }
    if (cp == 0 || cp >= 0x80) break;
    out += static_cast<char>(cp);
  }
  return out;
}

}  // namespace

Declaration read_declaration(std::string_view s) {
  Declaration d;
  if (s.substr(0, 5) != "<?xml" || s.size() < 6 || !is_space(s[5])) return d;
  std::size_t end = s.find("?>");
  if (end == std::string_view::npos || end > 512) return d;
  d.present = true;
  std::string_view decl = s.substr(5, end - 5);
  std::size_t pos = decl.find("encoding");
  while (pos != std::string_view::npos) {
    std::size_t i = pos + 8;
    while (i < decl.size() && is_space(decl[i])) ++i;
    if (i < decl.size() && decl[i] == '=') {
      ++i;
      while (i < decl.size() && is_space(decl[i])) ++i;
      if (i < decl.size() && (decl[i] == '"' || decl[i] == '\'')) {
        char q = decl[i];
        std::size_t close = decl.find(q, i + 1);
        if (close != std::string_view::npos)
          d.encoding = std::string(decl.substr(i + 1, close - i - 1));
      }
      break;
    }
    pos = decl.find("encoding", pos + 8);
  }
  return d;
}

bool encoding_from_label(std::string_view label, model::Encoding& out) {
  static const char* const utf8[] = {"UTF-8", "UTF8"};
  static const char* const sjis[] = {"Shift_JIS",  "Shift-JIS", "SJIS",   "Windows-31J",
                                     "CP932",      "MS932",     "x-sjis", "MS_Kanji",
                                     "csShiftJIS", "x-ms-cp932"};
  for (const char* l : utf8)
    if (iequals(label, l)) {
      out = model::Encoding::utf8;
      return true;
    }
  for (const char* l : sjis)
    if (iequals(label, l)) {
      out = model::Encoding::cp932;
      return true;
    }
  return false;
}

std::size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t min;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

Cp932Reader::Cp932Reader(std::string_view bytes, std::string_view label)
    : src_(bytes.data()), begin_(bytes.data()), end_(bytes.data() + bytes.size()), label_(label) {
  ucnv_reset(cp932());
}

std::string_view Cp932Reader::next() {
  // One chunk of UTF-16 per call, then to UTF-8; the source offset is kept for errors.
  if (done_) return {};
  UConverter* conv = thread_cp932();  // not reset between pieces: it may hold output
  UChar buf[4096];
  UChar* target = buf;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_toUnicode(conv, &target, buf + 4096, &src_, end_, nullptr, /*flush=*/true, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
  } else if (U_FAILURE(status)) {
    char invalid[8];
    int8_t invalid_len = sizeof invalid;
    UErrorCode s2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv, invalid, &invalid_len, &s2);
    std::size_t offset = static_cast<std::size_t>(src_ - begin_);
    if (U_SUCCESS(s2) && static_cast<std::size_t>(invalid_len) <= offset) offset -= invalid_len;
    done_ = true;
    throw RefusedError(RefusalKind::encoding, label_, "bytes are not valid Shift_JIS (CP932)",
                       offset);
  } else {
    done_ = true;
  }
  // UTF-16 -> UTF-8 (surrogate pairs cannot come out of CP932, but are handled anyway).
  piece_.resize(4096 * 3);
  char* const u8 = piece_.data();
  char* w = u8;
  for (UChar* q = buf; q < target; ++q) {
    char32_t cp = *q;
    if (cp >= 0xD800 && cp <= 0xDBFF && q + 1 < target && q[1] >= 0xDC00 && q[1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (q[1] - 0xDC00);
      ++q;
    }
    w = encode_utf8(cp, w);
  }
  piece_.resize(static_cast<std::size_t>(w - u8));
  if (piece_.empty() && !done_) return next();  // nothing came out of this chunk yet
  return piece_;
}

std::string cp932_to_utf8(std::string_view bytes, std::string_view label) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  Cp932Reader reader(bytes, label);
  for (std::string_view piece = reader.next(); !piece.empty(); piece = reader.next())
    out.append(piece);
  return out;
}

std::string utf8_to_cp932(std::string_view utf8) {
  if (std::size_t bad = find_invalid_utf8(utf8); bad != std::string_view::npos)
    throw EncodeError("text is not valid UTF-8 at byte " + std::to_string(bad));
  UErrorCode status = U_ZERO_ERROR;
  std::vector<UChar> u16(utf8.size() + 1);
  int32_t u16_len = 0;
  u_strFromUTF8(u16.data(), static_cast<int32_t>(u16.size()), &u16_len, utf8.data(),
                static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw EncodeError(std::string("UTF-8 -> UTF-16: ") + u_errorName(status));
  UConverter* conv = cp932();
  std::string out(static_cast<std::size_t>(u16_len) * 2 + 16, '\0');
  char* target = out.data();
  const UChar* src = u16.data();
  const UChar* src_end = u16.data() + u16_len;
  ucnv_fromUnicode(conv, &target, out.data() + out.size(), &src, src_end, nullptr, true, &status);
  if (U_FAILURE(status)) {
    UChar bad[4];
    int8_t bad_len = 4;
    UErrorCode s2 = U_ZERO_ERROR;
    ucnv_getInvalidUChars(conv, bad, &bad_len, &s2);
    std::string ch;
    if (U_SUCCESS(s2) && bad_len > 0) {
      char32_t cp = bad[0];
      if (bad_len > 1 && cp >= 0xD800 && cp <= 0xDBFF)
        cp = 0x10000 + ((cp - 0xD800) << 10) + (bad[1] - 0xDC00);
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
      append_utf8(ch, cp);
      ch = "'" + ch + "' (" + hex + ")";
    }
    throw EncodeError("character " + ch + " cannot be written in Shift_JIS (CP932)");
  }
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

Decoded check_xml_bytes(std::string_view bytes, std::string_view label) {
  Decoded d;
  // UTF-16/UTF-32, with or without a byte-order mark: whatever the declaration says (it may
  // well say UTF-8), the bytes are not one of ours. Checked first, as its zero bytes would
  // otherwise be reported as NUL characters.
  if (const WideForm wide = wide_form(bytes); wide.name) {
    const Declaration decl = read_declaration(wide_ascii_prefix(bytes, wide));
    model::Encoding declared = model::Encoding::utf8;
    std::string detail;
    if (decl.present && !decl.encoding.empty() && encoding_from_label(decl.encoding, declared))
      detail = "the declared encoding does not match the bytes: the XML declaration says \"" +
               decl.encoding + "\" but the bytes are " + wide.name;
    else if (decl.present && !decl.encoding.empty())
      detail = std::string("the bytes are ") + wide.name + " (the XML declaration says \"" +
               decl.encoding + "\")";
    else
      detail = std::string("the bytes are ") + wide.name;
    throw RefusedError(RefusalKind::encoding, std::string(label),
                       detail + ": only UTF-8 and Shift_JIS are exchanged", 0);
  }
  // XML has no NUL character, in any encoding (a CP932 trail byte is never 0x00): a NUL anywhere,
  // after the root element too, refuses the file instead of ending it early.
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos)
    throw RefusedError(RefusalKind::malformed, std::string(label),
                       "NUL byte at offset " + std::to_string(nul), nul);
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    d.had_bom = true;
    body.remove_prefix(3);
  }
  Declaration decl = read_declaration(body);
  model::Encoding enc = model::Encoding::utf8;
  if (decl.present && !decl.encoding.empty() && !encoding_from_label(decl.encoding, enc))
    throw RefusedError(RefusalKind::encoding, std::string(label),
                       "unsupported encoding \"" + decl.encoding +
                           "\" in the XML declaration (UTF-8 or Shift_JIS expected)");
  if (d.had_bom && enc != model::Encoding::utf8)
    throw RefusedError(RefusalKind::inconsistent, std::string(label),
                       "UTF-8 byte-order mark but the declaration says " + decl.encoding, 0);
  d.encoding = enc;
  if (enc == model::Encoding::utf8) {
    std::size_t bad = find_invalid_utf8(body);
    if (bad != std::string_view::npos)
      throw RefusedError(RefusalKind::encoding, std::string(label),
                         "invalid UTF-8 byte sequence (file declared UTF-8)",
                         bad + (d.had_bom ? 3 : 0));
  } else {
    Cp932Reader reader(body, label);
    while (!reader.next().empty()) {
    }
  }
  return d;
}

Decoded decode_xml_bytes(std::string_view bytes, std::string_view label) {
  Decoded d = check_xml_bytes(bytes, label);
  if (d.encoding == model::Encoding::cp932) d.converted = cp932_to_utf8(bytes, label);
  return d;
}

}  // namespace onshi::text
