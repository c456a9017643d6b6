// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// What onshi_posix_win.h declares and cannot define inline (Windows build only).
#ifdef _WIN32
#include <windows.h>

#include "common/win32.h"

int lstat(const char* path, struct stat* st) {
  // The entry itself: a reparse point (symbolic link, junction, mount point) is not followed.
  HANDLE h =
      ::CreateFileW(onshi::win::wide(path).c_str(), FILE_READ_ATTRIBUTES,
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                    FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    const DWORD e = ::GetLastError();
    errno = (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) ? ENOENT
            : e == ERROR_ACCESS_DENIED                               ? EACCES
                                                                     : EIO;
    return -1;
  }
  BY_HANDLE_FILE_INFORMATION info{};
  const BOOL ok = ::GetFileInformationByHandle(h, &info);
  ::CloseHandle(h);
  if (!ok) {
    errno = EIO;
    return -1;
  }
  if (!(info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) return ::stat(path, st);
  *st = {};
  st->st_mode = S_IFLNK;
  st->st_nlink = 1;
  return 0;
}
#endif
