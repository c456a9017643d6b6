// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The terminal's health figures (store/terminal_health.h) on a migrated database: silence by the
// answer timeout, answer times, the .err count, waiting jobs, and the engine's recorded states.
#include "store/terminal_health.h"

#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "db/facility.h"
#include "db/pg_test_support.h"

namespace onshi::test {

class TerminalHealthTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TerminalHealthTest);
  CPPUNIT_TEST(testNothingYet);
  CPPUNIT_TEST(testSilentAfterTheAnswerTimeout);
  CPPUNIT_TEST(testAnyLaterAnswerMeansNotSilent);
  CPPUNIT_TEST(testRecordedSilenceLastsUntilAnAnswer);
  CPPUNIT_TEST(testAnswerTimesRefusalsAndWaiting);
  CPPUNIT_TEST(testRecordedStatesChangeOnlyOnChange);
  CPPUNIT_TEST_SUITE_END();

  struct Env {
    TestDatabase db{HostSchema::migrated};
    std::unique_ptr<db::Connection> c = db.connect();
    /// One instant for every row a test makes, so that their differences are exact.
    std::string base = scalar(*c, "SELECT now()::text");
    Env() {
      db::FacilitySettings f;
      f.hospnum = 1;
      f.institution_code = "1312345678";
      f.share_dir = "/srv/oqs";
      db::enable_facility(*c, f, "test");
    }
    /// A job of state `state` whose request file `name` was written `ago` seconds ago.
    long long job(const std::string& state, const std::string& name, int ago,
                  const std::string& last_error = "") {
      const long long id =
          c->exec(
               "INSERT INTO onshi_job (hospnum, kind, state, attempts, request_file, last_error, "
               "  updated_at) VALUES (1, 'OQSsiquc01req', $1, 1, $2, nullif($3, ''), now()) "
               "RETURNING job_id",
               {state, name, last_error})
              .integer(0, 0);
      c->exec(
          "INSERT INTO onshi_request_name (hospnum, name, job_id, written_at) "
          "VALUES (1, $1, $2, $4::timestamptz - make_interval(secs => $3))",
          {name, id, ago, base});
      return id;
    }
    /// An answer file in res/ received `ago` seconds ago (for job `job_id`, 0 = none).
    void answer(const std::string& name, double ago, long long job_id) {
      c->exec(
          "INSERT INTO onshi_received_file (hospnum, folder, file_name, content_sha256, "
          "  size_bytes, state, job_id, received_at) VALUES (1, 'res', $1::text, "
          "  sha256(convert_to($1::text, 'UTF8')), 10, 'imported', nullif($2, 0), "
          "  $4::timestamptz - make_interval(secs => $3))",
          {name, job_id, std::to_string(ago), base});
    }
  };

  void testNothingYet() {
    Env e;
    const store::TerminalHealth h = store::terminal_health(*e.c, 1, 60);
    CPPUNIT_ASSERT_EQUAL(std::string(), h.last_answer);
    CPPUNIT_ASSERT(!h.last_answer_age_s && !h.latency_p50_ms && !h.share_ok);
    CPPUNIT_ASSERT_EQUAL(0LL, h.requests_hour + h.answers_hour + h.refused_hour + h.waiting);
    CPPUNIT_ASSERT(!h.silence.silent);
    CPPUNIT_ASSERT_EQUAL(0, h.silence.unanswered);
    CPPUNIT_ASSERT_EQUAL(std::string(), h.silent_since);
  }

  void testSilentAfterTheAnswerTimeout() {
    Env e;
    e.job("sent", "OQSsiquc01req_202612020001.xml", 30);
    store::TerminalSilence s = store::terminal_silence(*e.c, 1, 60);
    CPPUNIT_ASSERT(!s.silent);  // 30 s: within the answer timeout
    CPPUNIT_ASSERT_EQUAL(1, s.unanswered);
    CPPUNIT_ASSERT_EQUAL(std::string(), s.since);
    // A job timed out and waiting for its next attempt counts from its first write.
    const long long retried = e.job("pending", "OQSsiquc01req_202612020002.xml", 95);
    e.c->exec(
        "INSERT INTO onshi_request_name (hospnum, name, job_id, written_at) "
        "VALUES (1, 'OQSsiquc01req_202612020009.xml', $1, now() - interval '5 seconds')",
        {retried});
    e.answer("OQSsiquc01res_old.xml", 200, 0);  // answers before the first write do not count
    s = store::terminal_silence(*e.c, 1, 60);
    CPPUNIT_ASSERT(s.silent);
    CPPUNIT_ASSERT_EQUAL(2, s.unanswered);
    CPPUNIT_ASSERT(s.age_s >= 95 && s.age_s < 200);
    CPPUNIT_ASSERT_EQUAL(std::size_t(19), s.since.size());          // YYYY-MM-DD HH:MM:SS
    CPPUNIT_ASSERT(!store::terminal_silence(*e.c, 1, 120).silent);  // a longer timeout
    // Jobs never written (pending, no attempt) do not wait for the terminal.
    e.c->exec("UPDATE onshi_job SET attempts = 0, state = 'pending'");
    CPPUNIT_ASSERT(!store::terminal_silence(*e.c, 1, 60).silent);
  }

  void testAnyLaterAnswerMeansNotSilent() {
    Env e;
    e.job("sent", "OQSsiquc01req_202612020003.xml", 300);
    CPPUNIT_ASSERT(store::terminal_silence(*e.c, 1, 60).silent);
    // An answer to something else after that write: the terminal works; this job times out
    // and is retried by the queue as usual.
    e.answer("OQSsiquc01res_other.xml", 10, 0);
    const store::TerminalSilence s = store::terminal_silence(*e.c, 1, 60);
    CPPUNIT_ASSERT(!s.silent);
    CPPUNIT_ASSERT_EQUAL(1, s.unanswered);
    // So does a .err file (the terminal refused a request: it is there).
    e.c->exec("DELETE FROM onshi_received_file");
    CPPUNIT_ASSERT(store::terminal_silence(*e.c, 1, 60).silent);
    e.job("failed", "OQSsiquc01req_202612020004.xml", 20,
          std::string(store::kTerminalRefusedPrefix) + "OQSsiquc01req_202612020004.xml): E");
    CPPUNIT_ASSERT(!store::terminal_silence(*e.c, 1, 60).silent);
  }

  void testRecordedSilenceLastsUntilAnAnswer() {
    Env e;
    e.job("sent", "OQSsiquc01req_202612020005.xml", 300);
    const store::TerminalSilence s = store::terminal_silence(*e.c, 1, 60);
    CPPUNIT_ASSERT(s.silent);
    CPPUNIT_ASSERT(store::record_silence(*e.c, 1, s.since));
    // The job gives up (attempts exhausted): the terminal is still silent.
    e.c->exec("UPDATE onshi_job SET state = 'failed', last_error = 'no answer after 5 attempts'");
    store::TerminalSilence later = store::terminal_silence(*e.c, 1, 60);
    CPPUNIT_ASSERT(later.silent);
    CPPUNIT_ASSERT_EQUAL(s.since, later.since);
    CPPUNIT_ASSERT_EQUAL(0, later.unanswered);
    e.answer("OQSsiquc01res_late.xml", 1, 0);
    CPPUNIT_ASSERT(!store::terminal_silence(*e.c, 1, 60).silent);
  }

  void testAnswerTimesRefusalsAndWaiting() {
    Env e;
    // Answered after 1 s, 2 s, 3 s and 10 s; one refused by a .err file; two waiting.
    int n = 0;
    for (int ms : {1000, 2000, 3000, 10000}) {
      const std::string k = std::to_string(++n);
      const long long id = e.job("answered", "OQSsiquc01req_20261202010" + k + ".xml", 100);
      e.answer("OQSsiquc01res_20261202010" + k + ".xml", 100 - ms / 1000.0, id);
    }
    e.job("failed", "OQSsiquc01req_202612020201.xml", 50,
          std::string(store::kTerminalRefusedPrefix) + "OQSsiquc01req_202612020201.xml): E1");
    e.job("failed", "OQSsiquc01req_202612020202.xml", 50, "no answer after 5 attempts");
    e.job("pending", "OQSsiquc01req_202612020301.xml", 5);
    e.job("sent", "OQSsiquc01req_202612020302.xml", 5);
    // An answer of more than an hour ago is not in the figures.
    const long long old = e.job("answered", "OQSsiquc01req_202612010001.xml", 7300);
    e.answer("OQSsiquc01res_202612010001.xml", 7200, old);
    const store::TerminalHealth h = store::terminal_health(*e.c, 1, 60);
    CPPUNIT_ASSERT_EQUAL(4LL, h.answers_hour);
    CPPUNIT_ASSERT(h.latency_p50_ms && h.latency_p95_ms);
    CPPUNIT_ASSERT_EQUAL(2500LL, *h.latency_p50_ms);  // between 2 s and 3 s
    CPPUNIT_ASSERT(*h.latency_p95_ms > 8000 && *h.latency_p95_ms <= 10000);
    CPPUNIT_ASSERT_EQUAL(8LL, h.requests_hour);  // every write of the hour, not the old one
    CPPUNIT_ASSERT_EQUAL(1LL, h.refused_hour);
    CPPUNIT_ASSERT_EQUAL(2LL, h.waiting);
    CPPUNIT_ASSERT(h.last_answer_age_s && *h.last_answer_age_s >= 90 && *h.last_answer_age_s <= 99);
    CPPUNIT_ASSERT(!h.silence.silent);
  }

  void testRecordedStatesChangeOnlyOnChange() {
    Env e;
    CPPUNIT_ASSERT(store::record_share_state(*e.c, 1, false, "req/: Permission denied"));
    CPPUNIT_ASSERT(!store::record_share_state(*e.c, 1, false, "req/: Permission denied"));
    store::TerminalHealth h = store::terminal_health(*e.c, 1, 60);
    CPPUNIT_ASSERT(h.share_ok && !*h.share_ok);
    CPPUNIT_ASSERT_EQUAL(std::string("req/: Permission denied"), h.share_error);
    CPPUNIT_ASSERT(!h.share_changed.empty());
    CPPUNIT_ASSERT(store::record_share_state(*e.c, 1, true, "ignored when writable"));
    h = store::terminal_health(*e.c, 1, 60);
    CPPUNIT_ASSERT(h.share_ok && *h.share_ok);
    CPPUNIT_ASSERT_EQUAL(std::string(), h.share_error);

    CPPUNIT_ASSERT(store::record_silence(*e.c, 1, "2026-12-02 09:00:00"));
    CPPUNIT_ASSERT(!store::record_silence(*e.c, 1, "2026-12-02 09:00:05"));  // still silent
    CPPUNIT_ASSERT_EQUAL(std::string("2026-12-02 09:00:00"),
                         store::terminal_health(*e.c, 1, 60).silent_since);
    CPPUNIT_ASSERT(store::record_silence(*e.c, 1, ""));
    CPPUNIT_ASSERT_EQUAL(std::string(), store::terminal_health(*e.c, 1, 60).silent_since);
    CPPUNIT_ASSERT(!store::record_silence(*e.c, 1, ""));
    // A facility's first record: answering is no change (no "answers again" notice after an
    // engine start); silent is.
    CPPUNIT_ASSERT(!store::record_silence(*e.c, 2, ""));
    CPPUNIT_ASSERT(store::record_silence(*e.c, 3, "2026-12-02 09:00:00"));
    CPPUNIT_ASSERT(store::record_silence(*e.c, 2, "2026-12-02 09:00:00"));
    // The share's state stayed as it was.
    CPPUNIT_ASSERT(*store::terminal_health(*e.c, 1, 60).share_ok);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TerminalHealthTest);

}  // namespace onshi::test
