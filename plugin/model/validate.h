// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Validation of a decoded document: code values, real calendar dates, lengths, required elements
/// (from the element tables) and the per-kind rules that tie fields together.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
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

/// The items of one hoisted list of the body (bulk units, a single answer's results) that were
/// handed on while reading instead of kept in the document (xml::ReadOptions::items): each is
/// checked as it comes, and validate() then reports what it would have found in them, at the
/// place in its order where it would have.
class StreamedItems {
 public:
  StreamedItems(MessageKind kind, const FieldDef& list) : kind_(kind), list_(&list) {}
  /// Checks the next item (they come in document order) and remembers the first failures.
  void check(const void* item);
  const FieldDef& list() const { return *list_; }
  std::size_t count() const { return count_; }

 private:
  friend void validate(const Document& doc, const StreamedItems* streamed);
  MessageKind kind_;
  const FieldDef* list_;
  std::size_t count_ = 0;
  std::optional<ValidationError> element_error_;  ///< first element check that failed
  std::optional<ValidationError> rule_error_;     ///< first per-kind rule on an item that failed
};

/// Validates the whole document. @throws ValidationError naming the element path
/// (e.g. "Results[0].Birthdate") and what is wrong. With `streamed`, the document lacks that
/// list's items and the first error among them is the one recorded there: the same error as
/// validate() of the whole document.
void validate(const Document& doc, const StreamedItems* streamed = nullptr);

}  // namespace onshi::model
