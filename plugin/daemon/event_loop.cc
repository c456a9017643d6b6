// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The event loop (event_loop.h): timers and idle sources here for both systems; epoll and
// signalfd below for Linux; event_loop_win.cc is the Windows side (WaitForMultipleObjects).
#include "daemon/event_loop.h"

#ifndef _WIN32
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace onshi::daemon {

EventLoop::TimerId EventLoop::add_timer(std::chrono::milliseconds delay, Callback cb) {
  TimerId id = next_timer_id_++;
  timers_.emplace(Clock::now() + delay, std::make_pair(id, std::move(cb)));
  return id;
}

void EventLoop::cancel_timer(TimerId id) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it)
    if (it->second.first == id) {
      timers_.erase(it);
      return;
    }
}

void EventLoop::add_idle_source(std::function<int()> timeout_ms, Callback after_wake) {
  idle_sources_.emplace_back(std::move(timeout_ms), std::move(after_wake));
}

int EventLoop::next_timeout_ms() {
  int timeout = -1;
  if (!timers_.empty()) {
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(timers_.begin()->first - Clock::now())
            .count();
    timeout = ms <= 0 ? 0 : static_cast<int>(std::min<long long>(ms + 1, 60000));
  }
  for (auto& [source, _] : idle_sources_) {
    int t = source();
    if (t >= 0 && (timeout < 0 || t < timeout)) timeout = t;
  }
  return timeout;
}

void EventLoop::fire_due_timers() {
  Clock::time_point now = Clock::now();
  while (!timers_.empty() && timers_.begin()->first <= now) {
    Callback cb = std::move(timers_.begin()->second.second);
    timers_.erase(timers_.begin());
    cb();
    if (!running_) return;
  }
}

#ifndef _WIN32
namespace {

[[noreturn]] void os_fail(const char* what) {
  throw Error(std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

EventLoop::EventLoop() {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) os_fail("epoll_create1");
}

EventLoop::~EventLoop() {
  if (signal_fd_ >= 0) ::close(signal_fd_);
  if (!signals_.empty()) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : signals_) sigaddset(&set, s);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
  }
  ::close(epoll_fd_);
}

void EventLoop::watch_fd(int fd, Callback cb) {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (::epoll_ctl(epoll_fd_, fds_.count(fd) ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) != 0)
    os_fail("epoll_ctl");
  fds_[fd] = std::move(cb);
}

void EventLoop::unwatch_fd(int fd) {
  if (fds_.erase(fd)) ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::watch_handle(void*, Callback) {
  throw Error("event loop: waiting on a Windows handle on Linux");
}

void EventLoop::unwatch_handle(void*) {}

void EventLoop::on_signal(int signo, Callback cb) {
  signal_handlers_[signo] = std::move(cb);
  if (std::find(signals_.begin(), signals_.end(), signo) == signals_.end())
    signals_.push_back(signo);
  sigset_t set;
  sigemptyset(&set);
  for (int s : signals_) sigaddset(&set, s);
  if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0) os_fail("sigprocmask");
  int fd = ::signalfd(signal_fd_, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) os_fail("signalfd");
  if (signal_fd_ < 0) {
    signal_fd_ = fd;
    watch_fd(signal_fd_, [this] { handle_signals(); });
  }
}

void EventLoop::raise_signal(int signo) {
  if (::kill(::getpid(), signo) != 0) os_fail("kill");
}

void EventLoop::set_service_process(bool) {}

void EventLoop::handle_signals() {
  signalfd_siginfo info;
  while (::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    auto it = signal_handlers_.find(static_cast<int>(info.ssi_signo));
    if (it != signal_handlers_.end()) it->second();
  }
}

void EventLoop::run() {
  running_ = true;
  epoll_event events[32];
  while (running_) {
    int n = ::epoll_wait(epoll_fd_, events, 32, next_timeout_ms());
    if (n < 0) {
      if (errno == EINTR) continue;
      os_fail("epoll_wait");
    }
    for (int i = 0; i < n && running_; ++i) {
      auto it = fds_.find(events[i].data.fd);
      if (it != fds_.end()) {
        Callback cb = it->second;  // the callback may unwatch its own fd
        cb();
      }
    }
    if (running_) fire_due_timers();
    for (std::size_t i = 0; i < idle_sources_.size() && running_; ++i) idle_sources_[i].second();
  }
}

#endif

}  // namespace onshi::daemon
