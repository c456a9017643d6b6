// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Reference numbers: single registration after the first valid result, the number
// carried and used by later results, the source setting, and the bulk registration in chunks
// (upload, reception number, polls, units) with an interruption and resume, and its summary.
#include "exchange/reference_numbers.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "db/flow_env.h"
#include "store/reference_numbers.h"

namespace onshi::test {

class ReferenceNumbersTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ReferenceNumbersTest);
  CPPUNIT_TEST(testSingleRegistrationAfterFirstValidResult);
  CPPUNIT_TEST(testSourceSetting);
  CPPUNIT_TEST(testBulkRegistrationResumes);
  CPPUNIT_TEST(testUpdateAndDelete);
  CPPUNIT_TEST(testChangeNamesOneInsurance);
  CPPUNIT_TEST(testAnswerNamingAnotherCardWaitsForStaff);
  CPPUNIT_TEST(testBulkSendsEveryInsurance);
  CPPUNIT_TEST(testBulkChecksEntriesWhenSent);
  CPPUNIT_TEST(testChangeCheckedWhenSent);
  CPPUNIT_TEST(testLateSuccessWaitsForStaff);
  CPPUNIT_TEST_SUITE_END();

  static std::string fixture(const std::string& name) {
    std::ifstream in(source_file("tests/fixtures/refnum/" + name), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  static bool refused(FlowEnv& e, long long ptid, std::optional<int> hknid, bool remove,
                      exchange::ReferenceChangeRefusal why, std::vector<int>* cands = nullptr) {
    try {
      exchange::queue_reference_change(*e.conn, 1, ptid, hknid, remove, "staff1", "test");
    } catch (const exchange::ReferenceChangeRefused& r) {
      if (cands) *cands = r.candidates();
      return r.refusal() == why;
    }
    return false;
  }

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

  void testUpdateAndDelete() {
    FlowEnv e;
    e.check_in("kenichi");  // registers 000124 from the card
    CPPUNIT_ASSERT_EQUAL(std::string("000124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
    // The patient number changed in the host: the registered number is stale -> update.
    e.conn->exec("UPDATE tbl_ptnum SET ptnum = 'A00124' WHERE hospnum = 1 AND ptid = 124");
    exchange::QueuedReferenceChange c =
        exchange::queue_reference_change(*e.conn, 1, 124, std::nullopt, false, "staff1", "test");
    CPPUNIT_ASSERT_EQUAL(std::string("update"), c.action);
    CPPUNIT_ASSERT_EQUAL(std::string("A00124"), c.number);
    // One open change per patient.
    CPPUNIT_ASSERT(refused(e, 124, std::nullopt, true, exchange::ReferenceChangeRefusal::busy));
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done"),
                                 e.q("SELECT state FROM onshi_refnum_change WHERE change_id = " +
                                     std::to_string(c.change_id)));
    CPPUNIT_ASSERT_EQUAL(std::string("A00124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
    // The next check-in carries the new number and is linked by it.
    e.check_in("kenichi");
    CPPUNIT_ASSERT_EQUAL(std::string("A00124|linked124"),
                         e.q("SELECT reference_number || '|' || link_state || ptid FROM "
                             "onshi_confirmation ORDER BY confirmation_id DESC LIMIT 1"));
    // Delete: an empty number for the same card; the row is kept as deleted.
    c = exchange::queue_reference_change(*e.conn, 1, 124, std::nullopt, true, "staff1", "test");
    CPPUNIT_ASSERT_EQUAL(std::string("delete"), c.action);
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done|deleted"),
                                 e.q("SELECT c.state || '|' || n.state FROM onshi_refnum_change c "
                                     "JOIN onshi_reference_number n USING (hospnum, ptid) WHERE "
                                     "change_id = " +
                                     std::to_string(c.change_id)));
    // The card no longer carries a number, and nothing registers it again by itself.
    const std::string jobs = e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSsiimm01req'");
    e.check_in("kenichi");
    CPPUNIT_ASSERT_EQUAL(std::string("|linked124"),
                         e.q("SELECT coalesce(reference_number, '') || '|' || link_state || ptid "
                             "FROM onshi_confirmation ORDER BY confirmation_id DESC LIMIT 1"));
    CPPUNIT_ASSERT_EQUAL(jobs, e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSsiimm01req'"));
    CPPUNIT_ASSERT(
        refused(e, 124, std::nullopt, true, exchange::ReferenceChangeRefusal::nothing_to_change));
    CPPUNIT_ASSERT(
        refused(e, 999999, std::nullopt, false, exchange::ReferenceChangeRefusal::no_patient));
    // Every change and refusal is audited.
    CPPUNIT_ASSERT_EQUAL(std::string("2|3"),
                         e.q("SELECT count(*) FILTER (WHERE action = 'change') || '|' || "
                             "count(*) FILTER (WHERE action = 'refused') FROM onshi_audit "
                             "WHERE info_kind = 'refnum' AND userid = 'staff1'"));
  }

  void testChangeNamesOneInsurance() {
    FlowEnv e;
    e.check_in("kenichi");
    e.conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, edaban, "
        "honkzkkbn, tekstymd, tekedymd, sakjokbn) VALUES (1, 124, 77, '060', '138999', '', "
        "'2002', '', '1', '20200101', '99999999', '0')");
    std::vector<int> cands;
    CPPUNIT_ASSERT(refused(e, 124, std::nullopt, false,
                           exchange::ReferenceChangeRefusal::name_insurance, &cands));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), cands.size());
    CPPUNIT_ASSERT(refused(e, 124, 4242, false, exchange::ReferenceChangeRefusal::no_insurance));
    const exchange::QueuedReferenceChange c =
        exchange::queue_reference_change(*e.conn, 1, 124, 77, false, "staff1", "test");
    CPPUNIT_ASSERT_EQUAL(std::string("register"), c.action);  // same number: re-registration
    CPPUNIT_ASSERT_EQUAL(std::string("138999||2002|"),
                         e.q("SELECT insurer_number || '|' || coalesce(card_symbol, '') || '|' "
                             "|| card_number || '|' || coalesce(branch_number, '') FROM "
                             "onshi_refnum_change"));
    // The simulator knows no such card: the change fails with the terminal's reason; the
    // registered number stays.
    e.pump(1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("failed"),
                                 e.q("SELECT state FROM onshi_refnum_change"));
    CPPUNIT_ASSERT(!e.q("SELECT error FROM onshi_refnum_change").empty());
    CPPUNIT_ASSERT_EQUAL(std::string("000124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
  }

  void testAnswerNamingAnotherCardWaitsForStaff() {
    FlowEnv e;
    e.check_in("kenichi");
    exchange::QueuedReferenceChange c =
        exchange::queue_reference_change(*e.conn, 1, 124, std::nullopt, true, "staff1", "test");
    exchange::run_queue(*e.conn, e.facility);  // writes the request; no terminal answers
    const std::vector<std::string> reqs = FlowEnv::files(e.share.req());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), reqs.size());
    std::string name = reqs.front().substr(reqs.front().rfind('/') + 1);
    name.replace(name.find("req_"), 4, "res_");
    const std::string key =
        e.q("SELECT correlation_key FROM onshi_job WHERE job_id = " + std::to_string(c.job_id));
    // The fixture's answer names card number 1002, not the card the change sent.
    std::string bytes = fixture("bad/OQSsiimm01res_202506130004.xml");
    bytes.replace(bytes.find("202506130004"), 12, key);
    TempDir tmp;
    exchange::move_file(tmp.write(name, bytes), e.share.res());
    e.import_all();
    CPPUNIT_ASSERT_EQUAL(std::string("unmatched"),
                         e.q("SELECT state FROM onshi_refnum_change WHERE change_id = " +
                             std::to_string(c.change_id)));
    CPPUNIT_ASSERT_EQUAL(std::string("000124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
    // Staff close it; then the patient can be changed again.
    CPPUNIT_ASSERT(store::dismiss_change(*e.conn, 1, c.change_id, "checked at the terminal"));
    c = exchange::queue_reference_change(*e.conn, 1, 124, std::nullopt, true, "staff1", "test");
    CPPUNIT_ASSERT(c.change_id > 0);
  }

  void testBulkSendsEveryInsurance() {
    FlowEnv e;
    // taro (101) has a second current insurance the terminal does not know.
    e.conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, edaban, "
        "honkzkkbn, tekstymd, tekedymd, sakjokbn) VALUES (1, 101, 78, '060', '138999', '', "
        "'3003', '', '1', '20200101', '99999999', '0')");
    bool resumed = true;
    exchange::BulkRegistrationStatus s =
        exchange::queue_bulk_registration(*e.conn, 1, 1000, "test", resumed);
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         e.q("SELECT count(*) FROM onshi_refnum_entry WHERE ptid = 101"));
    for (int i = 0; i < 10 && s.state == "running"; ++i) {
      e.pump(1);
      s = *exchange::advance_bulk_registration(*e.conn, 1);
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done"), s.state);
    // Each card got its own answer (same number, told apart by the card).
    CPPUNIT_ASSERT_EQUAL(std::string("3003:failed|56789:registered"),
                         e.q("SELECT string_agg(card_number || ':' || state, '|' ORDER BY "
                             "card_number) FROM onshi_refnum_entry WHERE ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("registered"),
                         e.q("SELECT state FROM onshi_reference_number WHERE ptid = 101"));
  }

  void testBulkChecksEntriesWhenSent() {
    FlowEnv e;
    // Four patients after every seeded one: with one card per chunk, each is sent last.
    e.conn->exec(
        "INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, sex, birthday, tstptnumkbn) "
        "SELECT 1, 6000 + g, 'TEST', 'TEST', '1', '19700101', '0' FROM generate_series(1, 4) g");
    e.conn->exec(
        "INSERT INTO tbl_ptnum (hospnum, ptid, ptnum) SELECT 1, 6000 + g, "
        "lpad((6000 + g)::text, 6, '0') FROM generate_series(1, 4) g");
    e.conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, edaban, "
        "honkzkkbn, tekstymd, tekedymd, sakjokbn) SELECT 1, 6000 + g, 1, '060', '06139999', "
        "'9999', (80000 + g)::text, '00', '1', '20200101', '99999999', '0' "
        "FROM generate_series(1, 4) g");
    bool resumed = true;
    exchange::BulkRegistrationStatus s =
        exchange::queue_bulk_registration(*e.conn, 1, 1, "test", resumed);
    const int total = s.total;
    CPPUNIT_ASSERT_EQUAL(std::string("4"),
                         e.q("SELECT count(*) FROM onshi_refnum_entry WHERE ptid > 6000"));
    // While the run goes on: 6001's patient number changes in the host, 6002's number is
    // deleted on staff request, another patient's row takes 6003's number. 6004 stays as it was.
    e.conn->exec("UPDATE tbl_ptnum SET ptnum = 'X06001' WHERE hospnum = 1 AND ptid = 6001");
    e.conn->exec(
        "INSERT INTO onshi_reference_number (hospnum, ptid, reference_number, state) VALUES "
        "(1, 6002, '006002', 'deleted'), (1, 6099, '006003', 'registered')");
    for (int i = 0; i < 400 && s.state == "running"; ++i) {
      e.pump(1);
      s = *exchange::advance_bulk_registration(*e.conn, 1);
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done"), s.state);
    CPPUNIT_ASSERT_EQUAL(total, s.registered + s.refused);
    // The three are refused without being sent (no upload job for their chunks); 6004 is sent
    // (the terminal does not know the card).
    CPPUNIT_ASSERT_EQUAL(
        std::string("6001:not sent: the patient's number or insurance changed since the run "
                    "started|6002:not sent: the patient's number was deleted on staff request|"
                    "6003:not sent: another patient's row holds this number|6004:sent"),
        e.q("SELECT string_agg(ptid || ':' || CASE WHEN sent_seq IS NULL THEN error ELSE 'sent' "
            "END, '|' ORDER BY ptid) FROM onshi_refnum_entry WHERE ptid > 6000"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(total - 3),
                         e.q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSmuimm01req'"));
    CPPUNIT_ASSERT_EQUAL(std::string("6002:deleted|6004:failed"),
                         e.q("SELECT string_agg(ptid || ':' || state, '|' ORDER BY ptid) FROM "
                             "onshi_reference_number WHERE ptid BETWEEN 6001 AND 6004"));
  }

  void testChangeCheckedWhenSent() {
    FlowEnv e;
    e.check_in("kenichi");  // registers 000124
    e.conn->exec("UPDATE tbl_ptnum SET ptnum = 'A00124' WHERE hospnum = 1 AND ptid = 124");
    const exchange::QueuedReferenceChange c =
        exchange::queue_reference_change(*e.conn, 1, 124, std::nullopt, false, "staff1", "test");
    CPPUNIT_ASSERT_EQUAL(std::string("A00124"), c.number);
    // Before the request is written the number changes again: the old one is not sent.
    e.conn->exec("UPDATE tbl_ptnum SET ptnum = 'B00124' WHERE hospnum = 1 AND ptid = 124");
    exchange::run_queue(*e.conn, e.facility);
    CPPUNIT_ASSERT(FlowEnv::files(e.share.req()).empty());
    CPPUNIT_ASSERT_EQUAL(std::string("failed"), e.q("SELECT state FROM onshi_job WHERE job_id = " +
                                                    std::to_string(c.job_id)));
    exchange::settle_reference_changes(*e.conn, 1);
    CPPUNIT_ASSERT_EQUAL(std::string("failed|cannot build the request: the patient's reference "
                                     "number changed since the change was queued"),
                         e.q("SELECT state || '|' || error FROM onshi_refnum_change"));
    CPPUNIT_ASSERT_EQUAL(std::string("000124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
  }

  void testLateSuccessWaitsForStaff() {
    FlowEnv e;
    e.check_in("kenichi");
    const exchange::QueuedReferenceChange c =
        exchange::queue_reference_change(*e.conn, 1, 124, std::nullopt, true, "staff1", "test");
    exchange::run_queue(*e.conn, e.facility);  // writes the request; no terminal answers
    const std::vector<std::string> reqs = FlowEnv::files(e.share.req());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), reqs.size());
    std::string name = reqs.front().substr(reqs.front().rfind('/') + 1);
    name.replace(name.find("req_"), 4, "res_");
    const std::string job = std::to_string(c.job_id);
    const std::string key = e.q("SELECT correlation_key FROM onshi_job WHERE job_id = " + job);
    // No answer in time: the job gives up, the change fails with it.
    e.conn->exec(
        "UPDATE onshi_job SET state = 'failed', last_error = 'no answer in time' "
        "WHERE job_id = " +
        job);
    exchange::settle_reference_changes(*e.conn, 1);
    // Then the terminal's success arrives: nothing changes by itself, staff see it.
    std::string bytes = fixture("res/OQSsiimm01res_202506130002.xml");
    bytes.replace(bytes.find("202506130002"), 12, key);
    TempDir tmp;
    exchange::move_file(tmp.write(name, bytes), e.share.res());
    e.import_all();
    CPPUNIT_ASSERT_EQUAL(std::string("failed|no answer in time"),
                         e.q("SELECT state || '|' || error FROM onshi_refnum_change WHERE "
                             "change_id = " +
                             std::to_string(c.change_id)));
    CPPUNIT_ASSERT_EQUAL(
        std::string("delete|unmatched|a late success for change " + std::to_string(c.change_id) +
                    ", which was closed as failed"),
        e.q("SELECT action || '|' || state || '|' || error FROM onshi_refnum_change WHERE "
            "ptid IS NULL"));
    CPPUNIT_ASSERT_EQUAL(std::string("000124|registered"),
                         e.q("SELECT reference_number || '|' || state FROM onshi_reference_number "
                             "WHERE ptid = 124"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReferenceNumbersTest);

}  // namespace onshi::test
