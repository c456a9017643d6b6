// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin inspect FILE...`: decodes, parses and validates exchange files and prints one
/// JSON object per file and line (the conformance probe; see README "inspect").

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace onshi::admin {

/// Exit status when at least one file was refused (EX_DATAERR).
constexpr int kExitRefused = 65;
/// Exit status for a usage error (EX_USAGE).
constexpr int kExitUsage = 64;

/// Longest refusal detail printed, in bytes of the original text (before escaping).
constexpr std::size_t kMaxDetailBytes = 1024;

/// A refusal detail as inspect prints it: valid UTF-8 without control characters (a byte that is
/// not part of valid UTF-8 becomes `\xNN`, as in log::escape_line()), cut on a character
/// boundary after at most kMaxDetailBytes of the original, "..." marking the cut.
std::string detail_for_output(std::string_view detail);

/// Runs inspect over `args` (options and files). Writes JSON lines to `out` and one refusal line
/// per refused file to `err`. @return 0, kExitRefused or kExitUsage
int run_inspect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
