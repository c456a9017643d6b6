// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The daemon's single event loop: file descriptors (inotify, sockets),
/// timers and signals (through signalfd, so no work ever runs in a signal handler) all arrive
/// as events on one epoll instance and are handled one at a time on one thread. On Windows
/// (event_loop_win.cc) the same with WaitForMultipleObjects: event handles (the watcher's
/// wait_handle()), sockets through WSAEventSelect, and console control events as signals
/// (Ctrl+C: SIGINT; Ctrl+Break: SIGHUP, i.e. reload; closing the console, logoff, shutdown:
/// SIGTERM).

#include <chrono>
#include <functional>
#include <map>
#include <vector>

namespace onshi::daemon {

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;
  using Callback = std::function<void()>;
  using TimerId = unsigned long;

  /// Creates the epoll instance. Signals given to on_signal() are blocked for the whole process
  /// (call before starting threads) and delivered through a signalfd.
  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  /// Calls `cb` whenever `fd` is readable. @throws onshi::Error
  void watch_fd(int fd, Callback cb);
  /// Stops watching `fd` (no-op if not watched).
  void unwatch_fd(int fd);

  /// Windows: calls `cb` whenever the event HANDLE `handle` is signalled (a watcher's
  /// wait_handle(); the callback resets it). On Linux there are none (Watcher::wait_handle() is
  /// null): @throws onshi::Error
  void watch_handle(void* handle, Callback cb);
  void unwatch_handle(void* handle);

  /// Calls `cb` once after `delay`. @return an id for cancel_timer()
  TimerId add_timer(std::chrono::milliseconds delay, Callback cb);
  void cancel_timer(TimerId id);

  /// Calls `cb` (on the loop) each time `signo` arrives. @throws onshi::Error
  void on_signal(int signo, Callback cb);

  /// Delivers `signo` to the loops' handler of it (on_signal()) as if it had come from outside;
  /// callable from any thread. Linux: kill(2) to this process (the signalfd takes it). Windows:
  /// what a console control event does (service_win.cc: the service manager's stop, shutdown
  /// and parameter-change controls become SIGTERM and SIGHUP). @throws onshi::Error
  static void raise_signal(int signo);
  /// Windows: this process is a service. A user's logoff (CTRL_LOGOFF_EVENT, sent to services
  /// too) is then no reason to stop; shutdown comes as the service manager's control. Linux:
  /// nothing.
  static void set_service_process(bool service);

  /// A function asked before every wait for how long the loop may sleep at most (ms, -1 = no
  /// limit), and called after every wake-up: lets a component with its own deadlines (the
  /// polling watcher) take part without owning a timer.
  void add_idle_source(std::function<int()> timeout_ms, Callback after_wake);

  /// Runs until stop() is called (from a callback). Exceptions from callbacks propagate.
  void run();
  /// Asks run() to return after the current callback.
  void stop() { running_ = false; }
  bool running() const { return running_; }

 private:
  void handle_signals();
  int next_timeout_ms();
  void fire_due_timers();

  int epoll_fd_ = -1;   // Windows: unused
  int signal_fd_ = -1;  // Windows: unused
#ifdef _WIN32
  void wait_once(int timeout_ms);
  std::map<int, void*> socket_events_;  ///< watched sockets: their WSAEventSelect event
  std::map<void*, Callback> handles_;   ///< watched event handles
#endif
  std::vector<int> signals_;
  std::map<int, Callback> fds_;
  std::map<int, Callback> signal_handlers_;
  std::multimap<Clock::time_point, std::pair<TimerId, Callback>> timers_;
  std::vector<std::pair<std::function<int()>, Callback>> idle_sources_;
  TimerId next_timer_id_ = 1;
  bool running_ = false;
};

}  // namespace onshi::daemon
