// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Reception list hooks: card check-ins needing staff, detail with candidates, resolve by new
// patient / link / dismiss, individual check of a reception; reservation pre-check summary.
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "db/notifications.h"
#include "exchange/auto_check.h"
#include "hook_test_support.h"
#include "store/auto_check.h"

namespace onshi::test {

class HookReceptionTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HookReceptionTest);
  CPPUNIT_TEST(testUnknownPersonBecomesNewPatient);
  CPPUNIT_TEST(testTwinLinkedAndDismissed);
  CPPUNIT_TEST(testIndividualCheck);
  CPPUNIT_TEST(testReservationSummaryAndRun);
  CPPUNIT_TEST(testReceivedPatientQueuedOnce);
  CPPUNIT_TEST_SUITE_END();

  static onshi_link_rcp_received_rec received(HookFixture& f, const std::string& action,
                                              const std::string& ptid, int expect_rc,
                                              const std::string& expect_msgid,
                                              const std::string& day = "") {
    onshi_link_rcp_received_rec rec;
    blank(rec);
    put(rec.action, action);
    put(rec.ptid, ptid);
    put(rec.ukeymd, day);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), expect_rc,
                                 f.call("onshi_link_rcp_received", ctl, rec));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), expect_msgid, get(ctl.msgid));
    return rec;
  }

  static onshi_link_rcp_list_rec list(HookFixture& f) {
    onshi_link_rcp_list_rec rec;
    blank(rec);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_rcp_list", ctl, rec));
    return rec;
  }

  static int resolve(HookFixture& f, onshi_link_rcp_resolve_rec& rec, std::string& msgid) {
    onshi_link_ctl_rec ctl = f.ctl();
    int rc = f.call("onshi_link_rcp_resolve", ctl, rec);
    msgid = get(ctl.msgid);
    return rc;
  }

 public:
  void testUnknownPersonBecomesNewPatient() {
    HookFixture f;
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("towa"));
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("taro"));  // known: linked by card, needs nobody
    onshi_link_rcp_list_rec l = list(f);
    CPPUNIT_ASSERT_EQUAL(2LL, num(l.row_count));
    int towa = -1, taro = -1;
    for (int i = 0; i < 2; ++i) (get(l.row[i].birthdate) == "19990909" ? towa : taro) = i;
    CPPUNIT_ASSERT(towa >= 0 && taro >= 0);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(l.row[towa].needs_staff));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"), get(l.row[towa].reason));
    CPPUNIT_ASSERT_EQUAL(std::string("No matching patient"), get(l.row[towa].reason_text));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(l.row[taro].needs_staff));
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), get(l.row[taro].ptnum));

    onshi_link_rcp_detail_rec d;
    blank(d);
    put(d.confirmation_id, get(l.row[towa].confirmation_id));
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_rcp_detail", ctl, d));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(d.can_create));
    CPPUNIT_ASSERT_EQUAL(std::string("1000020"), get(d.post));
    CPPUNIT_ASSERT_EQUAL(std::string("01130012"), get(d.insurer));
    // The paper prescription towa chose at the reader (PrescriptionIssueSelect 2).
    CPPUNIT_ASSERT_EQUAL(std::string("2"), get(d.prescription));
    CPPUNIT_ASSERT_EQUAL(0LL, num(d.cand_count));

    onshi_link_rcp_resolve_rec r;
    blank(r);
    put(r.confirmation_id, get(l.row[towa].confirmation_id));
    put(r.action, "N");
    std::string msgid;
    CPPUNIT_ASSERT_EQUAL(0, resolve(f, r, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6006"), msgid);
    const std::string ptid = std::to_string(num(r.result_ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("19990909|2|1000020"),
                         f.value("SELECT birthday || '|' || sex || '|' || home_post FROM tbl_ptinf "
                                 "WHERE hospnum = 1 AND ptid = " +
                                 ptid));
    CPPUNIT_ASSERT_EQUAL(
        get(r.result_ptnum),
        f.value("SELECT rtrim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND ptid = " + ptid));
    // Stored the way ORCA stores an online result: 記号・番号 full-width.
    CPPUNIT_ASSERT_EQUAL(
        std::string("001|01130012|４０１１０２０３|７７８８|00"),
        f.value("SELECT hknnum || '|' || hknjanum || '|' || kigo || '|' || num || '|' || "
                "edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = " +
                ptid));
    CPPUNIT_ASSERT(num(r.reference_job) > 0);
    CPPUNIT_ASSERT_EQUAL(ptid, f.value("SELECT ptid FROM onshi_consent WHERE confirmation_id = " +
                                       get(l.row[towa].confirmation_id) + " LIMIT 1"));
    // Resolved: the row no longer waits, and cannot be resolved twice.
    l = list(f);
    for (long long i = 0; i < num(l.row_count); ++i)
      CPPUNIT_ASSERT_EQUAL(std::string("0"), get(l.row[i].needs_staff));
    CPPUNIT_ASSERT_EQUAL(8, resolve(f, r, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6010"), msgid);
  }

  void testTwinLinkedAndDismissed() {
    HookFixture f;
    f.check_in("ichiko");  // twins without branch numbers in the host: two candidates
    onshi_link_rcp_list_rec l = list(f);
    CPPUNIT_ASSERT_EQUAL(1LL, num(l.row_count));
    CPPUNIT_ASSERT_EQUAL(std::string("candidates"), get(l.row[0].reason));
    onshi_link_rcp_detail_rec d;
    blank(d);
    put(d.confirmation_id, get(l.row[0].confirmation_id));
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_rcp_detail", ctl, d));
    CPPUNIT_ASSERT(num(d.cand_count) >= 1);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(d.can_create));
    // The same-name candidate (kana, birthdate and sex) comes first.
    CPPUNIT_ASSERT_EQUAL(115LL, num(d.cand[0].ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(d.cand[0].same_name));

    onshi_link_rcp_resolve_rec r;
    blank(r);
    put(r.confirmation_id, get(l.row[0].confirmation_id));
    put(r.action, "L");
    put(r.ptid, "199");
    std::string msgid;
    CPPUNIT_ASSERT_EQUAL(8, resolve(f, r, msgid));  // never a test patient
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6005"), msgid);
    put(r.ptid, "115");
    CPPUNIT_ASSERT_EQUAL(0, resolve(f, r, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("000115"), get(r.result_ptnum));
    CPPUNIT_ASSERT_EQUAL(std::string("linked|115|staff"),
                         f.value("SELECT link_state || '|' || ptid || '|' || linked_by FROM "
                                 "onshi_confirmation WHERE confirmation_id = " +
                                 get(l.row[0].confirmation_id)));

    f.check_in("jiro_twin");
    l = list(f);
    int row = get(l.row[0].confirmation_id) == get(r.confirmation_id) ? 1 : 0;
    blank(r);
    put(r.confirmation_id, get(l.row[row].confirmation_id));
    put(r.action, "D");
    CPPUNIT_ASSERT_EQUAL(8, resolve(f, r, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6024"), msgid);
    put(r.reason, "asked the parent; confirmed at the desk");
    CPPUNIT_ASSERT_EQUAL(0, resolve(f, r, msgid));
    CPPUNIT_ASSERT_EQUAL(
        std::string("dismissed|asked the parent; confirmed at the desk"),
        f.value("SELECT resolution || '|' || resolution_note FROM onshi_confirmation "
                "WHERE confirmation_id = " +
                get(l.row[row].confirmation_id)));
    put(r.action, "X");
    CPPUNIT_ASSERT_EQUAL(8, resolve(f, r, msgid));
  }

  void testIndividualCheck() {
    HookFixture f;
    const std::string today = f.value("SELECT to_char(now(), 'YYYYMMDD')");
    f.conn().exec(
        "INSERT INTO tbl_uketuke (hospnum, ukeymd, ukeid, uketime, ptid) "
        "VALUES (1, '" +
        today + "', 7, '091500', 105)");
    onshi_link_rcp_check_rec c;
    blank(c);
    put(c.ukeymd, today);
    put(c.ukeid, "7");
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_rcp_check", ctl, c));
    CPPUNIT_ASSERT_EQUAL(105LL, num(c.ptid));
    f.engine_round();
    onshi_link_reg_poll_rec p;
    blank(p);
    put(p.request_id, get(c.request_id));
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_reg_poll", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(p.done));
    CPPUNIT_ASSERT_EQUAL(105LL, num(p.ptid));
  }

  void testReservationSummaryAndRun() {
    HookFixture f;
    const std::string day = f.value("SELECT to_char(now() + interval '1 day', 'YYYYMMDD')");
    // As ORCA stores them: per hour band a header row (yykid 0, ptid 0, the count), then the
    // reservations (keyyyktime = the band HH00, yyktime = the exact time, both numeric HHMM).
    f.conn().exec("DELETE FROM tbl_yyk WHERE hospnum = 1 AND yykymd = $1", {day});
    for (const auto& [band, count] : {std::pair{1000, 2}, {1100, 1}})
      f.conn().exec(
          "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, "
          "yykmaxcnt, yykcnt, yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi) "
          "VALUES (1, '01', '10001', $1, $2::int, 0, 10, $3::int, 0, 0, '', '', '', '', ' ')",
          {day, band, count});
    int id = 0;
    for (const auto& [ptid, time] : {std::pair{101, 1000}, {102, 1030}, {199, 1100}})
      f.conn().exec(
          "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, "
          "yykmaxcnt, yykcnt, yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi) "
          "VALUES (1, '01', '10001', $1, $2::int / 100 * 100, $3::int, 0, 0, $2::int, "
          "$4::bigint, '', '01', '01', '  ', ' ')",
          {day, time, ptid == 199 ? 1 : ++id, ptid});
    onshi_link_rsv_summary_rec s;
    blank(s);
    put(s.day, day);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_rsv_summary", ctl, s));
    CPPUNIT_ASSERT_EQUAL(2LL, num(s.reserved));  // the test patient is never checked
    CPPUNIT_ASSERT_EQUAL(2LL, num(s.not_yet));
    CPPUNIT_ASSERT_EQUAL(0LL, num(s.requested));
    CPPUNIT_ASSERT_EQUAL(std::string("not_yet"), get(s.row[0].status));

    onshi_link_rsv_run_rec run;
    blank(run);
    put(run.day, day);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_rsv_run", ctl, run));
    CPPUNIT_ASSERT_EQUAL(2LL, num(run.patients));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSmuquc01req|[101, 102]"),
                         f.value("SELECT kind || '|' || (payload->'ptids')::text FROM onshi_job "
                                 "WHERE job_id = " +
                                 get(run.request_id)));
    // A bulk result for 101 (as the flows issue's import will store it).
    f.conn().exec(
        "INSERT INTO onshi_confirmation (hospnum, job_id, source, kind, confirmation_date, "
        "processing_status, validity, link_state, ptid) VALUES (1, " +
        get(run.request_id) + ", 'bulk', 'OQSmuquc02res', '" + day + "', '1', '1', 'linked', 101)");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_rsv_summary", ctl, s));
    CPPUNIT_ASSERT_EQUAL(2LL, num(s.requested));
    CPPUNIT_ASSERT_EQUAL(1LL, num(s.done));
    CPPUNIT_ASSERT_EQUAL(1LL, num(s.valid));
    CPPUNIT_ASSERT_EQUAL(1LL, num(s.not_yet));
    CPPUNIT_ASSERT_EQUAL(std::string("valid"), get(s.row[0].status));
    CPPUNIT_ASSERT_EQUAL(std::string("checking"), get(s.row[1].status));

    put(run.day, "20990101");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_rsv_run", ctl, run));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6017"), get(ctl.msgid));
  }

  // The host's reception screen reports a received patient (a second source beside the trigger
  // on tbl_uketuke): queued once for the engine, which is notified, and settled once.
  void testReceivedPatientQueuedOnce() {
    HookFixture f;
    // No automatic check turned on: a warning, nothing queued.
    onshi_link_rcp_received_rec r = received(f, "Q", "101", 4, "ONSHI-W-6180");
    CPPUNIT_ASSERT_EQUAL(std::string("off"), get(r.state));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), f.value("SELECT count(*) FROM onshi_reception_event"));

    f.value("UPDATE onshi_facility SET auto_request = true WHERE hospnum = 1 RETURNING 1");
    db::listen(f.conn(), store::kReceptionChannel);
    r = received(f, "", "101", 0, "ONSHI-I-6183");
    CPPUNIT_ASSERT_EQUAL(std::string("queued"), get(r.state));
    const std::vector<db::Notification> got = db::wait_notifications(f.conn(), 10000);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), got[0].payload);
    // Reported again before the engine took it: still one in the queue.
    r = received(f, "Q", "101", 0, "ONSHI-I-6183");
    CPPUNIT_ASSERT_EQUAL(std::string("waiting"), get(r.state));
    CPPUNIT_ASSERT_EQUAL(std::string("1|hook|0"),
                         f.value("SELECT count(*) || '|' || min(via) || '|' || min(ukeid) "
                                 "FROM onshi_reception_event WHERE ptid = 101"));
    // The engine settles it by an insurance-number request; the screen sees how.
    const exchange::AutoCheckPass p = exchange::run_auto_checks(f.conn(), f.facility());
    CPPUNIT_ASSERT_EQUAL(1, p.requests);
    r = received(f, "G", "101", 0, "ONSHI-I-6182");
    CPPUNIT_ASSERT_EQUAL(std::string("checked"), get(r.state));
    CPPUNIT_ASSERT_EQUAL(std::string("request"), get(r.source));
    CPPUNIT_ASSERT_EQUAL(f.value("SELECT job_id FROM onshi_auto_check WHERE ptid = 101"),
                         std::to_string(num(r.job_id)));
    // Received again the same day: nothing asked twice.
    received(f, "Q", "101", 0, "ONSHI-I-6182");
    CPPUNIT_ASSERT_EQUAL(std::string("1"), f.value("SELECT count(*) FROM onshi_reception_event"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         f.value("SELECT count(*) FROM onshi_job WHERE ptid = 101"));
    // Refused: another day, a patient of no facility, a bad action.
    received(f, "Q", "101", 8, "ONSHI-W-6181", "20250101");
    received(f, "Q", "999999", 8, "ONSHI-W-6174");
    received(f, "X", "101", 8, "ONSHI-W-6025");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HookReceptionTest);

}  // namespace onshi::test
