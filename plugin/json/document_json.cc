// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "json/document_json.h"

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

}  // namespace onshi::json
