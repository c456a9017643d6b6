// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The event loop (event_loop.h), Windows side (issue 17); event_loop.cc has the timers and idle
// sources and the Linux side. One WaitForMultipleObjects over: the console control event (the
// "signals"), every watched socket's WSAEventSelect event, every watched event handle (the
// watchers' wait_handle()). On Linux this file compiles to nothing.
#ifdef _WIN32
#include <winsock2.h>  // before windows.h
//
#include <windows.h>

#include <atomic>
#include <csignal>
#include <vector>

#include "common/error.h"
#include "common/win32.h"
#include "daemon/event_loop.h"

namespace onshi::daemon {
namespace {

// The console control handler runs on a thread of its own: it only records the "signal" and
// sets the event; the loop calls the handlers (as signalfd does on Linux).
HANDLE g_console_event = nullptr;    // manual reset; made once, lives as long as the process
HANDLE g_stopped_event = nullptr;    // set when a loop with signal handlers has ended
std::atomic<unsigned> g_pending{0};  // bit per signal number below 32
std::atomic<bool> g_service{false};  // set_service_process()

int signal_of(DWORD ctrl) {
  switch (ctrl) {
    case CTRL_C_EVENT:
      return SIGINT;
    case CTRL_BREAK_EVENT:
      return SIGHUP;  // reload, as SIGHUP on Linux (onshi_posix_win.h)
    default:
      return SIGTERM;  // CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT
  }
}

BOOL WINAPI on_console_control(DWORD ctrl) {
  // A service is told of every user's logoff: not ours to stop for (the next handler, the
  // system's default, ignores it for services).
  if (ctrl == CTRL_LOGOFF_EVENT && g_service) return FALSE;
  g_pending.fetch_or(1u << signal_of(ctrl));
  ::SetEvent(g_console_event);
  // Windows ends the process once this returns for a close, logoff or shutdown: give the loop
  // the time the system grants (5 s) to stop cleanly.
  if (ctrl == CTRL_CLOSE_EVENT || ctrl == CTRL_LOGOFF_EVENT || ctrl == CTRL_SHUTDOWN_EVENT)
    ::WaitForSingleObject(g_stopped_event, 4500);
  return TRUE;
}

[[noreturn]] void win_fail(const char* what) {
  throw Error(std::string(what) + ": " + win::last_error_text());
}

}  // namespace

EventLoop::EventLoop() {
  WSADATA wsa;
  if (::WSAStartup(MAKEWORD(2, 2), &wsa) != 0) throw Error("WSAStartup failed");
}

EventLoop::~EventLoop() {
  for (auto& [sock, ev] : socket_events_) {
    ::WSAEventSelect(static_cast<SOCKET>(sock), nullptr, 0);
    ::WSACloseEvent(ev);
  }
  if (!signal_handlers_.empty()) {
    ::SetConsoleCtrlHandler(on_console_control, FALSE);
    ::SetEvent(g_stopped_event);
  }
  ::WSACleanup();
}

void EventLoop::watch_fd(int fd, Callback cb) {
  // On Windows the descriptors the loop is given are sockets (the database's, PQsocket()).
  if (!socket_events_.count(fd)) {
    WSAEVENT ev = ::WSACreateEvent();
    if (ev == WSA_INVALID_EVENT) throw Error("WSACreateEvent failed");
    if (::WSAEventSelect(static_cast<SOCKET>(fd), ev, FD_READ | FD_CLOSE) != 0) {
      const int err = ::WSAGetLastError();
      ::WSACloseEvent(ev);
      throw Error("event loop: WSAEventSelect on " + std::to_string(fd) + ": " +
                  win::error_text(static_cast<unsigned long>(err)));
    }
    socket_events_[fd] = ev;
  }
  fds_[fd] = std::move(cb);
}

void EventLoop::unwatch_fd(int fd) {
  fds_.erase(fd);
  auto it = socket_events_.find(fd);
  if (it == socket_events_.end()) return;
  ::WSAEventSelect(static_cast<SOCKET>(fd), nullptr, 0);
  ::WSACloseEvent(it->second);
  socket_events_.erase(it);
}

void EventLoop::watch_handle(void* handle, Callback cb) {
  if (!handle) throw Error("event loop: no handle to wait on");
  handles_[handle] = std::move(cb);
}

void EventLoop::unwatch_handle(void* handle) {
  handles_.erase(handle);
}

void EventLoop::on_signal(int signo, Callback cb) {
  if (signo <= 0 || signo >= 32) throw Error("event loop: no such signal " + std::to_string(signo));
  if (!g_console_event) {
    g_console_event = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    g_stopped_event = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!g_console_event || !g_stopped_event) win_fail("CreateEvent");
  }
  if (signal_handlers_.empty()) {
    ::ResetEvent(g_stopped_event);
    if (!::SetConsoleCtrlHandler(on_console_control, TRUE)) win_fail("SetConsoleCtrlHandler");
  }
  signal_handlers_[signo] = std::move(cb);
}

