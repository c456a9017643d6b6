// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "xml/writer.h"

#include "common/error.h"
#include "model/validate.h"
#include "text/encoding.h"
#include "text/normalize.h"

namespace onshi::xml {
namespace {

using model::FieldDef;
using model::FieldKind;
using model::Schema;

void indent(std::string& out, int depth) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void escape(std::string& out, std::string_view s, std::string_view element) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
          throw EncodeError("control character in <" + std::string(element) + ">");
        out += c;
    }
  }
}

void write_struct(std::string& out, const Schema& schema, const void* obj, int depth);

void write_element(std::string& out, std::string_view name, const Schema& schema, const void* obj,
                   int depth) {
  indent(out, depth);
  out += '<';
  out += name;
  out += ">\n";
  write_struct(out, schema, obj, depth + 1);
  indent(out, depth);
  out += "</";
  out += name;
  out += ">\n";
}

void write_struct(std::string& out, const Schema& schema, const void* obj, int depth) {
  for (const FieldDef& f : schema.fields) {
    if (f.alias) continue;
    switch (f.kind) {
      case FieldKind::text: {
        const auto& t = *f.ctext(obj);
        if (!t) break;
        indent(out, depth);
        out += '<';
        out += f.name;
        out += '>';
        if (f.rule.format == model::Format::insurer_number && !t->empty())
          escape(out, text::pad_insurer_number(*t), f.name);
        else
          escape(out, *t, f.name);
        out += "</";
        out += f.name;
        out += ">\n";
        break;
      }
      case FieldKind::block:
        if (f.count(obj)) write_element(out, f.name, *f.child, f.at(obj, 0), depth);
        break;
      case FieldKind::list: {
        std::size_t n = f.count(obj);
        if (n == 0) break;
        int item_depth = depth;
        if (!f.wrapper.empty()) {
          indent(out, depth);
          out += '<';
          out += f.wrapper;
          out += ">\n";
          ++item_depth;
        }
        for (std::size_t i = 0; i < n; ++i)
          write_element(out, f.name, *f.child, f.at(obj, i), item_depth);
        if (!f.wrapper.empty()) {
          indent(out, depth);
          out += "</";
          out += f.wrapper;
          out += ">\n";
        }
        break;
      }
    }
  }
}

}  // namespace

std::string write_document(const model::Document& doc, model::Encoding encoding) {
  if (doc.is_pdf) return doc.pdf;
  model::validate(doc);
  if (const auto& cci = doc.header.CharacterCodeIdentifier; cci && !cci->empty()) {
    const char* expected = encoding == model::Encoding::utf8 ? "0" : "1";
    if (*cci != expected)
      throw EncodeError("CharacterCodeIdentifier \"" + *cci +
                        "\" contradicts the output encoding " +
                        model::encoding_declaration_name(encoding));
  }
  std::string out;
  out.reserve(4096);
  out += "<?xml version=\"1.0\" encoding=\"";
  out += model::encoding_declaration_name(encoding);
  out += "\" standalone=\"no\"?>\n<XmlMsg>\n";
  write_element(out, "MessageHeader", model::MessageHeader::schema(), &doc.header, 1);
  write_element(out, "MessageBody", model::body_schema(doc.body), model::body_ptr(doc.body), 1);
  out += "</XmlMsg>\n";
  if (encoding == model::Encoding::cp932) return text::utf8_to_cp932(out);
  return out;
}

}  // namespace onshi::xml
