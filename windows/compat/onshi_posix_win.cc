// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// What onshi_posix_win.h declares and cannot define inline, and the binary file mode (Windows
// build only).
#ifdef _WIN32
#include <windows.h>

#include "common/win32.h"

namespace {

/// Files are opened in binary mode unless asked otherwise, as on Linux: no CR/LF translation
/// and no end at Ctrl+Z in open(), fopen() and the fstreams (mingw-w64's binmode.o does not take
/// effect with the msvcrt runtime). Before main(): this object is linked into every program.
struct BinaryFileMode {
  BinaryFileMode() { _fmode = _O_BINARY; }
} binary_file_mode;

/// The programs write UTF-8 (the messages in Japanese, file names): the console shows it as such
/// (its own code page is the system's, CP932 on a Japanese Windows). No console (the service, a
/// redirection): nothing changes. The console's code page is given back at exit.
struct Utf8Console {
  UINT before = ::GetConsoleOutputCP();  // 0: no console
  Utf8Console() {
    if (before) ::SetConsoleOutputCP(CP_UTF8);
  }
  ~Utf8Console() {
    if (before) ::SetConsoleOutputCP(before);
  }
} utf8_console;

}  // namespace

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
