// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// libpq RAII and the SQLSTATE-class exception hierarchy against a real server.
#include "db/connection.h"

#include <cppunit/extensions/HelperMacros.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "common/clock.h"
#include "db/db_error.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"

namespace onshi::test {

class ConnectionTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ConnectionTest);
  CPPUNIT_TEST(testMissingServer);
  CPPUNIT_TEST(testWrongCredentials);
  CPPUNIT_TEST(testUnknownDatabase);
  CPPUNIT_TEST(testSqlStateClasses);
  CPPUNIT_TEST(testParamsAndBytea);
  CPPUNIT_TEST(testTransactionRollsBackOnScopeExit);
  CPPUNIT_TEST(testCommitAfterFailedStatementThrows);
  CPPUNIT_TEST(testSessionDayIsTheProcessDay);
  CPPUNIT_TEST(testDeferredStatementsGoWithTheNext);
  CPPUNIT_TEST(testFailedDeferredStatementStopsTheNext);
  CPPUNIT_TEST(testDeferredPreparedStatements);
  CPPUNIT_TEST(testDeferredResultKept);
  CPPUNIT_TEST(testBatchRunsInOrderAndStopsAtAFailure);
  CPPUNIT_TEST_SUITE_END();

 public:
  /// One local day: whatever the server's `timezone`, a session of ours computes the day in this
  /// process's zone. Kiritimati (UTC+14) and Pago Pago (UTC-11) are always on different dates, so
  /// no server setting can satisfy both unless the session follows the process; a POSIX rule and
  /// a name the server does not know (glibc reads it as UTC; the session gets the offset) too.
  void testSessionDayIsTheProcessDay() {
    TestDatabase tdb(HostSchema::none);
    const char* old = std::getenv("TZ");
    const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
    std::string kiritimati, pago;
    for (const char* zone :
         {"Pacific/Kiritimati", "Pacific/Pago_Pago", "JST-9", ":Asia/Tokyo", "Nowhere/Atlantis"}) {
      setenv("TZ", zone, 1);
      tzset();
      const std::string before = local_date8(std::time(nullptr));
      db::Connection c(tdb.conninfo());
      const std::string day = c.exec("SELECT to_char(localtimestamp, 'YYYYMMDD')").text(0, 0);
      const std::string after = local_date8(std::time(nullptr));
      CPPUNIT_ASSERT_MESSAGE(std::string(zone) + ": session day " + day + ", process day " + before,
                             day == before || day == after);
      if (std::string(zone) == "Pacific/Kiritimati") kiritimati = day;
      if (std::string(zone) == "Pacific/Pago_Pago") pago = day;
    }
    if (saved)
      setenv("TZ", saved->c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
    CPPUNIT_ASSERT(kiritimati != pago);
  }

  void testMissingServer() {
    try {
      db::Connection c("host=/nonexistent-onshi-socket-dir port=5999 dbname=x connect_timeout=2");
      CPPUNIT_FAIL("connected to a server that does not exist");
    } catch (const db::AuthenticationError&) {
      CPPUNIT_FAIL("a missing server must not be reported as bad credentials");
    } catch (const db::ConnectionError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_MESSAGE(m, m.find("cannot connect to PostgreSQL") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("/nonexistent-onshi-socket-dir") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("is the server running") != std::string::npos);
    }
  }

  void testWrongCredentials() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    // pg-tmp's pg_hba.conf makes this role (only) authenticate with a password.
    c->exec(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onshi_pwtest') "
        "THEN CREATE ROLE onshi_pwtest LOGIN PASSWORD 'Right-pw-1'; END IF; END $$");
    try {
      db::Connection bad(tdb.conninfo() + " user=onshi_pwtest password=wrong-pw");
      CPPUNIT_FAIL("a wrong password was accepted");
    } catch (const db::AuthenticationError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_MESSAGE(m, m.find("refused the credentials") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("onshi_pwtest") != std::string::npos);
    }
    db::Connection good(tdb.conninfo() + " user=onshi_pwtest password=Right-pw-1");
    CPPUNIT_ASSERT_EQUAL(std::string("onshi_pwtest"), scalar(good, "SELECT current_user"));
  }

  void testUnknownDatabase() {
    CPPUNIT_ASSERT_THROW(db::Connection("dbname=onshi_no_such_database"), db::ConnectionError);
  }

  void testSqlStateClasses() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY, v int CHECK (v > 0))");
    c->exec("INSERT INTO t VALUES (1, 1)");
    try {
      c->exec("INSERT INTO t VALUES (1, 2)");
      CPPUNIT_FAIL("duplicate key accepted");
    } catch (const db::UniqueViolation& e) {
      CPPUNIT_ASSERT_EQUAL(std::string("23505"), e.sqlstate());
      CPPUNIT_ASSERT(std::string(e.query()).find("INSERT INTO t") != std::string::npos);
    }
    CPPUNIT_ASSERT_THROW(c->exec("INSERT INTO t VALUES (2, -1)"), db::CheckViolation);
    CPPUNIT_ASSERT_THROW(c->exec("SELECT 1/0"), db::DataException);
    CPPUNIT_ASSERT_THROW(c->exec("SELECT * FROM no_such_table"), db::UndefinedTable);
    CPPUNIT_ASSERT_THROW(c->exec("SELEC 1"), db::SyntaxOrAccessError);
    // A class the code has no subclass for still carries its SQLSTATE.
    try {
      c->exec("DO $$ BEGIN RAISE EXCEPTION 'custom' USING ERRCODE = 'P0001'; END $$");
      CPPUNIT_FAIL("no exception");
    } catch (const db::SqlError& e) {
      CPPUNIT_ASSERT_EQUAL(std::string("P0001"), e.sqlstate());
      CPPUNIT_ASSERT(std::string(e.what()).find("custom") != std::string::npos);
    }
    // After errors outside a transaction the connection stays usable.
    CPPUNIT_ASSERT_EQUAL(std::string("1"), scalar(*c, "SELECT count(*) FROM t"));
  }

  void testParamsAndBytea() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    const std::string bytes("a\0b\xff'\\", 6);
    db::Result r = c->exec("SELECT $1::bytea, $2::text, $3::int + 1, $4::text IS NULL",
                           {db::Param::binary(bytes), "it's", 41, db::Param()});
    CPPUNIT_ASSERT_EQUAL(bytes, r.bytes(0, 0));
    CPPUNIT_ASSERT_EQUAL(std::string("it's"), r.text(0, 1));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(42), r.integer(0, 2));
    CPPUNIT_ASSERT_EQUAL(std::string("t"), r.text(0, 3));
    CPPUNIT_ASSERT_THROW(r.text(1, 0), db::DbError);
    CPPUNIT_ASSERT_THROW(r.integer(0, 1), db::DataException);
    // Japanese text round-trips in UTF-8 whatever the server's encoding.
    const std::string name =
        "\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88\xE3\x80\x80\xE5\xA4\xAA\xE9\x83\x8E";
    CPPUNIT_ASSERT_EQUAL(name, c->exec("SELECT $1::text", {name}).text(0, 0));
  }

  void testTransactionRollsBackOnScopeExit() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int)");
    try {
      db::Transaction tx(*c);
      c->exec("INSERT INTO t VALUES (1)");
      throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0"), scalar(*c, "SELECT count(*) FROM t"));
    {
      db::Transaction tx(*c);
      c->exec("INSERT INTO t VALUES (2)");
      tx.commit();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("1"), scalar(*c, "SELECT count(*) FROM t"));
  }

  void testCommitAfterFailedStatementThrows() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY)");
    db::Transaction tx(*c);
    c->exec("INSERT INTO t VALUES (1)");
    CPPUNIT_ASSERT_THROW(c->exec("INSERT INTO t VALUES (1)"), db::UniqueViolation);
    CPPUNIT_ASSERT_THROW(tx.commit(), db::DbError);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), scalar(*c, "SELECT count(*) FROM t"));
  }

  /// defer(): the statements run before the next one (prepared, with parameters, or plain), in
  /// its round trip; a deferred BEGIN opens the transaction that statement runs in.
  void testDeferredStatementsGoWithTheNext() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY)");
    {
      db::Transaction tx(*c, db::Transaction::deferred_begin);
      c->defer("SAVEPOINT s");
      CPPUNIT_ASSERT_EQUAL(1L, c->exec_prepared("INSERT INTO t VALUES ($1)", {1}).affected());
      CPPUNIT_ASSERT(!c->deferred_failed());
      c->defer("ROLLBACK TO SAVEPOINT s");
      c->defer("RELEASE SAVEPOINT s");
      CPPUNIT_ASSERT_EQUAL(1L, c->exec("INSERT INTO t VALUES ($1)", {2}).affected());
      c->defer("SAVEPOINT s2");
      c->exec("INSERT INTO t VALUES (3)");
      tx.commit();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("2,3"),
                         scalar(*c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM t"));
    {  // rolled back as a whole: the deferred BEGIN did open a transaction
      db::Transaction tx(*c, db::Transaction::deferred_begin);
      c->exec_prepared("INSERT INTO t VALUES ($1)", {4});
    }
    CPPUNIT_ASSERT_EQUAL(std::string("2"), scalar(*c, "SELECT count(*) FROM t"));
    {  // a transaction with no statement at all
      db::Transaction tx(*c, db::Transaction::deferred_begin);
    }
    CPPUNIT_ASSERT_EQUAL(std::string("2"), scalar(*c, "SELECT count(*) FROM t"));
  }

  /// A deferred statement that fails: its error is thrown, the statement after it did not run,
  /// deferred_failed() says so, and the connection serves the next statement.
  void testFailedDeferredStatementStopsTheNext() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY)");
    db::Transaction tx(*c);
    c->exec("INSERT INTO t VALUES (1)");
    c->exec("SAVEPOINT s");
    c->defer("RELEASE SAVEPOINT no_such_savepoint");
    CPPUNIT_ASSERT_THROW(c->exec_prepared("INSERT INTO t VALUES ($1)", {2}), db::SqlError);
    CPPUNIT_ASSERT(c->deferred_failed());
    c->exec("ROLLBACK TO SAVEPOINT s");
    // The statement's own failure is not the deferred one's.
    c->defer("SAVEPOINT s");
    CPPUNIT_ASSERT_THROW(c->exec_prepared("INSERT INTO t VALUES ($1)", {1}), db::UniqueViolation);
    CPPUNIT_ASSERT(!c->deferred_failed());
    c->exec("ROLLBACK TO SAVEPOINT s");
    CPPUNIT_ASSERT_EQUAL(1L, c->exec_prepared("INSERT INTO t VALUES ($1)", {3}).affected());
    tx.commit();
    CPPUNIT_ASSERT_EQUAL(std::string("1,3"),
                         scalar(*c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM t"));
  }

  /// defer_prepared(): a statement with parameters (a binary one given as a view, whose bytes
  /// are gone by the time it is sent) runs before the next call of any kind, prepared once; its
  /// failure is thrown by that call, which did not run; a transaction whose ROLLBACK met the
  /// failure is still rolled back.
  void testDeferredPreparedStatements() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY, b bytea)");
    const std::string upsert = "INSERT INTO t VALUES ($1, $2::bytea)";
    {
      db::Transaction tx(*c, db::Transaction::deferred_begin);
      {
        std::string bytes("a\0b", 3);
        c->defer_prepared(upsert, {1, db::Param::binary_view(bytes)});
        bytes.assign("zzz");
      }
      // The next call sees the row: exec_prepared, exec with parameters, a batch, plain exec.
      CPPUNIT_ASSERT_EQUAL(std::string("1"),
                           c->exec_prepared("SELECT count(*) FROM t", {}).text(0, 0));
      c->defer_prepared(upsert, {2, db::Param()});
      CPPUNIT_ASSERT_EQUAL(std::string("2"), c->exec("SELECT count(*) FROM t", {}).text(0, 0));
      c->defer_prepared(upsert, {3, db::Param()});
      CPPUNIT_ASSERT_EQUAL(std::string("3"),
                           c->exec_prepared_batch({{"SELECT count(*) FROM t", {}}})[0].text(0, 0));
      c->defer("SAVEPOINT s");
      c->defer_prepared(upsert, {4, db::Param()});
      c->exec("RELEASE SAVEPOINT s; INSERT INTO t VALUES (5)");  // several statements, no params
      CPPUNIT_ASSERT(!c->deferred_failed());
      tx.commit();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("1,2,3,4,5"),
                         scalar(*c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM t"));
    CPPUNIT_ASSERT_EQUAL(std::string("\\x610062"), scalar(*c, "SELECT b FROM t WHERE id = 1"));
    {  // failed: thrown by the next call, which did not run
      db::Transaction tx(*c);
      c->defer_prepared(upsert, {1, db::Param()});
      CPPUNIT_ASSERT_THROW(c->exec_prepared("INSERT INTO t VALUES ($1)", {6}), db::UniqueViolation);
      CPPUNIT_ASSERT(c->deferred_failed());
    }
    {  // failed in front of the ROLLBACK of the transaction's end: rolled back all the same
      db::Transaction tx(*c);
      c->exec("INSERT INTO t VALUES (7)");
      c->defer_prepared(upsert, {1, db::Param()});
    }
    {  // failed in front of the COMMIT: thrown by commit(), the transaction ended all the same
      db::Transaction tx(*c);
      c->exec("INSERT INTO t VALUES (8)");
      c->defer_prepared(upsert, {1, db::Param()});
      CPPUNIT_ASSERT_THROW(tx.commit(), db::UniqueViolation);
    }
    CPPUNIT_ASSERT_EQUAL(PQTRANS_IDLE, PQtransactionStatus(c->raw()));
    CPPUNIT_ASSERT_EQUAL(std::string("1,2,3,4,5"),
                         scalar(*c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM t"));
    // Prepared once, on the server, for all of these calls.
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         scalar(*c,
                                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE "
                                "'INSERT INTO t VALUES ($1, $2::bytea)'"));
  }

  /// defer_prepared_result(): the result is kept once the statement ran with the next call (or
  /// at flush()); its failure is that call's own (deferred_failed() stays false).
  void testDeferredResultKept() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY)");
    const std::string insert = "INSERT INTO t VALUES ($1) ON CONFLICT DO NOTHING RETURNING id";
    db::Transaction tx(*c);
    db::Connection::ResultSlot one = c->defer_prepared_result(insert, {1});
    CPPUNIT_ASSERT(!*one);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         c->exec_prepared("SELECT count(*) FROM t", {}).text(0, 0));
    CPPUNIT_ASSERT(*one);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), (*one)->text(0, 0));
    db::Connection::ResultSlot again = c->defer_prepared_result(insert, {1});
    c->flush();
    CPPUNIT_ASSERT(*again);
    CPPUNIT_ASSERT_EQUAL(0, (*again)->rows());  // claimed before: no row
    c->flush();                                 // nothing deferred: nothing sent
    c->exec("SAVEPOINT s");
    db::Connection::ResultSlot bad = c->defer_prepared_result("SELECT 1 / $1::int", {0});
    CPPUNIT_ASSERT_THROW(c->exec_prepared("SELECT 1", {}), db::SqlError);
    CPPUNIT_ASSERT(!c->deferred_failed());
    CPPUNIT_ASSERT(!*bad);
    c->exec("ROLLBACK TO SAVEPOINT s");
    tx.commit();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), scalar(*c, "SELECT count(*) FROM t"));
  }

  /// exec_prepared_batch(): results in order, the same statement twice prepared once; after a
  /// failure the later statements do not run and the connection stays usable.
  void testBatchRunsInOrderAndStopsAtAFailure() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    c->exec("CREATE TABLE t (id int PRIMARY KEY)");
    std::vector<db::Result> r = c->exec_prepared_batch(
        {{"SELECT $1::int * 2", {21}}, {"SELECT $1::int * 2", {5}}, {"SELECT 'x'::text", {}}});
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.size());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(42), r[0].integer(0, 0));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(10), r[1].integer(0, 0));
    CPPUNIT_ASSERT_EQUAL(std::string("x"), r[2].text(0, 0));
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         scalar(*c,
                                "SELECT count(*) FROM pg_prepared_statements WHERE "
                                "statement IN ('SELECT $1::int * 2', 'SELECT ''x''::text')"));
    {
      db::Transaction tx(*c);
      CPPUNIT_ASSERT_THROW(c->exec_prepared_batch({{"INSERT INTO t VALUES ($1)", {1}},
                                                   {"INSERT INTO t VALUES ($1)", {1}},
                                                   {"INSERT INTO t VALUES ($1)", {2}}}),
                           db::UniqueViolation);
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0"), scalar(*c, "SELECT count(*) FROM t"));
    // Outside a transaction the batch is one implicit transaction: all of it or nothing.
    CPPUNIT_ASSERT_THROW(c->exec_prepared_batch({{"INSERT INTO t VALUES ($1)", {7}},
                                                 {"SELECT no_such_column FROM t", {}},
                                                 {"INSERT INTO t VALUES ($1)", {8}}}),
                         db::SyntaxOrAccessError);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), scalar(*c, "SELECT count(*) FROM t"));
    r = c->exec_prepared_batch({{"INSERT INTO t VALUES ($1)", {9}}});
    CPPUNIT_ASSERT_EQUAL(1L, r[0].affected());
    CPPUNIT_ASSERT_EQUAL(std::string("9"), scalar(*c, "SELECT string_agg(id::text, ',') FROM t"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConnectionTest);

}  // namespace onshi::test
