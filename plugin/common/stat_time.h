// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The times of a struct stat in nanoseconds: st_mtim/st_ctim on Linux; whole seconds on Windows
/// (mingw-w64's struct stat has st_mtime only; what must see finer changes there asks Win32).

#include <sys/stat.h>

namespace onshi {

inline long long mtime_ns(const struct stat& st) {
#ifdef _WIN32
  return static_cast<long long>(st.st_mtime) * 1000000000LL;
#else
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
#endif
}

inline long long ctime_ns(const struct stat& st) {
#ifdef _WIN32
  return static_cast<long long>(st.st_ctime) * 1000000000LL;
#else
  return static_cast<long long>(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
#endif
}

}  // namespace onshi
