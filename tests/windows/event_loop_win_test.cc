// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The engine's event loop on Windows (plugin/daemon/event_loop_win.cc), run under wine by
// tests/windows/run_windows_tests.sh: the cases of the Linux suite (tests/unit/event_loop_test.cc)
// with an event handle in place of a pipe and a TCP socket through WSAEventSelect.
// Usage: event_loop_win_tests.exe [CASE]
#include <winsock2.h>  // before windows.h
//
#include <windows.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "daemon/event_loop.h"
#include "windows/mini_unit.h"

namespace {

using namespace std::chrono_literals;
using onshi::daemon::EventLoop;

void timersFireInOrder() {
  EventLoop loop;
  std::string order;
  loop.add_timer(30ms, [&] { order += "b"; });
  loop.add_timer(10ms, [&] { order += "a"; });
  loop.add_timer(50ms, [&] {
    order += "c";
    loop.stop();
  });
  loop.run();
  CPPUNIT_ASSERT_EQUAL(std::string("abc"), order);
}

void cancelledTimerDoesNotFire() {
  EventLoop loop;
  bool fired = false;
  auto id = loop.add_timer(10ms, [&] { fired = true; });
  loop.cancel_timer(id);
  loop.add_timer(40ms, [&] { loop.stop(); });
  loop.run();
  CPPUNIT_ASSERT(!fired);
}

void handleSignalled() {
  EventLoop loop;
  HANDLE ev = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
  int calls = 0;
  loop.watch_handle(ev, [&] {
    ::ResetEvent(ev);
    if (++calls == 2) loop.stop();
  });
  loop.add_timer(5ms, [&] { ::SetEvent(ev); });
  loop.add_timer(30ms, [&] { ::SetEvent(ev); });
  loop.add_timer(5000ms, [&] { loop.stop(); });  // safety net
  loop.run();
  CPPUNIT_ASSERT_EQUAL(2, calls);
  loop.unwatch_handle(ev);
  ::CloseHandle(ev);
}

void socketReadable() {
  EventLoop loop;  // (WSAStartup)
  SOCKET listener = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  CPPUNIT_ASSERT_EQUAL(0, ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr));
  int len = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  CPPUNIT_ASSERT_EQUAL(0, ::listen(listener, 1));
  SOCKET client = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  CPPUNIT_ASSERT_EQUAL(0, ::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr));
  SOCKET server = ::accept(listener, nullptr, nullptr);
  CPPUNIT_ASSERT(server != INVALID_SOCKET);
  const int fd = static_cast<int>(server);  // as PQsocket() gives it
  std::string got;
  loop.watch_fd(fd, [&] {
    char buf[16];
    const int n = ::recv(server, buf, sizeof buf, 0);
    if (n > 0) got.append(buf, static_cast<std::size_t>(n));
    if (got == "ping") {
      loop.unwatch_fd(fd);
      loop.stop();
    }
  });
  loop.add_timer(5ms, [&] { CPPUNIT_ASSERT_EQUAL(4, ::send(client, "ping", 4, 0)); });
  loop.add_timer(5000ms, [&] { loop.stop(); });
  loop.run();
  CPPUNIT_ASSERT_EQUAL(std::string("ping"), got);
  ::closesocket(client);
  ::closesocket(server);
  ::closesocket(listener);
}

// The service manager's stop and parameter-change controls arrive on another thread
// (plugin/daemon/service_win.cc): raise_signal() hands them to the loop's handlers.
void raisedSignalFromAnotherThread() {
  EventLoop loop;
  int hups = 0, terms = 0;
  std::thread::id handled_on;
  loop.on_signal(SIGHUP, [&] { ++hups; });
  loop.on_signal(SIGTERM, [&] {
    ++terms;
    handled_on = std::this_thread::get_id();
    loop.stop();
  });
  std::thread other([] {
    EventLoop::raise_signal(SIGHUP);
    ::Sleep(20);
    EventLoop::raise_signal(SIGTERM);
  });
  loop.add_timer(5000ms, [&] { loop.stop(); });
  loop.run();
  other.join();
  CPPUNIT_ASSERT_EQUAL(1, hups);
  CPPUNIT_ASSERT_EQUAL(1, terms);
  CPPUNIT_ASSERT(handled_on == std::this_thread::get_id());
}

void idleSourceBoundsTheWait() {
  EventLoop loop;
  int wakes = 0;
  loop.add_idle_source([] { return 5; },
                       [&] {
                         if (++wakes == 5) loop.stop();
                       });
  loop.add_timer(5000ms, [&] { loop.stop(); });
  auto start = std::chrono::steady_clock::now();
  loop.run();
  CPPUNIT_ASSERT_EQUAL(5, wakes);
  CPPUNIT_ASSERT(std::chrono::steady_clock::now() - start < 4000ms);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  return onshi::test::mini::run_cases(
      {
          {"timersFireInOrder", timersFireInOrder},
          {"cancelledTimerDoesNotFire", cancelledTimerDoesNotFire},
          {"handleSignalled", handleSignalled},
          {"socketReadable", socketReadable},
          {"raisedSignalFromAnotherThread", raisedSignalFromAnotherThread},
          {"idleSourceBoundsTheWait", idleSourceBoundsTheWait},
      },
      only);
}
