// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The few POSIX names our portable code uses that mingw-w64 lacks, for the Windows build only
/// (issue 17, README "Windows side"): force-included into every Windows object by Makefile.am
/// (`-include onshi_posix_win.h`, with windows/compat/ on the include path for <poll.h> and
/// <sys/sysmacros.h>), so that callers stay as they are. What is Linux-only in substance (the
/// event loop, the share's file operations, the watcher) has its own Windows side instead.
/// Paths stay UTF-8 inside the programs: they carry a manifest that makes UTF-8 the process code
/// page (windows/onshi.manifest), so the C runtime's char functions take UTF-8 paths; code
/// calling Win32 directly converts with onshi::win::wide() (common/win32.h).
#ifdef _WIN32
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC _O_NOINHERIT  // not inherited by child processes
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0  // files never block on Windows
#endif
#ifndef O_NOFOLLOW
// The C runtime's open() follows reparse points; what must not (the share, the watcher) opens
// through Win32 with FILE_FLAG_OPEN_REPARSE_POINT (exchange/share_win.cc, watch/watcher_win.cc).
#define O_NOFOLLOW 0
#endif
#ifndef ELOOP
#define ELOOP 114
#endif
// Signals the engine asks for; on Windows they are console control events (event_loop_win.cc):
// Ctrl+Break is SIGHUP (reload).
#ifndef SIGHUP
#define SIGHUP 1
#endif
#ifndef S_IFLNK
#define S_IFLNK 0xA000
#endif
#ifndef S_ISLNK
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#endif

inline struct tm* localtime_r(const time_t* t, struct tm* out) {
  return localtime_s(out, t) == 0 ? out : nullptr;
}
inline struct tm* gmtime_r(const time_t* t, struct tm* out) {
  return gmtime_s(out, t) == 0 ? out : nullptr;
}
/// mkdir(path, mode): Windows has no modes (the folder inherits its parent's ACL).
inline int mkdir(const char* path, int /*mode*/) {
  return _mkdir(path);
}
inline int fsync(int fd) {
  return _commit(fd);
}
/// lstat(): a reparse point (symbolic link, junction) is reported as S_IFLNK, never followed
/// (onshi_posix_win.cc).
int lstat(const char* path, struct stat* st);
/// No symbolic links are read on Windows.
inline long readlink(const char*, char*, unsigned long) {
  errno = EINVAL;
  return -1;
}
#endif
