// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Reference numbers: single registration after the first valid result, the number
// carried and used by later results, the source setting, and the bulk registration in chunks
// (upload, reception number, polls, units) with an interruption and resume, and its summary.
#include "exchange/reference_numbers.h"

#include <cppunit/extensions/HelperMacros.h>

#include "db/flow_env.h"

namespace onshi::test {

class ReferenceNumbersTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ReferenceNumbersTest);
  CPPUNIT_TEST(testSingleRegistrationAfterFirstValidResult);
  CPPUNIT_TEST(testSourceSetting);
  CPPUNIT_TEST(testBulkRegistrationResumes);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSingleRegistrationAfterFirstValidResult() {
    FlowEnv e;
    e.check_in("taro");
    CPPUNIT_ASSERT_EQUAL(std::string("linked101"),
                         e.q("SELECT link_state || ptid FROM onshi_confirmation"));
    // Queued inside the import: a pending number (the patient number) and its job.
    CPPUNIT_ASSERT_EQUAL(std::string("000101|pending"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSsiimm01req'"));
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("registered"),
                                 e.q("SELECT state FROM onshi_reference_number WHERE ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("answered"),
                         e.q("SELECT state FROM onshi_job WHERE kind = 'OQSsiimm01req'"));
    // A second check-in carries the number and is linked by it; nothing is queued again.
    e.check_in("taro");
    CPPUNIT_ASSERT_EQUAL(std::string("000101|linked101"),
                         e.q("SELECT reference_number || '|' || link_state || ptid FROM "
                             "onshi_confirmation ORDER BY confirmation_id DESC LIMIT 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSsiimm01req'"));
    // A result carrying an already registered number records it (kenichi: 000124).
    e.check_in("kenichi");
    CPPUNIT_ASSERT_EQUAL(std::string("000124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
  }

  void testSourceSetting() {
    FlowEnv e;
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), *exchange::reference_number_for(*e.conn, 1, 101));
    e.set("reference_number_source = 'ptid'");
    CPPUNIT_ASSERT_EQUAL(std::string("101"), *exchange::reference_number_for(*e.conn, 1, 101));
    bool refused = false;
    try {
      e.set("reference_number_source = 'name'");
    } catch (const std::exception&) {
      refused = true;
    }
    CPPUNIT_ASSERT(refused);
  }

  void testBulkRegistrationResumes() {
    FlowEnv e;
    // A few hundred patients: copies of the seeded insurance under new patient numbers.
    e.conn->exec(
        "INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, sex, birthday, tstptnumkbn) "
        "SELECT 1, 5000 + g, 'TEST', 'TEST', '1', '19700101', '0' FROM generate_series(1, 260) g");
    e.conn->exec(
        "INSERT INTO tbl_ptnum (hospnum, ptid, ptnum) SELECT 1, 5000 + g, "
        "lpad((5000 + g)::text, 6, '0') FROM generate_series(1, 260) g");
    e.conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, edaban, "
        "honkzkkbn, tekstymd, tekedymd, sakjokbn) SELECT 1, 5000 + g, 1, '060', '06139999', "
        "'9999', (70000 + g)::text, '00', '1', '20200101', '99999999', '0' "
        "FROM generate_series(1, 260) g");
    bool resumed = true;
    exchange::BulkRegistrationStatus s =
        exchange::queue_bulk_registration(*e.conn, 1, 100, "test", resumed);
    CPPUNIT_ASSERT(!resumed);
    CPPUNIT_ASSERT(s.total >= 260);
    const int total = s.total;
    CPPUNIT_ASSERT_EQUAL((total + 99) / 100, s.chunks);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSmuimm01req'"));
    // Upload -> reception number; first poll "still processing"; second poll: the units.
    e.pump(3);
    s = *exchange::bulk_registration_status(*e.conn, 1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), 1, s.chunks_done);
    CPPUNIT_ASSERT_EQUAL(100, s.registered + s.refused);
    CPPUNIT_ASSERT(
        !e.q("SELECT reception_number FROM onshi_refnum_chunk WHERE chunk_no = 1").empty());
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSmuimm02req'"));
    // Interrupted: a new command finds the running run and resumes it; nothing is doubled.
    s = exchange::queue_bulk_registration(*e.conn, 1, 7, "test", resumed);
    CPPUNIT_ASSERT(resumed);
    CPPUNIT_ASSERT_EQUAL(total, s.total);
    // The upload of chunk 2 gets no answer at all: its job fails, the chunk is refused with the
    // job's reason and the run goes on.
    e.conn->exec(
        "UPDATE onshi_job SET state = 'failed', last_error = 'no answer after 5 "
        "attempts' WHERE kind = 'OQSmuimm01req' AND state = 'pending'");
    s = *exchange::advance_bulk_registration(*e.conn, 1);
    CPPUNIT_ASSERT_EQUAL(2, s.chunks_done);
    for (int i = 0; i < 20 && s.state == "running"; ++i) {
      e.pump(1);
      s = *exchange::advance_bulk_registration(*e.conn, 1);
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done"), s.state);
    CPPUNIT_ASSERT_EQUAL(total, s.registered + s.refused);
    CPPUNIT_ASSERT_EQUAL(0, s.pending);
    // The scenario knows taro (101) only among these cards: registered; the others refused
    // with the terminal's reason or the failed upload's.
    CPPUNIT_ASSERT_EQUAL(std::string("registered"),
                         e.q("SELECT state FROM onshi_reference_number WHERE ptid = 101"));
    CPPUNIT_ASSERT(s.registered >= 1);
    bool terminal_reason = false, job_reason = false;
    for (const auto& [why, n] : s.reasons) {
      terminal_reason |= why.find("EOQS3001") != std::string::npos;
      job_reason |= why.find("no answer after 5 attempts") != std::string::npos && n == 100;
    }
    CPPUNIT_ASSERT(terminal_reason);
    CPPUNIT_ASSERT(job_reason);
    CPPUNIT_ASSERT_EQUAL(std::to_string(s.refused),
                         e.q("SELECT count(*) FROM onshi_reference_number WHERE state = 'failed'"));
    // A new run takes only the patients still without a registered number.
    const int refused = s.refused;
    s = exchange::queue_bulk_registration(*e.conn, 1, 500, "test", resumed);
    CPPUNIT_ASSERT(!resumed);
    CPPUNIT_ASSERT_EQUAL(refused, s.total);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReferenceNumbersTest);

}  // namespace onshi::test
