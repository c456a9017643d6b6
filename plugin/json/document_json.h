// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The JSON view of a document (the `onshi-admin inspect` contract): MessageHeader and
/// MessageBody as objects of element name -> exact decoded string, nested blocks as objects,
/// repeated elements as arrays; result lists and bulk units hoisted to the top level as
/// "Results", "BulkConfirmUnit", "BulkRegistrationUnit". Absent elements are absent.

#include <cstddef>
#include <ostream>

#include "json/json.h"
#include "model/messages.h"

namespace onshi::json {

/// One block of the model (any struct with a schema) as a JSON object, same rules as below.
Value block_to_json(const model::Schema& schema, const void* block);

/// The document as JSON: {"kind", "encoding", "MessageHeader", "MessageBody", hoisted lists...}
/// or, for a PDF result, {"kind", "format": "pdf", "bytes": N}.
Value document_to_json(const model::Document& doc);

/// Writes the JSON view of a document a piece at a time, for a document read without the items of
/// one hoisted list (xml::ReadOptions::items): begin() with the rest of the document, item() for
/// each of the list's items in document order (read again), end(). The text is exactly
/// dump() of `leading`'s members followed by document_to_json()'s of the whole document, while
/// memory holds one item's view at a time.
class DocumentJsonWriter {
 public:
  explicit DocumentJsonWriter(std::ostream& out) : out_(out) {}

  /// `list`: the body's list whose items follow (nullptr: none, the document is complete).
  void begin(const Object& leading, const model::Document& doc, const model::FieldDef* list);
  void item(const model::FieldDef& list, const void* item);
  void end();

 private:
  void member(const std::string& key, const Value& value);

  std::ostream& out_;
  bool first_member_ = true;
  bool in_list_ = false;
  std::size_t items_ = 0;
  Object rest_;  ///< members after the list
};

}  // namespace onshi::json
