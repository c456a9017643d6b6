// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// ORCA's own maintenance, played after `onshi-admin migrate` (spec/orca52-host.md section 5):
// positional COPY/INSERT into the host tables its update scripts write that way, tables dropped
// and re-created from ORCA's definition, its password tool's DELETE+INSERT of a tbl_passwd row,
// its settings screen deleting system-management 1051 rows by kanricd alone, and its registration
// writing an insurance row again. Everything must keep working, ours and ORCA's.
#include <cppunit/extensions/HelperMacros.h>
#include <libpq-fe.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "db/connection.h"
#include "db/facility.h"
#include "db/flow_env.h"
#include "db/pg_test_support.h"
#include "host/confirmation.h"
#include "store/auto_check.h"
#include "support/fixtures.h"

namespace onshi::test {
namespace {

/// COPY ... FROM STDIN with `data` (text format), as ORCA's update scripts load tables.
void copy_in(db::Connection& conn, const std::string& copy, const std::string& data) {
  PGconn* c = conn.raw();
  PGresult* r = PQexec(c, copy.c_str());
  const bool ready = PQresultStatus(r) == PGRES_COPY_IN;
  std::string error = ready ? "" : PQresultErrorMessage(r);
  PQclear(r);
  if (!ready) throw std::runtime_error(copy + ": " + error);
  if (PQputCopyData(c, data.data(), static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(c, nullptr) != 1)
    throw std::runtime_error(copy + ": " + PQerrorMessage(c));
  std::string failure;
  while (PGresult* res = PQgetResult(c)) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK) failure = PQresultErrorMessage(res);
    PQclear(res);
  }
  if (!failure.empty()) throw std::runtime_error(copy + ": " + failure);
}

/// The host table definition exactly as the reference host (ORCA 5.2's shape) has it.
std::string orca_create_table(const std::string& table) {
  const std::string schema = read_all(source_file("tests/host/reference_host_schema.sql"));
  const std::string head = "CREATE TABLE " + table + " (";
  std::size_t start = schema.find(head);
  if (start == std::string::npos) throw std::runtime_error("no definition of " + table);
  std::size_t end = schema.find(");", start);
  return schema.substr(start, end + 2 - start);
}

/// Columns of a table in physical order: name, type, nullability, default.
std::string columns(db::Connection& conn, const std::string& table) {
  db::Result r = conn.exec(
      "SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || "
      "  CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || "
      "  coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum) "
      "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped",
      {table});
  return r.text(0, 0);
}

const std::vector<std::string>& host_tables() {
  static const std::vector<std::string> t = {
      "tbl_ptinf",    "tbl_ptnum",   "tbl_pthkninf", "tbl_pthknrrk",   "tbl_ptkohinf",
      "tbl_hkncombi", "tbl_uketuke", "tbl_yyk",      "tbl_syskanri",   "tbl_sysuser",
      "tbl_passwd",   "tbl_dbkanri", "tbl_sysbase",  "tbl_monthlynum", "tbl_tsyrrk",
      "tbl_tnkrrk",   "tbl_ptconf"};
  return t;
}

}  // namespace

class OrcaMaintenanceTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OrcaMaintenanceTest);
  CPPUNIT_TEST(testHostTablesKeepTheirShape);
  CPPUNIT_TEST(testOrcaCanDropAndRecreateItsTables);
  CPPUNIT_TEST(testPositionalCopyIntoSystemManagement);
  CPPUNIT_TEST(testPositionalInsertsOfTheUpdateScripts);
  CPPUNIT_TEST(testPasswordToolKeepsStaffPermissions);
  CPPUNIT_TEST(testSettingsScreenDeleteKeepsOurSettings);
  CPPUNIT_TEST(testRegistrationWritesTheInsuranceRowAgain);
  CPPUNIT_TEST(testEngineWorksAfterTheMaintenance);
  CPPUNIT_TEST_SUITE_END();

 public:
  /// No column, constraint, trigger or rule of ours on ORCA's tables: each host table is exactly
  /// what a host without onshi-link has (a 5.2 host: nothing added; edaban is ORCA's own).
  void testHostTablesKeepTheirShape() {
    TestDatabase pristine(HostSchema::seeded), migrated(HostSchema::migrated);
    auto a = pristine.connect();
    auto b = migrated.connect();
    for (const std::string& t : host_tables())
      CPPUNIT_ASSERT_EQUAL_MESSAGE(t, columns(*a, t), columns(*b, t));
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(*b,
               "SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
               "WHERE t.relname LIKE 'tbl\\_%' AND c.conname LIKE 'onshi%'"));
    // One trigger of ours, allowed explicitly: the automatic checks' AFTER trigger on
    // tbl_uketuke (sql/0022), which only queues and never fails ORCA's statement.
    CPPUNIT_ASSERT_EQUAL(
        std::string("tbl_uketuke.onshi_reception_queued"),
        scalar(*b,
               "SELECT string_agg(t.relname || '.' || g.tgname, ',') FROM pg_trigger g "
               "JOIN pg_class t ON t.oid = g.tgrelid "
               "WHERE t.relname LIKE 'tbl\\_%' AND NOT g.tgisinternal"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(*b,
               "SELECT count(*) FROM pg_rewrite r JOIN pg_class t ON t.oid = r.ev_class "
               "WHERE t.relname LIKE 'tbl\\_%'"));
    // No row of ours in ORCA's code tables.
    CPPUNIT_ASSERT_EQUAL(scalar(*a, "SELECT count(*) FROM tbl_syskanri"),
                         scalar(*b, "SELECT count(*) FROM tbl_syskanri"));
  }

  /// ORCA's update scripts drop and re-create host tables (tbl_ptinf, tbl_uketuke; tbl_ptnum by
  /// rename): nothing of ours may depend on them.
  void testOrcaCanDropAndRecreateItsTables() {
    TestDatabase d(HostSchema::migrated);
    auto c = d.connect();
    for (const std::string& t :
         {std::string("tbl_ptinf"), std::string("tbl_uketuke"), std::string("tbl_pthkninf"),
          std::string("tbl_ptkohinf"), std::string("tbl_monthlynum")}) {
      const std::string before = scalar(*c, "SELECT count(*) FROM " + t);
      c->exec("SELECT * INTO " + t + "wk FROM " + t);
      c->exec("DROP TABLE " + t);  // no CASCADE: fails if anything of ours depends on it
      c->exec(orca_create_table(t));
      c->exec("INSERT INTO " + t + " SELECT * FROM " + t + "wk");
      c->exec("DROP TABLE " + t + "wk");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(t, before, scalar(*c, "SELECT count(*) FROM " + t));
    }
    // tbl_ptnum: renamed to a work table, re-created, filled with SELECT *, work table dropped.
    c->exec("ALTER TABLE tbl_ptnum RENAME TO wrk_ptnum");
    c->exec("ALTER INDEX IF EXISTS idx_ptnum_ptnum RENAME TO wrk_idx_ptnum_ptnum");
    c->exec(
        "ALTER TABLE wrk_ptnum RENAME CONSTRAINT tbl_ptnum_primary_key TO wrk_ptnum_primary_key");
    c->exec(orca_create_table("tbl_ptnum"));
    c->exec("INSERT INTO tbl_ptnum SELECT * FROM wrk_ptnum");
    c->exec("DROP TABLE wrk_ptnum");
  }

  void testPositionalCopyIntoSystemManagement() {
    TestDatabase d(HostSchema::migrated);
    auto c = d.connect();
    // 11 fields per row, as ORCA's update scripts load tbl_syskanri (hospnum 0 = template rows).
    copy_in(*c, "COPY tbl_syskanri FROM STDIN",
            "5014\t*\t00000000\t99999999\t0001\torca\tormaster\t20250401\t20250401\t093000\t0\n");
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         scalar(*c, "SELECT count(*) FROM tbl_syskanri WHERE hospnum = 0"));
    // ... then copied to every facility with an INSERT ... SELECT of 11 expressions.
    c->exec(
        "INSERT INTO tbl_syskanri SELECT s.kanricd, s.kbncd, s.styukymd, s.edyukymd, "
        "s.kanritbl, s.termid, s.opid, s.creymd, s.upymd, s.uphms, b.hospnum "
        "FROM tbl_syskanri s CROSS JOIN tbl_sysbase b WHERE s.hospnum = 0");
    c->exec("DELETE FROM tbl_syskanri WHERE hospnum = 0");
    CPPUNIT_ASSERT_EQUAL(scalar(*c, "SELECT count(*) FROM tbl_sysbase"),
                         scalar(*c, "SELECT count(*) FROM tbl_syskanri WHERE kanricd = '5014'"));
    // Whole-kanricd deletes of the update scripts leave our settings alone.
    c->exec("DELETE FROM tbl_syskanri WHERE kanricd = '5014'");
  }

  void testPositionalInsertsOfTheUpdateScripts() {
    TestDatabase d(HostSchema::migrated);
    auto c = d.connect();
    c->exec("DELETE FROM tbl_dbkanri");
    c->exec(
        "INSERT INTO tbl_dbkanri VALUES ('ORCADB00', '050200-1', 'S-050200-1-20251201-1', "
        "'S-050200-1-20251201-1', 'orcasv', 'ormaster', '20250401', '20251201', '120000')");
    copy_in(*c, "COPY tbl_dbkanri FROM STDIN",
            "ORCADB01\t050200-1\tS\tS\torcasv\tormaster\t20250401\t20251201\t120000\n");
    CPPUNIT_ASSERT_EQUAL(std::string("2"), scalar(*c, "SELECT count(*) FROM tbl_dbkanri"));
  }

  /// jma-passwd and the user API delete a user's tbl_passwd row and insert (userid, password):
  /// the permissions we keep for that user are ours, not columns of that row.
  void testPasswordToolKeepsStaffPermissions() {
    FlowEnv e;
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, false)");
    e.conn->exec("DELETE FROM tbl_passwd WHERE userid = 'doctor1'");
    e.conn->exec(
        "INSERT INTO tbl_passwd (userid, password) VALUES ('doctor1', "
        "'$1$abcdefgh$0123456789abcdefghijkl')");
    CPPUNIT_ASSERT_EQUAL(std::string("true|false"),
                         e.q("SELECT drug_view || '|' || checkup_view FROM onshi_staff_permission "
                             "WHERE hospnum = 1 AND userid = 'doctor1'"));
  }

  /// ORCA's settings screen deletes every 1051 row of the facility whose period contains a date,
  /// whatever its kbncd: our settings and the plugin password are not there.
  void testSettingsScreenDeleteKeepsOurSettings() {
    FlowEnv e;
    db::set_plugin_password(*e.conn, 1, "Secret-Pass-2026");
    e.conn->exec(
        "DELETE FROM tbl_syskanri WHERE hospnum = 1 AND kanricd = '1051' "
        "AND styukymd <= '20250612' AND edyukymd >= '20250612'");
    CPPUNIT_ASSERT(db::check_plugin_password(*e.conn, 1, "Secret-Pass-2026"));
    CPPUNIT_ASSERT(!db::check_plugin_password(*e.conn, 1, "wrong-password"));
    CPPUNIT_ASSERT(db::load_enabled_facility(*e.conn, 1).enabled);
  }

  /// ORCA's registration writes an insurance row with its record's columns: a 5.2 program writes
  /// edaban as its screen had it, an older one leaves it out (NULL). Either way card check-ins
  /// link, and a missing branch number reads as "not known".
  void testRegistrationWritesTheInsuranceRowAgain() {
    FlowEnv e;
    const std::string cols =
        "ptid, hknid, hknnum, hknjanum, hihknjaname, honkzkkbn, hojokbn, contkbn, kigo, num, "
        "skkgetymd, tekstymd, tekedymd, kakuninymd, sakjokbn, termid, opid, creymd, upymd, uphms, "
        "hospnum";
    e.conn->exec(
        "CREATE TEMP TABLE keep AS SELECT * FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101");
    e.conn->exec("DELETE FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101");
    e.conn->exec("INSERT INTO tbl_pthkninf (" + cols + ") SELECT " + cols + " FROM keep");
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM tbl_pthkninf WHERE hospnum = "
                                               "1 AND ptid = 101 AND edaban IS NULL"));
    e.check_in("taro");
    CPPUNIT_ASSERT_EQUAL(std::string("linked|101"),
                         e.q("SELECT link_state || '|' || ptid FROM onshi_confirmation "
                             "ORDER BY confirmation_id DESC LIMIT 1"));
    // tbl_monthlynum re-created from ORCA's definition: the issue numbers are still copied.
    e.conn->exec("DROP TABLE tbl_monthlynum");
    e.conn->exec(orca_create_table("tbl_monthlynum"));
    const host::IssueNumberCopy copy =
        host::copy_issue_numbers(*e.conn, 1, 106, "12139999", "1234567",
                                 {{"0012345", "202506", "02"}}, host::Stamp{"20250612", "101500"});
    CPPUNIT_ASSERT_EQUAL(std::string(), copy.skipped);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM tbl_monthlynum"));
  }

  /// After all of it, the engine imports and links as before.
  void testEngineWorksAfterTheMaintenance() {
    FlowEnv e;
    // tbl_uketuke re-created: our trigger went with it, ORCA's receptions go on; it is missing
    // (the engine looks at the day's receptions itself) until installed again.
    e.conn->exec("SELECT * INTO tbl_uketukewk FROM tbl_uketuke");
    e.conn->exec("DROP TABLE tbl_uketuke");
    e.conn->exec(orca_create_table("tbl_uketuke"));
    e.conn->exec("INSERT INTO tbl_uketuke SELECT * FROM tbl_uketukewk");
    e.conn->exec("DROP TABLE tbl_uketukewk");
    CPPUNIT_ASSERT(!store::reception_trigger_installed(*e.conn));
    e.conn->exec(
        "INSERT INTO tbl_uketuke (ukeymd, ukeid, uketime, ptid, name, hospnum) "
        "VALUES (to_char(current_date, 'YYYYMMDD'), 901, '090000', 101, 'x', 1)");
    CPPUNIT_ASSERT(store::install_reception_trigger(*e.conn));
    CPPUNIT_ASSERT(store::reception_trigger_installed(*e.conn));
    e.conn->exec(
        "INSERT INTO tbl_uketuke (ukeymd, ukeid, uketime, ptid, name, hospnum) "
        "VALUES (to_char(current_date, 'YYYYMMDD'), 902, '090000', 102, 'x', 1)");
    e.conn->exec("SELECT * INTO tbl_ptinfwk FROM tbl_ptinf");
    e.conn->exec("DROP TABLE tbl_ptinf");
    e.conn->exec(orca_create_table("tbl_ptinf"));
    e.conn->exec("INSERT INTO tbl_ptinf SELECT * FROM tbl_ptinfwk");
    e.conn->exec("DROP TABLE tbl_ptinfwk");
    copy_in(*e.conn, "COPY tbl_syskanri FROM STDIN",
            "5015\t*\t00000000\t99999999\t0001\torca\tormaster\t20250401\t20250401\t093000\t1\n");
    e.check_in("taro");
    CPPUNIT_ASSERT_EQUAL(std::string("linked|101"),
                         e.q("SELECT link_state || '|' || ptid FROM onshi_confirmation "
                             "ORDER BY confirmation_id DESC LIMIT 1"));
    // tbl_monthlynum re-created from ORCA's definition: the issue numbers are still copied.
    e.conn->exec("DROP TABLE tbl_monthlynum");
    e.conn->exec(orca_create_table("tbl_monthlynum"));
    const host::IssueNumberCopy copy =
        host::copy_issue_numbers(*e.conn, 1, 106, "12139999", "1234567",
                                 {{"0012345", "202506", "02"}}, host::Stamp{"20250612", "101500"});
    CPPUNIT_ASSERT_EQUAL(std::string(), copy.skipped);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM tbl_monthlynum"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OrcaMaintenanceTest);

}  // namespace onshi::test
