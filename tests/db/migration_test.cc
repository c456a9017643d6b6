// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The migration chain: from empty, twice, every upgrade path, idempotent steps, refusals.
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "db/pg_test_support.h"

namespace onshi::test {

namespace {
const char* const kOurTables[] = {"onshi_schema_version",
                                  "onshi_facility",
                                  "onshi_job",
                                  "onshi_received_file",
                                  "onshi_confirmation",
                                  "onshi_consent",
                                  "onshi_certificate_detail",
                                  "onshi_reference_number",
                                  "onshi_drug_info",
                                  "onshi_drug_info_row",
                                  "onshi_checkup_info",
                                  "onshi_checkup_info_row",
                                  "onshi_audit",
                                  "onshi_staff_permission",
                                  "onshi_plugin_password"};

/// What the earlier migration 0001 (up to schema version 10) added to ORCA's tables: staff flags
/// in tbl_passwd, a password column (with a check) in tbl_syskanri. Kept here as the record of
/// such databases, for the upgrade test.
const char* const kVersion10HostAdditions =
    "ALTER TABLE tbl_passwd ADD COLUMN onshi_drug_view char(1) NOT NULL DEFAULT '0';"
    "ALTER TABLE tbl_passwd ADD COLUMN onshi_checkup_view char(1) NOT NULL DEFAULT '0';"
    "ALTER TABLE tbl_syskanri ADD COLUMN onshi_password_hash text;"
    "ALTER TABLE tbl_syskanri ADD CONSTRAINT tbl_syskanri_onshi_password_hashed CHECK "
    "  (onshi_password_hash IS NULL OR onshi_password_hash ~ '^\\$2[abxy]\\$[0-9]{2}\\$.{53}$');";

bool has_column(db::Connection& c, const std::string& table, const std::string& column) {
  return scalar(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = '" + table +
                       "' AND column_name = '" + column + "'") == "1";
}
}  // namespace

class MigrationTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MigrationTest);
  CPPUNIT_TEST(testChainIsContiguous);
  CPPUNIT_TEST(testMigrateFromEmpty);
  CPPUNIT_TEST(testMigrateTwice);
  CPPUNIT_TEST(testDryRunChangesNothing);
  CPPUNIT_TEST(testEveryUpgradePathEndsInTheSameSchema);
  CPPUNIT_TEST(testUpgradeKeepsData);
  CPPUNIT_TEST(testStepsAreIdempotent);
  CPPUNIT_TEST(testHostExtensionsOnlyWhenMissing);
  CPPUNIT_TEST(testBranchNumberAddedTheOrcaWay);
  CPPUNIT_TEST(testUpgradeFromVersion10MovesOurValuesOutOfOrcasTables);
  CPPUNIT_TEST(testRefusesANonHostDatabase);
  CPPUNIT_TEST(testFailedStepRollsBack);
  CPPUNIT_TEST(testSchemaVersionRefusal);
  CPPUNIT_TEST(testPasswordColumnRefusesClearText);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testChainIsContiguous() {
    auto chain = db::embedded_migrations();
    CPPUNIT_ASSERT(chain.size() >= 4);
    for (std::size_t i = 0; i < chain.size(); ++i) {
      CPPUNIT_ASSERT_EQUAL(static_cast<int>(i + 1), chain[i].version);
      char prefix[8];
      std::snprintf(prefix, sizeof prefix, "%04d_", chain[i].version);
      CPPUNIT_ASSERT_EQUAL(std::string(prefix), chain[i].name.substr(0, 5));
      CPPUNIT_ASSERT(chain[i].sql.find("BEGIN;") == std::string::npos);  // the runner owns txns
    }
    CPPUNIT_ASSERT_EQUAL(chain.back().version, db::program_schema_version());
  }

  void testMigrateFromEmpty() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    CPPUNIT_ASSERT_EQUAL(0, db::database_schema_version(*c));
    db::MigrationReport r = db::migrate(*c);
    CPPUNIT_ASSERT_EQUAL(0, r.from_version);
    CPPUNIT_ASSERT_EQUAL(db::program_schema_version(), r.to_version);
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(db::program_schema_version()), r.steps.size());
    CPPUNIT_ASSERT_EQUAL(db::program_schema_version(), db::database_schema_version(*c));
    for (const char* t : kOurTables)
      CPPUNIT_ASSERT_MESSAGE(
          t, scalar(*c, std::string("SELECT to_regclass('") + t + "') IS NOT NULL") == "t");
    CPPUNIT_ASSERT(has_column(*c, "tbl_pthkninf", "edaban"));
    // Nothing of ours in ORCA's tables.
    CPPUNIT_ASSERT(!has_column(*c, "tbl_passwd", "onshi_drug_view"));
    CPPUNIT_ASSERT(!has_column(*c, "tbl_passwd", "onshi_checkup_view"));
    CPPUNIT_ASSERT(!has_column(*c, "tbl_syskanri", "onshi_password_hash"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        scalar(*c, "SELECT count(*) FROM pg_extension WHERE extname = 'pgcrypto'"));
    db::require_schema_version(*c, "test");  // does not throw
    // Every table of ours carries hospnum (except the version table and child row tables).
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(
            *c,
            "SELECT count(*) FROM information_schema.tables t WHERE "
            "t.table_name LIKE 'onshi%' AND t.table_name NOT IN "
            "('onshi_schema_version', 'onshi_drug_info_row', "
            "'onshi_checkup_info_row', 'onshi_diagnosis_info_row') AND NOT EXISTS (SELECT 1 FROM "
            "information_schema.columns c WHERE c.table_name = "
            "t.table_name AND c.column_name = 'hospnum')"));
  }

  void testMigrateTwice() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    db::migrate(*c);
    const std::string before = schema_signature(*c);
    db::MigrationReport r = db::migrate(*c);
    CPPUNIT_ASSERT(r.steps.empty());
    CPPUNIT_ASSERT_EQUAL(r.from_version, r.to_version);
    CPPUNIT_ASSERT_EQUAL(before, schema_signature(*c));
    CPPUNIT_ASSERT_EQUAL(std::to_string(db::program_schema_version()),
                         scalar(*c, "SELECT count(*) FROM onshi_schema_version"));
  }

  void testDryRunChangesNothing() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    const std::string before = schema_signature(*c);
    db::MigrationReport r = db::migrate(*c, true);
    CPPUNIT_ASSERT(r.dry_run);
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(db::program_schema_version()), r.steps.size());
    CPPUNIT_ASSERT_EQUAL(before, schema_signature(*c));
    CPPUNIT_ASSERT_EQUAL(0, db::database_schema_version(*c));
    db::migrate(*c, false, 2);
    r = db::migrate(*c, true);
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(db::program_schema_version() - 2),
                         r.steps.size());
    CPPUNIT_ASSERT_EQUAL(3, r.steps.front().version);
    CPPUNIT_ASSERT_EQUAL(2, db::database_schema_version(*c));
  }

  void testEveryUpgradePathEndsInTheSameSchema() {
    std::string fresh;
    {
      TestDatabase tdb(HostSchema::reference);
      auto c = tdb.connect();
      db::migrate(*c);
      fresh = schema_signature(*c);
    }
    for (int from = 1; from < db::program_schema_version(); ++from) {
      TestDatabase tdb(HostSchema::reference);
      auto c = tdb.connect();
      db::MigrationReport first = db::migrate(*c, false, from);
      CPPUNIT_ASSERT_EQUAL(from, first.to_version);
      CPPUNIT_ASSERT_EQUAL(from, db::database_schema_version(*c));
      CPPUNIT_ASSERT_THROW(db::require_schema_version(*c, "test"), db::SchemaVersionError);
      db::MigrationReport rest = db::migrate(*c);
      CPPUNIT_ASSERT_EQUAL(from, rest.from_version);
      CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(db::program_schema_version() - from),
                           rest.steps.size());
      CPPUNIT_ASSERT_EQUAL_MESSAGE("upgrade from version " + std::to_string(from), fresh,
                                   schema_signature(*c));
    }
  }

  void testUpgradeKeepsData() {
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    db::migrate(*c, false, 2);
    c->exec(
        "INSERT INTO onshi_facility (hospnum, enabled, institution_code, share_dir) "
        "VALUES (1, true, '1312345678', '/srv/oqs')");
    c->exec("INSERT INTO onshi_job (hospnum, kind, ptid) VALUES (1, 'OQSsiquc01req', 101)");
    const std::string patients = scalar(*c, "SELECT count(*) FROM tbl_ptinf");
    db::migrate(*c);
    CPPUNIT_ASSERT_EQUAL(std::string("1312345678"),
                         scalar(*c, "SELECT institution_code FROM onshi_facility"));
    CPPUNIT_ASSERT_EQUAL(std::string("101"), scalar(*c, "SELECT ptid FROM onshi_job"));
    CPPUNIT_ASSERT_EQUAL(patients, scalar(*c, "SELECT count(*) FROM tbl_ptinf"));
  }

  void testStepsAreIdempotent() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    db::migrate(*c);
    const std::string before = schema_signature(*c);
    for (const db::Migration& m : db::embedded_migrations()) {
      try {
        c->exec("BEGIN");
        c->exec(m.sql);
        c->exec("COMMIT");
      } catch (const db::DbError& e) {
        c->exec("ROLLBACK");
        CPPUNIT_FAIL(m.name + " is not idempotent: " + e.what());
      }
    }
    CPPUNIT_ASSERT_EQUAL(before, schema_signature(*c));
  }

  void testHostExtensionsOnlyWhenMissing() {
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    // An ORCA 5.2 host already has edaban, with data: left exactly as it is.
    c->exec("UPDATE tbl_pthkninf SET edaban = '07' WHERE hospnum = 1 AND ptid = 101");
    const std::string before =
        scalar(*c,
               "SELECT string_agg(ptid || ':' || hknid || ':' || "
               "coalesce(edaban, 'NULL'), ',' ORDER BY 1) FROM tbl_pthkninf");
    db::migrate(*c);
    CPPUNIT_ASSERT_EQUAL(before,
                         scalar(*c,
                                "SELECT string_agg(ptid || ':' || hknid || ':' || "
                                "coalesce(edaban, 'NULL'), ',' ORDER BY 1) FROM tbl_pthkninf"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         scalar(*c,
                                "SELECT count(*) FROM information_schema.columns WHERE "
                                "table_name = 'tbl_pthkninf' AND column_name = 'edaban'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM onshi_staff_permission"));
  }

  /// An ORCA 5.1 host gets edaban exactly as ORCA 5.2.0-1 creates it: varchar(2), no default,
  /// '' on every existing row, the last column.
  void testBranchNumberAddedTheOrcaWay() {
    TestDatabase tdb(HostSchema::orca51);
    auto c = tdb.connect();
    c->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, "
        "sakjokbn) VALUES (1, 1, 1, '060', '138999', '', '1', ' ')");
    db::migrate(*c);
    CPPUNIT_ASSERT_EQUAL(std::string("character varying|2|YES||true"),
                         scalar(*c,
                                "SELECT data_type || '|' || character_maximum_length || '|' || "
                                "is_nullable || '|' || coalesce(column_default, '') || '|' || "
                                "(ordinal_position = (SELECT max(ordinal_position) FROM "
                                "information_schema.columns WHERE table_name = 'tbl_pthkninf')) "
                                "FROM information_schema.columns WHERE table_name = 'tbl_pthkninf' "
                                "AND column_name = 'edaban'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE edaban IS DISTINCT FROM ''"));
  }

  /// A database at schema version 10 (made by the earlier 0001, which put staff flags into
  /// tbl_passwd and the plugin password into tbl_syskanri) upgrades with its values kept in our
  /// tables and ORCA's tables back to their own shape.
  void testUpgradeFromVersion10MovesOurValuesOutOfOrcasTables() {
    std::string fresh;
    {
      TestDatabase tdb(HostSchema::seeded);
      auto c = tdb.connect();
      db::migrate(*c);
      fresh = schema_signature(*c);
    }
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    db::migrate(*c, false, 10);
    c->exec(kVersion10HostAdditions);
    c->exec("UPDATE tbl_passwd SET onshi_drug_view = '1' WHERE userid = 'doctor1'");
    c->exec("UPDATE tbl_passwd SET onshi_checkup_view = '1' WHERE userid = 'clerk2'");
    c->exec(
        "INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl, "
        "onshi_password_hash, opid, creymd, upymd, uphms) VALUES (1, '1051', 'ONSHILNK', "
        "'00000000', '99999999', '', crypt('Secret-Pass-2026', gen_salt('bf', 10)), 'onshi', "
        "'20250601', '20250601', '120000')");
    c->exec("UPDATE tbl_pthkninf SET edaban = NULL WHERE hospnum = 1 AND ptid = 102");
    const std::string orca_rows =
        scalar(*c, "SELECT count(*) FROM tbl_syskanri WHERE kbncd <> 'ONSHILNK'");

    db::MigrationReport r = db::migrate(*c);
    CPPUNIT_ASSERT_EQUAL(10, r.from_version);
    CPPUNIT_ASSERT_EQUAL(
        std::string("1|doctor1|true|false,2|clerk2|false|true"),
        scalar(*c,
               "SELECT string_agg(hospnum || '|' || userid || '|' || drug_view || "
               "'|' || checkup_view, ',' ORDER BY hospnum) FROM onshi_staff_permission"));
    CPPUNIT_ASSERT(db::check_plugin_password(*c, 1, "Secret-Pass-2026"));
    CPPUNIT_ASSERT(!db::check_plugin_password(*c, 1, "Secret-Pass-2025"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM tbl_syskanri WHERE kbncd = 'ONSHILNK'"));
    CPPUNIT_ASSERT_EQUAL(orca_rows, scalar(*c, "SELECT count(*) FROM tbl_syskanri"));
    CPPUNIT_ASSERT(!has_column(*c, "tbl_passwd", "onshi_drug_view"));
    CPPUNIT_ASSERT(!has_column(*c, "tbl_syskanri", "onshi_password_hash"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE edaban IS NULL"));
    CPPUNIT_ASSERT_EQUAL(fresh, schema_signature(*c));
  }

  void testRefusesANonHostDatabase() {
    TestDatabase tdb(HostSchema::none);
    auto c = tdb.connect();
    try {
      db::migrate(*c);
      CPPUNIT_FAIL("migrated a database without the host tables");
    } catch (const db::MigrationError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_EQUAL(1, e.version());
      CPPUNIT_ASSERT_MESSAGE(m, m.find("host table tbl_ptinf not found") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("not the receipt program") != std::string::npos);
      CPPUNIT_ASSERT_EQUAL(std::string("42P01"), e.sqlstate());
    }
    CPPUNIT_ASSERT_EQUAL(0, db::database_schema_version(*c));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         scalar(*c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'onshi%'"));
  }

  void testFailedStepRollsBack() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    std::vector<db::Migration> chain = db::embedded_migrations();
    chain.resize(1);
    chain.push_back({2, "0002_broken", "CREATE TABLE onshi_half (id int); SELECT 1/0;"});
    try {
      db::migrate(*c, chain, false, -1);
      CPPUNIT_FAIL("a failing step was reported as applied");
    } catch (const db::MigrationError& e) {
      CPPUNIT_ASSERT_EQUAL(2, e.version());
      CPPUNIT_ASSERT(std::string(e.what()).find("0002_broken") != std::string::npos);
      CPPUNIT_ASSERT(std::string(e.what()).find("left at version 1") != std::string::npos);
    }
    CPPUNIT_ASSERT_EQUAL(1, db::database_schema_version(*c));
    CPPUNIT_ASSERT_EQUAL(std::string("f"),
                         scalar(*c, "SELECT to_regclass('onshi_half') IS NOT NULL"));
    // The real chain continues from there.
    db::migrate(*c);
    CPPUNIT_ASSERT_EQUAL(db::program_schema_version(), db::database_schema_version(*c));
  }

  void testSchemaVersionRefusal() {
    TestDatabase tdb(HostSchema::reference);
    auto c = tdb.connect();
    const int prog = db::program_schema_version();
    const std::string progs = std::to_string(prog);
    try {
      db::require_schema_version(*c, "onshi-engine");
      CPPUNIT_FAIL("accepted a database without our schema");
    } catch (const db::SchemaVersionError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_EQUAL(0, e.database_version());
      CPPUNIT_ASSERT_MESSAGE(m, m.find("database schema version 0") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(
          m, m.find("onshi-engine needs schema version " + progs) != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("onshi-admin migrate") != std::string::npos);
    }
    db::migrate(*c);
    c->exec("INSERT INTO onshi_schema_version (version, name) VALUES (" + std::to_string(prog + 5) +
            ", 'from_the_future')");
    const std::string newer = std::to_string(prog + 5);
    try {
      db::require_schema_version(*c, "onshi-engine");
      CPPUNIT_FAIL("accepted a newer schema");
    } catch (const db::SchemaVersionError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_EQUAL(prog + 5, e.database_version());
      CPPUNIT_ASSERT_EQUAL(prog, e.program_version());
      CPPUNIT_ASSERT_MESSAGE(m, m.find("database schema version " + newer) != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("needs schema version " + progs) != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("newer") != std::string::npos);
    }
    try {
      db::migrate(*c);
      CPPUNIT_FAIL("migrate ran against a newer schema");
    } catch (const db::SchemaVersionError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_MESSAGE(m, m.find(newer) != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find(progs) != std::string::npos);
    }
  }

  void testPasswordColumnRefusesClearText() {
    TestDatabase tdb(HostSchema::seeded);
    auto c = tdb.connect();
    db::migrate(*c);
    CPPUNIT_ASSERT_THROW(c->exec("INSERT INTO onshi_plugin_password (hospnum, password_hash) "
                                 "VALUES (1, 'Secret-123')"),
                         db::CheckViolation);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MigrationTest);

}  // namespace onshi::test
