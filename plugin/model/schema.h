// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Field tables of the typed message model. Each message struct declares its elements once, in a
/// `schema()` table (XML name, kind, validation rule); the XML reader, the writer, the validator
/// and the JSON view all walk that one table, so a new element is added in exactly one place.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace onshi::model {

/// An element's text exactly as decoded: absent (nullopt) differs from present-but-empty ("").
using Text = std::optional<std::string>;

/// The element's text, or "" when it is absent (for callers that treat both alike).
inline const std::string& text_or_empty(const Text& t) {
  static const std::string empty;
  return t ? *t : empty;
}

/// Value formats checked by the validator.
enum class Format : std::uint8_t {
  any,             ///< free text (length limits only)
  digits,          ///< ASCII digits only
  date8,           ///< YYYYMMDD, a real calendar date
  month6,          ///< YYYYMM, month 01-12
  datetime14,      ///< YYYYMMDDHHMMSS, a real date and time
  code,            ///< one of Rule::codes
  insurer_number,  ///< 8 chars: 8 digits or digits left-padded with spaces (6-digit 国保)
  post_number,     ///< NNN-NNNN or NNNNNNN
};

/// Validation rule of one text element.
struct Rule {
  Format format = Format::any;
  std::uint16_t min_len = 0;  ///< minimum length in characters (0 = none); checked when non-empty
  std::uint16_t max_len = 0;  ///< maximum length in characters (0 = the global text cap)
  const char* const* codes = nullptr;  ///< nullptr-terminated list for Format::code
  bool required = false;               ///< must be present and non-empty
};

/// Global cap on any text element, in bytes: far above every real value, bounds hostile input.
constexpr std::size_t kMaxTextBytes = 8192;

enum class FieldKind : std::uint8_t { text, block, list };

struct Schema;

/// One element of a struct. Accessors are type-erased so that one reader/writer serves all.
struct FieldDef {
  std::string_view name;  ///< XML element name
  FieldKind kind = FieldKind::text;
  Rule rule{};
  std::string_view wrapper;       ///< list only: items sit inside this wrapper element
  std::string_view json_name;     ///< key in the JSON view (defaults to name / wrapper)
  bool hoist = false;             ///< JSON: shown at the top level of the document, not nested
  bool alias = false;             ///< read-only alternative spelling of another field
  std::uint32_t max_items = 0;    ///< list only: refuse more items than this (0 = unlimited)
  bool flat = false;              ///< list only: item fields met directly in the parent start an
                                  ///< item (accepts a flat repetition of the parent element)
  const Schema* child = nullptr;  ///< block/list: schema of the nested struct

  Text* (*text)(void* obj) = nullptr;
  const Text* (*ctext)(const void* obj) = nullptr;
  void* (*open)(void* obj) = nullptr;  ///< block: engage the optional; list: append an item
  std::size_t (*count)(const void* obj) = nullptr;
  const void* (*at)(const void* obj, std::size_t i) = nullptr;
  void* (*at_mut)(void* obj, std::size_t i) = nullptr;
  void (*clear)(void* obj) = nullptr;  ///< list only: remove every item
};

/// The element table of one struct.
struct Schema {
  std::string_view name;  ///< element name of the struct itself (for messages)
  std::vector<FieldDef> fields;
  std::unordered_map<std::string_view, const FieldDef*> by_name;  ///< includes wrappers

  Schema(std::string_view n, std::vector<FieldDef> f);
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  /// Field for a child element name (a list's wrapper name resolves to that list), or nullptr.
  const FieldDef* find(std::string_view element) const {
    auto it = by_name.find(element);
    return it == by_name.end() ? nullptr : it->second;
  }
};

namespace detail {
template <class M>
struct member_of;
template <class S, class T>
struct member_of<T S::*> {
  using owner = S;
  using type = T;
};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
}  // namespace detail

/// A text element bound to a `Text` member.
template <auto M>
FieldDef text(std::string_view name, Rule rule = {}) {
  using S = typename detail::member_of<decltype(M)>::owner;
  FieldDef f;
  f.name = name;
  f.kind = FieldKind::text;
  f.rule = rule;
  f.text = [](void* o) -> Text* { return &(static_cast<S*>(o)->*M); };
  f.ctext = [](const void* o) -> const Text* { return &(static_cast<const S*>(o)->*M); };
  return f;
}

/// A nested block bound to a `std::optional<B>` member.
template <auto M>
FieldDef block(std::string_view name) {
  using S = typename detail::member_of<decltype(M)>::owner;
  using O = typename detail::member_of<decltype(M)>::type;
  static_assert(detail::is_optional<O>::value, "block() needs a std::optional<B> member");
  using B = typename O::value_type;
  FieldDef f;
  f.name = name;
  f.kind = FieldKind::block;
  f.child = &B::schema();
  f.open = [](void* o) -> void* {
    auto& opt = static_cast<S*>(o)->*M;
    if (!opt) opt.emplace();
    return &*opt;
  };
  f.count = [](const void* o) -> std::size_t { return (static_cast<const S*>(o)->*M) ? 1 : 0; };
  f.at = [](const void* o, std::size_t) -> const void* { return &*(static_cast<const S*>(o)->*M); };
  f.at_mut = [](void* o, std::size_t) -> void* { return &*(static_cast<S*>(o)->*M); };
  return f;
}

/// A repeated element bound to a `std::vector<B>` member; `wrapper` names an enclosing element
/// (e.g. ResultList) when the items are wrapped, "" when they repeat directly.
template <auto M>
FieldDef list(std::string_view name, std::string_view wrapper = {}, std::uint32_t max_items = 0) {
  using S = typename detail::member_of<decltype(M)>::owner;
  using V = typename detail::member_of<decltype(M)>::type;
  using B = typename V::value_type;
  FieldDef f;
  f.name = name;
  f.kind = FieldKind::list;
  f.wrapper = wrapper;
  f.max_items = max_items;
  f.child = &B::schema();
  f.open = [](void* o) -> void* { return &(static_cast<S*>(o)->*M).emplace_back(); };
  f.count = [](const void* o) -> std::size_t { return (static_cast<const S*>(o)->*M).size(); };
  f.at = [](const void* o, std::size_t i) -> const void* {
    return &(static_cast<const S*>(o)->*M)[i];
  };
  f.at_mut = [](void* o, std::size_t i) -> void* { return &(static_cast<S*>(o)->*M)[i]; };
  f.clear = [](void* o) { (static_cast<S*>(o)->*M).clear(); };
  return f;
}

/// Marks a field as shown under `json_name` (and optionally hoisted to the document top level).
inline FieldDef json_as(FieldDef f, std::string_view json_name, bool hoist = false) {
  f.json_name = json_name;
  f.hoist = hoist;
  return f;
}

/// Marks a field as a read-only alternative spelling (accepted when reading, never written).
inline FieldDef alias(FieldDef f) {
  f.alias = true;
  return f;
}

/// Marks a list as also accepting its items' fields directly inside the parent element.
inline FieldDef flat(FieldDef f) {
  f.flat = true;
  return f;
}

/// Key of a field in the JSON view.
inline std::string_view json_key(const FieldDef& f) {
  if (!f.json_name.empty()) return f.json_name;
  return f.name;
}

}  // namespace onshi::model
