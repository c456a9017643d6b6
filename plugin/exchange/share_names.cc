// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The names of our own temporary files in the share, one rule for both sides (share.cc on Linux,
// share_win.cc on Windows): a request is written under such a name and moved into place, and a
// crash may leave one behind, which remove_stale_temp_files() recognises by it.
#include <cstdio>
#include <random>

#include "exchange/share.h"

namespace onshi::exchange {
namespace {

constexpr std::string_view kPrefix = ".onshi-", kSuffix = ".tmp";

}  // namespace

std::string own_temp_name() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return std::string(kPrefix) + buf + std::string(kSuffix);
}

bool is_own_temp_name(std::string_view name) {
  if (name.size() != kPrefix.size() + 16 + kSuffix.size()) return false;
  if (name.substr(0, kPrefix.size()) != kPrefix ||
      name.substr(name.size() - kSuffix.size()) != kSuffix)
    return false;
  for (char c : name.substr(kPrefix.size(), 16))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace onshi::exchange
