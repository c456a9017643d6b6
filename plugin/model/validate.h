// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Validation of a decoded document: code values, real calendar dates, lengths, required elements
/// (from the element tables) and the per-kind rules that tie fields together.

#include <string>
#include <string_view>

#include "model/messages.h"

namespace onshi::model {

/// True for a real calendar date written YYYYMMDD (20230231 is not).
bool is_valid_date8(std::string_view s);
/// True for YYYYMMDDHHMMSS with a real date and a time of day 000000-235959.
bool is_valid_datetime14(std::string_view s);
/// True for YYYYMM with month 01-12.
bool is_valid_month6(std::string_view s);

/// Number of Unicode characters in UTF-8 text.
std::size_t char_count(std::string_view utf8);

/// Checks one value against a rule. @return "" when valid, else the reason (no element name).
std::string check_value(const Rule& rule, std::string_view value);

/// Validates the whole document. @throws ValidationError naming the element path
/// (e.g. "Results[0].Birthdate") and what is wrong.
void validate(const Document& doc);

}  // namespace onshi::model
