// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Reading and writing the fixed-width character fields of the host ABI records
/// (hooks/abi.def): text is UTF-8 padded with spaces, numbers are zero-padded decimal text.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace onshi::hooks {

/// The field's text without trailing spaces/NULs (leading spaces kept only inside text).
std::string get_text(const char* field, std::size_t width);
/// A number field: nullopt when blank. @throws HookError (bad input) when not digits
std::optional<long long> get_number(const char* field, std::size_t width, const char* name);
/// Writes `value` left-aligned, padded with spaces, cut on a UTF-8 character boundary.
void put_text(char* field, std::size_t width, std::string_view value);
/// Writes `value` right-aligned, zero-padded (too large: all nines).
void put_number(char* field, std::size_t width, long long value);
/// Fills the field with spaces.
void clear(char* field, std::size_t width);
/// A stored local time ("YYYY-MM-DD HH:MM:SS[.ffffff]") as a timestamp field YYYYMMDDHHMMSS;
/// "" when it has fewer digits (none stored).
std::string timestamp14(std::string_view local);

/// Cuts `s` to at most `max` bytes without splitting a UTF-8 character.
std::string cut_utf8(std::string_view s, std::size_t max);

}  // namespace onshi::hooks

/// Helpers taking a char array field: GET(rec.field), PUT(rec.field, v), ...
#define ONSHI_GET(f) ::onshi::hooks::get_text((f), sizeof(f))
#define ONSHI_NUM(f) ::onshi::hooks::get_number((f), sizeof(f), #f)
#define ONSHI_PUT(f, v) ::onshi::hooks::put_text((f), sizeof(f), (v))
#define ONSHI_PUTN(f, v) ::onshi::hooks::put_number((f), sizeof(f), (v))
