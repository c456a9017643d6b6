// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Home-visit and online care (訪問診療等 / オンライン診療等; tests/fixtures/homevisit/README.md):
// the facility settings, the consented-information bulks (OQSmuhvq / OQSmuonq) through the
// simulator and their units linked like any result (never by our ArbitraryIdentifier), the
// withdrawal of consent (OQSsihvd01req), and MedicalTreatmentFlag from the visit type.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "exchange/bulk_check.h"
#include "exchange/consent_withdrawal.h"
#include "exchange/medical_info.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "flow_env.h"
#include "store/bulk.h"
#include "store/consent_withdrawal.h"
#include "store/jobs.h"

namespace onshi::test {
namespace {

/// FlowEnv's database and share with a scenario where kenichi (host patient 124, card
/// 06139999/5678/1001/01) consented to home-visit care today and taro (101) was examined
/// online today.
struct HomeVisitEnv {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share_dir, quarantine;
  exchange::ShareLayout share{share_dir.path()};
  db::FacilitySettings facility;
  sim::Responder responder{scenario()};
  std::ostringstream sim_log;
  sim::Terminal terminal{responder, {share.root, 0, 50}, sim_log};

  static sim::Scenario scenario() {
    sim::Scenario s = sim::load_scenario(source_file("tests/sim/scenario-demo.json"));
    s.settings.delay_ms = 0;
    s.settings.still_processing = 1;
    for (sim::Person& p : s.people) {
      if (p.id == "kenichi") {
        p.home_visit_consented = local_date8();
        p.consents.push_back({"pharmacists", "1", "", ""});  // to viewing his drug information
      }
      if (p.id == "taro") p.online_examined = local_date8();
    }
    return s;
  }

  HomeVisitEnv() {
    for (const std::string& d : {share.req(), share.res(), share.face()})
      exchange::ensure_directory(d);
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.root;
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
  }

  void use(bool home, bool online) {
    facility.home_visit = home;
    facility.online_care = online;
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
  }
  std::string q(const std::string& sql) { return scalar(*conn, sql); }

  void import_all() {
    exchange::ImportOptions o;
    o.quarantine_dir = quarantine.path();
    o.not_ready_grace = std::chrono::milliseconds(0);
    for (const std::string& p : FlowEnv::files(share.res()))
      exchange::import_file(*conn, facility, p, exchange::Folder::res, o);
  }
  /// The request files written by one queue pass (before the simulator takes them).
  std::string send() {
    conn->exec("UPDATE onshi_job SET next_attempt_at = now() WHERE state = 'pending'");
    exchange::run_queue(*conn, facility);
    std::string all;
    for (const std::string& f : FlowEnv::files(share.req())) {
      std::ifstream in(f, std::ios::binary);
      all += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
  void answer() {
    terminal.run_once();
    import_all();
  }
  void pump(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      send();
      answer();
    }
  }
};

std::string days_ago(int n) {
  return local_date8(wall_clock_now() - static_cast<std::time_t>(n) * 86400);
}

}  // namespace

class HomeVisitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HomeVisitTest);
  CPPUNIT_TEST(testSettings);
  CPPUNIT_TEST(testConsentedBulkHomeVisit);
  CPPUNIT_TEST(testConsentedBulkOnlineByExamination);
  CPPUNIT_TEST(testConsentedBulkRefusals);
  CPPUNIT_TEST(testUnitsLinkedByCardOnly);
  CPPUNIT_TEST(testWithdrawal);
  CPPUNIT_TEST(testTreatmentFlagFromVisitType);
  CPPUNIT_TEST(testSingleChecks);
  CPPUNIT_TEST(testWithdrawalBlocksHomeVisitRequests);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSettings() {
    HomeVisitEnv e;
    CPPUNIT_ASSERT(!e.facility.home_visit && !e.facility.online_care);  // off by default
    e.use(true, false);
    CPPUNIT_ASSERT(e.facility.home_visit && !e.facility.online_care);
    e.use(false, true);
    CPPUNIT_ASSERT_EQUAL(std::string("false|true"),
                         e.q("SELECT home_visit || '|' || online_care FROM onshi_facility"));
  }

