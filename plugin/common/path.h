// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// What counts as an absolute path in a setting (the engine's configuration, a facility's share
/// and folders), on the platform the program runs on. Linux: "/...". Windows (issue 17): a drive
/// path ("C:\..." or "C:/..."), a UNC path ("\\server\share\...", "//server/share/...") or a path
/// rooted on the current drive ("\..." or "/...", as wine's tests use). A relative path would
/// depend on the service's working folder and is refused everywhere.

#include <cctype>
#include <string_view>

namespace onshi {

/// A path separator of the platform ('/' only on Linux; '/' and '\' on Windows).
inline bool is_path_separator(char c) {
#ifdef _WIN32
  return c == '/' || c == '\\';
#else
  return c == '/';
#endif
}

/// See the file comment.
inline bool is_absolute_path(std::string_view p) {
  if (p.empty()) return false;
#ifdef _WIN32
  if (p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' &&
      is_path_separator(p[2]))
    return true;
#endif
  return is_path_separator(p[0]);
}

/// Whether the path has a ".." component (with either separator on Windows).
inline bool has_parent_component(std::string_view p) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= p.size(); ++i) {
    if (i == p.size() || is_path_separator(p[i])) {
      if (p.substr(start, i - start) == "..") return true;
      start = i + 1;
    }
  }
  return false;
}

}  // namespace onshi
