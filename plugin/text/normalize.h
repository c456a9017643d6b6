// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Normalised forms for matching and for the host's conventions. The model always keeps the exact
/// decoded strings; these functions derive separate values from them.

#include <string>
#include <string_view>

namespace onshi::text {

/// Half-width katakana (U+FF61-FF9F) to full-width, composing a following ﾞ/ﾟ with its base
/// (ｶﾞ -> ガ, ﾊﾟ -> パ, ｳﾞ -> ヴ). Other characters are copied unchanged. Input must be UTF-8.
std::string halfwidth_kana_to_fullwidth(std::string_view utf8);

/// The host's kana-name form: full-width katakana, family and given name separated by one
/// full-width space (U+3000), no leading/trailing spaces. "ﾃｽﾄ ﾀﾛｳ" -> "テスト　タロウ".
std::string kana_name_for_host(std::string_view utf8);

/// Trims ASCII and ideographic spaces at both ends and folds every internal run of them into one
/// ASCII space.
std::string fold_spaces(std::string_view utf8);

/// Key for comparing names: full-width katakana, spaces folded to one ASCII space.
std::string name_match_key(std::string_view utf8);

/// True when the text holds '●' (U+25CF), the national system's stand-in for a character it could
/// not represent: such a name must never overwrite a stored one.
bool has_unrepresentable_mark(std::string_view utf8);

/// Card symbol or number as compared with the host's: full-width digits, Latin letters and
/// hyphen-minus (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A, U+FF0D) made half-width, half- and
/// full-width spaces removed, everything else unchanged. ORCA stores these values full-width once
/// staff entered or changed them, older rows half-width; the terminal returns half-width. The
/// same mapping as the SQL function onshi_card_key() (sql/0011), which the host lookups use.
std::string card_key(std::string_view utf8);

/// The host's full-width form, as ORCA converts text it stores from an online result or from its
/// registration screen (記号・番号, names, kana, address): printable ASCII (U+0021-007E) to
/// U+FF01-FF5E, the space to U+3000, half-width katakana to full-width; other characters kept.
std::string to_fullwidth(std::string_view utf8);

/// Insurer number for comparison: leading spaces removed ("  138999" -> "138999").
std::string_view strip_insurer_padding(std::string_view insurer_number);

/// Insurer number for the wire (doc/decisions.md 5): 8 digits unchanged, 6 digits left-padded with
/// two spaces; surrounding spaces are ignored. @throws std::invalid_argument for anything else.
std::string pad_insurer_number(std::string_view insurer_number);

}  // namespace onshi::text
