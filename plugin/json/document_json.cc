// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "json/document_json.h"

#include <iterator>

namespace onshi::json {
namespace {

using model::FieldDef;
using model::FieldKind;
using model::Schema;

Object struct_json(const Schema& schema, const void* obj, Object* hoisted) {
  Object out;
  for (const FieldDef& f : schema.fields) {
    if (f.alias) continue;
    std::string key(model::json_key(f));
    switch (f.kind) {
      case FieldKind::text:
        if (const auto& t = *f.ctext(obj)) out.emplace_back(std::move(key), *t);
        break;
      case FieldKind::block:
        if (f.count(obj))
          out.emplace_back(std::move(key), struct_json(*f.child, f.at(obj, 0), nullptr));
        break;
      case FieldKind::list: {
        std::size_t n = f.count(obj);
        Array items;
        items.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
          items.emplace_back(struct_json(*f.child, f.at(obj, i), nullptr));
        if (f.hoist && hoisted)
          hoisted->emplace_back(std::move(key), std::move(items));
        else if (n)
          out.emplace_back(std::move(key), std::move(items));
        break;
      }
    }
  }
  return out;
}

}  // namespace

Value block_to_json(const model::Schema& schema, const void* block) {
  return struct_json(schema, block, nullptr);
}

Value document_to_json(const model::Document& doc) {
  Object top;
  top.emplace_back("kind", model::kind_name(doc.kind));
  if (doc.is_pdf) {
    top.emplace_back("format", "pdf");
    top.emplace_back("bytes", static_cast<std::int64_t>(doc.pdf.size()));
    return top;
  }
  top.emplace_back("format", "xml");
  top.emplace_back("encoding", model::encoding_declaration_name(doc.encoding));
  top.emplace_back("MessageHeader",
                   struct_json(model::MessageHeader::schema(), &doc.header, nullptr));
  Object hoisted;
  top.emplace_back("MessageBody",
                   struct_json(model::body_schema(doc.body), model::body_ptr(doc.body), &hoisted));
  for (auto& member : hoisted) top.push_back(std::move(member));
  return top;
}

void DocumentJsonWriter::member(const std::string& key, const Value& value) {
  if (!first_member_) out_ << ',';
  first_member_ = false;
  out_ << dump(Value(key)) << ':' << dump(value);
}

void DocumentJsonWriter::begin(const Object& leading, const model::Document& doc,
                               const model::FieldDef* list) {
  Value view = document_to_json(doc);
  Object& top = view.as_object();
  out_ << '{';
  for (const auto& [key, value] : leading) member(key, value);
  // The list's items are missing from `doc`: it shows as an empty array, hoisted after the body.
  std::size_t i = 0;
  const std::string list_key = list && list->hoist ? std::string(model::json_key(*list)) : "";
  for (bool after_body = false; i < top.size(); ++i) {
    if (after_body && !list_key.empty() && top[i].first == list_key) break;
    if (top[i].first == "MessageBody") after_body = true;
    member(top[i].first, top[i].second);
  }
  if (i < top.size()) {
    if (!first_member_) out_ << ',';
    first_member_ = false;
    out_ << dump(Value(list_key)) << ":[";
    in_list_ = true;
    rest_.assign(std::make_move_iterator(top.begin() + static_cast<std::ptrdiff_t>(i) + 1),
                 std::make_move_iterator(top.end()));
  }
}

void DocumentJsonWriter::item(const model::FieldDef& list, const void* item) {
  if (items_++) out_ << ',';
  out_ << dump(block_to_json(*list.child, item));
}

void DocumentJsonWriter::end() {
  if (in_list_) out_ << ']';
  in_list_ = false;
  for (const auto& [key, value] : rest_) member(key, value);
  rest_.clear();
  out_ << '}';
}

}  // namespace onshi::json
