// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "daemon/notify.h"

#include <systemd/sd-daemon.h>
#include <time.h>

namespace onshi::daemon {

bool notify_systemd(const std::string& state) {
  // 0: not under systemd ($NOTIFY_SOCKET unset); < 0: a bad address or the send failed. The
  // environment is kept (unset_environment 0): every later state goes to the same socket.
  return ::sd_notify(0, state.c_str()) > 0;
}

std::string reloading_state() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  long long usec = static_cast<long long>(ts.tv_sec) * 1000000LL + ts.tv_nsec / 1000;
  return "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec);
}

}  // namespace onshi::daemon
