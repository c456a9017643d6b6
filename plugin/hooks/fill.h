// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Writing ResultView parts into the OCCURS arrays of the records (same field names in every
/// record that carries them).

#include <algorithm>

#include "hooks/fixed.h"
#include "hooks/results.h"

namespace onshi::hooks {

/// Fills a diff array (item, label, registered, returned, proposed) and its count.
template <class Entry, std::size_t N, std::size_t CountWidth>
void fill_diffs(const Context& ctx, const std::vector<Difference>& diffs, Entry (&out)[N],
                char (&count)[CountWidth]) {
  const std::size_t n = std::min(diffs.size(), N);
  for (std::size_t i = 0; i < n; ++i) {
    ONSHI_PUT(out[i].item, diffs[i].item);
    ONSHI_PUT(out[i].label, ctx.text(item_message(diffs[i].item)));
    ONSHI_PUT(out[i].registered, diffs[i].registered);
    ONSHI_PUT(out[i].returned, diffs[i].returned);
    ONSHI_PUT(out[i].proposed, diffs[i].proposed ? "1" : "0");
  }
  ONSHI_PUTN(count, static_cast<long long>(n));
}

/// Blanks a whole record before it is filled (out fields never keep stale data).
template <class Record>
void blank_outputs(Record& rec, std::size_t from_offset) {
  char* p = reinterpret_cast<char*>(&rec);
  std::fill(p + from_offset, p + sizeof(Record), ' ');
}

}  // namespace onshi::hooks
