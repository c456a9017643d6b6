// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The JSON view of a document (the `onshi-admin inspect` contract): MessageHeader and
/// MessageBody as objects of element name -> exact decoded string, nested blocks as objects,
/// repeated elements as arrays; result lists and bulk units hoisted to the top level as
/// "Results", "BulkConfirmUnit", "BulkRegistrationUnit". Absent elements are absent.

#include "json/json.h"
#include "model/messages.h"

namespace onshi::json {

/// One block of the model (any struct with a schema) as a JSON object, same rules as below.
Value block_to_json(const model::Schema& schema, const void* block);

/// The document as JSON: {"kind", "encoding", "MessageHeader", "MessageBody", hoisted lists...}
/// or, for a PDF result, {"kind", "format": "pdf", "bytes": N}.
Value document_to_json(const model::Document& doc);

}  // namespace onshi::json
