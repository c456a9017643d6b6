// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi_link_notices, onshi_link_notice_ack, onshi_link_term_health: the screens' notices (each
// shown and acknowledged once per workstation; a waiting call woken by a notice another
// connection commits) and the terminal's health, through the built module. Which results raise
// a notice: tests/db/notices_test.cc.
#include "store/notices.h"

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

class NoticeHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(NoticeHookTest);
  CPPUNIT_TEST(testNoticesShownAndAcknowledgedPerWorkstation);
  CPPUNIT_TEST(testWaitWokenByACommittedNotice);
  CPPUNIT_TEST(testTerminalHealth);
  CPPUNIT_TEST_SUITE_END();

  static store::NewNotice no_patient() {
    store::NewNotice n;
    n.hospnum = 1;
    n.kind = "no_patient";
    n.subject = "初診　花子";
    return n;
  }

  static onshi_link_notices_rec ask(const std::string& workstation, long long after,
                                    long long wait_ms) {
    onshi_link_notices_rec rec;
    blank(rec);
    put(rec.workstation, workstation);
    put(rec.after_id, std::to_string(after));
    put(rec.wait_ms, std::to_string(wait_ms));
    return rec;
  }

 public:
  void testNoticesShownAndAcknowledgedPerWorkstation() {
    HookFixture f;
    const long long first = *store::add_notice(f.conn(), no_patient());
    store::NewNotice silent;
    silent.hospnum = 1;
    silent.kind = "terminal_silent";
    silent.detail = "2026-12-03 09:00:00";
    const long long second = *store::add_notice(f.conn(), silent);

    onshi_link_notices_rec rec = ask("desk1", 0, 0);
    onshi_link_ctl_rec ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_notices", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.notice_count));
    CPPUNIT_ASSERT_EQUAL(second, num(rec.last_id));
    CPPUNIT_ASSERT_EQUAL(first, num(rec.notice[0].notice_id));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"), get(rec.notice[0].kind));
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), get(rec.notice[0].time).size());
    CPPUNIT_ASSERT_EQUAL(std::string("初診　花子"), get(rec.notice[0].patient));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-S-6080"), get(rec.notice[0].msgid));
    CPPUNIT_ASSERT_EQUAL(
        std::string("No patient matches the result for 初診　花子: register or link the patient."),
        get(rec.notice[0].text));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-S-6085"), get(rec.notice[1].msgid));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(rec.notice[2].kind));  // the rest blank

    // Acknowledged at desk1 (audited with the staff member), once.
    onshi_link_notice_ack_rec ack;
    blank(ack);
    put(ack.workstation, "desk1");
    put(ack.notice_id, std::to_string(first));
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_notice_ack", ctl, ack));
    CPPUNIT_ASSERT_EQUAL(std::string("acknowledged"), get(ack.state));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6088"), get(ctl.msgid));
    ctl = f.ctl("clerk2", "en");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_notice_ack", ctl, ack));
    CPPUNIT_ASSERT_EQUAL(std::string("already"), get(ack.state));
    CPPUNIT_ASSERT_EQUAL(std::string("1|clerk1"),
                         f.value("SELECT count(*) || '|' || min(userid) FROM onshi_audit "
                                 "WHERE info_kind = 'notice'"));
    put(ack.notice_id, std::to_string(second + 100));
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_notice_ack", ctl, ack));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6087"), get(ctl.msgid));

    // desk1 now sees only the second; desk2 still sees both, in Japanese.
    rec = ask("desk1", 0, 0);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_notices", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.notice_count));
    CPPUNIT_ASSERT_EQUAL(second, num(rec.notice[0].notice_id));
    rec = ask("desk2", 0, 0);
    ctl = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_notices", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.notice_count));
    CPPUNIT_ASSERT(get(rec.notice[0].text).find("初診　花子") != std::string::npos);
    CPPUNIT_ASSERT(get(rec.notice[0].text) !=
                   "No patient matches the result for 初診　花子: "
                   "register or link the patient.");

    // Nothing after the last one: a bounded wait returns empty, last_id unchanged.
    rec = ask("desk2", second, 100);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_notices", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(0LL, num(rec.notice_count));
    CPPUNIT_ASSERT_EQUAL(second, num(rec.last_id));

    // Refused: no workstation, a wait over 60 s.
    rec = ask("", 0, 0);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_notices", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    rec = ask("desk1", 0, 60001);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_notices", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
  }

  void testWaitWokenByACommittedNotice() {
    HookFixture f;
    // Another program (the engine) commits a notice while the screen's call waits; the call
    // returns it. Had the wake-up failed, the call would return empty after the full minute.
    std::thread engine([&f] {
      // Another facility's notice first: it must not end the wait.
      store::NewNotice other = no_patient();
      other.hospnum = 2;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      store::add_notice(f.conn(), other);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      store::add_notice(f.conn(), no_patient());
    });
    onshi_link_notices_rec rec = ask("desk1", 0, 60000);
    onshi_link_ctl_rec ctl = f.ctl();
    const int rc = f.call("onshi_link_notices", ctl, rec);
    engine.join();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, rc);
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.notice_count));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"), get(rec.notice[0].kind));
  }

  void testTerminalHealth() {
    HookFixture f;
    onshi_link_term_health_rec rec;
    blank(rec);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_term_health", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(rec.silent));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(rec.last_answer));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(rec.latency_p50));
    CPPUNIT_ASSERT_EQUAL(0LL, num(rec.waiting));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6089"), get(rec.msgid));
    // A request written two minutes ago, unanswered (answer timeout 60 s): silent, a warning.
    const std::string job = f.value(
        "INSERT INTO onshi_job (hospnum, kind, state, attempts, request_file) "
        "VALUES (1, 'OQSsiquc01req', 'sent', 1, 'OQSsiquc01req_x.xml') RETURNING job_id");
    f.value(
        "INSERT INTO onshi_request_name (hospnum, name, job_id, written_at) VALUES (1, "
        "'OQSsiquc01req_x.xml', " +
        job + ", now() - interval '2 minutes') RETURNING 1");
    // One refused by an .err file in the hour, before that request was written (a later .err
    // would be a sign of life).
    f.value(
        "INSERT INTO onshi_job (hospnum, kind, state, attempts, request_file, last_error, "
        "  updated_at) VALUES (1, 'OQSsiquc01req', 'failed', 1, 'OQSsiquc01req_y.xml', "
        "'the terminal refused the request (x)', now() - interval '3 minutes') RETURNING 1");
    ctl = f.ctl();
    blank(rec);
    CPPUNIT_ASSERT_EQUAL(4, f.call("onshi_link_term_health", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.silent));
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), get(rec.silent_since).size());
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.waiting));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.requests));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.refused));
    CPPUNIT_ASSERT_EQUAL(100LL, num(rec.err_rate));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-S-6085"), get(rec.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-S-6085"), get(ctl.msgid));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NoticeHookTest);

}  // namespace onshi::test