void EventLoop::raise_signal(int signo) {
  if (signo <= 0 || signo >= 32) throw Error("event loop: no such signal " + std::to_string(signo));
  if (!g_console_event) throw Error("event loop: no signal handler to raise a signal for");
  g_pending.fetch_or(1u << signo);
  ::SetEvent(g_console_event);
}

void EventLoop::set_service_process(bool service) {
  g_service = service;
}

void EventLoop::handle_signals() {
  ::ResetEvent(g_console_event);
  const unsigned pending = g_pending.exchange(0);
  for (int s = 1; s < 32 && running_; ++s) {
    if (!(pending & (1u << s))) continue;
    auto it = signal_handlers_.find(s);
    if (it != signal_handlers_.end()) it->second();
  }
}

void EventLoop::wait_once(int timeout_ms) {
  std::vector<HANDLE> wait;
  if (!signal_handlers_.empty()) wait.push_back(g_console_event);
  for (auto& [fd, ev] : socket_events_) wait.push_back(ev);
  for (auto& [h, cb] : handles_) wait.push_back(static_cast<HANDLE>(h));
  if (wait.size() > MAXIMUM_WAIT_OBJECTS)
    throw Error("event loop: more than " + std::to_string(MAXIMUM_WAIT_OBJECTS) + " handles");
  const DWORD timeout = timeout_ms < 0 ? INFINITE : static_cast<DWORD>(timeout_ms);
  DWORD r = wait.empty() ? (::Sleep(timeout), WAIT_TIMEOUT)
                         : ::WaitForMultipleObjects(static_cast<DWORD>(wait.size()), wait.data(),
                                                    FALSE, timeout);
  if (r == WAIT_FAILED) win_fail("WaitForMultipleObjects");
  if (r == WAIT_TIMEOUT) return;
  // Everything signalled now, not only the first (none is starved by a busy one).
  if (!signal_handlers_.empty() && ::WaitForSingleObject(g_console_event, 0) == WAIT_OBJECT_0)
    handle_signals();
  std::vector<std::pair<int, WSAEVENT>> sockets(socket_events_.begin(), socket_events_.end());
  for (auto& [fd, ev] : sockets) {
    if (!running_) return;
    if (::WaitForSingleObject(ev, 0) != WAIT_OBJECT_0) continue;
    WSANETWORKEVENTS ne{};
    ::WSAEnumNetworkEvents(static_cast<SOCKET>(fd), ev, &ne);  // resets the event
    auto it = fds_.find(fd);
    if (it != fds_.end()) {
      Callback cb = it->second;  // the callback may unwatch its own socket
      cb();
    }
  }
  std::vector<void*> ready;
  for (auto& [h, cb] : handles_)
    if (::WaitForSingleObject(static_cast<HANDLE>(h), 0) == WAIT_OBJECT_0) ready.push_back(h);
  for (void* h : ready) {
    if (!running_) return;
    auto it = handles_.find(h);
    if (it != handles_.end()) {
      Callback cb = it->second;
      cb();
    }
  }
}

void EventLoop::run() {
  running_ = true;
  while (running_) {
    wait_once(next_timeout_ms());
    if (running_) fire_due_timers();
    for (std::size_t i = 0; i < idle_sources_.size() && running_; ++i) idle_sources_[i].second();
  }
  if (!signal_handlers_.empty()) ::SetEvent(g_stopped_event);
}

}  // namespace onshi::daemon
#endif
