// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Public assistance (医療扶助, card class A1) from the screens: ins_apply mode pubassist writes
// the kohnum 012 public-expense row and its
// combination and is undone; the insurance modes are refused as ORCA refuses them (0021); the
// reception's new patient from an A1 check-in gets the public-expense row instead of an
// insurance (the rows in detail: tests/db/public_assistance_test.cc).
#include <cppunit/extensions/HelperMacros.h>

#include "common/clock.h"
#include "hook_test_support.h"

namespace onshi::test {

class PublicAssistanceApplyHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PublicAssistanceApplyHookTest);
  CPPUNIT_TEST(testApplyAndUndo);
  CPPUNIT_TEST(testNewPatientFromCheckIn);
  CPPUNIT_TEST_SUITE_END();

  static onshi_link_ins_apply_rec apply_rec(const std::string& result, const std::string& mode) {
    onshi_link_ins_apply_rec rec;
    blank(rec);
    put(rec.action, "A");
    put(rec.confirmation_id, result);
    put(rec.ptid, "106");
    put(rec.mode, mode);
    return rec;
  }

  /// The stored medical tickets valid this month (the scenario's are of 202506).
  static void tickets_this_month(HookFixture& f, const std::string& id) {
    const std::string month = local_date8().substr(0, 6);
    f.conn().exec(
        "UPDATE onshi_certificate_detail SET detail = detail || jsonb_build_object("
        "'MedicalTicketValidDate', '" +
        month + "01', 'MedicalTicketExpirationDate', '" + month +
        "28') WHERE kind = 'public_assistance' AND confirmation_id = " + id);
  }

  static std::string rows(HookFixture& f, const std::string& ptid) {
    return f.value(
        "SELECT (SELECT string_agg(concat_ws('|', kohid, kohnum, rtrim(ftnjanum), "
        "rtrim(jkysnum), tekedymd), '/') FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = " +
        ptid +
        ") || ' ' || (SELECT string_agg(concat_ws('|', hkncombinum, hknid, koh1id, "
        "koh1hknnum), '/') FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = " +
        ptid + ")");
  }

 public:
  void testApplyAndUndo() {
    HookFixture f;
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("mutsuko"));
    const std::string id = f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 106 "
        "AND card_classification = 'A1'");
    auto call = [&](onshi_link_ins_apply_rec& rec, const std::string& user) {
      onshi_link_ctl_rec ctl = f.ctl(user, "en");
      const int status = f.call("onshi_link_ins_apply", ctl, rec);
      return std::make_pair(status, get(ctl.msgid));
    };
    // The scenario's ticket ended: refused, nothing written.
    onshi_link_ins_apply_rec rec = apply_rec(id, "pubassist");
    CPPUNIT_ASSERT(std::make_pair(8, std::string("ONSHI-W-6121")) == call(rec, "clerk1"));
    tickets_this_month(f, id);
    // The registered row covers the period: nothing to do.
    rec = apply_rec(id, "pubassist");
    CPPUNIT_ASSERT(std::make_pair(8, std::string("ONSHI-W-6122")) == call(rec, "clerk1"));
    // ORCA 0021: no insurance actions for 医療扶助.
    rec = apply_rec(id, "nochange");
    CPPUNIT_ASSERT(std::make_pair(8, std::string("ONSHI-W-6120")) == call(rec, "clerk1"));
    // Without the host's row: added with its combination.
    f.conn().exec("DELETE FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 106");
    f.conn().exec("DELETE FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106");
    rec = apply_rec(id, "pubassist");
    const auto applied = call(rec, "clerk1");
    CPPUNIT_ASSERT_EQUAL(0, applied.first);
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6120"), applied.second);
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.kohid));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.hkncombinum));
    CPPUNIT_ASSERT_EQUAL(std::string("pubassist"), get(rec.apply[0].mode));
    CPPUNIT_ASSERT_EQUAL(std::string("2|012|12139999|1234567|99999999 2|0|2|012"), rows(f, "106"));
    // Undo: the rows as before (none).
    const long long audit = num(rec.audit_id);
    blank(rec);
    put(rec.action, "U");
    put(rec.audit_id, std::to_string(audit));
    const auto undone = call(rec, "doctor1");
    CPPUNIT_ASSERT_EQUAL(0, undone.first);
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6091"), undone.second);
    CPPUNIT_ASSERT_EQUAL(std::string(""), rows(f, "106"));
  }

  void testNewPatientFromCheckIn() {
    HookFixture f;
    // The host does not know her: 106 removed.
    for (const char* t : {"tbl_ptinf", "tbl_ptnum", "tbl_ptkohinf", "tbl_hkncombi"})
      f.conn().exec(std::string("DELETE FROM ") + t + " WHERE hospnum = 1 AND ptid = 106");
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("mutsuko"));
    const std::string id = f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE card_classification = 'A1'");
    onshi_link_rcp_detail_rec d;
    blank(d);
    put(d.confirmation_id, id);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_rcp_detail", ctl, d));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(d.can_create));
    tickets_this_month(f, id);
    onshi_link_rcp_resolve_rec r;
    blank(r);
    put(r.confirmation_id, id);
    put(r.action, "N");
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_rcp_resolve", ctl, r));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6122"), get(ctl.msgid));
    const std::string ptid = std::to_string(num(r.result_ptid));
    // The public expense instead of an insurance: kohid 1, the combination of it alone.
    CPPUNIT_ASSERT_EQUAL(std::string("1|012|12139999|1234567|99999999 1|0|1|012"), rows(f, ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("0|0|1|1"),
                         f.value("SELECT concat_ws('|', (SELECT count(*) FROM tbl_pthkninf WHERE "
                                 "hospnum = 1 AND ptid = " +
                                 ptid +
                                 "), hknid, kohid, autocombinum) FROM tbl_ptnum "
                                 "WHERE hospnum = 1 AND ptid = " +
                                 ptid));
    // No card to register a reference number on: nothing queued (a job would only fail).
    CPPUNIT_ASSERT_EQUAL(std::string(), get(r.reference_job));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         f.value("SELECT count(*) FROM onshi_job WHERE kind = 'OQSsiimm01req' "
                                 "AND ptid = " +
                                 ptid));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublicAssistanceApplyHookTest);

}  // namespace onshi::test
