// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Which file was read, and in which state: the file reader (xml::read_file_bytes) hands it
/// back, the share's disposal (exchange/share.h) compares it with the entry it is about to
/// remove or move. On Linux it comes from fstat (st_dev, st_ino, size, st_mtim); on Windows from
/// the handle the file was read through (GetFileInformationByHandle: volume serial number, file
/// index, size, last write time in 100 ns), since mingw-w64's struct stat has no file index.

#include <sys/stat.h>

#include "common/stat_time.h"

namespace onshi {

struct FileIdentity {
  unsigned long long dev = 0;  ///< st_dev (Windows: the volume serial number)
  unsigned long long ino = 0;  ///< st_ino (Windows: the file index)
  long long size = -1;
  long long mtime_ns = 0;
  bool operator==(const FileIdentity& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && mtime_ns == o.mtime_ns;
  }
  bool operator!=(const FileIdentity& o) const { return !(*this == o); }
  /// Known only by size and modification time (a struct stat of Windows: no volume or index).
  bool coarse() const { return dev == 0 && ino == 0; }
};

/// The identity of an lstat()/fstat() result. On Windows volume and index stay 0 (coarse()) and
/// the time has whole seconds: exact identities come from the handle there (win32.h).
inline FileIdentity file_identity(const struct stat& st) {
  FileIdentity id;
#ifndef _WIN32
  id.dev = static_cast<unsigned long long>(st.st_dev);
  id.ino = static_cast<unsigned long long>(st.st_ino);
#endif
  id.size = static_cast<long long>(st.st_size);
  id.mtime_ns = mtime_ns(st);
  return id;
}

}  // namespace onshi
