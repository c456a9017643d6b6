// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Retention purge: per-facility cut-off, cascades, archived files on disk, what is kept.
#include "store/purge.h"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "support/fixtures.h"

namespace onshi::test {

class PurgeTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PurgeTest);
  CPPUNIT_TEST(testPurgeHonoursEachFacilitysRetention);
  CPPUNIT_TEST(testDryRunRemovesNothing);
  CPPUNIT_TEST(testUnknownFacility);
  CPPUNIT_TEST(testDailyPurgeRunsOncePerDay);
  CPPUNIT_TEST(testWithdrawalsAndTicketFetches);
  CPPUNIT_TEST_SUITE_END();

  /// Facility 1 keeps 6 months, facility 2 keeps 12. Each gets rows 7 months and 1 month old.
  void fill(db::Connection& c, const TempDir& dir) {
    db::FacilitySettings one;
    one.hospnum = 1;
    one.institution_code = "1312345678";
    one.share_dir = "/srv/oqs";
    one.retention_months = 6;
    db::enable_facility(c, one, "test");
    db::FacilitySettings two = one;
    two.hospnum = 2;
    two.institution_code = "2712345671";
    two.retention_months = 12;
    two.share_dir = "/srv/oqs2";  // each facility its own share
    db::enable_facility(c, two, "test");
    for (int h : {1, 2}) {
      for (const char* age : {"7 months", "1 month"}) {
        const std::string a = age;
        const std::string archived =
            dir.write("h" + std::to_string(h) + "_" + a.substr(0, 1) + ".xml", "<x/>");
        const std::vector<db::Param> p{h, a, archived};
        // $1 hospnum, $2 age (text), $3 archive path.
        c.exec(
            "INSERT INTO onshi_job (hospnum, kind, state, updated_at) VALUES "
            "($1::int, 'OQSsiquc01req', 'answered', now() - $2::text::interval), "
            "($1::int, 'OQSsiquc01req', 'pending', now() - $2::text::interval)",
            {h, a});
        c.exec(
            "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, "
            "  size_bytes, state, archive_path, received_at) VALUES "
            "($1::int, 'face', 'f' || $2::text, sha256(convert_to($2::text, 'UTF8')), 4, "
            "  'imported', $3::text, now() - $2::text::interval), "
            "($1::int, 'face', 'g' || $2::text, sha256(convert_to('g' || $2::text, 'UTF8')), 4, "
            "  'retry', NULL, now() - $2::text::interval)",
            p);
        const std::string this_one =
            " FROM onshi_confirmation c JOIN onshi_received_file f USING (file_id) "
            "WHERE f.hospnum = $1::int AND f.file_name = 'f' || $2::text";
        c.exec(
            "INSERT INTO onshi_confirmation (hospnum, file_id, source, kind, confirmation_date, "
            "  created_at) SELECT $1::int, file_id, 'face', 'OQSsiquc01res', '20250612', "
            "  now() - $2::text::interval FROM onshi_received_file "
            "WHERE hospnum = $1::int AND file_name = 'f' || $2::text",
            {h, a});
        c.exec(
            "INSERT INTO onshi_consent (confirmation_id, hospnum, ptid, consent_type, flag) "
            "SELECT c.confirmation_id, $1::int, 101, t, '1' " +
                this_one.substr(0, this_one.find(" WHERE")) +
                " CROSS JOIN unnest(ARRAY['drug', 'checkup']) t" +
                this_one.substr(this_one.find(" WHERE")),
            {h, a});
        c.exec(
            "INSERT INTO onshi_certificate_detail (confirmation_id, kind, hospnum, ptid) "
            "SELECT c.confirmation_id, 'limit', $1::int, 101" +
                this_one,
            {h, a});
        // Reference-number changes: closed (done, dismissed) and open (unmatched, failed).
        c.exec(
            "INSERT INTO onshi_refnum_change (hospnum, ptid, action, new_number, insurer_number, "
            "  card_number, state, requested_by, updated_at) VALUES "
            "($1::int, 101, 'register', '000101', '06139999', '1', 'done', 't', "
            "  now() - $2::text::interval), "
            "($1::int, 101, 'delete', NULL, '06139999', '1', 'dismissed', 't', "
            "  now() - $2::text::interval), "
            "($1::int, NULL, 'delete', NULL, '06139999', '1', 'unmatched', 't', "
            "  now() - $2::text::interval), "
            "($1::int, 101, 'update', '000101', '06139999', '1', 'failed', 't', "
            "  now() - $2::text::interval)",
            {h, a});
        c.exec(
            "INSERT INTO onshi_audit (hospnum, at, userid, action, info_kind, ptid) VALUES "
            "($1::int, now() - $2::text::interval, 'doctor1', 'view', 'drug', 101)",
            {h, a});
      }
    }
  }

  long count(db::Connection& c, const std::string& table, int hospnum) {
    return std::stol(
        scalar(c, "SELECT count(*) FROM " + table + " WHERE hospnum = " + std::to_string(hospnum)));
  }

 public:
  void testPurgeHonoursEachFacilitysRetention() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    TempDir dir;
    fill(*c, dir);
    const std::string old1 = dir.path() + "/h1_7.xml";
    const std::string old2 = dir.path() + "/h2_7.xml";
    auto reports = store::purge(*c, std::nullopt, false);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), reports.size());
    const store::PurgeReport& r1 = reports[0];
    CPPUNIT_ASSERT_EQUAL(1, r1.hospnum);
    CPPUNIT_ASSERT_EQUAL(6, r1.retention_months);
    CPPUNIT_ASSERT_EQUAL(1L, r1.confirmations);
    CPPUNIT_ASSERT_EQUAL(2L, r1.consents);
    CPPUNIT_ASSERT_EQUAL(1L, r1.certificate_details);
    CPPUNIT_ASSERT_EQUAL(1L, r1.files);  // the 'retry' file is still unprocessed: kept
    CPPUNIT_ASSERT_EQUAL(1L, r1.jobs);   // the pending job is still open: kept
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), r1.archive_paths.size());
    CPPUNIT_ASSERT_EQUAL(old1, r1.archive_paths[0]);
    const store::PurgeReport& r2 = reports[1];
    CPPUNIT_ASSERT_EQUAL(0L, r2.confirmations + r2.consents + r2.files + r2.jobs);

    CPPUNIT_ASSERT_EQUAL(1L, count(*c, "onshi_confirmation", 1));
    CPPUNIT_ASSERT_EQUAL(2L, count(*c, "onshi_confirmation", 2));
    CPPUNIT_ASSERT_EQUAL(2L, count(*c, "onshi_consent", 1));  // the recent confirmation's
    CPPUNIT_ASSERT_EQUAL(3L, count(*c, "onshi_received_file", 1));
    CPPUNIT_ASSERT_EQUAL(3L, count(*c, "onshi_job", 1));
    CPPUNIT_ASSERT_EQUAL(2L, count(*c, "onshi_audit", 1));  // the audit log is never purged
    // Old closed changes go; open ones (waiting for staff) stay, as do recent ones.
    CPPUNIT_ASSERT_EQUAL(std::string("dismissed:1|done:1|failed:2|unmatched:2"),
                         scalar(*c,
                                "SELECT string_agg(state || ':' || n, '|' ORDER BY state) "
                                "FROM (SELECT state, count(*) AS n FROM onshi_refnum_change "
                                "WHERE hospnum = 1 GROUP BY state) s"));
    CPPUNIT_ASSERT_EQUAL(8L, count(*c, "onshi_refnum_change", 2));

    CPPUNIT_ASSERT(store::remove_archived_files(r1.archive_paths).empty());
    CPPUNIT_ASSERT(!std::filesystem::exists(old1));
    CPPUNIT_ASSERT(std::filesystem::exists(old2));
    CPPUNIT_ASSERT(std::filesystem::exists(dir.path() + "/h1_1.xml"));
    // Running it again finds nothing more.
    auto again = store::purge(*c, 1, false);
    CPPUNIT_ASSERT_EQUAL(0L, again[0].confirmations + again[0].files + again[0].jobs);
  }

  void testDryRunRemovesNothing() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    TempDir dir;
    fill(*c, dir);
    auto reports = store::purge(*c, 1, true);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), reports.size());
    CPPUNIT_ASSERT_EQUAL(1L, reports[0].confirmations);
    CPPUNIT_ASSERT_EQUAL(1L, reports[0].files);
    CPPUNIT_ASSERT_EQUAL(2L, count(*c, "onshi_confirmation", 1));
    CPPUNIT_ASSERT_EQUAL(4L, count(*c, "onshi_received_file", 1));
  }

  /// The engine's purge: once per facility and local date (the engine's clock), recorded in
  /// the database; the old rows go with their archived, quarantined and EMR copies on disk.
  void testDailyPurgeRunsOncePerDay() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    TempDir dir, emr;
    fill(*c, dir);
    // An EMR copy of an old result, one of a recent result, and one both name (kept).
    const std::string old_copy = emr.write("000101_drug_old.xml", "<x/>");
    const std::string new_copy = emr.write("000101_drug_new.xml", "<x/>");
    const std::string shared = emr.write("000101_drug_shared.xml", "<x/>");
    auto add_file = [&](const std::string& name, const std::string& age, const std::string& archive,
                        const std::string& emr_path) {
      c->exec(
          "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, "
          "  size_bytes, state, archive_path, emr_path, received_at) VALUES "
          "(1, 'res', $1::text, sha256(convert_to($1::text, 'UTF8')), 4, 'imported', "
          "  NULLIF($3::text, ''), NULLIF($4::text, ''), now() - $2::text::interval)",
          {name, age, archive, emr_path});
    };
    add_file("YZK_old", "7 months", "", old_copy);
    add_file("YZK_new", "1 month", "", new_copy);
    add_file("YZK_shared_old", "8 months", "", shared);
    add_file("YZK_shared_new", "2 days", "", shared);
    const std::string quarantined = dir.write("refused_old.xml", "<bad/>");
    c->exec(
        "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, "
        "  size_bytes, state, refusal, archive_path, received_at) VALUES "
        "(1, 'face', 'refused_old', sha256('\\x01'::bytea), 6, 'refused', 'malformed', $1, "
        "  now() - interval '9 months')",
        {quarantined});
    const db::FacilitySettings f = *db::find_facility(*c, 1);

    {
      ScopedToday day("20250612");
      store::DailyPurge d = store::run_daily_purge(*c, f);
      CPPUNIT_ASSERT(d.ran);
      CPPUNIT_ASSERT_EQUAL(1L, d.report.confirmations);
      CPPUNIT_ASSERT_EQUAL(4L, d.report.files);  // fill's old file and the three above
      CPPUNIT_ASSERT_EQUAL(1L, d.report.jobs);
      CPPUNIT_ASSERT_EQUAL(std::size_t(2), d.report.archive_paths.size());
      CPPUNIT_ASSERT_EQUAL(std::size_t(1), d.report.emr_paths.size());
      CPPUNIT_ASSERT_EQUAL(3L, d.report.disk_removed);
      CPPUNIT_ASSERT(d.report.disk_failures.empty());
      CPPUNIT_ASSERT(!std::filesystem::exists(dir.path() + "/h1_7.xml"));
      CPPUNIT_ASSERT(!std::filesystem::exists(quarantined));
      CPPUNIT_ASSERT(!std::filesystem::exists(old_copy));
      CPPUNIT_ASSERT(std::filesystem::exists(new_copy));
      CPPUNIT_ASSERT(std::filesystem::exists(shared));  // a kept file still names it
      CPPUNIT_ASSERT(std::filesystem::exists(dir.path() + "/h1_1.xml"));
      CPPUNIT_ASSERT_EQUAL(std::string("20250612|1|4|1|3"),
                           scalar(*c,
                                  "SELECT run_date || '|' || confirmations || '|' || files || "
                                  "'|' || jobs || '|' || disk_files FROM onshi_purge_run "
                                  "WHERE hospnum = 1"));
      CPPUNIT_ASSERT_EQUAL(1L, count(*c, "onshi_confirmation", 1));
      // Facility 2 (12 months): its own run, nothing old enough.
      const store::DailyPurge two = store::run_daily_purge(*c, *db::find_facility(*c, 2));
      CPPUNIT_ASSERT(two.ran);
      CPPUNIT_ASSERT_EQUAL(0L, two.report.confirmations + two.report.files + two.report.jobs);

      // Something old again: the same day does nothing (another engine, a restart).
      const std::string again = dir.write("again.xml", "<x/>");
      c->exec(
          "UPDATE onshi_received_file SET received_at = now() - interval '7 months', "
          "archive_path = $1 WHERE file_name = 'YZK_new'",
          {again});
      const store::DailyPurge same = store::run_daily_purge(*c, f);
      CPPUNIT_ASSERT(!same.ran);
      CPPUNIT_ASSERT_EQUAL(0L, same.report.files + same.report.disk_removed);
      CPPUNIT_ASSERT(std::filesystem::exists(again));
      CPPUNIT_ASSERT(std::filesystem::exists(new_copy));
      CPPUNIT_ASSERT_EQUAL(std::string("1"), scalar(*c,
                                                    "SELECT count(*) FROM onshi_received_file "
                                                    "WHERE file_name = 'YZK_new'"));
    }
    {
      ScopedToday day("20250613");  // the next local day: due again
      store::DailyPurge d = store::run_daily_purge(*c, f);
      CPPUNIT_ASSERT(d.ran);
      CPPUNIT_ASSERT_EQUAL(1L, d.report.files);
      CPPUNIT_ASSERT_EQUAL(2L, d.report.disk_removed);
      CPPUNIT_ASSERT(!std::filesystem::exists(dir.path() + "/again.xml"));
      CPPUNIT_ASSERT(!std::filesystem::exists(new_copy));
    }
    {
      ScopedToday day("20250612");  // the clock set back: that day was done, nothing again
      CPPUNIT_ASSERT(!store::run_daily_purge(*c, f).ran);
    }
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         scalar(*c, "SELECT count(*) FROM onshi_purge_run WHERE hospnum = 1"));
  }

  /// Consent withdrawals (home-visit care) and OQSmutic retrievals older than the retention go,
  /// except a withdrawal still in force (the patient's newest done one that no newer consent
  /// lifted: without it home-visit requests would be allowed again) and a retrieval whose
  /// request is still open.
  void testWithdrawalsAndTicketFetches() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    TempDir dir;
    fill(*c, dir);  // facility 1 keeps 6 months
    auto withdrawal = [&](long long ptid, const char* state, const char* age) {
      c->exec(
          "INSERT INTO onshi_consent_withdrawal (hospnum, ptid, insurer_number, card_number, "
          "  birthdate, state, requested_by, created_at, updated_at) VALUES (1, $1::bigint, "
          "  '06139999', '1001', '19780808', $2::text, 'doctor1', now() - $3::text::interval, "
          "  now() - $3::text::interval)",
          {ptid, state, age});
    };
    withdrawal(124, "failed", "8 months");   // closed, old: goes
    withdrawal(124, "done", "8 months");     // superseded by the newer done one: goes
    withdrawal(124, "done", "7 months");     // in force: kept
    withdrawal(125, "done", "7 months");     // lifted by the consent below: goes
    withdrawal(126, "done", "1 month");      // recent: kept
    withdrawal(127, "pending", "7 months");  // open: kept
    c->exec(
        "INSERT INTO onshi_confirmation (hospnum, source, kind, confirmation_date, link_state, "
        "  ptid, created_at) VALUES (1, 'bulk', 'OQSmuhvq02res', '20250612', 'linked', 125, "
        "  now() - interval '1 month')");
    c->exec(
        "INSERT INTO onshi_consent (confirmation_id, hospnum, ptid, consent_type, flag, "
        "  consent_time) SELECT max(confirmation_id), 1, 125, 'pharmacists', '1', "
        "  localtimestamp - interval '1 month' FROM onshi_confirmation");
    // Retrievals: finished (goes), given up while uploading (its job failed: goes), waiting for
    // a download still pending (kept), recent (kept).
    c->exec(
        "INSERT INTO onshi_job (hospnum, kind, state, updated_at) VALUES "
        "(1, 'OQSmutic01req', 'failed', now() - interval '7 months'), "
        "(1, 'OQSmutic02req', 'pending', now() - interval '7 months')");
    c->exec(
        "INSERT INTO onshi_ticket_fetch (hospnum, treatment_month, state, upload_job_id, "
        "  download_job_id, requested_by, created_at) VALUES "
        "(1, '202505', 'done', NULL, NULL, 't', now() - interval '7 months'), "
        "(1, '202505', 'uploading', (SELECT job_id FROM onshi_job WHERE kind = 'OQSmutic01req'), "
        "  NULL, 't', now() - interval '7 months'), "
        "(1, '202505', 'waiting', NULL, (SELECT job_id FROM onshi_job WHERE kind = "
        "  'OQSmutic02req'), 't', now() - interval '7 months'), "
        "(1, '202511', 'done', NULL, NULL, 't', now() - interval '1 month')");
    store::purge(*c, 1, false);
    CPPUNIT_ASSERT_EQUAL(std::string("124 done,126 done,127 pending"),
                         scalar(*c,
                                "SELECT string_agg(ptid || ' ' || state, ',' ORDER BY ptid) "
                                "FROM onshi_consent_withdrawal"));
    CPPUNIT_ASSERT_EQUAL(std::string("202505 waiting,202511 done"),
                         scalar(*c,
                                "SELECT string_agg(treatment_month || ' ' || state, ',' ORDER BY "
                                "treatment_month) FROM onshi_ticket_fetch"));
  }

  void testUnknownFacility() {
    TestDatabase tdb(HostSchema::migrated);
    auto c = tdb.connect();
    CPPUNIT_ASSERT_THROW(store::purge(*c, 5, false), db::UnknownFacilityError);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PurgeTest);

}  // namespace onshi::test
