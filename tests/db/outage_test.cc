// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Outage mode (exchange/outage.h): statements recorded while the terminal is down, checked again
// with the visit date once it answers, what the answer changed, statements without a patient,
// refusals that store nothing, and the disaster declaration's drug-information gate.
#include "exchange/outage.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

#include "admin/command_support.h"
#include "admin/outage_command.h"
#include "db/flow_env.h"
#include "exchange/medical_info.h"
#include "store/outage.h"

namespace onshi::test {

using exchange::MedicalInfoKind;
using exchange::MedicalRefusal;

class OutageTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OutageTest);
  CPPUNIT_TEST(testRecheckedWithTheVisitDateAfterRecovery);
  CPPUNIT_TEST(testChangesListed);
  CPPUNIT_TEST(testStatementWithoutPatientWaitsForLink);
  CPPUNIT_TEST(testRefusalsStoreNothing);
  CPPUNIT_TEST(testDisasterOpensOnlyTheDrugGate);
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
  static std::string ptnum(FlowEnv& e, long long ptid) {
    return e.q("SELECT trim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND ptid = " +
               std::to_string(ptid));
  }
  static std::string yesterday(FlowEnv& e) {
    return e.q("SELECT to_char(current_date - 1, 'YYYYMMDD')");
  }
  /// Records taro's statement (patient 101) for yesterday's visit; returns its id.
  static std::string record_taro(FlowEnv& e, const std::string& name,
                                 const std::string& birthdate) {
    const Run r =
        admin(e, admin::run_outage,
              {"record", "--hospnum", "1", "--patient", ptnum(e, 101), "--name", name, "--sex", "1",
               "--birthdate", birthdate, "--user", "clerk1", "--date", yesterday(e)});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    return e.q("SELECT max(statement_id) FROM onshi_outage_statement");
  }

 public:
  void testRecheckedWithTheVisitDateAfterRecovery() {
    FlowEnv e;
    const std::string id = record_taro(e, "テスト　太郎", "19800415");
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'outage' "
                             "AND info_id = " +
                             id + " AND userid = 'clerk1'"));
    // No sign of the terminal since: nothing is asked yet.
    exchange::OutageRecheckPass p = exchange::recheck_outage_statements(*e.conn, e.facility);
    CPPUNIT_ASSERT_EQUAL(0, p.queued);
    CPPUNIT_ASSERT_EQUAL(
        std::string("waiting"),
        e.q("SELECT state FROM onshi_outage_statement WHERE statement_id = " + id));
    // The terminal answers again (a card check-in arrives): the check goes out with the visit
    // date, once.
    e.check_in("kenichi");
    p = exchange::recheck_outage_statements(*e.conn, e.facility);
    CPPUNIT_ASSERT_EQUAL(1, p.queued);
    CPPUNIT_ASSERT_EQUAL(0, exchange::recheck_outage_statements(*e.conn, e.facility).queued);
    e.pump(3);
    CPPUNIT_ASSERT_EQUAL(
        yesterday(e),
        e.q("SELECT c.confirmation_date FROM onshi_confirmation c JOIN onshi_outage_statement s "
            "ON s.job_id = c.job_id WHERE s.statement_id = " +
            id));
    p = exchange::recheck_outage_statements(*e.conn, e.facility);
    CPPUNIT_ASSERT_EQUAL(1, p.answered);
    const std::optional<store::OutageStatement> s =
        store::outage_statement(*e.conn, 1, std::stoll(id));
    CPPUNIT_ASSERT(s && s->state == "answered" && s->confirmation_id);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), s->validity);
    CPPUNIT_ASSERT(exchange::outage_changes(*s).empty());
    const Run l = admin(e, admin::run_outage, {"list", "--hospnum", "1"});
    CPPUNIT_ASSERT_EQUAL(0, l.status);
    CPPUNIT_ASSERT_MESSAGE(l.out, has(l.out, "answered") && has(l.out, "nothing changed"));
  }

  void testChangesListed() {
    FlowEnv e;
    const std::string id = record_taro(e, "テスト　太朗", "19800416");
    const Run r = admin(e, admin::run_outage, {"recheck", "--hospnum", "1"});  // staff: now
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_MESSAGE(r.out, has(r.out, "1 re-check(s) queued"));
    e.pump(3);
    exchange::recheck_outage_statements(*e.conn, e.facility);
    const auto s = store::outage_statement(*e.conn, 1, std::stoll(id));
    CPPUNIT_ASSERT(s);
    CPPUNIT_ASSERT_EQUAL(std::string("name,birthdate"), [&] {
      std::string j;
      for (const std::string& c : exchange::outage_changes(*s)) j += (j.empty() ? "" : ",") + c;
      return j;
    }());
    const Run l = admin(e, admin::run_outage, {"list", "--hospnum", "1"});
    CPPUNIT_ASSERT_MESSAGE(l.out, has(l.out, "changed: name, birthdate"));
  }

  void testStatementWithoutPatientWaitsForLink() {
    FlowEnv e;
    Run r = admin(e, admin::run_outage,
                  {"record", "--hospnum", "1", "--name", "来院　花子", "--sex", "2", "--birthdate",
                   "19750101", "--user", "clerk1", "--address", "東京都千代田区1", "--insurer",
                   "協会けんぽ"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    const std::string id = e.q("SELECT max(statement_id) FROM onshi_outage_statement");
    CPPUNIT_ASSERT_EQUAL(0, exchange::recheck_outage_statements(*e.conn, e.facility, true).queued);
    r = admin(e, admin::run_outage, {"list", "--hospnum", "1", "--open"});
    CPPUNIT_ASSERT_MESSAGE(r.out, has(r.out, "patient -: waiting"));
    // Registered as patient 102 meanwhile: linked, then checked.
    r = admin(e, admin::run_outage,
              {"link", "--hospnum", "1", "--statement", id, "--patient", ptnum(e, 102), "--user",
               "clerk1"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_EQUAL(1, exchange::recheck_outage_statements(*e.conn, e.facility, true).queued);
    // A cancelled statement is never asked about again; cancelling twice is refused.
    r = admin(e, admin::run_outage,
              {"cancel", "--hospnum", "1", "--statement", id, "--user", "clerk1"});
    CPPUNIT_ASSERT_EQUAL(0, r.status);
    r = admin(e, admin::run_outage,
              {"cancel", "--hospnum", "1", "--statement", id, "--user", "clerk1"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, r.status);
    // Who linked and who cancelled, audited once each.
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'outage' "
                             "AND userid = 'clerk1' AND info_id = " +
                             id + " AND (detail LIKE 'linked%' OR detail LIKE 'cancelled%')"));
  }

  void testRefusalsStoreNothing() {
    FlowEnv e;
    auto record = [&](std::vector<std::string> extra) {
      std::vector<std::string> a = {"record", "--hospnum",   "1",        "--name", "X",     "--sex",
                                    "1",      "--birthdate", "19800101", "--user", "clerk1"};
      for (auto& x : extra) a.push_back(x);
      return admin(e, admin::run_outage, a);
    };
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, record({"--date", "29991231"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, record({"--date", "20250231"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, record({"--birthdate", "19800132"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, record({"--sex", "3"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, record({"--patient", "no-such"}).status);
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, admin(e, admin::run_outage,
                                                  {"record", "--hospnum", "1", "--name", "X",
                                                   "--sex", "1", "--birthdate", "19800101"})
                                                .status);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_outage_statement"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'outage'"));
    // A patient the engine cannot ask about (a test patient): staff act, with the reason.
    e.conn->exec("UPDATE tbl_ptinf SET tstptnumkbn = '1' WHERE hospnum = 1 AND ptid = 101");
    record_taro(e, "テスト　太郎", "19800415");
    const exchange::OutageRecheckPass p =
        exchange::recheck_outage_statements(*e.conn, e.facility, true);
    CPPUNIT_ASSERT_EQUAL(0, p.queued);
    CPPUNIT_ASSERT_EQUAL(1, p.staff);
    CPPUNIT_ASSERT_EQUAL(std::string("staff"), e.q("SELECT state FROM onshi_outage_statement"));
    CPPUNIT_ASSERT(e.q("SELECT note FROM onshi_outage_statement") != "");
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.q("SELECT count(*) FROM onshi_job"));
  }

  void testDisasterOpensOnlyTheDrugGate() {
    FlowEnv e;
    e.conn->exec(
        "INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view) "
        "VALUES (1, 'doctor1', true, true), (1, 'clerk1', false, false)");
    auto gate = [&](MedicalInfoKind k, const char* user = "doctor1") {
      return exchange::check_medical_access(*e.conn, 1, 101, k, user);
    };
    CPPUNIT_ASSERT(gate(MedicalInfoKind::drug).refusal == MedicalRefusal::no_consent);
    Run r = admin(e, admin::run_disaster, {"declare", "--hospnum", "1", "--user", "admin1"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, r.status);  // no reason
    r = admin(e, admin::run_disaster,
              {"declare", "--hospnum", "1", "--user", "admin1", "--reason", "notice 2026-12",
               "--until", "20000101"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, r.status);  // a past end
    r = admin(e, admin::run_disaster,
              {"declare", "--hospnum", "1", "--user", "admin1", "--reason", "notice 2026-12"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_MESSAGE(r.out, has(r.out, "disaster declared since"));
    exchange::MedicalAccess a = gate(MedicalInfoKind::drug);
    CPPUNIT_ASSERT(a.allowed());
    CPPUNIT_ASSERT(has(a.disaster, "by admin1"));
    // Only drug information, and only for staff permitted to view it.
    CPPUNIT_ASSERT(gate(MedicalInfoKind::checkup).refusal == MedicalRefusal::no_consent);
    CPPUNIT_ASSERT(gate(MedicalInfoKind::drug, "clerk1").refusal == MedicalRefusal::no_permission);
    const long long job =
        exchange::queue_medical_info(*e.conn, 1, 101, MedicalInfoKind::drug, "doctor1");
    CPPUNIT_ASSERT(job > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'request' AND "
                             "detail LIKE '%without consent under the disaster declaration%'"));
    r = admin(e, admin::run_disaster, {"end", "--hospnum", "1", "--user", "admin1"});
    CPPUNIT_ASSERT_EQUAL(0, r.status);
    CPPUNIT_ASSERT(gate(MedicalInfoKind::drug).refusal == MedicalRefusal::no_consent);
    r = admin(e, admin::run_disaster, {"end", "--hospnum", "1", "--user", "admin1"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, r.status);
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE info_kind = 'disaster'"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OutageTest);

}  // namespace onshi::test
