// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Requests: queueing insurance-number checks, writing them into req/ (UTF-8 and CP932),
// several engines at once, the terminal simulator answering them, .err files, answer timeouts
// with retries, expiry, refusals, an unreachable share, and `onshi-admin check`.
#include "exchange/requests.h"

#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

#include "admin/check_command.h"
#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "common/error.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "exchange/qualification.h"
#include "exchange/share.h"
#include "model/kind.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"
#include "support/fixtures.h"
#include "text/encoding.h"
#include "xml/reader.h"

namespace onshi::test {

using exchange::EnqueueError;
using exchange::QueuePass;

namespace {

/// Names in `dir`, sorted, joined by spaces.
std::string list_dir(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") out.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  std::string joined;
  for (const std::string& n : out) joined += (joined.empty() ? "" : " ") + n;
  return joined;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string v(const model::Text& t) {
  return t ? *t : std::string("<absent>");
}

/// A migrated, seeded database with facility 1 enabled on a temporary share.
struct Env {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share_dir;
  exchange::ShareLayout share{share_dir.path()};
  db::FacilitySettings facility;

  Env() {
    for (const std::string& d : {share.req(), share.res(), share.face()})
      exchange::ensure_directory(d);
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.root;
    db::enable_facility(*conn, facility, "test");
    reload();
    // Patient 101 has a known branch number; 112 (national insurance, 6-digit insurer) has none.
    conn->exec("UPDATE tbl_pthkninf SET edaban = '00' WHERE hospnum = 1 AND ptid = 101");
  }

  void reload() { facility = db::load_enabled_facility(*conn, 1); }
  void set(const std::string& assignments) {
    conn->exec("UPDATE onshi_facility SET " + assignments + " WHERE hospnum = 1");
    reload();
  }

  long long enqueue(long long ptid, const std::string& date = "20250612",
                    std::optional<int> hknid = std::nullopt) {
    return exchange::queue_qualification_check(*conn, 1, ptid, hknid, date, "clerk1");
  }

  QueuePass run() { return exchange::run_queue(*conn, facility); }

  std::string q(const std::string& sql) { return scalar(*conn, sql); }
  std::string job(long long id, const std::string& column) {
    return q("SELECT " + column + " FROM onshi_job WHERE job_id = " + std::to_string(id));
  }
  std::string today() { return q("SELECT to_char(localtimestamp, 'YYYYMMDD')"); }
  std::string req_files() { return list_dir(share.req()); }
  /// Makes every sent job's answer overdue.
  void time_out() {
    conn->exec(
        "UPDATE onshi_job SET next_attempt_at = now() - interval '1 second' "
        "WHERE state = 'sent'");
  }
  void make_due() {
    conn->exec(
        "UPDATE onshi_job SET next_attempt_at = now() - interval '1 second' "
        "WHERE state = 'pending'");
  }
};

sim::Scenario demo_scenario() {
  sim::Scenario s = sim::load_scenario(source_file("tests/sim/scenario-demo.json"));
  s.settings.delay_ms = 0;
  return s;
}

std::string pass_text(const QueuePass& p) {
  std::ostringstream o;
  o << "sent " << p.sent << " retried " << p.retried << " failed " << p.failed << " expired "
    << p.expired << " deferred " << p.deferred << " unknown_err " << p.unknown_err << " ("
    << p.write_error << ")";
  return o.str();
}

}  // namespace

class RequestsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RequestsTest);
  CPPUNIT_TEST(testEnqueueStoresRegisteredValues);
  CPPUNIT_TEST(testInsuranceChoice);
  CPPUNIT_TEST(testRefusals);
  CPPUNIT_TEST(testWritesWellFormedRequest);
  CPPUNIT_TEST(testShiftJisRequest);
  CPPUNIT_TEST(testUnencodableRequestFails);
  CPPUNIT_TEST(testSimulatorAnswers);
  CPPUNIT_TEST(testConcurrentEnginesWriteEachJobOnce);
  CPPUNIT_TEST(testErrFiles);
  CPPUNIT_TEST(testTimeoutRetryThenFail);
  CPPUNIT_TEST(testCrashAfterMarkingSent);
  CPPUNIT_TEST(testExpiry);
  CPPUNIT_TEST(testMissingReqFolder);
  CPPUNIT_TEST(testWriteFailureRollsBackTheClaim);
  CPPUNIT_TEST(testNameCollisionsAreSkipped);
  CPPUNIT_TEST(testNextQueueEvent);
  CPPUNIT_TEST(testCheckCommand);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEnqueueStoresRegisteredValues() {
    Env e;
    const long long id = e.enqueue(112);
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), e.job(id, "state"));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req"), e.job(id, "kind"));
    CPPUNIT_ASSERT_EQUAL(std::string("112"), e.job(id, "ptid"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.job(id, "hknid"));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1"), e.job(id, "requested_by"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.job(id, "next_attempt_at <= now()"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.job(id, "attempts"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("{\"ptnum\": \"000112\", \"branch\": null, \"number\": \"909\", "
                    "\"symbol\": \"\xE5\x8D\x83\xE6\x9E\xB6\", \"birthdate\": "
                    "\"19650606\", \"limit_flag\": \"1\", \"insurer_number\": "
                    "\"138999\", \"confirmation_date\": \"20250612\"}"),
        e.job(id, "payload"));
    // A past confirmation day still leaves the job the minimum lifetime; a future one lasts
    // until the end of that day.
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.job(id,
                               "expires_at BETWEEN now() + interval '59 minutes' AND "
                               "now() + interval '61 minutes'"));
    const long long later = e.enqueue(112, "20991231");
    CPPUNIT_ASSERT(later != id);
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.job(later, "expires_at = '2100-01-01 00:00'::timestamp::timestamptz"));
    // Pressing the button twice queues one request.
    CPPUNIT_ASSERT_EQUAL(id, e.enqueue(112));
    // Values are taken as registered when queued: a later edit does not change this request.
    e.conn->exec("UPDATE tbl_pthkninf SET num = '910' WHERE hospnum = 1 AND ptid = 112");
    CPPUNIT_ASSERT_EQUAL(std::string("909"), e.job(id, "payload->>'number'"));
    const long long edited = e.enqueue(112);
    CPPUNIT_ASSERT(edited != id);
    CPPUNIT_ASSERT_EQUAL(std::string("910"), e.job(edited, "payload->>'number'"));
  }

  void testInsuranceChoice() {
    Env e;
    // A second, newer insurance of patient 112, and an ended and a deleted one.
    e.conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, honkzkkbn, "
        "  tekstymd, tekedymd, edaban, sakjokbn) VALUES "
        "(1, 112, 2, '001', '01130012', '777', '1', '1', '20250601', '99999999', '01', '0'), "
        "(1, 112, 3, '001', '01130012', '888', '2', '1', '20250610', '20250611', NULL, '0'), "
        "(1, 112, 4, '001', '01130012', '999', '3', '1', '20250611', '99999999', NULL, '1')");
    long long id = e.enqueue(112, "20250612");
    CPPUNIT_ASSERT_EQUAL(std::string("2"), e.job(id, "hknid"));
    CPPUNIT_ASSERT_EQUAL(std::string("777"), e.job(id, "payload->>'symbol'"));
    CPPUNIT_ASSERT_EQUAL(std::string("01"), e.job(id, "payload->>'branch'"));
    id = e.enqueue(112, "20250531");  // before insurance 2 started
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.job(id, "hknid"));
    id = e.enqueue(112, "20250612", 1);  // asked for explicitly
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.job(id, "hknid"));
    CPPUNIT_ASSERT_EQUAL(std::string("138999"), e.job(id, "payload->>'insurer_number'"));
    // Late-elderly insurance has no symbol and no branch number.
    id = e.enqueue(104);
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.job(id, "payload->'symbol' = 'null'::jsonb"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.job(id, "payload->'branch' = 'null'::jsonb"));
  }

  void testRefusals() {
    Env e;
    auto reason_of = [&](long long ptid, std::optional<int> hknid, const std::string& date,
                         std::string& message) {
      try {
        e.enqueue(ptid, date, hknid);
      } catch (const EnqueueError& x) {
        message = x.what();
        return x.reason();
      }
      CPPUNIT_FAIL("not refused: patient " + std::to_string(ptid));
      return EnqueueError::Reason::bad_argument;
    };
    std::string m;
    CPPUNIT_ASSERT(reason_of(199, {}, "20250612", m) == EnqueueError::Reason::test_patient);
    CPPUNIT_ASSERT_MESSAGE(m, contains(m, "patient 000199 is a test patient"));
    CPPUNIT_ASSERT(reason_of(99999, {}, "20250612", m) == EnqueueError::Reason::unknown_patient);
    CPPUNIT_ASSERT_MESSAGE(m, contains(m, "no patient with id 99999"));
    // 106 has public assistance only: asked about by it (PublicAssistanceTest); without it, no
    // coverage at all.
    e.conn->exec("DELETE FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106");
    CPPUNIT_ASSERT(reason_of(106, {}, "20250612", m) == EnqueueError::Reason::no_insurance);
    CPPUNIT_ASSERT_MESSAGE(m, contains(m, "patient 000106 has no insurance"));
    CPPUNIT_ASSERT(reason_of(112, {}, "20000101", m) == EnqueueError::Reason::no_insurance);
    CPPUNIT_ASSERT(reason_of(112, 7, "20250612", m) == EnqueueError::Reason::no_insurance);
    CPPUNIT_ASSERT_MESSAGE(m, contains(m, "has no insurance 7"));
    e.conn->exec("UPDATE tbl_pthkninf SET sakjokbn = '1' WHERE hospnum = 1 AND ptid = 113");
    CPPUNIT_ASSERT(reason_of(113, 1, "20250612", m) == EnqueueError::Reason::no_insurance);
    CPPUNIT_ASSERT_MESSAGE(m, contains(m, "is deleted"));
    CPPUNIT_ASSERT(reason_of(112, {}, "20250631", m) == EnqueueError::Reason::bad_argument);
    e.conn->exec("UPDATE tbl_pthkninf SET hknjanum = '1234567' WHERE hospnum = 1 AND ptid = 129");
    CPPUNIT_ASSERT(reason_of(129, {}, "20250612", m) == EnqueueError::Reason::invalid_data);
    CPPUNIT_ASSERT_MESSAGE(m, contains(m, "cannot be sent"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_job"));
    // Facilities: never enabled, disabled.
    CPPUNIT_ASSERT_THROW(
        exchange::queue_qualification_check(*e.conn, 2, 101, {}, "20250612", "clerk1"),
        db::UnknownFacilityError);
    db::disable_facility(*e.conn, 1, "test");
    CPPUNIT_ASSERT_THROW(e.enqueue(112), db::FacilityDisabledError);
  }

  void testWritesWellFormedRequest() {
    Env e;
    const long long id = e.enqueue(112);
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.sent);
    const std::string name = "OQSsiquc01req_" + e.today() + "0001.xml";
    CPPUNIT_ASSERT_EQUAL(name, e.req_files());
    // Nothing else is left in the share (the temporary file was renamed away).
    CPPUNIT_ASSERT_EQUAL(std::string("face req res"), list_dir(e.share.root));
    const std::string key = "onshi-1-" + std::to_string(id) + "-1";
    CPPUNIT_ASSERT_EQUAL(std::string("sent"), e.job(id, "state"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.job(id, "attempts"));
    CPPUNIT_ASSERT_EQUAL(name, e.job(id, "request_file"));
    CPPUNIT_ASSERT_EQUAL(key, e.job(id, "correlation_key"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.job(id,
                               "next_attempt_at BETWEEN now() + interval '55 seconds' AND "
                               "now() + interval '61 seconds'"));

    const std::string path = e.share.req() + "/" + name;
    const std::string bytes = read_all(path);
    CPPUNIT_ASSERT_MESSAGE(bytes, bytes.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"", 0) == 0);
    CPPUNIT_ASSERT_MESSAGE(bytes, contains(bytes, "<InsurerNumber>  138999</InsurerNumber>"));
    CPPUNIT_ASSERT_MESSAGE(bytes, contains(bytes, "<InsuredBranchNumber></InsuredBranchNumber>"));
    model::Document d = xml::read_file(path);
    CPPUNIT_ASSERT(d.kind == model::MessageKind::OQSsiquc01req);
    CPPUNIT_ASSERT(d.encoding == model::Encoding::utf8);
    CPPUNIT_ASSERT_EQUAL(std::string("1312345678"), v(d.header.MedicalInstitutionCode));
    CPPUNIT_ASSERT_EQUAL(key, v(d.header.ArbitraryFileIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612"), v(d.header.QualificationConfirmationDate));
    const auto& s = *d.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo;
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"), v(s.InsurerNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("\xE5\x8D\x83\xE6\x9E\xB6"), v(s.InsuredCardSymbol));
    CPPUNIT_ASSERT_EQUAL(std::string("909"), v(s.InsuredIdentificationNumber));
    CPPUNIT_ASSERT(!s.InsuredBranchNumber || s.InsuredBranchNumber->empty());
    CPPUNIT_ASSERT_EQUAL(std::string("19650606"), v(s.Birthdate));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(s.LimitApplicationCertificateRelatedConsFlg));
    CPPUNIT_ASSERT_EQUAL(std::string("000112"), v(s.ArbitraryIdentifier));
    // Nothing more to do: the next pass writes nothing.
    p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 0, p.sent + p.retried + p.failed + p.expired);
    // A late-elderly patient: no symbol element, an empty branch element.
    e.enqueue(104);
    p = e.run();
    CPPUNIT_ASSERT_EQUAL(1, p.sent);
    const std::string elderly =
        read_all(e.share.req() + "/OQSsiquc01req_" + e.today() + "0002.xml");
    CPPUNIT_ASSERT_MESSAGE(elderly, !contains(elderly, "InsuredCardSymbol"));
    CPPUNIT_ASSERT_MESSAGE(elderly,
                           contains(elderly, "<InsuredBranchNumber></InsuredBranchNumber>"));
  }

  void testShiftJisRequest() {
    Env e;
    e.set("request_encoding = 'Shift_JIS'");
    e.enqueue(112);
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.sent);
    const std::string path = e.share.req() + "/" + e.req_files();
    const std::string bytes = read_all(path);
    CPPUNIT_ASSERT(bytes.rfind("<?xml version=\"1.0\" encoding=\"Shift_JIS\"", 0) == 0);
    CPPUNIT_ASSERT(
        contains(bytes, text::utf8_to_cp932("<InsuredCardSymbol>\xE5\x8D\x83\xE6\x9E\xB6")));
    CPPUNIT_ASSERT(text::find_invalid_utf8(bytes) != std::string::npos);  // really CP932
    model::Document d = xml::read_file(path);
    CPPUNIT_ASSERT(d.encoding == model::Encoding::cp932);
    CPPUNIT_ASSERT_EQUAL(std::string("\xE5\x8D\x83\xE6\x9E\xB6"),
                         v(d.as<model::QualificationRequestBody>()
                               .QualificationConfirmSearchInfo->InsuredCardSymbol));
  }

  void testUnencodableRequestFails() {
    Env e;
    // U+20BB7 (tsuchi-yoshi) exists in UTF-8 but not in CP932.
    e.conn->exec(
        "UPDATE tbl_pthkninf SET kigo = '\xF0\xA0\xAE\xB7' WHERE hospnum = 1 AND ptid = 128");
    if (e.conn->server_encoding() != "UTF8") {
      // An EUC-JP host (ORCA's default) cannot hold it: the connection wrote U+3013 instead, which
      // every request encoding can carry. Nothing more to prove here.
      CPPUNIT_ASSERT_EQUAL(std::string("\xE3\x80\x93"),
                           e.q("SELECT kigo FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 128"));
      return;
    }
    const long long id = e.enqueue(128);  // fine while the facility writes UTF-8
    e.set("request_encoding = 'Shift_JIS'");
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.failed);
    CPPUNIT_ASSERT_EQUAL(0, p.sent);
    CPPUNIT_ASSERT_EQUAL(std::string("failed"), e.job(id, "state"));
    const std::string why = e.job(id, "last_error");
    CPPUNIT_ASSERT_MESSAGE(
        why, contains(why, "cannot build the request: cannot encode the request in Shift_JIS"));
    CPPUNIT_ASSERT(e.req_files().empty());
    // Queued while the facility writes Shift_JIS: refused at once.
    try {
      e.enqueue(128, "20250613");
      CPPUNIT_FAIL("not refused");
    } catch (const EnqueueError& x) {
      CPPUNIT_ASSERT(x.reason() == EnqueueError::Reason::invalid_data);
      CPPUNIT_ASSERT_MESSAGE(x.what(), contains(x.what(), "Shift_JIS"));
    }
  }

  void testSimulatorAnswers() {
    Env e;
    // 101: employees' insurance with branch 00; 129: national insurance (6-digit insurer, kanji
    // symbol) whose branch number is unknown (sent empty).
    const long long taro = e.enqueue(101);
    const long long kokuho = e.enqueue(129);
    CPPUNIT_ASSERT_EQUAL(2, e.run().sent);
    sim::Responder responder(demo_scenario());
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(2), terminal.run_once());
    CPPUNIT_ASSERT(e.req_files().empty());  // consumed
    for (long long id : {taro, kokuho}) {
      const std::string answer = model::result_file_name(e.job(id, "request_file"));
      const std::string path = e.share.res() + "/" + answer;
      CPPUNIT_ASSERT_MESSAGE(log.str(), exists(path));
      model::Document d = xml::read_file(path);
      CPPUNIT_ASSERT(d.kind == model::MessageKind::OQSsiquc01res);
      CPPUNIT_ASSERT_EQUAL(e.job(id, "correlation_key"), v(d.header.ArbitraryFileIdentifier));
      CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.SegmentOfResult));
      const auto& b = d.as<model::QualificationResultBody>();
      CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::string("1"), v(b.ProcessingResultStatus));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::string("1"), v(b.QualificationValidity));
      CPPUNIT_ASSERT_EQUAL(std::size_t(1), b.Results.size());
    }
    // The answered files wait for the importer; nothing for us to do (no timeout yet).
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 0, p.sent + p.retried + p.failed);
  }

  void testConcurrentEnginesWriteEachJobOnce() {
    Env e;
    const int n = 60;
    e.conn->exec(
        "INSERT INTO onshi_job (hospnum, kind, ptid, hknid, payload) "
        "SELECT 1, 'OQSsiquc01req', 101, 1, '{\"insurer_number\": \"06139999\", \"symbol\": "
        "\"1234\", \"number\": \"56789\", \"branch\": \"00\", \"birthdate\": \"19800415\", "
        "\"limit_flag\": \"1\", \"confirmation_date\": \"20250612\", \"ptnum\": \"000101\"}' "
        "FROM generate_series(1, " +
        std::to_string(n) + ")");
    auto c1 = e.tdb.connect();
    auto c2 = e.tdb.connect();
    std::atomic<int> ready{0};
    QueuePass p1, p2;
    std::string error;
    auto engine = [&](db::Connection& c, QueuePass& out) {
      ++ready;
      while (ready < 2) std::this_thread::yield();
      try {
        out = exchange::run_queue(c, e.facility);
      } catch (const std::exception& x) {
        error = x.what();
      }
    };
    std::thread t1(engine, std::ref(*c1), std::ref(p1));
    std::thread t2(engine, std::ref(*c2), std::ref(p2));
    t1.join();
    t2.join();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(error, std::string(), error);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p1) + " / " + pass_text(p2), n, p1.sent + p2.sent);
    if (std::getenv("ONSHI_TEST_VERBOSE"))
      std::fprintf(stderr, "engines: %s / %s\n", pass_text(p1).c_str(), pass_text(p2).c_str());
    CPPUNIT_ASSERT_EQUAL(0, e.run().sent);
    // Exactly n files: the numbers 1..n of today, each carrying its own job's key.
    std::string expected;
    for (int i = 1; i <= n; ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "OQSsiquc01req_%s%04d.xml", e.today().c_str(), i);
      expected += (i > 1 ? " " : "") + std::string(name);
    }
    CPPUNIT_ASSERT_EQUAL(expected, e.req_files());
    CPPUNIT_ASSERT_EQUAL(std::to_string(n),
                         e.q("SELECT count(DISTINCT request_file) FROM onshi_job "
                             "WHERE state = 'sent' AND attempts = 1"));
    std::set<std::string> keys;
    for (int i = 1; i <= n; ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "OQSsiquc01req_%s%04d.xml", e.today().c_str(), i);
      model::Document d = xml::read_file(e.share.req() + "/" + name);
      const std::string key = v(d.header.ArbitraryFileIdentifier);
      CPPUNIT_ASSERT_EQUAL(key, e.q("SELECT correlation_key FROM onshi_job WHERE request_file = '" +
                                    std::string(name) + "'"));
      keys.insert(key);
    }
    CPPUNIT_ASSERT_EQUAL(std::size_t(n), keys.size());
  }

  void testErrFiles() {
    Env e;
    const long long a = e.enqueue(101);
    const long long b = e.enqueue(112);
    CPPUNIT_ASSERT_EQUAL(2, e.run().sent);
    const std::string name_a = e.job(a, "request_file");
    const std::string name_b = e.job(b, "request_file");
    // The simulator answers the first request with an .err file (its injected fault)...
    sim::Scenario s = demo_scenario();
    s.settings.err_every = 1;
    sim::Responder responder(s);
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);
    // ... only request a: move b aside while the terminal looks.
    ::rename((e.share.req() + "/" + name_b).c_str(), (e.share.root + "/b.keep").c_str());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), terminal.run_once());
    ::rename((e.share.root + "/b.keep").c_str(), (e.share.req() + "/" + name_b).c_str());
    const std::string err_a = name_a.substr(0, name_a.size() - 4) + ".err";
    CPPUNIT_ASSERT_MESSAGE(log.str(), exists(e.share.req() + "/" + err_a));
    // Request b gets a CP932 .err, written by hand like some terminals do.
    const std::string err_b = name_b.substr(0, name_b.size() - 4) + ".err";
    TempDir tmp;
    const std::string cp932 = text::utf8_to_cp932(
        "EOQS0902 \xE8\xA6\x81\xE6\xB1\x82\xE3\x80\x80\xE4\xB8\x8D\xE6\xAD\xA3\r\n");
    ::rename(tmp.write("x", cp932).c_str(), (e.share.req() + "/" + err_b).c_str());
    // Foreign .err files: one names a request nobody here wrote, one is no request's at all.
    ::rename(tmp.write("y", "x").c_str(),
             (e.share.req() + "/OQSsiquc01req_209901019999.err").c_str());
    ::rename(tmp.write("z", "x").c_str(), (e.share.req() + "/notes.err").c_str());

    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 2, p.failed);
    CPPUNIT_ASSERT_EQUAL(2, p.unknown_err);
    CPPUNIT_ASSERT_EQUAL(std::string("failed"), e.job(a, "state"));
    const std::string why_a = e.job(a, "last_error");
    CPPUNIT_ASSERT_MESSAGE(why_a,
                           contains(why_a, "the terminal refused the request (" + name_a + "): "));
    CPPUNIT_ASSERT_MESSAGE(why_a, contains(why_a, s.messages.error_file.text));
    CPPUNIT_ASSERT_EQUAL(std::string("failed"), e.job(b, "state"));
    CPPUNIT_ASSERT_EQUAL("the terminal refused the request (" + name_b +
                             "): EOQS0902 \xE8\xA6\x81\xE6\xB1\x82 \xE4\xB8\x8D\xE6\xAD\xA3",
                         e.job(b, "last_error"));
    // Our .err files and the request still waiting are gone; foreign files stay.
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_209901019999.err notes.err"), e.req_files());
    // Visible to administrators.
    std::ostringstream out, err;
    admin::run_status({"--hospnum", "1", "--dbname", e.tdb.conninfo()}, out, err);
    CPPUNIT_ASSERT_MESSAGE(out.str(), contains(out.str(), "the terminal refused the request"));
    // Later passes leave the foreign files alone and do not fail anything else.
    p = e.run();
    CPPUNIT_ASSERT_EQUAL(0, p.failed);
    CPPUNIT_ASSERT_EQUAL(2, p.unknown_err);
  }

  void testTimeoutRetryThenFail() {
    Env e;
    e.set("max_attempts = 3, answer_timeout_s = 5");
    const long long id = e.enqueue(112);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    const std::string first = e.job(id, "request_file");
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.job(id, "next_attempt_at <= now() + interval '5 seconds'"));
    // The terminal never takes it: the answer is overdue.
    e.time_out();
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.retried);
    CPPUNIT_ASSERT_EQUAL(0, p.sent);
    CPPUNIT_ASSERT(e.req_files().empty());  // our unconsumed request was taken back
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), e.job(id, "state"));
    CPPUNIT_ASSERT_EQUAL(std::string("no answer within 5 s (attempt 1 of 3)"),
                         e.job(id, "last_error"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.job(id,
                                                 "next_attempt_at BETWEEN now() + interval '25 "
                                                 "seconds' AND now() + interval '31 seconds'"));
    // The late answer can still find the job by the last attempt's key and name.
    CPPUNIT_ASSERT_EQUAL("onshi-1-" + std::to_string(id) + "-1", e.job(id, "correlation_key"));
    CPPUNIT_ASSERT_EQUAL(first, e.job(id, "request_file"));
    // Not due yet: nothing happens.
    CPPUNIT_ASSERT_EQUAL(0, e.run().sent);

    e.make_due();
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), e.job(id, "attempts"));
    CPPUNIT_ASSERT_EQUAL("onshi-1-" + std::to_string(id) + "-2", e.job(id, "correlation_key"));
    const std::string second = e.job(id, "request_file");
    CPPUNIT_ASSERT(second != first);
    CPPUNIT_ASSERT_EQUAL(second, e.req_files());
    model::Document d = xml::read_file(e.share.req() + "/" + second);
    CPPUNIT_ASSERT_EQUAL(e.job(id, "correlation_key"), v(d.header.ArbitraryFileIdentifier));

    e.time_out();
    CPPUNIT_ASSERT_EQUAL(1, e.run().retried);
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.job(id,
                                                 "next_attempt_at BETWEEN now() + interval '55 "
                                                 "seconds' AND now() + interval '61 seconds'"));
    e.make_due();
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    e.time_out();
    p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.failed);
    CPPUNIT_ASSERT_EQUAL(std::string("failed"), e.job(id, "state"));
    CPPUNIT_ASSERT_EQUAL(std::string("no answer after 3 attempts"), e.job(id, "last_error"));
    CPPUNIT_ASSERT(e.req_files().empty());
    e.make_due();
    CPPUNIT_ASSERT_EQUAL(0, e.run().sent);
  }

  void testCrashAfterMarkingSent() {
    // An engine that died after recording the attempt but before (or while) writing the file:
    // the job is 'sent' with a name that is not in req/. The answer timeout recovers it with a
    // new attempt; the file of the lost attempt is never written a second time.
    Env e;
    const long long id = e.enqueue(101);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    const std::string lost = e.job(id, "request_file");
    ::unlink((e.share.req() + "/" + lost).c_str());  // as if the write never happened
    e.time_out();
    CPPUNIT_ASSERT_EQUAL(1, e.run().retried);
    e.make_due();
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    CPPUNIT_ASSERT(e.job(id, "request_file") != lost);
    CPPUNIT_ASSERT_EQUAL(e.job(id, "request_file"), e.req_files());
  }

  void testExpiry() {
    Env e;
    const long long id = e.enqueue(112);
    e.conn->exec("UPDATE onshi_job SET expires_at = now() - interval '1 minute'");
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.expired);
    CPPUNIT_ASSERT_EQUAL(0, p.sent);
    CPPUNIT_ASSERT_EQUAL(std::string("expired"), e.job(id, "state"));
    CPPUNIT_ASSERT_MESSAGE(e.job(id, "last_error"),
                           contains(e.job(id, "last_error"), "expired before it could be sent"));
    CPPUNIT_ASSERT(e.req_files().empty());
  }

  void testMissingReqFolder() {
    // The share is not mounted (req/ missing): the job waits with a reason and back-off, and no
    // sequence number is used up.
    Env e;
    ::rmdir(e.share.req().c_str());
    const long long id = e.enqueue(112);
    QueuePass p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.deferred);
    CPPUNIT_ASSERT_EQUAL(0, p.sent + p.failed);
    CPPUNIT_ASSERT_MESSAGE(p.write_error, contains(p.write_error, e.share.req()));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), e.job(id, "state"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.job(id, "attempts"));
    CPPUNIT_ASSERT_MESSAGE(e.job(id, "last_error"),
                           contains(e.job(id, "last_error"), "cannot write the request"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.job(id, "next_attempt_at > now() + interval '25 seconds'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_request_seq"));
    std::ostringstream out, err;
    admin::run_status({"--hospnum", "1", "--dbname", e.tdb.conninfo()}, out, err);
    CPPUNIT_ASSERT_MESSAGE(out.str(), contains(out.str(), "cannot write the request"));
    CPPUNIT_ASSERT_MESSAGE(out.str(), contains(out.str(), "queue: pending 1"));
    // Mounted again: nothing was lost.
    exchange::ensure_directory(e.share.req());
    e.make_due();
    p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.sent);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_") + e.today() + "0001.xml",
                         e.job(id, "request_file"));
    CPPUNIT_ASSERT_EQUAL(std::string("t"), e.job(id, "last_error IS NULL"));
  }

  void testWriteFailureRollsBackTheClaim() {
    // req/ exists but the write fails. As root permissions do not stop writes, so the request
    // folder is pointed at one where no file can be created (the temporary file goes to its
    // parent, /proc).
    Env e;
    const long long id = e.enqueue(112);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);  // attempt 1 exists...
    e.time_out();
    CPPUNIT_ASSERT_EQUAL(1, e.run().retried);  // ... and was unanswered
    const std::string previous = e.job(id, "request_file");
    const std::string previous_key = e.job(id, "correlation_key");
    const bool root = ::geteuid() == 0;
    if (root) {
      e.set("req_dir = '/proc/sys'");
    } else {
      ::chmod(e.share.req().c_str(), 0555);
      ::chmod(e.share.root.c_str(), 0555);
    }
    e.make_due();
    QueuePass p = e.run();
    if (!root) {
      ::chmod(e.share.root.c_str(), 0755);
      ::chmod(e.share.req().c_str(), 0755);
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.deferred);
    CPPUNIT_ASSERT_EQUAL(0, p.sent);
    CPPUNIT_ASSERT(!p.write_error.empty());
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), e.job(id, "state"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.job(id, "attempts"));  // the claim was undone
    CPPUNIT_ASSERT_EQUAL(previous, e.job(id, "request_file"));
    CPPUNIT_ASSERT_EQUAL(previous_key, e.job(id, "correlation_key"));
    CPPUNIT_ASSERT_MESSAGE(e.job(id, "last_error"),
                           contains(e.job(id, "last_error"), "cannot write the request: "));
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.job(id, "next_attempt_at > now() + interval '25 seconds'"));
    // Its sequence number was given back.
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT last_seq FROM onshi_request_seq"));
    if (root) e.set("req_dir = NULL");
    e.make_due();
    p = e.run();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(pass_text(p), 1, p.sent);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), e.job(id, "attempts"));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_") + e.today() + "0002.xml",
                         e.job(id, "request_file"));
  }

  void testNameCollisionsAreSkipped() {
    // A name already in req/ (another program), an answer already in res/, or a name an older
    // job records is never used again.
    Env e;
    const std::string day = e.today();
    TempDir tmp;
    ::rename(tmp.write("a", "foreign").c_str(),
             (e.share.req() + "/OQSsiquc01req_" + day + "0001.xml").c_str());
    ::rename(tmp.write("b", "old answer").c_str(),
             (e.share.res() + "/OQSsiquc01res_" + day + "0002.xml").c_str());
    e.conn->exec(
        "INSERT INTO onshi_job (hospnum, kind, state, request_file) VALUES "
        "(1, 'OQSsiquc01req', 'answered', 'OQSsiquc01req_" +
        day + "0003.xml')");
    const long long id = e.enqueue(101);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    CPPUNIT_ASSERT_EQUAL("OQSsiquc01req_" + day + "0004.xml", e.job(id, "request_file"));
    CPPUNIT_ASSERT_EQUAL(std::string("foreign"),
                         read_all(e.share.req() + "/OQSsiquc01req_" + day + "0001.xml"));
  }

  void testNextQueueEvent() {
    Env e;
    CPPUNIT_ASSERT(!exchange::next_queue_event(*e.conn, 1));
    e.enqueue(112);
    CPPUNIT_ASSERT_EQUAL(0L, static_cast<long>(exchange::next_queue_event(*e.conn, 1)->count()));
    e.run();
    const long ms = static_cast<long>(exchange::next_queue_event(*e.conn, 1)->count());
    CPPUNIT_ASSERT_MESSAGE(std::to_string(ms), ms > 50000 && ms <= 60000);
  }

  void testCheckCommand() {
    Env e;
    auto run = [&](std::vector<std::string> args, std::string& out, std::string& err) {
      args.push_back("--dbname");
      args.push_back(e.tdb.conninfo());
      std::ostringstream o, r;
      int status = admin::run_check(args, o, r);
      out = o.str();
      err = r.str();
      return status;
    };
    std::string out, err;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err, 0, run({"--hospnum", "1", "--patient", "000112", "--date", "20250612"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(out, contains(out, "facility 1: job "));
    CPPUNIT_ASSERT_MESSAGE(out, contains(out,
                                         " queued (OQSsiquc01req, patient 000112, "
                                         "confirmation date 20250612)"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_job WHERE ptid = 112 "
                                               "AND requested_by LIKE 'onshi-admin:%'"));
    // Default date today, explicit insurance.
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err, 0, run({"--hospnum", "1", "--patient", "000101", "--hknid", "1"}, out, err));
    CPPUNIT_ASSERT_EQUAL(
        e.today(), e.q("SELECT payload->>'confirmation_date' FROM onshi_job WHERE ptid = 101"));
    // Refusals.
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused,
                         run({"--hospnum", "1", "--patient", "999999"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "facility 1 has no patient number \"999999\""));
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused,
                         run({"--hospnum", "1", "--patient", "000199"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "test patient"));
    e.conn->exec("DELETE FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106");  // no coverage
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused,
                         run({"--hospnum", "1", "--patient", "000106"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "has no insurance"));
    CPPUNIT_ASSERT_EQUAL(
        admin::kExitUsage,
        run({"--hospnum", "1", "--patient", "000112", "--date", "2025-06-12"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "YYYYMMDD"));
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run({"--hospnum", "1"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "--patient is required"));
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run({"--hospnum", "x", "--patient", "1"}, out, err));
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run({"--patient", "1", "--bogus"}, out, err));
    // Home-visit and online care: the facility's setting first, then their own request kind.
    CPPUNIT_ASSERT_EQUAL(
        admin::kExitConfig,
        run({"--hospnum", "1", "--patient", "000112", "--visit", "homevisit"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "does not use home-visit care"));
    CPPUNIT_ASSERT_EQUAL(
        admin::kExitUsage,
        run({"--hospnum", "1", "--patient", "000112", "--visit", "emergency"}, out, err));
    e.conn->exec("UPDATE onshi_facility SET online_care = true WHERE hospnum = 1");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err, 0, run({"--hospnum", "1", "--patient", "000112", "--visit", "online"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(out, contains(out, " queued (OQSsionq01req, patient 000112, "));
    CPPUNIT_ASSERT_EQUAL(std::string("3"),
                         e.q("SELECT payload->>'treatment_flag' FROM onshi_job WHERE ptid = 112 "
                             "AND kind = 'OQSsionq01req'"));
    CPPUNIT_ASSERT_EQUAL(admin::kExitUnknownFacility,
                         run({"--hospnum", "2", "--patient", "000101"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "unknown facility hospnum 2"));
    db::disable_facility(*e.conn, 1, "test");
    CPPUNIT_ASSERT_EQUAL(admin::kExitConfig,
                         run({"--hospnum", "1", "--patient", "000112"}, out, err));
    CPPUNIT_ASSERT_MESSAGE(err, contains(err, "disabled"));
    std::ostringstream help, none;
    CPPUNIT_ASSERT_EQUAL(0, admin::run_check({"--help"}, help, none));
    CPPUNIT_ASSERT(contains(help.str(), "usage: onshi-admin check"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestsTest);

}  // namespace onshi::test
