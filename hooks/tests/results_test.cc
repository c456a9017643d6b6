// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Result screens through the real module: a day's results (like ORCA P031) with consents,
// certificates, the "needs staff" filter and the nearest days; one patient's history (P032)
// with the forced re-check; the consent state and a written consent that opens the
// drug-information request (audited), refused for a type that cannot be given in writing.
#include <cppunit/extensions/HelperMacros.h>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

class HookResultsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HookResultsTest);
  CPPUNIT_TEST(testDayList);
  CPPUNIT_TEST(testPatientHistoryAndRecheck);
  CPPUNIT_TEST(testConsentStateAndWrittenConsent);
  CPPUNIT_TEST_SUITE_END();

  static onshi_link_day_list_rec day(HookFixture& f, const std::string& d,
                                     const std::string& filter) {
    onshi_link_day_list_rec rec;
    blank(rec);
    put(rec.day, d);
    put(rec.filter, filter);
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_day_list", ctl, rec));
    return rec;
  }

  static int consent(HookFixture& f, onshi_link_consent_state_rec& rec, std::string& msgid,
                     const std::string& user = "clerk1") {
    onshi_link_ctl_rec ctl = f.ctl(user);
    const int rc = f.call("onshi_link_consent_state", ctl, rec);
    msgid = get(ctl.msgid);
    return rc;
  }

 public:
  void testDayList() {
    HookFixture f;
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("taro"));    // linked, drug and checkup consents
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("hanako"));  // limit certificate A03
    CPPUNIT_ASSERT_EQUAL(1, f.check_in("towa"));    // unknown person: waits for staff
    const std::string today = f.value("SELECT to_char(localtimestamp, 'YYYYMMDD')");
    onshi_link_day_list_rec l = day(f, "", "");
    CPPUNIT_ASSERT_EQUAL(3LL, num(l.total));
    CPPUNIT_ASSERT_EQUAL(3LL, num(l.row_count));
    int taro = -1, hanako = -1, towa = -1;
    for (int i = 0; i < 3; ++i) {
      const std::string b = get(l.row[i].birthdate);
      (b == "19800415" ? taro : b == "19850707" ? hanako : towa) = i;
    }
    CPPUNIT_ASSERT(taro >= 0 && hanako >= 0 && towa >= 0);
    const auto& t = l.row[taro];
    CPPUNIT_ASSERT_EQUAL(std::string("face"), get(t.source));
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), get(t.ptnum));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(t.needs_staff));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(t.drug));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(t.checkup));
    CPPUNIT_ASSERT_EQUAL(
        f.value("SELECT to_char(available_until, 'YYYYMMDDHH24MISS') FROM onshi_consent "
                "WHERE confirmation_id = " +
                get(t.confirmation_id) + " AND consent_type = 'pharmacists'"),
        get(t.drug_until));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(t.limit));
    const auto& h = l.row[hanako];
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(h.limit));
    CPPUNIT_ASSERT_EQUAL(std::string("A03"), get(h.limit_class));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(h.limit_consent));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(h.drug));  // she did not consent at the reader
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(l.row[towa].needs_staff));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"), get(l.row[towa].status));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(l.prev_day));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(l.next_day));

    // Only those waiting for staff.
    l = day(f, today, "S");
    CPPUNIT_ASSERT_EQUAL(1LL, num(l.total));
    CPPUNIT_ASSERT_EQUAL(std::string("19990909"), get(l.row[0].birthdate));

    // Another day: taro's result moved two days back, towa's to tomorrow.
    f.conn().exec(
        "UPDATE onshi_confirmation SET created_at = created_at - interval '2 days' "
        "WHERE birthdate = '19800415'");
    f.conn().exec(
        "UPDATE onshi_confirmation SET created_at = created_at + interval '1 day' "
        "WHERE birthdate = '19990909'");
    l = day(f, today, "A");
    CPPUNIT_ASSERT_EQUAL(1LL, num(l.total));
    const std::string before =
        f.value("SELECT to_char(localtimestamp - interval '2 days', 'YYYYMMDD')");
    const std::string after =
        f.value("SELECT to_char(localtimestamp + interval '1 day', 'YYYYMMDD')");
    CPPUNIT_ASSERT_EQUAL(before, get(l.prev_day));
    CPPUNIT_ASSERT_EQUAL(after, get(l.next_day));
    l = day(f, get(l.prev_day), "A");
    CPPUNIT_ASSERT_EQUAL(std::string("19800415"), get(l.row[0].birthdate));
    CPPUNIT_ASSERT_EQUAL(today, get(l.next_day));

    // Bad input: refused with the field's name.
    onshi_link_day_list_rec bad;
    blank(bad);
    put(bad.day, "20261399");
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_day_list", ctl, bad));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    blank(bad);
    put(bad.filter, "X");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_day_list", ctl, bad));
    CPPUNIT_ASSERT_EQUAL(std::string("The field filter is missing or invalid."), get(ctl.message));
  }

  void testPatientHistoryAndRecheck() {
    HookFixture f;
    f.check_in("taro");
    f.conn().exec(
        "UPDATE onshi_confirmation SET differences = '{\"kana\": \"x\"}', "
        "host_updates = '{\"edaban\": \"00\"}'");
    f.check_in("taro");
    onshi_link_pt_history_rec rec;
    blank(rec);
    put(rec.ptid, "101");
    put(rec.recheck, "1");  // forced re-check: a new insurance-number check of patient 101
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_pt_history", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6002"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), get(rec.ptnum));
    const std::string job = get(rec.request_id);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req|101|clerk1"),
                         f.value("SELECT kind || '|' || ptid || '|' || requested_by FROM "
                                 "onshi_job WHERE job_id = " +
                                 job));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.total));
    // Newest first; the older one differed when it arrived (as stored).
    CPPUNIT_ASSERT(num(rec.row[0].confirmation_id) > num(rec.row[1].confirmation_id));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), get(rec.row[0].differed));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.row[1].differed));
    // The stored differing items, then the host state then (no branch number registered yet).
    CPPUNIT_ASSERT_EQUAL(std::string("kana,branch_missing"), get(rec.row[1].differences));
    CPPUNIT_ASSERT_EQUAL(std::string("edaban"), get(rec.row[1].host_updates));
    CPPUNIT_ASSERT_EQUAL(std::string("face"), get(rec.row[0].source));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(rec.row[0].validity));
    CPPUNIT_ASSERT_EQUAL(std::string("Valid"), get(rec.row[0].validity_text));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), get(rec.row[0].insurer));
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), get(rec.row[0].received).size());

    // The re-check's answer joins the history.
    f.engine_round();
    put(rec.recheck, "0");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_pt_history", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(3LL, num(rec.total));
    CPPUNIT_ASSERT_EQUAL(std::string("single"), get(rec.row[0].source));
    CPPUNIT_ASSERT_EQUAL(std::string(), get(rec.request_id));

    // No such patient; a test patient's re-check is refused.
    put(rec.ptid, "999999");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_pt_history", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6004"), get(ctl.msgid));
    put(rec.ptid, "199");
    put(rec.recheck, "1");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_pt_history", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6005"), get(ctl.msgid));
  }

  void testConsentStateAndWrittenConsent() {
    HookFixture f;
    f.conn().exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'clerk1', true, true)");
    onshi_link_consent_state_rec rec;
    blank(rec);
    put(rec.ptid, "101");
    std::string msgid;
    CPPUNIT_ASSERT_EQUAL(0, consent(f, rec, msgid));
    CPPUNIT_ASSERT_EQUAL(0LL, num(rec.type_count));

    // A drug request without consent is refused; a written consent opens it.
    onshi_link_med_request_rec m;
    blank(m);
    put(m.ptid, "101");
    put(m.kind, "D");
    onshi_link_ctl_rec ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_med_request", ctl, m));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6013"), get(ctl.msgid));

    put(rec.action, "W");
    put(rec.kind, "limit_certificate");  // travels with the check, never in writing
    CPPUNIT_ASSERT_EQUAL(8, consent(f, rec, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6060"), msgid);
    put(rec.kind, "pharmacists");
    put(rec.given_at, "29990101120000");
    CPPUNIT_ASSERT_EQUAL(8, consent(f, rec, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6061"), msgid);
    CPPUNIT_ASSERT_EQUAL(8, consent(f, rec, msgid, "nobody"));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6015"), msgid);
    put(rec.given_at, "");
    CPPUNIT_ASSERT_EQUAL(0, consent(f, rec, msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-I-6060"), msgid);
    const std::string written = get(rec.written_id);
    CPPUNIT_ASSERT_EQUAL(std::string("pharmacists|clerk1|86400"),
                         f.value("SELECT consent_type || '|' || recorded_by || '|' || "
                                 "extract(epoch FROM available_until - consent_time)::int "
                                 "FROM onshi_written_consent WHERE written_id = " +
                                 written));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         f.value("SELECT count(*) FROM onshi_audit WHERE action = 'change' AND "
                                 "info_kind = 'consent' AND userid = 'clerk1' AND info_id = " +
                                 written));
    CPPUNIT_ASSERT_EQUAL(1LL, num(rec.type_count));
    CPPUNIT_ASSERT_EQUAL(std::string("pharmacists"), get(rec.type[0].kind));
    CPPUNIT_ASSERT_EQUAL(std::string("Drug information"), get(rec.type[0].label));
    CPPUNIT_ASSERT_EQUAL(std::string("valid"), get(rec.type[0].state));
    CPPUNIT_ASSERT_EQUAL(std::string("written"), get(rec.type[0].source));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1"), get(rec.type[0].recorded_by));
    CPPUNIT_ASSERT_EQUAL(get(rec.until), get(rec.type[0].until));

    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_med_request", ctl, m));
    CPPUNIT_ASSERT_EQUAL(get(rec.until), get(m.consent_until));

    // The card reader's consents join the state, the newer one per type winning (the written
    // consent is made an hour old: the reader's consent time is some seconds before the
    // check-in); Japanese labels.
    f.conn().exec(
        "UPDATE onshi_written_consent SET consent_time = consent_time - interval "
        "'1 hour', available_until = available_until - interval '1 hour'");
    f.check_in("hanako");
    f.check_in("taro");
    blank(rec);
    put(rec.ptid, "101");
    onshi_link_ctl_rec ja = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_consent_state", ja, rec));
    CPPUNIT_ASSERT(num(rec.type_count) >= 2);
    bool card_drug = false;
    for (long long i = 0; i < num(rec.type_count); ++i)
      if (get(rec.type[i].kind) == "pharmacists")
        card_drug = get(rec.type[i].source) == "card" && get(rec.type[i].label) == "薬剤情報";
    CPPUNIT_ASSERT(card_drug);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HookResultsTest);

}  // namespace onshi::test
