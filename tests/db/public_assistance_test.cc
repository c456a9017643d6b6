// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Public assistance (医療扶助; verification system manual chapter 6): a patient whose only
// coverage is public assistance asked about by payer and recipient numbers (single check and
// bulk pre-check), the medical tickets and the states staff see (未委託, 不整合あり), the
// issue number copied into tbl_monthlynum as ORCA's KOFUTNK does (only with the facility
// setting), and the bulk retrieval of entrusted qualification information (OQSmutic) through
// the simulator; a public-assistance result applied to the host as ORCA's registration writes it
// (kohnum 012 public-expense row and its combination, undo the same day) and a new patient
// created from one. The sample patient 106 (架空 六子) has tbl_ptkohinf kohnum 012, payer 12139999,
// recipient 1234567 and no health insurance; the scenario's person "mutsuko" is the same.
#include "store/public_assistance.h"

#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>

#include <algorithm>
#include <sstream>

#include "admin/apply_command.h"
#include "admin/inspect.h"
#include "admin/pubassist_command.h"
#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"
#include "exchange/bulk_check.h"
#include "exchange/importer.h"
#include "exchange/insurance_apply.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "host/patient_registration.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"
#include "support/fixtures.h"

namespace onshi::test {
namespace {

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != ".." && n[0] != '.') out.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Env {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share_dir;
  TempDir quarantine;
  exchange::ShareLayout share{share_dir.path()};
  db::FacilitySettings facility;
  sim::Scenario scenario = sim::load_scenario(source_file("tests/sim/scenario-demo.json"));

  Env() {
    for (const std::string& d : {share.req(), share.res(), share.face()})
      exchange::ensure_directory(d);
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.root;
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
    scenario.settings.delay_ms = 0;
    scenario.settings.still_processing = 0;
  }
  std::string q(const std::string& sql) { return scalar(*conn, sql); }
  exchange::QueuePass run() { return exchange::run_queue(*conn, facility); }
  void make_due() {
    conn->exec(
        "UPDATE onshi_job SET next_attempt_at = now() - interval '1 second' "
        "WHERE state = 'pending'");
  }
  void import_all() {
    exchange::ImportOptions o;
    o.quarantine_dir = quarantine.path();
    for (const std::string& n : names_in(share.res())) {
      exchange::ImportOutcome out =
          exchange::import_file(*conn, facility, share.res() + "/" + n, exchange::Folder::res, o);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(n + ": " + out.detail, std::string("imported"),
                                   std::string(exchange::import_state_name(out.state)));
    }
  }
  sim::Person& mutsuko() {
    for (sim::Person& p : scenario.people)
      if (p.id == "mutsuko") return p;
    CPPUNIT_FAIL("no mutsuko in the scenario");
    return scenario.people.front();
  }
  /// A check of 106 today, answered by the simulator and imported; @return the confirmation id.
  std::string check_and_answer() {
    exchange::queue_qualification_check(*conn, 1, 106, std::nullopt, local_date8(), "t");
    CPPUNIT_ASSERT_EQUAL(1, run().sent);
    sim::Responder responder(scenario);
    std::ostringstream log;
    sim::Terminal terminal(responder, {share.root, 0, 50}, log);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
    import_all();
    return q("SELECT max(confirmation_id) FROM onshi_confirmation WHERE ptid = 106");
  }
};

std::string ticket_line(const store::MedicalTicket& t) {
  return t.ticket_type + "|" + t.issue_number + "|" + t.treatment_month + "|" + t.treatment_type +
         "|" + t.social_insurance + "|" + t.consistency;
}

}  // namespace

class PublicAssistanceTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PublicAssistanceTest);
  CPPUNIT_TEST(testCheckByPublicAssistanceOnly);
  CPPUNIT_TEST(testTicketsAndStates);
  CPPUNIT_TEST(testIssueNumberCopiedOnlyWithTheSetting);
  CPPUNIT_TEST(testBulkPrecheckAsksByPublicAssistance);
  CPPUNIT_TEST(testEntrustedRetrieval);
  CPPUNIT_TEST(testAdminCommand);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCheckByPublicAssistanceOnly() {
    Env e;
    const long long job =
        exchange::queue_qualification_check(*e.conn, 1, 106, std::nullopt, "20250613", "t");
    // Payer as the insurer number, recipient as the number; no symbol, no insurance row.
    CPPUNIT_ASSERT_EQUAL(std::string("12139999|1234567|-|NULL"),
                         e.q("SELECT (payload->>'insurer_number') || '|' || "
                             "(payload->>'number') || '|' || coalesce(payload->>'symbol', '-') "
                             "|| '|' || coalesce(hknid::text, 'NULL') FROM onshi_job "
                             "WHERE job_id = " +
                             std::to_string(job)));
    // The same row by id, and a row that is not public assistance refused.
    CPPUNIT_ASSERT_EQUAL(job, exchange::queue_qualification_check(*e.conn, 1, 106, std::nullopt,
                                                                  "20250613", "t", 1));
    CPPUNIT_ASSERT_THROW(
        exchange::queue_qualification_check(*e.conn, 1, 106, std::nullopt, "20250613", "t", 9),
        exchange::EnqueueError);
    // Outside the row's period there is nothing to ask by.
    CPPUNIT_ASSERT_THROW(
        exchange::queue_qualification_check(*e.conn, 1, 106, std::nullopt, "20250101", "t"),
        exchange::EnqueueError);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    const std::vector<std::string> req = names_in(e.share.req());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), req.size());
    const std::string bytes = read_all(e.share.req() + "/" + req[0]);
    CPPUNIT_ASSERT(bytes.find("<InsurerNumber>12139999</InsurerNumber>") != std::string::npos);
    CPPUNIT_ASSERT(bytes.find("<InsuredIdentificationNumber>1234567<") != std::string::npos);
    CPPUNIT_ASSERT(bytes.find("InsuredCardSymbol") == std::string::npos);
  }

  void testTicketsAndStates() {
    Env e;
    const std::string id = e.check_and_answer();
    CPPUNIT_ASSERT_EQUAL(
        std::string("A1|6|linked|request"),
        e.q("SELECT card_classification || '|' || validity || '|' || link_state "
            "|| '|' || linked_by FROM onshi_confirmation WHERE confirmation_id = " +
            id));
    const long long cid = std::stoll(id);
    std::vector<store::MedicalTicket> t = store::medical_tickets(*e.conn, 1, cid);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), t.size());
    CPPUNIT_ASSERT_EQUAL(std::string("01|0012345|202506|02|02|"), ticket_line(t[0]));
    CPPUNIT_ASSERT_EQUAL(std::string("tickets"), store::assistance_state(t));
    // 不整合あり: a ticket's ConsistencyFlag 1.
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET detail = detail || '{\"ConsistencyFlag\": \"1\"}' "
        "WHERE confirmation_id = " +
        id);
    CPPUNIT_ASSERT_EQUAL(std::string("inconsistent"),
                         store::assistance_state(store::medical_tickets(*e.conn, 1, cid)));
    // 未委託: no ticket at all.
    e.conn->exec("DELETE FROM onshi_certificate_detail WHERE confirmation_id = " + id);
    CPPUNIT_ASSERT_EQUAL(std::string("not_entrusted"),
                         store::assistance_state(store::medical_tickets(*e.conn, 1, cid)));
    // Another facility sees none.
    CPPUNIT_ASSERT(store::medical_tickets(*e.conn, 2, cid).empty());
  }

  void testIssueNumberCopiedOnlyWithTheSetting() {
    Env e;
    e.mutsuko().validity = "1";  // a definite result updates the host
    e.check_and_answer();
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM tbl_monthlynum"));
    CPPUNIT_ASSERT_EQUAL(std::string(local_date8()),
                         e.q("SELECT kakuninymd FROM tbl_ptkohinf WHERE ptid = 106"));

    CPPUNIT_ASSERT(store::set_copy_issue_number(*e.conn, 1, true));
    e.conn->exec("UPDATE onshi_job SET state = 'answered'");
    const std::string id = e.check_and_answer();
    // As ORCGP029 23012: kohid of the 012 row, the ticket's month, 2 = outpatient (02).
    CPPUNIT_ASSERT_EQUAL(std::string("012|1|202506|2|1234567|0012345|ONSHI"),
                         e.q("SELECT kohnum || '|' || kohid || '|' || sryym || '|' || nyugaikbn "
                             "|| '|' || btrim(jkysnum) || '|' || btrim(kofunum) || '|' || opid "
                             "FROM tbl_monthlynum WHERE hospnum = 1 AND ptid = 106"));
    CPPUNIT_ASSERT_EQUAL(std::string("inserted"),
                         e.q("SELECT host_updates->'issue_numbers'->0->>'outcome' FROM "
                             "onshi_confirmation WHERE confirmation_id = " +
                             id));
    const std::optional<store::AssistanceView> v =
        store::assistance_view(*e.conn, 1, std::stoll(id));
    CPPUNIT_ASSERT(v && v->issue_numbers_copied);
    // The same ticket again changes nothing.
    e.conn->exec("UPDATE onshi_job SET state = 'answered'");
    const std::string again = e.check_and_answer();
    CPPUNIT_ASSERT_EQUAL(std::string("unchanged"),
                         e.q("SELECT host_updates->'issue_numbers'->0->>'outcome' FROM "
                             "onshi_confirmation WHERE confirmation_id = " +
                             again));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM tbl_monthlynum"));
    // A host without ORCA's 2024-01 column: nothing written, the reason recorded.
    e.conn->exec("ALTER TABLE tbl_monthlynum DROP COLUMN kofunum");
    e.conn->exec("UPDATE onshi_job SET state = 'answered'");
    const std::string old = e.check_and_answer();
    CPPUNIT_ASSERT_EQUAL(std::string("no_column"),
                         e.q("SELECT host_updates->>'issue_numbers_skipped' FROM "
                             "onshi_confirmation WHERE confirmation_id = " +
                             old));
  }

  void testBulkPrecheckAsksByPublicAssistance() {
    Env e;
    e.conn->exec("DELETE FROM tbl_yyk WHERE hospnum = 1");
    e.conn->exec(
        "INSERT INTO tbl_yyk (hospnum, srynaiyo, drcd, yykymd, keyyyktime, yykid, yykmaxcnt, "
        "  yykcnt, yyktime, ptid, name, sryka, yykkbn, kakren, raiinzumi) "
        "VALUES (1, '01', '10001', '20250613', 900, 0, 10, 1, 0, 0, '', '', '', '', ' '), "
        "       (1, '01', '10001', '20250613', 900, 1, 0, 0, 915, 106, '', '01', '01', '  ', ' ')");
    const exchange::BulkStart b =
        exchange::queue_bulk_precheck(*e.conn, 1, "20250613", exchange::BulkTrigger::admin, "t");
    CPPUNIT_ASSERT_EQUAL(1, b.patients);
    CPPUNIT_ASSERT_EQUAL(0, b.skipped_no_insurance);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    const std::vector<std::string> req = names_in(e.share.req());
    const std::string bytes = read_all(e.share.req() + "/" + req[0]);
    const std::string ptnum = e.q("SELECT btrim(ptnum) FROM tbl_ptnum WHERE ptid = 106");
    CPPUNIT_ASSERT(bytes.find("<ArbitraryIdentifier>" + ptnum + "_K1<") != std::string::npos);
    CPPUNIT_ASSERT(bytes.find("<InsurerNumber>12139999<") != std::string::npos);
    // Answered and imported: the unit is 106's confirmation.
    e.scenario.settings.still_processing = 0;
    e.conn->exec("UPDATE onshi_facility SET bulk_poll_s = 1");
    sim::Responder responder(e.scenario);
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
    e.import_all();
    e.make_due();
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
    e.import_all();
    CPPUNIT_ASSERT_EQUAL(std::string("bulk|A1|106"),
                         e.q("SELECT source || '|' || card_classification || '|' || ptid FROM "
                             "onshi_confirmation"));
  }

  void testEntrustedRetrieval() {
    Env e;
    e.conn->exec("UPDATE onshi_facility SET bulk_poll_s = 1");
    CPPUNIT_ASSERT_THROW(exchange::queue_ticket_fetch(*e.conn, 1, "202513", "t"), Error);
    const exchange::TicketFetchStart s = exchange::queue_ticket_fetch(*e.conn, 1, "202506", "t");
    const std::string id = std::to_string(s.fetch_id);
    e.scenario.settings.still_processing = 1;
    sim::Responder responder(e.scenario);
    std::ostringstream log;
    sim::Terminal terminal(responder, {e.share.root, 0, 50}, log);
    CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
    const std::vector<std::string> req = names_in(e.share.req());
    CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(req[0].rfind("OQSmutic01req_", 0)));
    CPPUNIT_ASSERT(read_all(e.share.req() + "/" + req[0])
                       .find("<MedicalTreatmentMonth>202506</MedicalTreatmentMonth>") !=
                   std::string::npos);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
    e.import_all();  // 01res: the reception number
    CPPUNIT_ASSERT_EQUAL(std::string("waiting|1"),
                         e.q("SELECT state || '|' || (reception_number <> '')::int FROM "
                             "onshi_ticket_fetch WHERE fetch_id = " +
                             id));
    for (int poll = 1; poll <= 2; ++poll) {  // "still processing", then the final result
      e.make_due();
      CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), terminal.run_once());
      e.import_all();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("done|1|1|1|1"),
                         e.q("SELECT state || '|' || units || '|' || linked || '|' || tickets || "
                             "'|' || polls FROM onshi_ticket_fetch WHERE fetch_id = " +
                             id));
    CPPUNIT_ASSERT_EQUAL(std::string("entrusted|A1|106|0012345"),
                         e.q("SELECT c.source || '|' || c.card_classification || '|' || c.ptid "
                             "|| '|' || (d.detail->>'IssueNumber') FROM onshi_confirmation c "
                             "JOIN onshi_certificate_detail d USING (confirmation_id)"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_job WHERE state "
                                               "IN ('pending', 'sent')"));
    // Another month: nobody holds a ticket for it; done with no persons.
    const exchange::TicketFetchStart none = exchange::queue_ticket_fetch(*e.conn, 1, "202507", "t");
    e.scenario.settings.still_processing = 0;
    sim::Responder r2(e.scenario);
    sim::Terminal t2(r2, {e.share.root, 0, 50}, log);
    for (int step = 0; step < 2; ++step) {
      e.make_due();
      CPPUNIT_ASSERT_EQUAL(1, e.run().sent);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(log.str(), std::size_t(1), t2.run_once());
      e.import_all();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("done|0"),
                         e.q("SELECT state || '|' || units FROM onshi_ticket_fetch WHERE "
                             "fetch_id = " +
                             std::to_string(none.fetch_id)));
  }

  void testAdminCommand() {
    Env e;
    const std::string db = e.tdb.conninfo();
    std::ostringstream out, err;
    CPPUNIT_ASSERT_EQUAL(
        0, admin::run_pubassist(
               {"setting", "--hospnum", "1", "--copy-issue-number", "yes", "-d", db}, out, err));
    CPPUNIT_ASSERT(store::copy_issue_number_setting(*e.conn, 1));
    CPPUNIT_ASSERT_EQUAL(
        64, admin::run_pubassist(
                {"setting", "--hospnum", "1", "--copy-issue-number", "maybe", "-d", db}, out, err));
    e.check_and_answer();
    std::ostringstream show, err2;
    const std::string ptnum = e.q("SELECT btrim(ptnum) FROM tbl_ptnum WHERE ptid = 106");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err2.str(), 0,
        admin::run_pubassist({"show", "--hospnum", "1", "--patient", ptnum, "-d", db}, show, err2));
    CPPUNIT_ASSERT_MESSAGE(show.str(),
                           show.str().find("issue number 0012345") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(show.str(), show.str().find("payer 12139999") != std::string::npos);
    std::ostringstream f, err3;
    CPPUNIT_ASSERT_EQUAL(
        0,
        admin::run_pubassist({"fetch", "--hospnum", "1", "--month", "202506", "-d", db}, f, err3));
    CPPUNIT_ASSERT_EQUAL(
        64,
        admin::run_pubassist({"fetch", "--hospnum", "1", "--month", "2025-06", "-d", db}, f, err3));
    std::ostringstream list, err4;
    CPPUNIT_ASSERT_EQUAL(0,
                         admin::run_pubassist({"fetches", "--hospnum", "1", "-d", db}, list, err4));
    CPPUNIT_ASSERT_MESSAGE(list.str(), list.str().find("month 202506") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublicAssistanceTest);

/// `onshi-admin apply RESULT pubassist` / ins_apply mode pubassist (exchange/insurance_apply.h,
/// host/public_assistance_apply.h): the simulator answers 106 (mutsuko, card class A1, payer
/// 12139999, recipient 1234567, QualificationDate 20250301) with this month's medical ticket, as
/// the seed population's public-assistance patients are answered.
class PublicAssistanceApplyTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PublicAssistanceApplyTest);
  CPPUNIT_TEST(testAddedRowAndCombinationAndUndo);
  CPPUNIT_TEST(testCombinationsWithAMainInsurance);
  CPPUNIT_TEST(testCoveringRowAndEndDateUpdate);
  CPPUNIT_TEST(testRefusalsWriteNothing);
  CPPUNIT_TEST(testAdminCommand);
  CPPUNIT_TEST(testNewPatient);
  CPPUNIT_TEST_SUITE_END();

  /// The patient's host rows an apply touches, as the server prints them.
  static std::string dump(Env& e, long long ptid = 106) {
    std::string out;
    for (const char* t :
         {"tbl_ptnum", "tbl_pthkninf", "tbl_pthknrrk", "tbl_hkncombi", "tbl_ptkohinf"})
      out += std::string(t) + ":" +
             e.q(std::string("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') "
                             "FROM ") +
                 t + " t WHERE hospnum = 1 AND ptid = " + std::to_string(ptid)) +
             "\n";
    return out;
  }

  /// mutsuko's medical ticket valid this month (the scenario's is of 202506).
  static void ticket_this_month(Env& e) {
    const std::string month = local_date8().substr(0, 6);
    model::MedicalTicketInfo& t = e.mutsuko().card.PublicExpenseResultList->MedicalTicketInfo[0];
    t.MedicalTicketValidDate = month + "01";
    t.MedicalTicketExpirationDate = month + "28";
    t.MedicalTreatmentMonth = month;
  }

  /// 106 answered with this month's ticket; then the host forgets its public-expense row.
  static long long answered_without_row(Env& e) {
    ticket_this_month(e);
    const long long id = std::stoll(e.check_and_answer());
    e.conn->exec("DELETE FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 106");
    e.conn->exec("DELETE FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106");
    return id;
  }

  static std::string kohinf(Env& e, long long ptid = 106) {
    return e.q(
        "SELECT string_agg(concat_ws('|', kohid, kohnum, paykbn, rtrim(ftnjanum), rtrim(jkysnum), "
        "tekstymd, tekedymd, '[' || (to_jsonb(k) ->> 'kakuninymd') || ']', "
        "'[' || (to_jsonb(k) ->> 'sakjokbn') || ']', opid, creymd), '/' "
        "ORDER BY kohid) FROM tbl_ptkohinf k WHERE hospnum = 1 AND ptid = " +
        std::to_string(ptid));
  }

  static std::string combis(Env& e, long long ptid = 106) {
    return e.q(
        "SELECT string_agg(concat_ws('|', hkncombinum, hknid, '[' || (to_jsonb(c) ->> 'hknnum') "
        "|| ']', koh1id, koh1hknnum, koh1paykbn, tekstymd, tekedymd, koh1_tanseidoname, "
        "koh1_hknkohsbtkbn, '[' || (to_jsonb(c) ->> 'delkbn') || ']'), '/' ORDER BY hkncombinum) "
        "FROM tbl_hkncombi c "
        "WHERE hospnum = 1 AND ptid = " +
        std::to_string(ptid));
  }

  /// Columns holding NULL in the patient's public-expense and combination rows (ORCA never
  /// writes one).
  static std::string nulls(Env& e, long long ptid = 106) {
    return e.q(
        "SELECT count(*) FROM (SELECT to_jsonb(k) AS j FROM tbl_ptkohinf k WHERE hospnum = 1 "
        "AND ptid = " +
        std::to_string(ptid) +
        " UNION ALL SELECT to_jsonb(c) FROM tbl_hkncombi c WHERE hospnum = 1 AND ptid = " +
        std::to_string(ptid) + ") r, jsonb_each(r.j) f WHERE f.value = 'null'::jsonb");
  }

  static exchange::ApplyRefusal refusal(Env& e, long long id, const std::string& mode) {
    try {
      exchange::apply_insurance(*e.conn, 1, id, mode, "clerk1", 106);
    } catch (const exchange::ApplyRefused& x) {
      return x.reason();
    }
    CPPUNIT_FAIL("applied");
    return exchange::ApplyRefusal::bad_mode;
  }

 public:
  void testAddedRowAndCombinationAndUndo() {
    Env e;
    const long long id = answered_without_row(e);
    const std::string before = dump(e);
    const std::string today = local_date8();
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "pubassist", "clerk1", 106);
    CPPUNIT_ASSERT_EQUAL(std::string("added"), a.assistance);
    CPPUNIT_ASSERT_EQUAL(2LL, a.kohid);  // tbl_ptnum.kohid (1) + 1
    // kohnum 012, payer and recipient as returned, from the qualification's start, open end;
    // the confirmation date left blank as ORCA's registration adds it.
    CPPUNIT_ASSERT_EQUAL(
        "2|012|01|12139999|1234567|20250301|99999999|[        ]|[ ]|clerk1|" + today, kohinf(e));
    // The public expense alone (生保単独: no insurance), numbered autocombinum + 1.
    CPPUNIT_ASSERT_EQUAL(std::string("2|0|[   ]|2|012|01|20250301|99999999|生保|2|[ ]"), combis(e));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), a.assistance_combinations);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), nulls(e));
    CPPUNIT_ASSERT_EQUAL(std::string("0|2|2"),
                         e.q("SELECT concat_ws('|', hknid, kohid, autocombinum) FROM tbl_ptnum "
                             "WHERE hospnum = 1 AND ptid = 106"));
    CPPUNIT_ASSERT_EQUAL(std::string("applied|pubassist"),
                         e.q("SELECT resolution || '|' || resolution_note FROM onshi_confirmation "
                             "WHERE confirmation_id = " +
                             std::to_string(id)));
    CPPUNIT_ASSERT_EQUAL(std::string("apply|pubassist|t|t"),
                         e.q("SELECT concat_ws('|', action, apply_mode, before_image ? "
                             "'tbl_ptkohinf', after_image ? 'tbl_hkncombi') FROM onshi_audit "
                             "WHERE audit_id = " +
                             std::to_string(a.audit_id)));
    CPPUNIT_ASSERT(exchange::ApplyRefusal::already_applied == refusal(e, id, "pubassist"));
    // Undo the same day: the rows exactly as before.
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    // Applied again after the undo: the same rows.
    exchange::apply_insurance(*e.conn, 1, id, "pubassist", "doctor1", 106);
    CPPUNIT_ASSERT_EQUAL(std::string("2|0|[   ]|2|012|01|20250301|99999999|生保|2|[ ]"), combis(e));
  }

  void testCombinationsWithAMainInsurance() {
    Env e;
    const long long id = answered_without_row(e);
    // A health insurance from 20260101 to 20261231 (医療扶助 併用): the public expense with it
    // for those days, alone before and after.
    e.conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, hihknjaname, "
        "  honkzkkbn, hojokbn, contkbn, kigo, num, skkgetymd, tekstymd, tekedymd, kakuninymd, "
        "  sakjokbn, termid, opid, creymd, upymd, uphms, edaban) VALUES (1, 106, 1, '006', "
        "  '06139999', '', '1', '7', '', '１', '２', '20260101', '20260101', '20261231', '', ' ', "
        "  '', 'x', '20260101', '20260101', '090000', '')");
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "pubassist", "clerk1", 106);
    CPPUNIT_ASSERT_EQUAL(std::string("2,3,4"), a.assistance_combinations);
    CPPUNIT_ASSERT_EQUAL(std::string("2|0|[   ]|2|012|01|20250301|20251231|生保|2|[ ]/"
                                     "3|1|[006]|2|012|01|20260101|20261231|生保|2|[ ]/"
                                     "4|0|[   ]|2|012|01|20270101|99999999|生保|2|[ ]"),
                         combis(e));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), nulls(e));
  }

  void testCoveringRowAndEndDateUpdate() {
    Env e;
    ticket_this_month(e);
    const long long id = std::stoll(e.check_and_answer());
    // The registered row (20250301-99999999) covers the returned period: nothing to do.
    const std::string before = dump(e);
    CPPUNIT_ASSERT(exchange::ApplyRefusal::already_registered == refusal(e, id, "pubassist"));
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    // Registered until last year's end (another period): its end date updated (公費更新),
    // confirmed today, its combination following; nothing added.
    e.conn->exec("UPDATE tbl_ptkohinf SET tekedymd = '20251231' WHERE hospnum = 1 AND ptid = 106");
    e.conn->exec("UPDATE tbl_hkncombi SET tekedymd = '20251231' WHERE hospnum = 1 AND ptid = 106");
    const std::string combis_before = combis(e);
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "pubassist", "clerk1", 106);
    CPPUNIT_ASSERT_EQUAL(std::string("extended"), a.assistance);
    CPPUNIT_ASSERT_EQUAL(1LL, a.kohid);
    CPPUNIT_ASSERT_EQUAL(std::string("1|99999999|") + local_date8() + "|clerk1",
                         e.q("SELECT concat_ws('|', count(*), max(tekedymd), max(kakuninymd), "
                             "max(opid)) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106"));
    CPPUNIT_ASSERT_EQUAL(std::string("1|99999999"),
                         e.q("SELECT concat_ws('|', count(*), max(tekedymd)) FROM tbl_hkncombi "
                             "WHERE hospnum = 1 AND ptid = 106"));
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(combis_before, combis(e));
  }

  void testRefusalsWriteNothing() {
    Env e;
    const long long id = std::stoll(e.check_and_answer());  // the scenario's ticket: 202506
    e.conn->exec("DELETE FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 106");
    e.conn->exec("DELETE FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106");
    const std::string before = dump(e);
    using R = exchange::ApplyRefusal;
    // ORCA's P033 0021: no insurance actions for 医療扶助.
    for (const char* mode : {"nochange", "change", "add", "limit"})
      CPPUNIT_ASSERT(R::public_assistance == refusal(e, id, mode));
    // Every medical ticket ended: expired.
    CPPUNIT_ASSERT(R::expired == refusal(e, id, "pubassist"));
    const std::string month = local_date8().substr(0, 6);
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET detail = detail || jsonb_build_object("
        "'MedicalTicketExpirationDate', '" +
        month + "28') WHERE confirmation_id = " + std::to_string(id));
    // The qualification lost yesterday: expired.
    e.conn->exec(
        "UPDATE onshi_confirmation SET disqualification_date = to_char(current_date - 1, "
        "'YYYYMMDD') WHERE confirmation_id = " +
        std::to_string(id));
    CPPUNIT_ASSERT(R::expired == refusal(e, id, "pubassist"));
    e.conn->exec(
        "UPDATE onshi_confirmation SET disqualification_date = NULL WHERE "
        "confirmation_id = " +
        std::to_string(id));
    // A payer of no known public-expense kind; no recipient number.
    e.conn->exec(
        "UPDATE onshi_confirmation SET insurer_number = '25139999' WHERE "
        "confirmation_id = " +
        std::to_string(id));
    CPPUNIT_ASSERT(R::bad_insurer == refusal(e, id, "pubassist"));
    e.conn->exec(
        "UPDATE onshi_confirmation SET insurer_number = '12139999', card_number = NULL "
        "WHERE confirmation_id = " +
        std::to_string(id));
    CPPUNIT_ASSERT(R::bad_insurer == refusal(e, id, "pubassist"));
    // Not a public-assistance result.
    e.conn->exec(
        "UPDATE onshi_confirmation SET card_classification = '01', card_number = "
        "'1234567' WHERE confirmation_id = " +
        std::to_string(id));
    CPPUNIT_ASSERT(R::not_assistance == refusal(e, id, "pubassist"));
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_audit WHERE "
                                               "info_kind = 'insurance'"));
    CPPUNIT_ASSERT_EQUAL(std::string("-"),
                         e.q("SELECT coalesce(resolution, '-') FROM onshi_confirmation WHERE "
                             "confirmation_id = " +
                             std::to_string(id)));
  }

  void testAdminCommand() {
    Env e;
    const long long id = answered_without_row(e);
    const std::string db = e.tdb.conninfo();
    const std::string ptnum = e.q("SELECT btrim(ptnum) FROM tbl_ptnum WHERE ptid = 106");
    std::ostringstream out, err;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err.str(), 0,
        admin::run_apply({std::to_string(id), "pubassist", "--hospnum", "1", "--staff", "clerk1",
                          "--patient", ptnum, "-d", db},
                         out, err));
    CPPUNIT_ASSERT_MESSAGE(out.str(), out.str().find("public expense 2") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(
        out.str(), out.str().find("public assistance added, combinations: 2") != std::string::npos);
    std::ostringstream out2, err2;
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused,
                         admin::run_apply({std::to_string(id), "add", "--hospnum", "1", "--staff",
                                           "clerk1", "-d", db},
                                          out2, err2));
    CPPUNIT_ASSERT_MESSAGE(err2.str(), err2.str().find("public_assistance") != std::string::npos);
    const std::string audit =
        e.q("SELECT max(audit_id) FROM onshi_audit WHERE apply_mode = 'pubassist'");
    std::ostringstream out3, err3;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err3.str(), 0,
        admin::run_apply({"undo", audit, "--hospnum", "1", "--staff", "clerk1", "-d", db}, out3,
                         err3));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 106"));
    // The other modes refused with ORCA's reason.
    std::ostringstream out4, err4;
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused,
                         admin::run_apply({std::to_string(id), "nochange", "--hospnum", "1",
                                           "--staff", "clerk1", "-d", db},
                                          out4, err4));
    CPPUNIT_ASSERT_MESSAGE(err4.str(), err4.str().find("public_assistance") != std::string::npos &&
                                           err4.str().find("0021") != std::string::npos);
  }

  void testNewPatient() {
    Env e;
    const std::string today = local_date8(), month = today.substr(0, 6);
    host::PatientFromResult p;
    p.name = "扶助　花子";
    p.kananame = "ﾌｼﾞｮ ﾊﾅｺ";
    p.sex = "2";
    p.birthday = "19600101";
    p.card_class = "A1";
    p.public_assistance = true;
    p.assistance.payer = "12139999";
    p.assistance.recipient = "7654321";
    p.assistance.qualified = "20251101";
    p.assistance.tickets = {{month + "01", month + "28"}};
    host::CreatedPatient made;
    {
      db::Transaction tx(*e.conn);
      made = host::create_patient(*e.conn, 1, p, today, "clerk1");
      tx.commit();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("added"), made.assistance);
    CPPUNIT_ASSERT_EQUAL(1LL, made.kohid);
    CPPUNIT_ASSERT_EQUAL(0LL, made.hknid);
    CPPUNIT_ASSERT_EQUAL(std::string("0|1|1"),
                         e.q("SELECT concat_ws('|', hknid, kohid, autocombinum) FROM tbl_ptnum "
                             "WHERE hospnum = 1 AND ptid = " +
                             std::to_string(made.ptid)));
    CPPUNIT_ASSERT_EQUAL(
        "1|012|01|12139999|7654321|20251101|99999999|[        ]|[ ]|clerk1|" + today,
        kohinf(e, made.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("1|0|[   ]|1|012|01|20251101|99999999|生保|2|[ ]"),
                         combis(e, made.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM tbl_pthkninf WHERE "
                                               "hospnum = 1 AND ptid = " +
                                               std::to_string(made.ptid)));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), nulls(e, made.ptid));
    // An expired ticket: the patient without the public-expense row (staff register it).
    p.name = "扶助　次郎";
    p.assistance.tickets = {{"20250601", "20250630"}};
    {
      db::Transaction tx(*e.conn);
      made = host::create_patient(*e.conn, 1, p, today, "clerk1");
      tx.commit();
    }
    CPPUNIT_ASSERT_EQUAL(std::string("expired"), made.assistance);
    CPPUNIT_ASSERT_EQUAL(0LL, made.kohid);
    CPPUNIT_ASSERT_EQUAL(std::string("0|0|0"),
                         e.q("SELECT concat_ws('|', hknid, kohid, autocombinum) FROM tbl_ptnum "
                             "WHERE hospnum = 1 AND ptid = " +
                             std::to_string(made.ptid)));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublicAssistanceApplyTest);

}  // namespace onshi::test
