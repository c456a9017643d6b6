// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The result screens' store and rules: a day's results and the nearest days with results, one
// patient's confirmations (linked or asked for), the consents and certificates of a row, and
// written consents (types, times, 24 hours, audit) counting in the medical-information gate
// as the newest consent of their type.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <sstream>

#include "admin/command_support.h"
#include "admin/consent_command.h"
#include "admin/results_command.h"
#include "db/flow_env.h"
#include "exchange/medical_info.h"
#include "exchange/qualification.h"
#include "exchange/written_consent.h"
#include "store/medical_info.h"
#include "store/result_lists.h"
#include "store/written_consent.h"

namespace onshi::test {

using exchange::MedicalInfoKind;
using exchange::MedicalRefusal;
using exchange::WrittenConsentRefusal;

class ResultScreensTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ResultScreensTest);
  CPPUNIT_TEST(testDayListAndAdjacentDays);
  CPPUNIT_TEST(testExtrasOfACheckIn);
  CPPUNIT_TEST(testPatientHistory);
  CPPUNIT_TEST(testWrittenConsentRules);
  CPPUNIT_TEST(testWrittenConsentOpensTheGate);
  CPPUNIT_TEST(testAdminCommands);
  CPPUNIT_TEST_SUITE_END();

  using Run = AdminRun;
  static Run admin(FlowEnv& e,
                   int (*cmd)(const std::vector<std::string>&, std::ostream&, std::ostream&),
                   std::vector<std::string> args) {
    return run_admin(e, cmd, std::move(args));
  }
  static bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
  }

  static WrittenConsentRefusal refusal(FlowEnv& e, long long ptid, const std::string& type,
                                       const std::string& when, const std::string& user) {
    try {
      exchange::record_written_consent(*e.conn, 1, ptid, type, when, user);
    } catch (const exchange::WrittenConsentRefused& x) {
      return x.reason();
    }
    CPPUNIT_FAIL("recorded");
    return WrittenConsentRefusal::no_patient;
  }

 public:
  void testDayListAndAdjacentDays() {
    FlowEnv e;
    e.check_in("taro");
    e.check_in("hanako");
    const std::string today = e.q("SELECT to_char(localtimestamp, 'YYYYMMDD')");
    std::vector<long long> ids = store::day_confirmations(*e.conn, 1, today);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), ids.size());
    CPPUNIT_ASSERT(ids[0] > ids[1]);  // newest first
    // Move one result three days back and one a week ahead: the days around today.
    e.conn->exec(
        "UPDATE onshi_confirmation SET created_at = created_at - interval '3 days' "
        "WHERE confirmation_id = " +
        std::to_string(ids[1]));
    e.conn->exec(
        "UPDATE onshi_confirmation SET created_at = created_at + interval '7 days' "
        "WHERE confirmation_id = " +
        std::to_string(ids[0]));
    CPPUNIT_ASSERT(store::day_confirmations(*e.conn, 1, today).empty());
    const store::AdjacentDays around = store::adjacent_result_days(*e.conn, 1, today);
    CPPUNIT_ASSERT_EQUAL(e.q("SELECT to_char(localtimestamp - interval '3 days', 'YYYYMMDD')"),
                         around.previous);
    CPPUNIT_ASSERT_EQUAL(e.q("SELECT to_char(localtimestamp + interval '7 days', 'YYYYMMDD')"),
                         around.next);
    const store::AdjacentDays first = store::adjacent_result_days(*e.conn, 1, around.previous);
    CPPUNIT_ASSERT_EQUAL(std::string(), first.previous);
    CPPUNIT_ASSERT_EQUAL(around.next, first.next);
    // Another facility's results are never counted.
    CPPUNIT_ASSERT(store::day_confirmations(*e.conn, 2, around.previous).empty());
  }

  void testExtrasOfACheckIn() {
    FlowEnv e;
    e.check_in("hanako");  // limit certificate A03 with the limit consent
    e.check_in("taro");    // drug and checkup consents, 24 hours
    const std::string hanako =
        e.q("SELECT confirmation_id FROM onshi_confirmation WHERE birthdate = '19850707'");
    const std::string taro =
        e.q("SELECT confirmation_id FROM onshi_confirmation WHERE birthdate = '19800415'");
    std::optional<store::ResultExtras> x = store::result_extras(*e.conn, 1, std::stoll(hanako));
    CPPUNIT_ASSERT(x);
    CPPUNIT_ASSERT(x->limit);
    CPPUNIT_ASSERT_EQUAL(std::string("A03"), x->limit_class);
    CPPUNIT_ASSERT(!x->specific_disease);
    const store::ReturnedConsent* limit = store::find_consent(*x, "limit_certificate");
    CPPUNIT_ASSERT(limit);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), limit->flag);
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), x->received.size());

    // The returned block keeps the element names: the card's end date is read from there.
    CPPUNIT_ASSERT_EQUAL(std::string("20180401"),
                         e.q("SELECT returned->>'InsuredCardValidDate' FROM onshi_confirmation "
                             "WHERE confirmation_id = " +
                             taro));
    e.conn->exec(
        "UPDATE onshi_confirmation SET returned = returned || "
        "'{\"InsuredCardExpirationDate\": \"20270331\"}' WHERE confirmation_id = " +
        taro);
    x = store::result_extras(*e.conn, 1, std::stoll(taro));
    CPPUNIT_ASSERT_EQUAL(std::string("20270331"), x->card_end);
    CPPUNIT_ASSERT(!x->limit);
    const store::ReturnedConsent* drug = store::find_consent(*x, "pharmacists");
    CPPUNIT_ASSERT(drug);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), drug->flag);
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), drug->until.size());
    CPPUNIT_ASSERT(drug->until > drug->given);
    CPPUNIT_ASSERT(!store::result_extras(*e.conn, 2, std::stoll(taro)));  // other facility
  }

  void testPatientHistory() {
    FlowEnv e;
    e.check_in("taro");
    e.check_in("taro");
    // A check asked for patient 101 whose answer was not linked (e.g. an error): counted too.
    const long long job = exchange::queue_qualification_check(*e.conn, 1, 101, std::nullopt,
                                                              e.q("SELECT to_char(localtimestamp, "
                                                                  "'YYYYMMDD')"),
                                                              "clerk1");
    e.pump(2);
    const std::vector<long long> ids = store::patient_confirmations(*e.conn, 1, 101);
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), ids.size());
    CPPUNIT_ASSERT(ids[0] > ids[1] && ids[1] > ids[2]);
    e.conn->exec(
        "UPDATE onshi_confirmation SET ptid = NULL, link_state = 'unlinked' "
        "WHERE job_id = " +
        std::to_string(job));
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), store::patient_confirmations(*e.conn, 1, 101).size());
    // What differed when it arrived, as stored.
    e.conn->exec(
        "UPDATE onshi_confirmation SET differences = '{\"name\": \"x\", \"kana\": \"y\"}', "
        "host_status = 'suspect', host_updates = '{\"edaban\": \"00\"}' "
        "WHERE confirmation_id = " +
        std::to_string(ids[2]));
    const std::optional<store::ResultExtras> x = store::result_extras(*e.conn, 1, ids[2]);
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), x->differences.size());
    CPPUNIT_ASSERT_EQUAL(std::string("kana"), x->differences[0]);
    CPPUNIT_ASSERT_EQUAL(std::string("name"), x->differences[1]);
    CPPUNIT_ASSERT_EQUAL(std::string("suspect"), x->differences[2]);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), x->host_updates.size());
    CPPUNIT_ASSERT(store::patient_confirmations(*e.conn, 1, 999999).empty());
  }

  void testWrittenConsentRules() {
    FlowEnv e;
    // Only the consents to view can be given in writing.
    CPPUNIT_ASSERT(refusal(e, 101, "limit_certificate", "", "doctor1") ==
                   WrittenConsentRefusal::not_in_writing);
    CPPUNIT_ASSERT(refusal(e, 101, "specific_diseases", "", "doctor1") ==
                   WrittenConsentRefusal::not_in_writing);
    CPPUNIT_ASSERT(refusal(e, 101, "drug'; --", "", "doctor1") ==
                   WrittenConsentRefusal::not_in_writing);
    // Patient, staff and time.
    CPPUNIT_ASSERT(refusal(e, 999999, "pharmacists", "", "doctor1") ==
                   WrittenConsentRefusal::no_patient);
    CPPUNIT_ASSERT(refusal(e, 199, "pharmacists", "", "doctor1") ==
                   WrittenConsentRefusal::test_patient);
    CPPUNIT_ASSERT(refusal(e, 101, "pharmacists", "", "nobody") ==
                   WrittenConsentRefusal::unknown_staff);
    CPPUNIT_ASSERT(refusal(e, 101, "pharmacists", "2026133", "doctor1") ==
                   WrittenConsentRefusal::bad_time);
    CPPUNIT_ASSERT(refusal(e, 101, "pharmacists", "20260230120000", "doctor1") ==
                   WrittenConsentRefusal::bad_time);
    CPPUNIT_ASSERT(refusal(e, 101, "pharmacists",
                           e.q("SELECT to_char(localtimestamp + interval '1 hour', "
                               "'YYYYMMDDHH24MISS')"),
                           "doctor1") == WrittenConsentRefusal::bad_time);
    CPPUNIT_ASSERT(refusal(e, 101, "pharmacists",
                           e.q("SELECT to_char(localtimestamp - interval '25 hours', "
                               "'YYYYMMDDHH24MISS')"),
                           "doctor1") == WrittenConsentRefusal::bad_time);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_written_consent"));
    // Refusals of a known patient by a known staff member are audited.
    CPPUNIT_ASSERT_EQUAL(std::string("7"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'refused' AND "
                             "info_kind = 'consent'"));

    const std::string given =
        e.q("SELECT to_char(localtimestamp - interval '2 hours', 'YYYYMMDDHH24MISS')");
    const exchange::WrittenConsent w =
        exchange::record_written_consent(*e.conn, 1, 101, "pharmacists", given, "doctor1");
    CPPUNIT_ASSERT(w.written_id > 0);
    CPPUNIT_ASSERT_EQUAL(given, w.given);
    CPPUNIT_ASSERT_EQUAL(e.q("SELECT to_char(to_timestamp('" + given +
                             "', 'YYYYMMDDHH24MISS') + interval '24 hours', 'YYYYMMDDHH24MISS')"),
                         w.until);
    CPPUNIT_ASSERT_EQUAL(std::string("1|doctor1|pharmacists"),
                         e.q("SELECT count(*) || '|' || min(userid) || '|' || "
                             "min(substr(detail, 17, 11)) FROM onshi_audit WHERE action = "
                             "'change' AND info_kind = 'consent' AND info_id = " +
                             std::to_string(w.written_id)));
    // Blank = now; a day alone = its midnight (refused here only when already 24 hours old).
    const exchange::WrittenConsent now =
        exchange::record_written_consent(*e.conn, 1, 101, "operation", "", "doctor1");
    CPPUNIT_ASSERT_EQUAL(std::size_t(14), now.given.size());
    const std::string today = e.q("SELECT to_char(localtimestamp, 'YYYYMMDD')");
    CPPUNIT_ASSERT_EQUAL(
        today + "000000",
        exchange::record_written_consent(*e.conn, 1, 101, "diagnosis", today, "doctor1").given);
    // The state per type: the newest of card and written.
    e.check_in("taro");  // pharmacists and checkups at the card reader, now
    const std::vector<store::ConsentState> s = store::consent_states(*e.conn, 1, 101);
    std::map<std::string, store::ConsentState> by;
    for (const store::ConsentState& c : s) by[c.type] = c;
    CPPUNIT_ASSERT_EQUAL(std::string("card"), by["pharmacists"].source);
    CPPUNIT_ASSERT_EQUAL(std::string("card"), by["specific_health_checkups"].source);
    CPPUNIT_ASSERT_EQUAL(std::string("written"), by["operation"].source);
    CPPUNIT_ASSERT_EQUAL(std::string("doctor1"), by["operation"].recorded_by);
    CPPUNIT_ASSERT(by["operation"].still_available);
    CPPUNIT_ASSERT_EQUAL(std::string("written"), by["diagnosis"].source);
  }

  void testWrittenConsentOpensTheGate() {
    FlowEnv e;
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, true)");
    auto gate = [&](MedicalInfoKind k) {
      return exchange::check_medical_access(*e.conn, 1, 101, k, "doctor1");
    };
    CPPUNIT_ASSERT(gate(MedicalInfoKind::drug).refusal == MedicalRefusal::no_consent);
    const exchange::WrittenConsent w =
        exchange::record_written_consent(*e.conn, 1, 101, "pharmacists", "", "clerk1");
    exchange::MedicalAccess a = gate(MedicalInfoKind::drug);
    CPPUNIT_ASSERT(a.allowed());
    CPPUNIT_ASSERT_EQUAL(w.written_id, a.consent_written_id);
    CPPUNIT_ASSERT_EQUAL(w.until, a.available_until);
    CPPUNIT_ASSERT(gate(MedicalInfoKind::checkup).refusal == MedicalRefusal::no_consent);
    // The request is queued and audited as made under the written consent.
    const long long job =
        exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1");
    CPPUNIT_ASSERT(job > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'request' AND "
                             "detail LIKE '% under written consent " +
                             std::to_string(w.written_id) + "'"));
    // It expires like a card reader's.
    e.conn->exec(
        "UPDATE onshi_written_consent SET available_until = localtimestamp - "
        "interval '1 minute', consent_time = localtimestamp - interval '2 minutes'");
    CPPUNIT_ASSERT(gate(MedicalInfoKind::drug).refusal == MedicalRefusal::consent_expired);
    // A later "no" at the card reader wins over an earlier written consent.
    exchange::record_written_consent(*e.conn, 1, 101, "specific_health_checkups",
                                     e.q("SELECT to_char(localtimestamp - interval '1 hour', "
                                         "'YYYYMMDDHH24MISS')"),
                                     "clerk1");
    CPPUNIT_ASSERT(gate(MedicalInfoKind::checkup).allowed());
    e.check_in("taro");
    e.conn->exec(
        "UPDATE onshi_consent SET flag = '0' WHERE consent_type = "
        "'specific_health_checkups'");
    CPPUNIT_ASSERT(gate(MedicalInfoKind::checkup).refusal == MedicalRefusal::no_consent);
  }

  void testAdminCommands() {
    FlowEnv e;
    e.check_in("taro");
    e.check_in("towa");  // unknown person: waits for staff
    Run all = admin(e, admin::run_results, {"--hospnum", "1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(all.err, 0, all.status);
    CPPUNIT_ASSERT_MESSAGE(all.out, has(all.out, " face valid patient 000101 "));
    CPPUNIT_ASSERT_MESSAGE(all.out, has(all.out, " drug 1/"));
    CPPUNIT_ASSERT_MESSAGE(all.out, has(all.out, " no_patient * patient - "));
    CPPUNIT_ASSERT_MESSAGE(all.out, has(all.out, "previous day with results: -; next: -"));
    Run staff = admin(e, admin::run_results, {"--hospnum", "1", "--staff-only"});
    CPPUNIT_ASSERT_EQUAL(0, staff.status);
    CPPUNIT_ASSERT_MESSAGE(staff.out, !has(staff.out, "000101") && has(staff.out, "no_patient"));
    Run bad = admin(e, admin::run_results, {"--hospnum", "1", "--day", "2026-12-01"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, bad.status);
    CPPUNIT_ASSERT_MESSAGE(bad.err, has(bad.err, "ONSHI-W-6003"));

    Run h = admin(e, admin::run_history,
                  {"--hospnum", "1", "--patient", "000101", "--recheck", "--user", "clerk1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(h.err, 0, h.status);
    CPPUNIT_ASSERT_MESSAGE(h.out, has(h.out, "re-check queued (job "));
    CPPUNIT_ASSERT_MESSAGE(h.out, has(h.out, " face validity 1 valid card 06139999 "));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_job WHERE kind = "
                                               "'OQSsiquc01req' AND ptid = 101"));
    Run h2 = admin(e, admin::run_history, {"--hospnum", "1", "--ptid", "101"});
    CPPUNIT_ASSERT_EQUAL(0, h2.status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, admin(e, admin::run_history,
                                                  {"--hospnum", "1", "--recheck", "--ptid", "101"})
                                                .status);  // --user missing
    CPPUNIT_ASSERT_EQUAL(
        admin::kExitRefused,
        admin(e, admin::run_history, {"--hospnum", "1", "--patient", "999999"}).status);

    Run rec = admin(e, admin::run_consent,
                    {"record", "--hospnum", "1", "--patient", "000101", "--type", "operation",
                     "--user", "doctor1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(rec.err, 0, rec.status);
    CPPUNIT_ASSERT_MESSAGE(rec.out, has(rec.out, "written consent "));
    Run no = admin(e, admin::run_consent,
                   {"record", "--hospnum", "1", "--patient", "000101", "--type",
                    "limit_certificate", "--user", "doctor1"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, no.status);
    CPPUNIT_ASSERT_MESSAGE(no.err, has(no.err, "not_in_writing"));
    Run show = admin(e, admin::run_consent, {"show", "--hospnum", "1", "--patient", "000101"});
    CPPUNIT_ASSERT_EQUAL(0, show.status);
    CPPUNIT_ASSERT_MESSAGE(show.out, has(show.out, "operation: flag 1, given ") &&
                                         has(show.out, ", current, written (doctor1)"));
    CPPUNIT_ASSERT_MESSAGE(
        show.out, has(show.out, "pharmacists: flag 1") && has(show.out, ", current, card"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResultScreensTest);

}  // namespace onshi::test
