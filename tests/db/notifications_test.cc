// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// LISTEN/NOTIFY on our connections (db/notifications.h) against a real server.
#include "db/notifications.h"

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <string>
#include <thread>

#include "db/connection.h"
#include "db/db_error.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"

namespace onshi::test {

class NotificationsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(NotificationsTest);
  CPPUNIT_TEST(testDeliveredAfterCommitOnly);
  CPPUNIT_TEST(testOnlyListenedChannels);
  CPPUNIT_TEST(testWaitReturnsWhatArrivesLater);
  CPPUNIT_TEST(testWaitWithoutNotificationReturnsEmpty);
  CPPUNIT_TEST(testKeptAcrossStatements);
  CPPUNIT_TEST(testBrokenConnectionThrows);
  CPPUNIT_TEST_SUITE_END();

 public:
  /// A notification sent inside a transaction arrives at its commit, and not at all after a
  /// rollback; duplicates in one transaction are folded by the server.
  void testDeliveredAfterCommitOnly() {
    TestDatabase tdb(HostSchema::none);
    auto listener = tdb.connect();
    auto sender = tdb.connect();
    db::listen(*listener, "onshi_test");
    {
      db::Transaction tx(*sender);
      sender->exec("SELECT pg_notify('onshi_test', '7')");
      sender->exec("SELECT pg_notify('onshi_test', '7')");
      CPPUNIT_ASSERT(db::wait_notifications(*listener, 200).empty());
      tx.commit();
    }
    auto got = db::wait_notifications(*listener, 10000);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("onshi_test"), got[0].channel);
    CPPUNIT_ASSERT_EQUAL(std::string("7"), got[0].payload);
    CPPUNIT_ASSERT(got[0].backend_pid > 0);
    {
      db::Transaction tx(*sender);
      sender->exec("SELECT pg_notify('onshi_test', '8')");
    }  // rolled back
    CPPUNIT_ASSERT(db::wait_notifications(*listener, 300).empty());
  }

  void testOnlyListenedChannels() {
    TestDatabase tdb(HostSchema::none);
    auto listener = tdb.connect();
    auto sender = tdb.connect();
    db::listen(*listener, "onshi_a");
    db::listen(*listener, "onshi_b");
    db::unlisten(*listener, "onshi_b");
    sender->exec("SELECT pg_notify('onshi_b', 'x')");
    sender->exec("SELECT pg_notify('onshi_c', 'y')");
    sender->exec("SELECT pg_notify('onshi_a', 'z')");
    auto got = db::wait_notifications(*listener, 10000);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("onshi_a"), got[0].channel);
    CPPUNIT_ASSERT_EQUAL(std::string("z"), got[0].payload);
  }

  /// A wait that starts before the sender commits ends with the notification (the bound is far
  /// above the sender's delay; nothing here measures time).
  void testWaitReturnsWhatArrivesLater() {
    TestDatabase tdb(HostSchema::none);
    auto listener = tdb.connect();
    db::listen(*listener, "onshi_test");
    std::thread t([&tdb] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      auto sender = tdb.connect();
      sender->exec("SELECT pg_notify('onshi_test', '42')");
    });
    auto got = db::wait_notifications(*listener, 30000);
    t.join();
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("42"), got[0].payload);
  }

  void testWaitWithoutNotificationReturnsEmpty() {
    TestDatabase tdb(HostSchema::none);
    auto listener = tdb.connect();
    db::listen(*listener, "onshi_test");
    CPPUNIT_ASSERT(db::wait_notifications(*listener, 50).empty());
    CPPUNIT_ASSERT(db::take_notifications(*listener).empty());
    CPPUNIT_ASSERT(db::wait_notifications(*listener, 0).empty());
  }

  /// Notifications that arrive while the listener runs its own statements are not lost: libpq
  /// parses them with the statement's result and take_notifications() returns them afterwards.
  void testKeptAcrossStatements() {
    TestDatabase tdb(HostSchema::none);
    auto listener = tdb.connect();
    auto sender = tdb.connect();
    db::listen(*listener, "onshi_test");
    sender->exec("SELECT pg_notify('onshi_test', '1')");
    sender->exec("SELECT pg_notify('onshi_test', '2')");
    sender->exec("SELECT pg_sleep(0.1)");
    listener->exec("SELECT 1");  // reads the socket: the notifications are parsed here
    auto got = db::take_notifications(*listener);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), got[0].payload);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), got[1].payload);
    CPPUNIT_ASSERT(db::socket_of(*listener) >= 0);
  }

  void testBrokenConnectionThrows() {
    TestDatabase tdb(HostSchema::none);
    auto listener = tdb.connect();
    auto killer = tdb.connect();
    db::listen(*listener, "onshi_test");
    const std::string pid = listener->exec("SELECT pg_backend_pid()").text(0, 0);
    killer->exec("SELECT pg_terminate_backend(" + pid + ")");
    bool thrown = false;
    try {
      for (int i = 0; i < 100 && !thrown; ++i) db::wait_notifications(*listener, 100);
    } catch (const db::ConnectionError&) {
      thrown = true;
    }
    CPPUNIT_ASSERT(thrown);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NotificationsTest);

}  // namespace onshi::test
