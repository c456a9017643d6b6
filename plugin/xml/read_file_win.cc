// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// xml::read_file_bytes() on Windows (reader.h; reader.cc has the Linux side). On Linux this file
// compiles to nothing. The C runtime's open() follows reparse points (O_NOFOLLOW is 0 there) and
// its fstat() has no file index, so the file is opened and read through Win32: the entry itself
// (FILE_FLAG_OPEN_REPARSE_POINT; a symbolic link, junction or folder is refused, never followed),
// sharing read, write and delete (the terminal is never locked out), and its identity (volume
// serial number, file index, size, last write time) taken from the same handle after the read,
// so that the share removes exactly this file (exchange/share_win.cc).
#ifdef _WIN32
#include <windows.h>

#include <algorithm>

#include "common/error.h"
#include "common/win32.h"
#include "xml/reader.h"

namespace onshi::xml {
namespace {

using win::Handle;

BY_HANDLE_FILE_INFORMATION info_of(HANDLE h, const std::string& path) {
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h, &info))
    throw Error(path + ": GetFileInformationByHandle: " + win::last_error_text());
  return info;
}

}  // namespace

std::string read_file_bytes(const std::string& path, std::size_t max_bytes, FileIdentity* opened) {
  Handle h(::CreateFileW(
      win::wide(path).c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
      nullptr, OPEN_EXISTING,
      FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_SEQUENTIAL_SCAN,
      nullptr));
  if (!h.valid()) {
    const DWORD e = ::GetLastError();
    // Open without sharing by another program (the terminal still writing it): nothing is wrong
    // with the file; an OS error, so the importer looks at it again later (Linux has no such
    // lock).
    if (e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION)
      throw Error(path + ": in use by another program, looked at again later (" +
                  win::error_text(e) + ")");
    throw RefusedError(RefusalKind::structure, path, "cannot open: " + win::error_text(e));
  }
  const BY_HANDLE_FILE_INFORMATION before = info_of(h.get(), path);
  if (before.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
    throw RefusedError(RefusalKind::structure, path,
                       "cannot open: is a symbolic link or junction (not followed)");
  if (before.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
    throw RefusedError(RefusalKind::structure, path, "not a regular file");
  const FileIdentity first = win::identity_of(before);
  if (static_cast<unsigned long long>(first.size) > max_bytes)
    throw RefusedError(RefusalKind::too_large, path,
                       std::to_string(first.size) + " bytes, limit " + std::to_string(max_bytes));
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(first.size));
  std::size_t got = 0;
  while (got < bytes.size()) {
    const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - got, 1u << 20));
    DWORD n = 0;
    if (!::ReadFile(h.get(), bytes.data() + got, chunk, &n, nullptr))
      throw Error(path + ": read: " + win::last_error_text());
    if (n == 0) break;  // shrank while reading: parse what is there; a retry sees the rest
    got += n;
  }
  bytes.resize(got);
  // Grew while reading: at most one extra byte tells; refuse rather than read unbounded.
  char extra;
  DWORD n = 0;
  if (::ReadFile(h.get(), &extra, 1, &n, nullptr) && n == 1)
    throw RefusedError(RefusalKind::too_large, path, "file grew while being read (not ready?)");
  const FileIdentity after = win::identity_of(info_of(h.get(), path));
  if (after.size != first.size || after.mtime_ns != first.mtime_ns)
    throw RefusedError(RefusalKind::too_large, path, "file changed while being read (not ready?)");
  if (opened) *opened = after;
  return bytes;
}

}  // namespace onshi::xml
#endif
