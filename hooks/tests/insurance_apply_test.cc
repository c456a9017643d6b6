// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi_link_ins_apply: a result's card applied to the host's insurance from the screen (the
// rows in detail: tests/db/insurance_apply_test.cc), the result's applies listed, the undo, and
// the refusals with their message ids.
#include <cppunit/extensions/HelperMacros.h>

#include "hook_test_support.h"

namespace onshi::test {

class InsuranceApplyHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(InsuranceApplyHookTest);
  CPPUNIT_TEST(testApplyListUndo);
  CPPUNIT_TEST(testRefusals);
  CPPUNIT_TEST(testCertificates);
  CPPUNIT_TEST_SUITE_END();

  static onshi_link_ins_apply_rec apply_rec(const std::string& result, const std::string& ptid,
                                            const std::string& mode) {
    onshi_link_ins_apply_rec rec;
    blank(rec);
    put(rec.action, "A");
    put(rec.confirmation_id, result);
    put(rec.ptid, ptid);
    put(rec.mode, mode);
    return rec;
  }

  static std::string taro_result(HookFixture& f) {
    f.check_in("taro");
    return f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 101 "
        "AND link_state = 'linked'");
  }

 public:
  void testApplyListUndo() {
    HookFixture f;
    const std::string id = taro_result(f);
    f.conn().exec("UPDATE onshi_confirmation SET card_number = '424242' WHERE confirmation_id = " +
                  id);
    const std::string before = f.value(
        "SELECT string_agg(t::text, '/' ORDER BY t::text) FROM tbl_pthkninf t "
        "WHERE hospnum = 1 AND ptid = 101");
    onshi_link_ins_apply_rec rec = apply_rec(id, "101", "change");
    onshi_link_ctl_rec ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_ins_apply", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6090"), get(ctl.msgid));
    const long long audit = num(rec.audit_id);
    CPPUNIT_ASSERT(audit > 0);
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.hknid));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(rec.ended_hknid));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.apply_count));
    CPPUNIT_ASSERT_EQUAL(audit, num(rec.apply[0].id));
    CPPUNIT_ASSERT_EQUAL(std::string("change"), get(rec.apply[0].mode));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1"), get(rec.apply[0].staff));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.apply[0].undoable));
    CPPUNIT_ASSERT_EQUAL(std::string("４２４２４２"),
                         f.value("SELECT num FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101 "
                                 "AND hknid = 1"));
    // The list alone (G).
    blank(rec);
    put(rec.confirmation_id, id);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_ins_apply", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.apply_count));
    // Undo, in Japanese: the row as before; the apply listed as undone.
    blank(rec);
    put(rec.action, "U");
    put(rec.audit_id, std::to_string(audit));
    ctl = f.ctl("doctor1", "ja");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_ins_apply", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6091"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(before, f.value("SELECT string_agg(t::text, '/' ORDER BY t::text) FROM "
                                         "tbl_pthkninf t WHERE hospnum = 1 AND ptid = 101"));
    CPPUNIT_ASSERT(num(rec.audit_id) > audit);
    CPPUNIT_ASSERT_EQUAL(num(rec.audit_id), num(rec.apply[0].undo_id));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(rec.apply[0].undoable));
    // A second undo: refused.
    put(rec.audit_id, std::to_string(audit));
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_ins_apply", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6098"), get(ctl.msgid));
  }

  void testRefusals() {
    HookFixture f;
    const std::string id = taro_result(f);
    auto refused = [&](onshi_link_ins_apply_rec rec, const std::string& user) {
      onshi_link_ctl_rec ctl = f.ctl(user, "en");
      const int status = f.call("onshi_link_ins_apply", ctl, rec);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 8, status);
      return get(ctl.msgid);
    };
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6092"),
                         refused(apply_rec(id, "102", "nochange"), "clerk1"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6015"),
                         refused(apply_rec(id, "101", "nochange"), "clerk2"));  // facility 2
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"),
                         refused(apply_rec(id, "101", "replace"), "clerk1"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), refused(apply_rec(id, "", "add"), "clerk1"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6097"),
                         refused(apply_rec(id, "101", "add"), "clerk1"));
    f.conn().exec("UPDATE onshi_confirmation SET validity = '2' WHERE confirmation_id = " + id);
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6090"),
                         refused(apply_rec(id, "101", "change"), "clerk1"));
    f.conn().exec(
        "UPDATE onshi_confirmation SET validity = '1', link_state = 'unlinked', ptid = NULL "
        "WHERE confirmation_id = " +
        id);
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6091"),
                         refused(apply_rec(id, "101", "change"), "clerk1"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         f.value("SELECT count(*) FROM onshi_audit WHERE info_kind = 'insurance'"));
  }

  void testCertificates() {
    HookFixture f;
    auto call = [&](onshi_link_ins_apply_rec& rec, int expected) {
      onshi_link_ctl_rec ctl = f.ctl("clerk1", "en");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), expected,
                                   f.call("onshi_link_ins_apply", ctl, rec));
      return get(ctl.msgid);
    };
    // saburo (patient 105): the specific-disease certificate (mode word "disease").
    f.check_in("saburo");
    const std::string id = f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 105 "
        "AND link_state = 'linked'");
    onshi_link_ins_apply_rec rec = apply_rec(id, "105", "disease");
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6100"), call(rec, 0));
    CPPUNIT_ASSERT(num(rec.kohid) > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("disease"), get(rec.apply[0].mode));
    CPPUNIT_ASSERT_EQUAL(std::string("972"),
                         f.value("SELECT kohnum FROM tbl_ptkohinf WHERE hospnum = 1 AND "
                                 "ptid = 105 AND kohid = " +
                                 std::to_string(num(rec.kohid))));
    // Applied already (also as part of "certs"); no elderly certificate in this result.
    rec = apply_rec(id, "105", "certs");
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6093"), call(rec, 8));
    rec = apply_rec(id, "105", "elderly");
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6102"), call(rec, 8));
    // hanako (patient 102): a limit certificate that has ended is refused.
    f.check_in("hanako");
    const std::string limit = f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 102 "
        "AND link_state = 'linked'");
    f.conn().exec(
        "UPDATE onshi_certificate_detail SET valid_end = to_char(current_date - 1, 'YYYYMMDD') "
        "WHERE kind = 'limit' AND confirmation_id = " +
        limit);
    rec = apply_rec(limit, "102", "limit");
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6100"), call(rec, 8));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         f.value("SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND "
                                 "ptid = 102"));
    // Valid again: applied, the screen shows the category before and after and the insurance's
    // copay rate, unchanged by it.
    f.conn().exec(
        "UPDATE onshi_certificate_detail SET valid_end = '20991231' WHERE kind = 'limit' AND "
        "confirmation_id = " +
        limit);
    rec = apply_rec(limit, "102", "limit");
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6100"), call(rec, 0));
    CPPUNIT_ASSERT_EQUAL(std::string(""), get(rec.limit_before));
    CPPUNIT_ASSERT_EQUAL(std::string("ウ"), get(rec.limit_after));
    CPPUNIT_ASSERT_EQUAL(get(rec.copay_before), get(rec.copay_after));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InsuranceApplyHookTest);

}  // namespace onshi::test
