// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Writing ResultView parts into the OCCURS arrays of the records (same field names in every
/// record that carries them).

#include <algorithm>
#include <string>

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

/// Fills what the terminal returned about the person and the card: validity (with its text),
/// name, kana, birth date, sex, insurer, symbol, number, branch, insured/dependent class, and the
/// prescription form the patient chose at the reader.
template <class Record>
void fill_returned(const Context& ctx, const ResultView& v, Record& rec) {
  ONSHI_PUT(rec.validity, v.validity);
  if (std::string id = validity_message(v.validity); !id.empty())
    ONSHI_PUT(rec.validity_text, ctx.text(id));
  ONSHI_PUT(rec.name, v.name);
  ONSHI_PUT(rec.kana, v.kana);
  ONSHI_PUT(rec.birthdate, v.birthdate);
  ONSHI_PUT(rec.sex, v.sex);
  ONSHI_PUT(rec.insurer, v.insurer);
  ONSHI_PUT(rec.symbol, v.symbol);
  ONSHI_PUT(rec.number, v.number);
  ONSHI_PUT(rec.branch, v.branch);
  ONSHI_PUT(rec.family, v.family);
  ONSHI_PUT(rec.prescription, v.prescription);
}

/// Blanks a whole record before it is filled (out fields never keep stale data).
template <class Record>
void blank_outputs(Record& rec, std::size_t from_offset) {
  char* p = reinterpret_cast<char*>(&rec);
  std::fill(p + from_offset, p + sizeof(Record), ' ');
}

}  // namespace onshi::hooks
