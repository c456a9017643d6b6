// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Windows (mingw-w64) counterparts of what log.cc uses of syslog and of the systemd journal, so
/// that log.cc builds unchanged: syslog is the Windows event log there (log_win.cc: openlog()
/// registers the event source named by the ident, syslog() reports one event per line with
/// ReportEventW, closelog() deregisters); there is no journal. Included by log.cc only, under
/// _WIN32.

#include <cstddef>
#include <cstdio>
#include <string>

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

/// Registers the event source `ident` (the program or service name; `onshi-exchanged.exe
/// --install-service` registers it with the message table of the program, so that the Event
/// Viewer shows the text). Options and facility are ignored.
void openlog(const char* ident, int option, int facility);
void closelog();
/// One event in the Application log: type error (LOG_ERR), warning (LOG_WARNING) or
/// information (others), event ID log::win_event_id(), the formatted text as its one string.
void syslog(int priority, const char* format, ...) __attribute__((format(printf, 2, 3)));
/// No journal on Windows: never taken (configure() finds no $JOURNAL_STREAM device either).
inline int sd_journal_sendv(const struct iovec*, int) {
  return -1;
}

namespace onshi::log {
/// Opens `path` (UTF-8) for appending as fopen(path, "ab") does, but shared for reading, writing
/// and deleting: the file can be renamed away (rotated) while the engine writes it; the engine
/// opens a new one on reload. nullptr with errno set on failure.
std::FILE* win_fopen_append(const std::string& path);
/// The event ID of a line of syslog priority `priority` in the message table of
/// windows/onshi_events.mc (its text is the line itself, "%1"): 1 error, 2 warning,
/// 3 information, 4 debug.
unsigned long win_event_id(int priority);
}  // namespace onshi::log
