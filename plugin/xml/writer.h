// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Writer: typed Document -> exchange-file bytes, UTF-8 or Shift_JIS (CP932) with the matching
/// declaration (doc/decisions.md 3). Elements are written in the element tables' (layout) order;
/// insurer numbers are space-padded to 8 (doc/decisions.md 5). Used for requests and by the
/// terminal simulator.

#include <string>

#include "model/messages.h"

namespace onshi::xml {

/// Serialises `doc` in `encoding` after validating it.
/// @throws ValidationError when the document is not valid for its kind
/// @throws EncodeError when a character cannot be written (not in CP932, control characters),
///         or a CharacterCodeIdentifier contradicts `encoding`
std::string write_document(const model::Document& doc, model::Encoding encoding);

}  // namespace onshi::xml