  void testConsentedBulkHomeVisit() {
    HomeVisitEnv e;
    e.use(true, false);
    exchange::ConsentedCriteria c{"homevisit", "consent", days_ago(7), local_date8()};
    const exchange::BulkStart b =
        exchange::queue_consented_bulk(*e.conn, 1, c, exchange::BulkTrigger::admin, "tester");
    CPPUNIT_ASSERT(b.batch_id > 0);
    CPPUNIT_ASSERT_EQUAL(
        std::string("OQSmuhvq01req"),
        e.q("SELECT kind FROM onshi_job WHERE job_id = " + std::to_string(b.first_job_id)));
    // The upload carries the criteria and 診療区分 2, no person.
    const std::string upload = e.send();
    CPPUNIT_ASSERT_MESSAGE(upload, upload.find("<ConsentDateFrom>" + c.from +
                                               "</ConsentDateFrom>") != std::string::npos);
    CPPUNIT_ASSERT(upload.find("<MedicalTreatmentFlag>2</MedicalTreatmentFlag>") !=
                   std::string::npos);
    CPPUNIT_ASSERT(upload.find("<InsurerNumber>") == std::string::npos);
    e.answer();
    e.pump(4);  // 02req (still processing), 02req (final)
    const auto all = exchange::bulk_status(*e.conn, 1, "");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), all.size());
    const exchange::BulkBatchStatus& s = all.front();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done"), s.state);
    CPPUNIT_ASSERT_EQUAL(std::string("homevisit"), s.flow);
    CPPUNIT_ASSERT_EQUAL("consent " + c.from + "-" + c.to, s.criteria);
    CPPUNIT_ASSERT_EQUAL(1, s.done);
    CPPUNIT_ASSERT_EQUAL(1, s.valid);
    CPPUNIT_ASSERT_EQUAL(1, s.polls);
    // kenichi's unit: stored as a bulk confirmation of this kind, linked to patient 124.
    CPPUNIT_ASSERT_EQUAL(std::string("124|linked|OQSmuhvq02res"),
                         e.q("SELECT ptid || '|' || link_state || '|' || kind FROM "
                             "onshi_confirmation WHERE source = 'bulk'"));
    // It is no pre-check result of today (the reservation screen shows those).
    CPPUNIT_ASSERT(store::precheck_results_of_day(*e.conn, 1, local_date8()).empty());
  }

  void testConsentedBulkOnlineByExamination() {
    HomeVisitEnv e;
    e.use(false, true);
    exchange::ConsentedCriteria c{"online", "examination", local_date8(), local_date8()};
    exchange::queue_consented_bulk(*e.conn, 1, c, exchange::BulkTrigger::admin, "tester");
    const std::string upload = e.send();
    CPPUNIT_ASSERT(upload.find("<ExaminationDateTo>" + c.to + "</ExaminationDateTo>") !=
                   std::string::npos);
    CPPUNIT_ASSERT(upload.find("<MedicalTreatmentFlag>3</MedicalTreatmentFlag>") !=
                   std::string::npos);
    e.answer();
    e.pump(4);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("101|OQSmuonq02res"),
                                 e.q("SELECT ptid || '|' || kind FROM onshi_confirmation"));
    // Switched off meanwhile: the next request is not sent (the job fails with the reason).
    exchange::queue_consented_bulk(*e.conn, 1, c, exchange::BulkTrigger::admin, "tester");
    e.use(false, false);
    e.send();
    CPPUNIT_ASSERT(e.q("SELECT last_error FROM onshi_job WHERE kind = 'OQSmuonq01req' AND "
                       "state = 'failed'")
                       .find("online care") != std::string::npos);
  }

  void testConsentedBulkRefusals() {
    HomeVisitEnv e;
    using R = exchange::EnqueueError::Reason;
    auto reason = [&](exchange::ConsentedCriteria c) {
      try {
        exchange::queue_consented_bulk(*e.conn, 1, c, exchange::BulkTrigger::admin, "tester");
      } catch (const exchange::EnqueueError& x) {
        return x.reason();
      }
      CPPUNIT_FAIL("queued");
      return R::invalid_data;
    };
    const std::string today = local_date8();
    CPPUNIT_ASSERT(reason({"homevisit", "consent", today, today}) == R::not_used);
    CPPUNIT_ASSERT(reason({"online", "consent", today, today}) == R::not_used);
    e.use(true, true);
    CPPUNIT_ASSERT(reason({"homevisit", "examination", today, today}) == R::bad_argument);
    CPPUNIT_ASSERT(reason({"online", "consent", today, days_ago(1)}) == R::bad_argument);
    CPPUNIT_ASSERT(reason({"online", "consent", "20250231", today}) == R::bad_argument);
    CPPUNIT_ASSERT(reason({"emergency", "consent", today, today}) == R::bad_argument);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_bulk_batch"));
  }

  /// The fixture's final result: kenichi's unit is linked by his card, the unit of a person the
  /// host does not have stays unlinked; nothing is linked through an ArbitraryIdentifier.
  void testUnitsLinkedByCardOnly() {
    HomeVisitEnv e;
    e.use(true, false);
    exchange::ConsentedCriteria c{"homevisit", "consent", days_ago(3), local_date8()};
    const exchange::BulkStart b =
        exchange::queue_consented_bulk(*e.conn, 1, c, exchange::BulkTrigger::admin, "tester");
    e.conn->exec(
        "UPDATE onshi_bulk_chunk SET state = 'waiting', "
        "reception_number = '20250614090001456_8101' WHERE batch_id = " +
        std::to_string(b.batch_id));
    std::ifstream in(source_file("tests/fixtures/homevisit/res/OQSmuhvq02res_202506140004.xml"),
                     std::ios::binary);
    TempDir tmp;
    exchange::move_file(tmp.write("OQSmuhvq02res_202506140004.xml",
                                  std::string(std::istreambuf_iterator<char>(in), {})),
                        e.share.res());
    // Answers are read only for requests we wrote (onshi_request_name): as if we had.
    e.conn->exec(
        "INSERT INTO onshi_request_name (hospnum, name) VALUES (1, "
        "'OQSmuhvq02req_202506140004.xml')");
    e.import_all();
    CPPUNIT_ASSERT_EQUAL(std::string("124:linked,-:no_patient"),
                         e.q("SELECT string_agg(coalesce(ptid::text, '-') || ':' || link_state, "
                             "',' ORDER BY result_index) FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(std::string("done|2|2"),
                         e.q("SELECT state || '|' || units || '|' || valid FROM onshi_bulk_chunk"));
  }

  void testWithdrawal() {
    HomeVisitEnv e;
    using W = exchange::WithdrawalRefusal;
    auto refusal = [&](long long ptid) {
      try {
        exchange::queue_consent_withdrawal(*e.conn, 1, ptid, std::nullopt, "doctor1");
      } catch (const exchange::ConsentWithdrawalRefused& x) {
        return x.reason();
      }
      CPPUNIT_FAIL("queued");
      return W::invalid_data;
    };
    CPPUNIT_ASSERT(refusal(124) == W::not_used);
    e.use(true, false);
    CPPUNIT_ASSERT(refusal(199) == W::test_patient);
    CPPUNIT_ASSERT(refusal(106) == W::no_insurance);
    CPPUNIT_ASSERT(refusal(999999) == W::no_patient);
    const exchange::QueuedWithdrawal w =
        exchange::queue_consent_withdrawal(*e.conn, 1, 124, std::nullopt, "doctor1");
    CPPUNIT_ASSERT(refusal(124) == W::busy);
    const std::string req = e.send();
    CPPUNIT_ASSERT_MESSAGE(req,
                           req.find("<InsuredIdentificationNumber>1001<") != std::string::npos);
    CPPUNIT_ASSERT(req.find("<MedicalTreatmentFlag>2</MedicalTreatmentFlag>") != std::string::npos);
    e.answer();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(e.sim_log.str(), std::string("done"),
                                 e.q("SELECT state FROM onshi_consent_withdrawal WHERE "
                                     "withdrawal_id = " +
                                     std::to_string(w.withdrawal_id)));
    // Withdrawn at the terminal: a second withdrawal is refused there, with its message.
    exchange::queue_consent_withdrawal(*e.conn, 1, 124, std::nullopt, "doctor1");
    e.pump(1);
    CPPUNIT_ASSERT(e.q("SELECT state || ' ' || error FROM onshi_consent_withdrawal ORDER BY "
                       "withdrawal_id DESC LIMIT 1")
                       .rfind("failed ProcessingResultStatus 2", 0) == 0);
    // ... and kenichi is no longer among the consented.
    exchange::queue_consented_bulk(*e.conn, 1, {"homevisit", "consent", days_ago(1), local_date8()},
                                   exchange::BulkTrigger::admin, "tester");
    e.pump(5);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_confirmation"));
    // Every step audited (kind consent): 4 refusals (the unknown patient is not), 2 requests,
    // 2 answers.
    CPPUNIT_ASSERT_EQUAL(std::string("receive 2, refused 4, request 2"),
                         e.q("SELECT string_agg(action || ' ' || n, ', ' ORDER BY action) FROM "
                             "(SELECT action, count(*) n FROM onshi_audit WHERE info_kind = "
                             "'consent' GROUP BY action) a"));
  }

  void testTreatmentFlagFromVisitType() {
    HomeVisitEnv e;
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, true)");
    sim::CheckIn c = e.responder.check_in("taro");  // drug consent
    TempDir tmp;
    exchange::move_file(tmp.write(c.file_name, c.bytes), e.share.face());
    exchange::ImportOptions o;
    o.quarantine_dir = e.quarantine.path();
    for (const std::string& p : FlowEnv::files(e.share.face()))
      exchange::import_file(*e.conn, e.facility, p, exchange::Folder::face, o);
    using exchange::MedicalInfoKind;
    auto visit_refused = [&](const std::string& visit) -> std::optional<bool> {
      try {
        exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1", "", "",
                                     nullptr, "", visit);
      } catch (const exchange::MedicalVisitRefused& x) {
        return x.unknown();
      }
      return std::nullopt;
    };
    CPPUNIT_ASSERT(visit_refused("homevisit") == std::optional<bool>(false));
    CPPUNIT_ASSERT(visit_refused("3") == std::optional<bool>(false));
    CPPUNIT_ASSERT(visit_refused("5") == std::optional<bool>(true));
    CPPUNIT_ASSERT(visit_refused("inpatient") == std::optional<bool>(true));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM onshi_job WHERE kind = 'YZKsiquc01req'"));
    // Outpatient by default, emergency without a setting, home visit once the facility does.
    CPPUNIT_ASSERT(!visit_refused(""));
    CPPUNIT_ASSERT(e.send().find("<MedicalTreatmentFlag>1</MedicalTreatmentFlag>") !=
                   std::string::npos);
    e.answer();
    CPPUNIT_ASSERT(!visit_refused("emergency"));
    CPPUNIT_ASSERT(e.send().find("<MedicalTreatmentFlag>4</MedicalTreatmentFlag>") !=
                   std::string::npos);
    e.answer();
    e.use(true, false);
    CPPUNIT_ASSERT(!visit_refused("homevisit"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_audit WHERE detail "
                                               "LIKE 'queued request % as homevisit'"));
    CPPUNIT_ASSERT(e.send().find("<MedicalTreatmentFlag>2</MedicalTreatmentFlag>") !=
                   std::string::npos);
  }

  /// The single checks of home-visit (OQSsihvq01req, flag 2) and online care (OQSsionq01req,
  /// flag 3): refused unless the facility uses the care, sent with the card, answered by the
  /// simulator with the consents the person gave for that care, stored and linked like the
  /// office check's results, and polled like them.
  void testSingleChecks() {
    HomeVisitEnv e;
    using R = exchange::EnqueueError::Reason;
    const std::string today = local_date8();
    auto refused = [&](long long ptid, const std::string& visit) -> std::optional<R> {
      try {
        exchange::queue_qualification_check(*e.conn, 1, ptid, std::nullopt, today, "tester",
                                            std::nullopt, visit);
      } catch (const exchange::EnqueueError& x) {
        return x.reason();
      }
      return std::nullopt;
    };
    CPPUNIT_ASSERT(refused(124, "homevisit") == R::not_used);
    CPPUNIT_ASSERT(refused(101, "online") == R::not_used);
    CPPUNIT_ASSERT(refused(124, "emergency") == R::bad_argument);
    CPPUNIT_ASSERT(refused(124, "inpatient") == R::bad_argument);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_job"));
    e.use(true, true);
    CPPUNIT_ASSERT(!refused(124, "homevisit"));
    CPPUNIT_ASSERT(!refused(124, "2"));  // the same values again: the same job
    CPPUNIT_ASSERT(!refused(101, "online"));
    CPPUNIT_ASSERT(!refused(101, ""));  // the office check stays its own job
    CPPUNIT_ASSERT_EQUAL(
        std::string("OQSsihvq01req:124:2,OQSsionq01req:101:3,OQSsiquc01req:101:-"),
        e.q("SELECT string_agg(kind || ':' || ptid || ':' || coalesce(payload->>'treatment_flag', "
            "'-'), ',' ORDER BY job_id) FROM onshi_job"));
    const std::string sent = e.send();
    CPPUNIT_ASSERT_MESSAGE(
        sent, sent.find("<MedicalTreatmentFlag>2</MedicalTreatmentFlag>") != std::string::npos);
    CPPUNIT_ASSERT(sent.find("<MedicalTreatmentFlag>3</MedicalTreatmentFlag>") !=
                   std::string::npos);
    CPPUNIT_ASSERT(sent.find("<InsuredIdentificationNumber>1001</InsuredIdentificationNumber>") !=
                   std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsihvq01req_,OQSsionq01req_,OQSsiquc01req_"),
                         e.q("SELECT string_agg(left(request_file, 14), ',' ORDER BY job_id) "
                             "FROM onshi_job"));
    e.answer();
    // Stored as single results of their own kind, linked to the job's patient; kenichi's
    // home-visit consent to view his drug information came with it, taro gave none for online
    // care (examined online, not consented).
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        e.sim_log.str(),
        std::string("OQSsihvq01res:single:124:linked:1,OQSsionq01res:single:101:linked:0,"
                    "OQSsiquc01res:single:101:linked:-"),
        e.q("SELECT string_agg(c.kind || ':' || c.source || ':' || c.ptid || ':' || c.link_state "
            "|| ':' || coalesce((SELECT flag FROM onshi_consent s WHERE s.confirmation_id = "
            "c.confirmation_id AND s.consent_type = 'pharmacists'), '-'), ',' ORDER BY c.job_id) "
            "FROM onshi_confirmation c"));
    CPPUNIT_ASSERT_EQUAL(std::string("answered"),
                         e.q("SELECT string_agg(DISTINCT state, ',') FROM onshi_job WHERE kind "
                             "IN ('OQSsihvq01req', 'OQSsionq01req', 'OQSsiquc01req')"));
    // The registration screen's poll finds them like the office check.
    const std::optional<long long> job = store::latest_qualification_job(*e.conn, 1, 124);
    CPPUNIT_ASSERT(job);
    const std::optional<store::QualificationJobState> st =
        store::qualification_job_state(*e.conn, 1, *job);
    CPPUNIT_ASSERT(st && st->first_confirmation_id);
    // Switched off before sending: the job fails with the reason.
    exchange::queue_qualification_check(*e.conn, 1, 124, std::nullopt, days_ago(-1), "tester",
                                        std::nullopt, "homevisit");
    e.use(false, true);
    e.send();
    CPPUNIT_ASSERT(e.q("SELECT last_error FROM onshi_job WHERE state = 'failed'")
                       .find("does not use home-visit care") != std::string::npos);
  }

  /// A completed withdrawal bars the patient's home-visit requests (drug information, single
  /// checks; the office's stay allowed) until a newer consent arrives in a consented-information
  /// bulk; one queued before is refused when it would be sent.
  void testWithdrawalBlocksHomeVisitRequests() {
    HomeVisitEnv e;
    e.use(true, false);
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, true)");
    using exchange::MedicalInfoKind;
    const std::string today = local_date8();
    auto drug = [&](const std::string& visit) -> std::optional<exchange::MedicalRefusal> {
      try {
        exchange::queue_medical_info(*e.conn, 1, 124, MedicalInfoKind::drug, "doctor1", "", "",
                                     nullptr, "", visit);
      } catch (const exchange::MedicalInfoRefused& x) {
        return x.access().refusal;
      }
      return std::nullopt;
    };
    auto check = [&](const std::string& visit) -> std::optional<exchange::EnqueueError::Reason> {
      try {
        exchange::queue_qualification_check(*e.conn, 1, 124, std::nullopt, today, "tester",
                                            std::nullopt, visit);
      } catch (const exchange::EnqueueError& x) {
        return x.reason();
      }
      return std::nullopt;
    };
    // The home-visit check brings kenichi's consent to view his drug information.
    CPPUNIT_ASSERT(!check("homevisit"));
    e.pump(1);
    CPPUNIT_ASSERT(!store::withdrawal_in_force(*e.conn, 1, 124));
    // Withdrawn (a home-visit drug request queued while it is on its way).
    exchange::queue_consent_withdrawal(*e.conn, 1, 124, std::nullopt, "doctor1");
    e.send();
    CPPUNIT_ASSERT(!drug("homevisit"));
    e.answer();
    CPPUNIT_ASSERT(store::withdrawal_in_force(*e.conn, 1, 124));
    e.send();
    CPPUNIT_ASSERT_EQUAL(std::string("failed"),
                         e.q("SELECT state FROM onshi_job WHERE kind = 'YZKsiquc01req'"));
    CPPUNIT_ASSERT(
        e.q("SELECT last_error FROM onshi_job WHERE kind = 'YZKsiquc01req'").find("withdrawn") !=
        std::string::npos);
    using R = exchange::EnqueueError::Reason;
    CPPUNIT_ASSERT(drug("homevisit") == exchange::MedicalRefusal::consent_withdrawn);
    CPPUNIT_ASSERT(check("homevisit") == R::consent_withdrawn);
    CPPUNIT_ASSERT(!drug(""));  // the office's requests are not barred
    CPPUNIT_ASSERT(!check(""));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'drug' AND "
                             "detail = 'refused: consent withdrawn'"));
    // A consented-information bulk showing the consent as it was before: still barred.
    TempDir tmp;
    auto deliver = [&](const std::string& id, const std::string& reception,
                       const std::string& consent_time, const std::string& until) {
      const exchange::BulkStart b =
          exchange::queue_consented_bulk(*e.conn, 1, {"homevisit", "consent", days_ago(3), today},
                                         exchange::BulkTrigger::admin, "tester");
      e.conn->exec("UPDATE onshi_job SET state = 'answered' WHERE job_id = " +
                   std::to_string(b.first_job_id));
      e.conn->exec("UPDATE onshi_bulk_chunk SET state = 'waiting', reception_number = '" +
                   reception + "' WHERE batch_id = " + std::to_string(b.batch_id));
      std::ifstream in(source_file("tests/fixtures/homevisit/res/OQSmuhvq02res_202506140004.xml"),
                       std::ios::binary);
      std::string xml(std::istreambuf_iterator<char>(in), {});
      for (auto [from, to] :
           {std::pair<std::string, std::string>{"20250614090001456_8101", reception},
            {"20250610100000", consent_time},
            {"20251210235959", until}})
        xml.replace(xml.find(from), from.size(), to);
      exchange::move_file(tmp.write("OQSmuhvq02res_" + id + ".xml", xml), e.share.res());
      e.conn->exec("INSERT INTO onshi_request_name (hospnum, name) VALUES (1, 'OQSmuhvq02req_" +
                   id + ".xml')");
      e.import_all();
    };
    deliver("202506140101", "R-0101", "20250610100000", "20251210235959");
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_confirmation WHERE kind = "
                             "'OQSmuhvq02res' AND ptid = 124"));
    CPPUNIT_ASSERT(check("homevisit") == R::consent_withdrawn);
    // One with a consent given after the withdrawal: allowed again.
    deliver("202506140102", "R-0102",
            e.q("SELECT to_char(localtimestamp + interval '1 minute', 'YYYYMMDDHH24MISS')"),
            e.q("SELECT to_char(localtimestamp + interval '1 day', 'YYYYMMDDHH24MISS')"));
    CPPUNIT_ASSERT(!store::withdrawal_in_force(*e.conn, 1, 124));
    CPPUNIT_ASSERT(!check("homevisit"));
    CPPUNIT_ASSERT(!drug("homevisit"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HomeVisitTest);

}  // namespace onshi::test
