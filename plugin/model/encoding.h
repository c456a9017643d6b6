// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The text encodings of exchange files (doc/decisions.md 2), on their own so that the decoder
/// (text/encoding.h) and the messages (model/messages.h) share them without one including the
/// other.

namespace onshi::model {

/// Text encodings of exchange files.
enum class Encoding { utf8, cp932 };

/// Name as written in an XML declaration: "UTF-8" or "Shift_JIS".
constexpr const char* encoding_declaration_name(Encoding e) {
  return e == Encoding::cp932 ? "Shift_JIS" : "UTF-8";
}

}  // namespace onshi::model
