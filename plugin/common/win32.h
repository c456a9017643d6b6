// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The Win32 boundary (Windows build only, issue 17): strings are UTF-8 inside the programs and
/// UTF-16 in Win32's W functions; Windows error codes as text.
#ifdef _WIN32
#include <windows.h>

#include <string>
#include <utility>

#include "common/file_identity.h"

namespace onshi::win {

/// UTF-8 -> UTF-16 (for CreateFileW, MoveFileExW, ...).
std::wstring wide(const std::string& s);
/// UTF-16 -> UTF-8.
std::string narrow(const wchar_t* s, std::size_t len);
inline std::string narrow(const std::wstring& s) {
  return narrow(s.data(), s.size());
}
/// The text of a Windows error code (English or the system's language), with its number.
std::string error_text(unsigned long code);
/// error_text(GetLastError()).
std::string last_error_text();

/// Owns a Win32 handle (CreateFileW's); closed when it goes. Invalid: INVALID_HANDLE_VALUE or null.
class Handle {
 public:
  Handle() = default;
  explicit Handle(HANDLE h) : h_(h) {}
  Handle(Handle&& o) noexcept : h_(o.h_) { o.h_ = INVALID_HANDLE_VALUE; }
  Handle& operator=(Handle&& o) noexcept {
    std::swap(h_, o.h_);
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  void reset() {
    if (valid()) ::CloseHandle(h_);
    h_ = INVALID_HANDLE_VALUE;
  }
  bool valid() const { return h_ != INVALID_HANDLE_VALUE && h_ != nullptr; }
  HANDLE get() const { return h_; }

 private:
  HANDLE h_ = INVALID_HANDLE_VALUE;
};

/// A FILETIME (100 ns since 1601) as nanoseconds since 1970, as st_mtim on Linux.
long long filetime_ns(const FILETIME& t);
/// The identity of the file open on a handle (GetFileInformationByHandle): volume serial number,
/// file index, size, last write time; never coarse().
FileIdentity identity_of(const BY_HANDLE_FILE_INFORMATION& info);

}  // namespace onshi::win
#endif
