// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Every statement of plugin/host runs once against the ORCA 5.2-shaped host with real values, so
// that each is parsed, typed and planned there: a clash of ORCA's key types (smallint, numeric,
// bigint) with ours, a column ORCA does not have or a NULL where ORCA writes a blank fails here.
// make check runs this suite in a UTF-8 and in an EUC-JP database (ORCA's default).
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"
#include "db/facility.h"
#include "db/flow_env.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"
#include "exchange/qualification.h"
#include "host/confirmation.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "host/planner_statistics.h"
#include "host/reception.h"
#include "host/reference_numbers.h"
#include "host/staff.h"
#include "text/normalize.h"

namespace onshi::test {

class HostStatementsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HostStatementsTest);
  CPPUNIT_TEST(testPatientLookups);
  CPPUNIT_TEST(testInsuranceLookups);
  CPPUNIT_TEST(testConfirmationWrites);
  CPPUNIT_TEST(testReceptionAndReservations);
  CPPUNIT_TEST(testStaffAndFacility);
  CPPUNIT_TEST(testReferenceNumbers);
  CPPUNIT_TEST(testFreshHostLookupsUseTheirKeys);
  CPPUNIT_TEST(testFreshHostStatisticsNeedTheOwner);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPatientLookups() {
    FlowEnv e;
    db::Connection& c = *e.conn;
    host::PgPatientSource src(c, 1);
    CPPUNIT_ASSERT_EQUAL(123LL, src.by_ptnum("000123")->ptid);
    CPPUNIT_ASSERT(!src.by_ptnum("123"));
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), src.by_ptid(101)->ptnum);
    CPPUNIT_ASSERT(src.by_ptid(199)->test_patient);
    CPPUNIT_ASSERT(!src.by_ptid(101)->test_patient);
    // ORCA's full-width card numbers are found by the terminal's half-width values.
    c.exec(
        "UPDATE tbl_pthkninf SET kigo = '１２３４', num = '５６７８９' WHERE hospnum = 1 AND ptid "
        "= 101");
    std::vector<match::Coverage> cov = src.by_card("06139999", "1234", "56789");
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), cov.size());  // 101 and the test patient 199
    CPPUNIT_ASSERT_EQUAL(101LL, cov[0].patient.ptid);
    CPPUNIT_ASSERT_EQUAL(std::string("006"), cov[0].kind);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), src.by_public_expense("12139999", "1234567").size());
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(1),
        src.same_person(text::name_match_key("テスト　タロウ"), "19800415", "1").size());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), *host::test_patient_flag(c, 1, 199));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), *host::test_patient_flag(c, 1, 101));
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), *host::patient_number(c, 1, 101));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), host::patients_by_number(c, 1, " 000101 ").size());
    CPPUNIT_ASSERT_EQUAL(std::string("19800415"), host::request_patient(c, 1, 101)->birthday);
    CPPUNIT_ASSERT_EQUAL(std::string("テスト　太郎"), host::patient_details(c, 1, 101)->name);
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), host::patient_with_number(c, 1, 101)->ptnum);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), host::patient_to_link(c, 1, 199)->test_flag);
    CPPUNIT_ASSERT_EQUAL(std::string("000102"), host::numbered_patient(c, 1, 102)->ptnum);
    // Reference numbers follow the facility's source: patient numbers by default, internal ids
    // when so configured (never a patient whose number merely looks like the id).
    c.exec("UPDATE tbl_ptnum SET ptnum = '105' WHERE hospnum = 1 AND ptid = 101");
    CPPUNIT_ASSERT_EQUAL(101LL, host::PgPatientSource(c, 1).by_reference_number("105")->ptid);
    c.exec("UPDATE onshi_facility SET reference_number_source = 'ptid' WHERE hospnum = 1");
    host::PgPatientSource by_id(c, 1);
    CPPUNIT_ASSERT_EQUAL(105LL, by_id.by_reference_number("105")->ptid);
    CPPUNIT_ASSERT(!by_id.by_reference_number("000105x"));
    // The setting is read with each lookup: a change applies to the next one.
    c.exec("UPDATE onshi_facility SET reference_number_source = 'ptnum' WHERE hospnum = 1");
    CPPUNIT_ASSERT_EQUAL(101LL, by_id.by_reference_number("105")->ptid);
    CPPUNIT_ASSERT(!by_id.by_reference_number("000105x"));
  }

  /// Makes the keyed host tables look freshly loaded (never vacuumed or analysed, as after a
  /// restore or an ORCA update that re-created them) with 3,000 more patients of facility 1 and,
  /// after them in id order, patient 200000 (number 200000, card 06139999 / 1234 / 98765);
  /// autovacuum is kept away from them for the test.
  static void make_fresh_host(db::Connection& c) {
    for (const std::string& t : host::keyed_host_tables())
      c.exec("ALTER TABLE " + t + " SET (autovacuum_enabled = off)");
    c.exec(
        "INSERT INTO tbl_ptinf SELECT (jsonb_populate_record(p, jsonb_build_object('ptid', "
        "g))).* FROM tbl_ptinf p, generate_series(100000, 102999) g WHERE p.hospnum = 1 AND "
        "p.ptid = 102");
    c.exec(
        "INSERT INTO tbl_ptinf SELECT (jsonb_populate_record(p, jsonb_build_object('ptid', "
        "200000))).* FROM tbl_ptinf p WHERE p.hospnum = 1 AND p.ptid = 101");
    c.exec(
        "INSERT INTO tbl_ptnum SELECT (jsonb_populate_record(n, jsonb_build_object('ptid', "
        "200000, 'ptnum', '200000'))).* FROM tbl_ptnum n WHERE n.hospnum = 1 AND n.ptid = 101");
    c.exec(
        "INSERT INTO tbl_pthkninf SELECT (jsonb_populate_record(h, jsonb_build_object('ptid', "
        "200000, 'kigo', '１２３４', 'num', '９８７６５'))).* FROM tbl_pthkninf h "
        "WHERE h.hospnum = 1 AND h.ptid = 101");
    c.exec(
        "UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE relname IN ('tbl_ptinf', "
        "'tbl_ptnum', 'tbl_pthkninf', 'tbl_ptkohinf')");
    c.exec(
        "DELETE FROM pg_statistic WHERE starelid IN ('tbl_ptinf'::regclass, 'tbl_ptnum'::regclass, "
        "'tbl_pthkninf'::regclass, 'tbl_ptkohinf'::regclass)");
  }

  /// Rows of tbl_ptinf this connection read (sequentially or by index) and has not yet reported
  /// to the statistics collector: compare before and after a call.
  static long long patient_rows_read(db::Connection& c) {
    return std::stoll(scalar(c,
                             "SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) "
                             "FROM pg_stat_xact_user_tables WHERE relname = 'tbl_ptinf'"));
  }

  void testFreshHostLookupsUseTheirKeys() {
    // Without statistics tbl_ptinf (wider than a page) is estimated at one row, and the card
    // lookup's plan read the facility's patients in id order up to the one found (all 3,000
    // here; 37,500 on a 50,000-patient host) for each file. prepare_linking (the engine's first
    // connect) gathers the statistics; then each lookup reads its own rows.
    FlowEnv e;
    make_fresh_host(*e.conn);
    CPPUNIT_ASSERT(!host::unplanned_host_tables(*e.conn).empty());
    const host::StatisticsPass pass = exchange::prepare_linking(*e.conn);
    CPPUNIT_ASSERT(!pass.analysed.empty());
    CPPUNIT_ASSERT(pass.not_permitted.empty());
    CPPUNIT_ASSERT(host::unplanned_host_tables(*e.conn).empty());

    std::unique_ptr<db::Connection> c = e.tdb.connect();  // plans made from now on
    host::PgPatientSource src(*c, 1);
    for (int round = 0; round < 8; ++round) {  // past the custom plans: the cached generic one
      long long before = patient_rows_read(*c);
      std::vector<match::Coverage> cov = src.by_card("06139999", "1234", "98765");
      CPPUNIT_ASSERT(!cov.empty());
      for (const match::Coverage& one : cov) CPPUNIT_ASSERT_EQUAL(200000LL, one.patient.ptid);
      long long read = patient_rows_read(*c) - before;
      CPPUNIT_ASSERT_MESSAGE(std::to_string(read) + " patient rows read by the card lookup",
                             read <= static_cast<long long>(cov.size()) + 1);
      before = patient_rows_read(*c);
      CPPUNIT_ASSERT_EQUAL(200000LL, src.by_ptnum("200000")->ptid);
      read = patient_rows_read(*c) - before;
      CPPUNIT_ASSERT_MESSAGE(std::to_string(read) + " patient rows read by the number lookup",
                             read <= 2);
    }
    // A second look finds nothing left to do.
    CPPUNIT_ASSERT(exchange::prepare_linking(*e.conn).analysed.empty());
  }

  void testFreshHostStatisticsNeedTheOwner() {
    // The engine's role may not own ORCA's tables: it reports them instead of failing.
    FlowEnv e;
    make_fresh_host(*e.conn);
    e.conn->exec(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onshi_stats_test') "
        "THEN CREATE ROLE onshi_stats_test LOGIN; END IF; END $$");
    db::Connection other("dbname=" + e.tdb.name() + " user=onshi_stats_test");
    const host::StatisticsPass pass = exchange::prepare_linking(other);
    CPPUNIT_ASSERT(pass.analysed.empty());
    CPPUNIT_ASSERT(!pass.not_permitted.empty());
    CPPUNIT_ASSERT(std::find(pass.not_permitted.begin(), pass.not_permitted.end(), "tbl_ptinf") !=
                   pass.not_permitted.end());
    CPPUNIT_ASSERT(!host::unplanned_host_tables(*e.conn).empty());
  }

  void testInsuranceLookups() {
    FlowEnv e;
    db::Connection& c = *e.conn;
    c.exec(
        "UPDATE tbl_pthkninf SET kigo = '１２３４', num = '５６７８９' WHERE hospnum = 1 AND ptid "
        "= 101");
    host::CurrentInsuranceQuery q;
    q.date = "20250612";
    q.require_number = true;
    std::optional<host::Insurance> i = host::current_insurance(c, 1, 101, q);
    CPPUNIT_ASSERT(i);
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), i->insurer);
    CPPUNIT_ASSERT_EQUAL(std::string("1234"), *i->symbol);  // sent half-width
    CPPUNIT_ASSERT_EQUAL(std::string("56789"), i->number);
    q.date.reset();
    q.prefer_hknid = 1;
    CPPUNIT_ASSERT(host::current_insurance(c, 1, 101, q));
    // 113's second card is deleted (sakjokbn '1'): never current, read as deleted by id.
    CPPUNIT_ASSERT(host::insurance_by_id(c, 1, 113, 2)->deleted);
    CPPUNIT_ASSERT(!host::insurance_by_id(c, 1, 113, 1)->deleted);
    CPPUNIT_ASSERT(host::registered_insurance(c, 1, 101, 1));
    CPPUNIT_ASSERT(!host::registered_insurance(c, 1, 113, 2));
    CPPUNIT_ASSERT(host::registered_insurance_by_card(c, 1, 101, "06139999", "56789", "1234"));
  }

  void testConfirmationWrites() {
    FlowEnv e;
    db::Connection& c = *e.conn;
    db::Transaction tx(c);
    const host::Stamp stamp{"20250612", "101500"};
    CPPUNIT_ASSERT(
        host::confirm_public_expense(c, 1, 106, "20250612", "12139999", "1234567", stamp));
    host::InsuranceConfirmation ic;
    ic.date = "20250612";
    ic.fill_branch = std::string("00");
    ic.insurer = "01130012";
    ic.symbol = "40110203";
    ic.number = "1122";
    CPPUNIT_ASSERT_EQUAL(1, *host::confirm_insurance(c, 1, 102, ic, stamp));
    CPPUNIT_ASSERT_EQUAL(
        std::string("20250612|00|ONSHI"),
        scalar(c,
               "SELECT kakuninymd || '|' || edaban || '|' || opid FROM tbl_pthkninf "
               "WHERE hospnum = 1 AND ptid = 102 AND hknid = 1"));
    // Found by its numbers: a future date (tomorrow's pre-check) names the row and leaves its
    // date; numbers of no row of the patient confirm nothing.
    ic.date = "29991231";
    ic.fill_branch.reset();
    CPPUNIT_ASSERT_EQUAL(1, *host::confirm_insurance(c, 1, 102, ic, stamp));
    CPPUNIT_ASSERT_EQUAL(
        std::string("20250612"),
        scalar(c,
               "SELECT kakuninymd FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 102 "
               "AND hknid = 1"));
    ic.date = "20250612";
    ic.number = "9999";
    CPPUNIT_ASSERT(!host::confirm_insurance(c, 1, 102, ic, stamp));
    CPPUNIT_ASSERT(host::accept_returned_value(c, 1, 102, 1, "insured_name", "架空 一郎", stamp,
                                               "clerk1") == host::AcceptOutcome::updated);
    CPPUNIT_ASSERT_EQUAL(
        std::string("架空　一郎"),
        scalar(c, "SELECT hihknjaname FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 102"));
    CPPUNIT_ASSERT(host::accept_returned_value(c, 1, 102, std::nullopt, "kana", "ｶｸｳ ﾊﾅｺ", stamp,
                                               "clerk1") == host::AcceptOutcome::updated);
    CPPUNIT_ASSERT_EQUAL(
        std::string("カクウ　ハナコ"),
        scalar(c, "SELECT kananame FROM tbl_ptinf WHERE hospnum = 1 AND ptid = 102"));
    // tbl_monthlynum (ORCA's numeric keys): the issue numbers of the tickets, inserted, kept,
    // updated.
    const std::vector<host::TicketIssue> tickets{{"0012345", "202506", "02"},
                                                 {"0012346", "202506", "01"}};
    host::IssueNumberCopy copy =
        host::copy_issue_numbers(c, 1, 106, "12139999", "1234567", tickets, stamp);
    CPPUNIT_ASSERT_EQUAL(std::string(), copy.skipped);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), copy.writes.size());
    CPPUNIT_ASSERT_EQUAL(std::string("inserted"), copy.writes[0].outcome);
    CPPUNIT_ASSERT_EQUAL(
        std::string("202506 1 0012346|202506 2 0012345"),
        scalar(c,
               "SELECT string_agg(sryym || ' ' || nyugaikbn || ' ' || trim(kofunum), '|' "
               "ORDER BY nyugaikbn) FROM tbl_monthlynum WHERE hospnum = 1 AND ptid = 106 "
               "AND kohnum = '012' AND jkysnum = '1234567'"));
    copy = host::copy_issue_numbers(c, 1, 106, "12139999", "1234567", {tickets[0]}, stamp);
    CPPUNIT_ASSERT_EQUAL(std::string("unchanged"), copy.writes.at(0).outcome);
    copy = host::copy_issue_numbers(c, 1, 106, "12139999", "1234567", {{"0099999", "202506", "02"}},
                                    stamp);
    CPPUNIT_ASSERT_EQUAL(std::string("updated"), copy.writes.at(0).outcome);
    // No public-assistance row with these numbers: nothing written.
    CPPUNIT_ASSERT_EQUAL(
        std::string("no_row"),
        host::copy_issue_numbers(c, 1, 106, "12139999", "7654321", tickets, stamp).skipped);
  }

  void testReceptionAndReservations() {
    FlowEnv e;
    db::Connection& c = *e.conn;
    // The day's header row (ukeid 0) is not a patient; a real reception row is.
    const std::string day = scalar(c, "SELECT min(ukeymd) FROM tbl_uketuke WHERE hospnum = 1");
    CPPUNIT_ASSERT(!host::reception_patient(c, 1, day, 0));
    const long long ukeid =
        std::stoll(scalar(c,
                          "SELECT min(ukeid) FROM tbl_uketuke WHERE hospnum = 1 "
                          "AND ukeymd = '" +
                              day + "' AND ukeid > 0"));
    CPPUNIT_ASSERT(host::reception_patient(c, 1, day, ukeid));
    std::optional<std::string> next = host::next_reservation_day(c, 1, "20250612", 30);
    CPPUNIT_ASSERT(next);
    const std::vector<host::ReservedPatient> reserved = host::reserved_patients(c, 1, *next);
    CPPUNIT_ASSERT(!reserved.empty());
    for (const host::ReservedPatient& p : reserved) CPPUNIT_ASSERT(p.ptid != 0);  // no header rows
    const std::vector<host::ReservationRow> rows = host::reservations_of_day(c, 1, *next);
    CPPUNIT_ASSERT(!rows.empty());
    for (const host::ReservationRow& r : rows) {
      CPPUNIT_ASSERT_EQUAL(std::size_t(6), r.time.size());  // HHMMSS from numeric HHMM
      CPPUNIT_ASSERT(r.ptid != 0);
    }
  }

  void testStaffAndFacility() {
    FlowEnv e;
    db::Connection& c = *e.conn;
    std::optional<host::StaffMember> m = host::staff_member(c, 1, "ormaster");
    CPPUNIT_ASSERT(m && m->supervisor);
    CPPUNIT_ASSERT(!host::staff_member(c, 1, "doctor1")->supervisor);
    CPPUNIT_ASSERT(!host::staff_member(c, 2, "doctor1"));  // another facility's user
    CPPUNIT_ASSERT_EQUAL(std::string("架空　医師一"), host::staff_member(c, 1, "doctor1")->name);
    CPPUNIT_ASSERT(!*host::may_view(c, 1, "doctor1", host::ViewPermission::drug));
    CPPUNIT_ASSERT(
        host::set_staff_permissions(c, 1, "doctor1", "1", "0", "20250612", "101500", "ormaster"));
    CPPUNIT_ASSERT(*host::may_view(c, 1, "doctor1", host::ViewPermission::drug));
    CPPUNIT_ASSERT(!*host::may_view(c, 1, "doctor1", host::ViewPermission::checkup));
    CPPUNIT_ASSERT(!host::may_view(c, 2, "doctor1", host::ViewPermission::drug));
    CPPUNIT_ASSERT(!host::set_staff_permissions(c, 1, "nobody", "1", "1", "", "", "ormaster"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), host::staff_permissions(c, 1, "doctor1")->drug_view);
    CPPUNIT_ASSERT_EQUAL(std::string("1312345678"), *host::institution_code(c, 1));
    CPPUNIT_ASSERT(!host::plugin_password_set(c, 1));
    host::store_plugin_password(c, 1, "Secret-Pass-2026");
    CPPUNIT_ASSERT(host::plugin_password_set(c, 1));
    CPPUNIT_ASSERT(host::plugin_password_matches(c, 1, "Secret-Pass-2026"));
  }

  void testReferenceNumbers() {
    FlowEnv e;
    db::Connection& c = *e.conn;
    CPPUNIT_ASSERT_EQUAL(std::string("000101"), *host::reference_number_source_value(c, 1, 101));
    c.exec(
        "INSERT INTO onshi_refnum_run (hospnum, chunk_size, started_by) VALUES (1, 100, 'test')");
    const long long run = std::stoll(scalar(c, "SELECT max(run_id) FROM onshi_refnum_run"));
    host::fill_bulk_registration(c, 1, run, 100);
    CPPUNIT_ASSERT(std::stoi(scalar(c, "SELECT total FROM onshi_refnum_run WHERE run_id = " +
                                           std::to_string(run))) > 0);
    // Sent half-width, whatever ORCA holds.
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(c, "SELECT count(*) FROM onshi_refnum_entry WHERE card_number ~ '[０-９]'"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostStatementsTest);

}  // namespace onshi::test
