// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The next-day bulk pre-check: collecting the reservations of a day (one entry per
// patient, test patients and patients without insurance skipped), chunking, OQSmuquc01req ->
// 01res (reception number) -> OQSmuquc02req polls while "still processing" -> the final result
// imported and counted, refusals, the batch status, the evening scheduler, `onshi-admin bulk`.
#include "exchange/bulk_check.h"

#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "admin/bulk_command.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "exchange/importer.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"
#include "store/purge.h"
#include "support/fixtures.h"

namespace onshi::test {
namespace {

const std::string kDay = "20250613";

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != ".." && n[0] != '.') out.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A migrated, seeded database with facility 1 enabled on a temporary share and a known set of
/// reservations on kDay: 101 (twice), 102, 104, 124 (valid), 126 (invalid), 127 checkable;
/// 106 without health insurance; 199 a test patient.
struct Env {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share_dir;
  TempDir quarantine;
  exchange::ShareLayout share{share_dir.path()};
  db::FacilitySettings facility;
  sim::Scenario scenario = sim::load_scenario(source_file("tests/sim/scenario-demo.json"));

  Env() {
    for (const std::string& d : {share.req(), share.res(), share.face()})
      exchange::ensure_directory(d);
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.root;
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
    scenario.settings.delay_ms = 0;
    conn->exec("DELETE FROM tbl_yyk WHERE hospnum = 1");
    // 106 without any coverage here: its public assistance is checked in PublicAssistanceTest.
    conn->exec("DELETE FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106");
    // As ORCA stores them: one hour band per reservation here (keyyyktime HH00, numeric), its
    // header row (yykid 0, ptid 0, the count) and the reservation (yykid 1, exact time yyktime).
    int band = 9;
    for (long long ptid : {101, 101, 102, 104, 106, 124, 126, 127, 199}) {
      ++band;
      conn->exec(
          "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, "
          "  yykmaxcnt, yykcnt, yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi) "
          "VALUES (1, '01', '10001', $1, $2::integer * 100, 0, 10, 1, 0, 0, '', '', '', '', ' '), "
          "       (1, '01', '10001', $1, $2::integer * 100, 1, 0, 0, $2::integer * 100 + 15, "
          "        $3::bigint, '', '01', '01', '  ', ' ')",
          {kDay, band, ptid});
    }
  }

  void set(const std::string& assignments) {
    conn->exec("UPDATE onshi_facility SET " + assignments + " WHERE hospnum = 1");
    facility = db::load_enabled_facility(*conn, 1);
  }
  std::string q(const std::string& sql) { return scalar(*conn, sql); }
  exchange::QueuePass run() { return exchange::run_queue(*conn, facility); }
  void make_due() {
    conn->exec(
        "UPDATE onshi_job SET next_attempt_at = now() - interval '1 second' "
        "WHERE state = 'pending'");
  }
  /// ImportOptions::stream_units_over of import_all().
  std::size_t stream_units_over = exchange::ImportOptions().stream_units_over;
  /// Imports every file in res/; @return their names.
  std::vector<std::string> import_all() {
    exchange::ImportOptions o;
    o.quarantine_dir = quarantine.path();
    o.stream_units_over = stream_units_over;
    std::vector<std::string> names = names_in(share.res());
    for (const std::string& n : names) {
      exchange::ImportOutcome out =
          exchange::import_file(*conn, facility, share.res() + "/" + n, exchange::Folder::res, o);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(n + ": " + out.detail, std::string("imported"),
                                   std::string(exchange::import_state_name(out.state)));
    }
    return names;
  }
  exchange::BulkBatchStatus status(long long batch_id) {
    for (const auto& s : exchange::bulk_status(*conn, 1, ""))
      if (s.batch_id == batch_id) return s;
    CPPUNIT_FAIL("no such batch");
    return {};
  }
};

std::string counts(const exchange::BulkBatchStatus& s) {
  std::ostringstream o;
  o << s.state << " requested " << s.requested << " done " << s.done << " valid " << s.valid
    << " invalid " << s.invalid << " error " << s.error << " processing " << s.processing
    << " polls " << s.polls << " skipped " << s.skipped;
  return o.str();
}

}  // namespace

class BulkCheckTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(BulkCheckTest);
  CPPUNIT_TEST(testPollDelay);
  CPPUNIT_TEST(testCollectsOnePerPatientAndChunks);
  CPPUNIT_TEST(testStillProcessingThenFinalImport);
  CPPUNIT_TEST(testFinalImportWithStreamedUnits);
  CPPUNIT_TEST(testUnknownReceptionFailsTheChunk);
  CPPUNIT_TEST(testUploadRefusedAndFailedJobsShowAsErrors);
  CPPUNIT_TEST(testSchedulerRunsOncePerDayAndCatchesUp);
  CPPUNIT_TEST(testAdminCommand);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPollDelay() {
    CPPUNIT_ASSERT_EQUAL(300LL, exchange::bulk_poll_delay(300, 0));
    CPPUNIT_ASSERT_EQUAL(300LL, exchange::bulk_poll_delay(300, 1));
    CPPUNIT_ASSERT_EQUAL(600LL, exchange::bulk_poll_delay(300, 2));
    CPPUNIT_ASSERT_EQUAL(1800LL, exchange::bulk_poll_delay(300, 10));
    CPPUNIT_ASSERT_EQUAL(4000LL, exchange::bulk_poll_delay(4000, 5));  // never below the base
    CPPUNIT_ASSERT_EQUAL(4LL, exchange::bulk_poll_delay(1, 3));
  }

  void testCollectsOnePerPatientAndChunks() {
    Env e;
    e.set("bulk_chunk_max = 4");
    CPPUNIT_ASSERT_EQUAL(kDay, *exchange::next_open_day(*e.conn, 1, "20250612"));
    CPPUNIT_ASSERT(!exchange::next_open_day(*e.conn, 1, kDay));
    CPPUNIT_ASSERT(!exchange::next_open_day(*e.conn, 1, "20250601"));  // beyond 7 days
    const exchange::BulkStart b =
        exchange::queue_bulk_precheck(*e.conn, 1, kDay, exchange::BulkTrigger::admin, "t");
    CPPUNIT_ASSERT(b.batch_id > 0);
    CPPUNIT_ASSERT_EQUAL(6, b.patients);  // 101 once
    CPPUNIT_ASSERT_EQUAL(1, b.skipped_test);
    CPPUNIT_ASSERT_EQUAL(1, b.skipped_no_insurance);
    CPPUNIT_ASSERT_EQUAL(2, b.chunks);  // 4 + 2
    const std::string id = std::to_string(b.batch_id);
    CPPUNIT_ASSERT_EQUAL(
        std::string("[101, 102, 104, 124]|[126, 127]"),
        e.q("SELECT string_agg((j.payload->'ptids')::text, '|' ORDER BY c.chunk_no) "
            "FROM onshi_bulk_chunk c JOIN onshi_job j ON j.job_id = c.upload_job_id "
            "WHERE c.batch_id = " +
            id));
    // Every job is an ordinary pending OQSmuquc01req for that day.
    CPPUNIT_ASSERT_EQUAL(std::string("2|OQSmuquc01req|pending|" + kDay),
                         e.q("SELECT count(*) || '|' || min(kind) || '|' || min(state) || '|' || "
                             "min(payload->>'confirmation_date') FROM onshi_job"));
    // The writer puts one QualificationConfirmSearchInfo per person, "<ptnum>_<hknid>".
    CPPUNIT_ASSERT_EQUAL(2, e.run().sent);
    const std::vector<std::string> req = names_in(e.share.req());
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), req.size());
    CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(req[0].rfind("OQSmuquc01req_", 0)));
    const std::string first = read_all(e.share.req() + "/" + req[0]);
    std::size_t n = 0;
    for (std::size_t p = 0;
         (p = first.find("<QualificationConfirmSearchInfo>", p)) != std::string::npos; ++p)
      ++n;
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), n);
    CPPUNIT_ASSERT(first.find("<ArbitraryIdentifier>") != std::string::npos);
    CPPUNIT_ASSERT(first.find("<QualificationConfirmationDate>" + kDay) != std::string::npos);
    const std::string ptnum =
        e.q("SELECT btrim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 101");
    CPPUNIT_ASSERT(first.find("<ArbitraryIdentifier>" + ptnum + "_1<") != std::string::npos);

    const exchange::BulkBatchStatus s = e.status(b.batch_id);
    CPPUNIT_ASSERT_EQUAL(std::string("requested requested 6 done 0 valid 0 invalid 0 error 0 "
                                     "processing 6 polls 0 skipped 2"),
                         counts(s));
  }

  void testStillProcessingThenFinalImport() { stillProcessingThenFinalImport(false); }

  /// The same with the final answer's units not kept by the importer (as for a large answer):
  /// read again one by one while stored and counted, with the same rows and counts.
  void testFinalImportWithStreamedUnits() { stillProcessingThenFinalImport(true); }

  void stillProcessingThenFinalImport(bool streamed) {
    Env e;
    if (streamed) e.stream_units_over = 0;
    e.set("bulk_poll_s = 1");
    // 127's insurer is unknown to the terminal: its unit comes back as an error.
    e.conn->exec("UPDATE tbl_pthkninf SET hknjanum = '01990017' WHERE hospnum = 1 AND ptid = 127");
    e.scenario.settings.still_processing = 2;
    sim::Responder responder(e.scenario);
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);

    const exchange::BulkStart b =
        exchange::queue_bulk_precheck(*e.conn, 1, kDay, exchange::BulkTrigger::admin, "t");
    const std::string id = std::to_string(b.batch_id);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
    e.import_all();  // 01res
    CPPUNIT_ASSERT_EQUAL(std::string("waiting|1|1"),
                         e.q("SELECT state || '|' || (reception_number <> '')::int || '|' || "
                             "(SELECT count(*) FROM onshi_job WHERE kind = 'OQSmuquc02req') "
                             "FROM onshi_bulk_chunk WHERE batch_id = " +
                             id));
    CPPUNIT_ASSERT_EQUAL(std::string("answered"),
                         e.q("SELECT state FROM onshi_job WHERE kind = 'OQSmuquc01req'"));
    // The download request waits for bulk_poll_s.
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.q("SELECT next_attempt_at > now() FROM onshi_job "
                                               "WHERE kind = 'OQSmuquc02req'"));
    CPPUNIT_ASSERT_EQUAL(0, e.run().sent);
    CPPUNIT_ASSERT_EQUAL(std::string("processing"), e.status(b.batch_id).state);

    for (int poll = 1; poll <= 3; ++poll) {
      e.make_due();
      CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
      const std::vector<std::string> req = names_in(e.share.req());
      CPPUNIT_ASSERT_EQUAL(std::size_t(1), req.size());
      CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(req[0].rfind("OQSmuquc02req_", 0)));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
      e.import_all();
      if (poll < 3)
        CPPUNIT_ASSERT_EQUAL(std::to_string(poll) + "|waiting|" + std::to_string(poll + 1),
                             e.q("SELECT polls || '|' || state || '|' || (SELECT count(*) FROM "
                                 "onshi_job WHERE kind = 'OQSmuquc02req') FROM onshi_bulk_chunk"));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("done|2"),
                         e.q("SELECT state || '|' || polls FROM onshi_bulk_chunk"));
    CPPUNIT_ASSERT_EQUAL(std::string("3|answered"),
                         e.q("SELECT count(*) || '|' || min(state) FROM onshi_job "
                             "WHERE kind = 'OQSmuquc02req' AND state = 'answered'"));
    const exchange::BulkBatchStatus s = e.status(b.batch_id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), std::string("done"), s.state);
    CPPUNIT_ASSERT_EQUAL(6, s.requested);
    CPPUNIT_ASSERT_EQUAL(6, s.done);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), 6, s.valid + s.invalid + s.error);
    const std::string units = e.q(
        "SELECT string_agg(coalesce(ptid::text, '?') || ':' || coalesce(processing_status, '') || "
        "coalesce(validity, '-'), ' ' ORDER BY result_index) FROM onshi_confirmation");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s),
                                 std::string("101:11 102:11 104:11 124:11 126:12 127:2-"), units);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), 1, s.error);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), 1, s.invalid);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), 4, s.valid);
    CPPUNIT_ASSERT_EQUAL(0, s.processing);
    CPPUNIT_ASSERT_EQUAL(2, s.polls);
    // Each unit is a confirmation of that day, linked to the reserved patient.
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.q("SELECT bool_and(confirmation_date = '" + kDay +
                                               "') FROM "
                                               "onshi_confirmation WHERE source = 'bulk'"));
    CPPUNIT_ASSERT_EQUAL(std::string("101"),
                         e.q("SELECT ptid FROM onshi_confirmation WHERE source = 'bulk' "
                             "AND validity = '1' AND ptid = 101"));
    CPPUNIT_ASSERT(names_in(e.share.req()).empty());
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM onshi_job WHERE state IN ('pending', 'sent') "
                             "AND kind LIKE 'OQSmuquc%'"));
  }

  void testUnknownReceptionFailsTheChunk() {
    Env e;
    e.set("bulk_poll_s = 1");
    sim::Responder responder(e.scenario);
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);
    const exchange::BulkStart b =
        exchange::queue_bulk_precheck(*e.conn, 1, kDay, exchange::BulkTrigger::admin, "t");
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    terminal.run_once();
    e.import_all();
    // The terminal forgot the reception (SegmentOfResult 9 on the download).
    e.conn->exec(
        "UPDATE onshi_job SET payload = payload || '{\"reception_number\": \"X1\"}' "
        "WHERE kind = 'OQSmuquc02req'");
    e.make_due();
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    terminal.run_once();
    e.import_all();
    const exchange::BulkBatchStatus s = e.status(b.batch_id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), std::string("error"), s.state);
    CPPUNIT_ASSERT_EQUAL(6, s.error);
    CPPUNIT_ASSERT_MESSAGE(s.errors, s.errors.find("SegmentOfResult 9") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_job "
                                               "WHERE kind = 'OQSmuquc02req'"));  // no more polls
  }

  void testUploadRefusedAndFailedJobsShowAsErrors() {
    Env e;
    e.set("bulk_chunk_max = 4");
    const exchange::BulkStart b =
        exchange::queue_bulk_precheck(*e.conn, 1, kDay, exchange::BulkTrigger::admin, "t");
    CPPUNIT_ASSERT_EQUAL(2, e.run().sent);
    // Chunk 1 is refused by the terminal (.err), chunk 2 is answered by another institution's
    // terminal (SegmentOfResult 9 in the 01res: refused upload).
    const std::vector<std::string> req = names_in(e.share.req());
    const std::string err = req[0].substr(0, req[0].size() - 4) + ".err";
    TempDir tmp;
    ::rename(tmp.write("x", "EOQS0902 refused").c_str(), (e.share.req() + "/" + err).c_str());
    ::rename((e.share.req() + "/" + req[1]).c_str(), (e.share.root + "/keep").c_str());
    e.run();
    ::rename((e.share.root + "/keep").c_str(), (e.share.req() + "/" + req[1]).c_str());
    sim::Scenario other = e.scenario;
    other.institution_code = "2712345671";
    sim::Responder responder(other);
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);
    terminal.run_once();
    // The answer names the other institution: the importer refuses it, so the upload job stays
    // sent; a 01res of ours with SegmentOfResult 9 is built by hand instead.
    for (const std::string& n : names_in(e.share.res()))
      ::unlink((e.share.res() + "/" + n).c_str());
    const std::string key =
        e.q("SELECT correlation_key FROM onshi_job j JOIN onshi_bulk_chunk c "
            "ON c.upload_job_id = j.job_id WHERE c.chunk_no = 2");
    const std::string name = "OQSmuquc01res_" + req[1].substr(14);
    exchange::ensure_directory(e.share.res());
    TempDir t2;
    ::rename(t2.write("r.xml",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageHeader>"
                      "<ProcessExecutionTime>20250612180000</ProcessExecutionTime>"
                      "<MedicalInstitutionCode>1312345678</MedicalInstitutionCode>"
                      "<ArbitraryFileIdentifier>" +
                          key +
                          "</ArbitraryFileIdentifier>"
                          "<SegmentOfResult>9</SegmentOfResult><ErrorCode>EOQS9999</ErrorCode>"
                          "<ErrorMessage>busy</ErrorMessage><CharacterCodeIdentifier>0"
                          "</CharacterCodeIdentifier></MessageHeader><MessageBody/></XmlMsg>")
                 .c_str(),
             (e.share.res() + "/" + name).c_str());
    e.import_all();
    const exchange::BulkBatchStatus s = e.status(b.batch_id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(counts(s), std::string("error"), s.state);
    CPPUNIT_ASSERT_EQUAL(6, s.error);
    CPPUNIT_ASSERT_MESSAGE(s.errors,
                           s.errors.find("chunk 1: the terminal refused") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(
        s.errors,
        s.errors.find("chunk 2: upload refused: SegmentOfResult 9 EOQS9999") != std::string::npos);
  }

  void testSchedulerRunsOncePerDayAndCatchesUp() {
    Env e;
    e.set("batch_time = '18:00', enabled_at = '2025-06-01 09:00'");
    auto run = [&](const std::string& day, const std::string& time) {
      return exchange::run_scheduled_precheck(*e.conn, e.facility, day, time);
    };
    CPPUNIT_ASSERT(!run("20250612", "175959").ran);
    const exchange::ScheduledRun r = run("20250612", "180000");
    CPPUNIT_ASSERT(r.ran);
    CPPUNIT_ASSERT_EQUAL(kDay, r.start.day);
    CPPUNIT_ASSERT(r.start.batch_id > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("schedule"), e.status(r.start.batch_id).trigger);
    CPPUNIT_ASSERT(!run("20250612", "190000").ran);  // once per day
    CPPUNIT_ASSERT(!run("20250612", "235959").ran);
    CPPUNIT_ASSERT(!run("20250613", "080000").ran);  // before today's batch time
    // The engine was down at 18:00: it catches up later that evening.
    const exchange::ScheduledRun late = run("20250613", "221500");
    CPPUNIT_ASSERT(late.ran);
    CPPUNIT_ASSERT_EQUAL(std::string("no reservations within 7 days"), late.note);
    // The clock jumps back a day: never a second run.
    CPPUNIT_ASSERT(!run("20250612", "200000").ran);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), e.q("SELECT count(*) FROM onshi_bulk_run"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_bulk_batch"));
    // A facility enabled after today's batch time starts tomorrow.
    e.set("enabled_at = '2025-06-14 19:00'");
    CPPUNIT_ASSERT(!run("20250614", "200000").ran);
    CPPUNIT_ASSERT(run("20250615", "180100").ran);
    // Another engine (another connection) never runs the same day again.
    e.set("enabled_at = NULL");
    auto other = e.tdb.connect();
    CPPUNIT_ASSERT(exchange::run_scheduled_precheck(*other, e.facility, "20250616", "190000").ran);
    CPPUNIT_ASSERT(!run("20250616", "190001").ran);
    // The retention purge takes old batches (with their chunks) and run records.
    e.conn->exec(
        "UPDATE onshi_bulk_batch SET created_at = now() - interval '2 years'; "
        "UPDATE onshi_bulk_run SET ran_at = now() - interval '2 years'");
    store::purge(*e.conn, 1, false);
    CPPUNIT_ASSERT_EQUAL(std::string("0|0|0"),
                         e.q("SELECT (SELECT count(*) FROM onshi_bulk_batch) || '|' || "
                             "(SELECT count(*) FROM onshi_bulk_chunk) || '|' || "
                             "(SELECT count(*) FROM onshi_bulk_run)"));
  }

  void testAdminCommand() {
    Env e;
    e.set("bulk_chunk_max = 5");
    std::ostringstream out, err;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err.str(), 0,
        admin::run_bulk({"run", "--hospnum", "1", "--date", kDay, "-d", e.tdb.conninfo()}, out,
                        err));
    CPPUNIT_ASSERT_MESSAGE(out.str(),
                           out.str().find("6 patients in 2 requests") != std::string::npos);
    std::ostringstream out2, err2;
    CPPUNIT_ASSERT_EQUAL(
        0, admin::run_bulk({"status", "--hospnum", "1", "-d", e.tdb.conninfo()}, out2, err2));
    CPPUNIT_ASSERT_MESSAGE(out2.str(),
                           out2.str().find("requested 6, done 0, valid 0, invalid 0, error 0, "
                                           "still processing 6") != std::string::npos);
    std::ostringstream out3, err3;
    CPPUNIT_ASSERT_EQUAL(
        65, admin::run_bulk({"run", "--hospnum", "1", "--date", "20250620", "-d", e.tdb.conninfo()},
                            out3, err3));  // nobody to check that day
    std::ostringstream out4, err4;
    CPPUNIT_ASSERT_EQUAL(64, admin::run_bulk({"frobnicate"}, out4, err4));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BulkCheckTest);

}  // namespace onshi::test
