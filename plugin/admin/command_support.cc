// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/command_support.h"

#include <cstdlib>

#include "common/i18n.h"

namespace onshi::admin {

std::optional<std::string> Options::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Options parse_options(const std::vector<std::string>& args, std::size_t from,
                      const std::set<std::string>& with_value, const std::set<std::string>& flags) {
  Options o;
  for (std::size_t i = from; i < args.size(); ++i) {
    std::string a = args[i];
    std::optional<std::string> value;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    if (a == "-d") a = "--dbname";
    if (a == "-h") a = "--help";
    if (with_value.count(a)) {
      if (!value) {
        if (i + 1 >= args.size()) throw UsageError(tr("{1} needs a value", a));
        value = args[++i];
      }
      o.values[a.substr(2)] = *value;
    } else if (flags.count(a) && !value) {
      o.flags.insert(a.substr(2));
    } else {
      throw UsageError(tr("unknown argument \"{1}\"", args[i]));
    }
  }
  return o;
}

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
