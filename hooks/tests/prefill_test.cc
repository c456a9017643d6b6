// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi_link_prefill and onshi_link_insurance_saved (ABI 7): in a facility whose apply mode is
// prefill (set through onshi_link_adm_facility), ins_apply stores a pre-fill and writes nothing;
// the registration screen loads it, the host saves the rows and says so; the pre-fill is
// compared (a difference gives status 04 and the list), the result applied, and the apply listed
// and undone as any. Cancel and the refusals with their message ids. (Rows in detail:
// tests/db/prefill_test.cc.)
#include <cppunit/extensions/HelperMacros.h>

#include "common/clock.h"
#include "db/transaction.h"
#include "exchange/new_patient.h"
#include "hook_test_support.h"
#include "host/patient_registration.h"

namespace onshi::test {

class PrefillHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PrefillHookTest);
  CPPUNIT_TEST(testPrefillSavedAndUndone);
  CPPUNIT_TEST(testCancelAndRefusals);
  CPPUNIT_TEST(testNewPatientPrefilledThenSaved);
  CPPUNIT_TEST(testAutoCertificatesExcludePrefill);
  CPPUNIT_TEST_SUITE_END();

  static std::string taro_result(HookFixture& f) {
    f.check_in("taro");
    return f.value(
        "SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 101 "
        "AND link_state = 'linked'");
  }

  static void set_mode(HookFixture& f, const std::string& mode) {
    onshi_link_adm_facility_rec rec;
    blank(rec);
    put(rec.action, "G");
    onshi_link_ctl_rec ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_facility", ctl, rec));
    put(rec.action, "S");
    put(rec.apply_mode, mode);
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_adm_facility", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(mode, get(rec.apply_mode));
  }

  static std::string rows(HookFixture& f) {
    return f.value(
        "SELECT (SELECT string_agg(t::text, '/' ORDER BY t::text) FROM tbl_pthkninf t "
        "WHERE hospnum = 1 AND ptid = 101) || (SELECT string_agg(t::text, '/' ORDER BY t::text) "
        "FROM tbl_hkncombi t WHERE hospnum = 1 AND ptid = 101)");
  }

  static int apply(HookFixture& f, const std::string& id, const std::string& mode,
                   onshi_link_ctl_rec& ctl) {
    onshi_link_ins_apply_rec rec;
    blank(rec);
    put(rec.action, "A");
    put(rec.confirmation_id, id);
    put(rec.ptid, "101");
    put(rec.mode, mode);
    ctl = f.ctl("clerk1", "en");
    const int status = f.call("onshi_link_ins_apply", ctl, rec);
    if (status == 0) CPPUNIT_ASSERT_EQUAL(std::string(), get(rec.audit_id));
    return status;
  }

  /// The host rows of every patient (a new patient written or not).
  static std::string host_rows(HookFixture& f) {
    return f.value(
        "SELECT (SELECT count(*) FROM tbl_ptinf) || '/' || (SELECT count(*) FROM tbl_ptnum) || "
        "'/' || (SELECT count(*) FROM tbl_pthkninf) || '/' || (SELECT count(*) FROM tbl_hkncombi)");
  }

  static int resolve_new(HookFixture& f, const std::string& id, onshi_link_rcp_resolve_rec& r,
                         onshi_link_ctl_rec& ctl) {
    blank(r);
    put(r.confirmation_id, id);
    put(r.action, "N");
    ctl = f.ctl("clerk1", "en");
    return f.call("onshi_link_rcp_resolve", ctl, r);
  }

  static int saved(HookFixture& f, const std::string& ptid, const std::string& prefill_id,
                   onshi_link_insurance_saved_rec& s, onshi_link_ctl_rec& ctl) {
    blank(s);
    put(s.ptid, ptid);
    put(s.prefill_id, prefill_id);
    put(s.hknid, "1");
    put(s.koh_count, "0");
    ctl = f.ctl("clerk1", "en");
    return f.call("onshi_link_insurance_saved", ctl, s);
  }

 public:
  void testNewPatientPrefilledThenSaved() {
    // 新規患者 in prefill mode (ORCA's way, fact sheet 6.2): nothing is written or linked; the
    // registration screen is filled with the patient and the insurance and numbers and saves
    // them itself; then the result is linked to the patient it saved, when that is the person.
    HookFixture f;
    set_mode(f, "prefill");
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("towa"));  // unknown to the host: a new-patient proposal
    const std::string id =
        f.value("SELECT confirmation_id FROM onshi_confirmation WHERE birthdate = '19990909'");
    const std::string before = host_rows(f);
    const std::string counter = f.value(
        "SELECT count(*) || (SELECT string_agg(t::text, '') FROM "
        "tbl_syskanri t WHERE kanricd = '1009')");
    onshi_link_rcp_resolve_rec r;
    onshi_link_ctl_rec ctl;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, resolve_new(f, id, r, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6190"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(r.result_ptid));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(r.reference_job));
    const std::string prefill_id = get(r.prefill_id);
    CPPUNIT_ASSERT(!prefill_id.empty());
    CPPUNIT_ASSERT_EQUAL(before, host_rows(f));  // no patient, no number issued
    CPPUNIT_ASSERT_EQUAL(counter, f.value("SELECT count(*) || (SELECT string_agg(t::text, '') "
                                          "FROM tbl_syskanri t WHERE kanricd = '1009')"));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient|false"),
                         f.value("SELECT link_state || '|' || (ptid IS NOT NULL) FROM "
                                 "onshi_confirmation WHERE confirmation_id = " +
                                 id));
    // Pending: a second 新規患者 waits for it.
    CPPUNIT_ASSERT_EQUAL(8, resolve_new(f, id, r, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6146"), get(ctl.msgid));
    // ... and so do a link to an existing patient and a dismissal.
    put(r.action, "L");
    put(r.ptid, "101");
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_rcp_resolve", ctl, r));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6146"), get(ctl.msgid));
    put(r.action, "D");
    put(r.reason, "duplicate");
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_rcp_resolve", ctl, r));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6146"), get(ctl.msgid));

    // The registration screen loads it by result: the patient and the insurance to add.
    onshi_link_prefill_rec p;
    blank(p);
    put(p.confirmation_id, id);
    ctl = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("new|pending|"),
                         get(p.mode) + "|" + get(p.state) + "|" + get(p.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("19990909|2|1000020"),
                         get(p.pt_birthday) + "|" + get(p.pt_sex) + "|" + get(p.pt_post));
    CPPUNIT_ASSERT(!get(p.pt_name).empty() && !get(p.pt_kana).empty());
    CPPUNIT_ASSERT_EQUAL(std::string("A|001|01130012|４０１１０２０３|７７８８|00"),
                         get(p.ins_action) + "|" + get(p.hknnum) + "|" + get(p.insurer) + "|" +
                             get(p.symbol) + "|" + get(p.number) + "|" + get(p.branch));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(p.hknid));  // registration numbers it

    // ORCA's registration saves the patient from the screen (written here as create_patient
    // writes a new patient, ORCGP029's rows), but the clerk typed the address differently.
    long long ptid = 0;
    {
      db::Transaction tx(f.conn());
      const host::PatientFromResult person =
          *exchange::patient_from_result(f.conn(), 1, std::stoll(id));
      ptid = host::create_patient(f.conn(), 1, person, local_date8(), "orca").ptid;
      tx.commit();
    }
    f.conn().exec(
        "UPDATE tbl_ptinf SET home_adrs = home_adrs || '１－２' WHERE hospnum = 1 "
        "AND ptid = " +
        std::to_string(ptid));
    // Saving it as another person (taro, another birthdate) is refused; nothing is linked.
    onshi_link_insurance_saved_rec s;
    CPPUNIT_ASSERT_EQUAL(8, saved(f, "101", prefill_id, s, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6193"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(8, saved(f, std::to_string(ptid), "", s, ctl));  // not named
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6147"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"),
                         f.value("SELECT link_state FROM onshi_confirmation WHERE "
                                 "confirmation_id = " +
                                 id));
    // The patient registration saved: linked, compared (the address), number queued, audited.
    CPPUNIT_ASSERT_EQUAL(4, saved(f, std::to_string(ptid), prefill_id, s, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6192"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(ptid, num(s.result_ptid));
    CPPUNIT_ASSERT(num(s.reference_job) > 0);
    CPPUNIT_ASSERT_EQUAL(std::string(), get(s.audit_id));
    CPPUNIT_ASSERT_EQUAL(std::string("new"), get(s.mode));
    CPPUNIT_ASSERT_EQUAL(1LL, num(s.diff_count));
    CPPUNIT_ASSERT_EQUAL(std::string("tbl_ptinf|home_adrs"),
                         get(s.diff[0].table) + "|" + get(s.diff[0].column));
    CPPUNIT_ASSERT_EQUAL(std::string("linked|") + std::to_string(ptid) + "|new_patient",
                         f.value("SELECT link_state || '|' || ptid || '|' || resolution FROM "
                                 "onshi_confirmation WHERE confirmation_id = " +
                                 id));
    CPPUNIT_ASSERT_EQUAL(
        std::to_string(ptid),
        f.value("SELECT ptid FROM onshi_consent WHERE confirmation_id = " + id + " LIMIT 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("saved|1"),
                         f.value("SELECT state || '|' || saved_hknid FROM onshi_prefill WHERE "
                                 "prefill_id = " +
                                 prefill_id));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         f.value("SELECT count(*) FROM onshi_audit WHERE userid = 'clerk1' AND "
                                 "detail LIKE 'new patient " +
                                 std::to_string(ptid) + " from result " + id + "%'"));
    // Once only.
    CPPUNIT_ASSERT_EQUAL(8, saved(f, std::to_string(ptid), prefill_id, s, ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6149"), get(ctl.msgid));
  }

  void testAutoCertificatesExcludePrefill() {
    // Automatic certificates write without staff; prefill leaves every apply to the
    // registration screen: the facility cannot have both.
    HookFixture f;
    f.conn().exec("UPDATE onshi_facility SET auto_certificates = true WHERE hospnum = 1");
    onshi_link_adm_facility_rec rec;
    blank(rec);
    put(rec.action, "G");
    onshi_link_ctl_rec ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_facility", ctl, rec));
    put(rec.action, "S");
    put(rec.apply_mode, "prefill");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_facility", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6194"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("direct"),
                         f.value("SELECT apply_mode FROM onshi_facility WHERE hospnum = 1"));
  }

  void testPrefillSavedAndUndone() {
    HookFixture f;
    set_mode(f, "prefill");
    const std::string id = taro_result(f);
    f.conn().exec(
        "UPDATE onshi_confirmation SET card_number = '424242', branch_number = '01' "
        "WHERE confirmation_id = " +
        id);
    const std::string before = rows(f);
    onshi_link_ctl_rec ctl;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, apply(f, id, "change", ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6140"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(before, rows(f));

    // The registration screen loads it by patient.
    onshi_link_prefill_rec p;
    blank(p);
    put(p.ptid, "101");
    ctl = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6141"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), get(p.state));
    CPPUNIT_ASSERT_EQUAL(std::string("change"), get(p.mode));
    CPPUNIT_ASSERT_EQUAL(std::stoll(id), num(p.confirmation_id));
    CPPUNIT_ASSERT_EQUAL(std::string("C"), get(p.ins_action));
    CPPUNIT_ASSERT_EQUAL(1LL, num(p.hknid));
    CPPUNIT_ASSERT_EQUAL(std::string("４２４２４２"), get(p.number));
    CPPUNIT_ASSERT_EQUAL(std::string("01"), get(p.branch));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), get(p.insurer));
    CPPUNIT_ASSERT_EQUAL(0LL, num(p.end_count));
    CPPUNIT_ASSERT_EQUAL(0LL, num(p.koh_count));
    const std::string prefill_id = get(p.prefill_id);
    const std::string today = f.value("SELECT to_char(current_date, 'YYYYMMDD')");
    CPPUNIT_ASSERT_EQUAL(today, get(p.confirm_date));
    // A second apply waits for it.
    CPPUNIT_ASSERT_EQUAL(8, apply(f, id, "change", ctl));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6146"), get(ctl.msgid));

    // Registration saves the card (in place, the number and branch from the screen) but the
    // branch typed differently: the call reports it (04) with the list.
    f.conn().exec("UPDATE tbl_pthkninf SET kigo = '" + get(p.symbol) + "', num = '" +
                  get(p.number) +
                  "', edaban = '02', kakuninymd = to_char(current_date, 'YYYYMMDD') "
                  "WHERE hospnum = 1 AND ptid = 101 AND hknid = 1");
    onshi_link_insurance_saved_rec s;
    blank(s);
    put(s.ptid, "101");
    put(s.hknid, "0001");
    put(s.koh_count, "0");
    ctl = f.ctl("doctor1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 4, f.call("onshi_link_insurance_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6144"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::stoll(id), num(s.confirmation_id));
    CPPUNIT_ASSERT_EQUAL(std::string("change"), get(s.mode));
    std::string all;
    for (long long i = 0; i < num(s.diff_count); ++i)
      all +=
          get(s.diff[i].column) + "=" + get(s.diff[i].proposed) + "/" + get(s.diff[i].saved) + " ";
    CPPUNIT_ASSERT_EQUAL_MESSAGE(all, 1LL, num(s.diff_count));
    CPPUNIT_ASSERT_EQUAL(std::string("tbl_pthkninf|1|edaban|01|02"),
                         get(s.diff[0].table) + "|" + get(s.diff[0].key) + "|" +
                             get(s.diff[0].column) + "|" + get(s.diff[0].proposed) + "|" +
                             get(s.diff[0].saved));
    const long long audit = num(s.audit_id);
    CPPUNIT_ASSERT(audit > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("applied"),
                         f.value("SELECT resolution FROM onshi_confirmation WHERE "
                                 "confirmation_id = " +
                                 id));
    // The closed pre-fill shows the difference too.
    blank(p);
    put(p.prefill_id, prefill_id);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(4, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("saved"), get(p.state));
    CPPUNIT_ASSERT_EQUAL(std::string("doctor1"), get(p.closed_by));
    CPPUNIT_ASSERT_EQUAL(1LL, num(p.diff_count));
    // Saved once only.
    ctl = f.ctl("doctor1", "en");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_insurance_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6147"), get(ctl.msgid));

    // Listed and undone like a direct apply.
    onshi_link_ins_apply_rec rec;
    blank(rec);
    put(rec.action, "U");
    put(rec.audit_id, std::to_string(audit));
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_ins_apply", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(before, rows(f));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.apply_count));
    CPPUNIT_ASSERT_EQUAL(audit, num(rec.apply[0].id));
  }

  void testCancelAndRefusals() {
    HookFixture f;
    set_mode(f, "prefill");
    const std::string id = taro_result(f);
    f.conn().exec("UPDATE onshi_confirmation SET card_number = '424242' WHERE confirmation_id = " +
                  id);
    onshi_link_ctl_rec ctl;
    CPPUNIT_ASSERT_EQUAL(0, apply(f, id, "change", ctl));
    onshi_link_prefill_rec p;
    blank(p);
    put(p.action, "X");
    put(p.confirmation_id, id);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6025"), get(ctl.msgid));
    blank(p);
    put(p.action, "C");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_prefill", ctl, p));  // names nothing
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    put(p.confirmation_id, id);
    ctl = f.ctl("clerk2", "en");  // not a staff member of facility 1
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6015"), get(ctl.msgid));
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6142"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("cancelled"), get(p.state));
    blank(p);
    put(p.action, "C");
    put(p.confirmation_id, id);
    ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_prefill", ctl, p));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6147"), get(ctl.msgid));
    // Back to the direct way: the same apply writes and is audited.
    set_mode(f, "direct");
    onshi_link_ins_apply_rec rec;
    blank(rec);
    put(rec.action, "A");
    put(rec.confirmation_id, id);
    put(rec.ptid, "101");
    put(rec.mode, "change");
    ctl = f.ctl("clerk1", "en");
    const int status = f.call("onshi_link_ins_apply", ctl, rec);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.msgid) + get(ctl.message), 0, status);
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6090"), get(ctl.msgid));
    CPPUNIT_ASSERT(num(rec.audit_id) > 0);
    // A bad mode setting is refused.
    onshi_link_adm_facility_rec a;
    blank(a);
    put(a.action, "G");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_adm_facility", ctl, a));
    put(a.action, "S");
    put(a.apply_mode, "both");
    ctl = f.ctl("ormaster");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_adm_facility", ctl, a));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    // insurance_saved without a patient, or with a bad count.
    onshi_link_insurance_saved_rec s;
    blank(s);
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_insurance_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    put(s.ptid, "101");
    put(s.koh_count, "9");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_insurance_saved", ctl, s));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PrefillHookTest);

}  // namespace onshi::test
