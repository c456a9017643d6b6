// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "text/host_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

#include <vector>

#include "common/error.h"

namespace onshi::text {
namespace {

bool ascii_only(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

/// ICU's name for a PostgreSQL server encoding we convert ourselves; nullptr for the others.
const char* icu_name(const std::string& pg) {
  if (pg == "EUC_JP") return "EUC-JP";
  return nullptr;
}

/// Counts every unmappable or illegal input character, then substitutes it.
void count_and_substitute(const void* context, UConverterFromUnicodeArgs* args, const UChar* units,
                          int32_t length, UChar32 cp, UConverterCallbackReason reason,
                          UErrorCode* err) {
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR)
    ++*static_cast<std::size_t*>(const_cast<void*>(context));
  UCNV_FROM_U_CALLBACK_SUBSTITUTE(nullptr, args, units, length, cp, reason, err);
}

}  // namespace

struct HostCodec::Converter {
  UConverter* cnv = nullptr;
  std::size_t substitutions = 0;
  ~Converter() {
    if (cnv) ucnv_close(cnv);
  }
};

HostCodec::HostCodec(const std::string& pg_encoding) {
  const char* name = icu_name(pg_encoding);
  if (!name) return;
  auto c = std::make_unique<Converter>();
  UErrorCode st = U_ZERO_ERROR;
  c->cnv = ucnv_open(name, &st);
  if (U_FAILURE(st)) throw Error(std::string("ICU: cannot open ") + name + ": " + u_errorName(st));
  const UChar geta[] = {0x3013};
  ucnv_setSubstString(c->cnv, geta, 1, &st);
  ucnv_setFromUCallBack(c->cnv, count_and_substitute, &c->substitutions, nullptr, nullptr, &st);
  ucnv_setToUCallBack(c->cnv, UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &st);
  if (U_FAILURE(st)) throw Error(std::string("ICU: ") + name + " setup: " + u_errorName(st));
  conv_ = std::move(c);
  client_encoding_ = pg_encoding;
}

HostCodec::~HostCodec() = default;

std::string HostCodec::to_host(std::string_view utf8, std::size_t* substituted) {
  if (!conv_ || ascii_only(utf8)) return std::string(utf8);
  // UTF-8 -> UTF-16 (invalid sequences become U+FFFD, which the host cannot hold: substituted).
  std::vector<UChar> u16(utf8.size() + 1);
  int32_t n16 = 0;
  UErrorCode st = U_ZERO_ERROR;
  u_strFromUTF8WithSub(u16.data(), static_cast<int32_t>(u16.size()), &n16, utf8.data(),
                       static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &st);
  if (U_FAILURE(st)) throw Error(std::string("ICU: UTF-8 input: ") + u_errorName(st));
  ucnv_resetFromUnicode(conv_->cnv);
  conv_->substitutions = 0;
  std::string out(static_cast<std::size_t>(n16) * 3 + 4, '\0');
  st = U_ZERO_ERROR;
  int32_t len = ucnv_fromUChars(conv_->cnv, out.data(), static_cast<int32_t>(out.size()),
                                u16.data(), n16, &st);
  if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING)
    throw Error(std::string("ICU: conversion to the host encoding: ") + u_errorName(st));
  out.resize(static_cast<std::size_t>(len));
  if (substituted) *substituted += conv_->substitutions;
  return out;
}

std::string HostCodec::from_host(std::string_view bytes) {
  if (!conv_ || ascii_only(bytes)) return std::string(bytes);
  ucnv_resetToUnicode(conv_->cnv);
  std::vector<UChar> u16(bytes.size() + 1);
  UErrorCode st = U_ZERO_ERROR;
  int32_t n16 = ucnv_toUChars(conv_->cnv, u16.data(), static_cast<int32_t>(u16.size()),
                              bytes.data(), static_cast<int32_t>(bytes.size()), &st);
  if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING)
    throw Error(std::string("ICU: conversion from the host encoding: ") + u_errorName(st));
  std::string out(static_cast<std::size_t>(n16) * 3 + 1, '\0');
  int32_t n8 = 0;
  st = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &n8, u16.data(), n16, &st);
  if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING)
    throw Error(std::string("ICU: UTF-8 output: ") + u_errorName(st));
  out.resize(static_cast<std::size_t>(n8));
  return out;
}

bool HostCodec::representable(std::string_view utf8) {
  if (!conv_ || ascii_only(utf8)) return true;
  std::size_t n = 0;
  to_host(utf8, &n);
  return n == 0;
}

}  // namespace onshi::text
