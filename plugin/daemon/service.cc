// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// service.h on Linux: no Windows service manager here (systemd runs the engine). main() asks
// supported() and refuses the service options; the rest is never called. service_win.cc is the
// Windows side.
#ifndef _WIN32
#include "daemon/service.h"

#include <stdexcept>

namespace onshi::daemon::service {

bool supported() {
  return false;
}

int install(const std::string&, const std::vector<std::string>&) {
  throw std::logic_error("Windows services exist on Windows only");
}

int uninstall(const std::string&) {
  throw std::logic_error("Windows services exist on Windows only");
}

int run(const std::string&, const std::function<int()>&) {
  throw std::logic_error("Windows services exist on Windows only");
}

bool active() {
  return false;
}

void notify(const std::string&) {}

}  // namespace onshi::daemon::service
#endif
