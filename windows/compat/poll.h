// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// <poll.h> for the Windows build (windows/compat/ is on its include path): poll() on sockets is
/// WSAPoll (Windows Vista and later), which is what plugin/db waits on (the server's socket).
#include <winsock2.h>

inline int poll(struct pollfd* fds, unsigned long n, int timeout_ms) {
  return ::WSAPoll(fds, n, timeout_ms);
}
