// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// A small JSON value with an insertion-ordered object, a writer (UTF-8 kept as is) and a strict
/// parser. Used by `onshi-admin inspect`, configuration/scenario files and tests. Kept rather
/// than a packaged library: nlohmann-json 3.11 (Debian's nlohmann-json3-dev, ordered_json for our
/// member order) took 1.4 to 4.3 times as long for our documents (parse, write, and building
/// inspect's view; `tests/bench/bench_codec --libs`).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace onshi::json {

class Value;
using Array = std::vector<Value>;
/// Object members in insertion order (printing keeps the order the producer chose).
using Object = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::move(a)) {}
  Value(Object o) : v_(std::move(o)) {}

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  bool is_number() const { return is_int() || std::holds_alternative<double>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_array() const { return std::holds_alternative<Array>(v_); }
  bool is_object() const { return std::holds_alternative<Object>(v_); }

  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_double() const {
    return is_int() ? static_cast<double>(as_int()) : std::get<double>(v_);
  }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  /// Object member by key, or nullptr (also when this is not an object).
  const Value* find(std::string_view key) const;
  /// The text of string member `key`; "" when there is none or it is not a string.
  std::string string_at(std::string_view key) const;

 private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> v_;
};

/// Compact JSON text; non-ASCII UTF-8 is written as is, control characters escaped.
std::string dump(const Value& v);

/// Parses JSON text. @throws onshi::Error with the byte offset of the problem.
Value parse(std::string_view text);

}  // namespace onshi::json
