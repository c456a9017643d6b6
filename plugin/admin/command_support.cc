// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/command_support.h"

#include <cstdlib>

#include "common/i18n.h"

namespace onshi::admin {

int to_int(const std::string& name, const std::string& v, int min) {
  std::size_t used = 0;
  int n = 0;
  try {
    n = std::stoi(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size() || n < min)
    throw UsageError(tr("--{1} needs a number, not \"{2}\"", name, v));
  return n;
}

std::string operator_name() {
  const char* u = std::getenv("USER");
  return std::string("onshi-admin:") + (u && *u ? u : "unknown");
}

}  // namespace onshi::admin
