// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The Win32 boundary (win32.h). For Windows only; on Linux this file compiles to nothing.
#ifdef _WIN32
#include "common/win32.h"

#include <windows.h>

namespace onshi::win {

std::wstring wide(const std::string& s) {
  if (s.empty()) return std::wstring();
  const int n = ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n), L'\0');
  ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), out.data(), n);
  return out;
}

std::string narrow(const wchar_t* s, std::size_t len) {
  if (len == 0) return std::string();
  const int n =
      ::WideCharToMultiByte(CP_UTF8, 0, s, static_cast<int>(len), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n), '\0');
  ::WideCharToMultiByte(CP_UTF8, 0, s, static_cast<int>(len), out.data(), n, nullptr, nullptr);
  return out;
}

std::string error_text(unsigned long code) {
  char buf[256] = {};
  DWORD n = ::FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                             code, 0, buf, sizeof buf, nullptr);
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '.')) buf[--n] = 0;
  return (n > 0 ? std::string(buf) + " " : std::string()) + "(Windows error " +
         std::to_string(code) + ")";
}

std::string last_error_text() {
  return error_text(::GetLastError());
}

long long filetime_ns(const FILETIME& t) {
  const unsigned long long ticks =
      (static_cast<unsigned long long>(t.dwHighDateTime) << 32) | t.dwLowDateTime;
  return (static_cast<long long>(ticks) - 116444736000000000LL) * 100;
}

FileIdentity identity_of(const BY_HANDLE_FILE_INFORMATION& info) {
  FileIdentity id;
  id.dev = info.dwVolumeSerialNumber;
  id.ino = (static_cast<unsigned long long>(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
  id.size = static_cast<long long>((static_cast<unsigned long long>(info.nFileSizeHigh) << 32) |
                                   info.nFileSizeLow);
  id.mtime_ns = filetime_ns(info.ftLastWriteTime);
  return id;
}

}  // namespace onshi::win
#endif
