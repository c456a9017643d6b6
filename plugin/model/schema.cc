// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "model/schema.h"

namespace onshi::model {

Schema::Schema(std::string_view n, std::vector<FieldDef> f) : name(n), fields(std::move(f)) {
  for (const FieldDef& field : fields) {
    if (field.kind == FieldKind::list && !field.wrapper.empty())
      by_name.emplace(field.wrapper, &field);
    else
      by_name.emplace(field.name, &field);
  }
}

}  // namespace onshi::model
