// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Facility settings: enable/disable per facility, what the engine may serve, the queue and the
// exactly-once received-file key, the hashed plugin password.
#include "db/facility.h"

#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "db/db_error.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"

namespace onshi::test {

namespace {
db::FacilitySettings settings(int hospnum, const std::string& code) {
  db::FacilitySettings s;
  s.hospnum = hospnum;
  s.institution_code = code;
  s.share_dir = "/srv/oqs" + std::to_string(hospnum);
  return s;
}

const char* const kInsertFile =
    "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, size_bytes) "
    "VALUES ($1, 'face', $2, sha256($3::bytea), length($3::bytea)) "
    "ON CONFLICT ON CONSTRAINT onshi_received_file_once DO NOTHING";
}  // namespace

class FacilityTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(FacilityTest);
  CPPUNIT_TEST(testEnableDisablePerFacility);
  CPPUNIT_TEST(testEnableUnknownFacility);
  CPPUNIT_TEST(testEnableRefusesAnotherInstitutionCode);
  CPPUNIT_TEST(testValidateSettings);
  CPPUNIT_TEST(testWindowsPathsStored);
  CPPUNIT_TEST(testDisabledFacilityFilesAreNotProcessed);
  CPPUNIT_TEST(testReimportIsANoOp);
  CPPUNIT_TEST(testQueueSkipLocked);
  CPPUNIT_TEST(testPluginPasswordIsHashed);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEnableDisablePerFacility() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    CPPUNIT_ASSERT(db::load_enabled_facilities(*c).empty());
    db::FacilitySettings one = settings(1, "1312345678");
    one.retention_months = 6;
    one.request_encoding = "Shift_JIS";
    one.res_dir = "/mnt/terminal/results";
    db::enable_facility(*c, one, "test");
    db::enable_facility(*c, settings(2, "2712345671"), "test");
    auto enabled = db::load_enabled_facilities(*c);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), enabled.size());
    CPPUNIT_ASSERT_EQUAL(1, enabled[0].hospnum);
    CPPUNIT_ASSERT_EQUAL(6, enabled[0].retention_months);
    CPPUNIT_ASSERT_EQUAL(std::string("Shift_JIS"), enabled[0].request_encoding);
    CPPUNIT_ASSERT_EQUAL(std::string("/mnt/terminal/results"), enabled[0].res_path());
    CPPUNIT_ASSERT_EQUAL(std::string("/srv/oqs1/face"), enabled[0].face_path());
    CPPUNIT_ASSERT_EQUAL(std::string("18:00"), enabled[0].batch_time);

    db::disable_facility(*c, 1, "test");
    enabled = db::load_enabled_facilities(*c);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), enabled.size());
    CPPUNIT_ASSERT_EQUAL(2, enabled[0].hospnum);
    CPPUNIT_ASSERT_THROW(db::load_enabled_facility(*c, 1), db::FacilityDisabledError);
    CPPUNIT_ASSERT_EQUAL(2, db::load_enabled_facility(*c, 2).hospnum);
    // Settings survive a disable; enabling again keeps them.
    auto kept = db::find_facility(*c, 1);
    CPPUNIT_ASSERT(kept && !kept->enabled);
    CPPUNIT_ASSERT_EQUAL(6, kept->retention_months);
    db::enable_facility(*c, *kept, "test");
    CPPUNIT_ASSERT_EQUAL(1, db::load_enabled_facility(*c, 1).hospnum);

    CPPUNIT_ASSERT_THROW(db::disable_facility(*c, 7, "test"), db::UnknownFacilityError);
    CPPUNIT_ASSERT_THROW(db::load_enabled_facility(*c, 7), db::UnknownFacilityError);

    // Two facilities on one share folder: refused (one engine would quarantine the other's
    // files as another institution's); a disabled facility's folders are free again.
    db::FacilitySettings same = settings(2, "2712345671");
    same.share_dir = "/srv/oqs1";
    try {
      db::enable_facility(*c, same, "test");
      CPPUNIT_FAIL("two facilities enabled on one share");
    } catch (const db::FacilitySettingsError& e) {
      CPPUNIT_ASSERT_MESSAGE(e.what(),
                             std::string(e.what()).find("/srv/oqs1/") != std::string::npos);
    }
    same.share_dir = "/srv/oqs2";
    same.res_dir = "/mnt/terminal/results/";  // facility 1's res folder, written with a slash
    CPPUNIT_ASSERT_THROW(db::enable_facility(*c, same, "test"), db::FacilitySettingsError);
    db::disable_facility(*c, 1, "test");
    db::enable_facility(*c, same, "test");
  }

  /// The engine and onshi-admin on the terminal PC name folders as Windows does (migration
  /// 0031): drive, UNC and rooted paths are stored; a relative one is refused by the database
  /// as before (check_violation), whichever program wrote it.
  void testWindowsPathsStored() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    db::enable_facility(*c, settings(1, "1312345678"), "test");
    const char* update = "UPDATE onshi_facility SET share_dir = $1, emr_dir = $1 WHERE hospnum = 1";
    for (const char* p :
         {"C:\\OQS\\share", "d:/oqs", "\\\\terminal\\oqs", "//terminal/oqs", "\\oqs", "/srv/oqs"}) {
      c->exec(update, {std::string(p)});
      CPPUNIT_ASSERT_EQUAL(std::string(p),
                           c->exec("SELECT share_dir FROM onshi_facility").text(0, 0));
    }
    for (const char* p : {"oqs\\share", "C:oqs", "oqs/share", ""}) {
      try {
        c->exec(update, {std::string(p)});
        CPPUNIT_FAIL(std::string("stored a relative path: ") + p);
      } catch (const db::SqlError& e) {
        CPPUNIT_ASSERT_EQUAL(std::string("23514"), e.sqlstate());
      }
    }
    // The archived copy of a received file (domain of migration 0030, widened by 0031).
    c->exec(kInsertFile, {std::string("1"), std::string("OQSsiquc01res_1.xml"), std::string("x")});
    c->exec("UPDATE onshi_received_file SET archive_path = 'C:\\OQS\\archive\\a.xml'");
    CPPUNIT_ASSERT_THROW(c->exec("UPDATE onshi_received_file SET archive_path = 'a.xml'"),
                         db::SqlError);
  }

  void testEnableUnknownFacility() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    try {
      db::enable_facility(*c, settings(3, "1312345678"), "test");
      CPPUNIT_FAIL("enabled a facility the host does not know");
    } catch (const db::UnknownFacilityError& e) {
      CPPUNIT_ASSERT_EQUAL(3, e.hospnum());
      CPPUNIT_ASSERT(std::string(e.what()).find("unknown facility hospnum 3") != std::string::npos);
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0"), scalar(*c, "SELECT count(*) FROM onshi_facility"));
    CPPUNIT_ASSERT(!db::host_institution_code(*c, 3));
    CPPUNIT_ASSERT_EQUAL(std::string("1312345678"), *db::host_institution_code(*c, 1));
  }

  void testEnableRefusesAnotherInstitutionCode() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    try {
      db::enable_facility(*c, settings(1, "2712345671"), "test");
      CPPUNIT_FAIL("enabled with another facility's institution code");
    } catch (const db::FacilitySettingsError& e) {
      std::string m = e.what();
      CPPUNIT_ASSERT_MESSAGE(m, m.find("2712345671") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(m, m.find("1312345678") != std::string::npos);
    }
    CPPUNIT_ASSERT(!db::find_facility(*c, 1));
  }

  void testValidateSettings() {
    db::FacilitySettings s = settings(1, "1312345678");
    db::validate_settings(s);
    auto bad = [&](auto change, const std::string& expect) {
      db::FacilitySettings b = s;
      change(b);
      try {
        db::validate_settings(b);
        CPPUNIT_FAIL("accepted: " + expect);
      } catch (const db::FacilitySettingsError& e) {
        CPPUNIT_ASSERT_MESSAGE(e.what(), std::string(e.what()).find(expect) != std::string::npos);
      }
    };
    bad([](auto& b) { b.institution_code = "131234567"; }, "10 digits");
    bad([](auto& b) { b.institution_code = "13123456x8"; }, "10 digits");
    bad([](auto& b) { b.share_dir = "relative/dir"; }, "absolute");
    bad([](auto& b) { b.face_dir = "/srv/../etc"; }, "..");
    bad([](auto& b) { b.retention_months = 13; }, "6 to 12");
    bad([](auto& b) { b.retention_months = 5; }, "6 to 12");
    bad([](auto& b) { b.request_encoding = "EUC-JP"; }, "UTF-8 or Shift_JIS");
    bad([](auto& b) { b.after_import = "move"; }, "move directory");
    bad([](auto& b) { b.batch_time = "25:00"; }, "HH:MM");
    bad([](auto& b) { b.medical_info_format = "html"; }, "xml or pdf");
  }

  void testDisabledFacilityFilesAreNotProcessed() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    // Never enabled: nothing can be queued or imported for it.
    CPPUNIT_ASSERT_THROW(c->exec(kInsertFile, {1, "OQSsiquc01res_face_x.xml", "x"}),
                         db::NotInPrerequisiteState);
    db::enable_facility(*c, settings(1, "1312345678"), "test");
    CPPUNIT_ASSERT_EQUAL(1L, c->exec(kInsertFile, {1, "a.xml", "a"}).affected());
    CPPUNIT_ASSERT_EQUAL(
        1L,
        c->exec("INSERT INTO onshi_job (hospnum, kind) VALUES (1, 'OQSsiquc01req')").affected());
    db::disable_facility(*c, 1, "test");
    try {
      c->exec(kInsertFile, {1, "b.xml", "b"});
      CPPUNIT_FAIL("imported a file for a disabled facility");
    } catch (const db::NotInPrerequisiteState& e) {
      CPPUNIT_ASSERT(std::string(e.what()).find("not enabled for facility hospnum 1") !=
                     std::string::npos);
    }
    CPPUNIT_ASSERT_THROW(
        c->exec("INSERT INTO onshi_job (hospnum, kind) VALUES (1, 'OQSsiquc01req')"),
        db::NotInPrerequisiteState);
    // Facility 2 is independent of facility 1.
    CPPUNIT_ASSERT_THROW(c->exec(kInsertFile, {2, "c.xml", "c"}), db::NotInPrerequisiteState);
    // What the engine watches: only enabled facilities.
    CPPUNIT_ASSERT(db::load_enabled_facilities(*c).empty());
  }

  void testReimportIsANoOp() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    db::enable_facility(*c, settings(1, "1312345678"), "test");
    db::enable_facility(*c, settings(2, "2712345671"), "test");
    const std::string name = "OQSsiquc01res_face_1312345678aa_20250612091503.xml";
    CPPUNIT_ASSERT_EQUAL(1L, c->exec(kInsertFile, {1, name, "<xml/>"}).affected());
    CPPUNIT_ASSERT_EQUAL(0L, c->exec(kInsertFile, {1, name, "<xml/>"}).affected());
    // Same name, other content (the terminal rewrote it): a new file. Other facility: separate.
    CPPUNIT_ASSERT_EQUAL(1L, c->exec(kInsertFile, {1, name, "<xml>2</xml>"}).affected());
    CPPUNIT_ASSERT_EQUAL(1L, c->exec(kInsertFile, {2, name, "<xml/>"}).affected());
    CPPUNIT_ASSERT_EQUAL(std::string("3"), scalar(*c, "SELECT count(*) FROM onshi_received_file"));
    CPPUNIT_ASSERT_THROW(c->exec(kInsertFile, {1, "../etc/passwd", "x"}), db::CheckViolation);
  }

  void testQueueSkipLocked() {
    TestDatabase tdb(HostSchema::migrated);
    auto a = tdb.connect();
    auto b = tdb.connect();
    db::enable_facility(*a, settings(1, "1312345678"), "test");
    a->exec(
        "INSERT INTO onshi_job (hospnum, kind, ptid, next_attempt_at) VALUES "
        "(1, 'OQSsiquc01req', 101, now() - interval '2 minutes'), "
        "(1, 'OQSsiquc01req', 102, now() - interval '1 minute'), "
        "(1, 'OQSsiquc01req', 103, now() + interval '1 hour')");
    const std::string take =
        "SELECT ptid FROM onshi_job WHERE state = 'pending' AND next_attempt_at <= now() "
        "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED";
    db::Transaction ta(*a);
    db::Transaction tb(*b);
    CPPUNIT_ASSERT_EQUAL(std::string("101"), scalar(*a, take));
    CPPUNIT_ASSERT_EQUAL(std::string("102"), scalar(*b, take));  // not blocked, not the same job
    db::Result none = a->exec(
        "SELECT ptid FROM onshi_job WHERE state = 'pending' AND next_attempt_at <= now() "
        "AND ptid NOT IN (101) FOR UPDATE SKIP LOCKED");
    CPPUNIT_ASSERT_EQUAL(0, none.rows());  // 102 is locked by b, 103 is not due
  }

  void testPluginPasswordIsHashed() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    CPPUNIT_ASSERT(!db::check_plugin_password(*c, 1, "Correct-Horse-1"));
    db::set_plugin_password(*c, 1, "Correct-Horse-1");
    const std::string stored =
        scalar(*c, "SELECT password_hash FROM onshi_plugin_password WHERE hospnum = 1");
    CPPUNIT_ASSERT(stored.find("Correct-Horse-1") == std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("$2a$10$"), stored.substr(0, 7));
    CPPUNIT_ASSERT(db::check_plugin_password(*c, 1, "Correct-Horse-1"));
    CPPUNIT_ASSERT(!db::check_plugin_password(*c, 1, "correct-horse-1"));
    CPPUNIT_ASSERT(!db::check_plugin_password(*c, 2, "Correct-Horse-1"));  // per facility
    // A new password replaces the old one, salted differently.
    db::set_plugin_password(*c, 1, "Another-Pass-2");
    CPPUNIT_ASSERT(!db::check_plugin_password(*c, 1, "Correct-Horse-1"));
    CPPUNIT_ASSERT(db::check_plugin_password(*c, 1, "Another-Pass-2"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        scalar(*c, "SELECT count(*) FROM onshi_plugin_password WHERE hospnum = 1"));
    // Nothing of it in ORCA's system management: its own 1051 row alone (facility 1 has one).
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         scalar(*c,
                                "SELECT count(*) FROM tbl_syskanri WHERE hospnum = 1 AND "
                                "kanricd = '1051'"));
    CPPUNIT_ASSERT_THROW(db::set_plugin_password(*c, 1, "short"), db::FacilitySettingsError);
    CPPUNIT_ASSERT_THROW(db::set_plugin_password(*c, 9, "Long-enough-9"), db::UnknownFacilityError);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FacilityTest);

}  // namespace onshi::test
