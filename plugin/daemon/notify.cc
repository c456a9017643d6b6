// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "daemon/notify.h"

#ifndef _WIN32
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#endif

#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "config.h"
#include "daemon/service.h"
#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace onshi::daemon {

#ifdef _WIN32
// No systemd on Windows: the service manager is told instead when the engine runs as a service
// (service_win.cc: READY=1 -> SERVICE_RUNNING, STOPPING=1 -> SERVICE_STOP_PENDING).
int notify_socket_send(const char*, const std::string&) {
  return 0;
}

bool notify_systemd(const std::string& state) {
  service::notify(state);
  return service::active();
}

std::string reloading_state() {
  return "RELOADING=1";
}
#else
int notify_socket_send(const char* socket_name, const std::string& state) {
  if (!socket_name || !*socket_name) return 0;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::size_t len = std::strlen(socket_name);
  // A path, or an abstract socket ('@' stands for the leading NUL); nothing else is ours to use
  // (libsystemd also knows vsock addresses, for virtual machines).
  if ((socket_name[0] != '/' && socket_name[0] != '@') || len < 2 || len > sizeof addr.sun_path)
    return -1;
  if (socket_name[0] == '/' && len == sizeof addr.sun_path) return -1;  // no room for the NUL
  std::memcpy(addr.sun_path, socket_name, len);
  if (socket_name[0] == '@') addr.sun_path[0] = '\0';
  const socklen_t addr_len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + len +
                                                    (socket_name[0] == '/' ? 1 : 0));
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const ssize_t sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&addr), addr_len);
  ::close(fd);
  return sent == static_cast<ssize_t>(state.size()) ? 1 : -1;
}

bool notify_systemd(const std::string& state) {
  // 0: not under systemd ($NOTIFY_SOCKET unset); < 0: a bad address or the send failed. The
  // environment is kept (unset_environment 0): every later state goes to the same socket.
#ifdef HAVE_LIBSYSTEMD
  return ::sd_notify(0, state.c_str()) > 0;
#else
  return notify_socket_send(std::getenv("NOTIFY_SOCKET"), state) > 0;
#endif
}

std::string reloading_state() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  long long usec = static_cast<long long>(ts.tv_sec) * 1000000LL + ts.tv_nsec / 1000;
  return "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec);
}
#endif

}  // namespace onshi::daemon
