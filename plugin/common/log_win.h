// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Windows (mingw-w64) stand-ins for what log.cc uses of syslog and of the systemd journal, so
/// that log.cc builds unchanged: on Windows lines go to standard error (and the test capture)
/// only; `to_syslog` and `journal` do nothing yet (the Windows event log is issue 17's next
/// step). Included by log.cc only, under _WIN32.

#include <cstddef>

#define LOG_ERR 3
#define LOG_WARNING 4
#define LOG_INFO 6
#define LOG_DEBUG 7
#define LOG_PID 0x01
#define LOG_NDELAY 0x08
#define LOG_DAEMON (3 << 3)
#ifndef STDERR_FILENO
#define STDERR_FILENO 2
#endif

struct iovec {
  void* iov_base;
  std::size_t iov_len;
};

inline void openlog(const char*, int, int) {}
inline void closelog() {}
inline void syslog(int, const char*, ...) {}
/// No journal on Windows: never taken (configure() finds no $JOURNAL_STREAM device either).
inline int sd_journal_sendv(const struct iovec*, int) {
  return -1;
}
