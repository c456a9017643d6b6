// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi-admin migrate / enable / disable / status / purge / password: output and exit statuses,
// including a missing server, wrong credentials, an unknown facility and a schema mismatch.
#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "db/pg_test_support.h"

namespace onshi::test {

namespace {
struct Run {
  int status;
  std::string out, err;
};

using Command = int (*)(const std::vector<std::string>&, std::ostream&, std::ostream&);

Run run(Command cmd, const TestDatabase& tdb, std::vector<std::string> args) {
  args.push_back("--dbname");
  args.push_back(tdb.conninfo());
  std::ostringstream out, err;
  int status = cmd(args, out, err);
  return {status, out.str(), err.str()};
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}
}  // namespace

class AdminCommandsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AdminCommandsTest);
  CPPUNIT_TEST(testMigrate);
  CPPUNIT_TEST(testEnableStatusDisable);
  CPPUNIT_TEST(testUnknownFacility);
  CPPUNIT_TEST(testMissingServer);
  CPPUNIT_TEST(testWrongCredentials);
  CPPUNIT_TEST(testSchemaMismatch);
  CPPUNIT_TEST(testPurgeAndPassword);
  CPPUNIT_TEST(testUsageErrors);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testMigrate() {
    TestDatabase tdb(HostSchema::seeded);
    Run dry = run(admin::run_migrate, tdb, {"--dry-run"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(dry.err, 0, dry.status);
    CPPUNIT_ASSERT_MESSAGE(dry.out, contains(dry.out, "pending 0001_host_extensions"));
    CPPUNIT_ASSERT_MESSAGE(dry.out, contains(dry.out, "dry run: nothing changed"));
    Run first = run(admin::run_migrate, tdb, {});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(first.err, 0, first.status);
    CPPUNIT_ASSERT(contains(first.out, "applied 0001_host_extensions"));
    CPPUNIT_ASSERT(
        contains(first.out, "schema version 0 -> " + std::to_string(db::program_schema_version())));
    Run second = run(admin::run_migrate, tdb, {});
    CPPUNIT_ASSERT_EQUAL(0, second.status);
    CPPUNIT_ASSERT_MESSAGE(second.out, contains(second.out, "up to date"));
  }

  void testEnableStatusDisable() {
    TestDatabase tdb(HostSchema::migrated);
    Run empty = run(admin::run_status, tdb, {});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(empty.err, 0, empty.status);
    CPPUNIT_ASSERT(contains(empty.out, "no facility enabled yet"));
    // The institution code defaults to the one the host records.
    Run en = run(admin::run_enable, tdb,
                 {"--hospnum", "1", "--share", "/srv/oqs/", "--retention-months", "6", "--encoding",
                  "Shift_JIS", "--after-import", "move", "--move-dir", "/srv/moved"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(en.err, 0, en.status);
    CPPUNIT_ASSERT_MESSAGE(
        en.out, contains(en.out, "facility 1: enabled (institution 1312345678, share /srv/oqs)"));
    {
      auto c = tdb.connect();
      c->exec(
          "INSERT INTO onshi_job (hospnum, kind, state) VALUES (1, 'OQSsiquc01req', 'pending'), "
          "(1, 'OQSsiquc01req', 'pending'), (1, 'OQSsiimm01req', 'failed')");
      c->exec(
          "UPDATE onshi_job SET last_error = 'no answer after 5 attempts' WHERE state = 'failed'");
      c->exec(
          "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, "
          "size_bytes, state, refusal, error) VALUES (1, 'face', 'OQSsiquc01res_face_bad.xml', "
          "sha256('x'), 1, 'refused', 'malformed', 'premature end of data')");
    }
    Run st = run(admin::run_status, tdb, {"--hospnum", "1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(st.err, 0, st.status);
    CPPUNIT_ASSERT_MESSAGE(
        st.out,
        contains(st.out, "schema version: " + std::to_string(db::program_schema_version())));
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "facility 1: enabled"));
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "req /srv/oqs/req"));
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "request encoding Shift_JIS"));
    CPPUNIT_ASSERT_MESSAGE(st.out,
                           contains(st.out, "retention 6 months, after import move to /srv/moved"));
    CPPUNIT_ASSERT_MESSAGE(st.out,
                           contains(st.out, "queue: pending 2, sent 0, answered 0, failed 1"));
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "face  refused  OQSsiquc01res_face_bad.xml"));
    CPPUNIT_ASSERT_MESSAGE(
        st.out,
        contains(st.out, "file OQSsiquc01res_face_bad.xml: malformed: premature end of data"));
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "OQSsiimm01req: no answer after 5 attempts"));
    // A second enable keeps the settings it is not given.
    Run again = run(admin::run_enable, tdb, {"--hospnum", "1", "--batch-time", "16:30"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(again.err, 0, again.status);
    st = run(admin::run_status, tdb, {"--hospnum", "1"});
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "batch time 16:30, retention 6 months"));

    // Succession: the predecessor's code is set, shown, validated and removed again.
    CPPUNIT_ASSERT(!contains(st.out, "predecessor institution code"));
    Run pred = run(admin::run_enable, tdb, {"--hospnum", "1", "--predecessor-code", "2712345671"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pred.err, 0, pred.status);
    st = run(admin::run_status, tdb, {"--hospnum", "1"});
    CPPUNIT_ASSERT_MESSAGE(
        st.out, contains(st.out, "predecessor institution code (succession): 2712345671"));
    Run bad_pred = run(admin::run_enable, tdb, {"--hospnum", "1", "--predecessor-code", "27123"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitConfig, bad_pred.status);
    CPPUNIT_ASSERT_MESSAGE(
        bad_pred.err, contains(bad_pred.err, "predecessor institution code must be 10 digits"));
    pred = run(admin::run_enable, tdb, {"--hospnum", "1", "--predecessor-code", ""});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pred.err, 0, pred.status);
    st = run(admin::run_status, tdb, {"--hospnum", "1"});
    CPPUNIT_ASSERT_MESSAGE(st.out, !contains(st.out, "predecessor institution code"));

    Run dis = run(admin::run_disable, tdb, {"--hospnum", "1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(dis.err, 0, dis.status);
    st = run(admin::run_status, tdb, {});
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "facility 1: DISABLED"));
  }

  void testUnknownFacility() {
    TestDatabase tdb(HostSchema::migrated);
    Run en = run(admin::run_enable, tdb, {"--hospnum", "3", "--share", "/srv/oqs"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitUnknownFacility, en.status);
    CPPUNIT_ASSERT_MESSAGE(en.err, contains(en.err, "unknown facility hospnum 3"));
    Run dis = run(admin::run_disable, tdb, {"--hospnum", "3"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitUnknownFacility, dis.status);
    CPPUNIT_ASSERT_MESSAGE(dis.err, contains(dis.err, "unknown facility hospnum 3"));
    Run st = run(admin::run_status, tdb, {"--hospnum", "3"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitUnknownFacility, st.status);
    Run wrong = run(admin::run_enable, tdb,
                    {"--hospnum", "1", "--share", "/srv/oqs", "--institution-code", "2712345671"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitConfig, wrong.status);
    CPPUNIT_ASSERT_MESSAGE(wrong.err, contains(wrong.err, "does not match"));
  }

  void testMissingServer() {
    std::ostringstream out, err;
    int status = admin::run_status(
        {"--dbname", "host=/nonexistent-onshi-dir port=5999 dbname=orca connect_timeout=2"}, out,
        err);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUnavailable, status);
    CPPUNIT_ASSERT_MESSAGE(err.str(), contains(err.str(), "cannot connect to PostgreSQL"));
    CPPUNIT_ASSERT_MESSAGE(err.str(), contains(err.str(), "/nonexistent-onshi-dir"));
    status = admin::run_migrate({"-d", "host=/nonexistent-onshi-dir port=5999"}, out, err);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUnavailable, status);
  }

  void testWrongCredentials() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    c->exec(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onshi_pwtest') "
        "THEN CREATE ROLE onshi_pwtest LOGIN PASSWORD 'Right-pw-1'; END IF; END $$");
    std::ostringstream out, err;
    int status = admin::run_status(
        {"--dbname", tdb.conninfo() + " user=onshi_pwtest password=wrong"}, out, err);
    CPPUNIT_ASSERT_EQUAL(admin::kExitNoPermission, status);
    CPPUNIT_ASSERT_MESSAGE(err.str(), contains(err.str(), "refused the credentials"));
    CPPUNIT_ASSERT_MESSAGE(err.str(), !contains(err.str(), "password=wrong"));
  }

  void testSchemaMismatch() {
    TestDatabase tdb(HostSchema::seeded);
    const std::string prog = std::to_string(db::program_schema_version());
    Run st = run(admin::run_status, tdb, {});
    CPPUNIT_ASSERT_EQUAL(admin::kExitConfig, st.status);
    CPPUNIT_ASSERT_MESSAGE(st.err, contains(st.err, "database schema version 0"));
    CPPUNIT_ASSERT_MESSAGE(st.err, contains(st.err, "needs schema version " + prog));
    Run en = run(admin::run_enable, tdb, {"--hospnum", "1", "--share", "/srv/oqs"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitConfig, en.status);
    CPPUNIT_ASSERT_MESSAGE(en.err, contains(en.err, "onshi-admin migrate"));
  }

  void testPurgeAndPassword() {
    TestDatabase tdb(HostSchema::migrated);
    CPPUNIT_ASSERT_EQUAL(
        0, run(admin::run_enable, tdb, {"--hospnum", "1", "--share", "/srv/oqs"}).status);
    {
      auto c = tdb.connect();
      c->exec(
          "INSERT INTO onshi_confirmation (hospnum, source, kind, confirmation_date, created_at) "
          "VALUES (1, 'face', 'OQSsiquc01res', '20240101', now() - interval '13 months'), "
          "(1, 'face', 'OQSsiquc01res', '20250601', now())");
    }
    Run p = run(admin::run_purge, tdb, {"--dry-run"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(p.err, 0, p.status);
    CPPUNIT_ASSERT_MESSAGE(p.out,
                           contains(p.out, "facility 1: would remove (older than 12 months"));
    CPPUNIT_ASSERT_MESSAGE(p.out, contains(p.out, "): 1 confirmations"));
    p = run(admin::run_purge, tdb, {});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(p.err, 0, p.status);
    CPPUNIT_ASSERT_MESSAGE(p.out, contains(p.out, "facility 1: removed"));
    {
      auto c = tdb.connect();
      CPPUNIT_ASSERT_EQUAL(std::string("1"), scalar(*c, "SELECT count(*) FROM onshi_confirmation"));
    }
    std::istringstream in("Plugin-Pass-9\n");
    std::ostringstream out, err;
    int status = admin::run_password({"--hospnum", "1", "-d", tdb.conninfo()}, in, out, err);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(err.str(), 0, status);
    CPPUNIT_ASSERT(!contains(out.str(), "Plugin-Pass-9"));
    Run st = run(admin::run_status, tdb, {});
    CPPUNIT_ASSERT_MESSAGE(st.out, contains(st.out, "plugin password: set"));
  }

  void testUsageErrors() {
    TestDatabase tdb(HostSchema::migrated);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run(admin::run_enable, tdb, {"--share", "/x"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run(admin::run_enable, tdb, {"--hospnum", "1"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage,
                         run(admin::run_disable, tdb, {"--hospnum", "one"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run(admin::run_status, tdb, {"--bogus"}).status);
    Run bad = run(admin::run_enable, tdb,
                  {"--hospnum", "1", "--share", "/srv", "--retention-months", "24"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitConfig, bad.status);
    CPPUNIT_ASSERT_MESSAGE(bad.err, contains(bad.err, "6 to 12 months"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AdminCommandsTest);

}  // namespace onshi::test
