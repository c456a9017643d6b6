// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi_link_outage: outage mode at the front desk through the built module. A statement is
// recorded (audited), refused with a message per reason (nothing stored), listed a page at a
// time, linked to a patient, re-checked after recovery with what the answer changed, and
// cancelled. The rules themselves: tests/db/outage_test.cc.
#include "exchange/outage.h"

#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

class OutageHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OutageHookTest);
  CPPUNIT_TEST(testStatementRecordedLinkedRecheckedCancelled);
  CPPUNIT_TEST(testRefusalsStoreNothing);
  CPPUNIT_TEST(testListPages);
  CPPUNIT_TEST_SUITE_END();

  static onshi_link_outage_rec statement(const std::string& name, const std::string& sex,
                                         const std::string& birthdate) {
    onshi_link_outage_rec rec;
    blank(rec);
    put(rec.action, "R");
    put(rec.name, name);
    put(rec.sex, sex);
    put(rec.birthdate, birthdate);
    return rec;
  }

  static onshi_link_outage_rec list(HookFixture& f, bool open_only, long long before = 0) {
    onshi_link_outage_rec rec;
    blank(rec);
    put(rec.action, "L");
    if (open_only) put(rec.open_only, "1");
    if (before) put(rec.before_id, std::to_string(before));
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_outage", ctl, rec));
    return rec;
  }

 public:
  void testStatementRecordedLinkedRecheckedCancelled() {
    HookFixture f;
    // Recorded without a patient (not found at the desk while the terminal is down).
    onshi_link_outage_rec rec = statement("来院　太郎", "1", "19000101");
    put(rec.address, "東京都千代田区1");
    onshi_link_ctl_rec ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_outage", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6176"), get(ctl.msgid));
    const long long id = num(rec.statement_id);
    CPPUNIT_ASSERT(id > 0);
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.statement_count));
    CPPUNIT_ASSERT_EQUAL(std::string("waiting"), get(rec.statement[0].state));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1"), get(rec.statement[0].recorded_by));
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), get(rec.statement[0].recorded_at).size());
    // The name as recorded: spaces folded (the full-width one too).
    CPPUNIT_ASSERT_EQUAL(std::string("来院 太郎|東京都千代田区1|clerk1"),
                         f.value("SELECT name || '|' || address || '|' || recorded_by FROM "
                                 "onshi_outage_statement WHERE statement_id = " +
                                 std::to_string(id)));
    // Nothing to check without a patient.
    CPPUNIT_ASSERT_EQUAL(0,
                         exchange::recheck_outage_statements(f.conn(), f.facility(), true).queued);

    // Staff find the patient (101): linked, then the engine checks it with the visit date.
    onshi_link_outage_rec link;
    blank(link);
    put(link.action, "K");
    put(link.statement_id, std::to_string(id));
    put(link.ptid, "101");
    ctl = f.ctl("clerk2", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_outage", ctl, link));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6177"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(101LL, num(link.statement[0].ptid));
    CPPUNIT_ASSERT(!get(link.statement[0].ptnum).empty());
    CPPUNIT_ASSERT_EQUAL(1,
                         exchange::recheck_outage_statements(f.conn(), f.facility(), true).queued);
    CPPUNIT_ASSERT(f.engine_round() >= 1);
    CPPUNIT_ASSERT_EQUAL(1, exchange::recheck_outage_statements(f.conn(), f.facility()).answered);

    // The list shows the answer and what it says differently from the statement.
    onshi_link_outage_rec l = list(f, false);
    CPPUNIT_ASSERT_EQUAL(1LL, num(l.statement_count));
    CPPUNIT_ASSERT_EQUAL(std::string("answered"), get(l.statement[0].state));
    CPPUNIT_ASSERT(num(l.statement[0].confirmation_id) > 0);
    const std::string changes = get(l.statement[0].changes);
    CPPUNIT_ASSERT_MESSAGE(changes, changes.find("birthdate") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(changes, changes.find("name") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0LL, num(list(f, true).statement_count));  // nothing open

    // An answered statement is not open: cancelling it is refused with the statement's number.
    onshi_link_outage_rec cancel;
    blank(cancel);
    put(cancel.action, "C");
    put(cancel.statement_id, std::to_string(id));
    ctl = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_outage", ctl, cancel));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6175"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL("未処理の停止時申告 " + std::to_string(id) + " はありません。",
                         get(ctl.message));
    // Who recorded and who linked, audited.
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1:recorded|clerk2:linked"),
                         f.value("SELECT string_agg(userid || ':' || split_part(detail, ' ', 1), "
                                 "'|' ORDER BY audit_id) FROM onshi_audit WHERE info_kind = "
                                 "'outage' AND info_id = " +
                                 std::to_string(id)));
  }

  void testRefusalsStoreNothing() {
    HookFixture f;
    auto refused = [&](onshi_link_outage_rec rec, const std::string& msgid) {
      onshi_link_ctl_rec ctl = f.ctl("clerk1", "en");
      CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_outage", ctl, rec));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), msgid, get(ctl.msgid));
    };
    refused(statement("", "1", "19800101"), "ONSHI-W-6170");
    refused(statement("来院　太郎", "3", "19800101"), "ONSHI-W-6171");
    onshi_link_outage_rec future = statement("来院　太郎", "1", "19800101");
    put(future.visit_date, "29991231");
    refused(future, "ONSHI-W-6172");
    refused(statement("来院　太郎", "1", "19800132"), "ONSHI-W-6173");
    onshi_link_outage_rec stranger = statement("来院　太郎", "1", "19800101");
    put(stranger.ptid, "999999");
    refused(stranger, "ONSHI-W-6174");
    onshi_link_outage_rec bad;
    blank(bad);
    put(bad.action, "X");
    refused(bad, "ONSHI-W-6025");
    CPPUNIT_ASSERT_EQUAL(std::string("0"), f.value("SELECT count(*) FROM onshi_outage_statement"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         f.value("SELECT count(*) FROM onshi_audit WHERE info_kind = 'outage'"));
  }

  void testListPages() {
    HookFixture f;
    const int n = static_cast<int>(ONSHI_LINK_MAX_OUTAGE_STATEMENT) + 3;
    for (int i = 0; i < n; ++i) {
      onshi_link_outage_rec rec = statement("来院　" + std::to_string(i), "2", "19800101");
      onshi_link_ctl_rec ctl = f.ctl();
      CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_outage", ctl, rec));
    }
    onshi_link_outage_rec first = list(f, true);
    const long long page = static_cast<long long>(ONSHI_LINK_MAX_OUTAGE_STATEMENT);
    CPPUNIT_ASSERT_EQUAL(page, num(first.statement_count));
    CPPUNIT_ASSERT_EQUAL("来院 " + std::to_string(n - 1), get(first.statement[0].name));
    const long long last = num(first.statement[page - 1].statement_id);
    onshi_link_outage_rec second = list(f, true, last);
    CPPUNIT_ASSERT_EQUAL(3LL, num(second.statement_count));
    CPPUNIT_ASSERT_EQUAL(std::string("来院 0"), get(second.statement[2].name));
    CPPUNIT_ASSERT(num(second.statement[0].statement_id) < last);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OutageHookTest);

}  // namespace onshi::test
