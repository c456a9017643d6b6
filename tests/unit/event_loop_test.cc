// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "daemon/event_loop.h"

#include <cppunit/extensions/HelperMacros.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace onshi::test {

using namespace std::chrono_literals;

class EventLoopTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EventLoopTest);
  CPPUNIT_TEST(testTimersFireInOrder);
  CPPUNIT_TEST(testCancelledTimerDoesNotFire);
  CPPUNIT_TEST(testFdReadable);
  CPPUNIT_TEST(testSignalsArriveAsEvents);
  CPPUNIT_TEST(testRaisedSignalFromAnotherThread);
  CPPUNIT_TEST(testIdleSourceBoundsTheWait);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testTimersFireInOrder() {
    daemon::EventLoop loop;
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

  void testCancelledTimerDoesNotFire() {
    daemon::EventLoop loop;
    bool fired = false;
    auto id = loop.add_timer(10ms, [&] { fired = true; });
    loop.cancel_timer(id);
    loop.add_timer(40ms, [&] { loop.stop(); });
    loop.run();
    CPPUNIT_ASSERT(!fired);
  }

  void testFdReadable() {
    daemon::EventLoop loop;
    int p[2];
    CPPUNIT_ASSERT_EQUAL(0, ::pipe(p));
    std::string got;
    loop.watch_fd(p[0], [&] {
      char buf[16];
      ssize_t n = ::read(p[0], buf, sizeof buf);
      got.assign(buf, static_cast<std::size_t>(n));
      loop.unwatch_fd(p[0]);
      loop.stop();
    });
    loop.add_timer(5ms, [&] { CPPUNIT_ASSERT(::write(p[1], "ping", 4) == 4); });
    loop.add_timer(5000ms, [&] { loop.stop(); });  // safety net
    loop.run();
    CPPUNIT_ASSERT_EQUAL(std::string("ping"), got);
    ::close(p[0]);
    ::close(p[1]);
  }

  void testSignalsArriveAsEvents() {
    int hups = 0;
    {
      daemon::EventLoop loop;
      loop.on_signal(SIGHUP, [&] { ++hups; });
      loop.on_signal(SIGUSR1, [&] { loop.stop(); });
      loop.add_timer(5ms, [] { ::kill(::getpid(), SIGHUP); });
      loop.add_timer(30ms, [] { ::kill(::getpid(), SIGUSR1); });
      loop.add_timer(5000ms, [&] { loop.stop(); });
      loop.run();
    }
    CPPUNIT_ASSERT_EQUAL(1, hups);
    // The loop unblocked the signals again when it went away.
    sigset_t blocked;
    ::sigprocmask(SIG_BLOCK, nullptr, &blocked);
    CPPUNIT_ASSERT(!sigismember(&blocked, SIGHUP));
  }

  void testRaisedSignalFromAnotherThread() {
    daemon::EventLoop loop;
    int terms = 0;
    std::thread::id handled_on;
    loop.on_signal(SIGTERM, [&] {
      ++terms;
      handled_on = std::this_thread::get_id();
      loop.stop();
    });
    // (as the Windows service's control handler does, on the dispatcher's thread)
    std::thread other([] { daemon::EventLoop::raise_signal(SIGTERM); });
    loop.add_timer(5000ms, [&] { loop.stop(); });
    loop.run();
    other.join();
    CPPUNIT_ASSERT_EQUAL(1, terms);
    CPPUNIT_ASSERT(handled_on == std::this_thread::get_id());
  }

  void testIdleSourceBoundsTheWait() {
    daemon::EventLoop loop;
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventLoopTest);

}  // namespace onshi::test
