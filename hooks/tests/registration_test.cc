// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Registration screen hooks: ask by insurance number (returning and new patient), poll through
// the engine and the simulator, returned vs registered, accept updates, new patient saved,
// reference-number change (refnum_change).
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

class HookRegistrationTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HookRegistrationTest);
  CPPUNIT_TEST(testReturningPatientBranchMissingAccepted);
  CPPUNIT_TEST(testRefusals);
  CPPUNIT_TEST(testNewPatient);
  CPPUNIT_TEST(testPatientSavedLinksOnlyThatPerson);
  CPPUNIT_TEST(testRefnumChange);
  CPPUNIT_TEST_SUITE_END();

  /// onshi_link_refnum_change for kenichi (ptid 124): `action` R/D/G on insurance `hknid`
  /// ("" = the only one); expects `rc` and, when given, the message id.
  static onshi_link_refnum_change_rec refnum(HookFixture& f, const std::string& action,
                                             const std::string& hknid, int rc,
                                             const std::string& msgid = "") {
    onshi_link_refnum_change_rec rec;
    blank(rec);
    put(rec.action, action);
    put(rec.ptid, "0000000124");
    put(rec.hknid, hknid);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), rc,
                                 f.call("onshi_link_refnum_change", ctl, rec));
    if (!msgid.empty()) CPPUNIT_ASSERT_EQUAL(msgid, get(ctl.msgid));
    return rec;
  }

  static std::string today(HookFixture& f) { return f.value("SELECT to_char(now(), 'YYYYMMDD')"); }

  static long long ask(HookFixture& f, onshi_link_reg_ask_rec& rec, int expect = 0) {
    onshi_link_ctl_rec ctl = f.ctl();
    int rc = f.call("onshi_link_reg_ask", ctl, rec);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), expect, rc);
    return num(rec.request_id);
  }

  static onshi_link_reg_poll_rec poll(HookFixture& f, long long id) {
    onshi_link_reg_poll_rec rec;
    blank(rec);
    put(rec.request_id, std::to_string(id));
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_reg_poll", ctl, rec));
    return rec;
  }

 public:
  void testReturningPatientBranchMissingAccepted() {
    HookFixture f;
    // The reference host was migrated after its seed: no branch numbers are known.
    CPPUNIT_ASSERT_EQUAL(
        std::string(""),
        f.value("SELECT edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101"));
    onshi_link_reg_ask_rec ask_rec;
    blank(ask_rec);
    put(ask_rec.ptid, "0000000101");
    put(ask_rec.confirm_date, today(f));
    put(ask_rec.limit_consent, "0");
    const long long id = ask(f, ask_rec);
    CPPUNIT_ASSERT(id > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         f.value("SELECT payload->>'limit_flag' FROM onshi_job WHERE job_id = " +
                                 std::to_string(id)));
    onshi_link_reg_poll_rec p = poll(f, id);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(p.done));
    CPPUNIT_ASSERT_EQUAL(std::string("checking"), get(p.status));

    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    p = poll(f, id);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(p.done));
    CPPUNIT_ASSERT_EQUAL(std::string("answered"), get(p.job_state));
    CPPUNIT_ASSERT_EQUAL(std::string("branch_missing"), get(p.status));
    CPPUNIT_ASSERT_EQUAL(std::string("00"), get(p.fill_branch));
    CPPUNIT_ASSERT_EQUAL(std::string("Branch number not set: fill in 00"), get(p.status_text));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(p.validity));
    // An insurance-number answer carries no prescription form: blank, not a stale value.
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(p.prescription));
    CPPUNIT_ASSERT_EQUAL(std::string("Valid"), get(p.validity_text));
    CPPUNIT_ASSERT_EQUAL(101LL, num(p.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), get(p.insurer));
    bool branch = false;
    for (long long i = 0; i < num(p.diff_count); ++i)
      if (get(p.diff[i].item) == "branch") {
        branch = true;
        CPPUNIT_ASSERT_EQUAL(std::string(""), get(p.diff[i].registered));
        CPPUNIT_ASSERT_EQUAL(std::string("00"), get(p.diff[i].returned));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), get(p.diff[i].proposed));
        CPPUNIT_ASSERT_EQUAL(std::string("Branch number"), get(p.diff[i].label));
      }
    CPPUNIT_ASSERT(branch);
    // The host's last confirmation date was recorded by the import.
    CPPUNIT_ASSERT_EQUAL(
        today(f), f.value("SELECT kakuninymd FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101"));

    // Polling by patient finds the same request.
    onshi_link_reg_poll_rec by_patient;
    blank(by_patient);
    put(by_patient.ptid, "101");
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_reg_poll", ctl, by_patient));
    CPPUNIT_ASSERT_EQUAL(id, num(by_patient.request_id));

    // Accept: an item that is not proposed is refused and nothing changes.
    onshi_link_reg_accept_rec acc;
    blank(acc);
    put(acc.confirmation_id, get(p.confirmation_id));
    put(acc.item_count, "02");
    put(acc.item[0].code, "branch");
    put(acc.item[1].code, "insurer");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_accept", ctl, acc));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6019"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(
        std::string(""),
        f.value("SELECT edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101"));
    put(acc.item_count, "01");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_reg_accept", ctl, acc));
    CPPUNIT_ASSERT_EQUAL(1LL, num(acc.applied_count));
    CPPUNIT_ASSERT_EQUAL(
        std::string("00"),
        f.value("SELECT edaban FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("accepted|clerk1|00"),
        f.value("SELECT resolution || '|' || resolved_by || '|' || "
                "(host_updates->'accepted'->'branch'->>'to') FROM onshi_confirmation "
                "WHERE confirmation_id = " +
                get(p.confirmation_id)));
    p = poll(f, id);
    CPPUNIT_ASSERT_EQUAL(std::string("valid"), get(p.status));
    CPPUNIT_ASSERT_EQUAL(0LL, num(p.diff_count));
  }

  void testRefusals() {
    HookFixture f;
    onshi_link_reg_ask_rec rec;
    blank(rec);
    put(rec.ptid, "199");
    put(rec.confirm_date, today(f));
    ask(f, rec, 8);
    put(rec.ptid, "98765");
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_ask", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6004"), get(ctl.msgid));
    put(rec.ptid, "101");
    put(rec.confirm_date, "20251399");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_ask", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    // A disabled facility queues nothing.
    f.conn().exec("UPDATE onshi_facility SET enabled = false WHERE hospnum = 1");
    put(rec.confirm_date, today(f));
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_ask", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6001"), get(ctl.msgid));
  }

  void testNewPatient() {
    HookFixture f;
    onshi_link_reg_ask_rec rec;
    blank(rec);
    put(rec.insurer, "01130012");
    put(rec.symbol, "40110203");
    put(rec.number, "7788");
    put(rec.branch, "00");
    put(rec.birthdate, "19990909");
    put(rec.confirm_date, today(f));
    put(rec.limit_consent, "1");
    const long long id = ask(f, rec);
    CPPUNIT_ASSERT_EQUAL(id, ask(f, rec));  // pressing twice sends one request
    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    onshi_link_reg_poll_rec p = poll(f, id);
    CPPUNIT_ASSERT_EQUAL(std::string("valid"), get(p.status));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(p.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("19990909"), get(p.birthdate));
    CPPUNIT_ASSERT(!get(p.name).empty());

    // The host's registration screen saves the new patient; the hook links and registers.
    f.conn().exec(
        "INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, sex, birthday) "
        "SELECT 1, 5001, name_kana, name, sex, birthdate FROM onshi_confirmation "
        "WHERE job_id = " +
        std::to_string(id));
    f.conn().exec("INSERT INTO tbl_ptnum (hospnum, ptid, ptnum) VALUES (1, 5001, '005001')");
    onshi_link_patient_saved_rec s;
    blank(s);
    put(s.ptid, "5001");
    put(s.request_id, std::to_string(id));
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_patient_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("005001"), get(s.reference_number));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiimm01req|pending|005001"),
                         f.value("SELECT j.kind || '|' || r.state || '|' || r.reference_number "
                                 "FROM onshi_reference_number r JOIN onshi_job j USING (job_id) "
                                 "WHERE r.hospnum = 1 AND r.ptid = 5001"));
    CPPUNIT_ASSERT_EQUAL(
        num(s.job_id),
        std::stoll(f.value(
            "SELECT job_id FROM onshi_reference_number WHERE hospnum = 1 AND ptid = 5001")));
    p = poll(f, id);
    CPPUNIT_ASSERT_EQUAL(5001LL, num(p.ptid));
    CPPUNIT_ASSERT_EQUAL(
        std::string("new_patient"),
        f.value("SELECT resolution FROM onshi_confirmation WHERE job_id = " + std::to_string(id)));
    // Saving again queues nothing twice.
    ctl = f.ctl();
    put(s.request_id, "");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_patient_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(s.job_id));
  }

  /// Asked by a twins' card without branch number, both twins come back (validity 5). The
  /// host saves one of them as a new patient: only her result is linked to her, the other
  /// twin's result (and consents, certificates) still waits.
  void testPatientSavedLinksOnlyThatPerson() {
    HookFixture f;
    onshi_link_reg_ask_rec rec;
    blank(rec);
    put(rec.insurer, "06139999");
    put(rec.symbol, "1234");
    put(rec.number, "99001");
    put(rec.birthdate, "20150505");
    put(rec.confirm_date, today(f));
    put(rec.limit_consent, "0");
    const long long id = ask(f, rec);
    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    const std::string job = std::to_string(id);
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         f.value("SELECT count(*) FROM onshi_confirmation WHERE job_id = " + job +
                                 " AND ptid IS NULL AND resolved_at IS NULL"));
    f.conn().exec(
        "INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, sex, birthday) "
        "VALUES (1, 5002, 'テスト　イチコ', 'テスト　一子', '2', '20150505')");
    f.conn().exec("INSERT INTO tbl_ptnum (hospnum, ptid, ptnum) VALUES (1, 5002, '005002')");
    onshi_link_patient_saved_rec s;
    blank(s);
    put(s.ptid, "5002");
    put(s.request_id, job);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_patient_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(
        std::string("ﾃｽﾄ ｲﾁｺ"),
        f.value("SELECT string_agg(name_kana, ',') FROM onshi_confirmation WHERE job_id = " + job +
                " AND ptid = 5002"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         f.value("SELECT count(*) FROM onshi_confirmation WHERE job_id = " + job +
                                 " AND ptid IS NULL AND resolved_at IS NULL"));
  }

  /// The registration screen's reference-number button: show, send again (an update after the
  /// patient number changed), refuse while in flight, name one of several insurances, delete.
  void testRefnumChange() {
    HookFixture f;
    f.check_in("kenichi");  // the card carries 000124: recorded as registered
    onshi_link_refnum_change_rec r = refnum(f, "G", "", 0, "ONSHI-I-6001");
    CPPUNIT_ASSERT_EQUAL(std::string("000124"), get(r.number));
    CPPUNIT_ASSERT_EQUAL(std::string("registered"), get(r.number_state));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(r.change_state));
    // The patient number changed in the host: R sends the new one on the only insurance.
    f.conn().exec("UPDATE tbl_ptnum SET ptnum = 'A00124' WHERE hospnum = 1 AND ptid = 124");
    r = refnum(f, "R", "", 0, "ONSHI-I-6040");
    CPPUNIT_ASSERT_EQUAL(std::string("update"), get(r.change_action));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), get(r.change_state));
    CPPUNIT_ASSERT_EQUAL(std::string("A00124"), get(r.number));
    const long long change = num(r.change_id);
    CPPUNIT_ASSERT(change > 0 && num(r.job_id) > 0);
    refnum(f, "D", "", 8, "ONSHI-W-6041");  // one change at a time
    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    r = refnum(f, "G", "", 0);
    CPPUNIT_ASSERT_EQUAL(change, num(r.change_id));
    CPPUNIT_ASSERT_EQUAL(std::string("done"), get(r.change_state));
    CPPUNIT_ASSERT_EQUAL(std::string("A00124|registered"),
                         get(r.number) + "|" + get(r.number_state));
    // A second current insurance: the screen must name one; the candidates come back.
    f.conn().exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, kigo, num, edaban, "
        "honkzkkbn, tekstymd, tekedymd, sakjokbn) VALUES (1, 124, 77, '060', '138999', '', "
        "'2002', '', '1', '20200101', '99999999', '0')");
    r = refnum(f, "D", "", 8, "ONSHI-W-6040");
    CPPUNIT_ASSERT_EQUAL(2LL, num(r.cand_count));
    const std::string card =
        f.value("SELECT hknid FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 124 AND hknid <> 77");
    CPPUNIT_ASSERT_EQUAL(std::stoll(card) < 77 ? std::stoll(card) : 77LL, num(r.cand[0].hknid));
    refnum(f, "D", "4242", 8, "ONSHI-W-6045");
    r = refnum(f, "D", card, 0, "ONSHI-I-6041");
    CPPUNIT_ASSERT_EQUAL(std::string("delete"), get(r.change_action));
    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    r = refnum(f, "G", "", 0);
    CPPUNIT_ASSERT_EQUAL(
        std::string("delete|done|deleted"),
        get(r.change_action) + "|" + get(r.change_state) + "|" + get(r.number_state));
    refnum(f, "D", card, 8, "ONSHI-W-6044");  // deleted already
    refnum(f, "X", "", 8, "ONSHI-W-6025");
    // Every change and refusal of the screen user is audited.
    CPPUNIT_ASSERT_EQUAL(std::string("2|4"),
                         f.value("SELECT count(*) FILTER (WHERE action = 'change') || '|' || "
                                 "count(*) FILTER (WHERE action = 'refused') FROM onshi_audit "
                                 "WHERE info_kind = 'refnum' AND userid = 'clerk1'"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HookRegistrationTest);

}  // namespace onshi::test
