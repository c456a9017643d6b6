// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The Windows event log as log.cc's syslog (log_win.h). On Linux this file compiles to nothing.
#ifdef _WIN32
#include "common/log_win.h"

#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "common/win32.h"

namespace {
HANDLE g_source = nullptr;  // RegisterEventSourceW; guarded by log.cc's lock (write())
}  // namespace

namespace onshi::log {
std::FILE* win_fopen_append(const std::string& path) {
  HANDLE h = ::CreateFileW(onshi::win::wide(path).c_str(), FILE_APPEND_DATA,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    const DWORD e = ::GetLastError();
    errno = e == ERROR_ACCESS_DENIED                                 ? EACCES
            : e == ERROR_PATH_NOT_FOUND || e == ERROR_FILE_NOT_FOUND ? ENOENT
                                                                     : EIO;
    return nullptr;
  }
  const int fd = ::_open_osfhandle(reinterpret_cast<intptr_t>(h), _O_APPEND | _O_BINARY);
  if (fd < 0) {
    ::CloseHandle(h);
    errno = EIO;
    return nullptr;
  }
  std::FILE* f = ::_fdopen(fd, "ab");
  if (!f) ::_close(fd);
  return f;
}

unsigned long win_event_id(int priority) {
  switch (priority) {
    case LOG_ERR:
      return 1;
    case LOG_WARNING:
      return 2;
    case LOG_DEBUG:
      return 4;
    default:
      return 3;
  }
}
}  // namespace onshi::log

void openlog(const char* ident, int, int) {
  if (g_source) ::DeregisterEventSource(g_source);
  // Never fails for want of a registered source: Windows then logs the events with a note that
  // the description is missing (installing the service registers it).
  g_source = ::RegisterEventSourceW(nullptr, onshi::win::wide(ident ? ident : "onshi").c_str());
}

void closelog() {
  if (g_source) ::DeregisterEventSource(g_source);
  g_source = nullptr;
}

void syslog(int priority, const char* format, ...) {
  if (!g_source) return;
  va_list ap;
  va_start(ap, format);
  va_list ap2;
  va_copy(ap2, ap);
  const int n = std::vsnprintf(nullptr, 0, format, ap);
  va_end(ap);
  std::string text(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(&text[0], text.size() + 1, format, ap2);
  va_end(ap2);
  const std::wstring w = onshi::win::wide(text);  // the line is valid UTF-8 (escape_line())
  const wchar_t* strings[] = {w.c_str()};
  const WORD type = priority == LOG_ERR       ? EVENTLOG_ERROR_TYPE
                    : priority == LOG_WARNING ? EVENTLOG_WARNING_TYPE
                                              : EVENTLOG_INFORMATION_TYPE;
  ::ReportEventW(g_source, type, 0, onshi::log::win_event_id(priority), nullptr, 1, 0, strings,
                 nullptr);
}
#endif
