// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Home-visit and online care hooks: the withdrawal of consent to view (hv_withdraw), the
// consented-information bulk (hv_bulk), the single checks of these cares (reg_ask and rcp_check
// with a visit type), refused while the facility does not use the care or, for home visits,
// while a withdrawal is in force; and the public-assistance tickets of a result (pa_tickets).
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

class HookHomeVisitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HookHomeVisitTest);
  CPPUNIT_TEST(testWithdrawal);
  CPPUNIT_TEST(testConsentedBulk);
  CPPUNIT_TEST(testVisitChecks);
  CPPUNIT_TEST(testPublicAssistanceTickets);
  CPPUNIT_TEST_SUITE_END();

  static std::string today(HookFixture& f) { return f.value("SELECT to_char(now(), 'YYYYMMDD')"); }

  static void use(HookFixture& f, bool home, bool online) {
    f.conn().exec("UPDATE onshi_facility SET home_visit = " + std::string(home ? "true" : "false") +
                  ", online_care = " + (online ? "true" : "false") + " WHERE hospnum = 1");
  }

  /// Calls `name`; returns (status, msgid).
  template <class R>
  static std::pair<int, std::string> call(HookFixture& f, const char* name, R& rec) {
    onshi_link_ctl_rec ctl = f.ctl("doctor1");
    const int rc = f.call(name, ctl, rec);
    return {rc, get(ctl.msgid)};
  }

  static onshi_link_hv_withdraw_rec withdraw(const char* action, const char* ptid) {
    onshi_link_hv_withdraw_rec rec;
    blank(rec);
    put(rec.action, action);
    put(rec.ptid, ptid);
    return rec;
  }

 public:
  void testWithdrawal() {
    HookFixture f;
    onshi_link_hv_withdraw_rec w = withdraw("W", "0000000124");
    CPPUNIT_ASSERT((call(f, "onshi_link_hv_withdraw", w) ==
                    std::pair<int, std::string>{8, "ONSHI-W-6047"}));  // no home visits here
    use(f, true, false);
    w = withdraw("W", "0000000124");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_withdraw", w) == std::pair<int, std::string>{0, "ONSHI-I-6055"}));
    const long long id = num(w.withdrawal_id);
    CPPUNIT_ASSERT(id > 0 && num(w.job_id) > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), get(w.state));
    w = withdraw("W", "0000000124");
    CPPUNIT_ASSERT((call(f, "onshi_link_hv_withdraw", w) ==
                    std::pair<int, std::string>{8, "ONSHI-W-6056"}));  // one on its way
    w = withdraw("W", "0000000199");
    CPPUNIT_ASSERT((call(f, "onshi_link_hv_withdraw", w) ==
                    std::pair<int, std::string>{8, "ONSHI-W-6005"}));  // test patient
    w = withdraw("X", "0000000124");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_withdraw", w) == std::pair<int, std::string>{8, "ONSHI-W-6025"}));
    // Answered by the terminal: done, and in force.
    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    w = withdraw("G", "0000000124");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_withdraw", w) == std::pair<int, std::string>{0, "ONSHI-I-6001"}));
    CPPUNIT_ASSERT_EQUAL(id, num(w.withdrawal_id));
    CPPUNIT_ASSERT_EQUAL(std::string("done"), get(w.state));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(w.in_force));
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), get(w.requested).size());
    CPPUNIT_ASSERT_EQUAL(std::string(), get(w.error));
    // A home-visit check of the patient is refused now; the office check is not.
    onshi_link_reg_ask_rec a;
    blank(a);
    put(a.ptid, "0000000124");
    put(a.confirm_date, today(f));
    put(a.visit, "2");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_reg_ask", a) == std::pair<int, std::string>{8, "ONSHI-W-6055"}));
    put(a.visit, " ");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_reg_ask", a) == std::pair<int, std::string>{0, "ONSHI-I-6002"}));
    // A patient without any withdrawal.
    w = withdraw("G", "0000000101");
    CPPUNIT_ASSERT_EQUAL(0, call(f, "onshi_link_hv_withdraw", w).first);
    CPPUNIT_ASSERT_EQUAL(std::string(), get(w.withdrawal_id));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(w.in_force));
  }

  void testConsentedBulk() {
    HookFixture f;
    onshi_link_hv_bulk_rec b;
    auto fresh = [&](const char* action, const char* visit, const char* by, const std::string& from,
                     const std::string& to) {
      blank(b);
      put(b.action, action);
      put(b.visit, visit);
      put(b.by, by);
      put(b.date_from, from);
      put(b.date_to, to);
    };
    const std::string d = today(f);
    fresh("R", "2", "C", d, d);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_bulk", b) == std::pair<int, std::string>{8, "ONSHI-W-6047"}));
    fresh("R", "3", "E", d, d);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_bulk", b) == std::pair<int, std::string>{8, "ONSHI-W-6048"}));
    use(f, true, true);
    fresh("R", "2", "E", d, d);  // examination dates are online care's
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_bulk", b) == std::pair<int, std::string>{8, "ONSHI-W-6057"}));
    fresh("R", "4", "C", d, d);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_bulk", b) == std::pair<int, std::string>{8, "ONSHI-W-6003"}));
    fresh("R", "3", "X", d, d);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_bulk", b) == std::pair<int, std::string>{8, "ONSHI-W-6003"}));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), f.value("SELECT count(*) FROM onshi_bulk_batch"));
    fresh("R", "2", "C", "20250601", d);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_hv_bulk", b) == std::pair<int, std::string>{0, "ONSHI-I-6056"}));
    const long long batch = num(b.batch_id);
    CPPUNIT_ASSERT(batch > 0);
    CPPUNIT_ASSERT_EQUAL(
        std::string("OQSmuhvq01req"),
        f.value("SELECT kind FROM onshi_job WHERE job_id = " + std::to_string(num(b.job_id))));
    CPPUNIT_ASSERT_EQUAL(std::string("requested"), get(b.state));
    CPPUNIT_ASSERT_EQUAL("consent 20250601-" + d, get(b.criteria));
    // The upload answered (reception number): the latest home-visit bulk is processing; online
    // care has none.
    f.engine_round();
    fresh("G", "2", " ", "", "");
    CPPUNIT_ASSERT_EQUAL(0, call(f, "onshi_link_hv_bulk", b).first);
    CPPUNIT_ASSERT_EQUAL(batch, num(b.batch_id));
    CPPUNIT_ASSERT_EQUAL(std::string("processing"), get(b.state));
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), get(b.created).size());
    fresh("G", "3", " ", "", "");
    CPPUNIT_ASSERT_EQUAL(0, call(f, "onshi_link_hv_bulk", b).first);
    CPPUNIT_ASSERT_EQUAL(std::string(), get(b.batch_id));
  }

  void testVisitChecks() {
    HookFixture f;
    onshi_link_reg_ask_rec a;
    blank(a);
    put(a.ptid, "0000000124");
    put(a.confirm_date, today(f));
    put(a.visit, "2");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_reg_ask", a) == std::pair<int, std::string>{8, "ONSHI-W-6047"}));
    put(a.visit, "7");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_reg_ask", a) == std::pair<int, std::string>{8, "ONSHI-W-6003"}));
    use(f, true, false);
    put(a.visit, "2");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_reg_ask", a) == std::pair<int, std::string>{0, "ONSHI-I-6002"}));
    const long long job = num(a.request_id);
    CPPUNIT_ASSERT_EQUAL(
        std::string("OQSsihvq01req"),
        f.value("SELECT kind FROM onshi_job WHERE job_id = " + std::to_string(job)));
    // A new patient's check is the office's.
    onshi_link_reg_ask_rec n;
    blank(n);
    put(n.insurer, "06139999");
    put(n.number, "1");
    put(n.birthdate, "19800101");
    put(n.confirm_date, today(f));
    put(n.visit, "2");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_reg_ask", n) == std::pair<int, std::string>{8, "ONSHI-W-6003"}));
    // Answered and polled like the office check.
    CPPUNIT_ASSERT_EQUAL(1, f.engine_round());
    onshi_link_reg_poll_rec p;
    blank(p);
    put(p.request_id, std::to_string(job));
    CPPUNIT_ASSERT_EQUAL(0, call(f, "onshi_link_reg_poll", p).first);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(p.done));
    CPPUNIT_ASSERT_EQUAL(124LL, num(p.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(p.validity));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsihvq01res|single"),
                         f.value("SELECT kind || '|' || source FROM onshi_confirmation"));
    // The reception's individual check for online care, which this facility does not do.
    f.conn().exec("INSERT INTO tbl_uketuke (hospnum, ukeymd, ukeid, uketime, ptid) VALUES (1, '" +
                  today(f) + "', 8, '091500', 124)");
    onshi_link_rcp_check_rec c;
    blank(c);
    put(c.ukeymd, today(f));
    put(c.ukeid, "000008");
    put(c.visit, "3");
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_rcp_check", c) == std::pair<int, std::string>{8, "ONSHI-W-6048"}));
    use(f, true, true);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_rcp_check", c) == std::pair<int, std::string>{0, "ONSHI-I-6002"}));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsionq01req|3"),
                         f.value("SELECT kind || '|' || (payload->>'treatment_flag') FROM "
                                 "onshi_job WHERE job_id = " +
                                 std::to_string(num(c.request_id))));
  }

  /// pa_tickets: the state and tickets of a public-assistance result, as the terminal sent them.
  void testPublicAssistanceTickets() {
    HookFixture f;
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("mutsuko"));
    const std::string id = f.value("SELECT max(confirmation_id) FROM onshi_confirmation");
    onshi_link_pa_tickets_rec t;
    blank(t);
    put(t.confirmation_id, id);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_pa_tickets", t) == std::pair<int, std::string>{0, "ONSHI-I-6001"}));
    CPPUNIT_ASSERT_EQUAL(std::string("tickets"), get(t.state));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(t.state_text));
    CPPUNIT_ASSERT_EQUAL(std::string("12139999"), get(t.payer));
    CPPUNIT_ASSERT_EQUAL(std::string("1234567"), get(t.recipient));
    CPPUNIT_ASSERT_EQUAL(std::string("架空区福祉事務所"), get(t.welfare_office));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(t.copied));  // the facility does not copy
    CPPUNIT_ASSERT_EQUAL(1LL, num(t.ticket_count));
    CPPUNIT_ASSERT_EQUAL(std::string("01"), get(t.ticket[0].ticket_type));
    CPPUNIT_ASSERT_EQUAL(std::string("0012345"), get(t.ticket[0].issue_number));
    CPPUNIT_ASSERT_EQUAL(std::string("202506"), get(t.ticket[0].month));
    CPPUNIT_ASSERT_EQUAL(std::string("02"), get(t.ticket[0].treatment_type));
    CPPUNIT_ASSERT_EQUAL(std::string("20250630"), get(t.ticket[0].valid_end));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(t.ticket[0].inconsistent));
    CPPUNIT_ASSERT_EQUAL(std::string("架空内科クリニック"), get(t.ticket[0].institution));
    // Not a public-assistance result; no result given.
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("taro"));
    blank(t);
    put(t.confirmation_id, f.value("SELECT max(confirmation_id) FROM onshi_confirmation"));
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_pa_tickets", t) == std::pair<int, std::string>{8, "ONSHI-W-6046"}));
    blank(t);
    CPPUNIT_ASSERT(
        (call(f, "onshi_link_pa_tickets", t) == std::pair<int, std::string>{8, "ONSHI-W-6003"}));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HookHomeVisitTest);

}  // namespace onshi::test
