// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi-admin: the administrator's tool. A shim over the core library's commands.
#include <iostream>
#include <string>
#include <vector>

#include "admin/inspect.h"

namespace {

const char* const kUsage =
    "usage: onshi-admin COMMAND [ARGS]\n"
    "commands:\n"
    "  inspect FILE...   decode, parse and validate exchange files; print JSON lines\n";

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return onshi::admin::kExitUsage;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "inspect") return onshi::admin::run_inspect(args, std::cout, std::cerr);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << "onshi-admin: unknown command \"" << command << "\"\n" << kUsage;
    return onshi::admin::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "onshi-admin: " << e.what() << '\n';
    return 70;  // EX_SOFTWARE
  }
}
