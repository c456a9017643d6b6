// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin inspect FILE...`: decodes, parses and validates exchange files and prints one
/// JSON object per file and line (the conformance probe; see README "inspect").

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// Exit status when at least one file was refused (EX_DATAERR).
constexpr int kExitRefused = 65;
/// Exit status for a usage error (EX_USAGE).
constexpr int kExitUsage = 64;

/// Runs inspect over `args` (options and files). Writes JSON lines to `out` and one refusal line
/// per refused file to `err`. @return 0, kExitRefused or kExitUsage
int run_inspect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
